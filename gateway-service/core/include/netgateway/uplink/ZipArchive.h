#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace netgateway::uplink {

// One file inside a zip archive.
struct ZipEntry {
    QString name;
    QByteArray data;
};

// Zip archives in memory through libzip: the daily gateway-log upload packs
// the audit log and the system log with it, and the cloud emulator unpacks them.
class ZipArchive {
public:
    // Deflate-compressed archive of the entries; std::nullopt (and `error`) on failure.
    static std::optional<QByteArray> create(const QList<ZipEntry> &entries, QString &error);

    // Unpacks an archive received from elsewhere: refuses more than
    // `maxEntries` entries or more than `maxTotalBytes` uncompressed bytes
    // (a zip bomb), and entries whose CRC does not match.
    static std::optional<QList<ZipEntry>> read(const QByteArray &zip, qint64 maxTotalBytes, int maxEntries,
                                               QString &error);
};

} // namespace netgateway::uplink
