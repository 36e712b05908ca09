#pragma once

#include <netgateway/core/discovery/DiscoveryRepository.h>
#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/core/discovery/SnmpSweep.h>

#include <memory>

namespace netgateway::core {
class ControlServer;
}

namespace netgateway::core::discovery {

// The discovery part of the daemon: its repositories and the control-channel
// commands that administer them.
//   discovery.add      {"settings": {...}}            -> {"id": N}
//   discovery.update   {"settings": {"id": N, ...}}   -> {"id": N}
//   discovery.list                                    -> {"settings": [...]}
//   discovery.show     {"id": N} | {"name": "..."}    -> {"settings": {...}}
//   discovery.delete   {"id": N} | {"name": "..."}    -> {"deleted": true}
//   discovery.recovery.get                            -> {"enabled": b, "missedPolls": N}
//   discovery.recovery.set {"enabled": b, "missedPolls": N}
//   inventory.list                                    -> {"devices": [...]}
//   discovery.run      {"id": N} | {"name": "..."} [, "port", "rate", "timeoutMs", "retries"]
//                                                     -> {"settingId": N, "total": T}
//   discovery.progress                                -> {"running": b, "settingId", "done", "total",
//                                                         "found", "summary": {...} once finished}
//   discovery.cancel                                  -> {"cancelled": b}
// Answers never contain communities or passphrases.
class DiscoveryControl {
public:
    DiscoveryControl(storage::Database &db, storage::SecretVault &vault, Clock &clock, AuditSink &audit);

    void registerCommands(ControlServer &server);

    DiscoveryRepository &settings() { return m_settings; }
    InventoryRepository &inventory() { return m_inventory; }
    DeviceRecoveryStore &recovery() { return m_recovery; }

private:
    qint64 resolveId(const QJsonObject &request);
    QJsonObject startRun(const QJsonObject &request);
    QJsonObject runProgress() const;

    DiscoveryRepository m_settings;
    InventoryRepository m_inventory;
    DeviceRecoveryStore m_recovery;
    // One discovery run at a time; the last one's summary stays readable.
    std::unique_ptr<SnmpSweep> m_run;
    qint64 m_runSetting = 0;
};

} // namespace netgateway::core::discovery
