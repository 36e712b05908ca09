// /polling/policy: the polling policy, the interval table in effect for the
// current device count and the telemetry retention, through the
// PollScheduler (the same calls as the polling.policy / polling.retention
// control commands).
#include "AreaControllers.h"

#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/polling/PollScheduler.h>
#include <netgateway/core/polling/PollingPolicy.h>

#include <QJsonArray>

namespace netgateway::core::api {

namespace {

using namespace area;

constexpr qint64 kMaxRetentionDays = 36500;

class PollingController final : public Controller {
public:
    explicit PollingController(Context &c) : m_c(c) {}

    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/polling/policy"), Access::Authenticated, [this](Request &r) {
            rejectUnknownQuery(r, {});
            return Response::json(policyJson(scheduler()));
        });
        router.add(Method::Put, QStringLiteral("/polling/policy"), Access::Authenticated,
                   [this](Request &r) { return change(r); });
    }

private:
    polling::PollScheduler &scheduler()
    {
        if (!m_c.services.scheduler) {
            throw ApiError(503, QStringLiteral("unavailable"), QStringLiteral("polling is not running"));
        }
        return *m_c.services.scheduler;
    }

    static QJsonObject policyJson(const polling::PollScheduler &s)
    {
        const int count = s.deviceCount();
        QJsonObject intervals;
        for (const polling::Priority p : polling::kAllPriorities) {
            intervals.insert(
                apiPriority(polling::priorityName(p)),
                QJsonObject{{QStringLiteral("alertsMinutes"),
                             static_cast<double>(polling::alertInterval(s.policy(), count, p).count()) / 60.0},
                            {QStringLiteral("countersMinutes"),
                             static_cast<double>(polling::counterInterval(s.policy(), count, p).count()) / 60.0}});
        }
        const polling::Retention &ret = s.retention();
        return QJsonObject{
            {QStringLiteral("policy"), polling::policyName(s.policy())},
            {QStringLiteral("deviceCount"), count},
            {QStringLiteral("tier"),
             QJsonObject{{QStringLiteral("alerts"), polling::alertTierLabel(polling::alertTier(count))},
                         {QStringLiteral("counters"), polling::counterTierLabel(polling::counterTier(count))}}},
            {QStringLiteral("intervals"), intervals},
            {QStringLiteral("retention"), QJsonObject{{QStringLiteral("countersDays"), ret.counterDays},
                                                      {QStringLiteral("suppliesDays"), ret.supplyDays},
                                                      {QStringLiteral("statusDays"), ret.statusDays},
                                                      {QStringLiteral("alertsDays"), ret.clearedAlertDays}}}};
    }

    Response change(Request &r)
    {
        JsonFields f(r.json());
        const QString policy =
            f.choice(QStringLiteral("policy"), {QStringLiteral("adaptive"), QStringLiteral("fixed")});
        const auto retentionBody = f.optionalObject(QStringLiteral("retention"));
        f.finish();
        auto &s = scheduler();
        polling::Retention retention = s.retention();
        if (retentionBody) {
            JsonFields::nested(QStringLiteral("retention"), [&] {
                JsonFields rf(*retentionBody);
                const std::pair<const char *, int *> fields[] = {{"countersDays", &retention.counterDays},
                                                                 {"suppliesDays", &retention.supplyDays},
                                                                 {"statusDays", &retention.statusDays},
                                                                 {"alertsDays", &retention.clearedAlertDays}};
                for (const auto &[name, target] : fields) {
                    if (const auto v = rf.optionalInteger(QLatin1String(name), 0, kMaxRetentionDays)) {
                        *target = static_cast<int>(*v);
                    }
                }
                rf.finish();
                return 0;
            });
        }
        const QString before = polling::policyName(s.policy());
        s.setPolicy(*polling::policyFromName(policy));
        if (retentionBody) {
            s.setRetention(retention);
        }
        m_c.audit.record(actorOf(r), r.source(), QStringLiteral("configure polling"),
                         QStringLiteral("policy %1 -> %2; retention counters %3 d, supplies %4 d, status %5 d, "
                                        "alerts %6 d")
                             .arg(before, policy)
                             .arg(retention.counterDays)
                             .arg(retention.supplyDays)
                             .arg(retention.statusDays)
                             .arg(retention.clearedAlertDays),
                         audit::Result::Success);
        return Response::json(policyJson(s));
    }

    Context &m_c;
};

} // namespace

std::unique_ptr<Controller> makePollingController(Context &context)
{
    return std::make_unique<PollingController>(context);
}

} // namespace netgateway::core::api
