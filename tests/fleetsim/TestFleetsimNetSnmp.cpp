// End-to-end tests of the fleetsim executable with Net-SNMP's own command-line
// tools as the client: v1, v2c and v3 with every auth/priv combination the tools
// offer, full walks, SET, alerts and status, dynamics and injected faults.

#include "Ber.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QNetworkDatagram>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <unistd.h>

namespace {

struct ToolResult {
    int rc = -1;
    QString out;
    QString err;
    qint64 elapsedMs = 0;
};

struct Combo {
    QString user, auth, authPass, priv, privPass;
};

const QStringList kAuths = {"MD5", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512"};
const QStringList kPrivs = {"none", "DES", "AES", "AES-192", "AES-256"};

const char *kSysName = "1.3.6.1.2.1.1.5.0";
const char *kSysLocation = "1.3.6.1.2.1.1.6.0";
const char *kSysUpTime = "1.3.6.1.2.1.1.3.0";
const char *kSerial = "1.3.6.1.2.1.43.5.1.1.17.1";
const char *kLifeCount = "1.3.6.1.2.1.43.10.2.1.4.1.1";
const char *kMac = "1.3.6.1.2.1.2.2.1.6.1";
const char *kErrorState = "1.3.6.1.2.1.25.3.5.1.2.1";
const char *kHrPrinterStatus = "1.3.6.1.2.1.25.3.5.1.1.1";
const char *kHrDeviceStatus = "1.3.6.1.2.1.25.3.2.1.5.1";
const char *kAllEvents = "1.3.6.1.2.1.43.5.1.1.19.1";
const char *kConfigChanges = "1.3.6.1.2.1.43.5.1.1.1.1";
const char *kSupplyLevel1 = "1.3.6.1.2.1.43.11.1.1.9.1.1";
const char *kDisplay = "1.3.6.1.2.1.43.16.5.1.2.1.1";

QString unquote(QString s)
{
    s = s.trimmed();
    if (s.size() >= 2 && s.startsWith('"') && s.endsWith('"'))
        s = s.mid(1, s.size() - 2);
    return s;
}

QString normHex(QString s)
{
    return unquote(s).remove(' ').remove(':').toUpper();
}

} // namespace

class TestFleetsimNetSnmp : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void repliesComeFromTheDeviceAddress();
    void v1AndV2cGet();
    void v3EveryAuthPrivCombination_data();
    void v3EveryAuthPrivCombination();
    void v3WrongPassphraseFails();
    void walkWholeTree();
    void setWritableObjects();
    void alertsAndStatusVisible();
    void sleepMode();
    void dynamicsAdvanceCounters();
    void counterResetAfterSwap();
    void faultSilentTimesOut();
    void faultMalformedAndTruncated();
    void faultDelayAndLoss();
    void faultWrongEngineTime();
    void moveAddress();
    void garbageDatagramsKeepProcessUp();
    void usageErrorsAreClear();
    void snmpdOverridesServeTheSameValues();

private:
    QString agent(int device) const;
    QString address(int device) const;
    ToolResult tool(const QString &program, const QStringList &args, int timeoutMs = 30000);
    QStringList v2c(int device, const QString &community = QStringLiteral("public")) const;
    QStringList v3(int device, const Combo &c) const;
    QString getValue(int device, const char *oid, const QStringList &extra = {"-Oe", "-Ot"});
    QJsonObject ctl(const QJsonObject &cmd);
    QJsonObject device(int index) { return ctl({{"cmd", "device"}, {"device", index}}); }

    QProcess m_sim;
    QTemporaryDir m_dir;
    QLocalSocket m_control;
    int m_port = 0;
    quint32 m_base = 0;
    std::vector<Combo> m_combos;
    static constexpr int kDevices = 14;
};

QString TestFleetsimNetSnmp::address(int device) const
{
    const quint32 a = m_base + static_cast<quint32>(device);
    return QStringLiteral("%1.%2.%3.%4").arg(a >> 24).arg((a >> 16) & 0xFF).arg((a >> 8) & 0xFF).arg(a & 0xFF);
}

QString TestFleetsimNetSnmp::agent(int device) const
{
    return address(device) + ':' + QString::number(m_port);
}

ToolResult TestFleetsimNetSnmp::tool(const QString &program, const QStringList &args, int timeoutMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MIBS", ""); // numeric output regardless of installed MIBs
    p.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    ToolResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "tool did not finish";
        return r;
    }
    r.elapsedMs = t.elapsed();
    r.rc = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QStringList TestFleetsimNetSnmp::v2c(int device, const QString &community) const
{
    return {"-v2c", "-c", community, "-t", "3", "-r", "1", agent(device)};
}

QStringList TestFleetsimNetSnmp::v3(int device, const Combo &c) const
{
    QStringList a = {"-v3", "-u", c.user, "-t", "3", "-r", "1"};
    if (c.auth.isEmpty()) {
        a << "-l"
          << "noAuthNoPriv";
    } else if (c.priv == "none") {
        a << "-l"
          << "authNoPriv"
          << "-a" << c.auth << "-A" << c.authPass;
    } else {
        a << "-l"
          << "authPriv"
          << "-a" << c.auth << "-A" << c.authPass << "-x" << c.priv << "-X" << c.privPass;
    }
    a << agent(device);
    return a;
}

QString TestFleetsimNetSnmp::getValue(int device, const char *oid, const QStringList &extra)
{
    const ToolResult r = tool("snmpget", QStringList{"-Oqv"} + extra + v2c(device) + QStringList{oid});
    if (r.rc != 0)
        return QStringLiteral("<error %1: %2>").arg(r.rc).arg(r.err + r.out);
    return unquote(r.out.trimmed());
}

QJsonObject TestFleetsimNetSnmp::ctl(const QJsonObject &cmd)
{
    m_control.write(QJsonDocument(cmd).toJson(QJsonDocument::Compact) + '\n');
    m_control.flush();
    if (!QTest::qWaitFor([&] { return m_control.canReadLine(); }, 10000))
        return QJsonObject{{"ok", false}, {"error", "no reply from the control socket"}};
    const QJsonObject r = QJsonDocument::fromJson(m_control.readLine()).object();
    if (!r.value("ok").toBool())
        qWarning("control command failed: %s", qPrintable(r.value("error").toString()));
    return r;
}

void TestFleetsimNetSnmp::initTestCase()
{
    QVERIFY2(!QStandardPaths::findExecutable("snmpget").isEmpty(), "Net-SNMP tools missing: install package snmp");
    QVERIFY(m_dir.isValid());
    const int pid = static_cast<int>(::getpid());
    m_base = (127u << 24) | ((30u + static_cast<quint32>(pid % 200)) << 16) | 1u;
    QStringList args = {"--devices", QString::number(kDevices),     "--base", address(0), "--speed", "0", "--seed", "7",
                        "--control", m_dir.filePath("control.sock")};
    for (int a = 0; a < kAuths.size(); ++a) {
        for (int p = 0; p < kPrivs.size(); ++p) {
            Combo c{QStringLiteral("u%1%2").arg(a).arg(p), kAuths[a], QStringLiteral("auth-pass-%1-%2").arg(a).arg(p),
                    kPrivs[p], QStringLiteral("priv-pass-%1-%2").arg(a).arg(p)};
            QString spec = c.user + ':' + c.auth + ':' + c.authPass;
            if (c.priv != "none")
                spec += ':' + c.priv + ':' + c.privPass;
            args << "--v3-user" << spec;
            m_combos.push_back(c);
        }
    }
    m_combos.push_back(Combo{"plain", {}, {}, {}, {}});
    args << "--v3-user"
         << "plain";
    // A Reeder-variant user comes from a users file, exercising --v3-users-file.
    QFile users(m_dir.filePath("users.txt"));
    QVERIFY(users.open(QIODevice::WriteOnly));
    users.write("# v3 users\nreeder:SHA:reeder-auth-pw:AES-256-C:reeder-priv-pw\n");
    users.close();
    args << "--v3-users-file" << users.fileName();
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = 20000 + static_cast<int>(QRandomGenerator::global()->bounded(30000));
        m_sim.setProcessChannelMode(QProcess::SeparateChannels);
        m_sim.start(FLEETSIM_PATH, args + QStringList{"--port", QString::number(m_port)});
        QVERIFY(m_sim.waitForStarted());
        if (!QTest::qWaitFor([&] { return m_sim.canReadLine() || m_sim.state() == QProcess::NotRunning; }, 60000))
            QFAIL("fleetsim printed no ready line within 60 s");
        if (m_sim.canReadLine())
            break;
        m_sim.waitForFinished();
        qWarning("fleetsim did not start: %s", m_sim.readAllStandardError().constData());
    }
    const QByteArray ready = m_sim.readLine();
    QVERIFY2(ready.startsWith("fleetsim ready: 14 devices"), ready.constData());
    QVERIFY2(ready.contains("32 v3 users"), ready.constData()); // 31 from --v3-user, 1 from the users file
    m_control.connectToServer(m_dir.filePath("control.sock"));
    QVERIFY(m_control.waitForConnected(5000));
    QVERIFY(ctl({{"cmd", "ping"}}).value("ok").toBool());
}

void TestFleetsimNetSnmp::cleanupTestCase()
{
    m_control.disconnectFromServer();
    if (m_sim.state() != QProcess::NotRunning) {
        m_sim.terminate();
        QVERIFY(m_sim.waitForFinished(10000));
        QCOMPARE(m_sim.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_sim.exitCode(), 0);
    }
}

void TestFleetsimNetSnmp::repliesComeFromTheDeviceAddress()
{
    QUdpSocket s;
    QVERIFY(s.bind(QHostAddress("127.0.0.1"), 0));
    for (int dev : {0, 5, 13}) {
        fleetsim::BerWriter w;
        std::size_t m = w.begin(fleetsim::tag::Sequence);
        w.integer(1);
        w.octets("public");
        fleetsim::Pdu pdu;
        pdu.requestId = 1000 + dev;
        pdu.varbinds.push_back({{1, 3, 6, 1, 2, 1, 1, 5, 0}, fleetsim::Value::null()});
        fleetsim::encodePdu(w, pdu);
        w.end(m);
        s.writeDatagram(QByteArray::fromStdString(w.buffer()), QHostAddress(address(dev)),
                        static_cast<quint16>(m_port));
        QVERIFY(QTest::qWaitFor([&] { return s.hasPendingDatagrams(); }, 5000));
        const QNetworkDatagram d = s.receiveDatagram();
        QCOMPARE(d.senderAddress().toString(), address(dev));
        QCOMPARE(d.senderPort(), m_port);
        QVERIFY(d.data().contains(device(dev).value("sysName").toString().toUtf8()));
    }
}

void TestFleetsimNetSnmp::v1AndV2cGet()
{
    for (int dev = 0; dev < 7; ++dev) { // one device per template
        const QJsonObject d = device(dev);
        for (const char *version : {"-v1", "-v2c"}) {
            const ToolResult r =
                tool("snmpget", {version, "-c", "public", "-On", "-Oq", "-Oe", "-Ot", "-Ox", agent(dev), kSysName,
                                 kSerial, kMac, "1.3.6.1.2.1.1.2.0", kLifeCount, kSysUpTime, kHrDeviceStatus});
            QVERIFY2(r.rc == 0, qPrintable(r.err));
            const QStringList lines = r.out.trimmed().split('\n');
            QCOMPARE(lines.size(), 7);
            QCOMPARE(normHex(lines[0].section(' ', 1)),
                     QString::fromLatin1(d.value("sysName").toString().toLatin1().toHex().toUpper()));
            QCOMPARE(normHex(lines[1].section(' ', 1)),
                     QString::fromLatin1(d.value("serial").toString().toLatin1().toHex().toUpper()));
            QCOMPARE(normHex(lines[2].section(' ', 1)), d.value("mac").toString().remove(':'));
            QVERIFY(lines[3].section(' ', 1).startsWith(
                QStringLiteral(".1.3.6.1.4.1.%1.").arg(d.value("enterprise").toInt())));
            QCOMPARE(lines[4].section(' ', 1).toLongLong(), d.value("lifeCount").toInteger());
            QCOMPARE(lines[5].section(' ', 1).toLongLong(), d.value("sysUpTime").toInteger());
            QCOMPARE(lines[6].section(' ', 1).toInt(), d.value("hrDeviceStatus").toInt());
        }
    }
    // Wrong community: no answer.
    const ToolResult r = tool("snmpget", {"-v2c", "-c", "wrong", "-t", "0.3", "-r", "0", agent(0), kSysName});
    QVERIFY(r.rc != 0);
    QVERIFY2(r.err.contains("Timeout"), qPrintable(r.err));
    // Missing objects.
    QCOMPARE(getValue(0, "1.3.6.1.2.1.1.5.1"), QStringLiteral("No Such Instance currently exists at this OID"));
    QCOMPARE(getValue(0, "1.3.6.1.2.1.99.1.0"), QStringLiteral("No Such Object available on this agent at this OID"));
}

void TestFleetsimNetSnmp::v3EveryAuthPrivCombination_data()
{
    QTest::addColumn<int>("combo");
    for (std::size_t i = 0; i < m_combos.size(); ++i)
        QTest::newRow(qPrintable(m_combos[i].auth.isEmpty() ? QStringLiteral("noAuthNoPriv")
                                                            : m_combos[i].auth + '/' + m_combos[i].priv))
            << static_cast<int>(i);
}

void TestFleetsimNetSnmp::v3EveryAuthPrivCombination()
{
    QFETCH(int, combo);
    const Combo &c = m_combos[static_cast<std::size_t>(combo)];
    const int dev = combo % kDevices; // different engine IDs and templates
    const QJsonObject d = device(dev);
    const ToolResult r =
        tool("snmpget", QStringList{"-On", "-Oqv", "-Ot"} + v3(dev, c) + QStringList{kSysName, kSerial, kSysUpTime});
    QVERIFY2(r.rc == 0, qPrintable(r.err + r.out));
    const QStringList lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(unquote(lines[0]), d.value("sysName").toString());
    QCOMPARE(unquote(lines[1]), d.value("serial").toString());
    QCOMPARE(lines[2].toLongLong(), d.value("sysUpTime").toInteger());
}

void TestFleetsimNetSnmp::v3WrongPassphraseFails()
{
    Combo c = m_combos[3 * 5 + 2]; // SHA-256 / AES
    c.authPass = "not-the-passphrase";
    ToolResult r = tool("snmpget", v3(1, c) + QStringList{kSysName});
    QVERIFY(r.rc != 0);
    QVERIFY2(r.err.contains("Authentication failure"), qPrintable(r.err));
    c = m_combos[3 * 5 + 2];
    c.user = "nobody";
    r = tool("snmpget", v3(1, c) + QStringList{kSysName});
    QVERIFY(r.rc != 0);
    QVERIFY2(r.err.contains("Unknown user name"), qPrintable(r.err));
    c = m_combos[3 * 5 + 0]; // authNoPriv user asking for privacy
    c.priv = "AES";
    c.privPass = "whatever-pass";
    r = tool("snmpget", v3(1, c) + QStringList{kSysName});
    QVERIFY(r.rc != 0);
    QVERIFY2(r.err.contains("Unsupported security level"), qPrintable(r.err));
}

void TestFleetsimNetSnmp::walkWholeTree()
{
    for (int dev : {0, 3, 4}) {
        ctl({{"cmd", "alert"}, {"devices", dev}, {"kind", "doorOpen"}});
        QStringList expected;
        for (const QJsonValue &v : ctl({{"cmd", "oids"}, {"device", dev}}).value("oids").toArray())
            expected << '.' + v.toString();
        QVERIFY2(expected.size() > 120, qPrintable(QString::number(expected.size())));
        QVERIFY(expected.join(' ').contains(".1.3.6.1.2.1.43.18.1.1.7.1."));
        auto diff = [&](const QStringList &got) {
            QStringList d;
            for (const QString &o : got)
                if (!expected.contains(o))
                    d << "+" + o;
            for (const QString &o : expected)
                if (!got.contains(o))
                    d << "-" + o;
            return d.join(' ');
        };
        auto oidsOf = [](const QString &out) {
            QStringList l;
            for (const QString &line : out.split('\n'))
                if (line.startsWith(".1.") && !line.contains("No more variables left"))
                    l << line.section(' ', 0, 0);
            return l;
        };
        ToolResult r = tool("snmpbulkwalk", QStringList{"-On", "-Oq"} + v2c(dev) + QStringList{".1"});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY2(oidsOf(r.out) == expected, qPrintable(diff(oidsOf(r.out))));
        r = tool("snmpwalk", {"-v1", "-c", "public", "-On", "-Oq", agent(dev), ".1"});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY2(oidsOf(r.out) == expected, qPrintable(diff(oidsOf(r.out))));
        r = tool("snmpbulkwalk", QStringList{"-On", "-Oq"} + v3(dev, m_combos[5 * 5 + 4]) + QStringList{".1"});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY2(oidsOf(r.out) == expected, qPrintable(diff(oidsOf(r.out))));
        ctl({{"cmd", "alert"}, {"devices", dev}, {"kind", "doorOpen"}, {"action", "clear"}});
    }
}

void TestFleetsimNetSnmp::setWritableObjects()
{
    ToolResult r = tool("snmpset", v2c(2, "private") +
                                       QStringList{kSysName, "s", "front-desk-printer", kSysLocation, "s", "Lobby"});
    QVERIFY2(r.rc == 0, qPrintable(r.err));
    QCOMPARE(getValue(2, kSysName), QStringLiteral("front-desk-printer"));
    QCOMPARE(device(2).value("sysLocation").toString(), QStringLiteral("Lobby"));
    r = tool("snmpset", v3(2, m_combos[3 * 5 + 2]) + QStringList{"1.3.6.1.2.1.1.4.0", "s", "ops@example.org"});
    QVERIFY2(r.rc == 0, qPrintable(r.err));
    QCOMPARE(device(2).value("sysContact").toString(), QStringLiteral("ops@example.org"));
    // Read community, read-only object and wrong type are refused.
    r = tool("snmpset", v2c(2) + QStringList{kSysName, "s", "x"});
    QVERIFY(r.rc != 0);
    QVERIFY2((r.err + r.out).contains("noAccess"), qPrintable(r.err + r.out));
    r = tool("snmpset", v2c(2, "private") + QStringList{"1.3.6.1.2.1.1.1.0", "s", "x"});
    QVERIFY((r.err + r.out).contains("notWritable"));
    r = tool("snmpset", v2c(2, "private") + QStringList{kSysName, "i", "5"});
    QVERIFY((r.err + r.out).contains("wrongType"));
    QCOMPARE(getValue(2, kSysName), QStringLiteral("front-desk-printer"));
    // prtGeneralReset powerCycleReset(4) restarts the device: sysUpTime restarts, engine boots go up.
    const qint64 boots = device(2).value("engineBoots").toInteger();
    QVERIFY(getValue(2, kSysUpTime).toLongLong() > 0);
    r = tool("snmpset", v2c(2, "private") + QStringList{"1.3.6.1.2.1.43.5.1.1.3.1", "i", "4"});
    QVERIFY2(r.rc == 0, qPrintable(r.err));
    QCOMPARE(getValue(2, kSysUpTime), QStringLiteral("0"));
    QCOMPARE(device(2).value("engineBoots").toInteger(), boots + 1);
}

void TestFleetsimNetSnmp::alertsAndStatusVisible()
{
    const int dev = 4;
    const qint64 events = getValue(dev, kAllEvents).toLongLong();
    QVERIFY(ctl({{"cmd", "alert"}, {"devices", dev}, {"kind", "jam"}, {"subunit", 1}}).value("ok").toBool());
    QCOMPARE(getValue(dev, kAllEvents).toLongLong(), events + 1);
    QCOMPARE(normHex(getValue(dev, kErrorState, {"-Ox"})), QStringLiteral("0400")); // jammed
    QCOMPARE(getValue(dev, kHrDeviceStatus), QStringLiteral("5"));                  // down
    QCOMPARE(getValue(dev, kHrPrinterStatus), QStringLiteral("1"));                 // other
    ToolResult r = tool("snmpwalk", QStringList{"-On", "-Oq"} + v2c(dev) + QStringList{"1.3.6.1.2.1.43.18.1.1"});
    QVERIFY(r.out.contains(QRegularExpression(R"(\.1\.3\.6\.1\.2\.1\.43\.18\.1\.1\.7\.1\.\d+ 8\n)"))); // code jam(8)
    QVERIFY(r.out.contains(QRegularExpression(R"(\.1\.3\.6\.1\.2\.1\.43\.18\.1\.1\.2\.1\.\d+ 3\n)"))); // critical
    QVERIFY(r.out.contains("Paper jam"));
    ctl({{"cmd", "alert"}, {"devices", dev}, {"kind", "jam"}, {"action", "clear"}});
    QCOMPARE(normHex(getValue(dev, kErrorState, {"-Ox"})), QStringLiteral("0000"));
    r = tool("snmpwalk", QStringList{"-On", "-Oq"} + v2c(dev) + QStringList{"1.3.6.1.2.1.43.18.1.1"});
    QVERIFY2(!r.out.contains(".43.18.1.1.7.1."), qPrintable(r.out));
    // A supply set low raises tonerLow (bit 2) and counts as a configuration change.
    const qint64 changes = getValue(dev, kConfigChanges).toLongLong();
    QVERIFY(ctl({{"cmd", "supply"}, {"devices", dev}, {"index", 1}, {"level", 5}}).value("ok").toBool());
    QCOMPARE(getValue(dev, kSupplyLevel1), QStringLiteral("5"));
    QCOMPARE(normHex(getValue(dev, kErrorState, {"-Ox"})), QStringLiteral("2000"));
    QCOMPARE(getValue(dev, kHrDeviceStatus), QStringLiteral("3")); // warning
    QCOMPARE(getValue(dev, kConfigChanges).toLongLong(), changes + 1);
    ctl({{"cmd", "supply"}, {"devices", dev}, {"index", 1}, {"level", -3}});
    QCOMPARE(getValue(dev, kSupplyLevel1), QStringLiteral("-3"));
    QCOMPARE(normHex(getValue(dev, kErrorState, {"-Ox"})), QStringLiteral("0000"));
}

void TestFleetsimNetSnmp::sleepMode()
{
    const int dev = 6;
    ctl({{"cmd", "sleep"}, {"devices", dev}, {"on", true}});
    QCOMPARE(getValue(dev, kHrPrinterStatus), QStringLiteral("1")); // other
    QCOMPARE(getValue(dev, kHrDeviceStatus), QStringLiteral("2"));  // running: standby, not down
    QCOMPARE(normHex(getValue(dev, kErrorState, {"-Ox"})), QStringLiteral("0000"));
    QCOMPARE(getValue(dev, kDisplay), QStringLiteral("Sleeping"));
    ctl({{"cmd", "sleep"}, {"devices", dev}, {"on", false}});
    QCOMPARE(getValue(dev, kHrPrinterStatus), QStringLiteral("3")); // idle
}

void TestFleetsimNetSnmp::dynamicsAdvanceCounters()
{
    std::vector<QJsonObject> before;
    for (int dev = 7; dev < kDevices; ++dev)
        before.push_back(device(dev));
    ctl({{"cmd", "advance"}, {"seconds", 3 * 86400}});
    bool suppliesMoved = false;
    for (int dev = 7; dev < kDevices; ++dev) {
        const QJsonObject now = device(dev);
        const qint64 life = getValue(dev, kLifeCount).toLongLong();
        QCOMPARE(life, now.value("lifeCount").toInteger());
        QVERIFY2(life > before[static_cast<std::size_t>(dev - 7)].value("lifeCount").toInteger(),
                 qPrintable(QString::number(dev)));
        QVERIFY(now.value("sysUpTime").toInteger() >
                before[static_cast<std::size_t>(dev - 7)].value("sysUpTime").toInteger());
        suppliesMoved |= now.value("supplies") != before[static_cast<std::size_t>(dev - 7)].value("supplies");
    }
    QVERIFY(suppliesMoved);
    // Over three simulated days some alerts were raised automatically (jams, doors, toner, paper).
    qint64 events = 0;
    for (int dev = 7; dev < kDevices; ++dev)
        events += getValue(dev, kAllEvents).toLongLong();
    QVERIFY(events > 0);
}

void TestFleetsimNetSnmp::counterResetAfterSwap()
{
    const int dev = 8;
    const QJsonObject d = device(dev);
    QVERIFY(getValue(dev, kLifeCount).toLongLong() > 0);
    QVERIFY(ctl({{"cmd", "swap"}, {"devices", dev}}).value("ok").toBool());
    QCOMPARE(getValue(dev, kLifeCount), QStringLiteral("0"));
    QCOMPARE(getValue(dev, kSysUpTime), QStringLiteral("0"));
    QCOMPARE(getValue(dev, kSerial), d.value("serial").toString()); // same device identity and address
    QCOMPARE(device(dev).value("engineBoots").toInteger(), d.value("engineBoots").toInteger() + 1);
    const ToolResult r = tool("snmpget", QStringList{"-Oqv"} + v3(dev, m_combos[2 * 5 + 3]) + QStringList{kLifeCount});
    QVERIFY2(r.rc == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), QStringLiteral("0"));
}

void TestFleetsimNetSnmp::faultSilentTimesOut()
{
    ctl({{"cmd", "fault"}, {"devices", "9-10"}, {"silent", true}});
    for (int dev : {9, 10}) {
        const ToolResult r = tool("snmpget", {"-v2c", "-c", "public", "-t", "0.3", "-r", "1", agent(dev), kSysName});
        QVERIFY(r.rc != 0);
        QVERIFY2(r.err.contains("Timeout: No Response from " + agent(dev)), qPrintable(r.err));
    }
    QVERIFY(!getValue(11, kSysName).startsWith("<error")); // neighbours unaffected
    ctl({{"cmd", "clear-faults"}, {"devices", "9-10"}});
    QCOMPARE(getValue(9, kSysName), device(9).value("sysName").toString());
}

void TestFleetsimNetSnmp::faultMalformedAndTruncated()
{
    for (const char *fault : {"malformed", "truncate"}) {
        ctl({{"cmd", "fault"}, {"devices", 9}, {fault, true}});
        const ToolResult r = tool(
            "snmpget", {"-v2c", "-c", "public", "-t", "0.5", "-r", "0", "-Dsess_process_packet", agent(9), kSysName});
        QVERIFY(r.rc != 0);
        QVERIFY2(r.err.contains("parse fail"), qPrintable(r.err)); // the tool received and rejected it
        QVERIFY2(r.err.contains("Timeout"), qPrintable(r.err));
        ctl({{"cmd", "clear-faults"}, {"devices", 9}});
    }
    QCOMPARE(getValue(9, kSysName), device(9).value("sysName").toString());
}

void TestFleetsimNetSnmp::faultDelayAndLoss()
{
    ctl({{"cmd", "fault"}, {"devices", 10}, {"delayMs", 700}});
    ToolResult r = tool("snmpget", {"-v2c", "-c", "public", "-t", "0.3", "-r", "0", agent(10), kSysName});
    QVERIFY(r.rc != 0);
    QVERIFY(r.err.contains("Timeout"));
    r = tool("snmpget", {"-v2c", "-c", "public", "-Oqv", "-t", "3", "-r", "0", agent(10), kSysName});
    QVERIFY2(r.rc == 0, qPrintable(r.err));
    QVERIFY(r.elapsedMs >= 650);
    QCOMPARE(unquote(r.out), device(10).value("sysName").toString());
    ctl({{"cmd", "clear-faults"}, {"devices", 10}});
    const qint64 dropped = ctl({{"cmd", "stats"}}).value("dropped").toInteger();
    ctl({{"cmd", "fault"}, {"devices", 10}, {"lossPercent", 100}});
    r = tool("snmpget", {"-v2c", "-c", "public", "-t", "0.2", "-r", "2", agent(10), kSysName});
    QVERIFY(r.rc != 0);
    QCOMPARE(ctl({{"cmd", "stats"}}).value("dropped").toInteger(), dropped + 3);
    ctl({{"cmd", "clear-faults"}, {"devices", 10}});
}

void TestFleetsimNetSnmp::faultWrongEngineTime()
{
    const Combo &c = m_combos[1 * 5 + 2]; // SHA-1 / AES
    auto learnedTime = [&](qint64 &time) {
        const ToolResult r =
            tool("snmpget", QStringList{"-Oqv", "-Dlcd_set_enginetime"} + v3(11, c) + QStringList{kSysName});
        const auto matches = QRegularExpression(R"(boots=(\d+), time=(\d+))").globalMatch(r.err);
        time = -1;
        for (auto it = matches; it.hasNext();)
            time = it.next().captured(2).toLongLong();
        return r;
    };
    qint64 t0 = 0, t1 = 0;
    ToolResult r = learnedTime(t0);
    QVERIFY2(r.rc == 0, qPrintable(r.err));
    QVERIFY(t0 > 100000);
    ctl({{"cmd", "fault"}, {"devices", 11}, {"engineTimeOffset", -100000}});
    r = learnedTime(t1);
    QVERIFY2(r.rc == 0, qPrintable(r.err));
    QCOMPARE(unquote(r.out), device(11).value("sysName").toString());
    QVERIFY2(qAbs(t0 - 100000 - t1) <= 5, qPrintable(QStringLiteral("%1 %2").arg(t0).arg(t1)));
    ctl({{"cmd", "clear-faults"}, {"devices", 11}});
}

void TestFleetsimNetSnmp::moveAddress()
{
    const int dev = 12;
    const QString serial = device(dev).value("serial").toString();
    const quint32 a = m_base + 200;
    const QString newAddr =
        QStringLiteral("%1.%2.%3.%4").arg(a >> 24).arg((a >> 16) & 0xFF).arg((a >> 8) & 0xFF).arg(a & 0xFF);
    QVERIFY(ctl({{"cmd", "move"}, {"device", dev}, {"address", newAddr}}).value("ok").toBool());
    ToolResult r = tool("snmpget", {"-v2c", "-c", "public", "-t", "0.3", "-r", "0", agent(dev), kSerial});
    QVERIFY(r.rc != 0);
    r = tool("snmpget", {"-v2c", "-c", "public", "-Oqv", newAddr + ':' + QString::number(m_port), kSerial});
    QVERIFY2(r.rc == 0, qPrintable(r.err));
    QCOMPARE(unquote(r.out), serial);
    QVERIFY(ctl({{"cmd", "move"}, {"device", dev}, {"address", address(dev)}}).value("ok").toBool());
    QCOMPARE(getValue(dev, kSerial), serial);
}

void TestFleetsimNetSnmp::garbageDatagramsKeepProcessUp()
{
    QUdpSocket s;
    QVERIFY(s.bind(QHostAddress("127.0.0.1"), 0));
    QRandomGenerator rng(99);
    const qint64 badBefore = ctl({{"cmd", "stats"}}).value("badPackets").toInteger();
    // Sent in paced chunks so small default socket buffers do not drop them before fleetsim reads them.
    for (int chunk = 0; chunk < 30; ++chunk) {
        for (int j = 0; j < 100; ++j) {
            const int i = chunk * 100 + j;
            QByteArray b(static_cast<int>(rng.bounded(1, 1400)), '\0');
            for (char &ch : b)
                ch = static_cast<char>(rng.bounded(256));
            if (i % 3 == 0)
                b[0] = '\x30';
            if (i % 3 == 1 && b.size() > 4) // SEQUENCE claiming a huge length
                b.replace(0, 4, QByteArray::fromHex("3084ffffff"));
            s.writeDatagram(b, QHostAddress(address(i % kDevices)), static_cast<quint16>(m_port));
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                return ctl({{"cmd", "stats"}}).value("badPackets").toInteger() >= badBefore + (chunk + 1) * 100;
            },
            10000));
    }
    QCOMPARE(m_sim.state(), QProcess::Running);
    QCOMPARE(getValue(0, kSysName), device(0).value("sysName").toString());
}

void TestFleetsimNetSnmp::usageErrorsAreClear()
{
    const std::pair<QStringList, const char *> cases[] = {
        {{"--devices", "0"}, "--devices must be 1..100000"},
        {{"--base", "10.0.0.1"}, "--base must be an address in 127.0.0.0/8"},
        {{"--v3-user", "u:SHA:short"}, "at least 8 characters"},
        {{"--v3-user", "u:SHA:longenough:RC4:longenough"}, "unknown privacy protocol 'RC4'"},
        {{"--templates", m_dir.path()}, "no *.tmpl template files"},
        {{"--exec", R"({"cmd":"alert","devices":"0","kind":"fire"})"}, "--exec"},
    };
    for (const auto &[args, message] : cases) {
        const ToolResult r = tool(FLEETSIM_PATH, args);
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(QLatin1String(message)), qPrintable(r.err));
    }
}

void TestFleetsimNetSnmp::snmpdOverridesServeTheSameValues()
{
    // The override lines let a real snmpd serve one simulated device's data, so
    // the gateway can be checked against both agents with identical values.
    if (QStandardPaths::findExecutable("snmpd", {"/usr/sbin", "/usr/local/sbin"}).isEmpty())
        QSKIP("snmpd is not installed (package snmpd)");
    const int dev = 3;
    const QJsonObject r = ctl({{"cmd", "snmpd-overrides"}, {"device", dev}});
    QVERIFY(r.value("ok").toBool());
    QDir dir(m_dir.path());
    QVERIFY(dir.mkpath("snmpd"));
    QFile conf(dir.filePath("snmpd/snmpd.conf"));
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write("rocommunity public 127.0.0.0/8\n");
    for (const QJsonValue &line : r.value("lines").toArray())
        conf.write(line.toString().toUtf8() + '\n');
    conf.close();
    const quint32 a = m_base + 250;
    const QStringList walk = {"-v2c", "-c", "public", "-On", "-t", "1", "-r", "0"};
    QProcess snmpd;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MIBS", "");
    snmpd.setProcessEnvironment(env);
    QString snmpdAgent;
    bool up = false;
    // fleetsim holds the wildcard socket on m_port; try a few neighbouring ports for snmpd.
    for (int port = m_port + 1; port <= m_port + 4 && !up; ++port) {
        snmpdAgent = QStringLiteral("%1.%2.%3.%4:%5")
                         .arg(a >> 24)
                         .arg((a >> 16) & 0xFF)
                         .arg((a >> 8) & 0xFF)
                         .arg(a & 0xFF)
                         .arg(port);
        snmpd.start(QStandardPaths::findExecutable("snmpd", {"/usr/sbin", "/usr/local/sbin"}),
                    {"-f", "-Lf", dir.filePath("snmpd/log"), "-C", "-c", conf.fileName(),
                     "--persistentDir=" + dir.filePath("snmpd"), "udp:" + snmpdAgent});
        QVERIFY(snmpd.waitForStarted());
        up = QTest::qWaitFor(
                 [&] {
                     return snmpd.state() == QProcess::NotRunning ||
                            tool("snmpget", walk + QStringList{snmpdAgent, kSerial}).rc == 0;
                 },
                 20000) &&
             snmpd.state() == QProcess::Running;
        if (!up) {
            snmpd.kill();
            snmpd.waitForFinished();
        }
    }
    if (!up) {
        QFile log(dir.filePath("snmpd/log"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QFAIL(qPrintable("snmpd did not answer: " + QString::fromUtf8(log.readAll().right(2000))));
    }
    const ToolResult fromSnmpd = tool("snmpwalk", walk + QStringList{snmpdAgent, "1.3.6.1.2.1.43"});
    const ToolResult fromSim = tool("snmpwalk", walk + QStringList{agent(dev), "1.3.6.1.2.1.43"});
    snmpd.terminate();
    QVERIFY(snmpd.waitForFinished(10000));
    QCOMPARE(fromSnmpd.rc, 0);
    QCOMPARE(fromSim.rc, 0);
    QVERIFY(fromSim.out.count('\n') > 60);
    QCOMPARE(fromSnmpd.out, fromSim.out);
}

QTEST_GUILESS_MAIN(TestFleetsimNetSnmp)
#include "TestFleetsimNetSnmp.moc"
