#pragma once

#include <netgateway/core/discovery/DiscoverySettings.h>
#include <netgateway/core/discovery/SnmpSweep.h>
#include <netgateway/core/discovery/WsdDiscovery.h>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

namespace netgateway::core::discovery {

// One run of a discovery setting: with WS-Discovery on, first the multicast
// and directed Probes and the devices' metadata, then the SNMP sweep of the
// ranges. A WSD find inside the ranges that SNMP identifies as a printer is
// one device with via ["snmp", "wsd"] (SNMP's identity, WSD's metadata for
// what SNMP left blank); a WSD find that announces a print or scan service
// but does not answer SNMP is kept with via ["wsd"]; other WSD finds (PCs,
// media servers) are counted as non-printers. Finds outside the ranges or in
// an exclusion are left alone: the ranges are what the administrator chose.
class DiscoveryRun : public QObject {
    Q_OBJECT
public:
    DiscoveryRun(ValidatedTargets targets, QList<snmp::Credentials> credentials, SweepOptions options,
                 std::optional<WsdOptions> wsd, QObject *parent = nullptr);
    ~DiscoveryRun() override;

    void setInventory(InventoryRepository *inventory, Registration registration, qint64 settingId);

    bool start(QString *error = nullptr);
    void cancel();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] SweepProgress progressNow() const;
    [[nodiscard]] const SweepSummary &summary() const { return m_summary; }
    [[nodiscard]] const QList<SweepDevice> &devices() const { return m_devices; }

signals:
    void progress(const netgateway::core::discovery::SweepProgress &progress);
    void deviceFound(const netgateway::core::discovery::SweepDevice &device);
    void finished(const netgateway::core::discovery::SweepSummary &summary);

private:
    [[nodiscard]] bool inScope(const QHostAddress &address) const;
    bool startSnmp(QString *error);
    void onSnmpFinished();
    void recordWsdOnly(const WsdFind &find);
    void finishRun();

    ValidatedTargets m_targets;
    QList<snmp::Credentials> m_credentials;
    SweepOptions m_options;
    std::optional<WsdOptions> m_wsdOptions;
    InventoryRepository *m_inventory = nullptr;
    Registration m_registration = Registration::Pending;
    qint64 m_settingId = 0;

    bool m_running = false;
    bool m_cancelled = false;
    QElapsedTimer m_elapsed;
    QHash<QString, WsdFind> m_wsdByAddress; // in-scope finds, by address text
    QSet<QString> m_confirmed;
    SweepSummary m_summary;
    QList<SweepDevice> m_devices;
    std::unique_ptr<WsdDiscovery> m_wsd;
    std::unique_ptr<SnmpSweep> m_sweep;
};

} // namespace netgateway::core::discovery
