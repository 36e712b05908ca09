#include <netgateway/wsd/WsdProbe.h>

#include "WsdFixtures.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

using namespace netgateway::wsd;
using namespace netgateway::test;
using namespace std::chrono_literals;

class TestWsdProbe : public QObject {
    Q_OBJECT
private slots:
    void directedProbeCollectsOnlyAnswersToIt()
    {
        // A target service on a loopback address answering directed probes.
        const QHostAddress responderAddress(QStringLiteral("127.71.3.2"));
        QUdpSocket responder;
        QVERIFY2(
            responder.bind(responderAddress, kDiscoveryPort, QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint),
            qPrintable(responder.errorString()));
        QString probeId;
        QStringList probeTypes;
        connect(&responder, &QUdpSocket::readyRead, this, [&] {
            while (responder.hasPendingDatagrams()) {
                const QNetworkDatagram d = responder.receiveDatagram();
                QString error;
                const auto probe = WsdCodec().parse(d.data(), error);
                if (!probe || probe->kind != WsdMessage::Kind::Probe) {
                    continue;
                }
                probeId = probe->messageId;
                probeTypes = probe->endpoints.value(0).types;
                const auto reply = [&](const QByteArray &bytes) {
                    responder.writeDatagram(bytes, d.senderAddress(), static_cast<quint16>(d.senderPort()));
                };
                // Too big for the limits, then an answer to somebody else's
                // probe, then the real answer, repeated as SOAP-over-UDP does.
                reply(QByteArray(12000, '<'));
                reply(wsdEnvelope("ProbeMatches", "<wsd:ProbeMatches>" + probeMatch() + "</wsd:ProbeMatches>",
                                  "urn:uuid:00000000-0000-0000-0000-000000000000",
                                  "urn:uuid:99999999-0000-0000-0000-000000000000"));
                reply(probeMatches(probeId.toUtf8()));
                reply(probeMatches(probeId.toUtf8()));
            }
        });

        WsdProbe::Options options;
        options.multicast = false;
        options.window = 500ms;
        options.limits.maxMessageBytes = 8192;
        WsdProbe probe(options);
        QString error;
        QVERIFY2(probe.open(error), qPrintable(error));
        QSignalSpy matches(&probe, &WsdProbe::probeMatch);
        QSignalSpy finished(&probe, &WsdProbe::finished);
        probe.probeAddress(responderAddress);
        QVERIFY(finished.wait(5000));
        QVERIFY(probeId.startsWith(QStringLiteral("urn:uuid:")));
        QCOMPARE(probeTypes, QStringList{QStringLiteral("wsdp:Device")});
        QCOMPARE(matches.size(), 1);
        const auto device = matches.first().first().value<WsdDevice>();
        QCOMPARE(device.endpoint.endpointReference, QStringLiteral("urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-7a8b9c0d1e2f"));
        QCOMPARE(device.from, responderAddress);
        QCOMPARE(device.via, QStringLiteral("probe"));
        QCOMPARE(probe.devices().size(), 1);
        QCOMPARE(probe.rejectedDatagrams(), 2);
    }

    void refusesUnusableSettings()
    {
        WsdProbe::Options options;
        options.interfaces = {QStringLiteral("no-such-if0")};
        WsdProbe probe(options);
        QString error;
        QVERIFY(!probe.open(error));
        QVERIFY(error.contains(QStringLiteral("'no-such-if0' does not exist")));
        WsdProbe::Options bad;
        bad.limits.maxElementDepth = 100000;
        WsdProbe probe2(bad);
        QVERIFY(!probe2.open(error));
        QVERIFY(error.contains(QStringLiteral("depth")));
    }
};

QTEST_GUILESS_MAIN(TestWsdProbe)
#include "TestWsdProbe.moc"
