#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>

namespace netgateway::core {
class Clock;
namespace audit {
class AuditLog;
}
} // namespace netgateway::core

namespace netgateway::core::auth {

struct Session {
    QString id; // public handle for listing and ending (not the cookie value)
    QString account;
    QString source;
    QString csrfToken;
    std::chrono::milliseconds created{0};
    std::chrono::milliseconds lastSeen{0};
    QString createdUtc;
    QString lastSeenUtc;
};

// Console sessions, held in memory only (a restart logs everybody out). The
// cookie carries 256 random bits; only their SHA-256 is kept as the key.
class SessionManager : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::hours kAbsoluteLifetime{12};
    static constexpr std::chrono::minutes kDefaultInactivity{15};

    SessionManager(const Clock &clock, audit::AuditLog &audit, QObject *parent = nullptr);

    void setInactivityTimeout(std::chrono::minutes timeout);
    [[nodiscard]] std::chrono::minutes inactivityTimeout() const { return m_inactivity; }

    // Returns the cookie value of a new session.
    QString create(const QString &account, const QString &source);
    // Looks up the cookie value, ends it when expired, refreshes its activity.
    // Returns nullptr when there is no live session.
    Session *touch(const QString &cookieValue);
    void endByCookie(const QString &cookieValue);
    bool endById(const QString &id);
    // Ends all sessions of `account` except the one with `keepCookie`.
    int endOthers(const QString &account, const QString &keepCookie);
    [[nodiscard]] QList<Session> list() const;
    [[nodiscard]] QString idOfCookie(const QString &cookieValue) const;

    // Ends sessions past their inactivity timeout (audited as "terminate
    // inactive sessions") or their absolute lifetime. Runs periodically and
    // whenever the clock jumps.
    int sweep();

private:
    static QByteArray keyOf(const QString &cookieValue);
    bool expired(const Session &s, bool &inactive) const;
    void terminate(const QByteArray &key, bool inactive);

    const Clock &m_clock;
    audit::AuditLog &m_audit;
    std::chrono::minutes m_inactivity{kDefaultInactivity};
    QHash<QByteArray, Session> m_sessions;
    QTimer m_timer;
};

} // namespace netgateway::core::auth
