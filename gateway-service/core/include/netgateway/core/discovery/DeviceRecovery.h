#pragma once

#include <netgateway/core/discovery/AuditSink.h>
#include <netgateway/core/discovery/DiscoveryRepository.h>
#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/core/discovery/SnmpSweep.h>

#include <QList>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

namespace netgateway::core::polling {
class PollScheduler;
}

namespace netgateway::core::discovery {

// Finds a managed device again after it stopped answering at its address
// (typically a new DHCP lease). When the poller reports `missedPolls` polls
// without an answer in a row (DeviceRecoveryStore), the ranges of the
// discovery settings are swept, the setting whose credential answered the
// device first, and the printer with the device's serial number (else MAC)
// is moved to the address it answered from: same record, so its history,
// priority and state stay. Other printers met on the way are left alone (a
// search is not a discovery run). One search at a time; a search that finds
// nothing needs another `missedPolls` misses before the next.
class DeviceRecovery : public QObject {
    Q_OBJECT
public:
    DeviceRecovery(DiscoveryRepository &settings, InventoryRepository &inventory, DeviceRecoveryStore &store,
                   AuditSink &audit, SweepOptions options = {}, QObject *parent = nullptr);
    ~DeviceRecovery() override;

    // Follows the scheduler's poll outcomes (queued, so the scheduler's own
    // bookkeeping is never re-entered) and points it at recovered devices.
    void watch(polling::PollScheduler &scheduler);

    void missedPoll(qint64 deviceId);
    void answered(qint64 deviceId);

    [[nodiscard]] bool isSearching() const { return m_sweep != nullptr; }

signals:
    void searchStarted(qint64 deviceId);
    void deviceRecovered(qint64 deviceId, const QString &previousAddress, const QString &address);
    void searchFailed(qint64 deviceId, const QString &why);

private:
    void startNext();
    void searchSetting();
    void endSearch(bool found, const QString &why);

    DiscoveryRepository &m_settings;
    InventoryRepository &m_inventory;
    DeviceRecoveryStore &m_store;
    AuditSink &m_audit;
    SweepOptions m_options;
    QSet<qint64> m_missing; // devices with misses counted (so an answer costs no write otherwise)
    QList<qint64> m_queue;
    // The search in progress.
    std::optional<DeviceRecord> m_device;
    QList<qint64> m_settingsLeft;
    qint64 m_currentSetting = 0;
    std::unique_ptr<SnmpSweep> m_sweep;
};

} // namespace netgateway::core::discovery
