#include <netgateway/wsd/WsdCodec.h>

#include "WsdFixtures.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace netgateway::wsd;
using namespace netgateway::test;

class TestWsdCodec : public QObject {
    Q_OBJECT
private slots:
    void parsesProbeMatches()
    {
        const WsdCodec codec;
        QString error;
        const auto m = codec.parse(probeMatches(), error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->kind, WsdMessage::Kind::ProbeMatches);
        QCOMPARE(m->relatesTo, QStringLiteral("urn:uuid:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"));
        QCOMPARE(m->messageId, QStringLiteral("urn:uuid:11111111-2222-3333-4444-555555555555"));
        QCOMPARE(m->endpoints.size(), 1);
        const WsdEndpoint &e = m->endpoints.first();
        QCOMPARE(e.endpointReference, QStringLiteral("urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-7a8b9c0d1e2f"));
        QCOMPARE(e.types.size(), 2);
        QCOMPARE(e.types[0], QStringLiteral("wsdp:Device"));
        QVERIFY(e.types[1].endsWith(QStringLiteral("PrintDeviceType")));
        QCOMPARE(e.xaddrs, (QStringList{QStringLiteral("http://192.0.2.50:80/wsd"),
                                        QStringLiteral("http://[2001:db8::50]:80/wsd")}));
        QCOMPARE(e.metadataVersion, 3u);
    }

    void parsesHelloAndBye()
    {
        const QByteArray epr = "<wsa:EndpointReference><wsa:Address>urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-7a8b9c0d1e2f"
                               "</wsa:Address></wsa:EndpointReference>";
        const WsdCodec codec;
        QString error;
        const auto hello =
            codec.parse(wsdEnvelope("Hello",
                                    "<wsd:Hello>" + epr +
                                        "<wsd:Types>wsdp:Device</wsd:Types><wsd:XAddrs>http://192.0.2.9/x</wsd:XAddrs>"
                                        "<wsd:MetadataVersion>2</wsd:MetadataVersion></wsd:Hello>",
                                    {}),
                        error);
        QVERIFY2(hello, qPrintable(error));
        QCOMPARE(hello->kind, WsdMessage::Kind::Hello);
        QCOMPARE(hello->endpoints.first().xaddrs, QStringList{QStringLiteral("http://192.0.2.9/x")});
        const auto bye = codec.parse(wsdEnvelope("Bye", "<wsd:Bye>" + epr + "</wsd:Bye>", {}), error);
        QVERIFY2(bye, qPrintable(error));
        QCOMPARE(bye->kind, WsdMessage::Kind::Bye);
        QCOMPARE(bye->endpoints.first().endpointReference,
                 QStringLiteral("urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-7a8b9c0d1e2f"));
    }

    void builtProbeIsAWsDiscoveryProbe()
    {
        const WsdCodec codec;
        const QString id = WsdCodec::newMessageId();
        QVERIFY(id.startsWith(QStringLiteral("urn:uuid:")));
        const QByteArray probe = codec.buildProbe(id);
        QVERIFY(probe.contains("http://www.w3.org/2003/05/soap-envelope"));
        QVERIFY(probe.contains("urn:schemas-xmlsoap-org:ws:2005:04:discovery"));
        QVERIFY(probe.contains(">wsdp:Device<"));
        QVERIFY(!probe.startsWith("POST")); // SOAP-over-UDP, no HTTP framing
        QString error;
        const auto back = codec.parse(probe, error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->kind, WsdMessage::Kind::Probe);
        QCOMPARE(back->messageId, id);
        QCOMPARE(back->endpoints.first().types, QStringList{QStringLiteral("wsdp:Device")});
    }

    void resolveRoundTrip()
    {
        const WsdCodec codec;
        const QString id = WsdCodec::newMessageId();
        const QByteArray resolve =
            codec.buildResolve(id, QStringLiteral("urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-7a8b9c0d1e2f"));
        QVERIFY(resolve.contains("http://schemas.xmlsoap.org/ws/2005/04/discovery/Resolve"));
        QVERIFY(resolve.contains("urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-7a8b9c0d1e2f"));
        QVERIFY(resolve.contains(id.toUtf8()));
        QString error;
        const auto matches = codec.parse(
            wsdEnvelope("ResolveMatches",
                        "<wsd:ResolveMatches><wsd:ResolveMatch><wsa:EndpointReference><wsa:Address>"
                        "urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-7a8b9c0d1e2f</wsa:Address></wsa:EndpointReference>"
                        "<wsd:XAddrs>http://192.0.2.50:5357/x</wsd:XAddrs><wsd:MetadataVersion>4"
                        "</wsd:MetadataVersion></wsd:ResolveMatch></wsd:ResolveMatches>",
                        id.toUtf8()),
            error);
        QVERIFY2(matches, qPrintable(error));
        QCOMPARE(matches->kind, WsdMessage::Kind::ResolveMatches);
        QCOMPARE(matches->relatesTo, id);
        QCOMPARE(matches->endpoints.first().xaddrs, QStringList{QStringLiteral("http://192.0.2.50:5357/x")});
        QCOMPARE(matches->endpoints.first().metadataVersion, 4u);
    }

    void refusesHugeMessage()
    {
        const WsdCodec codec;
        QByteArray huge = probeMatches();
        huge.insert(huge.indexOf("</wsd:ProbeMatches>"), QByteArray(8 * 1024 * 1024, ' '));
        QString error;
        QElapsedTimer t;
        t.start();
        QVERIFY(!codec.parse(huge, error));
        QVERIFY2(error.contains(QStringLiteral("exceeds the limit of 65536 bytes")), qPrintable(error));
        QVERIFY(t.elapsed() < 1000);
    }

    void refusesOverlongString()
    {
        MessageLimits limits;
        limits.maxStringLength = 1024;
        const WsdCodec codec(limits);
        const QByteArray longList = "http://192.0.2.50/" + QByteArray(4000, 'a');
        QString error;
        const auto m =
            codec.parse(wsdEnvelope("ProbeMatches",
                                    "<wsd:ProbeMatches>" + probeMatch("urn:uuid:x", longList) + "</wsd:ProbeMatches>"),
                        error);
        QVERIFY(!m);
        QVERIFY(!error.isEmpty());
    }

    void refusesDeepNesting()
    {
        const WsdCodec codec;
        QByteArray deep;
        for (int i = 0; i < 5000; ++i) {
            deep += "<x>";
        }
        for (int i = 0; i < 5000; ++i) {
            deep += "</x>";
        }
        QString error;
        QVERIFY(deep.size() < 64 * 1024);
        QVERIFY(!codec.parse(wsdEnvelope("ProbeMatches", "<wsd:ProbeMatches>" + deep + "</wsd:ProbeMatches>"), error));
        QVERIFY(!error.isEmpty());
        // Deep nesting inside an element that is skipped as unknown, too.
        QVERIFY(!codec.parse(wsdEnvelope("ProbeMatches", "<wsd:ProbeMatches>" + probeMatch() + "<vendor>" + deep +
                                                             "</vendor></wsd:ProbeMatches>"),
                             error));
    }

    void refusesTooManyRepeats()
    {
        MessageLimits limits;
        limits.maxRepeats = 16;
        const WsdCodec codec(limits);
        QByteArray many;
        for (int i = 0; i < 40; ++i) {
            many += probeMatch("urn:uuid:d-" + QByteArray::number(i), "http://192.0.2.1/");
        }
        QString error;
        QVERIFY(!codec.parse(wsdEnvelope("ProbeMatches", "<wsd:ProbeMatches>" + many + "</wsd:ProbeMatches>"), error));
        QVERIFY(!error.isEmpty());
    }

    void truncatedMessagesNeverParseAsMatches()
    {
        const WsdCodec codec;
        const QByteArray full = probeMatches();
        const qsizetype closing = full.lastIndexOf("</soap:Body>");
        for (qsizetype n = 0; n < closing; n += 3) {
            QString error;
            const auto m = codec.parse(full.left(n), error);
            QVERIFY2(!m || m->kind != WsdMessage::Kind::ProbeMatches || m->endpoints.isEmpty(),
                     qPrintable(QStringLiteral("prefix of %1 bytes accepted").arg(n)));
            if (!m) {
                QVERIFY(!error.isEmpty());
            }
        }
    }

    void wrongNamespacesAreNotDiscoveryMessages()
    {
        const WsdCodec codec;
        QString error;
        // WS-Discovery 1.1 namespace where 2005/04 is expected.
        QByteArray other = probeMatches();
        other.replace("http://schemas.xmlsoap.org/ws/2005/04/discovery\"",
                      "http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01\"");
        auto m = codec.parse(other, error);
        QVERIFY(!m || m->kind != WsdMessage::Kind::ProbeMatches);
        // Not a SOAP envelope at all.
        QByteArray envelope = probeMatches();
        envelope.replace("http://www.w3.org/2003/05/soap-envelope", "urn:example:not-soap");
        m = codec.parse(envelope, error);
        QVERIFY(!m || m->kind != WsdMessage::Kind::ProbeMatches);
        // Missing WS-Addressing header.
        QByteArray noAction = probeMatches();
        noAction.replace("wsa:Action", "wsa:Unknown");
        m = codec.parse(noAction, error);
        QVERIFY(!m || m->kind != WsdMessage::Kind::ProbeMatches);
    }

    void entityExpansionIsRefused()
    {
        const QByteArray laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                                  "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                                  "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                                  "<lolz>&lol3;</lolz>";
        const WsdCodec codec;
        QString error;
        QVERIFY(!codec.parse(laughs, error));
        QVERIFY(!error.isEmpty());
    }

    void garbageAndMutationsNeverCrash()
    {
        const WsdCodec codec;
        QString error;
        QVERIFY(!codec.parse(QByteArray(), error));
        QVERIFY(!codec.parse(QByteArray(1000, '\0'), error));
        QVERIFY(!codec.parse("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n<x/>", error));
        QRandomGenerator rng(20260101);
        const QByteArray base = probeMatches();
        int parsed = 0;
        for (int i = 0; i < 600; ++i) {
            QByteArray m = base;
            const int edits = 1 + rng.bounded(8);
            for (int e = 0; e < edits; ++e) {
                const int pos = rng.bounded(static_cast<int>(m.size()));
                switch (rng.bounded(3)) {
                case 0:
                    m[pos] = static_cast<char>(rng.bounded(256));
                    break;
                case 1:
                    m.remove(pos, 1 + rng.bounded(16));
                    break;
                default:
                    m.insert(pos, m.mid(rng.bounded(static_cast<int>(m.size())), rng.bounded(64)));
                    break;
                }
            }
            if (codec.parse(m, error)) {
                ++parsed;
            }
        }
        QVERIFY(parsed < 600); // the mutations did reach the error paths
    }
};

QTEST_GUILESS_MAIN(TestWsdCodec)
#include "TestWsdCodec.moc"
