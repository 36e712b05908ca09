// The uplink inside the real netgatewayd: off by default, configured and
// registered through the control channel.
#include "DaemonProcess.h"
#include "EmulatorProcess.h"
#include "TempDataDir.h"

#include <netgateway/core/ControlChannel.h>

#include <QFile>
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

    void installerAccessCodeGoesToTheVaultAndRegisters()
    {
        // What the MSI's ACCESSCODE leaves for the first start.
        TempDataDir dataDir;
        const QByteArray code = "MSI-7f3a9c21e8";
        {
            QFile f(dataDir.filePath(QStringLiteral("install-access-code")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(code + "\r\n");
        }
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start({QStringLiteral("--access-code"), QString::fromLatin1(code)}));
        DaemonProcess daemon(dataDir.path());
        QVERIFY(daemon.start());
        QVERIFY(!QFile::exists(dataDir.filePath(QStringLiteral("install-access-code"))));

        core::ControlClient client(dataDir.path());
        QJsonObject response;
        QString error;
        QVERIFY(client.call({{QStringLiteral("command"), QStringLiteral("uplink.configure")},
                             {QStringLiteral("origin"), emu.origin()},
                             {QStringLiteral("caFile"), emu.caFile()}},
                            response, error));
        QVERIFY2(response.value(QStringLiteral("ok")).toBool(), QJsonDocument(response).toJson().constData());
        // Registered with the stored code alone: Pending until approved upstream.
        QVERIFY(QTest::qWaitFor(
            [&] {
                client.call({{QStringLiteral("command"), QStringLiteral("uplink.status")}}, response, error);
                return response.value(QStringLiteral("registration")).toString() == QLatin1String("pending");
            },
            15000));
        QCOMPARE(emu.admin("GET", QStringLiteral("/admin/gateways")).value(QStringLiteral("gateways")).toArray().size(),
                 1);
        const QByteArray log = TempDataDir::readAll(dataDir.filePath(QStringLiteral("logs/netgatewayd.log")));
        QVERIFY(log.contains("the installer's access code was removed from the vault"));
        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(15000));
        QVERIFY(!log.contains(code));
        QVERIFY(!TempDataDir::readAll(dataDir.filePath(QStringLiteral("netgateway.db"))).contains(code));
    }
};

QTEST_GUILESS_MAIN(TestUplinkDaemon)
#include "TestUplinkDaemon.moc"
