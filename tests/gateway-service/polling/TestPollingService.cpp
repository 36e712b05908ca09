#include <netgateway/core/GatewayService.h>
#include <netgateway/core/polling/PollScheduler.h>

#include <netgateway/storage/Database.h>

#include "FakeDeviceReader.h"
#include "ManualClock.h"
#include "TempDataDir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QTest>

using namespace netgateway;
using namespace std::chrono_literals;

class TestPollingService : public QObject {
    Q_OBJECT
private:
    // One request over the control socket, answered by the service on this thread.
    static QJsonObject call(const QString &dataDir, const QJsonObject &request)
    {
        QLocalSocket socket;
        socket.connectToServer(core::control::socketPath(dataDir));
        if (!socket.waitForConnected(5000)) {
            return {};
        }
        socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
        if (!QTest::qWaitFor([&] { return socket.canReadLine(); }, 5000)) {
            return {};
        }
        return QJsonDocument::fromJson(socket.readLine()).object();
    }

private slots:
    void schedulerRunsInTheServiceAndWaitsForAReader()
    {
        test::TempDataDir dir;
        test::ManualClock clock;
        test::FakeDeviceReader reader(clock); // outlives the service that uses it
        core::ServiceConfig config;
        config.dataDirectory = dir.path();
        core::GatewayService service(config, clock);
        QString error;
        QCOMPARE(service.start(error), core::ExitCode::Ok);
        QVERIFY(service.pollScheduler());
        {
            auto db = storage::Database::open(core::GatewayService::databasePath(dir.path()));
            db->exec("INSERT INTO devices(id, address, first_seen, last_seen) VALUES(7, '127.0.0.7', 0, 0)");
        }
        service.pollScheduler()->addDevice(7);
        clock.advance(10min);
        QCOMPARE(service.pollScheduler()->stats().alertPolls, 0u); // no reader yet: nothing polled

        QJsonObject reply = call(dir.path(), {{QStringLiteral("command"), QStringLiteral("polling.devices")}});
        QCOMPARE(reply.value(QStringLiteral("ok")).toBool(), true);
        const QJsonArray devices =
            reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("devices")).toArray();
        QCOMPARE(devices.size(), 1);
        const QJsonObject d = devices.at(0).toObject();
        QCOMPARE(d.value(QStringLiteral("deviceId")).toInteger(), 7);
        QCOMPARE(d.value(QStringLiteral("category")).toString(), QStringLiteral("high"));
        QVERIFY(!d.value(QStringLiteral("why")).toString().isEmpty());

        reply = call(dir.path(), {{QStringLiteral("command"), QStringLiteral("polling.pin")},
                                  {QStringLiteral("deviceId"), 7},
                                  {QStringLiteral("category"), QStringLiteral("very_high")}});
        QCOMPARE(reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("category")).toString(),
                 QStringLiteral("very_high"));
        reply = call(dir.path(), {{QStringLiteral("command"), QStringLiteral("polling.pin")},
                                  {QStringLiteral("deviceId"), 7},
                                  {QStringLiteral("category"), QStringLiteral("urgent")}});
        QCOMPARE(reply.value(QStringLiteral("ok")).toBool(), false);
        QVERIFY(reply.value(QStringLiteral("error")).toString().contains(QStringLiteral("very_high")));
        reply = call(dir.path(), {{QStringLiteral("command"), QStringLiteral("polling.pollNow")},
                                  {QStringLiteral("deviceId"), -3}});
        QCOMPARE(reply.value(QStringLiteral("ok")).toBool(), false);

        service.setDeviceReader(&reader);
        reply = call(dir.path(),
                     {{QStringLiteral("command"), QStringLiteral("polling.pollNow")}, {QStringLiteral("deviceId"), 7}});
        QCOMPARE(reply.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(reader.devices[7].statusCalls, 1);
        QCOMPARE(reader.devices[7].counterCalls, 1);
        for (int i = 0; i < 120; ++i) {
            clock.advance(1s);
        }
        QVERIFY(reader.devices[7].statusCalls >= 2); // Very High, 1 device: every minute
        reply = call(dir.path(), {{QStringLiteral("command"), QStringLiteral("polling.policy")},
                                  {QStringLiteral("policy"), QStringLiteral("fixed")}});
        QCOMPARE(reply.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(service.pollScheduler()->deviceInfo(7)->alertInterval, std::chrono::seconds(5min));
        reply = call(dir.path(), {{QStringLiteral("command"), QStringLiteral("polling.retention")},
                                  {QStringLiteral("statusDays"), 30}});
        QCOMPARE(reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("statusDays")).toInt(), 30);
        QCOMPARE(reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("countersDays")).toInt(), 400);
        reply = call(dir.path(), {{QStringLiteral("command"), QStringLiteral("polling.retention")},
                                  {QStringLiteral("statusDays"), -1}});
        QCOMPARE(reply.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(service.pollScheduler()->retention().statusDays, 30);
        service.stop();
        QVERIFY(!service.pollScheduler());
    }
};

QTEST_GUILESS_MAIN(TestPollingService)
#include "TestPollingService.moc"
