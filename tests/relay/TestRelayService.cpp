// The relay as the service runs it: on when a cloud origin is configured and
// the relay is enabled, answering for that origin only.
#include "ManualClock.h"
#include "TempDataDir.h"

#include <netgateway/core/GatewayService.h>
#include <netgateway/core/api/Console.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace netgateway;

namespace {

class EchoOrigin : public QTcpServer {
protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->write(socket->readAll()); });
    }
};

QByteArray exchange(quint16 relayPort, const QByteArray &request, const QByteArray &payload)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, relayPort);
    if (!s.waitForConnected(3000)) {
        return "no connection";
    }
    s.write(request + payload);
    QByteArray got;
    const bool done = QTest::qWaitFor(
        [&] {
            got += s.readAll();
            const qsizetype end = got.indexOf("\r\n\r\n");
            return (end >= 0 && got.size() >= end + 4 + payload.size()) ||
                   s.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    return done ? got : QByteArray("timed out: ") + got;
}

} // namespace

class TestRelayService : public QObject {
    Q_OBJECT

    static void configureOrigin(const QString &dir, const QString &origin)
    {
        auto db = storage::Database::open(core::GatewayService::databasePath(dir));
        storage::Migrations::apply(*db);
        storage::Statement st(*db, "INSERT INTO uplink_state(key, value, updated_at) VALUES('origin', ?1, 0)");
        st.bind(1, origin);
        st.run();
    }

    static core::ServiceConfig configFor(const test::TempDataDir &dir)
    {
        core::ServiceConfig config;
        config.dataDirectory = dir.path();
        config.relayPort = 0; // a free port
        return config;
    }

    static void quietConsole(core::GatewayService &service)
    {
        core::api::ConsoleOptions options;
        options.listenAddress = QHostAddress::LocalHost;
        options.port = 0;
        service.setConsoleOptions(options);
    }

private slots:
    void relaysToTheUplinkOriginOnly()
    {
        EchoOrigin origin;
        QVERIFY(origin.listen(QHostAddress::LocalHost, 0));
        QTcpServer other;
        QVERIFY(other.listen(QHostAddress::LocalHost, 0));
        test::TempDataDir dir;
        configureOrigin(dir.path(), QStringLiteral("https://127.0.0.1:%1").arg(origin.serverPort()));
        test::ManualClock clock;
        core::GatewayService service(configFor(dir), clock);
        quietConsole(service);
        QString error;
        QCOMPARE(service.start(error), core::ExitCode::Ok);
        const QJsonObject relay = service.status().value(QStringLiteral("relay")).toObject();
        QVERIFY(relay.value(QStringLiteral("listening")).toBool());
        QCOMPARE(relay.value(QStringLiteral("allowedOrigin")).toString(),
                 QStringLiteral("127.0.0.1:%1").arg(origin.serverPort()));
        const auto port = static_cast<quint16>(relay.value(QStringLiteral("port")).toInt());
        QVERIFY(port != 0);

        const QByteArray allowed = "CONNECT 127.0.0.1:" + QByteArray::number(origin.serverPort()) + " HTTP/1.1\r\n\r\n";
        const QByteArray got = exchange(port, allowed, "both ways");
        QVERIFY2(got.startsWith("HTTP/1.1 200 "), got.constData());
        QVERIFY(got.endsWith("\r\n\r\nboth ways"));

        const QByteArray refused = "CONNECT 127.0.0.1:" + QByteArray::number(other.serverPort()) + " HTTP/1.1\r\n\r\n";
        QVERIFY(exchange(port, refused, {}).startsWith("HTTP/1.1 403 "));
        QVERIFY(!other.hasPendingConnections());

        const QJsonObject after = service.status().value(QStringLiteral("relay")).toObject();
        const QJsonObject device = after.value(QStringLiteral("devices")).toArray().at(0).toObject();
        QCOMPARE(device.value(QStringLiteral("address")).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(device.value(QStringLiteral("connections")).toInteger(), 1);
        QCOMPARE(device.value(QStringLiteral("refusals")).toInteger(), 1);
        QCOMPARE(device.value(QStringLiteral("bytesUp")).toInteger(), 9);
        QCOMPARE(device.value(QStringLiteral("bytesDown")).toInteger(), 9);
    }

    void offWithoutOriginOrWhenDisabled()
    {
        {
            test::TempDataDir dir;
            test::ManualClock clock;
            core::GatewayService service(configFor(dir), clock);
            quietConsole(service);
            QString error;
            QCOMPARE(service.start(error), core::ExitCode::Ok);
            QVERIFY(!service.status().contains(QStringLiteral("relay")));
        }
        {
            test::TempDataDir dir;
            configureOrigin(dir.path(), QStringLiteral("https://127.0.0.1:443"));
            test::ManualClock clock;
            core::ServiceConfig config = configFor(dir);
            config.relayEnabled = false;
            core::GatewayService service(config, clock);
            quietConsole(service);
            QString error;
            QCOMPARE(service.start(error), core::ExitCode::Ok);
            QVERIFY(!service.status().contains(QStringLiteral("relay")));
        }
    }

    void configFileDisablesTheRelay()
    {
        test::TempDataDir dir;
        const QString path = dir.filePath(QStringLiteral("netgateway.conf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[relay]\nenabled = false\nport = 8082\n");
        f.close();
        core::ServiceConfig config;
        QString error;
        QVERIFY2(core::ServiceConfig::loadFile(path, config, error), qPrintable(error));
        QCOMPARE(config.relayEnabled, false);
        QCOMPARE(config.relayPort, quint16(8082));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("[relay]\nenabled = maybe\n");
        f.close();
        QVERIFY(!core::ServiceConfig::loadFile(path, config, error));
        QVERIFY(error.contains(QStringLiteral("relay/enabled")));
    }
};

QTEST_GUILESS_MAIN(TestRelayService)
#include "TestRelayService.moc"
