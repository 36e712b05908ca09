// Acceptance tests of the cloud's maintenance tasks: real fleetsim devices,
// a real snmpd with write access, the real cloud emulator (packages, task
// channel, result upload), local TCP sinks standing in for devices' ports.
#include "EmulatorProcess.h"
#include "FleetsimProcess.h"
#include "SnmpdProcess.h"
#include "UplinkFixture.h"

#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/discovery/AuditSink.h>
#include <netgateway/core/discovery/DiscoveryRepository.h>
#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/core/polling/PollScheduler.h>
#include <netgateway/core/polling/SnmpDeviceReader.h>
#include <netgateway/snmp/SnmpEngine.h>
#include <netgateway/tasks/SnapshotCollector.h>
#include <netgateway/tasks/TaskRunner.h>
#include <netgateway/tasks/WriteCredentialStore.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace netgateway;
using namespace netgateway::tasks;
using namespace netgateway::test;
using namespace std::chrono_literals;

namespace {

class SilentAudit final : public core::AuditSink {
public:
    void record(const QString &, const QString &, const QJsonObject &) override {}
};

// A device's raw port: keeps every byte of every connection.
class Sink : public QObject {
public:
    bool listen(const QHostAddress &address)
    {
        connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                ++connections;
                connect(s, &QTcpSocket::readyRead, this, [this, s] { received += s->readAll(); });
                connect(s, &QTcpSocket::disconnected, this, [this, s] {
                    received += s->readAll();
                    ++closed;
                    s->deleteLater();
                });
            }
        });
        return server.listen(address, 0);
    }
    QTcpServer server;
    QByteArray received;
    int connections = 0;
    int closed = 0;
};

// A device's embedded web server: answers every request with one page.
class WebPage : public QObject {
public:
    bool listen(const QHostAddress &address, QByteArray page)
    {
        body = std::move(page);
        connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] {
                    if (!s->peek(4096).contains("\r\n\r\n")) {
                        return;
                    }
                    s->readAll();
                    ++requests;
                    if (!redirectTo.isEmpty()) {
                        s->write("HTTP/1.1 302 Found\r\nLocation: " + redirectTo +
                                 "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    } else {
                        s->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                                 QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    }
                    s->disconnectFromHost();
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        return server.listen(address, 0);
    }
    QTcpServer server;
    QByteArray body;
    QByteArray redirectTo;
    int requests = 0;
};

quint16 closedPort()
{
    QTcpServer probe;
    (void)probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed when probe goes out of scope
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

constexpr int kDevices = 3;

} // namespace

class TestTaskRunner : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void monitorModeRefusesEveryTask();
    void unknownDeviceIsRefused();
    void badParametersAreRefusedBeforeAnythingRuns();
    void missingWriteCredentialsAreRefused();
    void settingsAreWrittenAndReadBackOnFleetsim();
    void settingsWithV3WriteUserOnFleetsim();
    void duplicateTaskIdIsNotRunTwice();
    void restartResetsTheDevice();
    void pollNowPollsTheDevice();
    void snapshotArchivesStatusAndWebPage();
    void snapshotFollowsNoRedirectToAnotherHost();
    void sendFileDeliversExactBytesOnRawPort();
    void tamperedFirmwareIsNeverDelivered();
    void firmwareOverRawPortReportsProgress();
    void firmwareHttpPullServesOnceToTheDeviceOnly();
    void taskFromTheCloudChannelRunsAndReportsUpstream();
    void snmpdWriteCommunityAndV3WriteUser();
    void interruptedTaskIsFailedOnStart();
    void floodOfTasksIsBounded();

private:
    std::unique_ptr<TaskRunner> newRunner(TaskRunnerOptions options = {});
    // Hands the task to the runner and waits for its end; returns the stored record.
    std::optional<TaskRecord> run(TaskRunner &runner, const QJsonObject &task, int timeoutMs = 30000);
    QJsonObject device(int index);
    QJsonObject task(const QString &id, const QString &type, int deviceIndex, const QJsonObject &parameters = {});
    QString serial(int index) const { return QStringLiteral("SIM%1").arg(index + 1, 4, 10, QLatin1Char('0')); }
    // Task result records the cloud received for a task id, in order.
    QList<QJsonObject> cloudResults(const QString &taskId);
    QList<core::audit::Entry> auditEntries(const QString &taskId);
    QString writePackage(const QString &name, const QByteArray &data);

    FleetsimProcess m_sim;
    TempDataDir m_emuDir;
    std::unique_ptr<EmulatorProcess> m_emu;
    TempDataDir m_dir;
    std::unique_ptr<GatewayStorage> m_storage;
    ManualClock m_clock;
    SilentAudit m_discoveryAudit;
    RecordingAuditSink m_uplinkAudit;
    std::unique_ptr<uplink::Uplink> m_uplink;
    std::unique_ptr<core::audit::AuditLog> m_audit;
    std::unique_ptr<snmp::SnmpEngine> m_engine;
    std::unique_ptr<core::polling::InventoryCredentialSource> m_readCredentials;
    std::unique_ptr<core::polling::SnmpDeviceReader> m_reader;
    std::unique_ptr<core::polling::PollScheduler> m_scheduler;
    std::unique_ptr<WriteCredentialStore> m_writeCredentials;
    qint64 m_ids[kDevices] = {};
};

void TestTaskRunner::initTestCase()
{
    const QString started = m_sim.start(
        kDevices, QStringLiteral("poller:SHA-256:poller-auth-pw:AES-128:poller-priv-pw"),
        {QStringLiteral("--no-dynamics"), QStringLiteral("--write-community"), QStringLiteral("fleet-write")});
    QVERIFY2(started.isEmpty(), qPrintable(started));
    m_emu = std::make_unique<EmulatorProcess>(m_emuDir.path());
    QDir(m_emuDir.path()).mkpath(QStringLiteral("packages"));
    QVERIFY(m_emu->start({QStringLiteral("--packages-dir"), m_emuDir.filePath(QStringLiteral("packages"))}));

    m_storage = std::make_unique<GatewayStorage>(m_dir.path());
    m_audit = std::make_unique<core::audit::AuditLog>(*m_storage->db, m_clock);

    // The inventory a discovery run would leave: read credentials v3 "poller".
    core::discovery::DiscoverySettings setting;
    setting.name = QStringLiteral("fleet");
    setting.targets = {m_sim.address(0) + QLatin1Char('-') + m_sim.address(kDevices - 1)};
    core::discovery::Credential v3;
    v3.version = core::discovery::Credential::Version::V3;
    v3.user = QStringLiteral("poller");
    v3.auth = core::discovery::Credential::AuthProtocol::SHA256;
    v3.authPassphrase = QStringLiteral("poller-auth-pw");
    v3.priv = core::discovery::Credential::PrivProtocol::AES128;
    v3.privPassphrase = QStringLiteral("poller-priv-pw");
    setting.credentials = {v3};
    setting.registration = core::discovery::Registration::Managed;
    core::discovery::DiscoveryRepository settings(*m_storage->db, *m_storage->vault, m_clock, m_discoveryAudit);
    const qint64 settingId = settings.add(setting);
    core::discovery::InventoryRepository inventory(*m_storage->db, m_clock);
    for (int i = 0; i < kDevices; ++i) {
        core::discovery::DeviceObservation seen;
        seen.address = m_sim.address(i);
        seen.serialNumber = serial(i);
        seen.via = {QStringLiteral("snmp")};
        seen.settingId = settingId;
        seen.credentialPosition = 0;
        m_ids[i] = inventory.upsert(seen, core::discovery::Registration::Managed).id;
    }

    m_engine = std::make_unique<snmp::SnmpEngine>();
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_readCredentials = std::make_unique<core::polling::InventoryCredentialSource>(*m_storage->db, *m_storage->vault,
                                                                                   m_clock, m_discoveryAudit);
    core::polling::SnmpReaderOptions readerOptions;
    readerOptions.port = m_sim.port();
    m_reader = std::make_unique<core::polling::SnmpDeviceReader>(*m_engine, *m_readCredentials, readerOptions);
    m_scheduler =
        std::make_unique<core::polling::PollScheduler>(*m_storage->db, m_clock, core::polling::SchedulerOptions{});
    m_scheduler->setReader(m_reader.get());
    m_scheduler->start();

    m_writeCredentials = std::make_unique<WriteCredentialStore>(*m_storage->vault);
    QVERIFY2(m_writeCredentials->set(0,
                                     {{QStringLiteral("version"), QStringLiteral("v2c")},
                                      {QStringLiteral("community"), QStringLiteral("fleet-write")}},
                                     error),
             qPrintable(error));

    // The uplink, registered and in Manage mode: packages come through it and
    // results go up through the shared outbox.
    uplink::UplinkSettings s;
    s.origin = QUrl(m_emu->origin());
    s.extraCaFile = m_emu->caFile();
    s.transferTimeoutMs = 10000;
    s.gatewayInfo = [] { return QJsonObject{{QStringLiteral("hostName"), QStringLiteral("gw-test")}}; };
    m_uplink = std::make_unique<uplink::Uplink>(*m_storage->db, *m_storage->vault, *m_storage->outbox, m_clock,
                                                m_uplinkAudit, s);
    m_uplink->start();
    QSignalSpy registered(m_uplink.get(), &uplink::Uplink::registrationFinished);
    m_uplink->registerGateway(QStringLiteral("DEMO-CODE"), QStringLiteral("admin"), QStringLiteral("admin-password"));
    QVERIFY(registered.wait(15000));
    QVERIFY(registered.first().at(0).toBool());
    m_uplink->setMode(uplink::ConnectionMode::Manage, m_clock.nowUtc().addDays(1));
}

void TestTaskRunner::cleanupTestCase()
{
    m_uplink.reset();
    m_scheduler.reset();
    m_reader.reset();
    m_engine.reset();
}

std::unique_ptr<TaskRunner> TestTaskRunner::newRunner(TaskRunnerOptions options)
{
    TaskRunnerContext c;
    c.db = m_storage->db.get();
    c.outbox = m_storage->outbox.get();
    c.clock = &m_clock;
    c.audit = m_audit.get();
    c.engine = m_engine.get();
    c.writeCredentials = m_writeCredentials.get();
    c.readCredentials = m_readCredentials.get();
    c.reader = m_reader.get();
    c.scheduler = m_scheduler.get();
    c.manageMode = [this] { return m_uplink->mode() == uplink::ConnectionMode::Manage; };
    c.download = [this](const QString &path) { return m_uplink->download(path); };
    c.gatewayId = [this] { return m_uplink->gatewayId(); };
    if (options.snmpPort == 161) {
        options.snmpPort = m_sim.port();
    }
    options.snmpTimeoutMs = 1000;
    return std::make_unique<TaskRunner>(c, options);
}

std::optional<TaskRecord> TestTaskRunner::run(TaskRunner &runner, const QJsonObject &task, int timeoutMs)
{
    const QString id = task.value(QStringLiteral("id")).toString();
    QSignalSpy finished(&runner, &TaskRunner::taskFinished);
    runner.acceptFromCloud(task);
    const bool ok = QTest::qWaitFor(
        [&] {
            for (const auto &args : finished) {
                if (args.at(0).toString() == id) {
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    if (!ok) {
        return std::nullopt;
    }
    return runner.store().find(id);
}

QJsonObject TestTaskRunner::device(int index)
{
    return m_sim.control({{QStringLiteral("cmd"), QStringLiteral("device")}, {QStringLiteral("device"), index}});
}

QJsonObject TestTaskRunner::task(const QString &id, const QString &type, int deviceIndex, const QJsonObject &parameters)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("type"), type},
            {QStringLiteral("device"), deviceIndex < 0 ? QStringLiteral("NO-SUCH-SERIAL") : serial(deviceIndex)},
            {QStringLiteral("parameters"), parameters}};
}

QList<QJsonObject> TestTaskRunner::cloudResults(const QString &taskId)
{
    QList<QJsonObject> out;
    // Results are uploaded as soon as they are queued; wait for the outbox to empty.
    (void)QTest::qWaitFor([&] { return m_storage->outbox->count(storage::OutboxKind::TaskResult) == 0; }, 15000);
    const QJsonArray records =
        m_emu->admin("GET", QStringLiteral("/admin/records")).value(QStringLiteral("records")).toArray();
    for (const QJsonValue &v : records) {
        const QJsonObject r = v.toObject();
        if (r.value(QStringLiteral("kind")).toString() == QLatin1String("task_result") &&
            r.value(QStringLiteral("data")).toObject().value(QStringLiteral("taskId")).toString() == taskId) {
            out.append(r);
        }
    }
    return out;
}

QList<core::audit::Entry> TestTaskRunner::auditEntries(const QString &taskId)
{
    core::audit::Query q;
    q.action = QLatin1String(core::audit::action::kTask);
    q.limit = 1000;
    QList<core::audit::Entry> out;
    for (const auto &e : m_audit->query(q)) {
        if (e.target.split(QLatin1Char(' ')).value(1) == taskId) {
            out.append(e);
        }
    }
    return out;
}

QString TestTaskRunner::writePackage(const QString &name, const QByteArray &data)
{
    QFile f(m_emuDir.filePath(QStringLiteral("packages/") + name));
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size()) {
        return {};
    }
    return sha256Hex(data);
}

void TestTaskRunner::monitorModeRefusesEveryTask()
{
    auto runner = newRunner();
    m_uplink->setMode(uplink::ConnectionMode::Monitor);
    const qint64 bootsBefore = device(0).value(QStringLiteral("engineBoots")).toInteger();
    const auto r = run(*runner, task(QStringLiteral("monitor-1"), QStringLiteral("restart"), 0));
    m_uplink->setMode(uplink::ConnectionMode::Manage, m_clock.nowUtc().addDays(1));
    QVERIFY(r.has_value());
    QCOMPARE(r->state, TaskState::Refused);
    QVERIFY2(r->message.contains(QStringLiteral("Monitor mode")), qPrintable(r->message));
    QCOMPARE(device(0).value(QStringLiteral("engineBoots")).toInteger(), bootsBefore);
    const auto audit = auditEntries(QStringLiteral("monitor-1"));
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().result, core::audit::Result::Failure);
    QCOMPARE(audit.first().target, QStringLiteral("restart monitor-1 on %1").arg(serial(0)));
    const auto results = cloudResults(QStringLiteral("monitor-1"));
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().value(QStringLiteral("data")).toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("refused"));
}

void TestTaskRunner::unknownDeviceIsRefused()
{
    auto runner = newRunner();
    const auto r = run(*runner, task(QStringLiteral("unknown-1"), QStringLiteral("restart"), -1));
    QVERIFY(r.has_value());
    QCOMPARE(r->state, TaskState::Refused);
    QVERIFY2(r->message.contains(QStringLiteral("NO-SUCH-SERIAL")), qPrintable(r->message));
    QCOMPARE(auditEntries(QStringLiteral("unknown-1")).size(), 1);
}

void TestTaskRunner::badParametersAreRefusedBeforeAnythingRuns()
{
    auto runner = newRunner();
    const QByteArray nameBefore = device(1).value(QStringLiteral("sysName")).toString().toUtf8();
    // The first value is fine, the second is not: nothing may be written.
    const auto r = run(*runner, task(QStringLiteral("bad-params-1"), QStringLiteral("settings"), 1,
                                     {{QStringLiteral("sysName"), QStringLiteral("written-too-early")},
                                      {QStringLiteral("sysContact"), QString(300, QLatin1Char('x'))}}));
    QVERIFY(r.has_value());
    QCOMPARE(r->state, TaskState::Refused);
    QVERIFY2(r->message.contains(QStringLiteral("sysContact")), qPrintable(r->message));
    QCOMPARE(device(1).value(QStringLiteral("sysName")).toString().toUtf8(), nameBefore);
}

void TestTaskRunner::missingWriteCredentialsAreRefused()
{
    auto runner = newRunner();
    QVERIFY(m_writeCredentials->remove(0));
    const auto r = run(*runner, task(QStringLiteral("no-creds-1"), QStringLiteral("restart"), 2));
    QString error;
    QVERIFY(m_writeCredentials->set(0,
                                    {{QStringLiteral("version"), QStringLiteral("v2c")},
                                     {QStringLiteral("community"), QStringLiteral("fleet-write")}},
                                    error));
    QVERIFY(r.has_value());
    QCOMPARE(r->state, TaskState::Refused);
    QVERIFY2(r->message.contains(QStringLiteral("write credentials")), qPrintable(r->message));
}

void TestTaskRunner::settingsAreWrittenAndReadBackOnFleetsim()
{
    auto runner = newRunner();
    const auto r = run(*runner, task(QStringLiteral("settings-1"), QStringLiteral("settings"), 0,
                                     {{QStringLiteral("sysName"), QStringLiteral("printer-lobby")},
                                      {QStringLiteral("sysLocation"), QStringLiteral("Building 2, floor 3")},
                                      {QStringLiteral("sysContact"), QStringLiteral("it@example.org")}}));
    QVERIFY(r.has_value());
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message));
    const QJsonObject d = device(0);
    QCOMPARE(d.value(QStringLiteral("sysName")).toString(), QStringLiteral("printer-lobby"));
    QCOMPARE(d.value(QStringLiteral("sysLocation")).toString(), QStringLiteral("Building 2, floor 3"));
    QCOMPARE(d.value(QStringLiteral("sysContact")).toString(), QStringLiteral("it@example.org"));
    QCOMPARE(r->result.value(QStringLiteral("readBack")).toObject().value(QStringLiteral("sysName")).toString(),
             QStringLiteral("printer-lobby"));
    const auto audit = auditEntries(QStringLiteral("settings-1"));
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().result, core::audit::Result::Success);
    const auto results = cloudResults(QStringLiteral("settings-1"));
    QVERIFY(!results.isEmpty());
    QCOMPARE(results.last().value(QStringLiteral("data")).toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("succeeded"));
    QCOMPARE(results.last().value(QStringLiteral("device")).toString(), serial(0));
}

void TestTaskRunner::settingsWithV3WriteUserOnFleetsim()
{
    auto runner = newRunner();
    QString error;
    QVERIFY2(m_writeCredentials->set(m_ids[2],
                                     {{QStringLiteral("version"), QStringLiteral("v3")},
                                      {QStringLiteral("user"), QStringLiteral("poller")},
                                      {QStringLiteral("authProtocol"), QStringLiteral("SHA-256")},
                                      {QStringLiteral("authPassphrase"), QStringLiteral("poller-auth-pw")},
                                      {QStringLiteral("privProtocol"), QStringLiteral("AES-128")},
                                      {QStringLiteral("privPassphrase"), QStringLiteral("poller-priv-pw")}},
                                     error),
             qPrintable(error));
    const auto r = run(*runner, task(QStringLiteral("settings-v3"), QStringLiteral("settings"), 2,
                                     {{QStringLiteral("sysLocation"), QStringLiteral("Reception")}}));
    QVERIFY(m_writeCredentials->remove(m_ids[2]));
    QVERIFY(r.has_value());
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message));
    QCOMPARE(device(2).value(QStringLiteral("sysLocation")).toString(), QStringLiteral("Reception"));
}

void TestTaskRunner::duplicateTaskIdIsNotRunTwice()
{
    auto runner = newRunner();
    const QJsonObject t = task(QStringLiteral("dup-1"), QStringLiteral("settings"), 1,
                               {{QStringLiteral("sysContact"), QStringLiteral("first")}});
    auto r = run(*runner, t);
    QVERIFY(r.has_value());
    QCOMPARE(r->state, TaskState::Succeeded);
    // Someone changes the device meanwhile; the replayed task must not undo it.
    QVERIFY(m_sim
                .control({{QStringLiteral("cmd"), QStringLiteral("set")},
                          {QStringLiteral("devices"), 1},
                          {QStringLiteral("sysContact"), QStringLiteral("changed-locally")}})
                .value(QStringLiteral("ok"))
                .toBool());
    auto fresh = newRunner(); // also across a restart of the runner
    r = run(*fresh, t);
    QVERIFY(r.has_value());
    QCOMPARE(r->state, TaskState::Succeeded);
    QCOMPARE(device(1).value(QStringLiteral("sysContact")).toString(), QStringLiteral("changed-locally"));
    QCOMPARE(auditEntries(QStringLiteral("dup-1")).size(), 1);
}

void TestTaskRunner::restartResetsTheDevice()
{
    auto runner = newRunner();
    const qint64 bootsBefore = device(1).value(QStringLiteral("engineBoots")).toInteger();
    const auto r = run(*runner, task(QStringLiteral("restart-1"), QStringLiteral("restart"), 1));
    QVERIFY(r.has_value());
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message));
    QCOMPARE(device(1).value(QStringLiteral("engineBoots")).toInteger(), bootsBefore + 1);
    QCOMPARE(auditEntries(QStringLiteral("restart-1")).first().result, core::audit::Result::Success);
}

void TestTaskRunner::pollNowPollsTheDevice()
{
    auto runner = newRunner();
    const auto started = [this] { return m_scheduler->stats().alertPolls + m_scheduler->stats().counterPolls; };
    const auto before = started();
    const auto r = run(*runner, task(QStringLiteral("poll-1"), QStringLiteral("poll-now"), 0));
    QVERIFY(r.has_value());
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message));
    QVERIFY(started() >= before + 2);
}

void TestTaskRunner::snapshotArchivesStatusAndWebPage()
{
    WebPage page;
    const QByteArray html = "<html><body>Toner: 42 %</body></html>";
    QVERIFY(page.listen(QHostAddress(m_sim.address(0)), html));
    TaskRunnerOptions o;
    o.httpPort = page.server.serverPort();
    o.httpsPort = closedPort();
    auto runner = newRunner(o);
    const auto r = run(*runner, task(QStringLiteral("snapshot-1"), QStringLiteral("snapshot"), 0));
    QVERIFY(r.has_value());
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message));
    QCOMPARE(page.requests, 1);
    const QJsonObject manifest = r->result.value(QStringLiteral("manifest")).toObject();
    const QJsonArray files = manifest.value(QStringLiteral("files")).toArray();
    for (const char *name :
         {"status.json", "alerts.json", "counters.json", "supplies.json", "trays.json", "status-page.html"}) {
        QVERIFY2(files.contains(QLatin1String(name)), name);
    }
    QVERIFY(manifest.value(QStringLiteral("missing")).toArray().isEmpty());
    // The whole archive went to the cloud in the result record.
    const auto results = cloudResults(QStringLiteral("snapshot-1"));
    QVERIFY(!results.isEmpty());
    const QJsonObject result =
        results.last().value(QStringLiteral("data")).toObject().value(QStringLiteral("result")).toObject();
    const QByteArray archive = QByteArray::fromBase64(result.value(QStringLiteral("archive")).toString().toLatin1());
    QVERIFY(archive.startsWith("PK\x03\x04"));
    QCOMPARE(sha256Hex(archive), result.value(QStringLiteral("archiveSha256")).toString());
    QVERIFY(archive.contains("trays.json"));
    // History keeps the digest, not the archive.
    QVERIFY(!r->toJson().value(QStringLiteral("result")).toObject().contains(QStringLiteral("archive")));
}

void TestTaskRunner::snapshotFollowsNoRedirectToAnotherHost()
{
    WebPage elsewhere;
    QVERIFY(elsewhere.listen(QHostAddress::LocalHost, "secret intranet page"));
    WebPage page;
    page.redirectTo = QStringLiteral("http://127.0.0.1:%1/").arg(elsewhere.server.serverPort()).toLatin1();
    QVERIFY(page.listen(QHostAddress(m_sim.address(1)), {}));
    TaskRunnerOptions o;
    o.httpPort = page.server.serverPort();
    o.httpsPort = closedPort();
    auto runner = newRunner(o);
    const auto r = run(*runner, task(QStringLiteral("snapshot-redirect"), QStringLiteral("snapshot"), 1));
    QVERIFY(r.has_value());
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message)); // the SNMP parts were read
    QCOMPARE(page.requests, 1);
    QCOMPARE(elsewhere.requests, 0);
    const QJsonObject manifest = r->result.value(QStringLiteral("manifest")).toObject();
    QVERIFY(!manifest.value(QStringLiteral("files")).toArray().contains(QStringLiteral("status-page.html")));
    QCOMPARE(manifest.value(QStringLiteral("missing")).toArray().size(), 2); // http and https page
}

void TestTaskRunner::sendFileDeliversExactBytesOnRawPort()
{
    Sink sink;
    QVERIFY(sink.listen(QHostAddress(m_sim.address(2))));
    QByteArray job;
    for (int i = 0; i < 20000; ++i) {
        job += "line " + QByteArray::number(i) + " of a print job\r\n";
    }
    const QString digest = writePackage(QStringLiteral("job.prn"), job);
    TaskRunnerOptions o;
    o.rawPort = sink.server.serverPort();
    auto runner = newRunner(o);
    const auto r = run(
        *runner, task(QStringLiteral("send-1"), QStringLiteral("send-file"), 2,
                      {{QStringLiteral("package"), QStringLiteral("job.prn")}, {QStringLiteral("sha256"), digest}}));
    QVERIFY(r.has_value());
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message));
    QVERIFY(QTest::qWaitFor([&] { return sink.closed == 1; }, 5000));
    QCOMPARE(sink.received.size(), job.size());
    QCOMPARE(sha256Hex(sink.received), digest);
    QCOMPARE(r->result.value(QStringLiteral("sha256")).toString(), digest);
}

void TestTaskRunner::tamperedFirmwareIsNeverDelivered()
{
    Sink sink;
    QVERIFY(sink.listen(QHostAddress(m_sim.address(0))));
    const QString genuine = sha256Hex("the firmware the cloud signed off");
    writePackage(QStringLiteral("fw-tampered.bin"), "the firmware someone swapped on the way");
    TaskRunnerOptions o;
    o.rawPort = sink.server.serverPort();
    auto runner = newRunner(o);
    const auto r = run(*runner, task(QStringLiteral("fw-bad-1"), QStringLiteral("firmware"), 0,
                                     {{QStringLiteral("package"), QStringLiteral("fw-tampered.bin")},
                                      {QStringLiteral("sha256"), genuine}}));
    QVERIFY(r.has_value());
    QCOMPARE(r->state, TaskState::Failed);
    QVERIFY2(r->message.contains(QStringLiteral("SHA-256")), qPrintable(r->message));
    QTest::qWait(200); // nothing may arrive late either
    QCOMPARE(sink.connections, 0);
    QCOMPARE(sink.received.size(), 0);
    const auto audit = auditEntries(QStringLiteral("fw-bad-1"));
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().result, core::audit::Result::Failure);
    const auto results = cloudResults(QStringLiteral("fw-bad-1"));
    QVERIFY(!results.isEmpty());
    QCOMPARE(results.last().value(QStringLiteral("data")).toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("failed"));
}

void TestTaskRunner::firmwareOverRawPortReportsProgress()
{
    Sink sink;
    QVERIFY(sink.listen(QHostAddress(m_sim.address(1))));
    QByteArray firmware(3 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < firmware.size(); ++i) {
        firmware[i] = static_cast<char>((i * 7919) >> 3);
    }
    const QString digest = writePackage(QStringLiteral("fw-2.0.bin"), firmware);
    TaskRunnerOptions o;
    o.rawPort = sink.server.serverPort();
    auto runner = newRunner(o);
    QSignalSpy progress(runner.get(), &TaskRunner::taskProgress);
    const auto r = run(*runner, task(QStringLiteral("fw-raw-1"), QStringLiteral("firmware"), 1,
                                     {{QStringLiteral("package"), QStringLiteral("fw-2.0.bin")},
                                      {QStringLiteral("sha256"), digest},
                                      {QStringLiteral("size"), firmware.size()}}));
    QVERIFY(r.has_value());
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message));
    QVERIFY(QTest::qWaitFor([&] { return sink.closed == 1; }, 5000));
    QCOMPARE(sha256Hex(sink.received), digest);
    QVERIFY(progress.size() >= 3);
    int last = -1;
    for (const auto &p : progress) {
        QVERIFY(p.at(1).toInt() > last); // progress only grows
        last = p.at(1).toInt();
    }
    // Progress went upstream as well as the result.
    const auto results = cloudResults(QStringLiteral("fw-raw-1"));
    QVERIFY(results.size() >= 4);
    QCOMPARE(results.last().value(QStringLiteral("data")).toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("succeeded"));
}

void TestTaskRunner::firmwareHttpPullServesOnceToTheDeviceOnly()
{
    const QByteArray firmware = QByteArray("firmware image ").repeated(5000);
    const QString digest = writePackage(QStringLiteral("fw-pull.bin"), firmware);
    QTcpServer portProbe;
    QVERIFY(portProbe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = portProbe.serverPort();
    portProbe.close();
    TaskRunnerOptions o;
    o.pullFirstPort = port;
    o.pullLastPort = port;
    auto runner = newRunner(o);
    QSignalSpy finished(runner.get(), &TaskRunner::taskFinished);
    QString url;
    connect(runner.get(), &TaskRunner::taskProgress, this,
            [&url](const QString &, int, const QString &, const QJsonObject &details) {
                if (details.contains(QStringLiteral("url"))) {
                    url = details.value(QStringLiteral("url")).toString();
                }
            });
    runner->acceptFromCloud(task(QStringLiteral("fw-pull-1"), QStringLiteral("firmware"), 1,
                                 {{QStringLiteral("package"), QStringLiteral("fw-pull.bin")},
                                  {QStringLiteral("sha256"), digest},
                                  {QStringLiteral("delivery"), QStringLiteral("http-pull")}}));
    QVERIFY(QTest::qWaitFor([&] { return !url.isEmpty(); }, 15000));
    const QUrl u(url);
    QCOMPARE(u.port(), int(port));

    // The server runs in this thread: the client must not block the event loop.
    const auto fetch = [&](const QHostAddress &from, const QString &path) {
        QTcpSocket s;
        if (!s.bind(from, 0)) {
            return QByteArray("bind failed");
        }
        QByteArray got;
        bool closed = false;
        connect(&s, &QTcpSocket::connected, &s,
                [&] { s.write("GET " + path.toUtf8() + " HTTP/1.1\r\nHost: x\r\n\r\n"); });
        connect(&s, &QTcpSocket::readyRead, &s, [&] { got += s.readAll(); });
        connect(&s, &QTcpSocket::disconnected, &s, [&] { closed = true; });
        connect(&s, &QTcpSocket::errorOccurred, &s, [&] { closed = true; });
        s.connectToHost(u.host(), static_cast<quint16>(u.port()));
        (void)QTest::qWaitFor([&] { return closed; }, 10000);
        return got + s.readAll();
    };
    // Another host on the LAN gets nothing.
    QVERIFY(!fetch(QHostAddress(QStringLiteral("127.0.0.1")), u.path()).contains("200 OK"));
    // The device itself gets the exact package once.
    const QByteArray answer = fetch(QHostAddress(m_sim.address(1)), u.path());
    QVERIFY2(answer.startsWith("HTTP/1.1 200 OK"), answer.left(200).constData());
    QCOMPARE(sha256Hex(answer.mid(answer.indexOf("\r\n\r\n") + 4)), digest);
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 5000));
    const auto r = runner->store().find(QStringLiteral("fw-pull-1"));
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message));
    // And the listener is closed afterwards.
    QTcpSocket again;
    again.connectToHost(u.host(), static_cast<quint16>(u.port()));
    QVERIFY(!again.waitForConnected(1000));
}

void TestTaskRunner::taskFromTheCloudChannelRunsAndReportsUpstream()
{
    auto runner = newRunner();
    connect(m_uplink.get(), &uplink::Uplink::taskReceived, runner.get(), &TaskRunner::acceptFromCloud);
    QSignalSpy finished(runner.get(), &TaskRunner::taskFinished);
    m_emu->admin("POST", QStringLiteral("/admin/tasks"),
                 {{QStringLiteral("task"), task(QStringLiteral("cloud-1"), QStringLiteral("settings"), 0,
                                                {{QStringLiteral("sysName"), QStringLiteral("from-the-cloud")}})}});
    // The task channel is polled on the keep-alive interval of Manage mode.
    m_clock.advance(5min);
    m_uplink->syncNow();
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 20000));
    QCOMPARE(finished.first().at(0).toString(), QStringLiteral("cloud-1"));
    QCOMPARE(device(0).value(QStringLiteral("sysName")).toString(), QStringLiteral("from-the-cloud"));
    const auto results = cloudResults(QStringLiteral("cloud-1"));
    QVERIFY(!results.isEmpty());
    QCOMPARE(results.last().value(QStringLiteral("data")).toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("succeeded"));
}

void TestTaskRunner::snmpdWriteCommunityAndV3WriteUser()
{
    SnmpdProcess snmpd;
    snmpd.setExtraConfig({QStringLiteral("rwcommunity snmpd-write 127.0.0.1"),
                          QStringLiteral("createUser writer SHA-256 writer-auth-pass AES writer-priv-pass"),
                          QStringLiteral("rwuser writer priv")},
                         QStringLiteral("system_mib"));
    QString error;
    QVERIFY2(snmpd.startWithOverrides({}, {}, &error), qPrintable(error));
    core::discovery::InventoryRepository inventory(*m_storage->db, m_clock);
    core::discovery::DeviceObservation seen;
    seen.address = QStringLiteral("127.0.0.1");
    seen.serialNumber = QStringLiteral("SNMPD-1");
    seen.via = {QStringLiteral("snmp")};
    const qint64 id = inventory.upsert(seen, core::discovery::Registration::Managed).id;
    TaskRunnerOptions o;
    o.snmpPort = snmpd.port();
    auto runner = newRunner(o);

    const auto settings = [&](const QString &taskId, const QJsonObject &credentials, const QJsonObject &values) {
        QString e;
        if (!m_writeCredentials->set(id, credentials, e)) {
            qWarning("%s", qPrintable(e));
            return std::optional<TaskRecord>();
        }
        QJsonObject t{{QStringLiteral("id"), taskId},
                      {QStringLiteral("type"), QStringLiteral("settings")},
                      {QStringLiteral("device"), QStringLiteral("SNMPD-1")},
                      {QStringLiteral("parameters"), values}};
        return run(*runner, t);
    };
    auto r = settings(QStringLiteral("snmpd-v2c"),
                      {{QStringLiteral("version"), QStringLiteral("v2c")},
                       {QStringLiteral("community"), QStringLiteral("snmpd-write")}},
                      {{QStringLiteral("sysName"), QStringLiteral("snmpd-by-community")},
                       {QStringLiteral("sysLocation"), QStringLiteral("Rack 3")}});
    QVERIFY(r.has_value());
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message + snmpd.log()));

    r = settings(QStringLiteral("snmpd-v3"),
                 {{QStringLiteral("version"), QStringLiteral("v3")},
                  {QStringLiteral("user"), QStringLiteral("writer")},
                  {QStringLiteral("authProtocol"), QStringLiteral("SHA-256")},
                  {QStringLiteral("authPassphrase"), QStringLiteral("writer-auth-pass")},
                  {QStringLiteral("privProtocol"), QStringLiteral("AES")},
                  {QStringLiteral("privPassphrase"), QStringLiteral("writer-priv-pass")}},
                 {{QStringLiteral("sysContact"), QStringLiteral("ops@example.org")}});
    QVERIFY(r.has_value());
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message + snmpd.log()));

    r = settings(QStringLiteral("snmpd-v1"),
                 {{QStringLiteral("version"), QStringLiteral("v1")},
                  {QStringLiteral("community"), QStringLiteral("snmpd-write")}},
                 {{QStringLiteral("sysLocation"), QStringLiteral("Rack 4")}});
    QVERIFY(r.has_value());
    QVERIFY2(r->state == TaskState::Succeeded, qPrintable(r->message + snmpd.log()));

    // An independent read (read-only community) sees the values snmpd holds.
    snmp::Target t;
    t.address = QHostAddress::LocalHost;
    t.port = snmpd.port();
    t.credentials.community = "public";
    QList<snmp::VarBind> got;
    bool answered = false;
    m_engine->get(t,
                  {*snmp::Oid::parse(u"1.3.6.1.2.1.1.5.0"), *snmp::Oid::parse(u"1.3.6.1.2.1.1.6.0"),
                   *snmp::Oid::parse(u"1.3.6.1.2.1.1.4.0")},
                  [&](const snmp::Response &resp) {
                      answered = true;
                      got = resp.varBinds;
                  });
    QVERIFY(QTest::qWaitFor([&] { return answered; }, 5000));
    QCOMPARE(got.size(), 3);
    QCOMPARE(got.at(0).value.bytes, QByteArray("snmpd-by-community"));
    QCOMPARE(got.at(1).value.bytes, QByteArray("Rack 4"));
    QCOMPARE(got.at(2).value.bytes, QByteArray("ops@example.org"));

    // The read-only community cannot write: the task fails with the agent's reason.
    r = settings(
        QStringLiteral("snmpd-ro"),
        {{QStringLiteral("version"), QStringLiteral("v2c")}, {QStringLiteral("community"), QStringLiteral("public")}},
        {{QStringLiteral("sysName"), QStringLiteral("must-not-stick")}});
    QVERIFY(r.has_value());
    QCOMPARE(r->state, TaskState::Failed);
    QVERIFY(m_writeCredentials->remove(id));
}

void TestTaskRunner::interruptedTaskIsFailedOnStart()
{
    TaskStore store(*m_storage->db);
    TaskRecord r;
    r.id = QStringLiteral("interrupted-1");
    r.type = QStringLiteral("firmware");
    r.deviceKey = serial(0);
    r.receivedAt = m_clock.nowSecs();
    QVERIFY(store.insert(r));
    auto runner = newRunner();
    runner->start();
    const auto after = store.find(QStringLiteral("interrupted-1"));
    QCOMPARE(after->state, TaskState::Failed);
    QVERIFY(after->message.contains(QStringLiteral("interrupted")));
    QCOMPARE(auditEntries(QStringLiteral("interrupted-1")).size(), 1);
}

void TestTaskRunner::floodOfTasksIsBounded()
{
    auto runner = newRunner();
    QSignalSpy finished(runner.get(), &TaskRunner::taskFinished);
    const int accepted = int(TaskRunner::kMaxQueued);
    for (int i = 0; i <= accepted; ++i) {
        runner->acceptFromCloud(task(QStringLiteral("flood-%1").arg(i), QStringLiteral("settings"), 2,
                                     {{QStringLiteral("sysContact"), QStringLiteral("flood %1").arg(i)}}));
    }
    QCOMPARE(runner->queued(), accepted);
    const auto overflow = runner->store().find(QStringLiteral("flood-%1").arg(accepted));
    QCOMPARE(overflow->state, TaskState::Refused);
    QVERIFY2(overflow->message.contains(QStringLiteral("already waiting")), qPrintable(overflow->message));
    // The accepted ones all run, in order.
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == accepted + 1; }, 60000));
    QCOMPARE(runner->store().find(QStringLiteral("flood-%1").arg(accepted - 1))->state, TaskState::Succeeded);
    QCOMPARE(device(2).value(QStringLiteral("sysContact")).toString(), QStringLiteral("flood %1").arg(accepted - 1));
}

QTEST_GUILESS_MAIN(TestTaskRunner)
#include "TestTaskRunner.moc"
