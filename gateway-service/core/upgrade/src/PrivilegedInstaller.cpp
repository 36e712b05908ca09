#include <netgateway/upgrade/PackageCheck.h>
#include <netgateway/upgrade/PrivilegedInstaller.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace netgateway::upgrade {

namespace {

constexpr qint64 kMaxRequestBytes = ManifestVerifier::kMaxManifestBytes * 2;

// Opens a file the unprivileged service wrote: never through a symbolic link,
// and only a regular file.
bool openUntrusted(const QString &path, QFile &file, QString &error)
{
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

PrivilegedInstaller::PrivilegedInstaller(const ManifestVerifier &verifier, QString requestDirectory,
                                         QString stateDirectory, Runner runner)
    : m_verifier(verifier), m_requestDir(std::move(requestDirectory)), m_stateDir(std::move(stateDirectory)),
      m_runner(std::move(runner))
{
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
    const QString source = QDir(m_requestDir).filePath(QStringLiteral("package.deb"));
    const QString incoming = QDir(m_stateDir).filePath(QStringLiteral("incoming.deb"));
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
    if (!m_runner({QStringLiteral("apt-get"), QStringLiteral("install"), QStringLiteral("-y"),
                   QStringLiteral("--no-install-recommends"), incoming},
                  message)) {
        QFile::remove(incoming);
        return Result::Failed;
    }
    // Keep what is now installed, and what it replaced, for a rollback.
    const QString current = QDir(m_stateDir).filePath(QStringLiteral("current.deb"));
    const QString previous = QDir(m_stateDir).filePath(QStringLiteral("previous.deb"));
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
    const QString previous = QDir(m_stateDir).filePath(QStringLiteral("previous.deb"));
    if (!QFile::exists(previous)) {
        message = QStringLiteral("no previous package is kept; reinstall the previous release manually");
        return Result::Failed;
    }
    if (!m_runner({QStringLiteral("apt-get"), QStringLiteral("install"), QStringLiteral("-y"),
                   QStringLiteral("--no-install-recommends"), QStringLiteral("--allow-downgrades"), previous},
                  message)) {
        return Result::Failed;
    }
    const QString current = QDir(m_stateDir).filePath(QStringLiteral("current.deb"));
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
