// The same device data served by the fleet simulator and by a real Debian snmpd
// (fed with the simulator's `override` lines) must read back as the same
// normalized printer model, over SNMPv2c and SNMPv3 users with every strength
// the simulator's and snmpd's USM share (including SHA-512 with AES-256 in both
// key-extension variants).
#include "SnmpdProcess.h"

#include <netgateway/snmp/PrinterReader.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace netgateway::snmp;

namespace {

// Field-by-field comparison of two JSON values; returns "path: a vs b" lines.
void compareJson(const QJsonValue &a, const QJsonValue &b, const QString &path, QStringList &out)
{
    if (a.type() != b.type()) {
        out << QStringLiteral("%1: type %2 vs %3").arg(path).arg(a.type()).arg(b.type());
        return;
    }
    if (a.isObject()) {
        const QJsonObject oa = a.toObject();
        const QJsonObject ob = b.toObject();
        QStringList keys = oa.keys() + ob.keys();
        keys.removeDuplicates();
        for (const QString &k : keys) {
            compareJson(oa.value(k), ob.value(k), path + u'.' + k, out);
        }
    } else if (a.isArray()) {
        const QJsonArray aa = a.toArray();
        const QJsonArray ab = b.toArray();
        if (aa.size() != ab.size()) {
            out << QStringLiteral("%1: %2 elements vs %3").arg(path).arg(aa.size()).arg(ab.size());
            return;
        }
        for (qsizetype i = 0; i < aa.size(); ++i) {
            compareJson(aa.at(i), ab.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), out);
        }
    } else if (a != b) {
        out << QStringLiteral("%1: %2 vs %3")
                   .arg(path, QString::fromUtf8(QJsonDocument(QJsonArray{a}).toJson(QJsonDocument::Compact)),
                        QString::fromUtf8(QJsonDocument(QJsonArray{b}).toJson(QJsonDocument::Compact)));
    }
}

QString fleetsimSpec(const SnmpdProcess::User &u)
{
    QString spec = QString::fromLatin1(u.name);
    if (u.auth != AuthProtocol::None) {
        spec += u':' + toString(u.auth) + u':' + QString::fromLatin1(SnmpdProcess::authPassphrase(u));
        if (u.priv != PrivProtocol::None) {
            spec += u':' + toString(u.priv) + u':' + QString::fromLatin1(SnmpdProcess::privPassphrase(u));
        }
    }
    return spec;
}

} // namespace

class TestFleetsimVersusSnmpd : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void sameNormalizedModel_data();
    void sameNormalizedModel();

private:
    std::optional<PrinterReadResult> read(const Target &target);
    QStringList simArgs() const;

    const QList<SnmpdProcess::User> m_users{
        {"noauth", AuthProtocol::None, PrivProtocol::None},
        {"md5_des", AuthProtocol::MD5, PrivProtocol::DES},
        {"sha_nopriv", AuthProtocol::SHA1, PrivProtocol::None},
        {"sha256_aes128", AuthProtocol::SHA256, PrivProtocol::AES128},
        {"sha512_aes256", AuthProtocol::SHA512, PrivProtocol::AES256},
        {"sha512_aes256c", AuthProtocol::SHA512, PrivProtocol::AES256C},
    };
    static constexpr int kDevices = 4;
    QTemporaryDir m_dir;
    QProcess m_sim;
    quint32 m_base = 0;
    quint16 m_simPort = 0;
    SnmpdProcess m_snmpd[kDevices];
    SnmpEngine m_engine;
    const ProfileRegistry &m_profiles = ProfileRegistry::builtIn();
};

QStringList TestFleetsimVersusSnmpd::simArgs() const
{
    return {"--devices",
            QString::number(kDevices),
            "--base",
            QHostAddress(m_base).toString(),
            "--no-dynamics",
            "--seed",
            "11",
            "--v3-users-file",
            m_dir.filePath(QStringLiteral("users.txt"))};
}

void TestFleetsimVersusSnmpd::initTestCase()
{
    if (SnmpdProcess::snmpdPath().isEmpty()) {
        QSKIP("snmpd is not installed (package snmpd)");
    }
    QVERIFY(m_dir.isValid());
    QString error;
    QFile users(m_dir.filePath(QStringLiteral("users.txt")));
    QVERIFY(users.open(QIODevice::WriteOnly));
    for (const SnmpdProcess::User &u : m_users) {
        users.write(fleetsimSpec(u).toUtf8() + '\n');
    }
    users.close();
    const auto pid = static_cast<quint32>(::getpid());
    m_base = (127u << 24) | ((40u + pid % 150u) << 16) | ((pid / 150u) % 250u) << 8 | 1u;

    // The simulated devices, one process for all of them.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_simPort = static_cast<quint16>(20000 + QRandomGenerator::global()->bounded(30000));
        m_sim.start(QStringLiteral(FLEETSIM_PATH), simArgs() << "--port" << QString::number(m_simPort));
        QVERIFY(m_sim.waitForStarted());
        QVERIFY2(QTest::qWaitFor([&] { return m_sim.canReadLine() || m_sim.state() == QProcess::NotRunning; }, 30000),
                 "fleetsim printed no ready line");
        if (m_sim.canReadLine()) {
            break;
        }
        m_sim.waitForFinished();
    }
    const QByteArray ready = m_sim.readLine();
    QVERIFY2(ready.startsWith("fleetsim ready: 4 devices"), ready.constData());

    // One real snmpd per device, serving that device's values.
    for (int dev = 0; dev < kDevices; ++dev) {
        QProcess overrides;
        overrides.start(QStringLiteral(FLEETSIM_PATH), simArgs() << "--snmpd-overrides" << QString::number(dev));
        QVERIFY(overrides.waitForFinished(30000));
        QCOMPARE(overrides.exitCode(), 0);
        const QStringList lines = QString::fromUtf8(overrides.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.size() > 50, qPrintable(lines.join(u'\n')));
        QVERIFY2(m_snmpd[dev].startWithOverrides(lines, m_users, &error), qPrintable(error));
    }
    m_engine.start();
}

void TestFleetsimVersusSnmpd::cleanupTestCase()
{
    for (SnmpdProcess &s : m_snmpd) {
        s.stop();
    }
    if (m_sim.state() != QProcess::NotRunning) {
        m_sim.terminate();
        QVERIFY(m_sim.waitForFinished(10000));
        QCOMPARE(m_sim.exitCode(), 0);
    }
}

std::optional<PrinterReadResult> TestFleetsimVersusSnmpd::read(const Target &target)
{
    std::optional<PrinterReadResult> result;
    PrinterReader reader(m_engine, m_profiles);
    reader.read(target, [&](PrinterReadResult r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000)) {
        return std::nullopt;
    }
    return result;
}

void TestFleetsimVersusSnmpd::sameNormalizedModel_data()
{
    QTest::addColumn<int>("device");
    QTest::addColumn<int>("user"); // -1: v2c
    for (int dev = 0; dev < kDevices; ++dev) {
        QTest::addRow("device %d v2c", dev) << dev << -1;
        for (int u = 0; u < m_users.size(); ++u) {
            QTest::addRow("device %d v3 %s", dev, m_users[u].name.constData()) << dev << u;
        }
    }
}

void TestFleetsimVersusSnmpd::sameNormalizedModel()
{
    QFETCH(int, device);
    QFETCH(int, user);
    Target sim;
    sim.address = QHostAddress(m_base + static_cast<quint32>(device));
    sim.port = m_simPort;
    sim.timeoutMs = 2000;
    sim.retries = 1;
    Target real = sim;
    real.address = QHostAddress::LocalHost;
    real.port = m_snmpd[device].port();
    if (user >= 0) {
        sim.credentials = m_snmpd[device].credentials(m_users[user]);
        real.credentials = sim.credentials;
    }
    const auto fromSim = read(sim);
    const auto fromSnmpd = read(real);
    QVERIFY(fromSim && fromSnmpd);
    QVERIFY2(fromSim->outcome == Outcome::Ok, qPrintable(fromSim->message));
    QVERIFY2(fromSnmpd->outcome == Outcome::Ok, qPrintable(fromSnmpd->message));
    const QJsonObject a = toJson(fromSim->model);
    const QJsonObject b = toJson(fromSnmpd->model);
    // The data must be substantial, not two empty models that agree.
    QVERIFY(!a.value(QStringLiteral("serialNumber")).toString().isEmpty());
    QVERIFY(a.value(QStringLiteral("supplies")).toArray().size() >= 2);
    QVERIFY(a.value(QStringLiteral("trays")).toArray().size() >= 1);
    QVERIFY(!a.value(QStringLiteral("manufacturer")).toString().isEmpty());
    QVERIFY(a.value(QStringLiteral("counters")).toObject().value(QStringLiteral("total")).toInteger() > 0);
    QStringList diffs;
    compareJson(a, b, QStringLiteral("model"), diffs);
    QVERIFY2(diffs.isEmpty(), qPrintable(QStringLiteral("fleetsim vs snmpd:\n") + diffs.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestFleetsimVersusSnmpd)
#include "TestFleetsimVersusSnmpd.moc"
