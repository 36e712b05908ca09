#pragma once

#include <netgateway/core/Clock.h>

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace netgateway::storage {
class Database;
class Outbox;
class SecretVault;
} // namespace netgateway::storage

namespace netgateway::uplink {

// Where the gateway's two logs come from.
struct GatewayLogSources {
    // Audit entries with since <= time < until, one JSON object per line
    // (core::audit::AuditLog::exportJsonLines).
    std::function<QByteArray(const QDateTime &since, const QDateTime &until)> auditJsonLines;
    // The system log (netgatewayd.log); rotated files PATH.1 .. PATH.N are read too.
    QString systemLogPath;
    int rotatedFiles = 5;
};

// Once a day, for the UTC day(s) just ended, packs the audit log and the
// system log into two zip files and puts them into the outbox (kind `logs`),
// so they travel like every other upload: committed first, retried, deduplicated.
//
// Nothing secret leaves: every value held in the vault (token, proxy password,
// SNMP communities, passphrases...) is cut out of both logs before zipping,
// whatever a log line may contain. In anonymous mode IP addresses and the
// gateway's host name are cut out as well.
class GatewayLogUpload : public QObject {
    Q_OBJECT
public:
    // A zip never exceeds this; the oldest lines are left out (and the
    // archive says how many) when a day's log is larger.
    static constexpr qint64 kMaxZipBytes = 1024 * 1024;
    // At most this many days are packed after the gateway was off for long.
    static constexpr int kMaxDays = 7;

    GatewayLogUpload(storage::Database &db, storage::SecretVault &vault, storage::Outbox &outbox, core::Clock &clock,
                     GatewayLogSources sources, bool anonymous, QObject *parent = nullptr);

    // Checks every minute and whenever the clock jumps.
    void start();

    // Packs whatever whole UTC days have not been packed yet; returns true
    // when it enqueued the two zips.
    bool runDue();

    // Removes secrets (and, in anonymous mode, addresses) from log text.
    [[nodiscard]] QByteArray scrub(const QByteArray &text);

signals:
    void produced(const QDateTime &since, const QDateTime &until);

private:
    [[nodiscard]] QByteArray systemLogLines(const QDateTime &since, const QDateTime &until) const;
    [[nodiscard]] QByteArray packRecord(const QString &log, const QString &entryName, const QByteArray &text,
                                        const QDateTime &since, const QDateTime &until);

    storage::Database &m_db;
    storage::SecretVault &m_vault;
    storage::Outbox &m_outbox;
    core::Clock &m_clock;
    GatewayLogSources m_sources;
    bool m_anonymous;
    QTimer m_timer;
};

} // namespace netgateway::uplink
