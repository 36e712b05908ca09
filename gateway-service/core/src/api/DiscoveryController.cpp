// /discovery: settings CRUD, runs and their live progress. Settings are
// stored by the DiscoveryRepository (validation, vault, one transaction) and
// runs are the control channel's discovery.run / progress / cancel commands,
// so the console and netgatewayctl share one implementation. Communities and
// passphrases are accepted, never returned.
#include "AreaControllers.h"

#include <netgateway/core/Clock.h>
#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/discovery/DiscoveryControl.h>
#include <netgateway/core/polling/SnmpDeviceReader.h>
#include <netgateway/storage/Database.h>

#include <QJsonArray>

namespace netgateway::core::api {

namespace {

using namespace area;
using discovery::Credential;
using discovery::DiscoverySettings;

const QString kMask = QStringLiteral("***");
constexpr char kLastRunKey[] = "discovery.lastRunStartedAt";

QJsonObject settingJson(const DiscoverySettings &s)
{
    QJsonArray credentials;
    for (const Credential &c : s.credentials) {
        if (c.version == Credential::Version::V3) {
            credentials.append(QJsonObject{
                {QStringLiteral("version"), QStringLiteral("v3")},
                {QStringLiteral("user"), c.user},
                {QStringLiteral("authProtocol"), discovery::authName(c.auth)},
                {QStringLiteral("authPassword"),
                 c.auth == Credential::AuthProtocol::None ? QJsonValue(QJsonValue::Null) : QJsonValue(kMask)},
                {QStringLiteral("privProtocol"), discovery::privName(c.priv)},
                {QStringLiteral("privPassword"),
                 c.priv == Credential::PrivProtocol::None ? QJsonValue(QJsonValue::Null) : QJsonValue(kMask)},
                {QStringLiteral("context"), c.context}});
        } else {
            credentials.append(QJsonObject{{QStringLiteral("version"), discovery::versionName(c.version)},
                                           {QStringLiteral("community"), kMask}});
        }
    }
    QJsonArray times;
    for (const QTime &t : s.schedule.times) {
        times.append(t.toString(QStringLiteral("HH:mm")));
    }
    return QJsonObject{
        {QStringLiteral("id"), s.id},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("targets"), QJsonArray::fromStringList(s.targets)},
        {QStringLiteral("exclusions"), QJsonArray::fromStringList(s.exclusions)},
        {QStringLiteral("credentials"), credentials},
        {QStringLiteral("wsd"), s.wsDiscovery},
        {QStringLiteral("schedule"), QJsonObject{{QStringLiteral("times"), times}}},
        {QStringLiteral("register"),
         s.registration == discovery::Registration::Managed ? QStringLiteral("managed") : QStringLiteral("pending")},
    };
}

class DiscoveryController final : public Controller {
public:
    // The SNMP port is read once, at start, as the poller does.
    explicit DiscoveryController(Context &c) : m_c(c), m_snmpPort(polling::SnmpPolling::portFromEnvironment()) {}

    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/discovery/settings"), Access::Authenticated, [this](Request &r) {
            rejectUnknownQuery(r, {});
            QJsonArray items;
            for (const DiscoverySettings &s : control().settings().list()) {
                items.append(settingJson(s));
            }
            return Response::json(QJsonObject{{QStringLiteral("items"), items}});
        });
        router.add(Method::Post, QStringLiteral("/discovery/settings"), Access::Authenticated,
                   [this](Request &r) { return create(r); });
        router.add(Method::Get, QStringLiteral("/discovery/settings/{id}"), Access::Authenticated, [this](Request &r) {
            rejectUnknownQuery(r, {});
            return Response::json(settingJson(existing(r, discovery::DiscoveryRepository::Secrets::Omit)));
        });
        router.add(Method::Put, QStringLiteral("/discovery/settings/{id}"), Access::Authenticated,
                   [this](Request &r) { return update(r); });
        router.add(Method::Delete, QStringLiteral("/discovery/settings/{id}"), Access::Authenticated,
                   [this](Request &r) {
                       const DiscoverySettings s = existing(r, discovery::DiscoveryRepository::Secrets::Omit);
                       control().settings().remove(s.id);
                       audit(r, QStringLiteral("deleted setting %1 '%2'").arg(s.id).arg(s.name));
                       return Response::noContent();
                   });
        router.add(Method::Post, QStringLiteral("/discovery/settings/{id}/run"), Access::Authenticated,
                   [this](Request &r) { return run(r); });
        router.add(Method::Get, QStringLiteral("/discovery/runs/current"), Access::Authenticated, [this](Request &r) {
            rejectUnknownQuery(r, {});
            return Response::json(progress());
        });
        router.add(
            Method::Post, QStringLiteral("/discovery/runs/current/cancel"), Access::Authenticated, [this](Request &r) {
                JsonFields(r.json()).finish();
                const QJsonObject result = invoke(QStringLiteral("discovery.cancel"), {});
                const bool cancelled = result.value(QStringLiteral("cancelled")).toBool();
                m_c.audit.record(actorOf(r), r.source(), QStringLiteral("cancel discovery"),
                                 cancelled ? QStringLiteral("running discovery") : QStringLiteral("none running"),
                                 audit::Result::Success);
                return Response::json(QJsonObject{{QStringLiteral("cancelled"), cancelled}});
            });
    }

private:
    discovery::DiscoveryControl &control()
    {
        if (!m_c.services.discovery) {
            throw ApiError(503, QStringLiteral("unavailable"), QStringLiteral("discovery is not running"));
        }
        return *m_c.services.discovery;
    }

    QJsonObject invoke(const QString &command, const QJsonObject &request)
    {
        if (!m_c.services.control) {
            throw ApiError(503, QStringLiteral("unavailable"), QStringLiteral("discovery is not running"));
        }
        try {
            return m_c.services.control->invoke(command, request);
        } catch (const discovery::DiscoveryError &e) {
            throw ApiError(409, QStringLiteral("refused"), e.message());
        }
    }

    void audit(const Request &r, const QString &target, audit::Result result = audit::Result::Success)
    {
        m_c.audit.record(actorOf(r), r.source(), QString::fromLatin1(audit::action::kDiscoverySettings), target,
                         result);
    }

    DiscoverySettings existing(const Request &r, discovery::DiscoveryRepository::Secrets secrets)
    {
        const qint64 id = idParam(r, 0, QStringLiteral("discovery setting"));
        auto s = control().settings().find(id, secrets);
        if (!s) {
            throw ApiError::notFound(QStringLiteral("there is no discovery setting %1").arg(id));
        }
        return *s;
    }

    // The request body as a setting; secrets given as "***" or left out are
    // taken from `previous` at the same position (an edit keeps them).
    DiscoverySettings parse(const QJsonObject &body, const DiscoverySettings *previous)
    {
        JsonFields f(body);
        DiscoverySettings s;
        s.name = f.string(QStringLiteral("name"), discovery::kMaxNameLength).trimmed();
        if (s.name.isEmpty()) {
            throw ApiError(400, QStringLiteral("missing_field"), QStringLiteral("the field 'name' must not be empty"),
                           QStringLiteral("name"));
        }
        s.targets =
            f.optionalStringList(QStringLiteral("targets"), discovery::kMaxEntries, 256).value_or(QStringList());
        s.exclusions =
            f.optionalStringList(QStringLiteral("exclusions"), discovery::kMaxEntries, 256).value_or(QStringList());
        const QJsonArray credentials =
            f.optionalArray(QStringLiteral("credentials"), discovery::kMaxCredentials).value_or(QJsonArray());
        for (qsizetype i = 0; i < credentials.size(); ++i) {
            const QString prefix = QStringLiteral("credentials[%1]").arg(i);
            const Credential *old = previous && i < previous->credentials.size() ? &previous->credentials[i] : nullptr;
            s.credentials.append(JsonFields::nested(prefix, [&] { return parseCredential(credentials[i], old); }));
            const QString problem = s.credentials.last().validate();
            if (!problem.isEmpty()) {
                throw ApiError(400, QStringLiteral("invalid_value"), problem, prefix);
            }
        }
        s.wsDiscovery = f.optionalBoolean(QStringLiteral("wsd")).value_or(false);
        if (const auto schedule = f.optionalObject(QStringLiteral("schedule"))) {
            const QStringList times = JsonFields::nested(QStringLiteral("schedule"), [&] {
                JsonFields sf(*schedule);
                const auto list = sf.optionalStringList(QStringLiteral("times"), discovery::kMaxScheduleTimes, 5)
                                      .value_or(QStringList());
                sf.finish();
                return list;
            });
            static const QRegularExpression hhmm(QStringLiteral("^([01][0-9]|2[0-3]):[0-5][0-9]$"));
            for (const QString &t : times) {
                if (!hhmm.match(t).hasMatch()) {
                    throw ApiError(400, QStringLiteral("invalid_value"),
                                   QStringLiteral("'%1' is not a time of day: use HH:MM, 00:00 to 23:59").arg(t),
                                   QStringLiteral("schedule.times"));
                }
            }
            QString error;
            const auto parsed = discovery::Schedule::parse(
                times.isEmpty() ? QStringLiteral("manual") : times.join(QLatin1Char(',')), error);
            if (!parsed) {
                throw ApiError(400, QStringLiteral("invalid_value"), error, QStringLiteral("schedule.times"));
            }
            s.schedule = *parsed;
        }
        const auto registration = f.optionalString(QStringLiteral("register"), 16);
        if (registration && *registration != QLatin1String("managed") && *registration != QLatin1String("pending")) {
            throw ApiError(400, QStringLiteral("invalid_value"),
                           QStringLiteral("the field 'register' must be one of: managed, pending"),
                           QStringLiteral("register"));
        }
        s.registration = registration.value_or(QStringLiteral("pending")) == QLatin1String("managed")
                             ? discovery::Registration::Managed
                             : discovery::Registration::Pending;
        f.optionalInteger(QStringLiteral("id"), 0, std::numeric_limits<qint64>::max()); // as read back, ignored
        f.finish();

        // The address rules, attributed to the list at fault.
        DiscoverySettings targetsOnly = s;
        targetsOnly.exclusions.clear();
        QString problem = discovery::validateTargets(targetsOnly);
        if (!problem.isEmpty()) {
            throw ApiError(400, QStringLiteral("invalid_value"), problem, QStringLiteral("targets"));
        }
        problem = discovery::validateTargets(s);
        if (!problem.isEmpty()) {
            throw ApiError(400, QStringLiteral("invalid_value"), problem, QStringLiteral("exclusions"));
        }
        problem = discovery::validate(s);
        if (!problem.isEmpty()) {
            throw ApiError(400, QStringLiteral("invalid_value"), problem);
        }
        return s;
    }

    static QString secret(JsonFields &f, const QString &name, const QString *kept)
    {
        const auto given = f.optionalString(name, 256);
        if (given && *given != kMask) {
            return *given;
        }
        if (kept && !kept->isEmpty()) {
            return *kept;
        }
        return given && *given == kMask ? QString() : given.value_or(QString());
    }

    Credential parseCredential(const QJsonValue &value, const Credential *old)
    {
        if (!value.isObject()) {
            throw ApiError(400, QStringLiteral("invalid_type"), QStringLiteral("each credential must be an object"));
        }
        JsonFields f(value.toObject());
        Credential c;
        const QString version =
            f.choice(QStringLiteral("version"), {QStringLiteral("v1"), QStringLiteral("v2c"), QStringLiteral("v3")});
        c.version = *discovery::parseVersion(version);
        const bool sameKind = old && old->version == c.version;
        if (c.version != Credential::Version::V3) {
            c.community = secret(f, QStringLiteral("community"), sameKind ? &old->community : nullptr);
            if (c.community.isEmpty()) {
                throw ApiError(400, QStringLiteral("missing_field"),
                               QStringLiteral("an SNMP %1 credential needs a community").arg(version),
                               QStringLiteral("community"));
            }
        } else {
            c.user = f.string(QStringLiteral("user"), 64);
            const bool sameUser = sameKind && old->user == c.user;
            const QString auth = f.optionalString(QStringLiteral("authProtocol"), 16).value_or(QStringLiteral("none"));
            const QString priv = f.optionalString(QStringLiteral("privProtocol"), 16).value_or(QStringLiteral("none"));
            const auto a = discovery::parseAuth(auth);
            if (!a) {
                throw ApiError(400, QStringLiteral("invalid_value"),
                               QStringLiteral("authProtocol must be one of: none, MD5, SHA, SHA224, SHA256, SHA384, "
                                              "SHA512"),
                               QStringLiteral("authProtocol"));
            }
            const auto p = discovery::parsePriv(priv);
            if (!p) {
                throw ApiError(400, QStringLiteral("invalid_value"),
                               QStringLiteral("privProtocol must be one of: none, DES, AES, AES192, AES256"),
                               QStringLiteral("privProtocol"));
            }
            c.auth = *a;
            c.priv = *p;
            c.authPassphrase = secret(f, QStringLiteral("authPassword"), sameUser ? &old->authPassphrase : nullptr);
            c.privPassphrase = secret(f, QStringLiteral("privPassword"), sameUser ? &old->privPassphrase : nullptr);
            c.context = f.optionalString(QStringLiteral("context"), 64).value_or(QString());
        }
        f.finish();
        return c;
    }

    Response create(Request &r)
    {
        DiscoverySettings s = parse(r.json(), nullptr);
        try {
            s.id = control().settings().add(s);
        } catch (const discovery::DiscoveryError &e) {
            audit(r, QStringLiteral("add setting '%1' (refused: %2)").arg(s.name, e.message()), audit::Result::Failure);
            throw ApiError(409, QStringLiteral("conflict"), e.message(), QStringLiteral("name"));
        }
        audit(r, QStringLiteral("added setting %1 '%2'").arg(s.id).arg(s.name));
        return Response::json(settingJson(*control().settings().find(s.id)), 201);
    }

    Response update(Request &r)
    {
        const DiscoverySettings previous = existing(r, discovery::DiscoveryRepository::Secrets::Include);
        DiscoverySettings s = parse(r.json(), &previous);
        s.id = previous.id;
        try {
            control().settings().update(s);
        } catch (const discovery::DiscoveryError &e) {
            audit(r, QStringLiteral("update setting %1 (refused: %2)").arg(s.id).arg(e.message()),
                  audit::Result::Failure);
            throw ApiError(409, QStringLiteral("conflict"), e.message(), QStringLiteral("name"));
        }
        audit(r, QStringLiteral("updated setting %1 '%2'").arg(s.id).arg(s.name));
        return Response::json(settingJson(*control().settings().find(s.id)));
    }

    Response run(Request &r)
    {
        JsonFields(r.json()).finish();
        const DiscoverySettings s = existing(r, discovery::DiscoveryRepository::Secrets::Omit);
        const QJsonObject result =
            invoke(QStringLiteral("discovery.run"),
                   QJsonObject{{QStringLiteral("id"), s.id}, {QStringLiteral("port"), static_cast<int>(m_snmpPort)}});
        storage::Statement st(m_c.db, "INSERT INTO settings(key, value, updated_at) VALUES(?1, ?2, ?3) "
                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                                      "updated_at = excluded.updated_at");
        st.bind(1, QString::fromLatin1(kLastRunKey))
            .bind(2, QStringLiteral("%1 %2").arg(m_c.clock.nowSecs()).arg(s.id))
            .bind(3, m_c.clock.nowSecs());
        st.run();
        m_c.audit.record(actorOf(r), r.source(), QStringLiteral("run discovery"),
                         QStringLiteral("setting %1 '%2'").arg(s.id).arg(s.name), audit::Result::Success);
        return Response::json(QJsonObject{{QStringLiteral("runId"), s.id},
                                          {QStringLiteral("settingId"), s.id},
                                          {QStringLiteral("total"), result.value(QStringLiteral("total"))}},
                              202);
    }

    QJsonObject progress()
    {
        QJsonObject p = invoke(QStringLiteral("discovery.progress"), {});
        qint64 startedAt = 0;
        storage::Statement st(m_c.db, "SELECT value FROM settings WHERE key = ?1");
        st.bind(1, QString::fromLatin1(kLastRunKey));
        if (st.step()) {
            startedAt = st.text(0).section(QLatin1Char(' '), 0, 0).toLongLong();
        }
        if (p.value(QStringLiteral("running")).toBool()) {
            return QJsonObject{{QStringLiteral("running"), true},
                               {QStringLiteral("settingId"), p.value(QStringLiteral("settingId"))},
                               {QStringLiteral("done"), p.value(QStringLiteral("done"))},
                               {QStringLiteral("total"), p.value(QStringLiteral("total"))},
                               {QStringLiteral("found"), p.value(QStringLiteral("found"))},
                               {QStringLiteral("startedAt"), isoTime(startedAt)}};
        }
        QJsonObject out{{QStringLiteral("running"), false}};
        if (p.contains(QStringLiteral("summary"))) {
            const QJsonObject s = p.value(QStringLiteral("summary")).toObject();
            QJsonObject failures;
            const QJsonArray perCredential = s.value(QStringLiteral("authFailures")).toArray();
            for (qsizetype i = 0; i < perCredential.size(); ++i) {
                failures.insert(QString::number(i), perCredential[i]);
            }
            out.insert(QStringLiteral("settingId"), p.value(QStringLiteral("settingId")));
            out.insert(QStringLiteral("startedAt"), isoTime(startedAt));
            out.insert(QStringLiteral("summary"),
                       QJsonObject{{QStringLiteral("found"), s.value(QStringLiteral("found"))},
                                   {QStringLiteral("new"), s.value(QStringLiteral("new"))},
                                   {QStringLiteral("moved"), s.value(QStringLiteral("moved"))},
                                   {QStringLiteral("unreachable"), s.value(QStringLiteral("unreachable"))},
                                   {QStringLiteral("nonPrinters"), s.value(QStringLiteral("nonPrinters"))},
                                   {QStringLiteral("scanned"), s.value(QStringLiteral("scanned"))},
                                   {QStringLiteral("cancelled"), s.value(QStringLiteral("cancelled"))},
                                   {QStringLiteral("elapsedMs"), s.value(QStringLiteral("elapsedMs"))},
                                   {QStringLiteral("authFailures"), failures}});
        }
        return out;
    }

    Context &m_c;
    quint16 m_snmpPort;
};

} // namespace

std::unique_ptr<Controller> makeDiscoveryController(Context &context)
{
    return std::make_unique<DiscoveryController>(context);
}

} // namespace netgateway::core::api
