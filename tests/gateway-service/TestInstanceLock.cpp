#include <netgateway/core/InstanceLock.h>

#include "TempDataDir.h"

#include <QCoreApplication>
#include <QFile>
#include <QTest>

using namespace netgateway::core;
using netgateway::test::TempDataDir;

class TestInstanceLock : public QObject {
    Q_OBJECT
private slots:
    void secondLockNamesTheHolder()
    {
        TempDataDir dir;
        InstanceLock first(dir.path());
        QString error;
        QVERIFY(first.acquire(error));
        QCOMPARE(InstanceLock::holderPid(dir.path()), QCoreApplication::applicationPid());
        InstanceLock second(dir.path());
        QVERIFY(!second.acquire(error));
        QVERIFY2(error.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(error));
        first.release();
        QVERIFY(!QFile::exists(first.path()));
        QCOMPARE(InstanceLock::holderPid(dir.path()), 0);
        QVERIFY(second.acquire(error));
    }

    void staleLockOfADeadProcessIsTakenOver()
    {
        TempDataDir dir;
        // A lock file as a killed process leaves it: a PID that does not exist.
        QFile f(dir.filePath(QStringLiteral("netgatewayd.lock")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("4194300\nnetgatewayd\n");
        f.write(QSysInfo::machineHostName().toUtf8() + "\n");
        f.close();
        InstanceLock lock(dir.path());
        QString error;
        QVERIFY2(lock.acquire(error), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestInstanceLock)
#include "TestInstanceLock.moc"
