#include <netgateway/wsd/WsdMetadata.h>

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace netgateway::wsd;

namespace {

QByteArray getResponse(const QByteArray &sections)
{
    return "<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" "
           "xmlns:wsx=\"http://schemas.xmlsoap.org/ws/2004/09/mex\" "
           "xmlns:wsdp=\"http://schemas.xmlsoap.org/ws/2006/02/devprof\"><soap:Header/><soap:Body><wsx:Metadata>" +
           sections + "</wsx:Metadata></soap:Body></soap:Envelope>";
}

const QByteArray kSections =
    "<wsx:MetadataSection><wsdp:ThisModel><wsdp:Manufacturer xml:lang=\"en\">Acme Imaging</wsdp:Manufacturer>"
    "<wsdp:Manufacturer xml:lang=\"de\">Acme Bildtechnik</wsdp:Manufacturer>"
    "<wsdp:ModelName>LaserMax 9000</wsdp:ModelName><wsdp:PresentationUrl>http://192.0.2.50/</wsdp:PresentationUrl>"
    "</wsdp:ThisModel></wsx:MetadataSection><wsx:MetadataSection><wsdp:ThisDevice>"
    "<wsdp:FriendlyName>Floor 2 MFP</wsdp:FriendlyName><wsdp:SerialNumber> CN123XYZ </wsdp:SerialNumber>"
    "</wsdp:ThisDevice></wsx:MetadataSection>";

} // namespace

class TestWsdMetadata : public QObject {
    Q_OBJECT
private slots:
    void parsesThisModelAndThisDevice()
    {
        QString error;
        const auto m = parseMetadata(getResponse(kSections), MessageLimits{}, error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->manufacturer, QStringLiteral("Acme Imaging"));
        QCOMPARE(m->modelName, QStringLiteral("LaserMax 9000"));
        QCOMPARE(m->serialNumber, QStringLiteral("CN123XYZ"));
        QCOMPARE(m->friendlyName, QStringLiteral("Floor 2 MFP"));
        QCOMPARE(m->presentationUrl, QStringLiteral("http://192.0.2.50/"));
    }

    void hostileAnswersAreRefused()
    {
        const MessageLimits limits;
        QString error;
        QByteArray huge = getResponse(kSections);
        huge.append(QByteArray(limits.maxMessageBytes, ' '));
        QVERIFY(!parseMetadata(huge, limits, error));
        QVERIFY(error.contains(QStringLiteral("exceeds the limit")));

        QByteArray deep;
        for (int i = 0; i < 200; ++i) {
            deep += "<a>";
        }
        QVERIFY(!parseMetadata(getResponse(deep), limits, error));
        QVERIFY(error.contains(QStringLiteral("nested deeper")) || error.contains(QStringLiteral("malformed")));

        QVERIFY(!parseMetadata("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>", limits, error));
        QVERIFY(error.contains(QStringLiteral("document type")));

        const QByteArray full = getResponse(kSections);
        QVERIFY(!parseMetadata(full.left(full.size() / 2), limits, error));
        QVERIFY(error.contains(QStringLiteral("malformed")));

        QVERIFY(!parseMetadata("<html><body>not soap</body></html>", limits, error));
        QVERIFY(error.contains(QStringLiteral("not a SOAP envelope")));

        MessageLimits shortStrings = limits;
        shortStrings.maxStringLength = 256;
        QVERIFY(!parseMetadata(getResponse("<wsdp:ThisModel><wsdp:Manufacturer>" + QByteArray(1000, 'M') +
                                           "</wsdp:Manufacturer></wsdp:ThisModel>"),
                               shortStrings, error));
        QVERIFY(error.contains(QStringLiteral("longer than 256")));

        // Wrong namespace: looks like metadata, is not.
        QByteArray wrongNs = getResponse(kSections);
        wrongNs.replace("http://schemas.xmlsoap.org/ws/2006/02/devprof", "urn:example:other");
        const auto m = parseMetadata(wrongNs, limits, error);
        QVERIFY(m);
        QVERIFY(m->manufacturer.isEmpty());
    }

    void refusesXAddrsNamingAnotherHost()
    {
        WsdMetadataClient client;
        QString error;
        const auto never = [](std::optional<DeviceMetadata>, const QString &) { QFAIL("must not be called"); };
        QVERIFY(!client.fetch(QUrl(QStringLiteral("http://198.51.100.7/meta")),
                              QHostAddress(QStringLiteral("192.0.2.5")), QStringLiteral("urn:uuid:x"), never, error));
        QVERIFY(error.contains(QStringLiteral("does not name the device's own address")));
        QVERIFY(!client.fetch(QUrl(QStringLiteral("file:///etc/passwd")), QHostAddress(QStringLiteral("192.0.2.5")),
                              QStringLiteral("urn:uuid:x"), never, error));
        QVERIFY(error.contains(QStringLiteral("not an http(s) URL")));
        QVERIFY(!client.fetch(QUrl(QStringLiteral("http://printer.example/meta")),
                              QHostAddress(QStringLiteral("192.0.2.5")), QStringLiteral("urn:uuid:x"), never, error));
    }

    void fetchesOverHttpAndBoundsTheAnswer()
    {
        // A device's HTTP endpoint on loopback that first answers properly,
        // then with an endless body.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress(QStringLiteral("127.0.0.1"))));
        bool endless = false;
        QByteArray request;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *s = server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, s, [&, s] {
                request += s->readAll();
                if (!request.contains("</soap:Envelope>") && !request.contains("Envelope>")) {
                    return;
                }
                if (!endless) {
                    const QByteArray body = getResponse(kSections);
                    s->write("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nConnection: close\r\n"
                             "Content-Length: " +
                             QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    s->disconnectFromHost();
                } else {
                    s->write("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\n\r\n");
                    s->write(QByteArray(256 * 1024, 'x'));
                }
            });
        });
        WsdMetadataClient client;
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/device").arg(server.serverPort()));
        std::optional<DeviceMetadata> got;
        QString failure;
        bool finished = false;
        QString error;
        QVERIFY(client.fetch(
            url, QHostAddress::LocalHost, QStringLiteral("urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-7a8b9c0d1e2f"),
            [&](std::optional<DeviceMetadata> m, const QString &e) {
                got = m;
                failure = e;
                finished = true;
            },
            error));
        QVERIFY(QTest::qWaitFor([&] { return finished; }, 10000));
        QVERIFY2(got, qPrintable(failure));
        QCOMPARE(got->serialNumber, QStringLiteral("CN123XYZ"));
        QVERIFY(request.contains("http://schemas.xmlsoap.org/ws/2004/09/transfer/Get"));
        QVERIFY(request.contains("urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-7a8b9c0d1e2f"));

        endless = true;
        request.clear();
        finished = false;
        QVERIFY(client.fetch(
            url, QHostAddress::LocalHost, QStringLiteral("urn:uuid:x"),
            [&](std::optional<DeviceMetadata> m, const QString &e) {
                got = m;
                failure = e;
                finished = true;
            },
            error));
        QVERIFY(QTest::qWaitFor([&] { return finished; }, 10000));
        QVERIFY(!got);
        QVERIFY2(failure.contains(QStringLiteral("larger than 65536 bytes")), qPrintable(failure));
    }
};

QTEST_GUILESS_MAIN(TestWsdMetadata)
#include "TestWsdMetadata.moc"
