#pragma once

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace netgateway::storage {
class Database;
}
namespace netgateway::core {
class Clock;
class ControlServer;
} // namespace netgateway::core

namespace netgateway::relay {

// The one host and port the relay lets devices reach.
struct Origin {
    QString host; // a DNS name or an IP address, without brackets
    quint16 port = 443;

    // The host and port of an https:// URL (port 443 when absent), or nothing
    // for an empty or non-https URL.
    static std::optional<Origin> fromUrl(const QUrl &url);
    // The cloud origin the uplink is configured with (uplink_state), if any.
    static std::optional<Origin> fromUplinkState(storage::Database &db);
    [[nodiscard]] QString authority() const;
};

struct RelayOptions {
    QHostAddress listenAddress = QHostAddress::Any;
    quint16 port = 8081; // 0 picks a free port (tests)
    // Asked for each request, so a changed uplink origin applies at once;
    // nothing (no origin) refuses every request.
    std::function<std::optional<Origin>()> allowedOrigin;
    int maxConnections = 1024;        // open client connections, all phases
    int maxConnectionsPerClient = 64; // per client address
    qint64 maxHeadBytes = 8 * 1024;   // request line plus headers
    int maxHeaderLines = 64;
    qint64 maxBytesPerTunnel = qint64(4) * 1024 * 1024 * 1024; // both directions together
    int headTimeoutMs = 10000;    // the whole request head (and TLS handshake) must arrive in this time
    int connectTimeoutMs = 15000; // DNS plus TCP connect to the origin
    int idleTimeoutMs = 5 * 60 * 1000;
    // Per direction: reading pauses while the other side holds this much
    // unsent. A busy tunnel holds at most about 4x this in buffers.
    qint64 bufferBytes = 32 * 1024;
    int maxTrackedClients = 4096; // per-device counter entries kept (least recently seen dropped)
    // With a local certificate and key the listener speaks TLS (the device
    // then talks TLS to the relay and, inside the tunnel, TLS to the origin).
    QSslConfiguration tls;
};

// Per device (client address) counters.
struct ClientCounters {
    qint64 connections = 0; // tunnels established
    qint64 refusals = 0;
    qint64 bytesUp = 0;   // device to origin
    qint64 bytesDown = 0; // origin to device
    int active = 0;       // connections open now
    QDateTime lastSeen;
    [[nodiscard]] QJsonObject toJson() const;
};

class RelayConnection;

// The single point of outgoing connection: devices with their own cloud client
// use the gateway as their HTTPS proxy. Only "CONNECT <origin host>:<origin
// port>" is answered (exact host, case-insensitive); every other request is
// refused with 400/403/405/408/503 and one log line naming the client and the
// target. An accepted request becomes a blind byte tunnel with backpressure and
// limits on bytes and idle time. It never speaks to anything but the origin.
class RelayServer : public QObject {
    Q_OBJECT
public:
    RelayServer(RelayOptions options, core::Clock &clock, QObject *parent = nullptr);
    ~RelayServer() override;

    bool listen(QString &error);
    void close();
    [[nodiscard]] quint16 serverPort() const;
    [[nodiscard]] bool isListening() const;
    [[nodiscard]] int openConnections() const { return static_cast<int>(m_connections.size()); }
    [[nodiscard]] int openTunnels() const { return m_tunnels; }
    [[nodiscard]] ClientCounters counters(const QHostAddress &client) const;
    [[nodiscard]] QJsonObject status() const;
    // relay.status: listener, totals and per-device counters.
    void registerCommands(core::ControlServer &control);

signals:
    void refused(const QString &client, const QString &target, int httpStatus, const QString &reason);
    void tunnelOpened(const QString &client, const QString &target);
    void connectionClosed(const QString &client, const QString &reason);

private:
    friend class RelayConnection;
    class Listener;

    void accept(qintptr descriptor);
    ClientCounters &countersFor(const QString &client);
    void requestRefused(const QString &client, const QString &target, int status, const QString &reason);
    void noteTunnelOpened(RelayConnection *connection, const QString &client, const QString &target);
    void connectionFinished(RelayConnection *connection, const QString &client, const QString &reason, qint64 up,
                            qint64 down);

    RelayOptions m_options;
    core::Clock &m_clock;
    std::unique_ptr<Listener> m_listener;
    QHash<RelayConnection *, QString> m_connections;
    QHash<QString, ClientCounters> m_counters;
    int m_tunnels = 0;
    qint64 m_totalRefusals = 0;
    qint64 m_totalTunnels = 0;
};

} // namespace netgateway::relay
