// The uplink inside the real netgatewayd: off by default, configured and
// registered through the control channel.
#include "DaemonProcess.h"
#include "EmulatorProcess.h"
#include "TempDataDir.h"

#include <netgateway/core/ControlChannel.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace netgateway;
using namespace netgateway::test;

class TestUplinkDaemon : public QObject {
    Q_OBJECT
private slots:
    void offByDefaultThenRegistersThroughTheControlChannel()
    {
        TempDataDir dataDir;
        DaemonProcess daemon(dataDir.path());
        QVERIFY(daemon.start());
        core::ControlClient client(dataDir.path());
        auto call = [&](const QJsonObject &request) {
            QJsonObject response;
            QString error;
            if (!client.call(request, response, error)) {
                qWarning("control call failed: %s", qPrintable(error));
            }
            return response;
        };
        QJsonObject st = call({{QStringLiteral("command"), QStringLiteral("uplink.status")}});
        QCOMPARE(st.value(QStringLiteral("enabled")), QJsonValue(false)); // off by default
        QCOMPARE(st.value(QStringLiteral("anonymous")), QJsonValue(false));

        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        const QJsonObject bad = call({{QStringLiteral("command"), QStringLiteral("uplink.configure")},
                                      {QStringLiteral("origin"), QStringLiteral("http://127.0.0.1:1")}});
        QVERIFY2(QJsonDocument(bad).toJson().contains("https://"), QJsonDocument(bad).toJson().constData());
        // The CLI, with the secrets on standard input.
        auto ctl = [&](const QStringList &arguments, const QByteArray &input) {
            QProcess p;
            p.start(QStringLiteral(NETGATEWAYCTL_PATH),
                    QStringList{QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("uplink")} + arguments);
            p.write(input);
            p.closeWriteChannel();
            p.waitForFinished(15000);
            return p.exitCode();
        };
        QCOMPARE(ctl({QStringLiteral("configure"), QStringLiteral("--origin"), emu.origin(),
                      QStringLiteral("--ca-file"), emu.caFile()},
                     {}),
                 0);
        QCOMPARE(ctl({QStringLiteral("register"), QStringLiteral("--user"), QStringLiteral("admin")},
                     "DEMO-CODE\nadmin-password\n"),
                 0);
        QCOMPARE(ctl({QStringLiteral("configure"), QStringLiteral("--origin"), QStringLiteral("ftp://x")}, {}), 1);
        QVERIFY(QTest::qWaitFor(
            [&] {
                st = call({{QStringLiteral("command"), QStringLiteral("uplink.status")}});
                return QJsonDocument(st).toJson(QJsonDocument::Compact).contains("\"registration\":\"managed\"");
            },
            15000));
        const QJsonObject gateways = emu.admin("GET", QStringLiteral("/admin/gateways"));
        QCOMPARE(gateways.value(QStringLiteral("gateways")).toArray().size(), 1);
        // The password used for registration is nowhere in the data directory.
        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(15000));
        QVERIFY(!TempDataDir::readAll(dataDir.filePath(QStringLiteral("netgateway.db"))).contains("admin-password"));
    }
};

QTEST_GUILESS_MAIN(TestUplinkDaemon)
#include "TestUplinkDaemon.moc"
