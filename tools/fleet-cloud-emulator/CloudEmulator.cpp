#include "CloudEmulator.h"

#include <netgateway/uplink/Compression.h>
#include <netgateway/uplink/ZipArchive.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace fleetcloud {

namespace {
constexpr qsizetype kMaxDecompressedBytes = 64 * 1024 * 1024;
constexpr qsizetype kMaxRecordsPerUpload = 10000;

QJsonObject parseObject(const QByteArray &data, bool &ok)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
    ok = err.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}
} // namespace

CloudEmulator::CloudEmulator(Options options, QObject *parent) : QObject(parent), m_options(std::move(options))
{
}

HttpResponse CloudEmulator::json(int status, const QJsonObject &body)
{
    return HttpResponse{status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), {}};
}

bool CloudEmulator::start(QString &error)
{
    if (!TestAuthority::generate(m_authority, error)) {
        return false;
    }
    QFile ca(m_options.caFile);
    if (!ca.open(QIODevice::WriteOnly | QIODevice::Truncate) || ca.write(m_authority.caCertificate.toPem()) < 0) {
        error = QStringLiteral("cannot write the test CA to %1: %2").arg(m_options.caFile, ca.errorString());
        return false;
    }
    ca.close();
    if (!m_options.captureFile.isEmpty()) {
        m_capture.setFileName(m_options.captureFile);
        if (!m_capture.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            error = QStringLiteral("cannot write the capture file %1").arg(m_options.captureFile);
            return false;
        }
    }
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificate(m_authority.serverCertificate);
    conf.setLocalCertificateChain({m_authority.serverCertificate, m_authority.caCertificate});
    conf.setPrivateKey(m_authority.serverKey);
    conf.setProtocol(QSsl::TlsV1_2OrLater);
    conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_tls.setSslConfiguration(conf);
    connect(&m_tls, &QTcpServer::pendingConnectionAvailable, this, &CloudEmulator::onTlsConnection);
    m_port = m_options.port;
    if (!listenTls(error)) {
        return false;
    }
    m_port = m_tls.serverPort();
    connect(&m_admin, &QTcpServer::newConnection, this, &CloudEmulator::onAdminConnection);
    if (!m_admin.listen(QHostAddress::LocalHost, m_options.adminPort)) {
        error =
            QStringLiteral("cannot listen on admin port %1: %2").arg(m_options.adminPort).arg(m_admin.errorString());
        return false;
    }
    return true;
}

bool CloudEmulator::listenTls(QString &error)
{
    if (!m_tls.listen(QHostAddress::LocalHost, m_port)) {
        error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(m_port).arg(m_tls.errorString());
        return false;
    }
    return true;
}

void CloudEmulator::capture(const QByteArray &bytes)
{
    if (m_capture.isOpen()) {
        m_capture.write(bytes);
        m_capture.flush();
    }
}

void CloudEmulator::onTlsConnection()
{
    while (m_tls.hasPendingConnections()) {
        QTcpSocket *socket = m_tls.nextPendingConnection();
        ++m_tlsConnections;
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        new HttpConnection(
            socket, [this](HttpConnection *c, const HttpRequest &r) { handleCloud(c, r); },
            [this](const HttpRequest &r) { return headerHook(r); }, socket);
    }
}

void CloudEmulator::onAdminConnection()
{
    while (m_admin.hasPendingConnections()) {
        QTcpSocket *socket = m_admin.nextPendingConnection();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        new HttpConnection(
            socket, [this](HttpConnection *c, const HttpRequest &r) { handleAdmin(c, r); }, {}, socket);
    }
}

bool CloudEmulator::consumeFault(const QString &mode)
{
    if (m_fault.mode != mode || m_fault.remaining == 0) {
        return false;
    }
    if (m_fault.remaining > 0 && --m_fault.remaining == 0) {
        m_fault.mode = QStringLiteral("none");
    }
    return true;
}

bool CloudEmulator::headerHook(const HttpRequest &req)
{
    if (req.path == "/v1/uploads" && consumeFault(QStringLiteral("drop"))) {
        m_events.append(QStringLiteral("dropped an upload mid-request"));
        return false;
    }
    return true;
}

CloudEmulator::Gateway *CloudEmulator::authenticate(const HttpRequest &req)
{
    const QByteArray auth = req.header("authorization");
    if (!auth.startsWith("Bearer ")) {
        return nullptr;
    }
    auto it = m_gatewaysByToken.find(QString::fromLatin1(auth.mid(7)));
    if (it == m_gatewaysByToken.end() || it->state == QLatin1String("revoked")) {
        return nullptr;
    }
    return &*it;
}

HttpResponse CloudEmulator::registerGateway(const HttpRequest &req)
{
    std::optional<QByteArray> body = req.body;
    if (req.header("content-encoding") == "gzip" || req.header("content-encoding") == "deflate") {
        body = netgateway::uplink::gzipDecompress(req.body, kMaxDecompressedBytes);
    }
    bool ok = false;
    const QJsonObject o = body ? parseObject(*body, ok) : QJsonObject();
    if (!ok) {
        return json(400, {{QStringLiteral("error"), QStringLiteral("bad_json")}});
    }
    capture(*body);
    if (!m_options.accessCodes.contains(o.value(QStringLiteral("accessCode")).toString())) {
        return json(403, {{QStringLiteral("error"), QStringLiteral("bad_access_code")},
                          {QStringLiteral("message"), QStringLiteral("unknown access code")}});
    }
    QString state = QStringLiteral("pending");
    if (o.contains(QStringLiteral("user"))) {
        const QString user = o.value(QStringLiteral("user")).toString();
        if (!m_options.users.contains(user) ||
            m_options.users.value(user) != o.value(QStringLiteral("password")).toString()) {
            return json(403, {{QStringLiteral("error"), QStringLiteral("bad_credentials")},
                              {QStringLiteral("message"), QStringLiteral("wrong user name or password")}});
        }
        state = QStringLiteral("managed");
    }
    Gateway gw;
    gw.id = QStringLiteral("gw-%1").arg(m_nextGateway++);
    gw.state = state;
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 8);
    const QString token = QString::fromLatin1(raw.toHex());
    m_gatewaysByToken.insert(token, gw);
    m_events.append(QStringLiteral("registered %1 as %2").arg(gw.id, state));
    return json(
        200,
        {{QStringLiteral("gatewayId"), gw.id}, {QStringLiteral("token"), token}, {QStringLiteral("state"), state}});
}

HttpResponse CloudEmulator::upload(Gateway &gw, const HttpRequest &req)
{
    const QByteArray encoding = req.header("content-encoding");
    std::optional<QByteArray> body = req.body;
    if (encoding == "gzip" || encoding == "deflate") {
        body = netgateway::uplink::gzipDecompress(req.body, kMaxDecompressedBytes);
    } else if (!encoding.isEmpty() && encoding != "identity") {
        return json(415, {{QStringLiteral("error"), QStringLiteral("unsupported_encoding")}});
    }
    if (!body) {
        return json(400, {{QStringLiteral("error"), QStringLiteral("bad_compression")}});
    }
    capture(*body);
    bool ok = false;
    const QJsonObject o = parseObject(*body, ok);
    const QJsonArray records = o.value(QStringLiteral("records")).toArray();
    if (!ok || records.size() > kMaxRecordsPerUpload) {
        return json(400, {{QStringLiteral("error"), QStringLiteral("bad_upload")}});
    }
    const QString batchKey = QString::fromLatin1(req.header("idempotency-key"));
    if (batchKey.isEmpty()) {
        return json(400, {{QStringLiteral("error"), QStringLiteral("missing_idempotency_key")}});
    }
    if (m_seenBatches.contains(batchKey)) {
        ++m_replayedBatches;
    }
    m_seenBatches.insert(batchKey);
    QJsonArray acked;
    QJsonArray duplicates;
    for (const QJsonValue &v : records) {
        const QJsonObject r = v.toObject();
        const QString key = r.value(QStringLiteral("key")).toString();
        if (key.isEmpty() || key.size() > 64) {
            continue;
        }
        acked.append(key);
        if (m_seenKeys.contains(key)) {
            ++m_duplicates;
            duplicates.append(key);
            continue;
        }
        m_seenKeys.insert(key);
        QJsonObject stored = r;
        if (r.value(QStringLiteral("kind")).toString() == QLatin1String("logs")) {
            storeLogs(gw, stored);
        }
        stored.insert(QStringLiteral("gatewayId"), gw.id);
        stored.insert(QStringLiteral("seq"), m_records.size());
        m_records.append(stored);
        ++m_recordsByKind[r.value(QStringLiteral("kind")).toString()];
    }
    ++m_uploads;
    m_uploadBytes += req.raw.size();
    return json(200, {{QStringLiteral("acknowledged"), acked}, {QStringLiteral("duplicates"), duplicates}});
}

void CloudEmulator::storeLogs(const Gateway &gw, QJsonObject &record)
{
    // Unpacks the zip as the cloud would, keeps it for inspection and leaves
    // only its size in the record list (which stays readable).
    QJsonObject data = record.value(QStringLiteral("data")).toObject();
    const QByteArray zip = QByteArray::fromBase64(data.value(QStringLiteral("zipBase64")).toString().toLatin1());
    data.remove(QStringLiteral("zipBase64"));
    data.insert(QStringLiteral("zipBytes"), zip.size());
    record.insert(QStringLiteral("data"), data);
    QJsonObject entry{{QStringLiteral("gatewayId"), gw.id},
                      {QStringLiteral("log"), data.value(QStringLiteral("log"))},
                      {QStringLiteral("file"), data.value(QStringLiteral("file"))},
                      {QStringLiteral("zipBytes"), zip.size()},
                      {QStringLiteral("sha256Matches"),
                       QString::fromLatin1(QCryptographicHash::hash(zip, QCryptographicHash::Sha256).toHex()) ==
                           data.value(QStringLiteral("sha256")).toString()}};
    QString error;
    const auto files = netgateway::uplink::ZipArchive::read(zip, kMaxDecompressedBytes, 16, error);
    if (!files) {
        entry.insert(QStringLiteral("error"), error);
        m_events.append(QStringLiteral("received a log zip that cannot be opened: %1").arg(error));
    } else {
        QJsonArray list;
        for (const auto &f : *files) {
            list.append(QJsonObject{{QStringLiteral("name"), f.name},
                                    {QStringLiteral("bytes"), f.data.size()},
                                    {QStringLiteral("text"), QString::fromUtf8(f.data)}});
        }
        entry.insert(QStringLiteral("entries"), list);
    }
    m_logs.append(entry);
}

void CloudEmulator::handleCloud(HttpConnection *c, const HttpRequest &req)
{
    ++m_requests;
    m_bytesReceived += req.raw.size();
    capture(req.raw);
    if (consumeFault(QStringLiteral("5xx"))) {
        c->respond(json(503, {{QStringLiteral("error"), QStringLiteral("unavailable")}}));
        return;
    }
    if (consumeFault(QStringLiteral("garbage"))) {
        // A broken or hostile cloud: 200 with a body that is not JSON; nothing is applied.
        HttpResponse garbage;
        garbage.status = 200;
        garbage.contentType = "application/json";
        garbage.body = QByteArray("\x00\xff{\"acknowledged\": [", 17) + QByteArray(4096, '[');
        c->respond(garbage);
        return;
    }
    HttpResponse resp;
    if (req.method == "POST" && req.path == "/v1/register") {
        resp = registerGateway(req);
    } else {
        Gateway *gw = authenticate(req);
        static const QRegularExpression packageName(QStringLiteral("^/v1/packages/([A-Za-z0-9._-]{1,128})$"));
        if (gw == nullptr) {
            resp = json(401, {{QStringLiteral("error"), QStringLiteral("invalid_token")}});
        } else if (req.method == "GET" && req.path == "/v1/registration") {
            resp = json(200, {{QStringLiteral("gatewayId"), gw->id}, {QStringLiteral("state"), gw->state}});
        } else if (gw->state == QLatin1String("pending")) {
            resp = json(403, {{QStringLiteral("error"), QStringLiteral("pending")},
                              {QStringLiteral("message"), QStringLiteral("waiting for approval")}});
        } else if (req.method == "POST" && req.path == "/v1/uploads") {
            const bool stall = consumeFault(QStringLiteral("stall"));
            const bool ackLost = !stall && consumeFault(QStringLiteral("ack-lost"));
            resp = upload(*gw, req);
            if (stall) {
                m_events.append(QStringLiteral("stalled an upload after applying it"));
                return;
            }
            if (ackLost) {
                resp = json(500, {{QStringLiteral("error"), QStringLiteral("ack_lost")}});
            }
        } else if (req.method == "GET" && req.path == "/v1/tasks") {
            resp = json(200, {{QStringLiteral("tasks"), gw->tasks}, {QStringLiteral("keepAliveSeconds"), 240}});
            gw->tasks = QJsonArray();
        } else if (req.method == "GET" && req.path == "/v1/upgrade/manifest") {
            // The signed manifest on offer: packages-dir/manifest.json, as is.
            QFile f(m_options.packagesDir.isEmpty()
                        ? QString()
                        : QDir(m_options.packagesDir).filePath(QStringLiteral("manifest.json")));
            if (f.size() > 64 * 1024 || !f.open(QIODevice::ReadOnly)) {
                resp = HttpResponse{204, "application/json", {}, {}};
            } else {
                resp = HttpResponse{200, "application/json", f.readAll(), {}};
            }
            m_events.append(QStringLiteral("upgrade manifest asked (%1)").arg(QString::fromLatin1(req.query)));
        } else if (const auto m = packageName.match(QString::fromLatin1(req.path));
                   req.method == "GET" && m.hasMatch() && !m_options.packagesDir.isEmpty()) {
            QFile f(QDir(m_options.packagesDir).filePath(m.captured(1)));
            if (f.size() > 512LL * 1024 * 1024 || !f.open(QIODevice::ReadOnly)) {
                resp = json(404, {{QStringLiteral("error"), QStringLiteral("no_such_package")}});
            } else {
                const QByteArray whole = f.readAll();
                resp.contentType = "application/octet-stream";
                resp.body = whole;
                resp.headers.append(
                    {"X-Content-SHA256", QCryptographicHash::hash(whole, QCryptographicHash::Sha256).toHex()});
                resp.headers.append({QByteArrayLiteral("Accept-Ranges"), QByteArrayLiteral("bytes")});
                // "Range: bytes=N-" continues an interrupted download.
                static const QRegularExpression range(QStringLiteral("^bytes=(\\d{1,15})-$"));
                const auto r = range.match(QString::fromLatin1(req.header("range")));
                if (r.hasMatch()) {
                    const qint64 from = r.captured(1).toLongLong();
                    if (from >= whole.size()) {
                        resp = HttpResponse{
                            416, "text/plain", {}, {{"Content-Range", "bytes */" + QByteArray::number(whole.size())}}};
                    } else {
                        resp.status = 206;
                        resp.body = whole.mid(from);
                        resp.headers.append({"Content-Range", "bytes " + QByteArray::number(from) + '-' +
                                                                  QByteArray::number(whole.size() - 1) + '/' +
                                                                  QByteArray::number(whole.size())});
                    }
                    m_events.append(QStringLiteral("package %1 from byte %2").arg(m.captured(1)).arg(from));
                } else {
                    m_events.append(QStringLiteral("package %1 from the start").arg(m.captured(1)));
                }
                if (consumeFault(QStringLiteral("cut-download"))) {
                    const qsizetype half = resp.body.size() / 2;
                    m_events.append(
                        QStringLiteral("cut the download of %1 after %2 bytes").arg(m.captured(1)).arg(half));
                    c->respondTruncated(resp, half);
                    return;
                }
            }
        } else {
            resp = json(404, {{QStringLiteral("error"), QStringLiteral("not_found")}});
        }
    }
    if (consumeFault(QStringLiteral("slow"))) {
        QPointer<HttpConnection> guard(c);
        QTimer::singleShot(m_fault.delayMs, this, [guard, resp] {
            if (guard) {
                guard->respond(resp);
            }
        });
        return;
    }
    c->respond(resp);
}

void CloudEmulator::handleAdmin(HttpConnection *c, const HttpRequest &req)
{
    bool ok = true;
    const QJsonObject body = req.body.isEmpty() ? QJsonObject() : parseObject(req.body, ok);
    if (!ok) {
        c->respond(json(400, {{QStringLiteral("error"), QStringLiteral("bad_json")}}));
        return;
    }
    const QString only = body.value(QStringLiteral("gatewayId")).toString();
    auto forEachGateway = [&](auto fn) {
        for (auto &gw : m_gatewaysByToken) {
            if (only.isEmpty() || gw.id == only) {
                fn(gw);
            }
        }
    };
    if (req.method == "GET" && req.path == "/admin/stats") {
        c->respond(json(200, {{QStringLiteral("tlsConnections"), m_tlsConnections},
                              {QStringLiteral("requests"), m_requests},
                              {QStringLiteral("uploads"), m_uploads},
                              {QStringLiteral("records"), m_records.size()},
                              {QStringLiteral("recordsByKind"), QJsonObject::fromVariantMap([this] {
                                   QVariantMap m;
                                   for (auto it = m_recordsByKind.cbegin(); it != m_recordsByKind.cend(); ++it) {
                                       m.insert(it.key(), it.value());
                                   }
                                   return m;
                               }())},
                              {QStringLiteral("duplicates"), m_duplicates},
                              {QStringLiteral("replayedBatches"), m_replayedBatches},
                              {QStringLiteral("bytesReceived"), m_bytesReceived},
                              {QStringLiteral("uploadBytes"), m_uploadBytes},
                              {QStringLiteral("fault"), m_fault.mode},
                              {QStringLiteral("listening"), m_tls.isListening()},
                              {QStringLiteral("events"), m_events}}));
    } else if (req.method == "GET" && req.path == "/admin/logs") {
        c->respond(json(200, {{QStringLiteral("logs"), m_logs}}));
    } else if (req.method == "GET" && req.path == "/admin/records") {
        c->respond(json(200, {{QStringLiteral("records"), m_records}}));
    } else if (req.method == "GET" && req.path == "/admin/gateways") {
        QJsonArray list;
        for (const auto &gw : std::as_const(m_gatewaysByToken)) {
            list.append(QJsonObject{{QStringLiteral("gatewayId"), gw.id}, {QStringLiteral("state"), gw.state}});
        }
        c->respond(json(200, {{QStringLiteral("gateways"), list}}));
    } else if (req.method == "POST" && req.path == "/admin/fault") {
        Fault f;
        f.mode = body.value(QStringLiteral("mode")).toString(QStringLiteral("none"));
        f.remaining = body.value(QStringLiteral("count")).toInt(-1);
        f.delayMs = std::clamp(body.value(QStringLiteral("delayMs")).toInt(0), 0, 600000);
        static const QStringList modes{
            QStringLiteral("none"),     QStringLiteral("refuse"),       QStringLiteral("5xx"),
            QStringLiteral("ack-lost"), QStringLiteral("slow"),         QStringLiteral("drop"),
            QStringLiteral("stall"),    QStringLiteral("cut-download"), QStringLiteral("garbage")};
        if (!modes.contains(f.mode)) {
            c->respond(json(400, {{QStringLiteral("error"), QStringLiteral("unknown fault mode")}}));
            return;
        }
        m_fault = f;
        QString error;
        if (f.mode == QLatin1String("refuse")) {
            m_tls.close();
        } else if (!m_tls.isListening() && !listenTls(error)) {
            c->respond(json(500, {{QStringLiteral("error"), error}}));
            return;
        }
        c->respond(json(200, {{QStringLiteral("fault"), f.mode}}));
    } else if (req.method == "POST" && req.path == "/admin/approve") {
        forEachGateway([](Gateway &gw) {
            if (gw.state == QLatin1String("pending")) {
                gw.state = QStringLiteral("managed");
            }
        });
        c->respond(json(200, {}));
    } else if (req.method == "POST" && req.path == "/admin/revoke") {
        forEachGateway([](Gateway &gw) { gw.state = QStringLiteral("revoked"); });
        c->respond(json(200, {}));
    } else if (req.method == "POST" && req.path == "/admin/tasks") {
        const QJsonObject task = body.value(QStringLiteral("task")).toObject();
        forEachGateway([&task](Gateway &gw) { gw.tasks.append(task); });
        c->respond(json(200, {}));
    } else if (req.method == "POST" && req.path == "/admin/reset-stats") {
        m_tlsConnections = m_requests = m_uploads = m_bytesReceived = m_uploadBytes = 0;
        c->respond(json(200, {}));
    } else {
        c->respond(json(404, {{QStringLiteral("error"), QStringLiteral("not_found")}}));
    }
}

} // namespace fleetcloud
