// A discovery setting with WS-Discovery on, run across a real network
// boundary: two network namespaces joined by a veth pair with TEST-NET-1
// addresses that exist only between them. In the device namespace Debian's
// wsdd is the WS-Discovery target service and Debian's snmpd answers SNMP as
// a printer on the same address; this test process moves itself into the
// gateway namespace and runs the setting through DiscoveryControl. Needs root.
#include <netgateway/core/discovery/DiscoveryControl.h>
#include <netgateway/snmp/SnmpEngine.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>

#include "DiscoveryFixtures.h"
#include "ManualClock.h"
#include "TempDataDir.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

using namespace netgateway;
using namespace netgateway::core::discovery;

namespace {

const QByteArray kCommunity = "netns-right";
const QString kSerial = QStringLiteral("NETNS-PRN-0042");

int ip(const QStringList &args, QString *output = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("ip"), args);
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (output) {
        *output = QString::fromLocal8Bit(p.readAll());
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

void stop(QProcess &p)
{
    if (p.state() != QProcess::NotRunning) {
        p.terminate();
        if (!p.waitForFinished(5000)) {
            p.kill();
            p.waitForFinished(5000);
        }
    }
}

} // namespace

class TestDiscoveryNetns : public QObject {
    Q_OBJECT
private:
    const QString m_suffix = QString::number(::getpid());
    const QString m_nsA = QStringLiteral("ngdisc-gw-") + m_suffix;
    const QString m_nsB = QStringLiteral("ngdisc-dev-") + m_suffix;
    const QString m_ifA = QStringLiteral("ngda") + m_suffix;
    const QString m_ifB = QStringLiteral("ngdb") + m_suffix;
    bool m_created = false;
    QProcess m_wsdd;
    QProcess m_snmpd;
    test::TempDataDir m_dir;
    test::ManualClock m_clock;
    test::RecordingAudit m_audit;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::FileKeyStore> m_keys;
    std::unique_ptr<storage::SecretVault> m_vault;
    std::unique_ptr<DiscoveryControl> m_discovery;

    QStringList inNs(const QString &ns, const QStringList &args) const
    {
        return QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns} + args;
    }

    void teardown()
    {
        stop(m_wsdd);
        stop(m_snmpd);
        if (m_created) {
            ip({QStringLiteral("netns"), QStringLiteral("del"), m_nsA});
            ip({QStringLiteral("netns"), QStringLiteral("del"), m_nsB});
            m_created = false;
        }
    }

    bool snmpAnswers()
    {
        snmp::SnmpEngine engine;
        if (!engine.start()) {
            return false;
        }
        bool answered = false;
        bool pending = false;
        snmp::Target target;
        target.address = QHostAddress(QStringLiteral("192.0.2.2"));
        target.port = 161;
        target.credentials.community = kCommunity;
        target.timeoutMs = 200;
        target.retries = 0;
        const bool settled = QTest::qWaitFor(
            [&] {
                if (!pending && !answered && m_snmpd.state() == QProcess::Running) {
                    pending = true;
                    engine.get(target, {*snmp::Oid::parse(u"1.3.6.1.2.1.1.2.0")}, [&](const snmp::Response &r) {
                        pending = false;
                        answered = r.outcome == snmp::Outcome::Ok;
                    });
                }
                return answered || m_snmpd.state() != QProcess::Running;
            },
            20000);
        return settled && answered;
    }

public:
    ~TestDiscoveryNetns() override { teardown(); }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0) {
            QSKIP("needs root (CAP_NET_ADMIN) to create network namespaces and a veth pair");
        }
        const QString wsdd = QStandardPaths::findExecutable(QStringLiteral("wsdd"),
                                                            {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
        const QString snmpd = QStandardPaths::findExecutable(QStringLiteral("snmpd"), {QStringLiteral("/usr/sbin")});
        QVERIFY2(!wsdd.isEmpty() && !snmpd.isEmpty(), "wsdd or snmpd is missing: run scripts/install-deps.sh");
        QString out;
        if (ip({QStringLiteral("netns"), QStringLiteral("add"), m_nsA}, &out) != 0) {
            QSKIP(qPrintable(QStringLiteral("cannot create a network namespace: %1").arg(out)));
        }
        m_created = true;
        QVERIFY2(ip({QStringLiteral("netns"), QStringLiteral("add"), m_nsB}, &out) == 0, qPrintable(out));
        const QList<QStringList> steps = {
            inNs(m_nsA, {"ip", "link", "add", m_ifA, "type", "veth", "peer", "name", m_ifB, "netns", m_nsB}),
            inNs(m_nsA, {"ip", "addr", "add", "192.0.2.1/24", "dev", m_ifA}),
            inNs(m_nsB, {"ip", "addr", "add", "192.0.2.2/24", "dev", m_ifB}),
            inNs(m_nsA, {"ip", "link", "set", "lo", "up"}),
            inNs(m_nsB, {"ip", "link", "set", "lo", "up"}),
            inNs(m_nsA, {"ip", "link", "set", m_ifA, "up"}),
            inNs(m_nsB, {"ip", "link", "set", m_ifB, "up"}),
        };
        for (const QStringList &step : steps) {
            QVERIFY2(ip(step, &out) == 0, qPrintable(step.join(u' ') + QStringLiteral(": ") + out));
        }
        // From here on this process (its main thread and every thread or
        // child it starts) lives on the gateway side of the veth.
        const QByteArray nsPath = "/run/netns/" + m_nsA.toUtf8();
        const int fd = ::open(nsPath.constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY2(fd >= 0, "cannot open the gateway namespace");
        QVERIFY2(::setns(fd, CLONE_NEWNET) == 0, "cannot enter the gateway namespace");
        ::close(fd);

        // The device: snmpd as a printer (Printer-MIB serial, hrDeviceType printer) ...
        const QString snmpDir = m_dir.filePath(QStringLiteral("snmpd"));
        QVERIFY(QDir().mkpath(snmpDir));
        QFile conf(snmpDir + "/snmpd.conf");
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("rocommunity " + kCommunity + " 192.0.2.0/24\n");
        conf.write("override .1.3.6.1.2.1.43.5.1.1.17.1 octet_str \"" + kSerial.toUtf8() + "\"\n");
        conf.write("override .1.3.6.1.2.1.25.3.2.1.2.1 object_id .1.3.6.1.2.1.25.3.1.5\n");
        conf.write("override .1.3.6.1.2.1.25.3.2.1.3.1 octet_str \"Acme Printer 9000\"\n");
        conf.close();
        m_snmpd.setProcessChannelMode(QProcess::MergedChannels);
        m_snmpd.start(QStringLiteral("ip"),
                      inNs(m_nsB, {snmpd, "-f", "-Lf", snmpDir + "/log", "-C", "-c", conf.fileName(),
                                   "--persistentDir=" + snmpDir, QStringLiteral("udp:192.0.2.2:161")}));
        QVERIFY(m_snmpd.waitForStarted());
        QVERIFY2(snmpAnswers(), "snmpd in the device namespace does not answer across the veth");

        // ... and wsdd as its WS-Discovery target service, on IPv4 and IPv6,
        // once both link-local addresses have passed duplicate address detection.
        for (const auto &[ns, dev] : {std::pair{m_nsA, m_ifA}, std::pair{m_nsB, m_ifB}}) {
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             QString addrs;
                             ip(inNs(ns, {"ip", "-6", "addr", "show", "dev", dev}), &addrs);
                             return addrs.contains(QLatin1String("fe80::")) &&
                                    !addrs.contains(QLatin1String("tentative"));
                         },
                         15000),
                     "no usable IPv6 link-local address on the veth");
        }
        m_wsdd.setProcessChannelMode(QProcess::MergedChannels);
        m_wsdd.start(QStringLiteral("ip"),
                     inNs(m_nsB, {wsdd, "--interface", m_ifB, "-v", "--hostname", "NGNETNSPRINTER"}));
        QVERIFY(m_wsdd.waitForStarted());
        QByteArray log;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         log += m_wsdd.readAll();
                         return log.count("joined multicast group") >= 2 || log.toLower().contains("ff02::c");
                     },
                     15000),
                 log.constData());

        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("netgateway.db")));
        storage::Migrations::apply(*m_db);
        m_keys = std::make_unique<storage::FileKeyStore>(m_dir.filePath(QStringLiteral("vault.key")));
        m_vault = std::make_unique<storage::SecretVault>(*m_db, *m_keys);
        m_discovery = std::make_unique<DiscoveryControl>(*m_db, *m_vault, m_clock, m_audit);
    }

    void cleanupTestCase()
    {
        m_discovery.reset();
        teardown();
    }

    // The FF02::C Probe on the gateway's side of the veth is answered over IPv6.
    void ipv6MulticastProbeIsAnswered()
    {
        WsdOptions options;
        options.interfaces = {m_ifA};
        options.window = std::chrono::milliseconds(1500);
        options.metadata = false;
        WsdDiscovery wsd(TargetIterator({}, {}), options);
        QSignalSpy finished(&wsd, &WsdDiscovery::finished);
        QString error;
        QVERIFY2(wsd.start(&error), qPrintable(error));
        QCOMPARE(wsd.ipv6Interfaces(), QStringList{m_ifA});
        QVERIFY(finished.wait(10000));
        QVERIFY2(wsd.ipv6Matches() >= 1, "no ProbeMatches over IPv6");
        // wsdd answered both probes: still one device, under its IPv4 address.
        QCOMPARE(wsd.finds().size(), 1);
        QCOMPARE(wsd.finds().first().address.toString(), QStringLiteral("192.0.2.2"));
    }

    // The setting's run finds wsdd by its multicast Probe on the gateway's
    // side of the veth, reads its metadata, and confirms it over SNMP: one
    // device, via [snmp, wsd].
    void settingWithWsdFindsTheResponder()
    {
        DiscoverySettings s;
        s.name = QStringLiteral("veth printers");
        s.targets = {QStringLiteral("192.0.2.2-192.0.2.5")};
        Credential wrong;
        wrong.community = QStringLiteral("netns-wrong");
        Credential right;
        right.community = QString::fromUtf8(kCommunity);
        s.credentials = {wrong, right};
        s.wsDiscovery = true;
        s.registration = Registration::Managed;
        const qint64 id = m_discovery->settings().add(s);

        const QJsonObject started = m_discovery->startRun(
            id, QJsonObject{{"timeoutMs", 300}, {"wsdWindowMs", 2000}, {"wsdInterfaces", QJsonArray{m_ifA}}});
        QCOMPARE(started.value("wsd").toBool(), true);
        QSignalSpy finished(m_discovery->lastRun(), &DiscoveryRun::finished);
        QVERIFY(finished.wait(30000));
        const SweepSummary summary = m_discovery->lastRun()->summary();
        QVERIFY2(!summary.cancelled, "the run was cancelled");
        QCOMPARE(summary.wsdFound, 1);
        QCOMPARE(summary.wsdConfirmed, 1);
        QCOMPARE(summary.found, 1);
        QCOMPARE(summary.newDevices, 1);
        QCOMPARE(summary.scanned, 4u);
        // The metadata came from wsdd over HTTP across the veth.
        for (const QString &e : summary.errors) {
            QVERIFY2(!e.contains(QLatin1String("metadata")), qPrintable(e));
        }
        const QList<DeviceRecord> records = m_discovery->inventory().list();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().address, QStringLiteral("192.0.2.2"));
        QCOMPARE(records.first().via, (QStringList{"snmp", "wsd"}));
        QCOMPARE(records.first().serialNumber, kSerial);
        QCOMPARE(records.first().credentialPosition, 1);
        QCOMPARE(records.first().state, QStringLiteral("managed"));
    }
};

QTEST_GUILESS_MAIN(TestDiscoveryNetns)
#include "TestDiscoveryNetns.moc"
