#include <netgateway/core/Clock.h>
#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/ServiceConfig.h>
#include <netgateway/core/api/Certificate.h>
#include <netgateway/core/api/Console.h>
#include <netgateway/core/api/TlsListener.h>
#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/auth/SessionManager.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/SecretVault.h>

#include <netgateway/web/WebConsoleAssets.h>

#include <QAbstractHttpServer>
#include <QDir>
#include <QHostInfo>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QPointer>
#include <QSaveFile>
#include <QTcpSocket>

#include <openssl/crypto.h>

namespace netgateway::core::api {

namespace {

constexpr char kCookieName[] = "__Host-ngsid";

std::optional<Method> toMethod(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return Method::Get;
    case QHttpServerRequest::Method::Post:
        return Method::Post;
    case QHttpServerRequest::Method::Put:
        return Method::Put;
    case QHttpServerRequest::Method::Patch:
        return Method::Patch;
    case QHttpServerRequest::Method::Delete:
        return Method::Delete;
    default:
        return std::nullopt;
    }
}

// "host", "host:port", "[v6]", "[v6]:port" -> lower-case host without port.
QString hostPart(const QByteArray &hostHeader)
{
    QString host = QString::fromLatin1(hostHeader).trimmed().toLower();
    if (host.startsWith(QLatin1Char('['))) {
        const auto close = host.indexOf(QLatin1Char(']'));
        return close < 0 ? QString() : host.mid(1, close - 1);
    }
    const auto colon = host.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0) {
        host.truncate(colon);
    }
    if (host.endsWith(QLatin1Char('.'))) {
        host.chop(1);
    }
    return host;
}

QString cookieValue(const QByteArray &cookieHeader)
{
    for (const QByteArray &part : cookieHeader.split(';')) {
        const QByteArray trimmed = part.trimmed();
        const auto eq = trimmed.indexOf('=');
        if (eq > 0 && trimmed.left(eq) == kCookieName) {
            return QString::fromLatin1(trimmed.mid(eq + 1));
        }
    }
    return {};
}

bool constantTimeEqual(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && !a.isEmpty() &&
           CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

// Cross-site request checks for state-changing methods.
void checkSameOrigin(const Request &request)
{
    const QByteArray host = request.header("host").trimmed().toLower();
    const QByteArray fetchSite = request.header("sec-fetch-site").trimmed().toLower();
    if (!fetchSite.isEmpty() && fetchSite != "same-origin" && fetchSite != "none") {
        throw ApiError::forbidden(QStringLiteral("cross_site_request"),
                                  QStringLiteral("cross-site requests are not accepted"));
    }
    const QByteArray origin = request.header("origin").trimmed().toLower();
    if (!origin.isEmpty()) {
        if (origin != "https://" + host) {
            throw ApiError::forbidden(QStringLiteral("cross_site_request"),
                                      QStringLiteral("the request's Origin does not match this console"));
        }
        return;
    }
    const QByteArray referer = request.header("referer").trimmed().toLower();
    if (!referer.isEmpty() && !referer.startsWith("https://" + host + "/") && referer != "https://" + host) {
        throw ApiError::forbidden(QStringLiteral("cross_site_request"),
                                  QStringLiteral("the request's Referer does not match this console"));
    }
}

// The console's certificate (public, no key) as PEM in the data directory,
// rewritten whenever the identity changes: the desktop console on the same
// machine pins it, so it verifies the service without trusting anything else.
void writeCertificateFile(const QString &dataDirectory, const QList<QSslCertificate> &chain)
{
    if (dataDirectory.isEmpty() || chain.isEmpty()) {
        return;
    }
    QSaveFile file(QDir(dataDirectory).filePath(QString::fromLatin1(Console::kCertificateFileName)));
    if (!file.open(QIODevice::WriteOnly) || file.write(chain.first().toPem()) < 0 || !file.commit()) {
        qWarning("cannot write the console certificate to %s: %s", qPrintable(file.fileName()),
                 qPrintable(file.errorString()));
        return;
    }
    QFile::setPermissions(file.fileName(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
}

} // namespace

class HttpsServer final : public QAbstractHttpServer {
public:
    explicit HttpsServer(Console &console) : m_console(console) {}

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        TlsListener::requestCompleted(socket);
        Response response;
        try {
            response = dispatch(request);
        } catch (const ApiError &e) {
            response = Response::error(e);
        } catch (const storage::StorageError &e) {
            qWarning("console request %s failed: %s", qPrintable(request.url().path().left(200)),
                     qPrintable(e.message()));
            response = Response::error(ApiError(500, QStringLiteral("internal_error"),
                                                QStringLiteral("the request could not be completed; the system log "
                                                               "has the details")));
        } catch (const std::exception &e) {
            qWarning("console request %s failed: %s", qPrintable(request.url().path().left(200)), e.what());
            response = Response::error(ApiError(500, QStringLiteral("internal_error"),
                                                QStringLiteral("the request could not be completed; the system log "
                                                               "has the details")));
        }
        send(makeResponder(request, socket), socket, response);
        return true;
    }

    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        send(makeResponder(request, socket), socket,
             Response::error(ApiError::notFound(QStringLiteral("no such resource"))));
    }

private:
    Response dispatch(const QHttpServerRequest &raw)
    {
        Request request;
        request.path = raw.url().path();
        request.query = raw.query();
        request.remoteAddress = raw.remoteAddress();
        request.body = raw.body();
        for (const auto &[name, value] : raw.headers()) {
            request.headers.insert(name.toLower(), value);
        }
        const QString host = hostPart(request.header("host"));
        if (host.isEmpty() || !m_console.m_allowedHosts.contains(host)) {
            throw ApiError(421, QStringLiteral("host_not_allowed"),
                           QStringLiteral("this console does not answer to the host name in the request; add it to "
                                          "the allowed host names in the security settings"),
                           QStringLiteral("Host"));
        }
        if (request.body.size() > kMaxBodyBytes) {
            throw ApiError(413, QStringLiteral("payload_too_large"),
                           QStringLiteral("request bodies are limited to 1 MB"));
        }
        const auto method = toMethod(raw.method());
        static const QString prefix = QStringLiteral("/api/v1/");
        if (!request.path.startsWith(prefix)) {
            return webConsole(raw, request.path);
        }
        bool pathKnown = false;
        const Route *route =
            method ? m_console.m_router.match(*method, request.path.mid(prefix.size() - 1), request.params, pathKnown)
                   : nullptr;
        if (route == nullptr) {
            if (pathKnown || (!method && raw.method() != QHttpServerRequest::Method::Unknown)) {
                throw ApiError(405, QStringLiteral("method_not_allowed"),
                               QStringLiteral("this method is not allowed on %1").arg(request.path.left(200)));
            }
            throw ApiError::notFound(QStringLiteral("no such resource: %1").arg(request.path.left(200)));
        }
        request.method = *method;
        request.sessionCookie = cookieValue(request.header("cookie"));
        if (!request.sessionCookie.isEmpty()) {
            if (const auth::Session *live = m_console.m_sessions->touch(request.sessionCookie)) {
                request.sessionSnapshot = *live;
                request.session = &*request.sessionSnapshot;
            }
        }
        const bool changesState = request.method != Method::Get;
        if (changesState) {
            checkSameOrigin(request);
        }
        if (route->access == Access::Authenticated) {
            if (request.session == nullptr) {
                throw ApiError(401, QStringLiteral("unauthenticated"),
                               QStringLiteral("log in first (POST /api/v1/auth/login); the session may have expired"));
            }
            if (changesState &&
                !constantTimeEqual(request.header("x-csrf-token"), request.session->csrfToken.toLatin1())) {
                throw ApiError::forbidden(QStringLiteral("csrf_token"),
                                          QStringLiteral("send the session's CSRF token in the X-CSRF-Token header"));
            }
        }
        return route->handler(request);
    }

    // Everything outside /api/ is the web console: its files, and index.html
    // for the application's own routes so that reloading a page works.
    static Response webConsole(const QHttpServerRequest &raw, const QString &path)
    {
        if (path == QLatin1String("/api") || path.startsWith(QLatin1String("/api/"))) {
            throw ApiError::notFound(QStringLiteral("no such resource; the API is under /api/v1/"));
        }
        if (raw.method() != QHttpServerRequest::Method::Get && raw.method() != QHttpServerRequest::Method::Head) {
            throw ApiError(405, QStringLiteral("method_not_allowed"),
                           QStringLiteral("the console's pages can only be read (GET)"));
        }
        auto asset = web::findAsset(path);
        if (!asset) {
            throw ApiError::notFound(QStringLiteral("no such page: %1").arg(path.left(200)));
        }
        Response response;
        response.contentType = asset->contentType;
        response.body = raw.method() == QHttpServerRequest::Method::Head ? QByteArray() : std::move(asset->body);
        return response;
    }

    static void send(QHttpServerResponder &&responder, QTcpSocket *socket, const Response &r)
    {
        auto status = static_cast<QHttpServerResponder::StatusCode>(r.status);
        auto response = r.body.isEmpty() && r.contentType.isEmpty()
                            ? std::make_shared<QHttpServerResponse>(status)
                            : std::make_shared<QHttpServerResponse>(r.contentType, r.body, status);
        for (const auto &[name, value] : securityHeaders()) {
            response->setHeader(name, value);
        }
        for (const auto &[name, value] : r.headers) {
            response->addHeader(name, value);
        }
        if (r.delay.count() <= 0) {
            response->write(std::move(responder));
            return;
        }
        auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(r.delay, Qt::PreciseTimer, socket, [guard, held, response] {
            if (guard) {
                response->write(std::move(*held));
            }
        });
    }

    Console &m_console;
};

void requireReauthentication(Context &context, const Request &request, const QString &password)
{
    const QString account = request.session ? request.session->account : QString();
    const auto result = context.auth.reauthenticate(account, password, request.source());
    if (result.outcome == auth::AuthService::Outcome::Ok) {
        return;
    }
    if (result.outcome == auth::AuthService::Outcome::Locked) {
        ApiError e(429, QStringLiteral("locked"),
                   QStringLiteral("too many failed attempts from this address: try again after %1")
                       .arg(QDateTime::fromSecsSinceEpoch(result.lockedUntil, Qt::UTC).toString(Qt::ISODate)),
                   QStringLiteral("password"));
        e.delay = context.auth.options().failureDelay;
        throw e;
    }
    ApiError e(401, QStringLiteral("reauthentication_failed"),
               QStringLiteral("the current password is wrong; this change needs the password again"),
               QStringLiteral("password"));
    e.delay = context.auth.options().failureDelay;
    throw e;
}

Console::Console(storage::Database &db, storage::SecretVault &vault, const Clock &clock, const ServiceConfig &config,
                 ConsoleOptions options, QObject *parent)
    : QObject(parent), m_db(db), m_vault(vault), m_clock(clock), m_config(config), m_options(std::move(options))
{
    m_audit = std::make_unique<audit::AuditLog>(m_db, m_clock);
    m_auth = std::make_unique<auth::AuthService>(m_db, m_vault, *m_audit, m_clock, m_options.auth);
    m_sessions = std::make_unique<auth::SessionManager>(m_clock, *m_audit);
    m_certificates = std::make_unique<CertificateStore>(m_vault, m_clock);
}

Console::~Console()
{
    stop();
}

QStringList Console::machineNames() const
{
    QStringList names;
    const QString hostName = QHostInfo::localHostName().toLower();
    if (!hostName.isEmpty()) {
        names << hostName;
        const QString domain = QHostInfo::localDomainName().toLower();
        if (!domain.isEmpty()) {
            names << hostName + QLatin1Char('.') + domain;
        }
    }
    names << QStringLiteral("localhost");
    for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
        if (a.protocol() == QAbstractSocket::IPv6Protocol && !a.scopeId().isEmpty()) {
            continue; // link-local addresses need a zone, which browsers do not send
        }
        names << a.toString().toLower();
    }
    names << QStringLiteral("127.0.0.1") << QStringLiteral("::1");
    for (const QString &extra : m_options.extraHostNames) {
        names << extra.toLower();
    }
    names.removeDuplicates();
    return names;
}

void Console::loadSettings()
{
    QSet<QString> allowed;
    for (const QString &n : machineNames()) {
        allowed.insert(n);
    }
    storage::Statement st(m_db, "SELECT key, value FROM settings WHERE key IN (?1, ?2)");
    st.bind(1, QString::fromLatin1(kInactivityKey)).bind(2, QString::fromLatin1(kAllowedHostsKey));
    m_sessions->setInactivityTimeout(auth::SessionManager::kDefaultInactivity);
    while (st.step()) {
        if (st.text(0) == QLatin1String(kInactivityKey)) {
            const int minutes = st.text(1).toInt();
            if (minutes >= 1 && minutes <= 720) {
                m_sessions->setInactivityTimeout(std::chrono::minutes(minutes));
            }
        } else {
            const QJsonArray hosts = QJsonDocument::fromJson(st.text(1).toUtf8()).array();
            for (const QJsonValue &h : hosts) {
                allowed.insert(h.toString().toLower());
            }
        }
    }
    m_allowedHosts = allowed;
}

bool Console::start(ControlServer &control, std::function<QJsonObject()> status, QString &error)
{
    const QString token = m_auth->ensureInitialised();
    if (!token.isEmpty()) {
        // Shown on the machine only: the journal, the log file, the console
        // of a foreground run, and `netgatewayctl admin setup-token`.
        qWarning("the local administrator has no password yet. Set it in the console at https://%s:%u/ with the "
                 "one-time setup token %s, or run 'netgatewayctl admin set-password' on this machine",
                 qPrintable(QHostInfo::localHostName()), unsigned(m_options.port.value_or(m_config.uiPort)),
                 qPrintable(token));
    }
    loadSettings();
    m_audit->prune();
    m_pruneTimer.setInterval(m_clock.timerDelay(std::chrono::hours(6)));
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] {
        try {
            m_audit->prune();
        } catch (const storage::StorageError &e) {
            qWarning("audit log pruning failed: %s", qPrintable(e.message()));
        }
    });
    m_pruneTimer.start();

    control.addCommand(QStringLiteral("admin.setup-token"), [this](const QJsonObject &) {
        const QString t = m_auth->setupToken();
        return QJsonObject{{QStringLiteral("passwordSet"), t.isEmpty()}, {QStringLiteral("token"), t}};
    });
    control.addCommand(QStringLiteral("admin.set-password"), [this](const QJsonObject &request) {
        const QString password = request.value(QStringLiteral("password")).toString();
        const auto violation =
            m_auth->setPassword(QString::fromLatin1(auth::AuthService::kAdmin), password, QStringLiteral("local"),
                                QStringLiteral("local"), QString::fromLatin1(audit::action::kPasswordReset));
        if (violation) {
            return QJsonObject{{QStringLiteral("changed"), false},
                               {QStringLiteral("rule"), violation->rule},
                               {QStringLiteral("message"), violation->message}};
        }
        const int ended = m_sessions->endOthers(QString::fromLatin1(auth::AuthService::kAdmin), QString());
        return QJsonObject{{QStringLiteral("changed"), true}, {QStringLiteral("sessionsEnded"), ended}};
    });

    QStringList certNames = machineNames();
    if (!certNames.isEmpty() && certNames.first() == QLatin1String("localhost")) {
        certNames.prepend(QStringLiteral("netgateway"));
    }
    if (!m_certificates->loadOrGenerate(certNames, error)) {
        return false;
    }
    writeCertificateFile(m_config.dataDirectory, m_certificates->chain());

    m_context.reset(new Context{m_db, m_vault, m_clock, m_config, *m_audit, *m_auth, *m_sessions, *m_certificates,
                                std::move(status),
                                [this] {
                                    if (m_listener) {
                                        m_listener->setConfiguration(m_certificates->serverConfiguration());
                                    }
                                    writeCertificateFile(m_config.dataDirectory, m_certificates->chain());
                                },
                                [this] { loadSettings(); }, m_services});
    m_context->services.control = &control;
    registerControllers(*m_context, m_router);

    m_http = std::make_unique<HttpsServer>(*this);
    m_listener = new TlsListener(m_http.get());
    m_listener->setConfiguration(m_certificates->serverConfiguration());
    const quint16 port = m_options.port.value_or(m_config.uiPort);
    bool bound = m_listener->listen(m_options.listenAddress, port);
    if (!bound && port != 0 && m_listener->serverError() == QAbstractSocket::AddressInUseError) {
        // Another program has the port (the installer's default 9797 may be in
        // use): take the next free one rather than run without a console.
        for (int p = port + 1; !bound && p <= std::min(port + kFallbackPorts, 65535); ++p) {
            bound = m_listener->listen(m_options.listenAddress, static_cast<quint16>(p));
        }
        if (!bound) {
            bound = m_listener->listen(m_options.listenAddress, 0);
        }
        if (bound) {
            m_portNote = QStringLiteral("port %1 is taken by another program; the console listens on %2 instead (set "
                                        "another with --ui-port or [ui] port in the configuration file)")
                             .arg(port)
                             .arg(m_listener->serverPort());
            qWarning("console: %s", qPrintable(m_portNote));
        }
    }
    if (!bound) {
        error = QStringLiteral("the console cannot listen on port %1 (%2); choose another with --ui-port or uiPort "
                               "in the configuration file")
                    .arg(port)
                    .arg(m_listener->errorString());
        return true;
    }
    m_http->bind(m_listener);
    qInfo("console listening on https port %u", unsigned(m_listener->serverPort()));
    return true;
}

void Console::stop()
{
    m_pruneTimer.stop();
    if (m_listener) {
        m_listener->close();
    }
    m_http.reset();
    m_listener = nullptr;
}

quint16 Console::port() const
{
    return m_listener && m_listener->isListening() ? m_listener->serverPort() : 0;
}

bool Console::listening() const
{
    return m_listener && m_listener->isListening();
}

} // namespace netgateway::core::api
