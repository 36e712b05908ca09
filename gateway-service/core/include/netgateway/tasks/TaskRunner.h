#pragma once

#include <netgateway/tasks/Task.h>
#include <netgateway/tasks/TaskStore.h>

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

class QNetworkReply;

namespace netgateway::storage {
class Database;
class Outbox;
} // namespace netgateway::storage
namespace netgateway::snmp {
class SnmpEngine;
}
namespace netgateway::core {
class Clock;
namespace audit {
class AuditLog;
}
namespace polling {
class CredentialSource;
class DeviceReader;
class PollScheduler;
} // namespace polling
} // namespace netgateway::core

namespace netgateway::tasks {

class WriteCredentialStore;

struct TaskRunnerOptions {
    quint16 snmpPort = 161;
    quint16 rawPort = 9100;
    quint16 httpPort = 80;       // the device's status page, tried first
    quint16 httpsPort = 443;     // then over TLS
    quint16 pullFirstPort = 800; // one-shot firmware listener range
    quint16 pullLastPort = 899;
    int snmpTimeoutMs = 2000;
    int snmpRetries = 1;
    int pollTimeoutMs = 120000;
    int pullTimeoutMs = 10 * 60 * 1000;
    int webTimeoutMs = 10000;
    qint64 webMaxBytes = 1024 * 1024;
    qint64 maxPackageBytes = Task::kMaxPackageBytes;
};

// What the runner works with. Everything but the store, outbox, clock and
// audit log is optional: a task that needs a missing part is refused.
struct TaskRunnerContext {
    storage::Database *db = nullptr;
    storage::Outbox *outbox = nullptr;
    core::Clock *clock = nullptr;
    core::audit::AuditLog *audit = nullptr;
    snmp::SnmpEngine *engine = nullptr;
    WriteCredentialStore *writeCredentials = nullptr;
    core::polling::CredentialSource *readCredentials = nullptr;
    core::polling::DeviceReader *reader = nullptr;
    core::polling::PollScheduler *scheduler = nullptr;
    // True only while the uplink is in Manage mode.
    std::function<bool()> manageMode;
    // GET of a path on the cloud origin through the uplink (trust, proxy, token).
    std::function<QNetworkReply *(const QString &path)> download;
    // The gateway id the cloud registered; a task naming another is refused.
    std::function<QString()> gatewayId;
};

// Runs the cloud's maintenance tasks against devices, one at a time.
//
// A task enters only through acceptFromCloud(), which the service connects to
// Uplink::taskReceived: the uplink's TLS connection to the verified origin,
// with the gateway's token, is what authenticates it; there is deliberately
// no local way to inject one. Before anything touches a device the task is
// checked as a whole: Manage mode, well-formed fields and parameters, a known
// managed device, the credentials it needs. A refused task is recorded,
// reported and audited but never started. The task id is the idempotency key:
// a task id seen before is not run again. Each result (and firmware progress)
// goes upstream through the outbox, each task into the audit log.
class TaskRunner : public QObject {
    Q_OBJECT
public:
    // Tasks waiting behind the running one; more are refused, so a flood from
    // the task channel cannot grow memory without bound.
    static constexpr std::size_t kMaxQueued = 100;

    TaskRunner(TaskRunnerContext context, TaskRunnerOptions options = {}, QObject *parent = nullptr);
    ~TaskRunner() override;

    // Marks tasks a previous process left running as failed (reported and audited).
    void start();

    [[nodiscard]] TaskStore &store() { return m_store; }
    [[nodiscard]] bool isBusy() const { return m_current != nullptr; }
    [[nodiscard]] int queued() const { return static_cast<int>(m_queue.size()); }

public slots:
    void acceptFromCloud(const QJsonObject &task);

signals:
    // A task ended (refused, succeeded or failed); also for duplicates (state of the first one).
    void taskFinished(const QString &id, netgateway::tasks::TaskState state, const QString &message);
    void taskProgress(const QString &id, int percent, const QString &message, const QJsonObject &details);

private:
    struct Device {
        std::int64_t id = 0;
        QString address;
        QString key;
    };
    struct Job;

    void refuse(const QString &id, const QJsonObject &raw, const QString &type, const QString &deviceKey,
                const QString &why);
    void runNext();
    void execute(Job &job);
    void runPollNow(Job &job);
    void runSnapshot(Job &job);
    void runRestart(Job &job);
    void runSettings(Job &job);
    void runPackage(Job &job);
    void deliver(Job &job, const QByteArray &data);
    void progress(Job &job, int percent, const QString &message, const QJsonObject &details = {});
    void finish(Job &job, bool ok, const QString &message, const QJsonObject &result = {});
    void report(const TaskRecord &record);
    void auditTask(const QString &type, const QString &id, const QString &deviceKey, bool ok);
    [[nodiscard]] std::optional<Device> findDevice(const QString &key, QString &why) const;
    [[nodiscard]] QString checkPrerequisites(const Task &task, const Device &device) const;

    TaskRunnerContext m_c;
    TaskRunnerOptions m_options;
    TaskStore m_store;
    std::deque<std::unique_ptr<Job>> m_queue;
    std::unique_ptr<Job> m_current;
    std::vector<std::unique_ptr<Job>> m_finished;
};

} // namespace netgateway::tasks
