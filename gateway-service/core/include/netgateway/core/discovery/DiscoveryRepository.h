#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/core/discovery/AuditSink.h>
#include <netgateway/core/discovery/DiscoverySettings.h>

#include <QList>

#include <optional>

namespace netgateway::storage {
class Database;
class SecretVault;
} // namespace netgateway::storage

namespace netgateway::core::discovery {

// Stores discovery settings. Every write validates first and runs in one
// transaction together with its vault entries, so a refused or failed request
// leaves nothing behind. Refusals throw DiscoveryError; storage failures
// StorageError.
class DiscoveryRepository {
public:
    enum class Secrets { Omit, Include };

    DiscoveryRepository(storage::Database &db, storage::SecretVault &vault, Clock &clock, AuditSink &audit);

    // Returns the new id.
    qint64 add(const DiscoverySettings &settings);
    // Replaces the setting with settings.id entirely (credentials included).
    void update(const DiscoverySettings &settings);
    // Returns false when there is no such setting.
    bool remove(qint64 id);

    // With Secrets::Include the credentials carry their communities and
    // passphrases, read from the vault (for the sweep only).
    [[nodiscard]] std::optional<DiscoverySettings> find(qint64 id, Secrets secrets = Secrets::Omit);
    [[nodiscard]] std::optional<DiscoverySettings> findByName(const QString &name, Secrets secrets = Secrets::Omit);
    [[nodiscard]] QList<DiscoverySettings> list();

    // Name of the vault entry holding one secret of one credential.
    static QString secretName(qint64 settingId, qsizetype position, const char *field);

private:
    void write(qint64 id, const DiscoverySettings &settings, const ValidatedTargets &targets);
    void removeChildren(qint64 id);
    std::optional<DiscoverySettings> load(qint64 id, Secrets secrets);

    storage::Database &m_db;
    storage::SecretVault &m_vault;
    Clock &m_clock;
    AuditSink &m_audit;
};

// Settings of device recovery: after `missedPolls` polls without an answer a
// managed device is searched for (by serial number / MAC) across the
// discovery ranges and moved to its new address.
struct DeviceRecoverySettings {
    bool enabled = true;
    int missedPolls = 3;
    static constexpr int kMinMissedPolls = 1;
    static constexpr int kMaxMissedPolls = 100;
};

class DeviceRecoveryStore {
public:
    DeviceRecoveryStore(storage::Database &db, Clock &clock, AuditSink &audit);
    [[nodiscard]] DeviceRecoverySettings load();
    // Refuses (DiscoveryError) a threshold outside 1..100. Audited as
    // "configure device recovery settings".
    void save(const DeviceRecoverySettings &settings);

private:
    storage::Database &m_db;
    Clock &m_clock;
    AuditSink &m_audit;
};

} // namespace netgateway::core::discovery
