// /cloud: registration with the cloud fleet service, Monitor/Manage mode and
// the outbound proxy. Changes go through the uplink's own control commands
// (uplink.configure, uplink.register), so validation, storage of the
// configuration and the proxy password in the vault stay in one place. The
// proxy password and the access-code credentials are never returned.
#include "AreaControllers.h"

#include <netgateway/core/Clock.h>
#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/SecretVault.h>

#include <QRegularExpression>
#include <QUrl>

namespace netgateway::core::api {

namespace {

using namespace area;

// The vault entry of the proxy password (uplink::Uplink::kProxyPasswordSecret).
const QString kProxyPasswordSecret = QStringLiteral("uplink.proxy.password");

class CloudController final : public Controller {
public:
    explicit CloudController(Context &c) : m_c(c) {}

    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/cloud"), Access::Authenticated, [this](Request &r) {
            rejectUnknownQuery(r, {});
            return Response::json(cloudJson());
        });
        router.add(Method::Post, QStringLiteral("/cloud/register"), Access::Authenticated,
                   [this](Request &r) { return registerGateway(r); });
        router.add(Method::Put, QStringLiteral("/cloud/mode"), Access::Authenticated,
                   [this](Request &r) { return setMode(r); });
        router.add(Method::Put, QStringLiteral("/cloud/proxy"), Access::Authenticated,
                   [this](Request &r) { return setProxy(r); });
    }

private:
    QString state(const char *key) const
    {
        storage::Statement st(m_c.db, "SELECT value FROM uplink_state WHERE key = ?1");
        st.bind(1, QString::fromLatin1(key));
        return st.step() ? st.text(0) : QString();
    }

    void setState(const char *key, const QString &value)
    {
        storage::Statement st(
            m_c.db, "INSERT INTO uplink_state(key, value, updated_at) VALUES(?1, ?2, ?3) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
        st.bind(1, QString::fromLatin1(key)).bind(2, value).bind(3, m_c.clock.nowSecs());
        st.run();
    }

    QJsonObject invoke(const QString &command, const QJsonObject &request)
    {
        if (!m_c.services.control) {
            throw ApiError(503, QStringLiteral("unavailable"), QStringLiteral("the cloud uplink is not running"));
        }
        try {
            return m_c.services.control->invoke(command, request);
        } catch (const std::invalid_argument &) {
            throw ApiError(503, QStringLiteral("unavailable"), QStringLiteral("the cloud uplink is not running"));
        }
    }

    // The uplink's configuration as stored, to change one part of it.
    QJsonObject currentConfiguration() const
    {
        QJsonObject c{{QStringLiteral("origin"), state("origin")},
                      {QStringLiteral("caFile"), state("ca_file")},
                      {QStringLiteral("proxyHost"), state("proxy_host")},
                      {QStringLiteral("proxyPort"), state("proxy_port").toInt()},
                      {QStringLiteral("proxyUser"), state("proxy_user")},
                      {QStringLiteral("mode"), state("mode").isEmpty() ? QStringLiteral("monitor") : state("mode")},
                      {QStringLiteral("manageUntil"), state("manage_until")}};
        const int perDay = state("counters_per_day").toInt();
        c.insert(QStringLiteral("countersPerDay"), perDay == 0 ? 1 : perDay);
        return c;
    }

    // Applies a configuration through uplink.configure; a refusal is a 400
    // naming `field`.
    void configure(const QJsonObject &configuration, const QString &field)
    {
        const QJsonObject result = invoke(QStringLiteral("uplink.configure"), configuration);
        if (!result.value(QStringLiteral("ok")).toBool()) {
            throw ApiError(400, QStringLiteral("invalid_value"), result.value(QStringLiteral("error")).toString(),
                           field);
        }
    }

    QJsonObject cloudJson()
    {
        const QJsonObject status = invoke(QStringLiteral("uplink.status"), {});
        const bool enabled = status.value(QStringLiteral("enabled")).toBool();
        const QString registration = status.value(QStringLiteral("registration")).toString();
        const QString failure = status.value(QStringLiteral("failure")).toString(QStringLiteral("none"));
        QString stateName = QStringLiteral("off");
        if (enabled) {
            stateName = failure == QLatin1String("none") ? QStringLiteral("ok") : QStringLiteral("error");
        }
        const QString host = state("proxy_host");
        const QString until = state("manage_until");
        const QString mode = status.value(QStringLiteral("mode"))
                                 .toString(state("mode").isEmpty() ? QStringLiteral("monitor") : state("mode"));
        QJsonValue proxy = QJsonValue::Null;
        if (!host.isEmpty()) {
            proxy = QJsonObject{{QStringLiteral("host"), host},
                                {QStringLiteral("port"), state("proxy_port").toInt()},
                                {QStringLiteral("user"), state("proxy_user")}};
        }
        const bool registered = registration == QLatin1String("managed") || registration == QLatin1String("pending");
        return QJsonObject{
            {QStringLiteral("state"), stateName},
            {QStringLiteral("mode"), mode},
            {QStringLiteral("registered"), registered},
            {QStringLiteral("registration"), registration.isEmpty() || registration == QLatin1String("unregistered")
                                                 ? QStringLiteral("none")
                                                 : registration},
            {QStringLiteral("origin"),
             state("origin").isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(state("origin"))},
            {QStringLiteral("proxy"), proxy},
            {QStringLiteral("queueDepth"), status.value(QStringLiteral("outboxRecords")).toInt()},
            {QStringLiteral("lastUploadAt"), status.value(QStringLiteral("lastSuccessAt")).isString()
                                                 ? status.value(QStringLiteral("lastSuccessAt"))
                                                 : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("lastError"),
             failure == QLatin1String("none") ? QJsonValue(QJsonValue::Null) : status.value(QStringLiteral("message"))},
            {QStringLiteral("manageExpiresAt"),
             mode == QLatin1String("manage") && !until.isEmpty() ? QJsonValue(until) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("anonymized"), status.value(QStringLiteral("anonymous")).toBool()}};
    }

    Response registerGateway(Request &r)
    {
        JsonFields f(r.json());
        const QString origin = f.string(QStringLiteral("origin"), 256);
        const QString accessCode = f.string(QStringLiteral("accessCode"), 256);
        const QString user = f.optionalString(QStringLiteral("user"), 128).value_or(QString());
        const QString password = f.optionalString(QStringLiteral("password"), 1024).value_or(QString());
        f.finish();
        if (!user.isEmpty() && password.isEmpty()) {
            throw ApiError(400, QStringLiteral("missing_field"),
                           QStringLiteral("a user needs a password (or leave both out to register with the access "
                                          "code alone)"),
                           QStringLiteral("password"));
        }
        QJsonObject configuration = currentConfiguration();
        configuration.insert(QStringLiteral("origin"), origin);
        try {
            configure(configuration, QStringLiteral("origin"));
        } catch (const ApiError &e) {
            m_c.audit.record(actorOf(r), r.source(), QString::fromLatin1(audit::action::kRegistration),
                             QStringLiteral("%1 (refused: %2)").arg(origin.left(256), e.message()),
                             audit::Result::Failure);
            throw;
        }
        const QJsonObject result =
            invoke(QStringLiteral("uplink.register"), QJsonObject{{QStringLiteral("accessCode"), accessCode},
                                                                  {QStringLiteral("user"), user},
                                                                  {QStringLiteral("password"), password}});
        const bool ok = result.value(QStringLiteral("ok")).toBool();
        m_c.audit.record(
            actorOf(r), r.source(), QString::fromLatin1(audit::action::kRegistration),
            ok ? QStringLiteral("%1 (%2)").arg(origin, user.isEmpty() ? QStringLiteral("access code")
                                                                      : QStringLiteral("access code and "
                                                                                       "user"))
               : QStringLiteral("%1 (refused: %2)").arg(origin, result.value(QStringLiteral("error")).toString()),
            ok ? audit::Result::Success : audit::Result::Failure);
        if (!ok) {
            throw ApiError(409, QStringLiteral("refused"), result.value(QStringLiteral("error")).toString());
        }
        return Response::json(cloudJson(), 202);
    }

    Response setMode(Request &r)
    {
        JsonFields f(r.json());
        const QString mode = f.choice(QStringLiteral("mode"), {QStringLiteral("monitor"), QStringLiteral("manage")});
        const auto expires = f.optionalString(QStringLiteral("expiresAt"), 40);
        f.finish();
        QString until;
        if (expires) {
            if (mode != QLatin1String("manage")) {
                throw ApiError::badRequest(QStringLiteral("'expiresAt' applies to the manage mode only"),
                                           QStringLiteral("expiresAt"));
            }
            const QDateTime t = QDateTime::fromString(*expires, Qt::ISODate);
            if (!t.isValid()) {
                throw ApiError::badRequest(
                    QStringLiteral("'expiresAt' must be an ISO 8601 date and time, e.g. 2026-12-31T18:00:00Z"),
                    QStringLiteral("expiresAt"));
            }
            if (t.toSecsSinceEpoch() <= m_c.clock.nowSecs()) {
                throw ApiError::badRequest(QStringLiteral("'expiresAt' must be in the future"),
                                           QStringLiteral("expiresAt"));
            }
            until = t.toUTC().toString(Qt::ISODate);
        }
        QJsonObject configuration = currentConfiguration();
        if (configuration.value(QStringLiteral("origin")).toString().isEmpty()) {
            throw ApiError(409, QStringLiteral("not_registered"),
                           QStringLiteral("register with the cloud first (POST /cloud/register)"));
        }
        const QString before = configuration.value(QStringLiteral("mode")).toString();
        configuration.insert(QStringLiteral("mode"), mode);
        configuration.insert(QStringLiteral("manageUntil"), until);
        configure(configuration, QStringLiteral("mode"));
        m_c.audit.record(actorOf(r), r.source(), QString::fromLatin1(audit::action::kModeChange),
                         QStringLiteral("%1 -> %2%3")
                             .arg(before, mode, until.isEmpty() ? QString() : QStringLiteral(" until ") + until),
                         audit::Result::Success);
        return Response::json(cloudJson());
    }

    Response setProxy(Request &r)
    {
        JsonFields f(r.json());
        const auto host = f.optionalString(QStringLiteral("host"), 253);
        const auto port = f.optionalInteger(QStringLiteral("port"), 1, 65535);
        const auto user = f.optionalString(QStringLiteral("user"), 128);
        const auto password = f.optionalString(QStringLiteral("password"), 1024);
        f.finish();
        const bool clear = !host && !port && !user && !password;
        if (!clear) {
            static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9.:-]{1,253}$"));
            if (!host || !valid.match(*host).hasMatch()) {
                throw ApiError(400, host ? QStringLiteral("invalid_value") : QStringLiteral("missing_field"),
                               QStringLiteral("'host' must be the proxy's host name or IP address (send {} to use no "
                                              "proxy)"),
                               QStringLiteral("host"));
            }
            if (!port) {
                throw ApiError(400, QStringLiteral("missing_field"), QStringLiteral("'port' (1 to 65535) is required"),
                               QStringLiteral("port"));
            }
            if (password && user.value_or(QString()).isEmpty()) {
                throw ApiError(400, QStringLiteral("missing_field"), QStringLiteral("a proxy password needs a 'user'"),
                               QStringLiteral("user"));
            }
        }
        // The password first, so the uplink rebuilt below already uses it.
        if (password && !clear) {
            m_c.vault.put(kProxyPasswordSecret, password->toUtf8());
        } else if (clear || !user) {
            m_c.vault.remove(kProxyPasswordSecret);
        }
        QJsonObject configuration = currentConfiguration();
        configuration.insert(QStringLiteral("proxyHost"), host.value_or(QString()));
        configuration.insert(QStringLiteral("proxyPort"), static_cast<int>(port.value_or(0)));
        configuration.insert(QStringLiteral("proxyUser"), user.value_or(QString()));
        if (configuration.value(QStringLiteral("origin")).toString().isEmpty()) {
            // Not registered yet: keep the proxy for the registration, which
            // may need it to reach the cloud at all.
            setState("proxy_host", host.value_or(QString()));
            setState("proxy_port", QString::number(port.value_or(0)));
            setState("proxy_user", user.value_or(QString()));
        } else {
            configure(configuration, QStringLiteral("host"));
        }
        m_c.audit.record(actorOf(r), r.source(), QStringLiteral("configure proxy"),
                         clear ? QStringLiteral("no proxy")
                               : QStringLiteral("%1:%2%3").arg(*host).arg(*port).arg(
                                     user ? QStringLiteral(" as ") + *user : QString()),
                         audit::Result::Success);
        return Response::json(cloudJson());
    }

    Context &m_c;
};

} // namespace

std::unique_ptr<Controller> makeCloudController(Context &context)
{
    return std::make_unique<CloudController>(context);
}

} // namespace netgateway::core::api
