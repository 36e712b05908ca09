#include "Await.h"
#include "QTestPrinters.h"
#include "SnmpdProcess.h"

#include "NetSnmpLibrary.h"

#include <netgateway/snmp/SnmpEngine.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

using namespace netgateway::snmp;

namespace {

Oid o(const char *text)
{
    return *Oid::parse(QString::fromLatin1(text));
}

Response waitFor(SnmpEngine &, const std::function<void(SnmpEngine::ResponseHandler)> &submit, int timeoutMs = 10000)
{
    const auto result = await<Response>(submit, timeoutMs);
    if (!result) {
        Response r;
        r.outcome = Outcome::Cancelled;
        r.message = QStringLiteral("test gave up waiting");
        return r;
    }
    return *result;
}

WalkResult walkFor(SnmpEngine &engine, const Target &t, const Oid &root)
{
    const auto result = await<WalkResult>([&](auto handler) { engine.walk(t, root, handler); });
    return result ? *result : WalkResult{Outcome::Cancelled, {}, QStringLiteral("test gave up waiting")};
}

} // namespace

class TestSnmpEngine : public QObject {
    Q_OBJECT

    SnmpdProcess m_snmpd;
    std::unique_ptr<SnmpEngine> m_engine;

    Target target(Version version = Version::V2c) const
    {
        Target t;
        t.address = QHostAddress::LocalHost;
        t.port = m_snmpd.port();
        t.credentials.version = version;
        t.timeoutMs = 1000;
        t.retries = 1;
        return t;
    }

private slots:
    void initTestCase()
    {
        if (SnmpdProcess::snmpdPath().isEmpty()) {
            QFAIL("snmpd is not installed; scripts/install-deps.sh installs it");
        }
        QString error;
        QVERIFY2(m_snmpd.start(SnmpdProcess::loadFixture(QStringLiteral("printer-kyocera.json")),
                               SnmpdProcess::allUsers(), &error),
                 qPrintable(error));
        m_engine = std::make_unique<SnmpEngine>();
        QVERIFY(m_engine->start());
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_snmpd.stop();
    }

    void getV2c()
    {
        const Response r = waitFor(*m_engine, [&](auto h) {
            m_engine->get(target(), {o("1.3.6.1.2.1.1.1.0"), o("1.3.6.1.2.1.43.11.1.1.9.1.2")}, h);
        });
        QCOMPARE(r.outcome, Outcome::Ok);
        QCOMPARE(r.varBinds.size(), 2);
        QCOMPARE(r.varBinds.at(0).oid, o("1.3.6.1.2.1.1.1.0"));
        QCOMPARE(r.varBinds.at(0).value.type, Value::Type::OctetString);
        QCOMPARE(r.varBinds.at(0).value.bytes, QByteArray("KYOCERA Document Solutions Printing System"));
        QCOMPARE(r.varBinds.at(1).value.type, Value::Type::Integer);
        QCOMPARE(r.varBinds.at(1).value.integer, -3);
    }

    void getV1AndGetNext()
    {
        const Response r = waitFor(
            *m_engine, [&](auto h) { m_engine->getNext(target(Version::V1), {o("1.3.6.1.2.1.43.10.2.1.4")}, h); });
        QCOMPARE(r.outcome, Outcome::Ok);
        QCOMPARE(r.varBinds.size(), 1);
        QCOMPARE(r.varBinds.at(0).oid, o("1.3.6.1.2.1.43.10.2.1.4.1.1"));
        QCOMPARE(r.varBinds.at(0).value.type, Value::Type::Counter32);
        QCOMPARE(r.varBinds.at(0).value.unsigned64, 123456u);
    }

    void getBulk()
    {
        const Response r = waitFor(*m_engine, [&](auto h) {
            m_engine->getBulk(target(), 1, 3, {o("1.3.6.1.2.1.1.1"), o("1.3.6.1.2.1.43.11.1.1.9")}, h);
        });
        QCOMPARE(r.outcome, Outcome::Ok);
        QCOMPARE(r.varBinds.size(), 4);
        QCOMPARE(r.varBinds.at(0).oid, o("1.3.6.1.2.1.1.1.0"));
        QCOMPARE(r.varBinds.at(1).oid, o("1.3.6.1.2.1.43.11.1.1.9.1.1"));
        QCOMPARE(r.varBinds.at(1).value.integer, 40);
        QCOMPARE(r.varBinds.at(3).oid, o("1.3.6.1.2.1.43.11.1.1.9.1.3"));
        QCOMPARE(r.varBinds.at(3).value.integer, 100);
    }

    void walkTable_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("v1 getnext") << int(Version::V1);
        QTest::newRow("v2c getbulk") << int(Version::V2c);
    }

    void walkTable()
    {
        QFETCH(int, version);
        const WalkResult w = walkFor(*m_engine, target(Version(version)), o("1.3.6.1.2.1.43.11.1.1.6"));
        QCOMPARE(w.outcome, Outcome::Ok);
        QCOMPARE(w.varBinds.size(), 4);
        QCOMPARE(w.varBinds.at(0).value.bytes, QByteArray("TK-5240K"));
        QCOMPARE(w.varBinds.at(2).value.bytes, QByteArray("Waste Toner Box"));
        QCOMPARE(w.varBinds.at(3).oid, o("1.3.6.1.2.1.43.11.1.1.6.1.4"));
    }

    void v3EveryAuthPrivCombination_data()
    {
        QTest::addColumn<int>("userIndex");
        const auto users = SnmpdProcess::allUsers();
        for (int i = 0; i < users.size(); ++i) {
            QTest::newRow(users.at(i).name.constData()) << i;
        }
    }

    void v3EveryAuthPrivCombination()
    {
        QFETCH(int, userIndex);
        const auto user = SnmpdProcess::allUsers().at(userIndex);
        Target t = target(Version::V3);
        t.credentials = m_snmpd.credentials(user);
        const Response r = waitFor(*m_engine, [&](auto h) {
            m_engine->get(t, {o("1.3.6.1.2.1.43.5.1.1.17.1"), o("1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1")}, h);
        });
        QVERIFY2(r.outcome == Outcome::Ok, qPrintable(r.message));
        QCOMPARE(r.varBinds.size(), 2);
        QCOMPARE(r.varBinds.at(0).value.bytes, QByteArray("VCF9X12345"));
        QCOMPARE(r.varBinds.at(1).value.unsigned64, 60000u);
        const auto info = m_engine->engineInfo(t.address, t.port);
        QVERIFY(info);
        QVERIFY(info->engineId.size() >= 5);
        if (user.auth != AuthProtocol::None) {
            QVERIFY(info->boots >= 1);
        }
    }

    void v3WalkWithAes256Reeder()
    {
        Target t = target(Version::V3);
        t.credentials = m_snmpd.credentials({"sha512_aes256c", AuthProtocol::SHA512, PrivProtocol::AES256C});
        const WalkResult w = walkFor(*m_engine, t, o("1.3.6.1.2.1.43.18.1.1.7"));
        QCOMPARE(w.outcome, Outcome::Ok);
        QCOMPARE(w.varBinds.size(), 2);
        QCOMPARE(w.varBinds.at(0).value.integer, 501);
        QCOMPARE(w.varBinds.at(1).value.integer, 808);
    }

    void discoveryAndKeysAreCached()
    {
        SnmpEngine engine;
        QVERIFY(engine.start());
        Target t = target(Version::V3);
        t.credentials = m_snmpd.credentials({"sha256_aes128", AuthProtocol::SHA256, PrivProtocol::AES128});
        const EngineStatistics before = engine.statistics();
        int done = 0;
        for (int i = 0; i < 20; ++i) {
            engine.get(t, {o("1.3.6.1.2.1.1.5.0")}, [&](const Response &r) {
                QCOMPARE(r.outcome, Outcome::Ok);
                QCOMPARE(r.varBinds.at(0).value.bytes, QByteArray("KM-ECOSYS-3F"));
                ++done;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 20, 10000);
        const EngineStatistics s = engine.statistics();
        QCOMPARE(s.discoveries - before.discoveries, 1u);
        // Both engines share Net-SNMP's USM table; within one process the
        // user is localized at most once for this engine ID.
        QVERIFY(s.keyLocalizations - before.keyLocalizations <= 1);
        QCOMPARE(s.inFlight, 0);
    }

    void wrongAuthPassphrase()
    {
        Target t = target(Version::V3);
        t.credentials = m_snmpd.credentials({"sha_aes128", AuthProtocol::SHA1, PrivProtocol::AES128});
        t.credentials.authPassphrase = "definitely-wrong";
        const Response r = waitFor(*m_engine, [&](auto h) { m_engine->get(t, {o("1.3.6.1.2.1.1.1.0")}, h); });
        QCOMPARE(r.outcome, Outcome::AuthenticationFailure);
        QCOMPARE(r.message, QStringLiteral("authentication failed: wrong passphrase or protocol for user sha_aes128"));
    }

    void wrongPrivPassphrase()
    {
        Target t = target(Version::V3);
        t.credentials = m_snmpd.credentials({"md5_des", AuthProtocol::MD5, PrivProtocol::DES});
        t.credentials.privPassphrase = "definitely-wrong";
        const Response r = waitFor(*m_engine, [&](auto h) { m_engine->get(t, {o("1.3.6.1.2.1.1.1.0")}, h); });
        // snmpd drops what it cannot decrypt; the engine's authNoPriv probe
        // still tells the user what is wrong.
        QCOMPARE(r.outcome, Outcome::PrivacyFailure);
        QCOMPARE(r.message, QStringLiteral("privacy failed: wrong privacy passphrase or protocol for user md5_des"));
        QVERIFY(isSecurityFailure(r.outcome));
    }

    void unknownUser()
    {
        Target t = target(Version::V3);
        t.credentials = m_snmpd.credentials({"nobody", AuthProtocol::SHA1, PrivProtocol::None});
        const Response r = waitFor(*m_engine, [&](auto h) { m_engine->get(t, {o("1.3.6.1.2.1.1.1.0")}, h); });
        QCOMPARE(r.outcome, Outcome::UnknownUser);
        QVERIFY(r.message.contains(QStringLiteral("nobody")));
    }

    void absentAgentTimesOutInBoundedTime()
    {
        quint16 port = 0;
        {
            QUdpSocket s;
            QVERIFY(s.bind(QHostAddress::LocalHost, 0));
            port = s.localPort();
        }
        Target t = target();
        t.port = port;
        t.timeoutMs = 200;
        t.retries = 2;
        QElapsedTimer timer;
        timer.start();
        const Response r = waitFor(*m_engine, [&](auto h) { m_engine->get(t, {o("1.3.6.1.2.1.1.1.0")}, h); });
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(r.outcome, Outcome::Timeout);
        // The lower bound shows every retry waited (Qt's coarse timers may fire up
        // to 5% early); the upper one only that it never hangs (generous, for
        // loaded machines).
        QVERIFY2(elapsed >= 570 && elapsed < 10000, qPrintable(QString::number(elapsed)));
        QVERIFY(r.message.contains(QStringLiteral("3 attempts")));
    }

    void answerFromWrongSourceIsIgnored()
    {
        // A relay receives the request on one port and returns snmpd's answer
        // from another: the engine must not accept it.
        QUdpSocket front;
        QUdpSocket back;
        QUdpSocket wrongSender;
        QVERIFY(front.bind(QHostAddress::LocalHost, 0));
        QVERIFY(back.bind(QHostAddress::LocalHost, 0));
        QVERIFY(wrongSender.bind(QHostAddress::LocalHost, 0));
        QHostAddress client;
        quint16 clientPort = 0;
        bool useWrongSender = true;
        connect(&front, &QUdpSocket::readyRead, this, [&] {
            while (front.hasPendingDatagrams()) {
                QByteArray data(int(front.pendingDatagramSize()), Qt::Uninitialized);
                front.readDatagram(data.data(), data.size(), &client, &clientPort);
                back.writeDatagram(data, QHostAddress::LocalHost, m_snmpd.port());
            }
        });
        connect(&back, &QUdpSocket::readyRead, this, [&] {
            while (back.hasPendingDatagrams()) {
                QByteArray data(int(back.pendingDatagramSize()), Qt::Uninitialized);
                back.readDatagram(data.data(), data.size());
                (useWrongSender ? wrongSender : front).writeDatagram(data, client, clientPort);
            }
        });
        SnmpEngine engine;
        QVERIFY(engine.start());
        Target t = target();
        t.port = front.localPort();
        t.timeoutMs = 300;
        t.retries = 0;
        Response r = waitFor(engine, [&](auto h) { engine.get(t, {o("1.3.6.1.2.1.1.5.0")}, h); });
        QCOMPARE(r.outcome, Outcome::Timeout);
        QVERIFY(engine.statistics().datagramsDiscarded >= 1);
        useWrongSender = false;
        r = waitFor(engine, [&](auto h) { engine.get(t, {o("1.3.6.1.2.1.1.5.0")}, h); });
        QCOMPARE(r.outcome, Outcome::Ok);
        QCOMPARE(r.varBinds.at(0).value.bytes, QByteArray("KM-ECOSYS-3F"));
    }

    void pacingAndInFlightLimit()
    {
        EngineOptions options;
        options.maxInFlight = 3;
        options.packetsPerSecond = 200;
        SnmpEngine engine(options);
        QVERIFY(engine.start());
        int done = 0;
        int maxSeen = 0;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 40; ++i) {
            engine.get(target(), {o("1.3.6.1.2.1.1.5.0")}, [&](const Response &r) {
                QCOMPARE(r.outcome, Outcome::Ok);
                ++done;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT((maxSeen = std::max(maxSeen, engine.statistics().inFlight), done), 40, 10000);
        QVERIFY(maxSeen <= 3);
        // 40 packets at 200/s with a 4-packet burst need at least ~180 ms.
        QVERIFY2(timer.elapsed() >= 150, qPrintable(QString::number(timer.elapsed())));
    }

    void manualTimeSource()
    {
        struct ManualTime : TimeSource {
            qint64 now = 1000;
            qint64 nowMs() const override { return now; }
        } time;
        EngineOptions options;
        options.timeSource = &time;
        SnmpEngine engine(options);
        QVERIFY(engine.start());
        quint16 port = 0;
        {
            QUdpSocket s;
            QVERIFY(s.bind(QHostAddress::LocalHost, 0));
            port = s.localPort();
        }
        Target t = target();
        t.port = port;
        t.timeoutMs = 60000;
        t.retries = 1;
        std::optional<Response> result;
        engine.get(t, {o("1.3.6.1.2.1.1.1.0")}, [&](const Response &r) { result = r; });
        QTRY_COMPARE(engine.statistics().requestsSent, 1u);
        time.now += 60000;
        engine.processTimers();
        QCOMPARE(engine.statistics().retransmissions, 1u);
        QVERIFY(!result);
        time.now += 60000;
        engine.processTimers();
        QVERIFY(result);
        QCOMPARE(result->outcome, Outcome::Timeout);
    }

    void invalidRequestsAreRefusedAsynchronously()
    {
        Target t = target(Version::V3);
        t.credentials.user = "x";
        t.credentials.authProtocol = AuthProtocol::SHA256;
        t.credentials.authPassphrase = "short";
        bool called = false;
        Response got;
        m_engine->get(t, {o("1.3.6.1.2.1.1.1.0")}, [&](const Response &r) {
            called = true;
            got = r;
        });
        QVERIFY(!called);
        QTRY_VERIFY(called);
        QCOMPARE(got.outcome, Outcome::InvalidRequest);
        QVERIFY(got.message.contains(QStringLiteral("8 to 255")));
    }

    // Last: it moves the library's clock. A valid, authenticated response
    // that arrives after the 150 s time window (as a replay would) is
    // dropped; the same response held for a moment inside the window is
    // taken (RFC 3414 3.2 step 7b).
    void responseOlderThanTimeWindowIsDropped()
    {
        QUdpSocket front;
        QUdpSocket back;
        QVERIFY(front.bind(QHostAddress::LocalHost, 0));
        QVERIFY(back.bind(QHostAddress::LocalHost, 0));
        QHostAddress client;
        quint16 clientPort = 0;
        bool hold = false;
        QByteArray held;
        connect(&front, &QUdpSocket::readyRead, this, [&] {
            while (front.hasPendingDatagrams()) {
                QByteArray data(int(front.pendingDatagramSize()), Qt::Uninitialized);
                front.readDatagram(data.data(), data.size(), &client, &clientPort);
                back.writeDatagram(data, QHostAddress::LocalHost, m_snmpd.port());
            }
        });
        connect(&back, &QUdpSocket::readyRead, this, [&] {
            while (back.hasPendingDatagrams()) {
                QByteArray data(int(back.pendingDatagramSize()), Qt::Uninitialized);
                back.readDatagram(data.data(), data.size());
                if (hold) {
                    held = data;
                } else {
                    front.writeDatagram(data, client, clientPort);
                }
            }
        });
        SnmpEngine engine;
        QVERIFY(engine.start());
        Target t = target(Version::V3);
        t.port = front.localPort();
        t.retries = 0;
        t.timeoutMs = 1500;
        // authNoPriv: with privacy, a lost answer is followed by a probe that
        // tells a wrong privacy key from silence, which is another test.
        t.credentials = m_snmpd.credentials({"sha256_nopriv", AuthProtocol::SHA256, PrivProtocol::None});
        const Oid sysName = o("1.3.6.1.2.1.1.5.0");
        Response r = waitFor(engine, [&](auto h) { engine.get(t, {sysName}, h); });
        QVERIFY2(r.outcome == Outcome::Ok, qPrintable(r.message));

        auto heldGet = [&](qint64 advanceMs) {
            hold = true;
            held.clear();
            return waitFor(engine, [&](auto h) {
                engine.get(t, {sysName}, h);
                QTRY_VERIFY(!held.isEmpty());
                hold = false;
                NetSnmpLibrary::instance().advanceMonotonicForTesting(advanceMs);
                front.writeDatagram(held, client, clientPort);
            });
        };
        auto &library = NetSnmpLibrary::instance();
        const quint64 droppedBefore = library.responsesOutsideTimeWindow();
        r = heldGet(0);
        QVERIFY2(r.outcome == Outcome::Ok, qPrintable(r.message));
        QCOMPARE(r.varBinds.at(0).value.bytes, QByteArray("KM-ECOSYS-3F"));
        QCOMPARE(library.responsesOutsideTimeWindow(), droppedBefore);

        r = heldGet(200000);
        QCOMPARE(r.outcome, Outcome::Timeout);
        QCOMPARE(library.responsesOutsideTimeWindow(), droppedBefore + 1);
        library.advanceMonotonicForTesting(-200000);
    }
};

QTEST_GUILESS_MAIN(TestSnmpEngine)
#include "TestSnmpEngine.moc"
