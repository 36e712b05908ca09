#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/core/discovery/SnmpSweep.h>
#include <netgateway/snmp/SnmpEngine.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include "DaemonProcess.h"
#include "ManualClock.h"
#include "TempDataDir.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace netgateway;
using namespace netgateway::core::discovery;

namespace {

const QString kRight = QStringLiteral("sweep-right");

QList<snmp::Credentials> thirdWorks()
{
    snmp::Credentials wrongCommunity;
    wrongCommunity.version = snmp::Version::V2c;
    wrongCommunity.community = "sweep-wrong";
    snmp::Credentials unknownUser;
    unknownUser.version = snmp::Version::V3;
    unknownUser.user = "nobody";
    unknownUser.authProtocol = snmp::AuthProtocol::SHA256;
    unknownUser.authPassphrase = "nobody-auth-pass";
    snmp::Credentials right;
    right.version = snmp::Version::V2c;
    right.community = kRight.toUtf8();
    return {wrongCommunity, unknownUser, right};
}

TargetIterator targets(const QStringList &entries)
{
    QList<TargetSpec> specs;
    for (const QString &entry : entries) {
        QString error;
        auto spec = TargetSpec::parse(entry, error);
        if (!spec) {
            qFatal("bad target in test: %s", qPrintable(error));
        }
        specs.append(*spec);
    }
    return TargetIterator(specs, {});
}

quint16 randomPort()
{
    return static_cast<quint16>(QRandomGenerator::global()->bounded(20000, 60000));
}

// Debian's snmpd on one loopback address; with `serial` set it also serves a
// minimal Printer-MIB / hrDeviceTable identity through `override` lines.
class Snmpd {
public:
    bool start(const QString &dir, const QString &address, quint16 port, const QString &serial)
    {
        const QString snmpd = QStandardPaths::findExecutable("snmpd", {"/usr/sbin", "/usr/local/sbin"});
        if (snmpd.isEmpty() || !QDir().mkpath(dir)) {
            return false;
        }
        QFile conf(dir + "/snmpd.conf");
        if (!conf.open(QIODevice::WriteOnly)) {
            return false;
        }
        conf.write("rocommunity " + kRight.toUtf8() + " 127.0.0.0/8\n");
        if (!serial.isEmpty()) {
            conf.write("override .1.3.6.1.2.1.43.5.1.1.17.1 octet_str \"" + serial.toUtf8() + "\"\n");
            conf.write("override .1.3.6.1.2.1.25.3.2.1.2.1 object_id .1.3.6.1.2.1.25.3.1.5\n");
            conf.write("override .1.3.6.1.2.1.25.3.2.1.3.1 octet_str \"Acme Printer 9000\"\n");
        }
        conf.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(snmpd, {"-f", "-Lf", dir + "/log", "-C", "-c", conf.fileName(), "--persistentDir=" + dir,
                                QStringLiteral("udp:%1:%2").arg(address).arg(port)});
        if (!m_process.waitForStarted()) {
            return false;
        }
        // Ready when it answers a GET (never a fixed sleep).
        snmp::SnmpEngine engine;
        if (!engine.start()) {
            return false;
        }
        bool answered = false;
        bool pending = false;
        snmp::Target target;
        target.address = QHostAddress(address);
        target.port = port;
        target.credentials.community = kRight.toUtf8();
        target.timeoutMs = 200;
        target.retries = 0;
        const bool settled = QTest::qWaitFor(
            [&] {
                if (!pending && !answered && m_process.state() == QProcess::Running) {
                    pending = true;
                    engine.get(target, {*snmp::Oid::parse(u"1.3.6.1.2.1.1.2.0")}, [&](const snmp::Response &r) {
                        pending = false;
                        answered = r.outcome == snmp::Outcome::Ok;
                    });
                }
                return answered || m_process.state() != QProcess::Running;
            },
            20000);
        return settled && answered;
    }
    ~Snmpd()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished();
            }
        }
    }

private:
    QProcess m_process;
};

} // namespace

class TestSnmpSweep : public QObject {
    Q_OBJECT
private:
    test::TempDataDir m_dir;
    QProcess m_sim;
    QLocalSocket m_control;
    quint16 m_simPort = 0;
    std::unique_ptr<storage::Database> m_db;
    test::ManualClock m_clock;
    std::unique_ptr<InventoryRepository> m_inventory;

    QJsonObject ctl(const QJsonObject &cmd)
    {
        m_control.write(QJsonDocument(cmd).toJson(QJsonDocument::Compact) + '\n');
        m_control.flush();
        if (!QTest::qWaitFor([&] { return m_control.canReadLine(); }, 10000)) {
            return QJsonObject{{"ok", false}, {"error", "no reply from the control socket"}};
        }
        return QJsonDocument::fromJson(m_control.readLine()).object();
    }

    SweepSummary run(SnmpSweep &sweep, int timeoutMs = 20000)
    {
        QSignalSpy finished(&sweep, &SnmpSweep::finished);
        QString error;
        if (!sweep.start(&error)) {
            qWarning("sweep did not start: %s", qPrintable(error));
            return {};
        }
        if (!finished.wait(timeoutMs)) {
            qWarning("sweep did not finish");
        }
        return sweep.summary();
    }

    static SweepOptions fast(quint16 port)
    {
        SweepOptions o;
        o.port = port;
        o.timeoutMs = 300;
        o.retries = 1;
        o.probesPerSecond = 0;
        return o;
    }

private slots:
    void initTestCase()
    {
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("netgateway.db")));
        storage::Migrations::apply(*m_db);
        m_inventory = std::make_unique<InventoryRepository>(*m_db, m_clock);
        // Settings the devices are found by (the inventory refers to them).
        for (int id : {1, 3, 7}) {
            storage::Statement s(*m_db, "INSERT INTO discovery_settings(id, name, wsd_enabled, schedule, "
                                        "registration, created_at, updated_at) VALUES(?1, ?2, 0, 'manual', "
                                        "'pending', 0, 0)");
            s.bind(1, id);
            s.bind(2, QStringLiteral("setting %1").arg(id));
            s.run();
        }

        bool ready = false;
        for (int attempt = 0; attempt < 5 && !ready; ++attempt) {
            m_simPort = randomPort();
            m_sim.setProcessChannelMode(QProcess::SeparateChannels);
            m_sim.start(QStringLiteral(FLEETSIM_PATH),
                        {"--devices", "6", "--base", "127.61.0.1", "--port", QString::number(m_simPort), "--community",
                         kRight, "--v3-user", "ops:SHA-256:ops-auth-pass:AES-128:ops-priv-pass", "--speed", "0",
                         "--no-dynamics", "--templates", QStringLiteral(FLEETSIM_TEMPLATES), "--control",
                         m_dir.filePath("fleetsim.sock")});
            QVERIFY(m_sim.waitForStarted());
            QVERIFY(
                QTest::qWaitFor([&] { return m_sim.canReadLine() || m_sim.state() == QProcess::NotRunning; }, 30000));
            ready = m_sim.state() == QProcess::Running && m_sim.readLine().startsWith("fleetsim ready: 6 devices");
            if (!ready) {
                m_sim.kill();
                m_sim.waitForFinished();
            }
        }
        QVERIFY2(ready, "fleetsim did not start");
        m_control.connectToServer(m_dir.filePath("fleetsim.sock"));
        QVERIFY(m_control.waitForConnected(5000));
    }

    void cleanupTestCase()
    {
        m_control.disconnectFromServer();
        if (m_sim.state() != QProcess::NotRunning) {
            m_sim.terminate();
            QVERIFY(m_sim.waitForFinished(10000));
        }
    }

    void init() { m_db->exec("DELETE FROM devices"); }

    // Six printers and four silent addresses; only the third credential works.
    void fleetsimThirdCredentialAnswers()
    {
        SnmpSweep sweep(targets({"127.61.0.1-127.61.0.10"}), thirdWorks(), fast(m_simPort));
        sweep.setInventory(m_inventory.get(), Registration::Managed, 7);
        QSignalSpy found(&sweep, &SnmpSweep::deviceFound);
        const SweepSummary s = run(sweep);
        QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join(u'\n')));
        QCOMPARE(s.scanned, 10u);
        QCOMPARE(s.found, 6);
        QCOMPARE(s.newDevices, 6);
        QCOMPARE(s.moved, 0);
        QCOMPARE(s.unreachable, 4);
        QCOMPARE(s.nonPrinters, 0);
        QCOMPARE(s.authFailures, (QList<int>{6, 6, 0}));
        QCOMPARE(s.cancelled, false);
        QVERIFY(s.errors.isEmpty());
        QCOMPARE(found.count(), 6);

        const QJsonObject dev0 = ctl({{"cmd", "device"}, {"device", 0}});
        QVERIFY(dev0.value("ok").toBool());
        bool seen = false;
        for (const SweepDevice &d : sweep.devices()) {
            QCOMPARE(d.credentialPosition, 2);
            QCOMPARE(d.via, QStringList{"snmp"});
            QVERIFY(!d.manufacturer.isEmpty());
            QVERIFY(!d.model.isEmpty());
            if (d.address == QLatin1String("127.61.0.1")) {
                seen = true;
                QCOMPARE(d.serialNumber, dev0.value("serial").toString());
                QCOMPARE(d.macAddress, InventoryRepository::normalizeMac(dev0.value("mac").toString()));
                QCOMPARE(d.manufacturer, dev0.value("vendor").toString());
                QCOMPARE(d.model, dev0.value("model").toString());
            }
        }
        QVERIFY(seen);
        const QList<DeviceRecord> records = m_inventory->list();
        QCOMPARE(records.size(), 6);
        for (const DeviceRecord &r : records) {
            QCOMPARE(r.state, QStringLiteral("managed"));
            QCOMPARE(r.credentialPosition, 2);
            QCOMPARE(r.credentialSetting, 7);
        }
    }

    // The same with an SNMPv3 user as the working third entry.
    void fleetsimThirdCredentialV3()
    {
        QList<snmp::Credentials> creds = thirdWorks();
        creds[2] = snmp::Credentials{};
        creds[2].version = snmp::Version::V3;
        creds[2].user = "ops";
        creds[2].authProtocol = snmp::AuthProtocol::SHA256;
        creds[2].authPassphrase = "ops-auth-pass";
        creds[2].privProtocol = snmp::PrivProtocol::AES128;
        creds[2].privPassphrase = "ops-priv-pass";
        SnmpSweep sweep(targets({"127.61.0.1-127.61.0.8"}), creds, fast(m_simPort));
        sweep.setInventory(m_inventory.get(), Registration::Pending, 3);
        const SweepSummary s = run(sweep);
        QCOMPARE(s.found, 6);
        QCOMPARE(s.unreachable, 2);
        QCOMPARE(s.authFailures, (QList<int>{6, 6, 0}));
        for (const DeviceRecord &r : m_inventory->list()) {
            QCOMPARE(r.state, QStringLiteral("pending"));
            QCOMPARE(r.credentialPosition, 2);
        }
    }

    // A device that moves between two runs keeps its record, history and priority.
    void movedDeviceKeepsRecord()
    {
        SnmpSweep first(targets({"127.61.0.1-127.61.0.12"}), thirdWorks(), fast(m_simPort));
        first.setInventory(m_inventory.get(), Registration::Managed, 1);
        QCOMPARE(run(first).newDevices, 6);
        const auto before = m_inventory->list();
        qint64 id = 0;
        for (const DeviceRecord &r : before) {
            if (r.address == QLatin1String("127.61.0.2")) {
                id = r.id;
            }
        }
        QVERIFY(id != 0);
        // History and priority live in polling's own tables, keyed by the device id.
        storage::Statement h(*m_db, "INSERT INTO counter_readings(device_id, counter, read_at, value) "
                                    "VALUES(?1, 'total', 1000, 1234)");
        h.bind(1, id);
        h.run();
        storage::Statement p(*m_db, "INSERT INTO device_activity(device_id, rating, pinned_category, added_at) "
                                    "VALUES(?1, 7.5, 'very_high', 1000)");
        p.bind(1, id);
        p.run();

        const QJsonObject moved = ctl({{"cmd", "move"}, {"device", 1}, {"address", "127.61.0.11"}});
        QVERIFY2(moved.value("ok").toBool(), qPrintable(moved.value("error").toString()));
        SnmpSweep second(targets({"127.61.0.1-127.61.0.12"}), thirdWorks(), fast(m_simPort));
        second.setInventory(m_inventory.get(), Registration::Pending, 1);
        const SweepSummary s = run(second);
        ctl({{"cmd", "move"}, {"device", 1}, {"address", "127.61.0.2"}});
        QCOMPARE(s.found, 6);
        QCOMPARE(s.newDevices, 0);
        QCOMPARE(s.moved, 1);
        QCOMPARE(m_inventory->list().size(), 6);
        const auto record = m_inventory->find(id);
        QVERIFY(record);
        QCOMPARE(record->address, QStringLiteral("127.61.0.11"));
        QCOMPARE(record->previousAddress, QStringLiteral("127.61.0.2"));
        QCOMPARE(record->state, QStringLiteral("managed"));
        QCOMPARE(m_db->scalar("SELECT device_id FROM counter_readings WHERE value = 1234")->toLongLong(), id);
        storage::Statement activity(*m_db, "SELECT pinned_category, rating FROM device_activity WHERE device_id = ?1");
        activity.bind(1, id);
        QVERIFY(activity.step());
        QCOMPARE(activity.text(0), QStringLiteral("very_high"));
        QCOMPARE(activity.real(1), 7.5);
        QCOMPARE(m_db->scalar("SELECT COUNT(*) FROM device_activity")->toLongLong(), 1);
    }

    // A /16 run is cancelled after its first progress report.
    void cancelMidRun()
    {
        SweepOptions o = fast(m_simPort);
        o.probesPerSecond = 2000;
        o.timeoutMs = 1000;
        SnmpSweep sweep(targets({"127.61.0.0/16"}), thirdWorks(), o);
        QSignalSpy progress(&sweep, &SnmpSweep::progress);
        QSignalSpy finished(&sweep, &SnmpSweep::finished);
        QVERIFY(sweep.start());
        QVERIFY(progress.wait(5000));
        const auto first = progress.at(0).at(0).value<SweepProgress>();
        QCOMPARE(first.total, 65534u);
        QVERIFY(first.done < first.total);
        sweep.cancel();
        QVERIFY(finished.wait(5000));
        const SweepSummary s = sweep.summary();
        QVERIFY(s.cancelled);
        QVERIFY(s.scanned < 65534u);
        QVERIFY(!sweep.isRunning());
    }

    // Real snmpd agents on several loopback addresses: two with printer
    // identity, one plain host (a non-printer) and one silent address.
    void snmpdAgentsThirdCredentialAnswers()
    {
        if (QStandardPaths::findExecutable("snmpd", {"/usr/sbin", "/usr/local/sbin"}).isEmpty()) {
            QSKIP("snmpd is not installed (package snmpd)");
        }
        quint16 port = 0;
        std::unique_ptr<Snmpd> a;
        std::unique_ptr<Snmpd> b;
        std::unique_ptr<Snmpd> plain;
        for (int attempt = 0; attempt < 3 && !plain; ++attempt) {
            port = randomPort();
            a = std::make_unique<Snmpd>();
            b = std::make_unique<Snmpd>();
            auto c = std::make_unique<Snmpd>();
            const QString base = m_dir.filePath(QStringLiteral("snmpd%1-").arg(attempt));
            if (a->start(base + "a", "127.62.0.1", port, "SNMPDA0001") &&
                b->start(base + "b", "127.62.0.2", port, "SNMPDB0002") &&
                c->start(base + "c", "127.62.0.3", port, {})) {
                plain = std::move(c);
            }
        }
        QVERIFY2(plain, "snmpd did not start");
        SnmpSweep sweep(targets({"127.62.0.1-127.62.0.4"}), thirdWorks(), fast(port));
        sweep.setInventory(m_inventory.get(), Registration::Managed, 1);
        const SweepSummary s = run(sweep);
        QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join(u'\n')));
        QCOMPARE(s.scanned, 4u);
        QCOMPARE(s.found, 2);
        QCOMPARE(s.newDevices, 2);
        QCOMPARE(s.nonPrinters, 1);
        QCOMPARE(s.unreachable, 1);
        QCOMPARE(s.authFailures, (QList<int>{3, 3, 0}));
        QStringList serials;
        for (const SweepDevice &d : sweep.devices()) {
            serials.append(d.serialNumber);
            QCOMPARE(d.credentialPosition, 2);
            QCOMPARE(d.manufacturer, QStringLiteral("Acme"));
            QCOMPARE(d.model, QStringLiteral("Printer 9000"));
        }
        serials.sort();
        QCOMPARE(serials, (QStringList{"SNMPDA0001", "SNMPDB0002"}));
        const auto record = m_inventory->findByPhysicalKey(QStringLiteral("SNMPDA0001"), {});
        QVERIFY(record);
        QCOMPARE(record->address, QStringLiteral("127.62.0.1"));
        QCOMPARE(record->credentialPosition, 2);
    }

    // netgatewayctl discover runs a sweep without the service.
    void discoverCommandPrintsJson()
    {
        QProcess cli;
        cli.start(QStringLiteral(NETGATEWAYCTL_PATH),
                  {"discover", "127.61.0.1-127.61.0.8", "--port", QString::number(m_simPort), "--community",
                   "sweep-wrong", "--community", kRight, "--rate", "0", "--timeout", "300", "--json"});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject out = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QCOMPARE(out.value("scanned").toInt(), 8);
        QCOMPARE(out.value("nonPrinters").toInt(), 0);
        QCOMPARE(out.value("authFailures").toInt(), 6);
        QVERIFY(out.value("elapsedMs").toInt() > 0);
        const QJsonArray devices = out.value("devices").toArray();
        QCOMPARE(devices.size(), 6);
        const QJsonObject dev0 = ctl({{"cmd", "device"}, {"device", 0}});
        bool seen = false;
        for (const QJsonValue &v : devices) {
            const QJsonObject d = v.toObject();
            QCOMPARE(d.value("via").toArray(), QJsonArray{"snmp"});
            if (d.value("address").toString() == QLatin1String("127.61.0.1")) {
                seen = true;
                QCOMPARE(d.value("serialNumber").toString(), dev0.value("serial").toString());
                QCOMPARE(d.value("manufacturer").toString(), dev0.value("vendor").toString());
                QCOMPARE(d.value("model").toString(), dev0.value("model").toString());
                QVERIFY(!d.value("macAddress").toString().isEmpty());
            }
        }
        QVERIFY(seen);

        QProcess bad;
        bad.start(QStringLiteral(NETGATEWAYCTL_PATH), {"discover", "127.61.0.9-127.61.0.1"});
        QVERIFY(bad.waitForFinished(10000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("reversed"));
    }

    // Through the service: `netgatewayctl discovery run` shows live progress
    // and the summary; `discovery cancel` stops a long run.
    void serviceRunProgressAndCancel()
    {
        test::TempDataDir dir;
        test::DaemonProcess daemon(dir.path());
        QVERIFY2(daemon.start(), daemon.standardError().constData());
        const QStringList credentials{"--community",  "sweep-wrong", "--v3-user",   "nobody",
                                      "--auth-proto", "SHA256",      "--auth-pass", "nobody-auth-pass",
                                      "--community",  kRight,        "--managed"};
        auto r = daemon.ctl(QStringList{"discovery", "add", "Lab", "--target", "127.61.0.1-127.61.0.10"} + credentials);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = daemon.ctl(QStringList{"discovery", "add", "Big", "--target", "127.61.0.0/16"} + credentials);
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = daemon.ctl({"discovery", "run", "Lab", "--port", QString::number(m_simPort), "--timeout", "300"}, 30000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("progress "), r.out.constData());
        QVERIFY2(r.out.contains("progress 10/10 addresses, 6 found"), r.out.constData());
        QVERIFY2(r.out.contains("finished: found 6, new 6, moved 0, unreachable 4, non-printers 0; "
                                "authentication failures #1: 6, #2: 6, #3: 0"),
                 r.out.constData());

        QProcess big;
        big.start(QStringLiteral(NETGATEWAYCTL_PATH), {"--data-dir", dir.path(), "discovery", "run", "Big", "--port",
                                                       QString::number(m_simPort), "--rate", "2000"});
        QVERIFY(big.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return big.canReadLine() || big.state() == QProcess::NotRunning; }, 10000));
        QVERIFY(big.readLine().startsWith("progress "));
        r = daemon.ctl({"discovery", "cancel"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("discovery cancelled"));
        QVERIFY(big.waitForFinished(10000));
        QCOMPARE(big.exitCode(), 0);
        const QByteArray bigOut = big.readAllStandardOutput();
        QVERIFY2(bigOut.contains("cancelled: found "), bigOut.constData());
    }

    void refusesEmptyCredentialList()
    {
        SnmpSweep sweep(targets({"127.61.0.1"}), {}, fast(m_simPort));
        QString error;
        QVERIFY(!sweep.start(&error));
        QVERIFY(error.contains("credential"));
    }
};

QTEST_MAIN(TestSnmpSweep)
#include "TestSnmpSweep.moc"
