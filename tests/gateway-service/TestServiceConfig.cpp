#include <netgateway/core/ServiceConfig.h>

#include "TempDataDir.h"

#include <QFile>
#include <QTest>

using namespace netgateway::core;
using netgateway::test::TempDataDir;

class TestServiceConfig : public QObject {
    Q_OBJECT
private:
    static QString write(const TempDataDir &dir, const QByteArray &text)
    {
        const QString path = dir.filePath(QStringLiteral("netgateway.ini"));
        QFile f(path);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(text);
        return path;
    }

private slots:
    void defaults()
    {
        ServiceConfig c;
        QCOMPARE(c.uiPort, quint16(9797));
        QCOMPARE(c.relayPort, quint16(8081));
        QCOMPARE(c.logLevel, LogLevel::Info);
    }

    void readsEveryKey()
    {
        TempDataDir dir;
        const QString path = write(dir, "[service]\ndata_dir=/srv/ng\n[ui]\nport=9443\n[relay]\nport=18081\n"
                                        "[log]\nlevel=debug\nmax_size_mb=2\nfiles=3\n");
        ServiceConfig c;
        QString error;
        QVERIFY2(ServiceConfig::loadFile(path, c, error), qPrintable(error));
        QCOMPARE(c.dataDirectory, QStringLiteral("/srv/ng"));
        QCOMPARE(c.uiPort, quint16(9443));
        QCOMPARE(c.relayPort, quint16(18081));
        QCOMPARE(c.logLevel, LogLevel::Debug);
        QCOMPARE(c.logMaxBytes, qint64(2) * 1024 * 1024);
        QCOMPARE(c.logFiles, 3);
    }

    void badValuesAreRefusedWithTheKeyNamedAndNothingChanged_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("port text") << QByteArray("[ui]\nport=abc\n") << QStringLiteral("ui/port");
        QTest::newRow("port zero") << QByteArray("[ui]\nport=0\n") << QStringLiteral("1 to 65535");
        QTest::newRow("port big") << QByteArray("[relay]\nport=70000\n") << QStringLiteral("relay/port");
        QTest::newRow("level") << QByteArray("[log]\nlevel=loud\n") << QStringLiteral("debug, info, warning or error");
        QTest::newRow("size") << QByteArray("[log]\nmax_size_mb=0\n") << QStringLiteral("max_size_mb");
        QTest::newRow("files") << QByteArray("[log]\nfiles=-1\n") << QStringLiteral("log/files");
        // Found while writing FuzzServiceConfig's seeds (regression-data-dir-comma.ini): an
        // unquoted comma made the data directory silently empty (the working directory).
        QTest::newRow("data_dir with comma")
            << QByteArray("[service]\ndata_dir=/srv/a,b\n") << QStringLiteral("double quotes");
        QTest::newRow("data_dir empty") << QByteArray("[service]\ndata_dir=\n") << QStringLiteral("data_dir is empty");
    }

    void badValuesAreRefusedWithTheKeyNamedAndNothingChanged()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, mentions);
        TempDataDir dir;
        const QString path = write(dir, "[log]\nlevel=debug\n" + text);
        ServiceConfig c;
        QString error;
        QVERIFY(!ServiceConfig::loadFile(path, c, error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QCOMPARE(c.logLevel, LogLevel::Info);
    }

    void missingFileIsReported()
    {
        ServiceConfig c;
        QString error;
        QVERIFY(!ServiceConfig::loadFile(QStringLiteral("/nonexistent/ng.ini"), c, error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent/ng.ini")));
    }

    void dataDirectoryFromEnvironment()
    {
        qputenv("NETGATEWAY_DATA_DIR", "/tmp/ng-env-test");
        QCOMPARE(ServiceConfig::defaultDataDirectory(), QStringLiteral("/tmp/ng-env-test"));
        qunsetenv("NETGATEWAY_DATA_DIR");
        QCOMPARE(ServiceConfig::defaultDataDirectory(), QStringLiteral("/var/lib/netgateway"));
    }
};

QTEST_GUILESS_MAIN(TestServiceConfig)
#include "TestServiceConfig.moc"
