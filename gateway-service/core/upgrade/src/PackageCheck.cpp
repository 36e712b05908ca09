#include <netgateway/upgrade/PackageCheck.h>

#include <QFile>

namespace netgateway::upgrade {

PackageCheck::PackageCheck(const Manifest &manifest) : m_manifest(manifest)
{
}

bool PackageCheck::addData(QByteArrayView bytes, QString &error)
{
    if (bytes.size() > m_manifest.packageSize - m_received) {
        error = QStringLiteral("upgrade package refused: the download is larger than the %1 bytes the signed "
                               "manifest announces; it was stopped and discarded")
                    .arg(m_manifest.packageSize);
        return false;
    }
    m_received += bytes.size();
    m_hash.addData(bytes);
    return true;
}

bool PackageCheck::finish(QString &error)
{
    if (m_received != m_manifest.packageSize) {
        error = QStringLiteral("upgrade package incomplete: %1 of %2 bytes received; the download resumes at the "
                               "next attempt")
                    .arg(m_received)
                    .arg(m_manifest.packageSize);
        return false;
    }
    if (m_hash.result() != m_manifest.packageSha256) {
        error = QStringLiteral("upgrade package refused: its SHA-256 %1 differs from the signed manifest's %2; "
                               "the package was altered and has been discarded")
                    .arg(QString::fromLatin1(m_hash.result().toHex()),
                         QString::fromLatin1(m_manifest.packageSha256.toHex()));
        return false;
    }
    return true;
}

bool PackageCheck::checkFile(const Manifest &manifest, const QString &path, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read upgrade package %1: %2").arg(path, file.errorString());
        return false;
    }
    PackageCheck check(manifest);
    constexpr qint64 kChunk = 64 * 1024;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(kChunk);
        if (chunk.isEmpty() && file.error() != QFileDevice::NoError) {
            error = QStringLiteral("cannot read upgrade package %1: %2").arg(path, file.errorString());
            return false;
        }
        if (!check.addData(chunk, error)) {
            return false;
        }
    }
    return check.finish(error);
}

} // namespace netgateway::upgrade
