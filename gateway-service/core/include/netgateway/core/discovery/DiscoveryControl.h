#pragma once

#include <netgateway/core/discovery/DiscoveryRepository.h>
#include <netgateway/core/discovery/DiscoveryRun.h>
#include <netgateway/core/discovery/DiscoveryScheduler.h>
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
//   discovery.run      {"id": N} | {"name": "..."} [, "port", "rate", "timeoutMs", "retries", "wsdWindowMs",
//                      "wsdMulticast": false (directed probes only), "wsdInterfaces": ["eth0", ...]]
//                                                     -> {"settingId": N, "total": T, "wsd": b}
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

    // Starts a run of setting `id` (options as for discovery.run). Throws
    // DiscoveryError when a run is going or the setting cannot run.
    QJsonObject startRun(qint64 id, const QJsonObject &options = {});
    [[nodiscard]] bool isRunning() const { return m_run && m_run->isRunning(); }
    // The current or last run (null before the first).
    [[nodiscard]] DiscoveryRun *lastRun() const { return m_run.get(); }
    // Starts settings at their scheduled times (the service calls start()).
    DiscoveryScheduler &schedule() { return m_schedule; }
    // SNMP port of runs that do not name one (161; test fleets use another).
    void setDefaultPort(quint16 port) { m_defaultPort = port; }

private:
    qint64 resolveId(const QJsonObject &request);
    QJsonObject startRun(const QJsonObject &request);
    QJsonObject runProgress() const;

    DiscoveryRepository m_settings;
    InventoryRepository m_inventory;
    DeviceRecoveryStore m_recovery;
    // One discovery run at a time; the last one's summary stays readable.
    std::unique_ptr<DiscoveryRun> m_run;
    qint64 m_runSetting = 0;
    int m_defaultPort = 161;
    DiscoveryScheduler m_schedule;
};

} // namespace netgateway::core::discovery
