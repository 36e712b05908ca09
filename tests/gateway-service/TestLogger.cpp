#include <netgateway/core/Logger.h>

#include "TempDataDir.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace netgateway::core;
using netgateway::test::TempDataDir;

class TestLogger : public QObject {
    Q_OBJECT
private slots:
    void writesLevelsAndFilters()
    {
        TempDataDir dir;
        Logger::Options o;
        o.directory = dir.path();
        o.level = LogLevel::Info;
        Logger logger(o);
        logger.install();
        qDebug("hidden debug line");
        qInfo("visible info line");
        qWarning("visible warning line");
        logger.setLevel(LogLevel::Debug);
        qDebug("now debug shows");
        const QByteArray text = TempDataDir::readAll(logger.filePath());
        QVERIFY(!text.contains("hidden debug line"));
        QVERIFY(text.contains("INFO  [default] visible info line"));
        QVERIFY(text.contains("WARN  [default] visible warning line"));
        QVERIFY(text.contains("DEBUG [default] now debug shows"));
        QCOMPARE(QFile::permissions(logger.filePath()) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
    }

    void rotatesBySizeAndKeepsNFiles()
    {
        TempDataDir dir;
        Logger::Options o;
        o.directory = dir.path();
        o.maxBytes = 1000;
        o.files = 3;
        Logger logger(o);
        for (int i = 0; i < 200; ++i) {
            logger.write(LogLevel::Info, QStringLiteral("t"), QStringLiteral("line %1 ").arg(i) + QString(40, u'x'));
        }
        const QStringList files =
            QDir(dir.path()).entryList({QStringLiteral("netgatewayd.log*")}, QDir::Files, QDir::Name);
        QCOMPARE(files, (QStringList{QStringLiteral("netgatewayd.log"), QStringLiteral("netgatewayd.log.1"),
                                     QStringLiteral("netgatewayd.log.2"), QStringLiteral("netgatewayd.log.3")}));
        for (const QString &f : files) {
            QVERIFY(QFileInfo(dir.filePath(f)).size() <= 1000);
        }
        // The newest line is in the current file, older ones in .1.
        QVERIFY(TempDataDir::readAll(logger.filePath()).contains("line 199 "));
        QVERIFY(!TempDataDir::readAll(dir.filePath(QStringLiteral("netgatewayd.log.1"))).contains("line 199 "));
    }
};

QTEST_GUILESS_MAIN(TestLogger)
#include "TestLogger.moc"
