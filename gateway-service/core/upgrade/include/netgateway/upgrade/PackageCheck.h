#pragma once

#include <netgateway/upgrade/Manifest.h>

#include <QCryptographicHash>
#include <QString>

namespace netgateway::upgrade {

// Checks a package download against its verified manifest as the bytes
// arrive, so an oversized download is cut off at the first byte beyond the
// announced size instead of filling the disk. A resumed download feeds the
// bytes already on disk first (see checkFile), then the new ones.
class PackageCheck {
public:
    explicit PackageCheck(const Manifest &manifest);

    // Returns false (and sets error) once more bytes arrive than announced.
    bool addData(QByteArrayView bytes, QString &error);
    [[nodiscard]] qint64 received() const { return m_received; }
    // True when exactly the announced bytes arrived and their SHA-256 matches.
    bool finish(QString &error);

    // Hashes a complete file on disk (bounded by the announced size).
    static bool checkFile(const Manifest &manifest, const QString &path, QString &error);

private:
    Manifest m_manifest;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_received = 0;
};

} // namespace netgateway::upgrade
