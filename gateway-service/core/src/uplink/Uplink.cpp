#include <netgateway/uplink/Uplink.h>

#include <netgateway/core/Version.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/SecretVault.h>
#include <netgateway/uplink/Anonymizer.h>
#include <netgateway/uplink/Compression.h>

#include <QAuthenticator>
#include <QCryptographicHash>
#include <QFile>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QUuid>

namespace netgateway::uplink {

using storage::OutboxKind;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kMaxResponseBytes = 4 * 1024 * 1024;
constexpr qint64 kNever = std::numeric_limits<qint64>::max();

QJsonObject systemGatewayInfo()
{
    QJsonObject info;
    info.insert(QStringLiteral("hostName"), QHostInfo::localHostName());
    QJsonArray addresses;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        if (iface.flags().testFlag(QNetworkInterface::IsLoopBack)) {
            continue;
        }
        for (const QNetworkAddressEntry &e : iface.addressEntries()) {
            addresses.append(QJsonObject{{QStringLiteral("ipAddress"), e.ip().toString()},
                                         {QStringLiteral("subnetMask"), e.netmask().toString()}});
        }
    }
    info.insert(QStringLiteral("interfaces"), addresses);
    return info;
}

} // namespace

QString connectionModeName(ConnectionMode mode)
{
    return mode == ConnectionMode::Manage ? QStringLiteral("manage") : QStringLiteral("monitor");
}

QString failureName(UplinkFailure failure)
{
    switch (failure) {
    case UplinkFailure::None:
        return QStringLiteral("none");
    case UplinkFailure::NotConfigured:
        return QStringLiteral("not_configured");
    case UplinkFailure::NotRegistered:
        return QStringLiteral("not_registered");
    case UplinkFailure::PendingApproval:
        return QStringLiteral("pending_approval");
    case UplinkFailure::Dns:
        return QStringLiteral("dns");
    case UplinkFailure::Tcp:
        return QStringLiteral("tcp");
    case UplinkFailure::Tls:
        return QStringLiteral("tls");
    case UplinkFailure::Proxy:
        return QStringLiteral("proxy");
    case UplinkFailure::ProxyAuth:
        return QStringLiteral("proxy_auth");
    case UplinkFailure::TokenRevoked:
        return QStringLiteral("token_revoked");
    case UplinkFailure::Server:
        return QStringLiteral("server");
    case UplinkFailure::Protocol:
        return QStringLiteral("protocol");
    case UplinkFailure::Timeout:
        return QStringLiteral("timeout");
    }
    return QStringLiteral("unknown");
}

bool UplinkSettings::validate(QString &error) const
{
    if (!origin.isValid() || origin.scheme() != QLatin1String("https") || origin.host().isEmpty()) {
        error = QStringLiteral("the cloud origin must be an https:// URL with a host name, for example "
                               "https://cloud.example.com");
        return false;
    }
    if (!origin.path().isEmpty() && origin.path() != QLatin1String("/")) {
        error = QStringLiteral("the cloud origin must not contain a path: give only https://host[:port]");
        return false;
    }
    if (countersPerDay < 1 || countersPerDay > 4) {
        error = QStringLiteral("counters and consumables are uploaded 1 to 4 times a day; %1 is out of range")
                    .arg(countersPerDay);
        return false;
    }
    if (discoveryPerDay < 1 || discoveryPerDay > 6) {
        error = QStringLiteral("discovery settings are uploaded 1 to 6 times a day; %1 is out of range")
                    .arg(discoveryPerDay);
        return false;
    }
    if (!proxyHost.isEmpty() && proxyPort == 0) {
        error = QStringLiteral("the proxy %1 needs a port").arg(proxyHost);
        return false;
    }
    if (!extraCaFile.isEmpty() && !QFile::exists(extraCaFile)) {
        error = QStringLiteral("the extra CA bundle %1 does not exist").arg(extraCaFile);
        return false;
    }
    return true;
}

QJsonObject UplinkStatus::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("registration"), registration);
    o.insert(QStringLiteral("mode"), connectionModeName(mode));
    o.insert(QStringLiteral("anonymous"), anonymous);
    o.insert(QStringLiteral("failure"), failureName(failure));
    o.insert(QStringLiteral("message"), message);
    if (httpStatus != 0) {
        o.insert(QStringLiteral("httpStatus"), httpStatus);
    }
    o.insert(QStringLiteral("consecutiveFailures"), consecutiveFailures);
    if (lastSuccessAt.isValid()) {
        o.insert(QStringLiteral("lastSuccessAt"), lastSuccessAt.toString(Qt::ISODate));
    }
    o.insert(QStringLiteral("outboxRecords"), outboxRecords);
    o.insert(QStringLiteral("outboxBytes"), outboxBytes);
    return o;
}

Uplink::Uplink(storage::Database &db, storage::SecretVault &vault, storage::Outbox &outbox, core::Clock &clock,
               AuditSink &audit, UplinkSettings settings, QObject *parent)
    : QObject(parent), m_db(db), m_vault(vault), m_outbox(outbox), m_clock(clock), m_audit(audit),
      m_settings(std::move(settings))
{
    if (!m_settings.gatewayInfo) {
        m_settings.gatewayInfo = systemGatewayInfo;
    }
    m_anonymous = AnonymizationMode::initialize(m_db, m_settings.anonymousAtInstall, m_clock.nowSecs(), m_audit);
    m_status.mode = m_settings.mode;
    m_status.anonymous = m_anonymous;
    m_timer.setInterval(m_settings.tickIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Uplink::tick);
    connect(&m_clock, &core::Clock::jumped, this, &Uplink::tick);
    connect(&m_outbox, &storage::Outbox::enqueued, this, [this](OutboxKind kind) {
        // Alerts and audit records go at once, without waiting for the timer.
        if (kind == OutboxKind::Alert || kind == OutboxKind::Audit || kind == OutboxKind::TaskResult) {
            QTimer::singleShot(0, this, &Uplink::tick);
        }
    });
    buildNetwork();
}

Uplink::~Uplink()
{
    stop();
}

void Uplink::buildNetwork()
{
    m_nam = new QNetworkAccessManager(this);
    m_ssl = QSslConfiguration::defaultConfiguration();
    m_ssl.setProtocol(QSsl::TlsV1_2OrLater);
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_settings.extraCaFile.isEmpty()) {
        const auto extra = QSslCertificate::fromPath(m_settings.extraCaFile, QSsl::Pem);
        if (extra.isEmpty()) {
            qWarning("uplink: the extra CA bundle %s holds no PEM certificate; only the system trust store is used",
                     qPrintable(m_settings.extraCaFile));
        }
        m_ssl.addCaCertificates(extra);
    }
    if (!m_settings.proxyHost.isEmpty()) {
        QNetworkProxy proxy(QNetworkProxy::HttpProxy, m_settings.proxyHost, m_settings.proxyPort);
        if (!m_settings.proxyUser.isEmpty()) {
            proxy.setUser(m_settings.proxyUser);
            proxy.setPassword(QString::fromUtf8(m_vault.get(kProxyPasswordSecret).value_or(QByteArray())));
        }
        m_nam->setProxy(proxy);
    } else {
        m_nam->setProxy(QNetworkProxy::NoProxy);
    }
    connect(m_nam, &QNetworkAccessManager::proxyAuthenticationRequired, this,
            [this](const QNetworkProxy &, QAuthenticator *auth) {
                // The stored credentials were already offered: answer nothing so
                // the request ends with a plain 407 instead of looping.
                if (!m_proxyAuthTried && !m_settings.proxyUser.isEmpty()) {
                    m_proxyAuthTried = true;
                    auth->setUser(m_settings.proxyUser);
                    auth->setPassword(QString::fromUtf8(m_vault.get(kProxyPasswordSecret).value_or(QByteArray())));
                }
            });
}

void Uplink::start()
{
    m_running = true;
    m_timer.start();
    const QString reg = registration();
    m_status.registration = reg;
    if (reg == QLatin1String("unregistered")) {
        m_status.failure = UplinkFailure::NotRegistered;
        m_status.message = QStringLiteral("not registered with the cloud: the uplink is idle");
    }
    QTimer::singleShot(0, this, &Uplink::tick);
}

void Uplink::stop()
{
    m_running = false;
    m_timer.stop();
    if (m_inFlight) {
        // Abort without running the completion handler: nothing is acknowledged,
        // so the records stay in the outbox for the next start.
        m_inFlight->disconnect(this);
        m_inFlight->abort();
        m_inFlight->deleteLater();
        m_inFlight.clear();
    }
}

QString Uplink::state(const QString &key) const
{
    storage::Statement st(m_db, "SELECT value FROM uplink_state WHERE key = ?1");
    st.bind(1, key);
    return st.step() ? st.text(0) : QString();
}

void Uplink::setState(const QString &key, const QString &value)
{
    storage::Statement st(m_db, "INSERT INTO uplink_state(key, value, updated_at) VALUES(?1, ?2, ?3) "
                                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                                "updated_at = excluded.updated_at");
    st.bind(1, key).bind(2, value).bind(3, m_clock.nowSecs());
    st.run();
}

QString Uplink::registration() const
{
    const QString r = state(QStringLiteral("registration"));
    return r.isEmpty() ? QStringLiteral("unregistered") : r;
}

QString Uplink::gatewayId() const
{
    return state(QStringLiteral("gateway_id"));
}

QDateTime Uplink::registeredAt() const
{
    const QString at = state(QStringLiteral("registered_at"));
    return at.isEmpty() ? QDateTime() : QDateTime::fromString(at, Qt::ISODate).toUTC();
}

QNetworkReply *Uplink::get(const QString &path, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    QUrl url = m_settings.origin;
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0) {
        url.setQuery(path.mid(q + 1));
    }
    QNetworkRequest req(url);
    req.setSslConfiguration(m_ssl);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setTransferTimeout(m_settings.transferTimeoutMs);
    req.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("netgateway/%1").arg(QLatin1String(core::kVersion)));
    if (const auto token = m_vault.get(kTokenSecret)) {
        req.setRawHeader("Authorization", "Bearer " + *token);
    }
    for (const auto &h : headers) {
        req.setRawHeader(h.first, h.second);
    }
    m_proxyAuthTried = false;
    // While it runs, the uplink starts nothing else and keeps the connection
    // open: requests stay serialized on one TLS connection.
    QNetworkReply *reply = m_nam->get(req);
    m_connectionOpen = true;
    ++m_downloads;
    connect(reply, &QNetworkReply::finished, this, [this] {
        --m_downloads;
        QTimer::singleShot(0, this, &Uplink::tick);
    });
    return reply;
}

UplinkStatus Uplink::status() const
{
    UplinkStatus s = m_status;
    s.registration = registration();
    s.outboxRecords = m_outbox.count();
    s.outboxBytes = m_outbox.usedBytes();
    return s;
}

bool Uplink::setAnonymous(bool anonymous, QString &error)
{
    if (anonymous == m_anonymous) {
        return true;
    }
    return AnonymizationMode::requestChange(m_db, anonymous, m_audit, error);
}

void Uplink::setMode(ConnectionMode mode, std::optional<QDateTime> until)
{
    const ConnectionMode before = m_settings.mode;
    m_settings.mode = mode;
    m_settings.manageUntil = mode == ConnectionMode::Manage ? until : std::nullopt;
    m_status.mode = mode;
    QJsonObject details{{QStringLiteral("from"), connectionModeName(before)},
                        {QStringLiteral("to"), connectionModeName(mode)}};
    if (m_settings.manageUntil) {
        details.insert(QStringLiteral("until"), m_settings.manageUntil->toString(Qt::ISODate));
    }
    m_audit.record(QStringLiteral("uplink.mode.changed"), details);
    if (mode == ConnectionMode::Monitor && !isBusy()) {
        m_nam->clearConnectionCache();
        m_connectionOpen = false;
    }
    m_nextKeepAlive = m_clock.monotonic();
    emit modeChanged(mode);
    emit statusChanged();
}

void Uplink::checkManageExpiry()
{
    if (m_settings.mode == ConnectionMode::Manage && m_settings.manageUntil &&
        m_clock.nowUtc() >= *m_settings.manageUntil) {
        qInfo("uplink: Manage mode expired at %s; switching to Monitor",
              qPrintable(m_settings.manageUntil->toString(Qt::ISODate)));
        const QDateTime expiredAt = *m_settings.manageUntil;
        m_settings.mode = ConnectionMode::Monitor;
        m_settings.manageUntil.reset();
        m_status.mode = ConnectionMode::Monitor;
        m_audit.record(QStringLiteral("uplink.mode.expired"),
                       QJsonObject{{QStringLiteral("from"), QStringLiteral("manage")},
                                   {QStringLiteral("to"), QStringLiteral("monitor")},
                                   {QStringLiteral("expiredAt"), expiredAt.toString(Qt::ISODate)}});
        emit modeChanged(ConnectionMode::Monitor);
        emit statusChanged();
    }
}

void Uplink::syncNow()
{
    m_forceSync = true;
    m_nextAttempt = m_clock.monotonic();
    QTimer::singleShot(0, this, &Uplink::tick);
}

qint64 Uplink::slotStart(int perDay) const
{
    const qint64 period = 86400 / perDay;
    const qint64 now = m_clock.nowSecs();
    return now - (now % period);
}

QList<std::pair<OutboxKind, qint64>> Uplink::dueKinds(bool force) const
{
    // A scheduled record is due once the slot it was produced in has ended.
    const qint64 countersCutoff = force ? kNever : slotStart(m_settings.countersPerDay);
    const qint64 discoveryCutoff = force ? kNever : slotStart(m_settings.discoveryPerDay);
    const qint64 logsCutoff = force ? kNever : slotStart(1);
    QList<std::pair<OutboxKind, qint64>> kinds{
        {OutboxKind::Alert, kNever},
        {OutboxKind::Audit, kNever},
        {OutboxKind::TaskResult, kNever},
        {OutboxKind::Counters, countersCutoff},
        {OutboxKind::Consumables, countersCutoff},
        {OutboxKind::Logs, logsCutoff},
    };
    if (!m_anonymous) {
        kinds.append({OutboxKind::Discovery, discoveryCutoff});
    }
    return kinds;
}

void Uplink::tick()
{
    if (!m_running || isBusy()) {
        return;
    }
    checkManageExpiry();
    const QString reg = registration();
    if (reg == QLatin1String("unregistered") || reg == QLatin1String("revoked")) {
        return;
    }
    const auto now = m_clock.monotonic();
    if (now < m_nextAttempt) {
        return;
    }
    if (reg == QLatin1String("pending")) {
        if (now >= m_nextPendingPoll) {
            pollRegistration();
        }
        return;
    }
    if (m_anonymous) {
        // Discovery settings never leave an anonymous gateway.
        const auto discovery = m_outbox.peek({OutboxKind::Discovery}, 1000, kNever);
        if (!discovery.isEmpty()) {
            QList<std::int64_t> ids;
            for (const auto &r : discovery) {
                ids << r.id;
            }
            m_outbox.discard(ids);
        }
    }
    uploadBatch(m_forceSync);
}

QJsonObject Uplink::gatewayIdentity() const
{
    QJsonObject g = m_settings.gatewayInfo ? m_settings.gatewayInfo() : QJsonObject();
    g.insert(QStringLiteral("version"), QString::fromLatin1(core::kVersion));
    return g;
}

void Uplink::uploadBatch(bool force)
{
    // Only due records, in id order: records waiting for a later slot never
    // hold back an alert behind them.
    const QList<storage::OutboxRecord> batch =
        m_outbox.peekDue(dueKinds(force), m_settings.maxRecordsPerUpload, m_settings.maxBytesPerUpload);
    if (batch.isEmpty()) {
        m_forceSync = false;
        if (m_settings.mode == ConnectionMode::Manage) {
            if (m_clock.monotonic() >= m_nextKeepAlive) {
                pollTasks();
                return;
            }
        } else if (m_connectionOpen) {
            // Monitor mode: the connection lives only while there is something to upload.
            m_nam->clearConnectionCache();
            m_connectionOpen = false;
        }
        emit drained();
        return;
    }

    QJsonArray records;
    QStringList keys;
    QList<std::int64_t> ids;
    QList<std::int64_t> malformed;
    for (const auto &r : batch) {
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(r.payload, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            malformed << r.id;
            continue;
        }
        records.append(QJsonObject{{QStringLiteral("key"), r.idempotencyKey},
                                   {QStringLiteral("kind"), storage::outboxKindName(r.kind)},
                                   {QStringLiteral("device"), r.deviceKey},
                                   {QStringLiteral("createdAt"), r.createdAt},
                                   {QStringLiteral("data"), doc.object()}});
        keys << r.idempotencyKey;
        ids << r.id;
    }
    if (!malformed.isEmpty()) {
        qWarning("uplink: %lld outbox records are not JSON objects and were discarded",
                 static_cast<long long>(malformed.size()));
        m_outbox.discard(malformed);
    }
    if (records.isEmpty()) {
        QTimer::singleShot(0, this, &Uplink::tick);
        return;
    }
    m_outbox.recordAttempt(ids);
    const QJsonObject body{{QStringLiteral("schema"), 1},
                           {QStringLiteral("gatewayId"), gatewayId()},
                           {QStringLiteral("gateway"), gatewayIdentity()},
                           {QStringLiteral("sentAt"), m_clock.nowUtc().toString(Qt::ISODate)},
                           {QStringLiteral("records"), records}};
    // The same records always form the same batch key, so a replayed request
    // is recognised as a whole as well as record by record.
    const QString batchKey = QString::fromLatin1(
        QCryptographicHash::hash(keys.join(QLatin1Char(',')).toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
    send("POST", QStringLiteral("/v1/uploads"), body, batchKey, [this, keys](const Response &resp) {
        if (!resp.ok) {
            return;
        }
        QStringList acked;
        for (const QJsonValue &v : resp.body.value(QStringLiteral("acknowledged")).toArray()) {
            if (keys.contains(v.toString())) {
                acked << v.toString();
            }
        }
        m_outbox.acknowledge(acked);
        if (acked.size() != keys.size()) {
            fail(UplinkFailure::Protocol,
                 QStringLiteral("the cloud acknowledged %1 of %2 records; the rest will be sent again")
                     .arg(acked.size())
                     .arg(keys.size()),
                 resp.httpStatus);
            return;
        }
        succeed();
        QTimer::singleShot(0, this, &Uplink::tick);
    });
}

void Uplink::pollTasks()
{
    send("GET", QStringLiteral("/v1/tasks"), {}, {}, [this](const Response &resp) {
        m_nextKeepAlive = m_clock.monotonic() + m_settings.keepAliveInterval;
        if (!resp.ok) {
            return;
        }
        succeed();
        for (const QJsonValue &t : resp.body.value(QStringLiteral("tasks")).toArray()) {
            if (t.isObject()) {
                emit taskReceived(t.toObject());
            }
        }
        emit drained();
    });
}

void Uplink::pollRegistration()
{
    m_nextPendingPoll = m_clock.monotonic() + m_settings.pendingPollInterval;
    send("GET", QStringLiteral("/v1/registration"), {}, {}, [this](const Response &resp) {
        if (!resp.ok) {
            return;
        }
        const QString st = resp.body.value(QStringLiteral("state")).toString();
        if (st == QLatin1String("managed")) {
            setState(QStringLiteral("registration"), QStringLiteral("managed"));
            qInfo("uplink: the registration was approved; uploads start");
            m_audit.record(QStringLiteral("uplink.registration.approved"), {});
            succeed();
            QTimer::singleShot(0, this, &Uplink::tick);
        } else {
            m_status.failure = UplinkFailure::PendingApproval;
            m_status.message = QStringLiteral("registered, waiting for approval in the cloud service");
            emit attemptFinished(true);
            emit statusChanged();
        }
    });
}

void Uplink::registerGateway(const QString &accessCode, const QString &user, const QString &password)
{
    if (isBusy()) {
        emit registrationFinished(false, QStringLiteral("the uplink is busy; try again in a moment"));
        return;
    }
    QJsonObject body{{QStringLiteral("accessCode"), accessCode}, {QStringLiteral("gateway"), gatewayIdentity()}};
    if (!user.isEmpty()) {
        body.insert(QStringLiteral("user"), user);
        body.insert(QStringLiteral("password"), password);
    }
    m_nextAttempt = m_clock.monotonic();
    send("POST", QStringLiteral("/v1/register"), body, QUuid::createUuid().toString(QUuid::WithoutBraces),
         [this](const Response &resp) {
             if (!resp.ok) {
                 emit registrationFinished(false, m_status.message);
                 return;
             }
             const QString token = resp.body.value(QStringLiteral("token")).toString();
             const QString id = resp.body.value(QStringLiteral("gatewayId")).toString();
             const QString st = resp.body.value(QStringLiteral("state")).toString();
             if (token.isEmpty() || token.size() > 4096 || id.isEmpty() || id.size() > 128 ||
                 (st != QLatin1String("managed") && st != QLatin1String("pending"))) {
                 fail(UplinkFailure::Protocol, QStringLiteral("the cloud's registration answer is malformed"),
                      resp.httpStatus);
                 emit registrationFinished(false, m_status.message);
                 return;
             }
             m_vault.put(kTokenSecret, token.toUtf8());
             setState(QStringLiteral("gateway_id"), id);
             if (state(QStringLiteral("registered_at")).isEmpty()) {
                 setState(QStringLiteral("registered_at"), m_clock.nowUtc().toString(Qt::ISODate));
             }
             setState(QStringLiteral("registration"), st);
             // A new trust relationship starts with a new data key.
             m_vault.rotateKey();
             m_audit.record(QStringLiteral("uplink.registered"),
                            QJsonObject{{QStringLiteral("gatewayId"), id}, {QStringLiteral("state"), st}});
             qInfo("uplink: registered as %s (%s)", qPrintable(id), qPrintable(st));
             m_nextPendingPoll = m_clock.monotonic() + m_settings.pendingPollInterval;
             succeed();
             emit registrationFinished(true, st);
             QTimer::singleShot(0, this, &Uplink::tick);
         });
}

void Uplink::send(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &idempotencyKey,
                  Handler handler)
{
    QUrl url = m_settings.origin;
    url.setPath(path);
    QNetworkRequest req(url);
    req.setSslConfiguration(m_ssl);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setTransferTimeout(m_settings.transferTimeoutMs);
    req.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("netgateway/%1").arg(QLatin1String(core::kVersion)));
    if (const auto token = m_vault.get(kTokenSecret)) {
        req.setRawHeader("Authorization", "Bearer " + *token);
    }
    if (!idempotencyKey.isEmpty()) {
        req.setRawHeader("Idempotency-Key", idempotencyKey.toLatin1());
    }
    m_sslErrors.clear();
    m_proxyAuthTried = false;
    QNetworkReply *reply = nullptr;
    if (method == "GET") {
        reply = m_nam->get(req);
    } else {
        // The one boundary where data leaves the gateway: anonymize here.
        const QJsonObject out = m_anonymous ? Anonymizer::strip(body) : body;
        const QByteArray compressed = gzipCompress(QJsonDocument(out).toJson(QJsonDocument::Compact));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        req.setRawHeader("Content-Encoding", "gzip");
        reply = m_nam->sendCustomRequest(req, method, compressed);
    }
    m_connectionOpen = true;
    m_inFlight = reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, this, [this, reply, handler] { onFinished(reply, handler); });
}

QNetworkReply *Uplink::download(const QString &path)
{
    QUrl url = m_settings.origin;
    url.setPath(path);
    QNetworkRequest req(url);
    req.setSslConfiguration(m_ssl);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setTransferTimeout(m_settings.transferTimeoutMs);
    req.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("netgateway/%1").arg(QLatin1String(core::kVersion)));
    if (const auto token = m_vault.get(kTokenSecret)) {
        req.setRawHeader("Authorization", "Bearer " + *token);
    }
    m_proxyAuthTried = false;
    return m_nam->get(req);
}

void Uplink::onFinished(QNetworkReply *reply, const Handler &handler)
{
    reply->deleteLater();
    m_inFlight.clear();
    Response resp;
    resp.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->read(kMaxResponseBytes);
    const auto netError = reply->error();
    const QString where = m_settings.origin.host() + QLatin1Char(':') + QString::number(m_settings.origin.port(443));
    if (resp.httpStatus == 0 || netError == QNetworkReply::ProxyAuthenticationRequiredError) {
        UplinkFailure f = UplinkFailure::Tcp;
        QString msg;
        switch (netError) {
        case QNetworkReply::HostNotFoundError:
            f = UplinkFailure::Dns;
            msg = QStringLiteral("DNS: the cloud host %1 could not be resolved; check the origin and the DNS "
                                 "servers")
                      .arg(m_settings.origin.host());
            break;
        case QNetworkReply::ConnectionRefusedError:
            msg = QStringLiteral("TCP: connection to %1 refused").arg(where);
            break;
        case QNetworkReply::RemoteHostClosedError:
            msg = QStringLiteral("TCP: %1 closed the connection before answering").arg(where);
            break;
        case QNetworkReply::TimeoutError:
        case QNetworkReply::OperationCanceledError:
            f = UplinkFailure::Timeout;
            msg = QStringLiteral("TCP: no answer from %1 within %2 s")
                      .arg(where)
                      .arg(m_settings.transferTimeoutMs / 1000);
            break;
        case QNetworkReply::SslHandshakeFailedError: {
            f = UplinkFailure::Tls;
            QStringList problems;
            for (const QSslError &e : std::as_const(m_sslErrors)) {
                problems << e.errorString();
            }
            msg = QStringLiteral("TLS: handshake with %1 failed: %2")
                      .arg(where, problems.isEmpty() ? reply->errorString() : problems.join(QStringLiteral("; ")));
            if (!problems.isEmpty()) {
                msg += QStringLiteral(" (add the cloud's CA to the extra CA bundle only if you trust it)");
            }
            break;
        }
        case QNetworkReply::ProxyAuthenticationRequiredError:
            f = UplinkFailure::ProxyAuth;
            msg = QStringLiteral("proxy: %1:%2 answered 407 Proxy Authentication Required; check the proxy user "
                                 "and password")
                      .arg(m_settings.proxyHost)
                      .arg(m_settings.proxyPort);
            break;
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyConnectionClosedError:
        case QNetworkReply::ProxyNotFoundError:
        case QNetworkReply::ProxyTimeoutError:
            f = UplinkFailure::Proxy;
            msg = QStringLiteral("proxy: %1:%2 failed: %3")
                      .arg(m_settings.proxyHost)
                      .arg(m_settings.proxyPort)
                      .arg(reply->errorString());
            break;
        default:
            msg = QStringLiteral("TCP: request to %1 failed: %2").arg(where, reply->errorString());
            break;
        }
        fail(f, msg, resp.httpStatus);
        handler(resp);
        return;
    }
    if (resp.httpStatus >= 200 && resp.httpStatus < 300) {
        QJsonParseError err{};
        const QJsonDocument doc = data.isEmpty() ? QJsonDocument(QJsonObject()) : QJsonDocument::fromJson(data, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            fail(UplinkFailure::Protocol, QStringLiteral("the cloud answered with something that is not JSON"),
                 resp.httpStatus);
            handler(resp);
            return;
        }
        resp.ok = true;
        resp.body = doc.object();
        handler(resp);
        return;
    }
    const QJsonObject errorBody = QJsonDocument::fromJson(data).object();
    const QString code = errorBody.value(QStringLiteral("error")).toString();
    if (resp.httpStatus == 401) {
        setState(QStringLiteral("registration"), QStringLiteral("revoked"));
        m_audit.record(QStringLiteral("uplink.token.revoked"), {});
        fail(UplinkFailure::TokenRevoked,
             QStringLiteral("cloud rejected the gateway's token (HTTP 401): the registration was revoked; register "
                            "again with a new access code. Outbox records are kept."),
             401);
    } else if (resp.httpStatus == 403 && code == QLatin1String("pending")) {
        setState(QStringLiteral("registration"), QStringLiteral("pending"));
        fail(UplinkFailure::PendingApproval,
             QStringLiteral("the gateway waits for approval in the cloud service; records are kept"), 403);
    } else if (resp.httpStatus == 407) {
        fail(UplinkFailure::ProxyAuth,
             QStringLiteral("proxy: %1:%2 answered 407 Proxy Authentication Required; check the proxy user and "
                            "password")
                 .arg(m_settings.proxyHost)
                 .arg(m_settings.proxyPort),
             407);
    } else if (resp.httpStatus >= 500) {
        fail(UplinkFailure::Server,
             QStringLiteral("cloud server error: HTTP %1 from %2; will retry").arg(resp.httpStatus).arg(where),
             resp.httpStatus);
    } else {
        fail(UplinkFailure::Protocol,
             QStringLiteral("the cloud refused the request: HTTP %1 %2")
                 .arg(resp.httpStatus)
                 .arg(errorBody.value(QStringLiteral("message")).toString().left(200)),
             resp.httpStatus);
    }
    handler(resp);
}

void Uplink::fail(UplinkFailure failure, const QString &message, int httpStatus)
{
    m_status.failure = failure;
    m_status.message = message;
    m_status.httpStatus = httpStatus;
    ++m_status.consecutiveFailures;
    qWarning("uplink: %s", qPrintable(message));
    scheduleRetry();
    emit attemptFinished(false);
    emit statusChanged();
}

void Uplink::succeed()
{
    m_status.failure = UplinkFailure::None;
    m_status.message = QStringLiteral("ok");
    m_status.httpStatus = 200;
    m_status.consecutiveFailures = 0;
    m_status.lastSuccessAt = m_clock.nowUtc();
    m_nextAttempt = m_clock.monotonic();
    emit attemptFinished(true);
    emit statusChanged();
}

void Uplink::scheduleRetry()
{
    // Exponential backoff with "equal jitter": half the delay fixed, half random,
    // so a fleet of gateways does not retry in lockstep after an outage.
    const int n = std::min(m_status.consecutiveFailures - 1, 20);
    const qint64 base = m_settings.backoffBase.count();
    const qint64 cap = m_settings.backoffCap.count();
    const qint64 delay = std::min(cap, base << std::max(n, 0));
    const qint64 jitter = static_cast<qint64>(QRandomGenerator::global()->bounded(static_cast<double>(delay) / 2));
    m_nextAttempt = m_clock.monotonic() + std::chrono::milliseconds(delay / 2 + jitter);
}

} // namespace netgateway::uplink
