#pragma once

#include <netgateway/wsd/MessageLimits.h>
#include <netgateway/wsd/WsdCodec.h>

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <deque>
#include <memory>
#include <vector>

class QUdpSocket;

namespace netgateway::wsd {

// A WS-Discovery target service the gateway has heard of.
struct WsdDevice {
    WsdEndpoint endpoint;
    QHostAddress from; // sender of the message
    QString via;       // "probe" (ProbeMatches) or "hello"
};

// WS-Discovery client over IPv4 UDP: multicast Probe on chosen interfaces,
// directed (unicast) Probe to single addresses, and optionally listening on
// port 3702 for Hello and Bye announcements. Runs on the Qt event loop; every
// received datagram is bounded by MessageLimits before and while it is
// parsed, and unsolicited ProbeMatches (not answering one of our probes) are
// dropped.
class WsdProbe : public QObject {
    Q_OBJECT
public:
    struct Options {
        // Interface names; empty means every interface that is up, can
        // multicast, is not loopback and has an IPv4 address.
        QStringList interfaces;
        // How long after the last probe matches are collected.
        std::chrono::milliseconds window{3000};
        // False for directed probes only (no multicast socket, no interface).
        bool multicast = true;
        // Also probe FF02::C on the chosen interfaces that have an IPv6
        // link-local address (where an interface has none, IPv4 alone).
        bool ipv6 = true;
        bool listenForAnnouncements = false;
        QString types = QStringLiteral("wsdp:Device");
        MessageLimits limits;
    };

    explicit WsdProbe(Options options, QObject *parent = nullptr);
    ~WsdProbe() override;

    // Opens the sockets. Returns false with a message when no interface can
    // be used or the limits are not valid.
    bool open(QString &error);
    // Sends a Probe to 239.255.255.250:3702 on every chosen interface and
    // (re)starts the collection window.
    void probeMulticast();
    // Sends a Probe to one address (directed probe) and restarts the window.
    void probeAddress(const QHostAddress &address);

    [[nodiscard]] QList<WsdDevice> devices() const { return m_devices.values(); }
    [[nodiscard]] int rejectedDatagrams() const { return m_rejected; }
    [[nodiscard]] QStringList interfaceNames() const { return m_interfaceNames; }
    // Interfaces the FF02::C probe goes out on.
    [[nodiscard]] QStringList ipv6InterfaceNames() const { return m_ipv6InterfaceNames; }
    // ProbeMatches that arrived over IPv6.
    [[nodiscard]] int ipv6Matches() const { return m_ipv6Matches; }

signals:
    void probeMatch(const netgateway::wsd::WsdDevice &device);
    void hello(const netgateway::wsd::WsdDevice &device);
    void bye(const netgateway::wsd::WsdDevice &device);
    // A device that matched without XAddrs was resolved; it now has them.
    void resolved(const netgateway::wsd::WsdDevice &device);
    // The window after the last probe has passed.
    void finished();

private:
    void drain(QUdpSocket *socket);
    void handle(const QByteArray &datagram, const QHostAddress &from);
    void send(QUdpSocket *socket, const QHostAddress &to);
    void resolve(const WsdDevice &device);
    void rememberRequest(const QString &id);

    Options m_options;
    WsdCodec m_codec;
    std::vector<std::unique_ptr<QUdpSocket>> m_senders;  // one per interface (multicast)
    std::vector<std::unique_ptr<QUdpSocket>> m_senders6; // one per interface (FF02::C)
    QStringList m_ipv6InterfaceNames;                    // scope of each m_senders6 entry
    int m_ipv6Matches = 0;
    std::unique_ptr<QUdpSocket> m_unicast;  // directed probes
    std::unique_ptr<QUdpSocket> m_listener; // Hello/Bye on port 3702
    QStringList m_interfaceNames;
    QSet<QString> m_probeIds;
    std::deque<QString> m_probeOrder; // oldest first
    QHash<QString, WsdDevice> m_devices;
    QSet<QString> m_seenMessageIds;
    QList<QString> m_seenOrder;
    QTimer m_window;
    int m_datagrams = 0;
    int m_rejected = 0;
};

} // namespace netgateway::wsd
Q_DECLARE_METATYPE(netgateway::wsd::WsdDevice)
