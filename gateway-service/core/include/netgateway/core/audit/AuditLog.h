#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace netgateway::storage {
class Database;
}

namespace netgateway::core {
class Clock;
}

namespace netgateway::core::audit {

// Well-known action names. Other areas may record their own actions; keep them
// short, lower case and stable, because administrators filter by them.
namespace action {
inline constexpr char kLogin[] = "identification and authentication";
inline constexpr char kLogout[] = "logout";
inline constexpr char kPasswordReset[] = "local administrator password reset";
inline constexpr char kPasswordChange[] = "change password";
inline constexpr char kSecuritySettings[] = "configure security settings";
inline constexpr char kRecoverySettings[] = "configure device recovery settings";
inline constexpr char kTerminateInactive[] = "terminate inactive sessions";
inline constexpr char kEndSession[] = "end session";
inline constexpr char kCertificateChange[] = "certificate change";
inline constexpr char kTwoFactor[] = "configure two-factor authentication";
inline constexpr char kBackup[] = "backup";
inline constexpr char kAuditExport[] = "export audit log";
inline constexpr char kRegistration[] = "registration";
inline constexpr char kModeChange[] = "mode change";
inline constexpr char kDiscoverySettings[] = "configure discovery settings";
inline constexpr char kTask[] = "task";
inline constexpr char kUpgrade[] = "upgrade";
} // namespace action

enum class Result { Success, Failure };

struct Entry {
    qint64 id = 0;
    QString at; // UTC, ISO 8601 with milliseconds and a Z
    QString actor;
    QString source;
    QString action;
    QString target;
    Result result = Result::Success;

    [[nodiscard]] QJsonObject toJson() const;
};

struct Query {
    std::optional<QDateTime> from; // inclusive
    std::optional<QDateTime> to;   // exclusive
    QString actor;                 // exact match when not empty
    QString action;                // exact match when not empty
    std::optional<Result> result;
    int limit = 100;
    int offset = 0;
};

struct VerifyResult {
    bool ok = true;
    qint64 checked = 0;
    qint64 firstBadId = 0; // 0 when ok
    QString message;       // names the first bad entry and what is wrong with it
};

// The tamper-evident audit log. Every entry is chained to the one before it
// with SHA-256, so changing or deleting any row (or the newest rows) is found
// by verify(). Entries are only ever appended, except by prune(), which drops
// the oldest ones and records where the chain now starts.
//
// Usage from any area that has the service's database and clock:
//     audit.record(actor, sourceAddress, audit::action::kRegistration, target, audit::Result::Success);
// `actor` is the account name ("admin") or "system" or "local" (netgatewayctl),
// `source` the client's IP address or "local".
class AuditLog {
public:
    static constexpr int kRetentionDays = 67;
    static constexpr int kMaxQueryLimit = 1000;

    AuditLog(storage::Database &db, const Clock &clock);

    // Appends one entry and returns its id. Throws storage::StorageError.
    qint64 record(const QString &actor, const QString &source, const QString &action, const QString &target,
                  Result result);

    [[nodiscard]] QList<Entry> query(const Query &query) const;
    [[nodiscard]] qint64 count(const Query &query) const;

    // Entries at or after `since`, oldest first, one compact JSON object per
    // line: what the daily gateway-log upload sends.
    [[nodiscard]] QByteArray exportJsonLines(const QDateTime &since, const QDateTime &until) const;
    // The same as CSV with a header line, for download from the console.
    [[nodiscard]] QByteArray exportCsv(const QDateTime &since, const QDateTime &until) const;

    // Removes entries older than `retentionDays`; returns how many.
    int prune(int retentionDays = kRetentionDays);

    // Checks the whole chain against the stored anchor and head.
    [[nodiscard]] static VerifyResult verify(storage::Database &db);

    static QString resultName(Result result);

private:
    storage::Database &m_db;
    const Clock &m_clock;
};

} // namespace netgateway::core::audit
