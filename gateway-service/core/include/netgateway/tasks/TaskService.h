#pragma once

#include <netgateway/tasks/TaskRunner.h>
#include <netgateway/tasks/WriteCredentialStore.h>

#include <QJsonObject>
#include <QObject>

#include <memory>

namespace netgateway::storage {
class Database;
class SecretVault;
} // namespace netgateway::storage
namespace netgateway::uplink {
class UplinkService;
}
namespace netgateway::core {
class Clock;
class ControlServer;
namespace audit {
class AuditLog;
}
namespace polling {
class PollScheduler;
class SnmpPolling;
} // namespace polling
} // namespace netgateway::core

namespace netgateway::tasks {

// The task runner as the daemon runs it: tasks arrive from the uplink's task
// channel (whichever Uplink the UplinkService currently holds), packages are
// downloaded through it, results go to its outbox. Control commands:
//   tasks.list {limit?, offset?}                         -> {total, items}
//   tasks.write-credentials {device: SERIAL|"default", version, community | user, authProtocol,
//                            authPassphrase, privProtocol?, privPassphrase?} (audited, never echoed)
//   tasks.write-credentials.remove {device}
class TaskService : public QObject {
    Q_OBJECT
public:
    TaskService(storage::Database &db, storage::SecretVault &vault, core::Clock &clock, core::audit::AuditLog &audit,
                uplink::UplinkService &uplink, core::polling::SnmpPolling *snmp,
                core::polling::PollScheduler *scheduler, TaskRunnerOptions options = {}, QObject *parent = nullptr);
    ~TaskService() override;

    void start();
    void addControlCommands(core::ControlServer &control);
    [[nodiscard]] TaskRunner &runner() { return *m_runner; }
    // {total, offset, limit, items} for the console and the CLI.
    [[nodiscard]] QJsonObject history(int limit, int offset);

private:
    QJsonObject setWriteCredentials(const QJsonObject &request, bool remove);

    storage::Database &m_db;
    core::audit::AuditLog &m_audit;
    WriteCredentialStore m_writeCredentials;
    std::unique_ptr<TaskRunner> m_runner;
};

} // namespace netgateway::tasks
