#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/ExitCode.h>
#include <netgateway/core/ServiceConfig.h>

#include <QJsonObject>
#include <QObject>

#include <memory>

namespace netgateway::storage {
class Database;
class FileKeyStore;
class SecretVault;
} // namespace netgateway::storage

namespace netgateway::core::polling {
class DeviceReader;
class PollScheduler;
class SnmpPolling;
class TelemetryUplink;
} // namespace netgateway::core::polling
namespace netgateway::core::api {
class Console;
struct ConsoleOptions;
} // namespace netgateway::core::api
namespace netgateway::uplink {
class UplinkService;
} // namespace netgateway::uplink
namespace netgateway::relay {
class RelayServer;
} // namespace netgateway::relay
namespace netgateway::tasks {
class TaskService;
} // namespace netgateway::tasks

namespace netgateway::core {

class AuditSink;
namespace discovery {
class DiscoveryControl;
class DeviceRecovery;
} // namespace discovery
namespace audit {
class AuditLog;
class AuditRecorder;
} // namespace audit

// The composition root of the daemon: opens and checks the database, applies
// migrations, opens the secrets vault and serves the control channel. Later
// services (discovery, polling, uplink, console) hang off it.
class GatewayService : public QObject {
    Q_OBJECT
public:
    GatewayService(ServiceConfig config, Clock &clock, QObject *parent = nullptr);
    ~GatewayService() override;

    // Returns ExitCode::Ok when the service is ready; otherwise the exit code
    // to leave with and a message for the administrator in `error`.
    ExitCode start(QString &error);
    void stop();

    // Applies the parts of a re-read configuration that can change while
    // running; says in the log which ones need a restart.
    void reload(const ServiceConfig &config);

    [[nodiscard]] QJsonObject status() const;
    [[nodiscard]] const ServiceConfig &config() const { return m_config; }

    // The poll scheduler exists while the service runs; it starts no poll
    // until a device reader (the SNMP engine) is set. The reader is not owned.
    [[nodiscard]] polling::PollScheduler *pollScheduler() const { return m_scheduler.get(); }
    void setDeviceReader(polling::DeviceReader *reader);
    // The local console: HTTPS /api/v1, sessions and the audit log (its
    // auditLog() is what other areas record to). Null before start().
    [[nodiscard]] api::Console *console() const { return m_console.get(); }
    // Before start(): listen address, port (0 = a free one) and login timing.
    void setConsoleOptions(const api::ConsoleOptions &options);

    static QString databasePath(const QString &dataDirectory);
    static QString keyFilePath(const QString &dataDirectory);

    // For services the host adds after start() (the auto-upgrade): the
    // database, the audit log, the clock and the uplink. Null before start().
    [[nodiscard]] storage::Database *database() const { return m_db.get(); }
    [[nodiscard]] audit::AuditLog *auditLog() const { return m_auditLog.get(); }
    [[nodiscard]] Clock &clock() const { return m_clock; }
    [[nodiscard]] uplink::UplinkService *uplinkService() const { return m_uplink.get(); }

signals:
    void configReloaded();

private:
    void recordEvent(const QString &event);

    ServiceConfig m_config;
    Clock &m_clock;
    std::chrono::milliseconds m_startedMonotonic{0};
    QDateTime m_startedAt;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::FileKeyStore> m_keyStore;
    std::unique_ptr<storage::SecretVault> m_vault;
    std::unique_ptr<uplink::UplinkService> m_uplink;
    ControlServer m_control;
    std::unique_ptr<polling::PollScheduler> m_scheduler;
    void addPollingCommands();
    std::unique_ptr<audit::AuditLog> m_auditLog;
    std::unique_ptr<audit::AuditRecorder> m_audit;
    std::unique_ptr<discovery::DiscoveryControl> m_discovery;
    std::unique_ptr<api::ConsoleOptions> m_consoleOptions;
    std::unique_ptr<api::Console> m_console;
    std::unique_ptr<polling::SnmpPolling> m_snmpPolling;   // the reader of m_scheduler
    std::unique_ptr<polling::TelemetryUplink> m_telemetry; // in front of the reader: telemetry to the outbox
    bool m_externalReader = false;
    std::unique_ptr<discovery::DeviceRecovery> m_recovery; // follows m_scheduler's missed polls
    std::unique_ptr<relay::RelayServer> m_relay;
    void startRelay();
    // The cloud's maintenance tasks (Manage mode); null before start().
public:
    [[nodiscard]] tasks::TaskService *tasks() const { return m_tasks.get(); }

private:
    std::unique_ptr<tasks::TaskService> m_tasks;
    void startTasks();
};

} // namespace netgateway::core
