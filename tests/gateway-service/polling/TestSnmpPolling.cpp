// Acceptance tests of polling against a real fleetsim process: the SNMP
// reader, the scheduler on a manual clock and the telemetry in SQLite.
#include "FleetsimProcess.h"
#include "ManualClock.h"
#include "TempDataDir.h"

#include <netgateway/core/discovery/AuditSink.h>
#include <netgateway/core/discovery/DiscoveryRepository.h>
#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/core/polling/PollScheduler.h>
#include <netgateway/core/polling/SnmpDeviceReader.h>
#include <netgateway/core/polling/TelemetryUplink.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/Outbox.h>
#include <netgateway/storage/SecretVault.h>

#include <QJsonArray>
#include <QTest>

using namespace netgateway;
using namespace netgateway::core;
using namespace netgateway::core::polling;
using namespace std::chrono_literals;

namespace {

class SilentAudit final : public AuditSink {
public:
    void record(const QString &, const QString &, const QJsonObject &) override {}
};

constexpr int kDevices = 3;

} // namespace

class TestSnmpPolling : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void statusReadIsOneSmallRequest();
    void alertRaisedInFleetsimIsStoredWithinOneIntervalAndClosedWhenCleared();
    void counterResetAfterSwapIsFlagged();
    void offlineDeviceComesBackOnlineWithHistoryIntact();
    void wrongCredentialsAreAnAuthFailure();

private:
    qint64 scalar(const QString &sql);
    // Moves the manual clock forward in small steps, letting every poll finish.
    bool runFor(std::chrono::milliseconds total, std::chrono::milliseconds step = 2s);
    // pollNow() for one device and waits until both cadences finished.
    bool pollNowAndWait(qint64 deviceId);

    test::FleetsimProcess m_sim;
    test::TempDataDir m_dir;
    test::ManualClock m_clock;
    SilentAudit m_audit;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::FileKeyStore> m_keys;
    std::unique_ptr<storage::SecretVault> m_vault;
    std::unique_ptr<ClockTimeSource> m_time;
    std::unique_ptr<snmp::SnmpEngine> m_engine;
    std::unique_ptr<InventoryCredentialSource> m_credentials;
    std::unique_ptr<SnmpDeviceReader> m_reader;
    std::unique_ptr<storage::Outbox> m_outbox;
    std::unique_ptr<TelemetryUplink> m_telemetry;
    std::unique_ptr<PollScheduler> m_scheduler;
    // Outbox payloads of one kind for one device, oldest first.
    QList<QJsonObject> outboxRecords(storage::OutboxKind kind, const QString &deviceKey);
    qint64 m_ids[kDevices] = {};
};

qint64 TestSnmpPolling::scalar(const QString &sql)
{
    return m_db->scalar(sql.toUtf8().constData())->toLongLong();
}

QList<QJsonObject> TestSnmpPolling::outboxRecords(storage::OutboxKind kind, const QString &deviceKey)
{
    QList<QJsonObject> out;
    for (const storage::OutboxRecord &r : m_outbox->peek({kind}, 10000, 64 * 1024 * 1024)) {
        if (r.deviceKey == deviceKey) {
            out.append(QJsonDocument::fromJson(r.payload).object());
        }
    }
    return out;
}

bool TestSnmpPolling::runFor(std::chrono::milliseconds total, std::chrono::milliseconds step)
{
    for (std::chrono::milliseconds done{0}; done < total; done += step) {
        m_clock.advance(step);
        m_engine->processTimers();
        if (!QTest::qWaitFor([&] { return m_scheduler->inFlight() == 0; }, 10000)) {
            return false;
        }
    }
    return true;
}

bool TestSnmpPolling::pollNowAndWait(qint64 deviceId)
{
    bool alertDone = false;
    bool counterDone = false;
    const auto connection =
        connect(m_scheduler.get(), &PollScheduler::pollFinished, this, [&](qint64 id, PollKind kind) {
            if (id == deviceId) {
                (kind == PollKind::Alert ? alertDone : counterDone) = true;
            }
        });
    if (!m_scheduler->pollNow(deviceId)) {
        disconnect(connection);
        return false;
    }
    // Answers come over real UDP; timeouts happen only when the manual clock moves.
    bool ok = false;
    for (int i = 0; i < 60 && !ok; ++i) {
        ok = QTest::qWaitFor([&] { return alertDone && counterDone; }, 500);
        if (!ok) {
            m_clock.advance(1s);
            m_engine->processTimers();
        }
    }
    disconnect(connection);
    return ok && QTest::qWaitFor([&] { return m_scheduler->inFlight() == 0; }, 10000);
}

void TestSnmpPolling::initTestCase()
{
    const QString started =
        m_sim.start(kDevices, QStringLiteral("poller:SHA-256:poller-auth-pw:AES-128:poller-priv-pw"),
                    {QStringLiteral("--no-dynamics")});
    QVERIFY2(started.isEmpty(), qPrintable(started));

    m_db = storage::Database::open(m_dir.filePath(QStringLiteral("netgateway.db")));
    storage::Migrations::apply(*m_db);
    m_keys = std::make_unique<storage::FileKeyStore>(m_dir.filePath(QStringLiteral("vault.key")));
    m_vault = std::make_unique<storage::SecretVault>(*m_db, *m_keys);

    // A discovery setting whose second credential answers, and the inventory
    // rows a discovery run would leave behind.
    discovery::DiscoverySettings setting;
    setting.name = QStringLiteral("fleet");
    setting.targets = {m_sim.address(0) + QLatin1Char('-') + m_sim.address(kDevices - 1)};
    discovery::Credential wrong;
    wrong.version = discovery::Credential::Version::V2c;
    wrong.community = QStringLiteral("not-the-community");
    discovery::Credential v3;
    v3.version = discovery::Credential::Version::V3;
    v3.user = QStringLiteral("poller");
    v3.auth = discovery::Credential::AuthProtocol::SHA256;
    v3.authPassphrase = QStringLiteral("poller-auth-pw");
    v3.priv = discovery::Credential::PrivProtocol::AES128;
    v3.privPassphrase = QStringLiteral("poller-priv-pw");
    setting.credentials = {wrong, v3};
    setting.registration = discovery::Registration::Managed;
    discovery::DiscoveryRepository settings(*m_db, *m_vault, m_clock, m_audit);
    const qint64 settingId = settings.add(setting);
    discovery::InventoryRepository inventory(*m_db, m_clock);
    for (int i = 0; i < kDevices; ++i) {
        discovery::DeviceObservation seen;
        seen.address = m_sim.address(i);
        seen.serialNumber = QStringLiteral("SIM%1").arg(i + 1, 4, 10, QLatin1Char('0'));
        seen.via = {QStringLiteral("snmp")};
        seen.settingId = settingId;
        seen.credentialPosition = 1;
        m_ids[i] = inventory.upsert(seen, discovery::Registration::Managed).id;
    }

    m_time = std::make_unique<ClockTimeSource>(m_clock);
    snmp::EngineOptions engineOptions;
    engineOptions.timeSource = m_time.get();
    m_engine = std::make_unique<snmp::SnmpEngine>(engineOptions);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_credentials = std::make_unique<InventoryCredentialSource>(*m_db, *m_vault, m_clock, m_audit);
    SnmpReaderOptions readerOptions;
    readerOptions.port = m_sim.port();
    readerOptions.timeoutMs = 2000;
    readerOptions.retries = 1;
    m_reader = std::make_unique<SnmpDeviceReader>(*m_engine, *m_credentials, readerOptions);
    m_scheduler = std::make_unique<PollScheduler>(*m_db, m_clock, SchedulerOptions{});
    m_outbox = std::make_unique<storage::Outbox>(m_dir.filePath(QStringLiteral("netgateway.db")));
    m_telemetry = std::make_unique<TelemetryUplink>(*m_reader, *m_db, *m_outbox, m_clock);
    m_scheduler->setReader(m_telemetry.get());
    m_scheduler->start();
    QCOMPARE(m_scheduler->deviceCount(), kDevices);
}

void TestSnmpPolling::cleanupTestCase()
{
    m_scheduler.reset();
    m_telemetry.reset();
    m_reader.reset();
    m_engine.reset();
}

void TestSnmpPolling::statusReadIsOneSmallRequest()
{
    const auto read = [&](int device) {
        StatusResult got;
        bool done = false;
        m_reader->readStatus(DeviceTarget{m_ids[device], m_sim.address(device)}, [&](StatusResult r) {
            got = std::move(r);
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000)) {
            got.detail = QStringLiteral("no answer");
        }
        return got;
    };
    const StatusResult first = read(0); // also discovers the SNMPv3 engine
    QCOMPARE(first.outcome, ReadOutcome::Ok);
    QCOMPARE(first.power, DevicePowerState::Online);
    QVERIFY(!first.alertMarker.isEmpty());
    QVERIFY(first.alertMarker.size() <= StatusResult::kMaxMarkerBytes);

    const auto before = m_engine->statistics();
    const StatusResult second = read(0);
    QCOMPARE(second.outcome, ReadOutcome::Ok);
    QCOMPARE(m_engine->statistics().requestsSent - before.requestsSent, quint64(1)); // ONE GET
    QCOMPARE(second.alertMarker, first.alertMarker);                                 // nothing changed

    QVERIFY(m_sim.control({{"cmd", "sleep"}, {"devices", 0}, {"on", true}}).value("ok").toBool());
    const StatusResult asleep = read(0);
    QCOMPARE(asleep.outcome, ReadOutcome::Ok);
    QCOMPARE(asleep.power, DevicePowerState::Sleeping);
    QVERIFY(m_sim.control({{"cmd", "sleep"}, {"devices", 0}, {"on", false}}).value("ok").toBool());

    // A reboot changes the marker even though the event counters restart.
    QVERIFY(m_sim.control({{"cmd", "reboot"}, {"devices", 0}}).value("ok").toBool());
    m_clock.advance(10s);
    const StatusResult rebooted = read(0);
    QCOMPARE(rebooted.outcome, ReadOutcome::Ok);
    QVERIFY(rebooted.alertMarker != first.alertMarker);
}

void TestSnmpPolling::alertRaisedInFleetsimIsStoredWithinOneIntervalAndClosedWhenCleared()
{
    const qint64 id = m_ids[0];
    const auto interval =
        std::chrono::duration_cast<std::chrono::milliseconds>(m_scheduler->deviceInfo(id)->alertInterval);
    QVERIFY(interval > 0ms);
    QVERIFY(runFor(interval)); // every device polled once: markers known
    const qint64 polls = static_cast<qint64>(m_scheduler->stats().alertPolls);
    QVERIFY(polls >= kDevices);
    const QString open =
        QStringLiteral("SELECT count(*) FROM device_alerts WHERE device_id = %1 AND cleared_at IS NULL").arg(id);
    QCOMPARE(scalar(open), 0);

    const QJsonObject raised =
        m_sim.control({{"cmd", "alert"}, {"devices", 0}, {"kind", "jam"}, {"action", "raise"}, {"subunit", 1}});
    QVERIFY2(raised.value("ok").toBool(), qPrintable(raised.value("error").toString()));
    const qint64 raisedAt = m_clock.nowSecs();
    const auto walksBefore = m_scheduler->stats().alertWalks;
    QVERIFY(runFor(interval));
    QCOMPARE(scalar(open), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT code FROM device_alerts WHERE device_id = %1").arg(id)), 8); // jammed
    QCOMPARE(
        m_db->scalar(
                QStringLiteral("SELECT severity FROM device_alerts WHERE device_id = %1").arg(id).toUtf8().constData())
            ->toString(),
        QStringLiteral("critical"));
    const qint64 storedAt = scalar(QStringLiteral("SELECT raised_at FROM device_alerts WHERE device_id = %1").arg(id));
    QVERIFY(storedAt >= raisedAt);
    QVERIFY(storedAt <= raisedAt + std::chrono::duration_cast<std::chrono::seconds>(interval).count());
    // Only the device whose marker changed had its table walked.
    QCOMPARE(m_scheduler->stats().alertWalks - walksBefore, 1u);
    // The cloud gets the alert, with the device's address where anonymous mode strips it.
    const QList<QJsonObject> alerts = outboxRecords(storage::OutboxKind::Alert, QStringLiteral("SIM0001"));
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts[0].value("severity").toString(), QStringLiteral("critical"));
    QCOMPARE(alerts[0].value("code").toString(), QStringLiteral("8"));
    QCOMPARE(alerts[0].value("cleared").toBool(), false);
    QCOMPARE(alerts[0].value("device").toObject().value("ipAddress").toString(), m_sim.address(0));
    QCOMPARE(alerts[0].value("device").toObject().value("serialNumber").toString(), QStringLiteral("SIM0001"));
    // The other devices have no alert.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM device_alerts WHERE device_id <> %1").arg(id)), 0);

    QVERIFY(m_sim.control({{"cmd", "alert"}, {"devices", 0}, {"kind", "jam"}, {"action", "clear"}, {"subunit", 0}})
                .value("ok")
                .toBool());
    const qint64 clearedFrom = m_clock.nowSecs();
    QVERIFY(runFor(interval));
    QCOMPARE(scalar(open), 0);
    const qint64 clearedAt =
        scalar(QStringLiteral("SELECT cleared_at FROM device_alerts WHERE device_id = %1").arg(id));
    QVERIFY(clearedAt >= clearedFrom);
    QVERIFY(clearedAt <= clearedFrom + std::chrono::duration_cast<std::chrono::seconds>(interval).count());
    const QList<QJsonObject> after = outboxRecords(storage::OutboxKind::Alert, QStringLiteral("SIM0001"));
    QCOMPARE(after.size(), 2);
    QCOMPARE(after[1].value("code").toString(), QStringLiteral("8"));
    QCOMPARE(after[1].value("cleared").toBool(), true);
}

void TestSnmpPolling::counterResetAfterSwapIsFlagged()
{
    const qint64 id = m_ids[1];
    QVERIFY(pollNowAndWait(id));
    const qint64 lifeCount = m_sim.control({{"cmd", "device"}, {"device", 1}}).value("lifeCount").toInteger();
    QVERIFY(lifeCount > 0);
    QCOMPARE(
        scalar(QStringLiteral("SELECT value FROM counter_latest WHERE device_id = %1 AND counter = 'total'").arg(id)),
        lifeCount);
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM supply_latest WHERE device_id = %1").arg(id)) > 0);
    // The same values are queued for the cloud.
    const QList<QJsonObject> counters = outboxRecords(storage::OutboxKind::Counters, QStringLiteral("SIM0002"));
    QVERIFY(!counters.isEmpty());
    QCOMPARE(counters.last().value("counters").toObject().value("total").toInteger(), lifeCount);
    QCOMPARE(counters.last().value("device").toObject().value("ipAddress").toString(), m_sim.address(1));
    const QList<QJsonObject> consumables = outboxRecords(storage::OutboxKind::Consumables, QStringLiteral("SIM0002"));
    QVERIFY(!consumables.isEmpty());
    const QJsonArray supplies = consumables.last().value("supplies").toArray();
    QCOMPARE(supplies.size(),
             scalar(QStringLiteral("SELECT count(*) FROM supply_latest WHERE device_id = %1").arg(id)));
    const QJsonArray simSupplies = m_sim.control({{"cmd", "device"}, {"device", 1}}).value("supplies").toArray();
    QCOMPARE(supplies.size(), simSupplies.size());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM counter_readings WHERE device_id = %1 AND reset = 1").arg(id)),
             0);

    QVERIFY(m_sim.control({{"cmd", "swap"}, {"devices", 1}}).value("ok").toBool());
    m_clock.advance(60s);
    QVERIFY(pollNowAndWait(id));
    QCOMPARE(
        scalar(QStringLiteral("SELECT value FROM counter_latest WHERE device_id = %1 AND counter = 'total'").arg(id)),
        0);
    QCOMPARE(scalar(QStringLiteral("SELECT reset FROM counter_readings WHERE device_id = %1 AND counter = 'total' "
                                   "ORDER BY read_at DESC, id DESC LIMIT 1")
                        .arg(id)),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM counter_readings WHERE usage < 0")), 0);
}

void TestSnmpPolling::offlineDeviceComesBackOnlineWithHistoryIntact()
{
    const qint64 id = m_ids[2];
    QVERIFY(pollNowAndWait(id));
    const QString lastStatus =
        QStringLiteral("SELECT status FROM device_status_events WHERE device_id = %1 ORDER BY at DESC, id DESC LIMIT 1")
            .arg(id);
    QCOMPARE(m_db->scalar(lastStatus.toUtf8().constData())->toString(), QStringLiteral("online"));
    const qint64 readings =
        scalar(QStringLiteral("SELECT count(*) FROM counter_readings WHERE device_id = %1").arg(id));
    QVERIFY(readings > 0);

    QVERIFY(m_sim.control({{"cmd", "fault"}, {"devices", 2}, {"silent", true}}).value("ok").toBool());
    m_clock.advance(60s);
    QVERIFY(pollNowAndWait(id)); // times out on the manual clock
    QCOMPARE(m_db->scalar(lastStatus.toUtf8().constData())->toString(), QStringLiteral("offline"));

    QVERIFY(m_sim.control({{"cmd", "clear-faults"}, {"devices", 2}}).value("ok").toBool());
    m_clock.advance(60s);
    QVERIFY(pollNowAndWait(id));
    QCOMPARE(m_db->scalar(lastStatus.toUtf8().constData())->toString(), QStringLiteral("online"));
    // online -> offline -> online, and the readings from before are all still there.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM device_status_events WHERE device_id = %1").arg(id)), 3);
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM counter_readings WHERE device_id = %1").arg(id)) >= readings);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM devices WHERE id = %1 AND state = 'managed'").arg(id)), 1);
}

void TestSnmpPolling::wrongCredentialsAreAnAuthFailure()
{
    class Fixed final : public CredentialSource {
    public:
        std::optional<snmp::Credentials> credentials(std::int64_t, QString &) override
        {
            snmp::Credentials c;
            c.version = snmp::Version::V3;
            c.user = "poller";
            c.authProtocol = snmp::AuthProtocol::SHA256;
            c.authPassphrase = "wrong-passphrase";
            c.privProtocol = snmp::PrivProtocol::AES128;
            c.privPassphrase = "poller-priv-pw";
            return c;
        }
        void invalidate(std::int64_t) override { ++invalidated; }
        int invalidated = 0;
    } fixed;
    SnmpReaderOptions options;
    options.port = m_sim.port();
    SnmpDeviceReader reader(*m_engine, fixed, options);
    StatusResult got;
    bool done = false;
    reader.readStatus(DeviceTarget{m_ids[0], m_sim.address(0)}, [&](StatusResult r) {
        got = std::move(r);
        done = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
    QCOMPARE(got.outcome, ReadOutcome::AuthFailure);
    QVERIFY(!got.detail.contains(QStringLiteral("wrong-passphrase")));
    QCOMPARE(fixed.invalidated, 1);
}

QTEST_GUILESS_MAIN(TestSnmpPolling)
#include "TestSnmpPolling.moc"
