#include <netgateway/relay/RelayServer.h>

#include <netgateway/core/Clock.h>
#include <netgateway/core/ControlChannel.h>
#include <netgateway/storage/Database.h>

#include <QHostInfo>
#include <QJsonArray>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#ifdef _WIN32
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace netgateway::relay {

namespace {

constexpr qint64 kChunkBytes = 16 * 1024;

QString clientKey(QHostAddress address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4) {
        address = QHostAddress(v4);
    }
    return address.toString();
}

// Printable, bounded text of an untrusted target for a log line.
QString printable(const QByteArray &raw)
{
    QString out;
    const QByteArray cut = raw.left(200);
    for (const char c : cut) {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 0x21 && u < 0x7f) ? QChar(QLatin1Char(c)) : QChar(QLatin1Char('?'));
    }
    if (raw.size() > cut.size()) {
        out += QStringLiteral("...");
    }
    return out.isEmpty() ? QStringLiteral("(none)") : out;
}

bool isTokenChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isHostChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '.' || c == '-';
}

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "Connection established";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Error";
    }
}

QByteArray plainResponse(int status, const QString &message, const QByteArray &extraHeaders = {})
{
    const QByteArray body = message.toUtf8() + '\n';
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
           "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n" + extraHeaders + "Connection: close\r\n\r\n" + body;
}

// After the answer is written, stops sending (FIN) and reads and drops what
// the client still sends, so closing does not reset the connection and lose
// the answer. The caller bounds how long this lasts.
void halfCloseAfterAnswer(QTcpSocket *socket)
{
    const auto shut = [socket] {
        if (socket->bytesToWrite() > 0 || socket->state() != QAbstractSocket::ConnectedState) {
            return;
        }
        if (qobject_cast<QSslSocket *>(socket) != nullptr) {
            socket->disconnectFromHost();
        } else {
#ifdef _WIN32
            ::shutdown(static_cast<SOCKET>(socket->socketDescriptor()), SD_SEND);
#else
            ::shutdown(static_cast<int>(socket->socketDescriptor()), SHUT_WR);
#endif
        }
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, shut);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->read(socket->bytesAvailable()); });
    socket->read(socket->bytesAvailable());
    socket->flush();
    shut();
}

struct Target {
    QString host;
    quint16 port = 0;
};

// "host:port" or "[v6]:port". Returns false for anything else.
bool parseAuthority(const QByteArray &text, Target &out)
{
    QByteArray host;
    QByteArray port;
    if (text.startsWith('[')) {
        const qsizetype close = text.indexOf(']');
        if (close < 0 || close + 1 >= text.size() || text.at(close + 1) != ':') {
            return false;
        }
        host = text.mid(1, close - 1);
        port = text.mid(close + 2);
        QHostAddress v6;
        if (!v6.setAddress(QString::fromLatin1(host)) || v6.protocol() != QAbstractSocket::IPv6Protocol) {
            return false;
        }
    } else {
        const qsizetype colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        host = text.left(colon);
        port = text.mid(colon + 1);
        if (host.size() > 253 || !std::all_of(host.begin(), host.end(), isHostChar)) {
            return false;
        }
    }
    if (port.isEmpty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    const int number = port.toInt();
    if (number < 1 || number > 65535) {
        return false;
    }
    out.host = QString::fromLatin1(host);
    out.port = static_cast<quint16>(number);
    return true;
}

bool sameHost(const QString &requested, const QString &allowed)
{
    if (requested.compare(allowed, Qt::CaseInsensitive) == 0) {
        return true;
    }
    // The same IP address written differently ("::1" and "0:0::1").
    QHostAddress a;
    QHostAddress b;
    return a.setAddress(requested) && b.setAddress(allowed) && a.isEqual(b, QHostAddress::StrictConversion);
}

} // namespace

std::optional<Origin> Origin::fromUrl(const QUrl &url)
{
    if (!url.isValid() || url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0 ||
        url.host().isEmpty()) {
        return std::nullopt;
    }
    const int port = url.port(443);
    if (port < 1 || port > 65535) {
        return std::nullopt;
    }
    return Origin{url.host(), static_cast<quint16>(port)};
}

std::optional<Origin> Origin::fromUplinkState(storage::Database &db)
{
    storage::Statement st(db, "SELECT value FROM uplink_state WHERE key = 'origin'");
    if (!st.step()) {
        return std::nullopt;
    }
    return fromUrl(QUrl(st.text(0)));
}

QString Origin::authority() const
{
    return host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(host).arg(port)
                                           : QStringLiteral("%1:%2").arg(host).arg(port);
}

QJsonObject ClientCounters::toJson() const
{
    return QJsonObject{
        {QStringLiteral("connections"), connections}, {QStringLiteral("refusals"), refusals},
        {QStringLiteral("bytesUp"), bytesUp},         {QStringLiteral("bytesDown"), bytesDown},
        {QStringLiteral("active"), active},           {QStringLiteral("lastSeen"), lastSeen.toString(Qt::ISODate)}};
}

// ---------------------------------------------------------------------------

class RelayServer::Listener : public QTcpServer {
public:
    explicit Listener(RelayServer &server) : m_server(server) {}

protected:
    void incomingConnection(qintptr descriptor) override { m_server.accept(descriptor); }

private:
    RelayServer &m_server;
};

// One client connection: reads and checks the request head, resolves and
// connects to the origin, then copies bytes both ways.
class RelayConnection : public QObject {
public:
    enum class State { Head, Resolving, Connecting, Tunnel, Closing };

    RelayConnection(RelayServer &server, QTcpSocket *client, QString key)
        : m_server(server), m_options(server.m_options), m_client(client), m_key(std::move(key))
    {
        m_client->setParent(this);
        m_client->setReadBufferSize(m_options.bufferBytes);
        m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1); // a tunnel adds no Nagle delay of its own
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &RelayConnection::onTimeout);
        m_timer.start(m_options.headTimeoutMs);
        connect(m_client, &QTcpSocket::readyRead, this, &RelayConnection::onClientReadyRead);
        connect(m_client, &QTcpSocket::bytesWritten, this, [this] { pump(m_origin, m_client, false); });
        connect(m_client, &QTcpSocket::disconnected, this, [this] { onSideClosed(m_client); });
        connect(m_client, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_client->state() == QAbstractSocket::UnconnectedState) {
                onSideClosed(m_client);
            }
        });
    }

    ~RelayConnection() override
    {
        if (m_lookupId >= 0) {
            QHostInfo::abortHostLookup(m_lookupId);
        }
    }

    void startAfterTls()
    {
        // Bytes may already be waiting (TLS: decrypted during the handshake).
        onClientReadyRead();
    }

private:
    void onClientReadyRead()
    {
        if (m_state == State::Tunnel) {
            pump(m_client, m_origin, true);
            return;
        }
        if (m_state != State::Head) {
            return; // left in the socket until the tunnel is up
        }
        const qint64 room = m_options.maxHeadBytes + 1 - m_head.size();
        m_head += m_client->read(std::max<qint64>(room, 0));
        const qsizetype end = m_head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_head.size() > m_options.maxHeadBytes) {
                refuse(400, printable(m_head.left(m_head.indexOf(' '))),
                       QStringLiteral("the request head is larger than %1 bytes").arg(m_options.maxHeadBytes));
            }
            return;
        }
        if (end + 4 > m_options.maxHeadBytes) {
            refuse(400, QStringLiteral("(oversized)"),
                   QStringLiteral("the request head is larger than %1 bytes").arg(m_options.maxHeadBytes));
            return;
        }
        m_pending = m_head.mid(end + 4);
        m_head.truncate(end);
        handleHead();
    }

    void handleHead()
    {
        const QList<QByteArray> lines = m_head.split('\n');
        for (const QByteArray &line : lines) {
            for (qsizetype i = 0; i < line.size(); ++i) {
                const char c = line.at(i);
                const auto u = static_cast<unsigned char>(c);
                if ((u < 0x20 && c != '\t' && !(c == '\r' && i == line.size() - 1)) || u >= 0x7f) {
                    refuse(400, QStringLiteral("(unparsable)"),
                           QStringLiteral("the request head holds control or non-ASCII characters"));
                    return;
                }
            }
            if (&line != &lines.last() && !line.endsWith('\r')) {
                refuse(400, QStringLiteral("(unparsable)"), QStringLiteral("request lines must end with CR LF"));
                return;
            }
        }
        const QByteArray requestLine = lines.first().trimmed();
        const QList<QByteArray> parts = requestLine.split(' ');
        if (parts.size() != 3 || parts[0].isEmpty() || !std::all_of(parts[0].begin(), parts[0].end(), isTokenChar)) {
            refuse(400, printable(requestLine), QStringLiteral("the request line is not 'CONNECT host:443 HTTP/1.1'"));
            return;
        }
        const QByteArray &method = parts[0];
        const QByteArray &target = parts[1];
        const QByteArray &version = parts[2];
        if (version != "HTTP/1.1" && version != "HTTP/1.0") {
            refuse(400, printable(target), QStringLiteral("unsupported protocol version %1").arg(printable(version)));
            return;
        }
        if (method != "CONNECT") {
            refuse(405, printable(target),
                   QStringLiteral("method %1 refused: this relay only tunnels HTTPS with CONNECT to the cloud origin")
                       .arg(printable(method)),
                   "Allow: CONNECT\r\n");
            return;
        }
        if (lines.size() - 1 > m_options.maxHeaderLines) {
            refuse(400, printable(target), QStringLiteral("more than %1 header lines").arg(m_options.maxHeaderLines));
            return;
        }
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0 || !std::all_of(line.begin(), line.begin() + colon, isTokenChar)) {
                refuse(400, printable(target), QStringLiteral("malformed header line"));
                return;
            }
        }
        Target wanted;
        if (!parseAuthority(target, wanted)) {
            refuse(400, printable(target), QStringLiteral("the CONNECT target must be host:port"));
            return;
        }
        m_target = printable(target);
        const std::optional<Origin> allowed = m_options.allowedOrigin ? m_options.allowedOrigin() : std::nullopt;
        if (!allowed) {
            refuse(403, m_target, QStringLiteral("no cloud origin is configured; the relay forwards nothing"));
            return;
        }
        if (!sameHost(wanted.host, allowed->host) || wanted.port != allowed->port) {
            refuse(
                403, m_target,
                QStringLiteral("only the cloud origin %1 can be reached through this relay").arg(allowed->authority()));
            return;
        }
        m_state = State::Resolving;
        m_timer.start(m_options.connectTimeoutMs);
        // Resolve once per connection, the allowed (configured) name, not the
        // device's spelling of it.
        m_lookupId = QHostInfo::lookupHost(allowed->host, this, [this](const QHostInfo &info) { onResolved(info); });
        m_port = allowed->port;
    }

    void onResolved(const QHostInfo &info)
    {
        m_lookupId = -1;
        if (m_state != State::Resolving) {
            return;
        }
        m_addresses = info.addresses();
        if (info.error() != QHostInfo::NoError || m_addresses.isEmpty()) {
            fail(502, QStringLiteral("the cloud origin's name cannot be resolved (DNS): %1; check the gateway's DNS "
                                     "settings")
                          .arg(info.errorString()));
            return;
        }
        m_state = State::Connecting;
        m_origin = new QTcpSocket(this);
        m_origin->setReadBufferSize(m_options.bufferBytes);
        connect(m_origin, &QTcpSocket::connected, this, &RelayConnection::onOriginConnected);
        connect(m_origin, &QTcpSocket::readyRead, this, [this] { pump(m_origin, m_client, false); });
        connect(m_origin, &QTcpSocket::bytesWritten, this, [this] { pump(m_client, m_origin, true); });
        connect(m_origin, &QTcpSocket::disconnected, this, [this] { onSideClosed(m_origin); });
        connect(m_origin, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_state == State::Connecting) {
                tryNextAddress();
            } else if (m_origin->state() == QAbstractSocket::UnconnectedState) {
                onSideClosed(m_origin);
            }
        });
        tryNextAddress();
    }

    void tryNextAddress()
    {
        if (m_nextAddress >= m_addresses.size()) {
            fail(502, QStringLiteral("the cloud origin cannot be reached: %1").arg(m_origin->errorString()));
            return;
        }
        const QHostAddress address = m_addresses.at(m_nextAddress++);
        m_state = State::Resolving; // an abort below must not count as another failed attempt
        m_origin->abort();
        m_state = State::Connecting;
        // Queued, so an immediate failure does not recurse inside errorOccurred.
        QMetaObject::invokeMethod(
            this,
            [this, address] {
                if (m_state == State::Connecting) {
                    m_origin->connectToHost(address, m_port);
                }
            },
            Qt::QueuedConnection);
    }

    void onOriginConnected()
    {
        m_state = State::Tunnel;
        m_timer.start(m_options.idleTimeoutMs);
        m_origin->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_client->write(QByteArrayLiteral("HTTP/1.1 200 Connection established\r\n\r\n"));
        m_server.noteTunnelOpened(this, m_key, m_target);
        if (!m_pending.isEmpty()) {
            countUp(m_pending.size());
            m_origin->write(m_pending);
            m_pending.clear();
        }
        m_head.clear();
        m_head.squeeze();
        pump(m_client, m_origin, true);
    }

    // Copies what `from` holds to `to` while `to` has room under the bound.
    void pump(QTcpSocket *from, QTcpSocket *to, bool up)
    {
        if (m_state != State::Tunnel && m_state != State::Closing) {
            return;
        }
        if (from == nullptr || to == nullptr) {
            return;
        }
        qint64 moved = 0;
        while (from->bytesAvailable() > 0 && to->bytesToWrite() < m_options.bufferBytes &&
               to->state() == QAbstractSocket::ConnectedState) {
            const qint64 room = m_options.bufferBytes - to->bytesToWrite();
            const QByteArray chunk = from->read(std::min({from->bytesAvailable(), room, kChunkBytes}));
            if (chunk.isEmpty()) {
                break;
            }
            to->write(chunk);
            moved += chunk.size();
        }
        if (moved > 0) {
            up ? countUp(moved) : countDown(moved);
            if (m_state == State::Tunnel) {
                m_timer.start(m_options.idleTimeoutMs);
            }
            if (m_up + m_down > m_options.maxBytesPerTunnel) {
                close(QStringLiteral("the tunnel reached its limit of %1 bytes").arg(m_options.maxBytesPerTunnel),
                      true);
                return;
            }
        }
        // One side has gone: pass on what it left, then close the other.
        if (m_state == State::Closing || from->state() == QAbstractSocket::UnconnectedState) {
            finishIfDrained();
        }
    }

    void countUp(qint64 n)
    {
        m_up += n;
        m_server.countersFor(m_key).bytesUp += n;
    }
    void countDown(qint64 n)
    {
        m_down += n;
        m_server.countersFor(m_key).bytesDown += n;
    }

    void onSideClosed(QTcpSocket *side)
    {
        if (m_finished) {
            return;
        }
        if (m_state != State::Tunnel && m_state != State::Closing) {
            if (side == m_client) {
                finish(QStringLiteral("the client closed the connection before the tunnel was up"));
            }
            return;
        }
        if (m_state == State::Tunnel) {
            m_state = State::Closing;
            m_closeReason =
                side == m_client ? QStringLiteral("closed by the device") : QStringLiteral("closed by the origin");
        }
        pump(m_client, m_origin, true);
        pump(m_origin, m_client, false);
        finishIfDrained();
    }

    void finishIfDrained()
    {
        if (m_finished) {
            return;
        }
        const bool clientGone = m_client->state() == QAbstractSocket::UnconnectedState;
        const bool originGone = m_origin == nullptr || m_origin->state() == QAbstractSocket::UnconnectedState;
        if (clientGone && m_origin != nullptr && !originGone && m_client->bytesAvailable() == 0) {
            m_origin->disconnectFromHost();
        }
        if (originGone && !clientGone && (m_origin == nullptr || m_origin->bytesAvailable() == 0)) {
            m_client->disconnectFromHost();
        }
        if (m_client->state() == QAbstractSocket::UnconnectedState &&
            (m_origin == nullptr || m_origin->state() == QAbstractSocket::UnconnectedState)) {
            finish(m_closeReason);
        }
    }

    void onTimeout()
    {
        switch (m_state) {
        case State::Head:
            refuse(408, m_target.isEmpty() ? QStringLiteral("(incomplete)") : m_target,
                   QStringLiteral("the request head did not arrive within %1 ms").arg(m_options.headTimeoutMs));
            return;
        case State::Resolving:
        case State::Connecting:
            fail(504, QStringLiteral("the cloud origin did not answer within %1 ms").arg(m_options.connectTimeoutMs));
            return;
        case State::Tunnel:
            close(QStringLiteral("idle for %1 ms").arg(m_options.idleTimeoutMs), true);
            return;
        case State::Closing:
            close(m_closeReason.isEmpty() ? QStringLiteral("closing timed out") : m_closeReason, true);
            return;
        }
    }

    // A refused request: answered, counted, logged, closed. Nothing was connected.
    void refuse(int status, const QString &target, const QString &reason, const QByteArray &extraHeaders = {})
    {
        m_server.requestRefused(m_key, target, status, reason);
        answerAndClose(status, reason, extraHeaders);
    }

    // An allowed request that could not be served (DNS, connect).
    void fail(int status, const QString &reason)
    {
        qWarning("relay: %s to %s failed: %d %s", qPrintable(m_key), qPrintable(m_target), status, qPrintable(reason));
        m_state = State::Closing;
        if (m_origin != nullptr) {
            m_origin->abort();
        }
        answerAndClose(status, reason, {});
    }

    void answerAndClose(int status, const QString &message, const QByteArray &extraHeaders)
    {
        m_state = State::Closing;
        m_closeReason = message;
        disconnect(m_client, &QTcpSocket::readyRead, this, nullptr);
        m_client->write(plainResponse(status, message, extraHeaders));
        halfCloseAfterAnswer(m_client);
        m_timer.start(2000); // a client that never reads the answer or never closes is cut off
        if (m_client->state() == QAbstractSocket::UnconnectedState) {
            finish(message);
        }
    }

    // Ends the connection now (both sides reset); `reason` is what is logged.
    void close(const QString &reason, bool /*abort*/) { finish(reason); }

    void finish(const QString &reason)
    {
        if (m_finished) {
            return;
        }
        m_finished = true;
        m_state = State::Closing; // queued work (a pending connect) sees the connection is over
        m_timer.stop();
        if (m_origin != nullptr) {
            m_origin->abort();
        }
        m_client->abort();
        m_server.connectionFinished(this, m_key, m_tunnelled ? reason : QString(), m_up, m_down);
        deleteLater();
    }

public:
    bool m_tunnelled = false;

private:
    RelayServer &m_server;
    const RelayOptions &m_options;
    QTcpSocket *m_client;
    QTcpSocket *m_origin = nullptr;
    QString m_key;
    QString m_target;
    QByteArray m_head;
    QByteArray m_pending;
    QList<QHostAddress> m_addresses;
    qsizetype m_nextAddress = 0;
    quint16 m_port = 0;
    int m_lookupId = -1;
    QTimer m_timer;
    State m_state = State::Head;
    QString m_closeReason;
    qint64 m_up = 0;
    qint64 m_down = 0;
    bool m_finished = false;
};

// ---------------------------------------------------------------------------

RelayServer::RelayServer(RelayOptions options, core::Clock &clock, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_clock(clock)
{
    m_options.maxHeadBytes = std::clamp<qint64>(m_options.maxHeadBytes, 256, 64 * 1024);
    m_options.bufferBytes = std::clamp<qint64>(m_options.bufferBytes, 4 * 1024, 16 * 1024 * 1024);
    m_options.maxConnections = std::max(1, m_options.maxConnections);
    m_options.maxConnectionsPerClient = std::max(1, m_options.maxConnectionsPerClient);
    m_options.maxTrackedClients = std::max(1, m_options.maxTrackedClients);
}

RelayServer::~RelayServer()
{
    close();
}

bool RelayServer::listen(QString &error)
{
    if (m_listener && m_listener->isListening()) {
        return true;
    }
    m_listener = std::make_unique<Listener>(*this);
    m_listener->setMaxPendingConnections(64);
    if (!m_listener->listen(m_options.listenAddress, m_options.port)) {
        error = QStringLiteral("the relay cannot listen on %1 port %2: %3; choose another port with --relay-port "
                               "or [relay] port, or disable the relay with [relay] enabled = false")
                    .arg(m_options.listenAddress.toString())
                    .arg(m_options.port)
                    .arg(m_listener->errorString());
        m_listener.reset();
        return false;
    }
    qInfo("relay: listening on port %u%s", m_listener->serverPort(),
          m_options.tls.localCertificate().isNull() ? "" : " (TLS)");
    return true;
}

void RelayServer::close()
{
    if (m_listener) {
        m_listener->close();
        m_listener.reset();
    }
    const auto open = m_connections.keys();
    m_connections.clear();
    for (RelayConnection *c : open) {
        delete c;
    }
    m_tunnels = 0;
}

quint16 RelayServer::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

bool RelayServer::isListening() const
{
    return m_listener && m_listener->isListening();
}

ClientCounters &RelayServer::countersFor(const QString &client)
{
    auto it = m_counters.find(client);
    if (it == m_counters.end()) {
        if (m_counters.size() >= m_options.maxTrackedClients) {
            // Drop the least recently seen device that has nothing open.
            auto oldest = m_counters.end();
            for (auto i = m_counters.begin(); i != m_counters.end(); ++i) {
                if (i->active == 0 && (oldest == m_counters.end() || i->lastSeen < oldest->lastSeen)) {
                    oldest = i;
                }
            }
            if (oldest != m_counters.end()) {
                m_counters.erase(oldest);
            }
        }
        it = m_counters.insert(client, ClientCounters{});
    }
    return *it;
}

ClientCounters RelayServer::counters(const QHostAddress &client) const
{
    return m_counters.value(clientKey(client));
}

void RelayServer::accept(qintptr descriptor)
{
    const bool tls = !m_options.tls.localCertificate().isNull();
    QTcpSocket *socket = tls ? new QSslSocket : new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const QString key = clientKey(socket->peerAddress());
    ClientCounters &counters = countersFor(key);
    counters.lastSeen = m_clock.nowUtc();
    QString limit;
    if (m_connections.size() >= m_options.maxConnections) {
        limit = QStringLiteral("the relay already holds its limit of %1 connections").arg(m_options.maxConnections);
    } else if (counters.active >= m_options.maxConnectionsPerClient) {
        limit = QStringLiteral("this device already holds its limit of %1 connections")
                    .arg(m_options.maxConnectionsPerClient);
    }
    if (!limit.isEmpty()) {
        requestRefused(key, QStringLiteral("(not read)"), 503, limit);
        if (!tls) {
            socket->write(plainResponse(503, limit, "Retry-After: 30\r\n"));
            halfCloseAfterAnswer(socket);
        }
        if (tls || socket->state() == QAbstractSocket::UnconnectedState) {
            socket->abort();
            socket->deleteLater();
            return;
        }
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(2000, socket, [socket] { socket->abort(); });
        return;
    }
    ++counters.active;
    auto *connection = new RelayConnection(*this, socket, key);
    m_connections.insert(connection, key);
    if (tls) {
        auto *ssl = static_cast<QSslSocket *>(socket);
        ssl->setSslConfiguration(m_options.tls);
        connect(ssl, &QSslSocket::encrypted, connection, [connection] { connection->startAfterTls(); });
        connect(ssl, &QSslSocket::sslErrors, ssl, [ssl](const QList<QSslError> &) { ssl->abort(); });
        ssl->startServerEncryption();
    } else {
        connection->startAfterTls();
    }
}

void RelayServer::requestRefused(const QString &client, const QString &target, int status, const QString &reason)
{
    ClientCounters &c = countersFor(client);
    ++c.refusals;
    c.lastSeen = m_clock.nowUtc();
    ++m_totalRefusals;
    qWarning("relay: refused %s to %s: %d %s", qPrintable(client), qPrintable(target), status, qPrintable(reason));
    emit refused(client, target, status, reason);
}

void RelayServer::noteTunnelOpened(RelayConnection *connection, const QString &client, const QString &target)
{
    connection->m_tunnelled = true;
    ClientCounters &c = countersFor(client);
    ++c.connections;
    c.lastSeen = m_clock.nowUtc();
    ++m_tunnels;
    ++m_totalTunnels;
    qDebug("relay: %s tunnel to %s open", qPrintable(client), qPrintable(target));
    emit tunnelOpened(client, target);
}

void RelayServer::connectionFinished(RelayConnection *connection, const QString &client, const QString &reason,
                                     qint64 up, qint64 down)
{
    if (m_connections.remove(connection) == 0) {
        return;
    }
    ClientCounters &c = countersFor(client);
    c.active = std::max(0, c.active - 1);
    c.lastSeen = m_clock.nowUtc();
    if (connection->m_tunnelled) {
        m_tunnels = std::max(0, m_tunnels - 1);
        qDebug("relay: %s tunnel closed (%s): %lld bytes up, %lld down", qPrintable(client), qPrintable(reason), up,
               down);
    }
    emit connectionClosed(client, reason);
}

QJsonObject RelayServer::status() const
{
    QJsonArray devices;
    auto keys = m_counters.keys();
    std::sort(keys.begin(), keys.end());
    for (const QString &key : keys) {
        QJsonObject entry = m_counters.value(key).toJson();
        entry.insert(QStringLiteral("address"), key);
        devices.append(entry);
    }
    const std::optional<Origin> origin = m_options.allowedOrigin ? m_options.allowedOrigin() : std::nullopt;
    return QJsonObject{{QStringLiteral("listening"), isListening()},
                       {QStringLiteral("port"), serverPort()},
                       {QStringLiteral("tls"), !m_options.tls.localCertificate().isNull()},
                       {QStringLiteral("allowedOrigin"), origin ? origin->authority() : QString()},
                       {QStringLiteral("openConnections"), openConnections()},
                       {QStringLiteral("openTunnels"), m_tunnels},
                       {QStringLiteral("totalTunnels"), m_totalTunnels},
                       {QStringLiteral("totalRefusals"), m_totalRefusals},
                       {QStringLiteral("maxConnections"), m_options.maxConnections},
                       {QStringLiteral("maxConnectionsPerDevice"), m_options.maxConnectionsPerClient},
                       {QStringLiteral("devices"), devices}};
}

void RelayServer::registerCommands(core::ControlServer &control)
{
    // {"command":"relay.status"}
    control.addCommand(QStringLiteral("relay.status"), [this](const QJsonObject &) { return status(); });
}

} // namespace netgateway::relay
