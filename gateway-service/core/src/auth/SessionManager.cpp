#include <netgateway/core/Clock.h>
#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/auth/SessionManager.h>

#include <QCryptographicHash>

#include <openssl/rand.h>

namespace netgateway::core::auth {

namespace {

QByteArray randomBytes(int n)
{
    QByteArray raw(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(raw.data()), n) != 1) {
        qFatal("the random number generator failed");
    }
    return raw;
}

QString isoNow(const Clock &clock)
{
    return clock.nowUtc().toString(Qt::ISODate);
}

} // namespace

SessionManager::SessionManager(const Clock &clock, audit::AuditLog &audit, QObject *parent)
    : QObject(parent), m_clock(clock), m_audit(audit)
{
    m_timer.setInterval(clock.timerDelay(std::chrono::seconds(30)));
    connect(&m_timer, &QTimer::timeout, this, &SessionManager::sweep);
    connect(&clock, &Clock::jumped, this, &SessionManager::sweep);
    m_timer.start();
}

void SessionManager::setInactivityTimeout(std::chrono::minutes timeout)
{
    m_inactivity = timeout;
}

QByteArray SessionManager::keyOf(const QString &cookieValue)
{
    return QCryptographicHash::hash(cookieValue.toLatin1(), QCryptographicHash::Sha256);
}

QString SessionManager::create(const QString &account, const QString &source)
{
    const QString cookie =
        QString::fromLatin1(randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    Session s;
    s.id = QString::fromLatin1(randomBytes(9).toBase64(QByteArray::Base64UrlEncoding));
    s.account = account;
    s.source = source;
    s.csrfToken =
        QString::fromLatin1(randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    s.created = s.lastSeen = m_clock.monotonic();
    s.createdUtc = s.lastSeenUtc = isoNow(m_clock);
    m_sessions.insert(keyOf(cookie), s);
    return cookie;
}

bool SessionManager::expired(const Session &s, bool &inactive) const
{
    const auto now = m_clock.monotonic();
    inactive = now - s.lastSeen >= m_inactivity;
    return inactive || now - s.created >= kAbsoluteLifetime;
}

void SessionManager::terminate(const QByteArray &key, bool inactive)
{
    const Session s = m_sessions.take(key);
    if (inactive) {
        m_audit.record(QStringLiteral("system"), s.source, QString::fromLatin1(audit::action::kTerminateInactive),
                       QStringLiteral("session %1 of %2").arg(s.id, s.account), audit::Result::Success);
    }
}

Session *SessionManager::touch(const QString &cookieValue)
{
    if (cookieValue.isEmpty() || cookieValue.size() > 128) {
        return nullptr;
    }
    const QByteArray key = keyOf(cookieValue);
    auto it = m_sessions.find(key);
    if (it == m_sessions.end()) {
        return nullptr;
    }
    bool inactive = false;
    if (expired(*it, inactive)) {
        terminate(key, inactive);
        return nullptr;
    }
    it->lastSeen = m_clock.monotonic();
    it->lastSeenUtc = isoNow(m_clock);
    return &*it;
}

void SessionManager::endByCookie(const QString &cookieValue)
{
    m_sessions.remove(keyOf(cookieValue));
}

bool SessionManager::endById(const QString &id)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
        if (it->id == id) {
            m_sessions.erase(it);
            return true;
        }
    }
    return false;
}

int SessionManager::endOthers(const QString &account, const QString &keepCookie)
{
    const QByteArray keep = keyOf(keepCookie);
    int ended = 0;
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (it.key() != keep && it->account == account) {
            it = m_sessions.erase(it);
            ++ended;
        } else {
            ++it;
        }
    }
    return ended;
}

QList<Session> SessionManager::list() const
{
    return m_sessions.values();
}

QString SessionManager::idOfCookie(const QString &cookieValue) const
{
    const auto it = m_sessions.constFind(keyOf(cookieValue));
    return it == m_sessions.cend() ? QString() : it->id;
}

int SessionManager::sweep()
{
    QList<QPair<QByteArray, bool>> ended;
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        bool inactive = false;
        if (expired(*it, inactive)) {
            ended.append({it.key(), inactive});
        }
    }
    for (const auto &[key, inactive] : ended) {
        terminate(key, inactive);
    }
    return static_cast<int>(ended.size());
}

} // namespace netgateway::core::auth
