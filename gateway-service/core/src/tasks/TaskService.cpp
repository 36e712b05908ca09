#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/polling/SnmpDeviceReader.h>
#include <netgateway/storage/Database.h>
#include <netgateway/tasks/TaskService.h>
#include <netgateway/uplink/UplinkService.h>

#include <QJsonArray>

namespace netgateway::tasks {

namespace {

constexpr char kWriteCredentialsAction[] = "configure device write credentials";

QJsonObject failure(const QString &message)
{
    return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), message}};
}

} // namespace

TaskService::TaskService(storage::Database &db, storage::SecretVault &vault, core::Clock &clock,
                         core::audit::AuditLog &audit, uplink::UplinkService &uplink, core::polling::SnmpPolling *snmp,
                         core::polling::PollScheduler *scheduler, TaskRunnerOptions options, QObject *parent)
    : QObject(parent), m_db(db), m_audit(audit), m_writeCredentials(vault)
{
    TaskRunnerContext c;
    c.db = &db;
    c.outbox = &uplink.outbox();
    c.clock = &clock;
    c.audit = &audit;
    if (snmp) {
        c.engine = &snmp->engine();
        c.readCredentials = &snmp->credentials();
        c.reader = &snmp->reader();
    }
    c.writeCredentials = &m_writeCredentials;
    c.scheduler = scheduler;
    // The Uplink is rebuilt when its configuration changes: ask for it each time.
    uplink::UplinkService *service = &uplink;
    c.manageMode = [service] {
        return service->uplink() && service->uplink()->mode() == uplink::ConnectionMode::Manage;
    };
    c.download = [service](const QString &path) -> QNetworkReply * {
        return service->uplink() ? service->uplink()->download(path) : nullptr;
    };
    c.gatewayId = [service] { return service->uplink() ? service->uplink()->gatewayId() : QString(); };
    m_runner = std::make_unique<TaskRunner>(c, options);
    connect(&uplink, &uplink::UplinkService::taskReceived, m_runner.get(), &TaskRunner::acceptFromCloud);
}

TaskService::~TaskService() = default;

void TaskService::start()
{
    m_runner->start();
}

QJsonObject TaskService::history(int limit, int offset)
{
    limit = std::clamp(limit, 1, 500);
    offset = std::max(0, offset);
    QJsonArray items;
    for (const TaskRecord &r : m_runner->store().recent(limit, offset)) {
        items.append(r.toJson());
    }
    return {{QStringLiteral("total"), m_runner->store().count()},
            {QStringLiteral("offset"), offset},
            {QStringLiteral("limit"), limit},
            {QStringLiteral("items"), items}};
}

QJsonObject TaskService::setWriteCredentials(const QJsonObject &request, bool remove)
{
    const QString device = request.value(QStringLiteral("device")).toString();
    std::int64_t id = 0;
    if (device != QLatin1String("default")) {
        storage::Statement st(m_db,
                              "SELECT id FROM devices WHERE serial_number = ?1 OR upper(mac_address) = upper(?1)");
        st.bind(1, device);
        if (device.isEmpty() || !st.step()) {
            m_audit.record(QStringLiteral("local"), QStringLiteral("control"), QLatin1String(kWriteCredentialsAction),
                           device.left(128), core::audit::Result::Failure);
            return failure(QStringLiteral("\"device\" must be a known device's serial number or MAC address, or "
                                          "\"default\""));
        }
        id = st.int64(0);
    }
    QString error;
    bool ok = true;
    if (remove) {
        ok = m_writeCredentials.remove(id);
        error = QStringLiteral("no write credentials were set for %1").arg(device);
    } else {
        ok = m_writeCredentials.set(id, request, error);
    }
    m_audit.record(QStringLiteral("local"), QStringLiteral("control"), QLatin1String(kWriteCredentialsAction), device,
                   ok ? core::audit::Result::Success : core::audit::Result::Failure);
    return ok ? QJsonObject{{QStringLiteral("ok"), true}} : failure(error);
}

void TaskService::addControlCommands(core::ControlServer &control)
{
    control.addCommand(QStringLiteral("tasks.list"), [this](const QJsonObject &r) {
        return history(r.value(QStringLiteral("limit")).toInt(50), r.value(QStringLiteral("offset")).toInt(0));
    });
    control.addCommand(QStringLiteral("tasks.write-credentials"),
                       [this](const QJsonObject &r) { return setWriteCredentials(r, false); });
    control.addCommand(QStringLiteral("tasks.write-credentials.remove"),
                       [this](const QJsonObject &r) { return setWriteCredentials(r, true); });
}

} // namespace netgateway::tasks
