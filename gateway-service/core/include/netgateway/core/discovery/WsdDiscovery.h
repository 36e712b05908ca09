#pragma once

#include <netgateway/core/discovery/Targets.h>
#include <netgateway/wsd/WsdMetadata.h>
#include <netgateway/wsd/WsdProbe.h>

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

namespace netgateway::core::discovery {

struct WsdOptions {
    // Multicast Probe (239.255.255.250 and FF02::C) on these interfaces (empty: every multicast-capable,
    // non-loopback interface with an IPv4 address). When none can be used the
    // run goes on with directed probes only and says so in its errors.
    bool multicast = true;
    QStringList interfaces;
    // Directed (unicast) Probes to the IPv4 addresses of the ranges, paced
    // like the SNMP sweep; 0 = unthrottled.
    int directedPerSecond = 1000;
    // How long answers are collected after the last probe.
    std::chrono::milliseconds window{3000};
    bool metadata = true;
};

// A device that answered over WS-Discovery, with what its metadata said.
struct WsdFind {
    QHostAddress address;
    QString endpoint;
    QStringList types;
    QStringList xaddrs;
    std::optional<wsd::DeviceMetadata> metadata;
    // Announces a print or scan service (WS-Print / WS-Scan device types).
    [[nodiscard]] bool announcesPrinter() const;
};

// The WS-Discovery half of a discovery run: one multicast Probe on the
// chosen interfaces, directed Probes to every IPv4 address the iterator
// yields, then metadata (WS-Transfer Get) from each device's XAddrs. The
// probe and metadata client bound every message (wsd::MessageLimits).
class WsdDiscovery : public QObject {
    Q_OBJECT
public:
    WsdDiscovery(TargetIterator directed, WsdOptions options, QObject *parent = nullptr);
    ~WsdDiscovery() override;

    // False with a message when no socket at all can be opened.
    bool start(QString *error = nullptr);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] QList<WsdFind> finds() const;
    [[nodiscard]] const QStringList &errors() const { return m_errors; }
    [[nodiscard]] std::uint64_t directedProbes() const { return m_directed; }
    // Interfaces the FF02::C probe went out on, and the answers it got.
    [[nodiscard]] QStringList ipv6Interfaces() const { return m_probe ? m_probe->ipv6InterfaceNames() : QStringList{}; }
    [[nodiscard]] int ipv6Matches() const { return m_probe ? m_probe->ipv6Matches() : 0; }

signals:
    void finished();

private:
    void sendDirected();
    void fetchMetadata(const wsd::WsdDevice &device);
    void maybeFinish();

    TargetIterator m_targets;
    WsdOptions m_options;
    std::unique_ptr<wsd::WsdProbe> m_probe;
    std::unique_ptr<wsd::WsdMetadataClient> m_metadataClient;
    QHash<QString, wsd::DeviceMetadata> m_metadata; // by endpoint reference
    QSet<QString> m_fetched;
    QTimer m_pacer;
    QStringList m_errors;
    std::uint64_t m_directed = 0;
    int m_pendingMetadata = 0;
    bool m_running = false;
    bool m_sending = false;
    bool m_windowOver = false;
};

} // namespace netgateway::core::discovery
