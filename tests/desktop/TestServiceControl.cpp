// Start/stop/restart run the system's tool with the service's name; a refusal
// for lack of rights says to run as an administrator, other failures show
// the tool's own message. The tool is a small shell script standing in for
// systemctl, which records its arguments.
#include "ServiceControl.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using netgateway::desktop::ServiceControl;

class TestServiceControl : public QObject {
    Q_OBJECT
private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void runsTheVerbOnTheService_data()
    {
        QTest::addColumn<ServiceControl::Action>("action");
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("start") << ServiceControl::Action::Start << QStringLiteral("start netgateway")
                               << QStringLiteral("started");
        QTest::newRow("stop") << ServiceControl::Action::Stop << QStringLiteral("stop netgateway")
                              << QStringLiteral("stopped");
        QTest::newRow("restart") << ServiceControl::Action::Restart << QStringLiteral("restart netgateway")
                                 << QStringLiteral("restarted");
    }
    void runsTheVerbOnTheService()
    {
        QFETCH(ServiceControl::Action, action);
        QFETCH(QString, arguments);
        QFETCH(QString, message);
        const QString log = m_dir.filePath(QStringLiteral("args.txt"));
        QFile::remove(log);
        ServiceControl control(
            QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"), QStringLiteral("echo \"$@\" > '%1'").arg(log), QStringLiteral("systemctl")});
        QSignalSpy done(&control, &ServiceControl::finished);
        control.run(action);
        QVERIFY(control.busy());
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(0).toBool(), true);
        QVERIFY2(done.first().at(1).toString().contains(message), qPrintable(done.first().at(1).toString()));
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()).trimmed(), arguments);
    }

    void refusalSaysRunAsAdministrator()
    {
        ServiceControl control(QStringLiteral("/bin/sh"),
                               {QStringLiteral("-c"),
                                QStringLiteral("echo 'Failed to start netgateway.service: Access denied' >&2; exit 4"),
                                QStringLiteral("systemctl")});
        QSignalSpy done(&control, &ServiceControl::finished);
        control.run(ServiceControl::Action::Start);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(0).toBool(), false);
        const QString text = done.first().at(1).toString();
        QVERIFY2(text.contains(QStringLiteral("Not permitted")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("as an administrator")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("start netgateway")), qPrintable(text));
    }

    void otherFailureShowsTheToolsMessage()
    {
        ServiceControl control(QStringLiteral("/bin/sh"),
                               {QStringLiteral("-c"),
                                QStringLiteral("echo 'Unit netgateway.service not found.' >&2; exit 5"),
                                QStringLiteral("systemctl")});
        QSignalSpy done(&control, &ServiceControl::finished);
        control.run(ServiceControl::Action::Stop);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(0).toBool(), false);
        const QString text = done.first().at(1).toString();
        QVERIFY2(text.contains(QStringLiteral("Unit netgateway.service not found.")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("exit code 5")), qPrintable(text));
    }

    void missingToolIsReported()
    {
        ServiceControl control(m_dir.filePath(QStringLiteral("no-such-tool")), {});
        QSignalSpy done(&control, &ServiceControl::finished);
        control.run(ServiceControl::Action::Restart);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(0).toBool(), false);
        QVERIFY2(done.first().at(1).toString().contains(QStringLiteral("cannot be run")),
                 qPrintable(done.first().at(1).toString()));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestServiceControl)
#include "TestServiceControl.moc"
