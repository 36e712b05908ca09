// /dashboard: the console's first page in one request. Device and alert
// counts come from the summary columns of the devices row (migration 9), so
// the answer costs a few indexed aggregates whatever the fleet size.
#include "AreaControllers.h"

#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/Version.h>
#include <netgateway/storage/Database.h>

#include <QJsonArray>

namespace netgateway::core::api {

namespace {

using namespace area;

class DashboardController final : public Controller {
public:
    explicit DashboardController(Context &c) : m_c(c) {}

    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/dashboard"), Access::Authenticated, [this](Request &r) {
            rejectUnknownQuery(r, {});
            return Response::json(dashboard());
        });
    }

private:
    QJsonObject invokeOrEmpty(const QString &command)
    {
        if (!m_c.services.control) {
            return {};
        }
        try {
            return m_c.services.control->invoke(command, {});
        } catch (const std::exception &) {
            return {};
        }
    }

    QJsonObject dashboard()
    {
        storage::Statement d(m_c.db, "SELECT count(*), "
                                     "sum(state = 'managed' AND status = 'online'), "
                                     "sum(state = 'managed' AND status = 'sleeping'), "
                                     "sum(state = 'managed' AND status IN ('offline', 'unreachable')), "
                                     "sum(state = 'managed' AND status = 'error'), "
                                     "sum(state = 'pending'), "
                                     "sum(state = 'managed' AND lowest_supply IS NOT NULL AND lowest_supply <= 10) "
                                     "FROM devices");
        d.step();
        const QJsonObject devices{{QStringLiteral("total"), static_cast<qint64>(d.int64(0))},
                                  {QStringLiteral("online"), static_cast<qint64>(d.int64(1))},
                                  {QStringLiteral("sleeping"), static_cast<qint64>(d.int64(2))},
                                  {QStringLiteral("offline"), static_cast<qint64>(d.int64(3))},
                                  {QStringLiteral("error"), static_cast<qint64>(d.int64(4))},
                                  {QStringLiteral("pending"), static_cast<qint64>(d.int64(5))}};
        const qint64 suppliesLow = d.int64(6);

        QJsonObject alerts{
            {QStringLiteral("critical"), 0}, {QStringLiteral("warning"), 0}, {QStringLiteral("other"), 0}};
        storage::Statement a(m_c.db, "SELECT severity, count(*) FROM device_alerts WHERE cleared_at IS NULL "
                                     "GROUP BY severity");
        while (a.step()) {
            alerts.insert(a.text(0), static_cast<qint64>(a.int64(1)));
        }

        const QJsonObject u = invokeOrEmpty(QStringLiteral("uplink.status"));
        const bool enabled = u.value(QStringLiteral("enabled")).toBool();
        const QString failure = u.value(QStringLiteral("failure")).toString(QStringLiteral("none"));
        const QJsonObject uplink{
            {QStringLiteral("state"), !enabled                           ? QStringLiteral("off")
                                      : failure == QLatin1String("none") ? QStringLiteral("ok")
                                                                         : QStringLiteral("error")},
            {QStringLiteral("mode"), u.value(QStringLiteral("mode")).toString(QStringLiteral("monitor"))},
            {QStringLiteral("queueDepth"), u.value(QStringLiteral("outboxRecords")).toInt()},
            {QStringLiteral("lastUploadAt"), u.value(QStringLiteral("lastSuccessAt")).isString()
                                                 ? u.value(QStringLiteral("lastSuccessAt"))
                                                 : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("lastError"),
             failure == QLatin1String("none") ? QJsonValue(QJsonValue::Null) : u.value(QStringLiteral("message"))}};

        QJsonValue lastDiscovery = QJsonValue::Null;
        const QJsonObject p = invokeOrEmpty(QStringLiteral("discovery.progress"));
        if (p.contains(QStringLiteral("summary"))) {
            const QJsonObject s = p.value(QStringLiteral("summary")).toObject();
            const qint64 settingId = p.value(QStringLiteral("settingId")).toInteger();
            QString name;
            storage::Statement n(m_c.db, "SELECT name FROM discovery_settings WHERE id = ?1");
            n.bind(1, settingId);
            if (n.step()) {
                name = n.text(0);
            }
            qint64 startedAt = 0;
            storage::Statement st(m_c.db, "SELECT value FROM settings WHERE key = 'discovery.lastRunStartedAt'");
            if (st.step()) {
                startedAt = st.text(0).section(QLatin1Char(' '), 0, 0).toLongLong();
            }
            lastDiscovery = QJsonObject{
                {QStringLiteral("settingId"), settingId},
                {QStringLiteral("name"), name},
                {QStringLiteral("finishedAt"),
                 startedAt > 0 ? isoTime(startedAt + s.value(QStringLiteral("elapsedMs")).toInteger() / 1000)
                               : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("found"), s.value(QStringLiteral("found"))},
                {QStringLiteral("new"), s.value(QStringLiteral("new"))}};
        }
        // The newest open alerts, for the desktop console's "recent alerts".
        QJsonArray recentAlerts;
        storage::Statement ra(m_c.db, "SELECT a.device_id, d.name, d.address, a.severity, a.code, a.description, "
                                      "a.raised_at FROM device_alerts a JOIN devices d ON d.id = a.device_id "
                                      "WHERE a.cleared_at IS NULL ORDER BY a.raised_at DESC, a.id DESC LIMIT 10");
        while (ra.step()) {
            recentAlerts.append(QJsonObject{{QStringLiteral("deviceId"), static_cast<qint64>(ra.int64(0))},
                                            {QStringLiteral("deviceName"), ra.isNull(1) ? QString() : ra.text(1)},
                                            {QStringLiteral("address"), ra.text(2)},
                                            {QStringLiteral("severity"), ra.text(3)},
                                            {QStringLiteral("code"), static_cast<qint64>(ra.int64(4))},
                                            {QStringLiteral("description"), ra.text(5)},
                                            {QStringLiteral("raisedAt"), isoTime(ra.int64(6))}});
        }
        return QJsonObject{{QStringLiteral("devices"), devices},
                           {QStringLiteral("alerts"), alerts},
                           {QStringLiteral("suppliesLow"), suppliesLow},
                           {QStringLiteral("uplink"), uplink},
                           {QStringLiteral("lastDiscovery"), lastDiscovery},
                           {QStringLiteral("recentAlerts"), recentAlerts},
                           {QStringLiteral("version"), QString::fromLatin1(kVersion)}};
    }

    Context &m_c;
};

} // namespace

std::unique_ptr<Controller> makeDashboardController(Context &context)
{
    return std::make_unique<DashboardController>(context);
}

} // namespace netgateway::core::api
