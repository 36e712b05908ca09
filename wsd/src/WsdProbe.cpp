#include <netgateway/wsd/WsdProbe.h>

#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QUdpSocket>
#include <QVariant>

namespace netgateway::wsd {

namespace {

// Probes whose answers are still accepted. Directed probes over a large range
// go out at up to thousands per second; the oldest are forgotten first, so a
// device answering within a few seconds is never dropped.
constexpr int kMaxProbeIds = 8192;
constexpr int kMaxRememberedMessages = 1024;

bool usable(const QNetworkInterface &iface)
{
    const auto flags = iface.flags();
    return flags.testFlag(QNetworkInterface::IsUp) && flags.testFlag(QNetworkInterface::IsRunning) &&
           flags.testFlag(QNetworkInterface::CanMulticast) && !flags.testFlag(QNetworkInterface::IsLoopBack);
}

bool hasLinkLocalIpv6(const QNetworkInterface &iface)
{
    for (const QNetworkAddressEntry &e : iface.addressEntries()) {
        if (e.ip().protocol() == QAbstractSocket::IPv6Protocol && e.ip().isLinkLocal()) {
            return true;
        }
    }
    return false;
}

QHostAddress ipv4Of(const QNetworkInterface &iface)
{
    for (const QNetworkAddressEntry &e : iface.addressEntries()) {
        if (e.ip().protocol() == QAbstractSocket::IPv4Protocol) {
            return e.ip();
        }
    }
    return {};
}

} // namespace

WsdProbe::WsdProbe(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_codec(m_options.limits)
{
    m_window.setSingleShot(true);
    connect(&m_window, &QTimer::timeout, this, &WsdProbe::finished);
}

WsdProbe::~WsdProbe() = default;

bool WsdProbe::open(QString &error)
{
    error = m_options.limits.validate();
    if (!error.isEmpty()) {
        return false;
    }
    QList<QNetworkInterface> chosen;
    if (!m_options.multicast) {
        // Directed probes only: no interface needed.
    } else if (m_options.interfaces.isEmpty()) {
        for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
            if (usable(iface) && !ipv4Of(iface).isNull()) {
                chosen.append(iface);
            }
        }
    } else {
        for (const QString &name : m_options.interfaces) {
            const QNetworkInterface iface = QNetworkInterface::interfaceFromName(name);
            if (!iface.isValid()) {
                error = QStringLiteral("network interface '%1' does not exist").arg(name);
                return false;
            }
            if (!usable(iface) || ipv4Of(iface).isNull()) {
                error = QStringLiteral("network interface '%1' is not up, cannot multicast or has no IPv4 address")
                            .arg(name);
                return false;
            }
            chosen.append(iface);
        }
    }
    if (chosen.isEmpty() && m_options.multicast) {
        error = QStringLiteral("no network interface is up with multicast and an IPv4 address");
        return false;
    }
    const auto connectSocket = [this](QUdpSocket *s) {
        connect(s, &QUdpSocket::readyRead, this, [this, s] { drain(s); });
    };
    for (const QNetworkInterface &iface : chosen) {
        auto socket = std::make_unique<QUdpSocket>();
        if (!socket->bind(ipv4Of(iface), 0)) {
            error = QStringLiteral("cannot open a UDP socket on %1: %2").arg(iface.name(), socket->errorString());
            return false;
        }
        socket->setMulticastInterface(iface);
        socket->setSocketOption(QAbstractSocket::MulticastTtlOption, QVariant(1));
        connectSocket(socket.get());
        m_senders.push_back(std::move(socket));
        m_interfaceNames.append(iface.name());
    }
    for (const QNetworkInterface &iface : chosen) {
        if (!m_options.ipv6 || !hasLinkLocalIpv6(iface)) {
            continue;
        }
        // IPv6 is optional on a LAN: a socket that cannot be opened leaves IPv4 alone.
        auto socket = std::make_unique<QUdpSocket>();
        if (!socket->bind(QHostAddress::AnyIPv6, 0)) {
            qDebug("WS-Discovery: no IPv6 probe on %s: %s", qPrintable(iface.name()),
                   qPrintable(socket->errorString()));
            continue;
        }
        socket->setMulticastInterface(iface);
        socket->setSocketOption(QAbstractSocket::MulticastTtlOption, QVariant(1));
        connectSocket(socket.get());
        m_senders6.push_back(std::move(socket));
        m_ipv6InterfaceNames.append(iface.name());
    }
    m_unicast = std::make_unique<QUdpSocket>();
    if (!m_unicast->bind(QHostAddress::AnyIPv4, 0)) {
        error = QStringLiteral("cannot open a UDP socket: %1").arg(m_unicast->errorString());
        return false;
    }
    connectSocket(m_unicast.get());
    if (m_options.listenForAnnouncements && m_options.multicast) {
        m_listener = std::make_unique<QUdpSocket>();
        if (!m_listener->bind(QHostAddress::AnyIPv4, kDiscoveryPort,
                              QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
            error = QStringLiteral("cannot listen on UDP port %1 for WS-Discovery announcements: %2")
                        .arg(kDiscoveryPort)
                        .arg(m_listener->errorString());
            return false;
        }
        for (const QNetworkInterface &iface : chosen) {
            if (!m_listener->joinMulticastGroup(QHostAddress(QLatin1String(kMulticastIPv4)), iface)) {
                error = QStringLiteral("cannot join the WS-Discovery multicast group on %1: %2")
                            .arg(iface.name(), m_listener->errorString());
                return false;
            }
        }
        connectSocket(m_listener.get());
    }
    return true;
}

void WsdProbe::rememberRequest(const QString &id)
{
    if (m_probeIds.size() >= kMaxProbeIds && !m_probeOrder.empty()) {
        m_probeIds.remove(m_probeOrder.front());
        m_probeOrder.pop_front();
    }
    m_probeIds.insert(id);
    m_probeOrder.push_back(id);
}

void WsdProbe::resolve(const WsdDevice &device)
{
    const QString id = WsdCodec::newMessageId();
    const QByteArray message = m_codec.buildResolve(id, device.endpoint.endpointReference);
    if (message.isEmpty()) {
        return;
    }
    rememberRequest(id);
    // Resolve goes where the device listens: the multicast group on every
    // chosen interface, or the device itself when probing directed only.
    if (m_senders.empty() && m_unicast) {
        m_unicast->writeDatagram(message, device.from, kDiscoveryPort);
    }
    for (const auto &socket : m_senders) {
        socket->writeDatagram(message, QHostAddress(QLatin1String(kMulticastIPv4)), kDiscoveryPort);
    }
}

void WsdProbe::send(QUdpSocket *socket, const QHostAddress &to)
{
    const QString id = WsdCodec::newMessageId();
    const QByteArray probe = m_codec.buildProbe(id, m_options.types);
    if (probe.isEmpty()) {
        qWarning("WS-Discovery: could not compose a Probe message");
        return;
    }
    rememberRequest(id);
    if (socket->writeDatagram(probe, to, kDiscoveryPort) != probe.size()) {
        qWarning("WS-Discovery: sending a Probe to %s failed: %s", qPrintable(to.toString()),
                 qPrintable(socket->errorString()));
    }
    m_window.start(m_options.window);
}

void WsdProbe::probeMulticast()
{
    for (const auto &socket : m_senders) {
        send(socket.get(), QHostAddress(QLatin1String(kMulticastIPv4)));
    }
    for (std::size_t i = 0; i < m_senders6.size(); ++i) {
        QHostAddress group{QString::fromLatin1(kMulticastIPv6)};
        group.setScopeId(m_ipv6InterfaceNames.at(static_cast<qsizetype>(i)));
        send(m_senders6[i].get(), group);
    }
}

void WsdProbe::probeAddress(const QHostAddress &address)
{
    if (m_unicast && address.protocol() == QAbstractSocket::IPv4Protocol) {
        send(m_unicast.get(), address);
    }
}

void WsdProbe::drain(QUdpSocket *socket)
{
    const auto max = static_cast<qint64>(m_options.limits.maxMessageBytes);
    while (socket->hasPendingDatagrams()) {
        const qint64 size = socket->pendingDatagramSize();
        if (m_datagrams >= m_options.limits.maxDatagramsPerWindow || size > max || size < 0) {
            // Discard without keeping it: over the size or the flood limit.
            socket->readDatagram(nullptr, 0);
            ++m_rejected;
            continue;
        }
        ++m_datagrams;
        const QNetworkDatagram d = socket->receiveDatagram(max);
        handle(d.data(), d.senderAddress());
    }
}

void WsdProbe::handle(const QByteArray &datagram, const QHostAddress &from)
{
    QString error;
    const auto message = m_codec.parse(datagram, error);
    if (!message) {
        ++m_rejected;
        qDebug("WS-Discovery: ignored a message from %s: %s", qPrintable(from.toString()), qPrintable(error));
        return;
    }
    const bool answer =
        message->kind == WsdMessage::Kind::ProbeMatches || message->kind == WsdMessage::Kind::ResolveMatches;
    if (answer && !m_probeIds.contains(message->relatesTo)) {
        ++m_rejected; // not an answer to one of our probes or resolves
        return;
    }
    // SOAP-over-UDP repeats every message; handle each message id once.
    if (!message->messageId.isEmpty()) {
        if (m_seenMessageIds.contains(message->messageId)) {
            return;
        }
        if (m_seenOrder.size() >= kMaxRememberedMessages) {
            m_seenMessageIds.remove(m_seenOrder.takeFirst());
        }
        m_seenMessageIds.insert(message->messageId);
        m_seenOrder.append(message->messageId);
    }
    switch (message->kind) {
    case WsdMessage::Kind::ProbeMatches:
        for (const WsdEndpoint &e : message->endpoints) {
            if (m_devices.size() >= m_options.limits.maxEndpoints && !m_devices.contains(e.endpointReference)) {
                ++m_rejected;
                continue;
            }
            WsdDevice device{e, from, QStringLiteral("probe")};
            if (from.protocol() == QAbstractSocket::IPv6Protocol) {
                ++m_ipv6Matches;
                // A device that answered both probes keeps its IPv4 address: ranges are mostly IPv4.
                const auto known = m_devices.constFind(e.endpointReference);
                if (known != m_devices.constEnd() && known->from.protocol() == QAbstractSocket::IPv4Protocol) {
                    continue;
                }
            }
            m_devices.insert(e.endpointReference, device);
            emit probeMatch(device);
            if (e.xaddrs.isEmpty()) {
                resolve(device);
            }
        }
        return;
    case WsdMessage::Kind::ResolveMatches:
        for (const WsdEndpoint &e : message->endpoints) {
            // Only devices we already know (and asked about) are updated.
            auto it = m_devices.find(e.endpointReference);
            if (it == m_devices.end() || e.xaddrs.isEmpty()) {
                continue;
            }
            it->endpoint.xaddrs = e.xaddrs;
            emit resolved(*it);
        }
        return;
    case WsdMessage::Kind::Hello:
        for (const WsdEndpoint &e : message->endpoints) {
            if (m_devices.size() >= m_options.limits.maxEndpoints && !m_devices.contains(e.endpointReference)) {
                ++m_rejected;
                continue;
            }
            const WsdDevice device{e, from, QStringLiteral("hello")};
            m_devices.insert(e.endpointReference, device);
            emit hello(device);
        }
        return;
    case WsdMessage::Kind::Bye:
        for (const WsdEndpoint &e : message->endpoints) {
            m_devices.remove(e.endpointReference);
            emit bye(WsdDevice{e, from, QStringLiteral("bye")});
        }
        return;
    case WsdMessage::Kind::Probe:
    case WsdMessage::Kind::Other:
        return; // Probe/Resolve from other clients: the gateway does not answer
    }
}

} // namespace netgateway::wsd
