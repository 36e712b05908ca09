// Validation of cloud tasks before anything runs.
#include <netgateway/tasks/Task.h>

#include <QJsonArray>
#include <QTest>

using namespace netgateway::tasks;

namespace {

QJsonObject task(const QString &type, const QJsonObject &parameters = {})
{
    return {{QStringLiteral("id"), QStringLiteral("t-1")},
            {QStringLiteral("type"), type},
            {QStringLiteral("device"), QStringLiteral("SN-1")},
            {QStringLiteral("parameters"), parameters}};
}

const QString kDigest = QStringLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

} // namespace

class TestTask : public QObject {
    Q_OBJECT
private slots:
    void validTasksParse()
    {
        QString id;
        QString error;
        auto t = Task::parse(task(QStringLiteral("settings"), {{QStringLiteral("sysName"), QStringLiteral("lobby")}}),
                             id, error);
        QVERIFY2(t.has_value(), qPrintable(error));
        QCOMPARE(id, QStringLiteral("t-1"));
        QCOMPARE(t->sysName.value(), QByteArray("lobby"));
        QVERIFY(!t->sysLocation.has_value());

        t = Task::parse(task(QStringLiteral("firmware"), {{QStringLiteral("package"), QStringLiteral("fw-1.2.bin")},
                                                          {QStringLiteral("sha256"), kDigest},
                                                          {QStringLiteral("delivery"), QStringLiteral("http-pull")}}),
                        id, error);
        QVERIFY2(t.has_value(), qPrintable(error));
        QCOMPARE(t->type, TaskType::Firmware);
        QCOMPARE(t->delivery, Delivery::HttpPull);
        QCOMPARE(t->sha256.toHex(), kDigest.toLatin1());
        // "params" is accepted for "parameters".
        QJsonObject legacy = task(QStringLiteral("settings"));
        legacy.remove(QStringLiteral("parameters"));
        legacy.insert(QStringLiteral("params"), QJsonObject{{QStringLiteral("sysContact"), QStringLiteral("ops")}});
        t = Task::parse(legacy, id, error);
        QVERIFY2(t.has_value(), qPrintable(error));
        QCOMPARE(t->sysContact.value(), QByteArray("ops"));
        QVERIFY(Task::parse(task(QStringLiteral("poll-now")), id, error).has_value());
        QVERIFY(Task::parse(task(QStringLiteral("restart")), id, error).has_value());
        QVERIFY(
            Task::parse(task(QStringLiteral("snapshot"), {{QStringLiteral("webPage"), false}}), id, error)->webPage ==
            false);
    }

    void badTasksAreRefusedWithAReason_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("hasId");
        QJsonObject noId = task(QStringLiteral("restart"));
        noId.remove(QStringLiteral("id"));
        QTest::newRow("no id") << noId << "id" << false;
        QJsonObject badId = task(QStringLiteral("restart"));
        badId.insert(QStringLiteral("id"), QStringLiteral("../etc"));
        QTest::newRow("bad id") << badId << "id" << false;
        QTest::newRow("unknown type") << task(QStringLiteral("format-disk")) << "unknown task type" << true;
        QJsonObject noDevice = task(QStringLiteral("restart"));
        noDevice.remove(QStringLiteral("device"));
        QTest::newRow("no device") << noDevice << "device" << true;
        QTest::newRow("extra parameter") << task(QStringLiteral("restart"), {{QStringLiteral("force"), true}})
                                         << "unknown parameter" << true;
        QTest::newRow("empty settings") << task(QStringLiteral("settings")) << "at least one" << true;
        QTest::newRow("long sysName") << task(QStringLiteral("settings"),
                                              {{QStringLiteral("sysName"), QString(256, QLatin1Char('x'))}})
                                      << "at most 255" << true;
        QTest::newRow("control character")
            << task(QStringLiteral("settings"), {{QStringLiteral("sysContact"), QStringLiteral("a\nb")}}) << "printable"
            << true;
        QTest::newRow("number as name") << task(QStringLiteral("settings"), {{QStringLiteral("sysName"), 5}})
                                        << "printable" << true;
        QTest::newRow("package path") << task(QStringLiteral("send-file"),
                                              {{QStringLiteral("package"), QStringLiteral("../secret")},
                                               {QStringLiteral("sha256"), kDigest}})
                                      << "package" << true;
        QTest::newRow("package url") << task(QStringLiteral("firmware"),
                                             {{QStringLiteral("package"), QStringLiteral("https://evil/fw")},
                                              {QStringLiteral("sha256"), kDigest}})
                                     << "package" << true;
        QTest::newRow("short digest") << task(QStringLiteral("firmware"),
                                              {{QStringLiteral("package"), QStringLiteral("fw.bin")},
                                               {QStringLiteral("sha256"), QStringLiteral("abcd")}})
                                      << "sha256" << true;
        QTest::newRow("bad delivery") << task(QStringLiteral("firmware"),
                                              {{QStringLiteral("package"), QStringLiteral("fw.bin")},
                                               {QStringLiteral("sha256"), kDigest},
                                               {QStringLiteral("delivery"), QStringLiteral("ftp")}})
                                      << "delivery" << true;
        QTest::newRow("huge size") << task(QStringLiteral("firmware"),
                                           {{QStringLiteral("package"), QStringLiteral("fw.bin")},
                                            {QStringLiteral("sha256"), kDigest},
                                            {QStringLiteral("size"), 1e12}})
                                   << "size" << true;
        QJsonObject arrayParams = task(QStringLiteral("restart"));
        arrayParams.insert(QStringLiteral("parameters"), QJsonArray{1});
        QTest::newRow("parameters not an object") << arrayParams << "parameters" << true;
    }

    void badTasksAreRefusedWithAReason()
    {
        QFETCH(QJsonObject, object);
        QFETCH(QString, expected);
        QFETCH(bool, hasId);
        QString id;
        QString error;
        QVERIFY(!Task::parse(object, id, error).has_value());
        QVERIFY2(error.contains(expected), qPrintable(error));
        QCOMPARE(!id.isEmpty(), hasId);
    }
};

QTEST_GUILESS_MAIN(TestTask)
#include "TestTask.moc"
