#include <netgateway/core/Clock.h>
#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/polling/PollScheduler.h>
#include <netgateway/core/polling/SnmpDeviceReader.h>
#include <netgateway/snmp/SnmpEngine.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/Outbox.h>
#include <netgateway/tasks/OneShotHttpServer.h>
#include <netgateway/tasks/PackageDownload.h>
#include <netgateway/tasks/RawPortSender.h>
#include <netgateway/tasks/SnapshotCollector.h>
#include <netgateway/tasks/TaskRunner.h>
#include <netgateway/tasks/WriteCredentialStore.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTimer>
#include <QUdpSocket>

namespace netgateway::tasks {

namespace {

const snmp::Oid kSysContact({1, 3, 6, 1, 2, 1, 1, 4, 0});
const snmp::Oid kSysName({1, 3, 6, 1, 2, 1, 1, 5, 0});
const snmp::Oid kSysLocation({1, 3, 6, 1, 2, 1, 1, 6, 0});
const snmp::Oid kPrtGeneralReset({1, 3, 6, 1, 2, 1, 43, 5, 1, 1, 3, 1});
constexpr int kPowerCycleReset = 4;

QString errorStatusName(int status)
{
    static const char *names[] = {"noError",
                                  "tooBig",
                                  "noSuchName",
                                  "badValue",
                                  "readOnly",
                                  "genErr",
                                  "noAccess",
                                  "wrongType",
                                  "wrongLength",
                                  "wrongEncoding",
                                  "wrongValue",
                                  "noCreation",
                                  "inconsistentValue",
                                  "resourceUnavailable",
                                  "commitFailed",
                                  "undoFailed",
                                  "authorizationError",
                                  "notWritable",
                                  "inconsistentName"};
    return status >= 0 && status < static_cast<int>(std::size(names)) ? QLatin1String(names[status])
                                                                      : QString::number(status);
}

QString snmpFailure(const snmp::Response &r)
{
    if (r.outcome == snmp::Outcome::ErrorStatus) {
        return QStringLiteral("the device refused the SET: %1 (varbind %2); check that the write credentials have "
                              "write access to this object")
            .arg(errorStatusName(r.errorStatus))
            .arg(r.errorIndex);
    }
    return QStringLiteral("SNMP %1: %2").arg(snmp::outcomeName(r.outcome), r.message);
}

} // namespace

struct TaskRunner::Job {
    Task task;
    Device device;
    TaskRecord record;
    // Everything the task started (sockets, downloads, listeners) lives under
    // this object and disappears with it when the task ends.
    std::unique_ptr<QObject> scope = std::make_unique<QObject>();
    bool done = false;
};

TaskRunner::TaskRunner(TaskRunnerContext context, TaskRunnerOptions options, QObject *parent)
    : QObject(parent), m_c(std::move(context)), m_options(options), m_store(*m_c.db)
{
}

TaskRunner::~TaskRunner()
{
    m_queue.clear();
    m_current.reset();
    m_finished.clear();
}

void TaskRunner::start()
{
    const qint64 now = m_c.clock->nowSecs();
    for (const QString &id : m_store.failInterrupted(now)) {
        if (const auto r = m_store.find(id)) {
            report(*r);
            auditTask(r->type, r->id, r->deviceKey, false);
        }
    }
}

void TaskRunner::auditTask(const QString &type, const QString &id, const QString &deviceKey, bool ok)
{
    if (!m_c.audit) {
        return;
    }
    try {
        m_c.audit->record(QStringLiteral("cloud"), QStringLiteral("uplink"), QLatin1String(core::audit::action::kTask),
                          QStringLiteral("%1 %2 on %3").arg(type, id, deviceKey),
                          ok ? core::audit::Result::Success : core::audit::Result::Failure);
    } catch (const std::exception &e) {
        qWarning("tasks: the audit log refused the entry for task %s: %s", qPrintable(id), e.what());
    }
}

void TaskRunner::report(const TaskRecord &r)
{
    QJsonObject payload{{QStringLiteral("taskId"), r.id},
                        {QStringLiteral("type"), r.type},
                        {QStringLiteral("state"), taskStateName(r.state)},
                        {QStringLiteral("progress"), r.progress},
                        {QStringLiteral("message"), r.message}};
    if (!r.result.isEmpty()) {
        payload.insert(QStringLiteral("result"), r.result);
    }
    if (r.finishedAt) {
        payload.insert(QStringLiteral("finishedAt"), static_cast<double>(*r.finishedAt));
    }
    try {
        m_c.outbox->enqueue(storage::OutboxKind::TaskResult, r.deviceKey,
                            QJsonDocument(payload).toJson(QJsonDocument::Compact), m_c.clock->nowSecs());
    } catch (const std::exception &e) {
        qWarning("tasks: the result of task %s could not be queued for the cloud: %s", qPrintable(r.id), e.what());
    }
}

std::optional<TaskRunner::Device> TaskRunner::findDevice(const QString &key, QString &why) const
{
    storage::Statement st(*m_c.db, "SELECT id, address, state FROM devices WHERE serial_number = ?1 "
                                   "OR upper(mac_address) = upper(?1) ORDER BY id LIMIT 1");
    st.bind(1, key);
    if (!st.step()) {
        why = QStringLiteral("no device with serial number or MAC address \"%1\" is known to this gateway").arg(key);
        return std::nullopt;
    }
    if (st.text(2) != QLatin1String("managed")) {
        why = QStringLiteral("device \"%1\" is waiting for approval; approve it in the console first").arg(key);
        return std::nullopt;
    }
    return Device{st.int64(0), st.text(1), key};
}

QString TaskRunner::checkPrerequisites(const Task &task, const Device &device) const
{
    if (task.type != TaskType::PollNow && QHostAddress(device.address).isNull()) {
        return QStringLiteral("device \"%1\" is known by the host name %2, not an IP address; the task needs its IP "
                              "address (run discovery by address)")
            .arg(device.key, device.address.left(255));
    }
    switch (task.type) {
    case TaskType::PollNow:
        return m_c.scheduler ? QString() : QStringLiteral("polling is not running on this gateway");
    case TaskType::Snapshot:
        return m_c.reader ? QString() : QStringLiteral("SNMP polling is not running on this gateway");
    case TaskType::Restart:
    case TaskType::Settings:
        if (!m_c.engine || !m_c.writeCredentials) {
            return QStringLiteral("SNMP is not running on this gateway");
        }
        if (!m_c.writeCredentials->forDevice(device.id)) {
            return QStringLiteral("no SNMP write credentials are set for device \"%1\"; an administrator sets them "
                                  "with netgatewayctl tasks write-credentials")
                .arg(device.key);
        }
        return {};
    case TaskType::SendFile:
    case TaskType::Firmware:
        if (!m_c.download) {
            return QStringLiteral("the gateway has no cloud origin to download the package from");
        }
        return {};
    }
    return {};
}

void TaskRunner::refuse(const QString &id, const QJsonObject &raw, const QString &type, const QString &deviceKey,
                        const QString &why)
{
    qWarning("tasks: refused task %s (%s on %s): %s", qPrintable(id), qPrintable(type.left(32)),
             qPrintable(deviceKey.left(64)), qPrintable(why));
    TaskRecord r;
    r.id = id;
    r.type = type.left(32);
    r.deviceKey = deviceKey.left(128);
    r.parameters = raw.value(QStringLiteral("parameters")).toObject();
    if (QJsonDocument(r.parameters).toJson(QJsonDocument::Compact).size() > 4096) {
        r.parameters = QJsonObject{{QStringLiteral("omitted"), QStringLiteral("too large")}};
    }
    r.state = TaskState::Refused;
    r.message = why;
    r.receivedAt = m_c.clock->nowSecs();
    r.finishedAt = r.receivedAt;
    if (!m_store.insert(r)) {
        return; // a duplicate of an earlier task: its outcome stands
    }
    report(r);
    auditTask(r.type, id, r.deviceKey, false);
    emit taskFinished(id, TaskState::Refused, why);
}

void TaskRunner::acceptFromCloud(const QJsonObject &object)
{
    QString id;
    QString error;
    const QString type = object.value(QStringLiteral("type")).toString();
    const QString deviceKey = object.value(QStringLiteral("device")).toString();
    const std::optional<Task> task = Task::parse(object, id, error);
    if (id.isEmpty()) {
        // Without an id there is nothing to answer to or deduplicate on.
        qWarning("tasks: dropped a task from the cloud: %s", qPrintable(error));
        auditTask(type.left(32), QStringLiteral("(no id)"), deviceKey.left(128), false);
        return;
    }
    if (const auto existing = m_store.find(id)) {
        qInfo("tasks: task %s was received before (%s); not run again", qPrintable(id),
              qPrintable(taskStateName(existing->state)));
        emit taskFinished(id, existing->state, existing->message);
        return;
    }
    for (const auto &queued : m_queue) {
        if (queued->task.id == id) {
            return;
        }
    }
    if (m_c.gatewayId && object.contains(QStringLiteral("gatewayId")) &&
        object.value(QStringLiteral("gatewayId")).toString() != m_c.gatewayId()) {
        refuse(id, object, type, deviceKey, QStringLiteral("the task is addressed to another gateway"));
        return;
    }
    if (m_queue.size() >= kMaxQueued) {
        refuse(id, object, type, deviceKey,
               QStringLiteral("%1 tasks are already waiting; send this one again with a new id later").arg(kMaxQueued));
        return;
    }
    if (!m_c.manageMode || !m_c.manageMode()) {
        refuse(id, object, type, deviceKey,
               QStringLiteral("the gateway is in Monitor mode and accepts no tasks; an administrator can switch it "
                              "to Manage mode"));
        return;
    }
    if (!task) {
        refuse(id, object, type, deviceKey, error);
        return;
    }
    QString why;
    const auto device = findDevice(task->deviceKey, why);
    if (!device) {
        refuse(id, object, type, deviceKey, why);
        return;
    }
    why = checkPrerequisites(*task, *device);
    if (!why.isEmpty()) {
        refuse(id, object, type, deviceKey, why);
        return;
    }
    auto job = std::make_unique<Job>();
    job->task = *task;
    job->device = *device;
    job->record.id = id;
    job->record.type = taskTypeName(task->type);
    job->record.deviceKey = task->deviceKey;
    job->record.parameters = task->parameters;
    job->record.state = TaskState::Running;
    job->record.message = QStringLiteral("accepted");
    job->record.receivedAt = m_c.clock->nowSecs();
    if (!m_store.insert(job->record)) {
        return;
    }
    qInfo("tasks: accepted task %s (%s on %s)", qPrintable(id), qPrintable(job->record.type),
          qPrintable(job->record.deviceKey));
    m_queue.push_back(std::move(job));
    QTimer::singleShot(0, this, &TaskRunner::runNext);
}

void TaskRunner::runNext()
{
    m_finished.clear();
    if (m_current || m_queue.empty()) {
        return;
    }
    m_current = std::move(m_queue.front());
    m_queue.pop_front();
    execute(*m_current);
}

void TaskRunner::execute(Job &job)
{
    switch (job.task.type) {
    case TaskType::PollNow:
        runPollNow(job);
        break;
    case TaskType::Snapshot:
        runSnapshot(job);
        break;
    case TaskType::Restart:
        runRestart(job);
        break;
    case TaskType::Settings:
        runSettings(job);
        break;
    case TaskType::SendFile:
    case TaskType::Firmware:
        runPackage(job);
        break;
    }
}

void TaskRunner::progress(Job &job, int percent, const QString &message, const QJsonObject &details)
{
    if (job.done) {
        return;
    }
    job.record.progress = percent;
    job.record.message = message;
    m_store.setProgress(job.record.id, percent, message);
    TaskRecord shown = job.record;
    shown.result = details;
    report(shown);
    emit taskProgress(job.record.id, percent, message, details);
}

void TaskRunner::finish(Job &job, bool ok, const QString &message, const QJsonObject &result)
{
    if (job.done) {
        return;
    }
    job.done = true;
    job.record.state = ok ? TaskState::Succeeded : TaskState::Failed;
    job.record.message = message;
    job.record.result = result;
    job.record.finishedAt = m_c.clock->nowSecs();
    if (ok) {
        job.record.progress = 100;
    }
    m_store.finish(job.record.id, job.record.state, message, result, *job.record.finishedAt);
    report(job.record);
    auditTask(job.record.type, job.record.id, job.record.deviceKey, ok);
    qInfo("tasks: task %s %s: %s", qPrintable(job.record.id), ok ? "succeeded" : "failed", qPrintable(message));
    const QString id = job.record.id;
    const TaskState state = job.record.state;
    // The job's objects may be the caller: they are deleted on the next turn
    // of the event loop, and `done` turns away any signal still arriving.
    if (m_current.get() == &job) {
        m_finished.push_back(std::move(m_current));
    }
    emit taskFinished(id, state, message);
    QTimer::singleShot(0, this, &TaskRunner::runNext);
}

void TaskRunner::runPollNow(Job &job)
{
    auto *scope = job.scope.get();
    auto seen = std::make_shared<int>(0);
    const std::int64_t deviceId = job.device.id;
    connect(m_c.scheduler, &core::polling::PollScheduler::pollFinished, scope,
            [this, &job, seen, deviceId](qint64 id, core::polling::PollKind kind) {
                if (id != deviceId) {
                    return;
                }
                *seen |= kind == core::polling::PollKind::Alert ? 1 : 2;
                if (*seen == 3) {
                    finish(job, true, QStringLiteral("polled status, alerts, counters and supplies"),
                           {{QStringLiteral("polled"), true}});
                }
            });
    auto *timer = new QTimer(scope);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, scope, [this, &job] {
        finish(job, false, QStringLiteral("the poll did not finish within %1 s").arg(m_options.pollTimeoutMs / 1000));
    });
    timer->start(m_options.pollTimeoutMs);
    if (!m_c.scheduler->pollNow(job.device.id)) {
        finish(job, false, QStringLiteral("the device is not in the polling schedule"));
    }
}

void TaskRunner::runSnapshot(Job &job)
{
    SnapshotOptions o;
    o.snmpPort = m_options.snmpPort;
    o.httpPort = m_options.httpPort;
    o.httpsPort = m_options.httpsPort;
    o.snmpTimeoutMs = m_options.snmpTimeoutMs;
    o.webTimeoutMs = m_options.webTimeoutMs;
    o.webMaxBytes = m_options.webMaxBytes;
    auto *collector = new SnapshotCollector(m_c.reader, m_c.engine, m_c.readCredentials, o, job.scope.get());
    connect(collector, &SnapshotCollector::finished, job.scope.get(),
            [this, &job](bool ok, const QByteArray &archive, const QJsonObject &manifest, const QString &message) {
                QJsonObject result{{QStringLiteral("manifest"), manifest}};
                if (ok) {
                    result.insert(QStringLiteral("archiveBytes"), archive.size());
                    result.insert(
                        QStringLiteral("archiveSha256"),
                        QString::fromLatin1(QCryptographicHash::hash(archive, QCryptographicHash::Sha256).toHex()));
                    result.insert(QStringLiteral("archive"), QString::fromLatin1(archive.toBase64()));
                }
                finish(job, ok, message, result);
            });
    collector->collect(job.device.id, job.device.address, job.device.key, job.task.webPage);
}

void TaskRunner::runRestart(Job &job)
{
    snmp::Target t;
    t.address = QHostAddress(job.device.address);
    t.port = m_options.snmpPort;
    t.credentials = *m_c.writeCredentials->forDevice(job.device.id);
    t.timeoutMs = m_options.snmpTimeoutMs;
    t.retries = m_options.snmpRetries;
    QPointer<QObject> scope(job.scope.get());
    m_c.engine->set(t, {snmp::VarBind{kPrtGeneralReset, snmp::Value::fromInteger(kPowerCycleReset)}},
                    [this, &job, scope](const snmp::Response &r) {
                        if (!scope) {
                            return;
                        }
                        if (r.outcome != snmp::Outcome::Ok) {
                            finish(job, false, snmpFailure(r));
                            return;
                        }
                        finish(job, true, QStringLiteral("restart requested (prtGeneralReset = powerCycleReset)"),
                               {{QStringLiteral("prtGeneralReset"), kPowerCycleReset}});
                    });
}

void TaskRunner::runSettings(Job &job)
{
    snmp::Target t;
    t.address = QHostAddress(job.device.address);
    t.port = m_options.snmpPort;
    t.credentials = *m_c.writeCredentials->forDevice(job.device.id);
    t.timeoutMs = m_options.snmpTimeoutMs;
    t.retries = m_options.snmpRetries;
    QList<snmp::VarBind> values;
    QStringList names;
    const auto add = [&](const std::optional<QByteArray> &v, const snmp::Oid &oid, const QString &name) {
        if (v) {
            values.append({oid, snmp::Value::fromBytes(*v)});
            names.append(name);
        }
    };
    add(job.task.sysName, kSysName, QStringLiteral("sysName"));
    add(job.task.sysLocation, kSysLocation, QStringLiteral("sysLocation"));
    add(job.task.sysContact, kSysContact, QStringLiteral("sysContact"));
    QPointer<QObject> scope(job.scope.get());
    m_c.engine->set(t, values, [this, &job, scope, t, values, names](const snmp::Response &r) {
        if (!scope) {
            return;
        }
        if (r.outcome != snmp::Outcome::Ok) {
            finish(job, false, snmpFailure(r));
            return;
        }
        progress(job, 50, QStringLiteral("written; reading back"));
        QList<snmp::Oid> oids;
        for (const auto &vb : values) {
            oids.append(vb.oid);
        }
        // Read back: an agent may accept a SET and keep another value.
        m_c.engine->get(t, oids, [this, &job, scope, values, names](const snmp::Response &g) {
            if (!scope) {
                return;
            }
            if (g.outcome != snmp::Outcome::Ok || g.varBinds.size() != values.size()) {
                finish(job, false, QStringLiteral("written, but reading back failed: %1").arg(snmpFailure(g)));
                return;
            }
            QJsonObject readBack;
            for (qsizetype i = 0; i < values.size(); ++i) {
                const QByteArray got = g.varBinds.at(i).value.bytes;
                readBack.insert(names.at(i), QString::fromUtf8(got));
                if (got != values.at(i).value.bytes) {
                    finish(job, false,
                           QStringLiteral("the device accepted %1 but reads back \"%2\"")
                               .arg(names.at(i), QString::fromUtf8(got).left(255)),
                           {{QStringLiteral("readBack"), readBack}});
                    return;
                }
            }
            finish(job, true, QStringLiteral("%1 written and verified").arg(names.join(QStringLiteral(", "))),
                   {{QStringLiteral("readBack"), readBack}});
        });
    });
}

void TaskRunner::runPackage(Job &job)
{
    QNetworkReply *reply = m_c.download(QStringLiteral("/v1/packages/") + job.task.package);
    if (!reply) {
        finish(job, false, QStringLiteral("the download could not be started"));
        return;
    }
    progress(job, 5, QStringLiteral("downloading %1").arg(job.task.package));
    auto *download = new PackageDownload(reply, job.task.sha256, job.task.size,
                                         std::min(m_options.maxPackageBytes, Task::kMaxPackageBytes), job.scope.get());
    connect(download, &PackageDownload::finished, job.scope.get(),
            [this, &job](bool ok, const QByteArray &data, const QString &message) {
                if (!ok) {
                    finish(job, false, message);
                    return;
                }
                progress(job, 40, message);
                deliver(job, data);
            });
}

void TaskRunner::deliver(Job &job, const QByteArray &data)
{
    const QHostAddress device(job.device.address);
    const QString digest = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    if (job.task.type == TaskType::Firmware && job.task.delivery == Delivery::HttpPull) {
        // The address the device reaches this gateway on: the one the
        // routing table would send from (a UDP connect sends nothing).
        QUdpSocket probe;
        probe.connectToHost(device, 9);
        const QHostAddress local = probe.localAddress();
        probe.abort();
        auto *server = new OneShotHttpServer(job.scope.get());
        QString error;
        if (local.isNull() || !server->start(local, m_options.pullFirstPort, m_options.pullLastPort, device, data,
                                             job.task.package, m_options.pullTimeoutMs, error)) {
            finish(job, false, error.isEmpty() ? QStringLiteral("no local address reaches the device") : error);
            return;
        }
        connect(server, &OneShotHttpServer::finished, job.scope.get(),
                [this, &job, data, digest](bool ok, const QString &message) {
                    finish(job, ok, message,
                           {{QStringLiteral("bytes"), data.size()},
                            {QStringLiteral("sha256"), digest},
                            {QStringLiteral("delivery"), QStringLiteral("http-pull")}});
                });
        progress(job, 50, QStringLiteral("waiting for the device to fetch the package"),
                 {{QStringLiteral("url"), server->url()}});
        return;
    }
    auto *sender = new RawPortSender(job.scope.get());
    auto lastReported = std::make_shared<int>(50);
    connect(sender, &RawPortSender::progress, job.scope.get(), [this, &job, lastReported](int percent) {
        // Report every quarter, not every chunk.
        const int overall = 50 + percent / 2;
        if (overall >= *lastReported + 12 && overall < 100) {
            *lastReported = overall;
            progress(job, overall, QStringLiteral("delivering: %1 %").arg(percent));
        }
    });
    connect(sender, &RawPortSender::finished, job.scope.get(),
            [this, &job, data, digest](bool ok, const QString &message, qint64 written) {
                finish(job, ok, message,
                       {{QStringLiteral("bytes"), written},
                        {QStringLiteral("sha256"), digest},
                        {QStringLiteral("delivery"), QStringLiteral("raw")}});
                Q_UNUSED(data);
            });
    progress(job, 50, QStringLiteral("delivering %1 bytes to port %2").arg(data.size()).arg(m_options.rawPort));
    sender->send(device, m_options.rawPort, data);
}

} // namespace netgateway::tasks
