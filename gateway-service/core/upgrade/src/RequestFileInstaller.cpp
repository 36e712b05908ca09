#include <netgateway/upgrade/RequestFileInstaller.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace netgateway::upgrade {

RequestFileInstaller::RequestFileInstaller(QString requestDirectory, std::function<QByteArray()> manifest,
                                           QString packageName)
    : m_dir(std::move(requestDirectory)), m_packageName(std::move(packageName)), m_manifest(std::move(manifest))
{
}

QString RequestFileInstaller::defaultPackageName()
{
#ifdef Q_OS_WIN
    return QStringLiteral("package.msi");
#else
    return QStringLiteral("package.deb");
#endif
}

bool RequestFileInstaller::collectResult(UpgradeAudit &audit)
{
    const QString path = QDir(m_dir).filePath(QStringLiteral("result.json"));
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        return false;
    }
    // Written by the helper, but in a directory the service owns: bounded and checked.
    const QJsonObject o = QJsonDocument::fromJson(file.read(16 * 1024)).object();
    file.close();
    QFile::remove(path);
    static const QStringList known{QStringLiteral("installed"), QStringLiteral("rolled-back"),
                                   QStringLiteral("refused"), QStringLiteral("failed")};
    const QString result = o.value(QStringLiteral("result")).toString();
    const QString message = o.value(QStringLiteral("message")).toString().left(900);
    if (!known.contains(result)) {
        audit.record(QStringLiteral("upgrade.helper-unreadable"), QStringLiteral("result.json has no known result"));
        return true;
    }
    audit.record(QStringLiteral("upgrade.helper-") + result, message);
    return true;
}

bool RequestFileInstaller::install(const QString &packageFile, QString &error)
{
    if (!QDir().mkpath(m_dir)) {
        error = QStringLiteral("cannot create %1").arg(m_dir);
        return false;
    }
    QDir dir(m_dir);
    QJsonObject request;
    // UpgradeFlow rolls back by installing the package it kept; the helper
    // reinstalls the one it verified itself instead of trusting this file.
    if (QFileInfo(packageFile).fileName() == QLatin1String("rollback.pkg")) {
        request.insert(QStringLiteral("action"), QStringLiteral("rollback"));
    } else {
        const QByteArray manifest = m_manifest ? m_manifest() : QByteArray();
        if (manifest.isEmpty()) {
            error = QStringLiteral("no signed manifest for the package; nothing handed to the installer");
            return false;
        }
        const QString target = dir.filePath(m_packageName);
        const QString partial = target + QStringLiteral(".part");
        QFile::remove(partial);
        if (!QFile::copy(packageFile, partial)) {
            error = QStringLiteral("cannot copy the package to %1").arg(partial);
            return false;
        }
        QFile::remove(target);
        if (!QFile::rename(partial, target)) {
            error = QStringLiteral("cannot move the package to %1").arg(target);
            return false;
        }
        request.insert(QStringLiteral("action"), QStringLiteral("install"));
        request.insert(QStringLiteral("manifest"), QString::fromUtf8(manifest));
    }
    // request.json last: the path unit starts the helper when it appears.
    QSaveFile file(dir.filePath(QStringLiteral("request.json")));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(request).toJson(QJsonDocument::Compact)) < 0 ||
        !file.commit()) {
        error = QStringLiteral("cannot write the upgrade request: %1").arg(file.errorString());
        return false;
    }
    qInfo("upgrade: %s handed to the system installer", qPrintable(request.value(QStringLiteral("action")).toString()));
    return true;
}

} // namespace netgateway::upgrade
