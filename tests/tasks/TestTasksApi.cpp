// The task history in the console (GET /api/v1/tasks) and the runner as the
// gateway service wires it: without a Manage-mode uplink, nothing runs.
#include "ConsoleFixture.h"

#include <netgateway/tasks/TaskService.h>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace netgateway;
using namespace netgateway::test;

class TestTasksApi : public QObject {
    Q_OBJECT
private slots:
    void historyListsTasksNewestFirst()
    {
        ManualClock clock;
        ConsoleFixture fixture(clock);
        QString error;
        QVERIFY2(fixture.start(&error), qPrintable(error));
        fixture.setAdminPassword();
        tasks::TaskService *service = fixture.service().tasks();
        QVERIFY(service != nullptr);

        // The service has no uplink in Manage mode: a task is refused, recorded and audited.
        QSignalSpy finished(&service->runner(), &tasks::TaskRunner::taskFinished);
        service->runner().acceptFromCloud({{QStringLiteral("id"), QStringLiteral("api-1")},
                                           {QStringLiteral("type"), QStringLiteral("restart")},
                                           {QStringLiteral("device"), QStringLiteral("SN-X")}});
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).value<tasks::TaskState>(), tasks::TaskState::Refused);
        clock.advance(std::chrono::seconds(5));
        tasks::TaskRecord done;
        done.id = QStringLiteral("api-2");
        done.type = QStringLiteral("settings");
        done.deviceKey = QStringLiteral("SN-Y");
        done.parameters = {{QStringLiteral("sysName"), QStringLiteral("lobby")}};
        done.state = tasks::TaskState::Succeeded;
        done.progress = 100;
        done.message = QStringLiteral("sysName written and verified");
        done.receivedAt = clock.nowSecs();
        done.finishedAt = clock.nowSecs();
        done.result = {{QStringLiteral("archive"), QStringLiteral("AAAA")}, {QStringLiteral("bytes"), 3}};
        QVERIFY(service->runner().store().insert(done));

        HttpsClient anonymous = fixture.client();
        QCOMPARE(anonymous.get("/api/v1/tasks").status, 401);

        HttpsClient client = fixture.client();
        QCOMPARE(client.login(QStringLiteral("admin"), QString::fromLatin1(ConsoleFixture::kPassword)).status, 200);
        HttpResponse r = client.get("/api/v1/tasks");
        QCOMPARE(r.status, 200);
        const QJsonObject body = r.json();
        QCOMPARE(body.value(QStringLiteral("total")).toInt(), 2);
        const QJsonArray items = body.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 2);
        const QJsonObject newest = items.at(0).toObject();
        QCOMPARE(newest.value(QStringLiteral("id")).toString(), QStringLiteral("api-2"));
        QCOMPARE(newest.value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(newest.value(QStringLiteral("device")).toString(), QStringLiteral("SN-Y"));
        QCOMPARE(newest.value(QStringLiteral("progress")).toInt(), 100);
        // A snapshot archive is for the cloud, not for the history list.
        QVERIFY(!newest.value(QStringLiteral("result")).toObject().contains(QStringLiteral("archive")));
        const QJsonObject refused = items.at(1).toObject();
        QCOMPARE(refused.value(QStringLiteral("state")).toString(), QStringLiteral("refused"));
        QVERIFY(refused.value(QStringLiteral("message")).toString().contains(QStringLiteral("Monitor mode")));
        QVERIFY(refused.value(QStringLiteral("finishedAt")).isString());

        r = client.get("/api/v1/tasks?limit=1&offset=1");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("id")),
                 QStringLiteral("api-1"));
        QCOMPARE(client.get("/api/v1/tasks?limit=0").status, 400);
        QCOMPARE(client.get("/api/v1/tasks?state=x").status, 400);
        QCOMPARE(client.get("/api/v1/tasks/api-1").json().value(QStringLiteral("type")).toString(),
                 QStringLiteral("restart"));
        QCOMPARE(client.get("/api/v1/tasks/nope").status, 404);

        const auto audit = fixture.audit(QStringLiteral("task"));
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().target, QStringLiteral("restart api-1 on SN-X"));
        QCOMPARE(audit.first().result, core::audit::Result::Failure);
    }
};

QTEST_GUILESS_MAIN(TestTasksApi)
#include "TestTasksApi.moc"
