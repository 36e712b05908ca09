#pragma once

#include <netgateway/storage/Database.h>
#include <netgateway/uplink/AuditSink.h>

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace netgateway::uplink {

// The one place where data is made anonymous before it leaves the gateway.
// Every byte the uplink sends (registration, uploads, task results) passes
// through strip() when the mode is on.
class Anonymizer {
public:
    // Keys removed at any depth: device and gateway IP address, subnet mask,
    // default gateway, DNS servers, host name, site/location.
    static const QStringList &strippedKeys();

    // Removes the keys above and replaces anything that looks like an IPv4 or
    // IPv6 address, or one of the host names found in the object, inside the
    // remaining strings.
    static QJsonObject strip(const QJsonObject &object);
};

// The anonymization mode, chosen once at first initialization and immutable
// afterwards (the table refuses updates; see migration uplink_outbox).
class AnonymizationMode {
public:
    // Returns the stored mode, storing `requested` first if none is stored.
    // A request that differs from the stored mode is refused, audited and
    // logged; the stored mode is returned.
    static bool initialize(storage::Database &db, bool requested, qint64 nowSecs, AuditSink &audit);
    [[nodiscard]] static std::optional<bool> stored(storage::Database &db);
    // Any later change attempt: always refused, audited; `error` says why.
    static bool requestChange(storage::Database &db, bool anonymous, AuditSink &audit, QString &error);
};

} // namespace netgateway::uplink
