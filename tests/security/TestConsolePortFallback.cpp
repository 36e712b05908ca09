// The console port is taken by another program: the real netgatewayd takes
// another port, says so in its log, and shows the port in use in its status.
#include "DaemonProcess.h"
#include "HttpsClient.h"
#include "TempDataDir.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

#include <csignal>

using namespace netgateway::test;

class TestConsolePortFallback : public QObject {
    Q_OBJECT
private slots:
    void takenPortFallsBackToAnother()
    {
        // Held the way the console binds (any address), for the whole test.
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::Any, 0));
        const quint16 taken = squatter.serverPort();

        TempDataDir dir;
        DaemonProcess daemon(dir.path());
        QVERIFY2(daemon.start({QStringLiteral("--ui-port"), QString::number(taken)}),
                 daemon.standardError().constData());
        const CommandResult st = daemon.ctl({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(st.exitCode, 0);
        const QJsonObject status = QJsonDocument::fromJson(st.out).object();
        const int inUse = status.value(QStringLiteral("uiPort")).toInt();
        QCOMPARE(status.value(QStringLiteral("uiPortConfigured")).toInt(), int(taken));
        QVERIFY(inUse != 0 && inUse != taken);
        const QString note = status.value(QStringLiteral("uiPortNote")).toString();
        QVERIFY2(note.contains(QStringLiteral("port %1 is taken").arg(taken)) &&
                     note.contains(QStringLiteral("listens on %1").arg(inUse)),
                 qPrintable(note));
        QVERIFY(TempDataDir::readAll(dir.filePath(QStringLiteral("logs/netgatewayd.log")))
                    .contains(QStringLiteral("console: port %1 is taken").arg(taken).toUtf8()));

        // The console really answers over TLS on the port it reports.
        const QSslCertificate cert = HttpsClient::fetchCertificate(static_cast<quint16>(inUse));
        QVERIFY(!cert.isNull());
        HttpsClient client(static_cast<quint16>(inUse), {cert});
        QVERIFY(client.get("/api/v1/auth/session").status != 0);

        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(15000));
    }
};

QTEST_GUILESS_MAIN(TestConsolePortFallback)
#include "TestConsolePortFallback.moc"
