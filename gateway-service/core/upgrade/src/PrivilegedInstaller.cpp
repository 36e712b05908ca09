#include <netgateway/upgrade/MsiexecCommand.h>
#include <netgateway/upgrade/PackageCheck.h>
#include <netgateway/upgrade/PrivilegedInstaller.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#ifndef Q_OS_WIN
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace netgateway::upgrade {

namespace {

constexpr qint64 kMaxRequestBytes = ManifestVerifier::kMaxManifestBytes * 2;

// Opens a file the unprivileged service wrote: never through a symbolic link,
// and only a regular file.
bool openUntrusted(const QString &path, QFile &file, QString &error)
{
#ifdef Q_OS_WIN
    // The service's virtual account cannot create symbolic links (no
    // SeCreateSymbolicLinkPrivilege); junctions and links are refused anyway.
    const QFileInfo info(path);
    if (info.isSymLink() || info.isJunction() || !info.isFile()) {
        error = QStringLiteral("%1 is not a regular file").arg(path);
        return false;
    }
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
#else
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        error = QStringLiteral("cannot open %1: %2").arg(path, QString::fromLocal8Bit(::strerror(errno)));
        return false;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        error = QStringLiteral("%1 is not a regular file").arg(path);
        return false;
    }
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        error = QStringLiteral("cannot read %1").arg(path);
        return false;
    }
    return true;
#endif
}

// Copies at most `limit` bytes; more than that is an error.
bool copyBounded(QFile &from, const QString &to, qint64 limit, QString &error)
{
    QFile::remove(to);
    QFile out(to);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        error = QStringLiteral("cannot write %1: %2").arg(to, out.errorString());
        return false;
    }
    qint64 copied = 0;
    while (true) {
        const QByteArray chunk = from.read(64 * 1024);
        if (chunk.isEmpty()) {
            break;
        }
        copied += chunk.size();
        if (copied > limit) {
            error = QStringLiteral("the package is larger than the %1 bytes its manifest announces").arg(limit);
            return false;
        }
        if (out.write(chunk) != chunk.size()) {
            error = QStringLiteral("cannot write %1: %2").arg(to, out.errorString());
            return false;
        }
    }
    return out.flush();
}

} // namespace

QString resultName(PrivilegedInstaller::Result result)
{
    using R = PrivilegedInstaller::Result;
    switch (result) {
    case R::NoRequest:
        return QStringLiteral("no-request");
    case R::Installed:
        return QStringLiteral("installed");
    case R::RolledBack:
        return QStringLiteral("rolled-back");
    case R::Refused:
        return QStringLiteral("refused");
    case R::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

PrivilegedInstaller::Platform PrivilegedInstaller::debian()
{
    Platform p;
    p.suffix = QStringLiteral("deb");
    p.installCommands = [](const QString &package) {
        return QList<QStringList>{{QStringLiteral("apt-get"), QStringLiteral("install"), QStringLiteral("-y"),
                                   QStringLiteral("--no-install-recommends"), package}};
    };
    p.rollbackCommands = [](const QString &previous, const QString &) {
        return QList<QStringList>{{QStringLiteral("apt-get"), QStringLiteral("install"), QStringLiteral("-y"),
                                   QStringLiteral("--no-install-recommends"), QStringLiteral("--allow-downgrades"),
                                   previous}};
    };
    return p;
}

PrivilegedInstaller::Platform PrivilegedInstaller::windowsMsi(const core::InstallProperties &properties,
                                                              const QString &logDirectory, SignatureCheck authenticode)
{
    Platform p;
    p.suffix = QStringLiteral("msi");
    const QString installLog = QDir(logDirectory).filePath(QStringLiteral("msiexec-install.log"));
    const QString removeLog = QDir(logDirectory).filePath(QStringLiteral("msiexec-remove.log"));
    const QString program = QString::fromLatin1(MsiexecCommand::kProgram);
    p.installCommands = [=](const QString &package) {
        return QList<QStringList>{QStringList{program} + MsiexecCommand::install(package, installLog, properties)};
    };
    p.rollbackCommands = [=](const QString &previous, const QString &current) {
        return QList<QStringList>{QStringList{program} + MsiexecCommand::uninstall(current, removeLog),
                                  QStringList{program} + MsiexecCommand::install(previous, installLog, properties)};
    };
    p.checkPackage = std::move(authenticode);
    return p;
}

PrivilegedInstaller::PrivilegedInstaller(const ManifestVerifier &verifier, QString requestDirectory,
                                         QString stateDirectory, Runner runner)
    : PrivilegedInstaller(verifier, std::move(requestDirectory), std::move(stateDirectory), std::move(runner), debian())
{
}

PrivilegedInstaller::PrivilegedInstaller(const ManifestVerifier &verifier, QString requestDirectory,
                                         QString stateDirectory, Runner runner, Platform platform)
    : m_verifier(verifier), m_requestDir(std::move(requestDirectory)), m_stateDir(std::move(stateDirectory)),
      m_runner(std::move(runner)), m_platform(std::move(platform))
{
}

QString PrivilegedInstaller::kept(const char *name) const
{
    return QDir(m_stateDir).filePath(QString::fromLatin1(name) + QLatin1Char('.') + m_platform.suffix);
}

bool PrivilegedInstaller::runAll(const QList<QStringList> &commands, QString &message)
{
    for (const QStringList &argv : commands) {
        if (!m_runner(argv, message)) {
            return false;
        }
    }
    return true;
}

PrivilegedInstaller::Result PrivilegedInstaller::handleRequest(QString &message)
{
    const QString requestPath = QDir(m_requestDir).filePath(QStringLiteral("request.json"));
    QFile request;
    QString error;
    if (!QFileInfo::exists(requestPath) && !QFileInfo(requestPath).isSymLink()) {
        message = QStringLiteral("no upgrade request");
        return Result::NoRequest;
    }
    if (!openUntrusted(requestPath, request, error) || request.size() > kMaxRequestBytes) {
        QFile::remove(requestPath);
        message = error.isEmpty() ? QStringLiteral("the upgrade request is too large") : error;
        return finish(Result::Refused, message);
    }
    const QJsonObject body = QJsonDocument::fromJson(request.read(kMaxRequestBytes)).object();
    request.close();
    QFile::remove(requestPath);
    const QString action = body.value(QStringLiteral("action")).toString();
    Result result = Result::Refused;
    if (action == QLatin1String("install")) {
        result = install(body.value(QStringLiteral("manifest")).toString().toUtf8(), message);
    } else if (action == QLatin1String("rollback")) {
        result = rollBack(message);
    } else {
        message = QStringLiteral("the upgrade request has no valid \"action\"");
    }
    return finish(result, message);
}

PrivilegedInstaller::Result PrivilegedInstaller::install(const QByteArray &manifestDocument, QString &message)
{
    Manifest manifest;
    if (m_verifier.verify(manifestDocument, manifest, message) != ManifestVerifier::Refusal::None) {
        return Result::Refused;
    }
    const QString source = QDir(m_requestDir).filePath(QStringLiteral("package.") + m_platform.suffix);
    const QString incoming = kept("incoming");
    QFile package;
    if (!openUntrusted(source, package, message)) {
        return Result::Refused;
    }
    if (!copyBounded(package, incoming, manifest.packageSize, message) ||
        !PackageCheck::checkFile(manifest, incoming, message)) {
        QFile::remove(incoming);
        return Result::Refused;
    }
    package.close();
    QFile::remove(source);
    // The platform's check runs on the verified copy, which only the helper can write.
    if (m_platform.checkPackage && !m_platform.checkPackage(incoming, message)) {
        QFile::remove(incoming);
        return Result::Refused;
    }
    if (!runAll(m_platform.installCommands(incoming), message)) {
        QFile::remove(incoming);
        return Result::Failed;
    }
    // Keep what is now installed, and what it replaced, for a rollback.
    const QString current = kept("current");
    const QString previous = kept("previous");
    if (QFile::exists(current)) {
        QFile::remove(previous);
        QFile::rename(current, previous);
    }
    QFile::rename(incoming, current);
    message = QStringLiteral("installed version %1").arg(manifest.version.toString());
    return Result::Installed;
}

PrivilegedInstaller::Result PrivilegedInstaller::rollBack(QString &message)
{
    const QString previous = kept("previous");
    const QString current = kept("current");
    if (!QFile::exists(previous)) {
        message = QStringLiteral("no previous package is kept; reinstall the previous release manually");
        return Result::Failed;
    }
    const QList<QStringList> commands = m_platform.rollbackCommands(previous, current);
    if (!runAll(commands, message)) {
        if (commands.size() > 1) {
            // A rollback in steps (MSI: remove, then install the previous
            // one) may have removed the current version: put it back rather
            // than leave no gateway at all.
            QString again;
            if (QFile::exists(current) && runAll(m_platform.installCommands(current), again)) {
                message += QStringLiteral("; the current version was reinstalled");
            } else if (!again.isEmpty()) {
                message += QStringLiteral("; reinstalling the current version failed too: ") + again;
            }
        }
        return Result::Failed;
    }
    QFile::remove(current);
    QFile::rename(previous, current);
    message = QStringLiteral("previous package reinstalled");
    return Result::RolledBack;
}

PrivilegedInstaller::Result PrivilegedInstaller::finish(Result result, const QString &message)
{
    QSaveFile out(QDir(m_requestDir).filePath(QStringLiteral("result.json")));
    const QJsonObject o{{QStringLiteral("result"), resultName(result)}, {QStringLiteral("message"), message}};
    if (out.open(QIODevice::WriteOnly)) {
        out.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
        out.commit();
    }
    return result;
}

} // namespace netgateway::upgrade
