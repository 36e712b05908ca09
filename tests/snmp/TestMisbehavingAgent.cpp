// The engine against agents that send what real devices sometimes send:
// GETNEXT loops, garbage, answers of the wrong version, endless tables.
#include "Await.h"
#include "QTestPrinters.h"

#include <netgateway/snmp/SnmpEngine.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <QDir>
#include <QElapsedTimer>
#include <QTest>
#include <QUdpSocket>

#include <cstdlib>
#include <functional>

using namespace netgateway::snmp;

namespace {

Oid o(const char *text)
{
    return *Oid::parse(QString::fromLatin1(text));
}

// A v1/v2c agent whose answers a test scripts: given the request's OIDs it
// returns varbinds (OID + integer) or raw bytes to send instead.
class ScriptedAgent : public QObject {
public:
    struct Answer {
        QList<std::pair<Oid, long>> varBinds;
        QByteArray raw;   // sent as is when not empty
        int version = -1; // -1: same as the request
    };
    std::function<Answer(int command, const QList<Oid> &oids)> script;

    explicit ScriptedAgent(const QHostAddress &address = QHostAddress::LocalHost)
    {
        m_socket.bind(address, 0);
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] { onRead(); });
        snmp_sess_init(&m_session);
    }
    quint16 port() const { return m_socket.localPort(); }
    int requests = 0;

private:
    void onRead()
    {
        while (m_socket.hasPendingDatagrams()) {
            QByteArray data(int(m_socket.pendingDatagramSize()), Qt::Uninitialized);
            QHostAddress from;
            quint16 fromPort = 0;
            m_socket.readDatagram(data.data(), data.size(), &from, &fromPort);
            ++requests;
            auto *in = static_cast<netsnmp_pdu *>(std::calloc(1, sizeof(netsnmp_pdu)));
            m_session.version = SNMP_DEFAULT_VERSION;
            if (snmp_parse(nullptr, &m_session, in, reinterpret_cast<u_char *>(data.data()), size_t(data.size())) !=
                0) {
                snmp_free_pdu(in);
                continue;
            }
            QList<Oid> oids;
            for (auto *vp = in->variables; vp; vp = vp->next_variable) {
                QList<std::uint32_t> parts;
                for (size_t i = 0; i < vp->name_length; ++i) {
                    parts.append(std::uint32_t(vp->name[i]));
                }
                oids.append(Oid(parts));
            }
            const Answer answer = script(in->command, oids);
            if (!answer.raw.isEmpty()) {
                m_socket.writeDatagram(answer.raw, from, fromPort);
                snmp_free_pdu(in);
                continue;
            }
            netsnmp_pdu *out = snmp_pdu_create(SNMP_MSG_RESPONSE);
            out->reqid = in->reqid;
            out->version = answer.version >= 0 ? answer.version : in->version;
            out->community = static_cast<u_char *>(std::malloc(6));
            std::memcpy(out->community, "public", 6);
            out->community_len = 6;
            for (const auto &[oid, value] : answer.varBinds) {
                ::oid name[MAX_OID_LEN];
                for (qsizetype i = 0; i < oid.size(); ++i) {
                    name[i] = oid.parts().at(i);
                }
                snmp_pdu_add_variable(out, name, size_t(oid.size()), ASN_INTEGER, &value, sizeof(value));
            }
            m_session.version = out->version;
            size_t size = 4096;
            size_t offset = 0;
            auto *buffer = static_cast<u_char *>(std::malloc(size));
            if (snmp_build(&buffer, &size, &offset, &m_session, out) == 0) {
                m_socket.writeDatagram(reinterpret_cast<const char *>(buffer + size - offset), qint64(offset), from,
                                       fromPort);
            }
            std::free(buffer);
            snmp_free_pdu(out);
            snmp_free_pdu(in);
        }
    }

    QUdpSocket m_socket;
    netsnmp_session m_session{};
};

} // namespace

class TestMisbehavingAgent : public QObject {
    Q_OBJECT

    std::unique_ptr<SnmpEngine> m_engine;

    Target target(quint16 port, Version version = Version::V2c) const
    {
        Target t;
        t.address = QHostAddress::LocalHost;
        t.port = port;
        t.credentials.version = version;
        t.timeoutMs = 300;
        t.retries = 0;
        return t;
    }

    WalkResult walk(const Target &t, const Oid &root)
    {
        const auto result = await<WalkResult>([&](auto handler) { m_engine->walk(t, root, handler); });
        return result ? *result : WalkResult{Outcome::Cancelled, {}, {}};
    }

private slots:
    void initTestCase()
    {
        EngineOptions options;
        options.maxWalkRows = 500;
        m_engine = std::make_unique<SnmpEngine>(options);
        QVERIFY(m_engine->start());
    }

    void getNextLoopStopsWithClearError_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("v1 getnext") << int(Version::V1);
        QTest::newRow("v2c getbulk") << int(Version::V2c);
    }

    void getNextLoopStopsWithClearError()
    {
        QFETCH(int, version);
        ScriptedAgent agent;
        agent.script = [](int, const QList<Oid> &) {
            // Always the same row: a classic firmware GETNEXT loop.
            return ScriptedAgent::Answer{{{o("1.3.6.1.2.1.43.11.1.1.9.1.1"), 40}}, {}, -1};
        };
        const WalkResult w = walk(target(agent.port(), Version(version)), o("1.3.6.1.2.1.43.11.1.1.9"));
        QCOMPARE(w.outcome, Outcome::ProtocolError);
        QVERIFY2(w.message.contains(QStringLiteral("not increasing")), qPrintable(w.message));
        QCOMPARE(w.varBinds.size(), 1);
        QCOMPARE(w.varBinds.first().value.integer, 40);
        QCOMPARE(agent.requests, 2);
    }

    void decreasingOidStops()
    {
        ScriptedAgent agent;
        agent.script = [](int, const QList<Oid> &oids) {
            const Oid &from = oids.first();
            if (from == o("1.3.6.1.2.1.43.11.1.1.9")) {
                return ScriptedAgent::Answer{{{o("1.3.6.1.2.1.43.11.1.1.9.1.5"), 1}}, {}, -1};
            }
            return ScriptedAgent::Answer{{{o("1.3.6.1.2.1.43.11.1.1.9.1.2"), 2}}, {}, -1};
        };
        const WalkResult w = walk(target(agent.port(), Version::V1), o("1.3.6.1.2.1.43.11.1.1.9"));
        QCOMPARE(w.outcome, Outcome::ProtocolError);
        QCOMPARE(w.varBinds.size(), 1);
    }

    void endlessTableIsCut()
    {
        ScriptedAgent agent;
        agent.script = [](int, const QList<Oid> &oids) {
            const Oid &from = oids.first();
            const std::uint32_t next = from.size() > 12 ? from.parts().last() + 1 : 1;
            return ScriptedAgent::Answer{{{o("1.3.6.1.2.1.43.11.1.1.9.1").child(next), long(next)}}, {}, -1};
        };
        const WalkResult w = walk(target(agent.port(), Version::V1), o("1.3.6.1.2.1.43.11.1.1.9"));
        QCOMPARE(w.outcome, Outcome::ProtocolError);
        QCOMPARE(w.varBinds.size(), 500);
        QVERIFY(w.message.contains(QStringLiteral("stopped after 500 rows")));
    }

    void garbageAndWrongVersionAreIgnored_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("version");
        QTest::newRow("garbage") << QByteArray("\x30\x82\xff\xff garbage") << -1;
        QTest::newRow("truncated BER") << QByteArray::fromHex("302902010104067075626c6963a21c") << -1;
        QTest::newRow("empty sequence") << QByteArray::fromHex("3000") << -1;
        QTest::newRow("v1 answer to v2c") << QByteArray() << int(SNMP_VERSION_1);
    }

    void garbageAndWrongVersionAreIgnored()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, version);
        ScriptedAgent agent;
        agent.script = [&](int, const QList<Oid> &) {
            return ScriptedAgent::Answer{{{o("1.3.6.1.2.1.1.7.0"), 72}}, raw, version};
        };
        const quint64 discardedBefore = m_engine->statistics().datagramsDiscarded;
        auto result = std::make_shared<std::optional<Response>>();
        m_engine->get(target(agent.port()), {o("1.3.6.1.2.1.1.7.0")}, [result](const Response &r) { *result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result->has_value(), 5000);
        QCOMPARE((*result)->outcome, Outcome::Timeout);
        QVERIFY(m_engine->statistics().datagramsDiscarded > discardedBefore);
    }

    void cancelledWalkNeverCallsBack()
    {
        ScriptedAgent agent;
        int answered = 0;
        agent.script = [&](int, const QList<Oid> &oids) {
            ++answered;
            if (answered > 3) {
                // From the fourth request on, only noise: the walk stays in
                // flight (instead of racing to its row limit) until cancelled.
                return ScriptedAgent::Answer{{}, QByteArray("noise"), -1};
            }
            const Oid &from = oids.first();
            const std::uint32_t next = from.size() > 12 ? from.parts().last() + 1 : 1;
            return ScriptedAgent::Answer{{{o("1.3.6.1.2.1.43.11.1.1.9.1").child(next), long(next)}}, {}, -1};
        };
        bool called = false;
        const quint64 id = m_engine->walk(target(agent.port(), Version::V1), o("1.3.6.1.2.1.43.11.1.1.9"),
                                          [&](const WalkResult &) { called = true; });
        QTRY_VERIFY(answered >= 3);
        m_engine->cancel(id);
        const int answeredAtCancel = answered;
        QTest::qWait(100);
        QVERIFY(!called);
        QVERIFY(answered <= answeredAtCancel + 1);
        QCOMPARE(m_engine->statistics().inFlight, 0);
    }

    void ipv6Loopback()
    {
        ScriptedAgent agent(QHostAddress::LocalHostIPv6);
        if (agent.port() == 0) {
            QSKIP("no IPv6 loopback on this machine");
        }
        agent.script = [](int, const QList<Oid> &oids) { return ScriptedAgent::Answer{{{oids.first(), 6}}, {}, -1}; };
        Target t = target(agent.port());
        t.address = QHostAddress::LocalHostIPv6;
        const auto r = await<Response>([&](auto h) { m_engine->get(t, {o("1.3.6.1.2.1.1.7.0")}, h); });
        QVERIFY(r);
        QCOMPARE(r->outcome, Outcome::Ok);
        QCOMPARE(r->varBinds.first().value.integer, 6);
    }

    void tenThousandAgentsUseNoExtraDescriptors()
    {
        // 10000 distinct loopback agents (nobody listens): the engine keeps its
        // two sockets, far from select()'s 1024-descriptor limit.
        const auto openDescriptors = [] { return QDir(QStringLiteral("/proc/self/fd")).count(); };
        EngineOptions options;
        options.maxInFlight = 10000;
        SnmpEngine engine(options);
        QVERIFY(engine.start());
        const auto before = openDescriptors();
        auto finished = std::make_shared<int>(0);
        auto timeouts = std::make_shared<int>(0);
        const int total = 10000;
        for (int i = 0; i < total; ++i) {
            Target t = target(161);
            t.address = QHostAddress((127u << 24) | (2u << 16) | quint32(i + 1));
            t.timeoutMs = 500;
            engine.get(t, {o("1.3.6.1.2.1.1.1.0")}, [finished, timeouts](const Response &r) {
                ++*finished;
                *timeouts += r.outcome == Outcome::Timeout ? 1 : 0;
            });
        }
        QCoreApplication::processEvents();
        QVERIFY(engine.statistics().inFlight > 5000);
        QCOMPARE(openDescriptors(), before);
        QElapsedTimer clock;
        clock.start();
        while (*finished < total && clock.elapsed() < 30000) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        }
        QCOMPARE(*finished, total);
        QCOMPARE(*timeouts, total);
        QCOMPARE(openDescriptors(), before);
    }

    void thousandsInFlightOnFewSockets()
    {
        // 2000 requests at once to 20 agents over the engine's two sockets.
        ScriptedAgent agents[20];
        for (auto &a : agents) {
            a.script = [](int, const QList<Oid> &oids) {
                return ScriptedAgent::Answer{{{oids.first(), long(oids.first().parts().last())}}, {}, -1};
            };
        }
        auto ok = std::make_shared<int>(0);
        const int total = 2000;
        for (int i = 0; i < total; ++i) {
            Target t = target(agents[i % 20].port());
            t.timeoutMs = 5000;
            t.retries = 1;
            const Oid asked = o("1.3.6.1.4.1.99999").child(std::uint32_t(i));
            m_engine->get(t, {asked}, [ok, asked, i](const Response &r) {
                if (r.outcome == Outcome::Ok && r.varBinds.size() == 1 && r.varBinds.first().oid == asked &&
                    r.varBinds.first().value.integer == i) {
                    ++*ok;
                }
            });
        }
        QElapsedTimer clock;
        clock.start();
        QCoreApplication::processEvents();
        QVERIFY(m_engine->statistics().inFlight > 1000);
        while (*ok < total && clock.elapsed() < 20000) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        }
        QCOMPARE(*ok, total);
        QCOMPARE(m_engine->statistics().retransmissions, 0u);
        QCOMPARE(m_engine->statistics().inFlight, 0);
    }
};

QTEST_GUILESS_MAIN(TestMisbehavingAgent)
#include "TestMisbehavingAgent.moc"
