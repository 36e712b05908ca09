#include <netgateway/core/discovery/WsdDiscovery.h>

#include <QUrl>

#include <algorithm>

namespace netgateway::core::discovery {

namespace {

constexpr int kPaceIntervalMs = 10;
constexpr int kUnthrottledBatch = 256; // directed probes per event-loop turn

} // namespace

bool WsdFind::announcesPrinter() const
{
    // Types are QNames with whatever prefix the device chose; the local name decides.
    return std::any_of(types.begin(), types.end(), [](const QString &type) {
        const QString local = type.mid(type.lastIndexOf(u':') + 1);
        return local == QLatin1String("PrintDeviceType") || local == QLatin1String("ScanDeviceType") ||
               local == QLatin1String("PrinterServiceType") || local == QLatin1String("ScannerServiceType");
    });
}

WsdDiscovery::WsdDiscovery(TargetIterator directed, WsdOptions options, QObject *parent)
    : QObject(parent), m_targets(std::move(directed)), m_options(std::move(options))
{
    m_pacer.setInterval(kPaceIntervalMs);
    connect(&m_pacer, &QTimer::timeout, this, &WsdDiscovery::sendDirected);
}

WsdDiscovery::~WsdDiscovery() = default;

bool WsdDiscovery::start(QString *error)
{
    wsd::WsdProbe::Options probeOptions;
    probeOptions.interfaces = m_options.interfaces;
    probeOptions.window = m_options.window;
    probeOptions.multicast = m_options.multicast;
    m_probe = std::make_unique<wsd::WsdProbe>(probeOptions);
    QString problem;
    if (!m_probe->open(problem)) {
        if (!m_options.multicast) {
            if (error) {
                *error = QStringLiteral("WS-Discovery: %1").arg(problem);
            }
            m_probe.reset();
            return false;
        }
        // No interface for the multicast Probe: the directed probes still reach the ranges.
        m_errors.append(QStringLiteral("WS-Discovery multicast probe not sent: %1").arg(problem));
        probeOptions.multicast = false;
        m_probe = std::make_unique<wsd::WsdProbe>(probeOptions);
        if (!m_probe->open(problem)) {
            if (error) {
                *error = QStringLiteral("WS-Discovery: %1").arg(problem);
            }
            m_probe.reset();
            return false;
        }
    }
    if (m_options.metadata) {
        m_metadataClient = std::make_unique<wsd::WsdMetadataClient>(probeOptions.limits);
        connect(m_probe.get(), &wsd::WsdProbe::probeMatch, this, &WsdDiscovery::fetchMetadata);
        connect(m_probe.get(), &wsd::WsdProbe::resolved, this, &WsdDiscovery::fetchMetadata);
        connect(m_probe.get(), &wsd::WsdProbe::hello, this, &WsdDiscovery::fetchMetadata);
    }
    connect(m_probe.get(), &wsd::WsdProbe::finished, this, [this] {
        if (!m_sending) {
            m_windowOver = true;
            maybeFinish();
        }
    });
    m_running = true;
    m_sending = true;
    if (probeOptions.multicast) {
        m_probe->probeMulticast();
    }
    m_pacer.start();
    sendDirected();
    return true;
}

void WsdDiscovery::sendDirected()
{
    if (!m_sending) {
        return;
    }
    const int batch = m_options.directedPerSecond <= 0
                          ? kUnthrottledBatch
                          : std::max(1, m_options.directedPerSecond * kPaceIntervalMs / 1000);
    for (int i = 0; i < batch; ++i) {
        const auto next = m_targets.next();
        if (!next) {
            m_sending = false;
            m_pacer.stop();
            if (m_directed == 0 && m_probe->interfaceNames().isEmpty()) {
                // Nothing was sent at all: no window to wait for.
                m_windowOver = true;
                QTimer::singleShot(0, this, &WsdDiscovery::maybeFinish);
            }
            return;
        }
        if (next->address.protocol() != QAbstractSocket::IPv4Protocol) {
            continue; // the probe speaks IPv4
        }
        m_probe->probeAddress(next->address);
        ++m_directed;
    }
}

void WsdDiscovery::fetchMetadata(const wsd::WsdDevice &device)
{
    const QString epr = device.endpoint.endpointReference;
    if (!m_running || device.endpoint.xaddrs.isEmpty() || m_fetched.contains(epr)) {
        return;
    }
    m_fetched.insert(epr);
    QString refused;
    ++m_pendingMetadata;
    const bool started = m_metadataClient->fetch(
        QUrl(device.endpoint.xaddrs.first()), device.from, epr,
        [this, epr](std::optional<wsd::DeviceMetadata> metadata, const QString &failure) {
            --m_pendingMetadata;
            if (metadata) {
                m_metadata.insert(epr, *metadata);
            } else {
                // The same device may answer again over the other IP version with a usable XAddr.
                m_fetched.remove(epr);
                m_errors.append(QStringLiteral("WS-Discovery metadata of %1: %2").arg(epr.left(100), failure));
            }
            maybeFinish();
        },
        refused);
    if (!started) {
        --m_pendingMetadata;
        m_errors.append(QStringLiteral("WS-Discovery metadata of %1: %2").arg(epr.left(100), refused));
    }
}

void WsdDiscovery::maybeFinish()
{
    if (!m_running || !m_windowOver || m_pendingMetadata > 0) {
        return;
    }
    m_running = false;
    emit finished();
}

void WsdDiscovery::cancel()
{
    if (!m_running) {
        return;
    }
    m_sending = false;
    m_pacer.stop();
    m_windowOver = true;
    m_pendingMetadata = 0; // answers still arriving are ignored (m_running is false)
    m_running = false;
    QTimer::singleShot(0, this, &WsdDiscovery::finished);
}

QList<WsdFind> WsdDiscovery::finds() const
{
    QList<WsdFind> out;
    if (!m_probe) {
        return out;
    }
    for (const wsd::WsdDevice &d : m_probe->devices()) {
        WsdFind f;
        f.address = d.from;
        f.endpoint = d.endpoint.endpointReference;
        f.types = d.endpoint.types;
        f.xaddrs = d.endpoint.xaddrs;
        const auto it = m_metadata.constFind(f.endpoint);
        if (it != m_metadata.constEnd()) {
            f.metadata = *it;
        }
        out.append(f);
    }
    return out;
}

} // namespace netgateway::core::discovery
