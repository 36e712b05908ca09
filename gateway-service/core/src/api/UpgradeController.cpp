#include <netgateway/core/api/UpgradeController.h>

#include <netgateway/core/Clock.h>
#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/storage/Database.h>

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTime>

namespace netgateway::core::api {

namespace {
// The rows UpgradeChecker (gateway-service/core/upgrade) follows and writes.
const QString kEnabledKey = QStringLiteral("upgrade.enabled");
const QString kTimeKey = QStringLiteral("upgrade.time_utc");
const QString kLastCheckKey = QStringLiteral("upgrade.last_check");
const QString kStatusKey = QStringLiteral("upgrade.status");
} // namespace

QString UpgradeController::setting(const QString &key) const
{
    storage::Statement st(m_c.db, "SELECT value FROM settings WHERE key = ?1");
    st.bind(1, key);
    return st.step() ? st.text(0) : QString();
}

void UpgradeController::store(const QString &key, const QString &value)
{
    storage::Statement st(m_c.db, "INSERT INTO settings(key, value, updated_at) VALUES(?1, ?2, ?3) "
                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                                  "updated_at = excluded.updated_at");
    st.bind(1, key).bind(2, value).bind(3, m_c.clock.nowSecs());
    st.run();
}

QJsonObject UpgradeController::current() const
{
    QString registeredAt;
    {
        storage::Statement st(m_c.db, "SELECT value FROM uplink_state WHERE key = 'registered_at'");
        registeredAt = st.step() ? st.text(0) : QString();
    }
    const QString time = setting(kTimeKey);
    QString effective = time;
    QString source = QStringLiteral("administrator");
    if (time.isEmpty()) {
        const QDateTime at = QDateTime::fromString(registeredAt, Qt::ISODate);
        effective = at.isValid() ? at.toUTC().time().toString(QStringLiteral("HH:mm")) : QString();
        source = at.isValid() ? QStringLiteral("registration") : QStringLiteral("none: not registered yet");
    }
    return QJsonObject{{QStringLiteral("enabled"), setting(kEnabledKey) != QLatin1String("0")},
                       {QStringLiteral("timeOfDayUtc"), effective},
                       {QStringLiteral("timeSource"), source},
                       {QStringLiteral("registeredAt"), registeredAt},
                       {QStringLiteral("lastCheckAt"), setting(kLastCheckKey)},
                       {QStringLiteral("last"), QJsonDocument::fromJson(setting(kStatusKey).toUtf8()).object()}};
}

void UpgradeController::registerRoutes(Router &router)
{
    router.add(Method::Get, QStringLiteral("/upgrade"), Access::Authenticated,
               [this](Request &) { return Response::json(current()); });
    router.add(Method::Put, QStringLiteral("/upgrade/settings"), Access::Authenticated, [this](Request &r) {
        JsonFields f(r.json());
        const QString password = f.string(QStringLiteral("password"), 1024);
        const auto enabled = f.optionalBoolean(QStringLiteral("enabled"));
        const auto time = f.optionalString(QStringLiteral("timeOfDayUtc"), 5);
        f.finish();
        if (time && !time->isEmpty() && !QTime::fromString(*time, QStringLiteral("HH:mm")).isValid()) {
            throw ApiError::badRequest(QStringLiteral("give the time of day as HH:MM in UTC (00:00 to 23:59), or an "
                                                      "empty string for the time of the first registration"),
                                       QStringLiteral("timeOfDayUtc"));
        }
        requireReauthentication(m_c, r, password);
        QStringList changed;
        if (enabled) {
            store(kEnabledKey, *enabled ? QStringLiteral("1") : QStringLiteral("0"));
            changed << QStringLiteral("autoUpgrade=%1").arg(*enabled ? QStringLiteral("on") : QStringLiteral("off"));
        }
        if (time) {
            store(kTimeKey, *time);
            changed
                << QStringLiteral("upgradeTimeUtc=%1").arg(time->isEmpty() ? QStringLiteral("registration") : *time);
        }
        const QString actor = r.session ? r.session->account : QStringLiteral("anonymous");
        m_c.audit.record(actor, r.source(), QString::fromLatin1(audit::action::kSecuritySettings),
                         changed.isEmpty() ? QStringLiteral("no change") : changed.join(QStringLiteral(", ")),
                         audit::Result::Success);
        return Response::json(current());
    });
}

} // namespace netgateway::core::api
