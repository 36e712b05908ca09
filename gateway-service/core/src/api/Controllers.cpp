// The console's controllers. To add an area's endpoints: write a Controller
// subclass (see the ones below), then add one line to registerControllers()
// at the end of this file.
#include "AreaControllers.h"

#include <netgateway/core/Clock.h>
#include <netgateway/core/GatewayService.h>
#include <netgateway/core/ServiceConfig.h>
#include <netgateway/core/api/Certificate.h>
#include <netgateway/core/api/Console.h>
#include <netgateway/core/api/TasksController.h>
#include <netgateway/core/api/UpgradeController.h>
#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/auth/SessionManager.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/Maintenance.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

namespace netgateway::core::api {

namespace {

using area::actorOf;
using area::rejectUnknownQuery;
using auth::AuthService;

QByteArray sessionCookieHeader(const QString &value, bool clear)
{
    QByteArray header = QByteArray("__Host-ngsid=") + (clear ? QByteArray() : value.toLatin1()) +
                        "; Path=/; Secure; HttpOnly; SameSite=Strict";
    if (clear) {
        header += "; Max-Age=0";
    }
    return header;
}

ApiError policyError(const auth::PolicyViolation &v, const QString &field)
{
    ApiError e(422, QStringLiteral("password_policy"), v.message, field);
    e.extra.insert(QStringLiteral("rule"), v.rule);
    return e;
}

// ---------------------------------------------------------------- status
class StatusController final : public Controller {
public:
    explicit StatusController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/status"), Access::Authenticated, [this](Request &) {
            QJsonObject status = m_c.status ? m_c.status() : QJsonObject{};
            status.remove(QStringLiteral("dataDirectory"));
            status.remove(QStringLiteral("pid"));
            return Response::json(status);
        });
    }

private:
    Context &m_c;
};

// ---------------------------------------------------------------- authentication
class AuthController final : public Controller {
public:
    explicit AuthController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/auth/setup"), Access::Public, [this](Request &) {
            return Response::json(QJsonObject{
                {QStringLiteral("passwordSet"), m_c.auth.hasPassword(QString::fromLatin1(AuthService::kAdmin))}});
        });
        router.add(Method::Post, QStringLiteral("/auth/setup"), Access::Public,
                   [this](Request &r) { return setup(r); });
        router.add(Method::Post, QStringLiteral("/auth/login"), Access::Public,
                   [this](Request &r) { return login(r); });
        router.add(Method::Post, QStringLiteral("/auth/logout"), Access::Authenticated, [this](Request &r) {
            JsonFields(r.json()).finish();
            m_c.sessions.endByCookie(r.sessionCookie);
            m_c.audit.record(actorOf(r), r.source(), QString::fromLatin1(audit::action::kLogout),
                             QStringLiteral("session %1").arg(r.session->id), audit::Result::Success);
            Response resp = Response::noContent();
            resp.headers.append({"Set-Cookie", sessionCookieHeader({}, true)});
            return resp;
        });
        router.add(Method::Get, QStringLiteral("/auth/session"), Access::Authenticated,
                   [this](Request &r) { return Response::json(sessionJson(*r.session)); });
        router.add(Method::Post, QStringLiteral("/auth/password"), Access::Authenticated,
                   [this](Request &r) { return changePassword(r); });
        router.add(Method::Post, QStringLiteral("/auth/totp/enrol"), Access::Authenticated, [this](Request &r) {
            JsonFields f(r.json());
            const QString password = f.string(QStringLiteral("password"), 256);
            f.finish();
            requireReauthentication(m_c, r, password);
            const auto e = m_c.auth.beginTotp(r.session->account);
            return Response::json(QJsonObject{{QStringLiteral("secret"), e.secret},
                                              {QStringLiteral("otpauthUri"), e.uri},
                                              {QStringLiteral("qrSvg"), QString::fromUtf8(e.qrSvg)}});
        });
        router.add(Method::Post, QStringLiteral("/auth/totp/verify"), Access::Authenticated, [this](Request &r) {
            JsonFields f(r.json());
            const QString code = f.string(QStringLiteral("code"), 16);
            f.finish();
            const QStringList codes = m_c.auth.confirmTotp(r.session->account, code, r.source());
            if (codes.isEmpty()) {
                throw ApiError(400, QStringLiteral("invalid_code"),
                               QStringLiteral("the code does not match: enter the current 6-digit code of the "
                                              "authenticator app, or start the enrolment again"),
                               QStringLiteral("code"));
            }
            return Response::json(QJsonObject{{QStringLiteral("enabled"), true},
                                              {QStringLiteral("recoveryCodes"), QJsonArray::fromStringList(codes)}});
        });
        router.add(Method::Post, QStringLiteral("/auth/totp/disable"), Access::Authenticated, [this](Request &r) {
            JsonFields f(r.json());
            const QString password = f.string(QStringLiteral("password"), 256);
            f.finish();
            requireReauthentication(m_c, r, password);
            m_c.auth.disableTotp(r.session->account, r.source());
            return Response::noContent();
        });
    }

private:
    QJsonObject sessionJson(const auth::Session &s) const
    {
        return {{QStringLiteral("account"), s.account},
                {QStringLiteral("sessionId"), s.id},
                {QStringLiteral("csrfToken"), s.csrfToken},
                {QStringLiteral("createdAt"), s.createdUtc},
                {QStringLiteral("inactivityMinutes"), qint64(m_c.sessions.inactivityTimeout().count())},
                {QStringLiteral("totpEnabled"), m_c.auth.totpEnabled(s.account)}};
    }

    Response failureDelayed(ApiError e) const
    {
        Response resp = Response::error(e);
        resp.delay = m_c.auth.options().failureDelay;
        return resp;
    }

    Response setup(Request &r)
    {
        JsonFields f(r.json());
        const QString token = f.string(QStringLiteral("token"), 128);
        const QString password = f.string(QStringLiteral("password"), 1024);
        f.finish();
        if (const qint64 until = m_c.auth.lockedUntil(QString::fromLatin1(AuthService::kAdmin), r.source())) {
            return failureDelayed(
                ApiError(429, QStringLiteral("locked"),
                         QStringLiteral("too many failed attempts from this address: try again "
                                        "after %1")
                             .arg(QDateTime::fromSecsSinceEpoch(until, Qt::UTC).toString(Qt::ISODate))));
        }
        std::optional<auth::PolicyViolation> violation;
        switch (m_c.auth.completeSetup(token, password, r.source(), violation)) {
        case AuthService::SetupOutcome::Ok:
            return Response::noContent();
        case AuthService::SetupOutcome::AlreadySet:
            throw ApiError(409, QStringLiteral("already_set"),
                           QStringLiteral("the administrator password is already set; log in instead"));
        case AuthService::SetupOutcome::BadToken:
            return failureDelayed(ApiError(403, QStringLiteral("invalid_setup_token"),
                                           QStringLiteral("the setup token is wrong; 'netgatewayctl admin "
                                                          "setup-token' on the machine shows it"),
                                           QStringLiteral("token")));
        case AuthService::SetupOutcome::Policy:
            throw policyError(*violation, QStringLiteral("password"));
        }
        return Response::noContent();
    }

    Response login(Request &r)
    {
        JsonFields f(r.json());
        const QString user = f.string(QStringLiteral("username"), 64);
        const QString password = f.string(QStringLiteral("password"), 1024, 0);
        const QString code = f.optionalString(QStringLiteral("code"), 32).value_or(QString());
        f.finish();
        const auto result = m_c.auth.login(user, password, code, r.source());
        switch (result.outcome) {
        case AuthService::Outcome::Ok: {
            if (!r.sessionCookie.isEmpty()) {
                m_c.sessions.endByCookie(r.sessionCookie);
            }
            const QString cookie = m_c.sessions.create(user, r.source());
            Response resp = Response::json(sessionJson(*m_c.sessions.touch(cookie)));
            resp.headers.append({"Set-Cookie", sessionCookieHeader(cookie, false)});
            return resp;
        }
        case AuthService::Outcome::Locked: {
            Response resp = failureDelayed(ApiError(
                429, QStringLiteral("locked"),
                QStringLiteral("too many failed attempts from this address: logins for '%1' from here are locked until "
                               "%2. The console on the machine itself is not affected.")
                    .arg(user.left(64),
                         QDateTime::fromSecsSinceEpoch(result.lockedUntil, Qt::UTC).toString(Qt::ISODate))));
            resp.headers.append(
                {"Retry-After", QByteArray::number(std::max<qint64>(1, result.lockedUntil - m_c.clock.nowSecs()))});
            return resp;
        }
        case AuthService::Outcome::SecondFactorRequired:
            throw ApiError(401, QStringLiteral("second_factor_required"),
                           QStringLiteral("enter the 6-digit code of the authenticator app or a recovery code"),
                           QStringLiteral("code"));
        case AuthService::Outcome::NotInitialised:
            throw ApiError(409, QStringLiteral("setup_required"),
                           QStringLiteral("the administrator password is not set yet: use the setup token "
                                          "(POST /api/v1/auth/setup) or 'netgatewayctl admin set-password'"));
        case AuthService::Outcome::BadCredentials:
            break;
        }
        return failureDelayed(ApiError(401, QStringLiteral("invalid_credentials"),
                                       QStringLiteral("the user name, password or code is wrong")));
    }

    Response changePassword(Request &r)
    {
        JsonFields f(r.json());
        const QString current = f.string(QStringLiteral("currentPassword"), 1024);
        const QString next = f.string(QStringLiteral("newPassword"), 1024, 0);
        f.finish();
        requireReauthentication(m_c, r, current);
        if (auto v = m_c.auth.setPassword(r.session->account, next, r.session->account, r.source(),
                                          QString::fromLatin1(audit::action::kPasswordChange))) {
            throw policyError(*v, QStringLiteral("newPassword"));
        }
        const int ended = m_c.sessions.endOthers(r.session->account, r.sessionCookie);
        return Response::json(QJsonObject{{QStringLiteral("changed"), true}, {QStringLiteral("sessionsEnded"), ended}});
    }

    Context &m_c;
};

// ---------------------------------------------------------------- sessions
class SessionsController final : public Controller {
public:
    explicit SessionsController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/sessions"), Access::Authenticated, [this](Request &r) {
            rejectUnknownQuery(r, {});
            QJsonArray list;
            for (const auth::Session &s : m_c.sessions.list()) {
                list.append(QJsonObject{{QStringLiteral("id"), s.id},
                                        {QStringLiteral("account"), s.account},
                                        {QStringLiteral("source"), s.source},
                                        {QStringLiteral("createdAt"), s.createdUtc},
                                        {QStringLiteral("lastActivity"), s.lastSeenUtc},
                                        {QStringLiteral("current"), s.id == r.session->id}});
            }
            return Response::json(QJsonObject{{QStringLiteral("sessions"), list}});
        });
        router.add(Method::Delete, QStringLiteral("/sessions/{id}"), Access::Authenticated, [this](Request &r) {
            const QString id = r.params.value(0).left(64);
            if (!m_c.sessions.endById(id)) {
                throw ApiError::notFound(QStringLiteral("there is no active session %1").arg(id));
            }
            m_c.audit.record(actorOf(r), r.source(), QString::fromLatin1(audit::action::kEndSession),
                             QStringLiteral("session %1").arg(id), audit::Result::Success);
            return Response::noContent();
        });
    }

private:
    Context &m_c;
};

// ---------------------------------------------------------------- security settings
class SecurityController final : public Controller {
public:
    explicit SecurityController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/security/settings"), Access::Authenticated,
                   [this](Request &r) { return Response::json(settings(r)); });
        router.add(Method::Put, QStringLiteral("/security/settings"), Access::Authenticated, [this](Request &r) {
            JsonFields f(r.json());
            const QString password = f.string(QStringLiteral("password"), 1024);
            const auto inactivity = f.optionalInteger(QStringLiteral("sessionInactivityMinutes"), 1, 720);
            const auto hosts = f.optionalStringList(QStringLiteral("allowedHosts"), 32, 253);
            f.finish();
            if (hosts) {
                for (const QString &h : *hosts) {
                    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9.:-]{1,253}$"));
                    if (!valid.match(h).hasMatch()) {
                        throw ApiError::badRequest(
                            QStringLiteral("'%1' is not a host name or IP address").arg(h.left(64)),
                            QStringLiteral("allowedHosts"));
                    }
                }
            }
            requireReauthentication(m_c, r, password);
            QStringList changed;
            if (inactivity) {
                store(QString::fromLatin1(Console::kInactivityKey), QString::number(*inactivity));
                changed << QStringLiteral("sessionInactivityMinutes=%1").arg(*inactivity);
            }
            if (hosts) {
                store(QString::fromLatin1(Console::kAllowedHostsKey),
                      QString::fromUtf8(
                          QJsonDocument(QJsonArray::fromStringList(*hosts)).toJson(QJsonDocument::Compact)));
                changed << QStringLiteral("allowedHosts=%1").arg(hosts->join(QLatin1Char(' ')));
            }
            m_c.reloadSettings();
            m_c.audit.record(actorOf(r), r.source(), QString::fromLatin1(audit::action::kSecuritySettings),
                             changed.isEmpty() ? QStringLiteral("no change") : changed.join(QStringLiteral(", ")),
                             audit::Result::Success);
            return Response::json(settings(r));
        });
    }

private:
    void store(const QString &key, const QString &value)
    {
        storage::Statement st(m_c.db, "INSERT INTO settings(key, value, updated_at) VALUES(?1, ?2, ?3) "
                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                                      "updated_at = excluded.updated_at");
        st.bind(1, key).bind(2, value).bind(3, m_c.clock.nowSecs());
        st.run();
    }

    QJsonObject settings(const Request &r) const
    {
        QStringList hosts;
        storage::Statement st(m_c.db, "SELECT value FROM settings WHERE key = ?1");
        st.bind(1, QString::fromLatin1(Console::kAllowedHostsKey));
        if (st.step()) {
            for (const QJsonValue &v : QJsonDocument::fromJson(st.text(0).toUtf8()).array()) {
                hosts << v.toString();
            }
        }
        const auto &o = m_c.auth.options();
        return {
            {QStringLiteral("sessionInactivityMinutes"), qint64(m_c.sessions.inactivityTimeout().count())},
            {QStringLiteral("sessionAbsoluteHours"), qint64(auth::SessionManager::kAbsoluteLifetime.count())},
            {QStringLiteral("allowedHosts"), QJsonArray::fromStringList(hosts)},
            {QStringLiteral("totpEnabled"), m_c.auth.totpEnabled(r.session->account)},
            {QStringLiteral("lockout"),
             QJsonObject{{QStringLiteral("maxFailures"), o.maxFailures},
                         {QStringLiteral("lockMinutes"), qint64(o.lockDuration.count() / 60)}}},
            {QStringLiteral("passwordPolicy"),
             QJsonObject{{QStringLiteral("minLength"), auth::PasswordPolicy::kMinLength},
                         {QStringLiteral("maxLength"), auth::PasswordPolicy::kMaxLength},
                         {QStringLiteral("history"), auth::PasswordPolicy::kHistory},
                         {QStringLiteral("commonPasswords"), qint64(auth::PasswordPolicy::commonPasswords().size())}}}};
    }

    Context &m_c;
};

// ---------------------------------------------------------------- audit log
class AuditController final : public Controller {
public:
    explicit AuditController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/audit"), Access::Authenticated, [this](Request &r) {
            rejectUnknownQuery(r, {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("actor"),
                                   QStringLiteral("action"), QStringLiteral("result"), QStringLiteral("limit"),
                                   QStringLiteral("offset")});
            audit::Query q;
            q.from = area::dateTimeQuery(r, QStringLiteral("from"));
            q.to = area::dateTimeQuery(r, QStringLiteral("to"));
            q.actor = r.queryValue(QStringLiteral("actor")).left(256);
            q.action = r.queryValue(QStringLiteral("action")).left(256);
            const QString result = r.queryValue(QStringLiteral("result"));
            if (result == QLatin1String("success")) {
                q.result = audit::Result::Success;
            } else if (result == QLatin1String("failure")) {
                q.result = audit::Result::Failure;
            } else if (!result.isEmpty()) {
                throw ApiError::badRequest(QStringLiteral("'result' must be success or failure"),
                                           QStringLiteral("result"));
            }
            q.limit =
                static_cast<int>(area::intQuery(r, QStringLiteral("limit"), 1, audit::AuditLog::kMaxQueryLimit, 100));
            q.offset = static_cast<int>(area::intQuery(r, QStringLiteral("offset"), 0, 100000000, 0));
            QJsonArray entries;
            for (const audit::Entry &e : m_c.audit.query(q)) {
                entries.append(e.toJson());
            }
            return Response::json(
                QJsonObject{{QStringLiteral("total"), m_c.audit.count(q)}, {QStringLiteral("entries"), entries}});
        });
        router.add(Method::Get, QStringLiteral("/audit/export"), Access::Authenticated, [this](Request &r) {
            rejectUnknownQuery(r, {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("format")});
            const QDateTime from =
                area::dateTimeQuery(r, QStringLiteral("from")).value_or(QDateTime::fromSecsSinceEpoch(0, Qt::UTC));
            const QDateTime to = area::dateTimeQuery(r, QStringLiteral("to")).value_or(m_c.clock.nowUtc().addSecs(1));
            const QString format = r.queryValue(QStringLiteral("format"));
            if (!format.isEmpty() && format != QLatin1String("csv") && format != QLatin1String("jsonl")) {
                throw ApiError::badRequest(QStringLiteral("'format' must be csv or jsonl"), QStringLiteral("format"));
            }
            m_c.audit.record(actorOf(r), r.source(), QString::fromLatin1(audit::action::kAuditExport),
                             QStringLiteral("%1 to %2").arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)),
                             audit::Result::Success);
            const QString stamp = m_c.clock.nowUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
            if (format == QLatin1String("jsonl")) {
                return Response::download(m_c.audit.exportJsonLines(from, to), "application/x-ndjson",
                                          QStringLiteral("audit-%1.jsonl").arg(stamp));
            }
            return Response::download(m_c.audit.exportCsv(from, to), "text/csv; charset=utf-8",
                                      QStringLiteral("audit-%1.csv").arg(stamp));
        });
    }

private:
    Context &m_c;
};

// ---------------------------------------------------------------- system log
class LogsController final : public Controller {
public:
    static constexpr qint64 kMaxBytes = 16 * 1024 * 1024;
    explicit LogsController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/logs/system"), Access::Authenticated, [this](Request &r) {
            rejectUnknownQuery(r, {});
            QFile file(QDir(m_c.config.dataDirectory).filePath(QStringLiteral("logs/netgatewayd.log")));
            QByteArray data;
            if (file.open(QIODevice::ReadOnly)) {
                if (file.size() > kMaxBytes) {
                    file.seek(file.size() - kMaxBytes);
                }
                data = file.read(kMaxBytes);
            }
            const QString stamp = m_c.clock.nowUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
            return Response::download(data, "text/plain; charset=utf-8",
                                      QStringLiteral("netgatewayd-%1.log").arg(stamp));
        });
    }

private:
    Context &m_c;
};

// ---------------------------------------------------------------- certificate
class CertificateController final : public Controller {
public:
    static constexpr int kMaxPem = 256 * 1024;
    explicit CertificateController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/certificate"), Access::Authenticated,
                   [this](Request &) { return Response::json(m_c.certificates.describe()); });
        router.add(Method::Put, QStringLiteral("/certificate"), Access::Authenticated, [this](Request &r) {
            JsonFields f(r.json());
            const QString password = f.string(QStringLiteral("password"), 1024);
            const QString format =
                f.choice(QStringLiteral("format"), {QStringLiteral("pem"), QStringLiteral("pkcs12")});
            const auto certificate = f.optionalString(QStringLiteral("certificate"), kMaxPem);
            const auto privateKey = f.optionalString(QStringLiteral("privateKey"), kMaxPem);
            const auto pkcs12 = f.optionalString(QStringLiteral("pkcs12"), kMaxPem);
            const auto passphrase = f.optionalString(QStringLiteral("passphrase"), 1024);
            f.finish();
            requireReauthentication(m_c, r, password);
            QString error;
            bool ok = false;
            if (format == QLatin1String("pem")) {
                if (!certificate || !privateKey) {
                    throw ApiError(400, QStringLiteral("missing_field"),
                                   QStringLiteral("PEM needs 'certificate' and 'privateKey'"),
                                   certificate ? QStringLiteral("privateKey") : QStringLiteral("certificate"));
                }
                ok = m_c.certificates.replacePem(certificate->toUtf8(), privateKey->toUtf8(),
                                                 passphrase.value_or(QString()).toUtf8(), error);
            } else {
                if (!pkcs12) {
                    throw ApiError(400, QStringLiteral("missing_field"),
                                   QStringLiteral("PKCS#12 needs 'pkcs12' (base64)"), QStringLiteral("pkcs12"));
                }
                const auto decoded =
                    QByteArray::fromBase64Encoding(pkcs12->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
                if (!decoded) {
                    throw ApiError::badRequest(QStringLiteral("'pkcs12' must be base64"), QStringLiteral("pkcs12"));
                }
                ok = m_c.certificates.replacePkcs12(*decoded, passphrase.value_or(QString()).toUtf8(), error);
            }
            const QString fingerprint =
                m_c.certificates.describe().value(QStringLiteral("sha256Fingerprint")).toString();
            m_c.audit.record(actorOf(r), r.source(), QString::fromLatin1(audit::action::kCertificateChange),
                             ok ? QStringLiteral("console certificate %1").arg(fingerprint)
                                : QStringLiteral("console certificate (refused: %1)").arg(error),
                             ok ? audit::Result::Success : audit::Result::Failure);
            if (!ok) {
                throw ApiError(422, QStringLiteral("invalid_certificate"), error, QStringLiteral("certificate"));
            }
            m_c.reloadTls();
            return Response::json(m_c.certificates.describe());
        });
    }

private:
    Context &m_c;
};

// ---------------------------------------------------------------- backup
class BackupController final : public Controller {
public:
    explicit BackupController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override
    {
        router.add(Method::Post, QStringLiteral("/backup"), Access::Authenticated, [this](Request &r) {
            JsonFields f(r.json());
            const QString password = f.string(QStringLiteral("password"), 1024);
            f.finish();
            requireReauthentication(m_c, r, password);
            QTemporaryDir dir(QDir(m_c.config.dataDirectory).filePath(QStringLiteral("backup-XXXXXX")));
            if (!dir.isValid()) {
                throw ApiError(500, QStringLiteral("internal_error"), QStringLiteral("no room for the backup"));
            }
            const QString path = dir.filePath(QStringLiteral("netgateway.db"));
            storage::backupDatabase(GatewayService::databasePath(m_c.config.dataDirectory), path);
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                throw ApiError(500, QStringLiteral("internal_error"), QStringLiteral("the backup cannot be read"));
            }
            m_c.audit.record(actorOf(r), r.source(), QString::fromLatin1(audit::action::kBackup),
                             QStringLiteral("database"), audit::Result::Success);
            const QString stamp = m_c.clock.nowUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
            return Response::download(file.readAll(), "application/vnd.sqlite3",
                                      QStringLiteral("netgateway-backup-%1.db").arg(stamp));
        });
    }

private:
    Context &m_c;
};

// ---------------------------------------------------------------- relay
// GET /relay: the relay's listener, totals and per-device counters (read-only).
class RelayController final : public Controller {
public:
    explicit RelayController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/relay"), Access::Authenticated, [this](Request &) {
            const QJsonObject status = m_c.status ? m_c.status() : QJsonObject{};
            const QJsonValue relay = status.value(QStringLiteral("relay"));
            return Response::json(relay.isObject() ? relay.toObject()
                                                   : QJsonObject{{QStringLiteral("listening"), false}});
        });
    }

private:
    Context &m_c;
};

} // namespace

void registerControllers(Context &context, Router &router)
{
    const auto add = [&router](std::unique_ptr<Controller> c) { router.addController(std::move(c)); };
    add(std::make_unique<StatusController>(context));
    add(std::make_unique<AuthController>(context));
    add(std::make_unique<SessionsController>(context));
    add(std::make_unique<SecurityController>(context));
    add(std::make_unique<AuditController>(context));
    add(std::make_unique<LogsController>(context));
    add(std::make_unique<CertificateController>(context));
    add(std::make_unique<BackupController>(context));
    // Other areas: add(std::make_unique<YourController>(context));
    add(std::make_unique<RelayController>(context));
    // Product areas (one controller file each).
    add(makeDashboardController(context));
    add(makeDevicesController(context));
    add(makeDiscoveryController(context));
    add(makePollingController(context));
    add(makeCloudController(context));
    add(makeTasksController(context));
    add(std::make_unique<UpgradeController>(context));
}

} // namespace netgateway::core::api
