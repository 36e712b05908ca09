#include <netgateway/core/Clock.h>
#include <netgateway/core/api/Certificate.h>
#include <netgateway/relay/RelayServer.h>

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace netgateway;
using relay::Origin;
using relay::RelayOptions;
using relay::RelayServer;

namespace {

// An echo origin on 127.0.0.1, plain or TLS; counts the connections it got.
class EchoOrigin : public QTcpServer {
public:
    explicit EchoOrigin(QSslConfiguration tls = {}) : m_tls(std::move(tls)) {}
    int accepted = 0;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        ++accepted;
        QTcpSocket *socket = m_tls.localCertificate().isNull() ? new QTcpSocket(this) : new QSslSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->write(socket->readAll()); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
            ssl->setSslConfiguration(m_tls);
            ssl->startServerEncryption();
        }
    }

private:
    QSslConfiguration m_tls;
};

int readStatus(QTcpSocket &socket, QByteArray &head, int timeoutMs = 5000)
{
    QByteArray buffer;
    const bool done = QTest::qWaitFor(
        [&] {
            buffer += socket.readAll();
            return buffer.contains("\r\n\r\n") || socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    buffer += socket.readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (!done || end < 0 || !buffer.startsWith("HTTP/1.1 ")) {
        return -1;
    }
    head = buffer.left(end + 4);
    socket.setProperty("rest", buffer.mid(end + 4));
    return buffer.mid(9, 3).toInt();
}

QByteArray connectRequest(const QString &authority)
{
    return "CONNECT " + authority.toLatin1() + " HTTP/1.1\r\nHost: " + authority.toLatin1() +
           "\r\nUser-Agent: device\r\n\r\n";
}

} // namespace

class TestRelay : public QObject {
    Q_OBJECT

private:
    core::SystemClock m_clock;
    std::unique_ptr<EchoOrigin> m_origin;
    std::unique_ptr<EchoOrigin> m_decoy; // another port on the same host: must never be reached
    std::unique_ptr<RelayServer> m_relay;
    QSslCertificate m_cert;
    QSslKey m_key;

    RelayOptions baseOptions()
    {
        RelayOptions o;
        o.listenAddress = QHostAddress::LocalHost;
        o.port = 0;
        const quint16 port = m_origin->serverPort();
        o.allowedOrigin = [port] { return Origin{QStringLiteral("127.0.0.1"), port}; };
        return o;
    }

    void startRelay(RelayOptions o)
    {
        m_relay = std::make_unique<RelayServer>(std::move(o), m_clock);
        QString error;
        QVERIFY2(m_relay->listen(error), qPrintable(error));
    }

    // Connects to the relay from `from` and sends `request`.
    std::unique_ptr<QTcpSocket> open(const QByteArray &request, const QHostAddress &from = QHostAddress::LocalHost)
    {
        auto s = std::make_unique<QTcpSocket>();
        if (from != QHostAddress::LocalHost) {
            s->bind(from);
        }
        s->connectToHost(QHostAddress::LocalHost, m_relay->serverPort());
        if (!s->waitForConnected(3000)) {
            return nullptr;
        }
        s->write(request);
        return s;
    }

private slots:
    void initTestCase()
    {
        QByteArray certPem;
        QByteArray keyPem;
        QString error;
        QVERIFY2(core::api::CertificateStore::generateSelfSigned({QStringLiteral("127.0.0.1")},
                                                                 QDateTime::currentDateTimeUtc().addDays(-1), 30,
                                                                 certPem, keyPem, error),
                 qPrintable(error));
        m_cert = QSslCertificate(certPem, QSsl::Pem);
        m_key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        QVERIFY(!m_cert.isNull());
        QVERIFY(!m_key.isNull());
    }

    void init()
    {
        m_origin = std::make_unique<EchoOrigin>();
        QVERIFY(m_origin->listen(QHostAddress::LocalHost, 0));
        m_decoy = std::make_unique<EchoOrigin>();
        QVERIFY(m_decoy->listen(QHostAddress::LocalHost, 0));
    }

    void cleanup()
    {
        m_relay.reset();
        m_origin.reset();
        m_decoy.reset();
    }

    void tunnelPassesBytesBothWays()
    {
        RelayOptions o = baseOptions();
        o.bufferBytes = 16 * 1024; // small, so backpressure is exercised
        startRelay(std::move(o));
        QSignalSpy opened(m_relay.get(), &RelayServer::tunnelOpened);
        const QString authority = QStringLiteral("127.0.0.1:%1").arg(m_origin->serverPort());
        // The first payload bytes come in the same segment as the request head.
        auto client = open(connectRequest(authority) + "hello");
        QVERIFY(client);
        QByteArray head;
        QCOMPARE(readStatus(*client, head), 200);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(1).toString(), authority);

        QByteArray payload(1024 * 1024, Qt::Uninitialized);
        for (char &c : payload) {
            c = static_cast<char>(QRandomGenerator::global()->bounded(256));
        }
        client->write(payload);
        QByteArray echoed = client->property("rest").toByteArray();
        QVERIFY(QTest::qWaitFor(
            [&] {
                echoed += client->readAll();
                return echoed.size() >= payload.size() + 5;
            },
            10000));
        QCOMPARE(echoed.size(), payload.size() + 5);
        QVERIFY(echoed == "hello" + payload);
        QCOMPARE(m_origin->accepted, 1);

        const relay::ClientCounters c = m_relay->counters(QHostAddress::LocalHost);
        QCOMPARE(c.connections, 1);
        QCOMPARE(c.refusals, 0);
        QCOMPARE(c.bytesUp, payload.size() + 5);
        QCOMPARE(c.bytesDown, payload.size() + 5);
        QCOMPARE(c.active, 1);
        QVERIFY(c.lastSeen.isValid());
        const QJsonObject status = m_relay->status();
        QCOMPARE(status.value(QStringLiteral("openTunnels")).toInt(), 1);
        QCOMPARE(status.value(QStringLiteral("devices")).toArray().size(), 1);
        QCOMPARE(status.value(QStringLiteral("devices"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("address"))
                     .toString(),
                 QStringLiteral("127.0.0.1"));

        // The device hangs up: the relay closes its side to the origin.
        QSignalSpy closed(m_relay.get(), &RelayServer::connectionClosed);
        client->disconnectFromHost();
        QVERIFY(closed.wait(5000));
        QCOMPARE(m_relay->openConnections(), 0);
        QCOMPARE(m_relay->counters(QHostAddress::LocalHost).active, 0);
    }

    void tlsHandshakeThroughTunnel()
    {
        QSslConfiguration serverTls = QSslConfiguration::defaultConfiguration();
        serverTls.setLocalCertificate(m_cert);
        serverTls.setPrivateKey(m_key);
        m_origin = std::make_unique<EchoOrigin>(serverTls);
        QVERIFY(m_origin->listen(QHostAddress::LocalHost, 0));
        startRelay(baseOptions());

        QSslSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_relay->serverPort());
        QVERIFY(client.waitForConnected(3000));
        client.write(connectRequest(QStringLiteral("127.0.0.1:%1").arg(m_origin->serverPort())));
        QByteArray head;
        QCOMPARE(readStatus(client, head), 200);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_cert});
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        client.setSslConfiguration(tls);
        client.setPeerVerifyName(QStringLiteral("127.0.0.1"));
        QSignalSpy encrypted(&client, &QSslSocket::encrypted);
        client.startClientEncryption();
        QVERIFY(encrypted.wait(5000));
        QCOMPARE(client.peerCertificate(), m_cert);
        client.write("ping over tls");
        QByteArray got;
        QVERIFY(QTest::qWaitFor(
            [&] {
                got += client.readAll();
                return got.size() >= 13;
            },
            5000));
        QCOMPARE(got, QByteArray("ping over tls"));
    }

    void tlsListener()
    {
        RelayOptions o = baseOptions();
        o.tls = QSslConfiguration::defaultConfiguration();
        o.tls.setLocalCertificate(m_cert);
        o.tls.setPrivateKey(m_key);
        startRelay(std::move(o));
        QSslSocket client;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_cert});
        client.setSslConfiguration(tls);
        QSignalSpy encrypted(&client, &QSslSocket::encrypted);
        client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_relay->serverPort());
        QVERIFY(encrypted.wait(5000));
        client.write(connectRequest(QStringLiteral("127.0.0.1:%1").arg(m_origin->serverPort())) + "abc");
        QByteArray head;
        QCOMPARE(readStatus(client, head), 200);
        QByteArray got = client.property("rest").toByteArray();
        QVERIFY(QTest::qWaitFor(
            [&] {
                got += client.readAll();
                return got.size() >= 3;
            },
            5000));
        QCOMPARE(got, QByteArray("abc"));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("target");
        // %P is the allowed origin's port, %D another listening port.
        QTest::newRow("other port") << QByteArray("CONNECT 127.0.0.1:%D HTTP/1.1\r\nHost: x\r\n\r\n") << 403
                                    << QStringLiteral("127.0.0.1:%D");
        QTest::newRow("port 443 of the origin host")
            << QByteArray("CONNECT 127.0.0.1:443 HTTP/1.1\r\n\r\n") << 403 << QStringLiteral("127.0.0.1:443");
        QTest::newRow("other host") << QByteArray("CONNECT cloud.example.net:%P HTTP/1.1\r\n\r\n") << 403
                                    << QStringLiteral("cloud.example.net:%P");
        QTest::newRow("other IP literal")
            << QByteArray("CONNECT 127.0.0.2:%P HTTP/1.1\r\n\r\n") << 403 << QStringLiteral("127.0.0.2:%P");
        QTest::newRow("name of the origin host")
            << QByteArray("CONNECT localhost:%P HTTP/1.1\r\n\r\n") << 403 << QStringLiteral("localhost:%P");
        QTest::newRow("userinfo trick") << QByteArray("CONNECT 127.0.0.1:%P@127.0.0.1:%D HTTP/1.1\r\n\r\n") << 400
                                        << QString();
        QTest::newRow("plain GET") << QByteArray("GET http://127.0.0.1:%P/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") << 405
                                   << QStringLiteral("http://127.0.0.1:%P/");
        QTest::newRow("lower-case method")
            << QByteArray("connect 127.0.0.1:%P HTTP/1.1\r\n\r\n") << 405 << QStringLiteral("127.0.0.1:%P");
        QTest::newRow("no port") << QByteArray("CONNECT 127.0.0.1 HTTP/1.1\r\n\r\n") << 400 << QString();
        QTest::newRow("bad version") << QByteArray("CONNECT 127.0.0.1:%P HTTP/2.0\r\n\r\n") << 400 << QString();
        QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x02\x05\x01\r\n\r\n") << 400 << QString();
        QTest::newRow("header without colon")
            << QByteArray("CONNECT 127.0.0.1:%P HTTP/1.1\r\nnonsense\r\n\r\n") << 400 << QString();
        QTest::newRow("bare LF") << QByteArray("CONNECT 127.0.0.1:%P HTTP/1.1\nHost: a\r\n\r\n") << 400 << QString();
        QTest::newRow("NUL in head") << (QByteArray("CONNECT 127.0.0.1:%P HTTP/1.1\r\nA: b") + '\0' + "c\r\n\r\n")
                                     << 400 << QString();
        QTest::newRow("port out of range")
            << QByteArray("CONNECT 127.0.0.1:70000 HTTP/1.1\r\n\r\n") << 400 << QString();
        QTest::newRow("oversized head") << QByteArray("CONNECT 127.0.0.1:%P HTTP/1.1\r\nX-Pad: " +
                                                      QByteArray(9000, 'a') + "\r\n\r\n")
                                        << 400 << QString();
        QTest::newRow("oversized, never ends") << QByteArray(20000, 'A') << 400 << QString();
    }

    void refused()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QString, target);
        startRelay(baseOptions());
        const QByteArray port = QByteArray::number(m_origin->serverPort());
        const QByteArray decoy = QByteArray::number(m_decoy->serverPort());
        request.replace("%P", port).replace("%D", decoy);
        target.replace(QStringLiteral("%P"), QString::fromLatin1(port))
            .replace(QStringLiteral("%D"), QString::fromLatin1(decoy));
        QSignalSpy refusedSpy(m_relay.get(), &RelayServer::refused);
        auto client = open(request);
        QVERIFY(client);
        QByteArray head;
        QCOMPARE(readStatus(*client, head), status);
        QVERIFY(head.contains("Connection: close"));
        QVERIFY(QTest::qWaitFor([&] { return client->state() == QAbstractSocket::UnconnectedState; }, 5000));
        QCOMPARE(refusedSpy.size(), 1);
        QCOMPARE(refusedSpy.at(0).at(0).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(refusedSpy.at(0).at(2).toInt(), status);
        if (!target.isEmpty()) {
            QCOMPARE(refusedSpy.at(0).at(1).toString(), target);
        }
        // Nothing was connected anywhere.
        QCOMPARE(m_origin->accepted, 0);
        QCOMPARE(m_decoy->accepted, 0);
        const relay::ClientCounters c = m_relay->counters(QHostAddress::LocalHost);
        QCOMPARE(c.refusals, 1);
        QCOMPARE(c.connections, 0);
        QCOMPARE(c.bytesUp, 0);
        QVERIFY(QTest::qWaitFor([&] { return m_relay->openConnections() == 0; }, 5000));
    }

    void noOriginRefusesEverything()
    {
        RelayOptions o = baseOptions();
        o.allowedOrigin = [] { return std::optional<Origin>(); };
        startRelay(std::move(o));
        auto client = open(connectRequest(QStringLiteral("127.0.0.1:%1").arg(m_origin->serverPort())));
        QVERIFY(client);
        QByteArray head;
        QCOMPARE(readStatus(*client, head), 403);
        QCOMPARE(m_origin->accepted, 0);
    }

    void slowHeadTimesOut()
    {
        RelayOptions o = baseOptions();
        o.headTimeoutMs = 300;
        startRelay(std::move(o));
        QSignalSpy refusedSpy(m_relay.get(), &RelayServer::refused);
        auto client = open("CONNECT 127.0.0.1:");
        QVERIFY(client);
        QByteArray head;
        QCOMPARE(readStatus(*client, head), 408);
        QCOMPARE(refusedSpy.size(), 1);
        QCOMPARE(m_origin->accepted, 0);
    }

    void idleTunnelIsClosed()
    {
        RelayOptions o = baseOptions();
        o.idleTimeoutMs = 300;
        startRelay(std::move(o));
        QSignalSpy closed(m_relay.get(), &RelayServer::connectionClosed);
        auto client = open(connectRequest(QStringLiteral("127.0.0.1:%1").arg(m_origin->serverPort())));
        QVERIFY(client);
        QByteArray head;
        QCOMPARE(readStatus(*client, head), 200);
        QVERIFY(QTest::qWaitFor([&] { return client->state() == QAbstractSocket::UnconnectedState; }, 5000));
        QCOMPARE(closed.size(), 1);
        QVERIFY2(closed.at(0).at(1).toString().contains(QStringLiteral("idle")),
                 qPrintable(closed.at(0).at(1).toString()));
        QCOMPARE(m_relay->openTunnels(), 0);
    }

    void byteLimitClosesTunnel()
    {
        RelayOptions o = baseOptions();
        o.maxBytesPerTunnel = 4000;
        startRelay(std::move(o));
        QSignalSpy closed(m_relay.get(), &RelayServer::connectionClosed);
        auto client = open(connectRequest(QStringLiteral("127.0.0.1:%1").arg(m_origin->serverPort())));
        QVERIFY(client);
        QByteArray head;
        QCOMPARE(readStatus(*client, head), 200);
        client->write(QByteArray(10000, 'x'));
        QVERIFY(QTest::qWaitFor([&] { return client->state() == QAbstractSocket::UnconnectedState; }, 5000));
        QCOMPARE(closed.size(), 1);
        QVERIFY(closed.at(0).at(1).toString().contains(QStringLiteral("limit")));
        const relay::ClientCounters c = m_relay->counters(QHostAddress::LocalHost);
        QVERIFY(c.bytesUp + c.bytesDown <= 4000 + 16 * 1024);
    }

    void connectionLimits()
    {
        RelayOptions o = baseOptions();
        o.maxConnectionsPerClient = 2;
        o.maxConnections = 3;
        startRelay(std::move(o));
        const QByteArray request = connectRequest(QStringLiteral("127.0.0.1:%1").arg(m_origin->serverPort()));
        QByteArray head;
        auto a = open(request);
        auto b = open(request);
        QVERIFY(a && b);
        QCOMPARE(readStatus(*a, head), 200);
        QCOMPARE(readStatus(*b, head), 200);
        // A third from the same device: over the per-device limit.
        auto c = open(request);
        QVERIFY(c);
        QCOMPARE(readStatus(*c, head), 503);
        // Another device still fits, until the global limit.
        auto d = open(request, QHostAddress(QStringLiteral("127.0.0.2")));
        QVERIFY(d);
        QCOMPARE(readStatus(*d, head), 200);
        auto e = open(request, QHostAddress(QStringLiteral("127.0.0.3")));
        QVERIFY(e);
        QCOMPARE(readStatus(*e, head), 503);
        QCOMPARE(m_origin->accepted, 3);
        QCOMPARE(m_relay->counters(QHostAddress(QStringLiteral("127.0.0.1"))).refusals, 1);
        QCOMPARE(m_relay->counters(QHostAddress(QStringLiteral("127.0.0.3"))).refusals, 1);
        // Closing one frees a slot for its device.
        QSignalSpy closed(m_relay.get(), &RelayServer::connectionClosed);
        a->disconnectFromHost();
        QVERIFY(closed.wait(5000));
        auto f = open(request);
        QVERIFY(f);
        QCOMPARE(readStatus(*f, head), 200);
    }

    void originDownGives502()
    {
        const quint16 port = m_decoy->serverPort();
        m_decoy->close(); // nothing listens there now
        RelayOptions o = baseOptions();
        o.allowedOrigin = [port] { return Origin{QStringLiteral("127.0.0.1"), port}; };
        startRelay(std::move(o));
        auto client = open(connectRequest(QStringLiteral("127.0.0.1:%1").arg(port)));
        QVERIFY(client);
        QByteArray head;
        QCOMPARE(readStatus(*client, head), 502);
    }

    void originFromUrl()
    {
        auto o = Origin::fromUrl(QUrl(QStringLiteral("https://Cloud.Example.com")));
        QVERIFY(o);
        QCOMPARE(o->host, QStringLiteral("cloud.example.com"));
        QCOMPARE(o->port, quint16(443));
        o = Origin::fromUrl(QUrl(QStringLiteral("https://127.0.0.1:8443/api")));
        QVERIFY(o);
        QCOMPARE(o->port, quint16(8443));
        QVERIFY(!Origin::fromUrl(QUrl(QStringLiteral("http://cloud.example.com"))));
        QVERIFY(!Origin::fromUrl(QUrl()));
    }
};

QTEST_GUILESS_MAIN(TestRelay)
#include "TestRelay.moc"
