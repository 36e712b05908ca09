#include "Fixture.h"
#include "QTestPrinters.h"
#include "SnmpdProcess.h"

#include <netgateway/snmp/PrinterReader.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>
#include <QUdpSocket>

using namespace netgateway::snmp;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 ms = 0;
};

Run probe(const QStringList &args)
{
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(NETGATEWAYCTL_PATH), QStringList{QStringLiteral("probe")} + args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            p.readAllStandardError(), t.elapsed()};
}

} // namespace

class TestProbe : public QObject {
    Q_OBJECT

    SnmpdProcess m_snmpd;
    QJsonObject m_fixture;

    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_snmpd.port()); }

private slots:
    void initTestCase()
    {
        m_fixture = SnmpdProcess::loadFixture(QStringLiteral("printer-kyocera.json"));
        QVERIFY(!m_fixture.isEmpty());
        QList<SnmpdProcess::User> users;
        for (const auto &u : SnmpdProcess::allUsers()) {
            if (u.name == "sha512_aes256" || u.name == "sha512_aes256c" || u.name == "md5_des" || u.name == "noauth") {
                users.append(u);
            }
        }
        QString error;
        QVERIFY2(m_snmpd.start(m_fixture, users, &error), qPrintable(error));
    }

    void cleanupTestCase() { m_snmpd.stop(); }

    void jsonMatchesFixture_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("version");
        QTest::newRow("v2c") << QStringList{"--community", "public"} << "2c";
        QTest::newRow("v1") << QStringList{"--snmp-version", "1"} << "1";
        QTest::newRow("v3 noAuthNoPriv") << QStringList{"--v3-user", "noauth"} << "3";
        QTest::newRow("v3 MD5/DES") << QStringList{"--v3-user",   "md5_des",           "--auth-proto", "MD5",
                                                   "--auth-pass", "auth-md5_des-pass", "--priv-proto", "DES",
                                                   "--priv-pass", "priv-md5_des-pass"}
                                    << "3";
        QTest::newRow("v3 SHA-512/AES-256 (Blumenthal)")
            << QStringList{"--v3-user",   "sha512_aes256",           "--auth-proto", "SHA-512",
                           "--auth-pass", "auth-sha512_aes256-pass", "--priv-proto", "AES-256",
                           "--priv-pass", "priv-sha512_aes256-pass"}
            << "3";
        QTest::newRow("v3 SHA-512/AES-256-C (Reeder)")
            << QStringList{"--v3-user",   "sha512_aes256c",           "--auth-proto", "SHA-512",
                           "--auth-pass", "auth-sha512_aes256c-pass", "--priv-proto", "AES-256-C",
                           "--priv-pass", "priv-sha512_aes256c-pass"}
            << "3";
    }

    void jsonMatchesFixture()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, version);
        const Run r = probe(QStringList{address(), "--json", "--timeout", "1000"} + args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonParseError parseError;
        const QJsonObject o = QJsonDocument::fromJson(r.out, &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, r.out.constData());
        QCOMPARE(o.value("address").toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(o.value("port").toInt(), int(m_snmpd.port()));
        QCOMPARE(o.value("snmpVersion").toString(), version);
        const QStringList diff = fixture::differences(o, m_fixture.value("expected"));
        QVERIFY2(diff.isEmpty(), qPrintable(diff.join(u'\n')));
        QVERIFY2(o.value("fieldErrors").toArray().isEmpty(), r.out.constData());
        for (const char *key : {"manufacturer", "model", "serialNumber", "macAddress", "sysName", "location",
                                "firmware", "status", "errorStates", "counters", "supplies", "trays", "alerts"}) {
            QVERIFY2(o.contains(QLatin1String(key)), key);
        }
        if (version == QLatin1String("3")) {
            QVERIFY(!o.value("engineId").toString().isEmpty());
        }
    }

    void humanReadableOutput()
    {
        const Run r = probe({address()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("manufacturer:  Kyocera"));
        QVERIFY(r.out.contains("serial:        VCF9X12345"));
        QVERIFY(r.out.contains("someRemaining"));
    }

    void wrongPassphraseExitsFour()
    {
        const Run r = probe({address(), "--v3-user", "sha512_aes256", "--auth-proto", "SHA-512", "--auth-pass",
                             "not-the-passphrase", "--priv-proto", "AES-256", "--priv-pass", "priv-sha512_aes256-pass",
                             "--timeout", "500", "--retries", "0"});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("authentication failed: wrong passphrase or protocol for user sha512_aes256"),
                 r.err.constData());
        QVERIFY(!r.err.contains("not-the-passphrase"));
    }

    void wrongProtocolExitsFour()
    {
        const Run r = probe({address(), "--v3-user", "sha512_aes256", "--auth-proto", "SHA-256", "--auth-pass",
                             "auth-sha512_aes256-pass", "--priv-proto", "AES-256", "--priv-pass",
                             "priv-sha512_aes256-pass", "--json", "--retries", "0"});
        QCOMPARE(r.exitCode, 4);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value("error").toString(),
                 QStringLiteral("authentication failed: wrong passphrase or protocol for user sha512_aes256"));
    }

    void wrongPrivacyPassphraseExitsFour()
    {
        const Run r = probe({address(), "--v3-user", "sha512_aes256c", "--auth-proto", "SHA-512", "--auth-pass",
                             "auth-sha512_aes256c-pass", "--priv-proto", "AES-256-C", "--priv-pass",
                             "not-the-privacy-pass", "--timeout", "300", "--retries", "0"});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("privacy failed: wrong privacy passphrase or protocol for user sha512_aes256c"),
                 r.err.constData());
    }

    void absentAgentExitsThreeWithinTimeoutTimesAttempts()
    {
        quint16 port = 0;
        {
            QUdpSocket s;
            QVERIFY(s.bind(QHostAddress::LocalHost, 0));
            port = s.localPort();
        }
        const Run r = probe({QStringLiteral("127.0.0.1:%1").arg(port), "--timeout", "300", "--retries", "2", "--json"});
        QCOMPARE(r.exitCode, 3);
        // 3 attempts of 300 ms (Qt's coarse timers may fire up to 5% early); the
        // slack above covers starting the process on a loaded (or
        // sanitizer-instrumented) build machine.
        QVERIFY2(r.ms >= 855 && r.ms < 900 + 4000, qPrintable(QString::number(r.ms)));
        QVERIFY(r.err.contains("no answer from 127.0.0.1"));
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value("status").toString(), QStringLiteral("unreachable"));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no address") << QStringList{};
        QTest::newRow("bad port") << QStringList{"127.0.0.1:99999"};
        QTest::newRow("bad ipv6") << QStringList{"[::1"};
        QTest::newRow("unknown option") << QStringList{"127.0.0.1", "--frobnicate", "x"};
        QTest::newRow("missing value") << QStringList{"127.0.0.1", "--timeout"};
        QTest::newRow("bad timeout") << QStringList{"127.0.0.1", "--timeout", "abc"};
        QTest::newRow("unknown auth") << QStringList{"127.0.0.1", "--v3-user", "u", "--auth-proto", "SHA-3"};
        QTest::newRow("unknown priv") << QStringList{"127.0.0.1", "--v3-user", "u", "--priv-proto", "AES-512"};
        QTest::newRow("short passphrase") << QStringList{"127.0.0.1", "--v3-user", "u", "--auth-pass", "short"};
        QTest::newRow("both v2c and v3") << QStringList{"127.0.0.1", "--community", "c", "--v3-user", "u"};
        QTest::newRow("v3 without user") << QStringList{"127.0.0.1", "--auth-pass", "longenough"};
        QTest::newRow("two addresses") << QStringList{"127.0.0.1", "127.0.0.2"};
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, args);
        const Run r = probe(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
    }

    void readerSkipsUnchangedAlertTable()
    {
        SnmpEngine engine;
        QVERIFY(engine.start());
        PrinterReader reader(engine, ProfileRegistry::builtIn());
        Target t;
        t.address = QHostAddress::LocalHost;
        t.port = m_snmpd.port();
        std::optional<PrinterReadResult> first;
        reader.read(t, [&](PrinterReadResult r) { first = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(first.has_value(), 10000);
        QCOMPARE(first->outcome, Outcome::Ok);
        QCOMPARE(first->model.alerts.size(), 2);
        const quint64 sentFirst = engine.statistics().requestsSent;
        std::optional<PrinterReadResult> second;
        reader.read(
            t, [&](PrinterReadResult r) { second = std::move(r); }, &*first);
        QTRY_VERIFY_WITH_TIMEOUT(second.has_value(), 10000);
        const quint64 sentSecond = engine.statistics().requestsSent - sentFirst;
        QVERIFY2(sentSecond < sentFirst, qPrintable(QStringLiteral("%1 vs %2").arg(sentSecond).arg(sentFirst)));
        QCOMPARE(second->model.alerts.size(), 2);
        QCOMPARE(second->model.alerts.at(1).code, 808);
        QVERIFY(second->values.lowerBound(*Oid::parse(u"1.3.6.1.2.1.43.18.1.1")) == second->values.cend() ||
                !second->values.lowerBound(*Oid::parse(u"1.3.6.1.2.1.43.18.1.1"))
                     .key()
                     .startsWith(*Oid::parse(u"1.3.6.1.2.1.43.18.1.1")));
    }
};

QTEST_GUILESS_MAIN(TestProbe)
#include "TestProbe.moc"
