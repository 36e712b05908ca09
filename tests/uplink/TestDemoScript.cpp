// scripts/run.sh brings up the demo: fleetsim, the cloud emulator and the
// real gateway registered to it; devices appear and the emulator receives
// their counters; Ctrl+C (SIGINT to the script's process group) stops all.
#include "TempDataDir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTest>
#include <QUdpSocket>

#include <cerrno>
#include <csignal>

using namespace netgateway::test;

namespace {

constexpr int kDevices = 24;

quint16 freeTcpPort()
{
    QTcpServer s;
    return s.listen(QHostAddress::Any, 0) ? s.serverPort() : 0;
}

QJsonObject getJson(const QString &url)
{
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest req{QUrl(url)};
    req.setTransferTimeout(10000);
    QNetworkReply *reply = nam.get(req);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 15000)) {
        return {};
    }
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

bool gone(qint64 pid)
{
    return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

} // namespace

class TestDemoScript : public QObject {
    Q_OBJECT
private slots:
    void demoComesUpAndCtrlCStopsEverything()
    {
        TempDataDir dir;
        // A loopback block and a UDP port of our own, so parallel runs do not meet.
        const int block = QRandomGenerator::global()->bounded(100, 200);
        const QString base = QStringLiteral("127.%1.%2.1").arg(block).arg(QRandomGenerator::global()->bounded(1, 250));
        QUdpSocket probe;
        QVERIFY(probe.bind(QHostAddress(base), 0));
        const quint16 snmpPort = probe.localPort();
        probe.close();

        QProcess demo;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NETGATEWAY_SKIP_BUILD"), QStringLiteral("1"));
        env.insert(QStringLiteral("NETGATEWAY_BUILD_DIR"), QStringLiteral(NETGATEWAY_BINARY_DIR));
        env.insert(QStringLiteral("NETGATEWAY_DEMO_DIR"), dir.path());
        env.insert(QStringLiteral("NETGATEWAY_DEMO_DEVICES"), QString::number(kDevices));
        env.insert(QStringLiteral("NETGATEWAY_DEMO_BASE"), base);
        env.insert(QStringLiteral("NETGATEWAY_DEMO_SNMP_PORT"), QString::number(snmpPort));
        env.insert(QStringLiteral("NETGATEWAY_DEMO_UI_PORT"), QString::number(freeTcpPort()));
        env.insert(QStringLiteral("NETGATEWAY_DEMO_RELAY_PORT"), QString::number(freeTcpPort()));
        demo.setProcessEnvironment(env);
        demo.setProcessChannelMode(QProcess::MergedChannels);
        // Its own session and process group, as a terminal gives it.
        demo.start(QStringLiteral("setsid"), {QStringLiteral(NETGATEWAY_SOURCE_DIR "/scripts/run.sh")});
        QByteArray out;
        const bool ready = QTest::qWaitFor(
            [&] {
                out += demo.readAll();
                return out.contains("Ctrl+C stops everything.") || demo.state() == QProcess::NotRunning;
            },
            120000);
        QVERIFY2(ready && out.contains("demo: ready"), out.right(4000).constData());

        static const QRegularExpression pidsLine(QStringLiteral("gateway=(\\d+) fleetsim=(\\d+) emulator=(\\d+)"));
        static const QRegularExpression adminLine(QStringLiteral("admin-port (\\d+)"));
        static const QRegularExpression tokenLine(QStringLiteral("setup token:  ([a-z0-9]{16,})"));
        const QString text = QString::fromUtf8(out);
        const auto pids = pidsLine.match(text);
        const auto admin = adminLine.match(text);
        QVERIFY(pids.hasMatch() && admin.hasMatch());
        QVERIFY2(tokenLine.match(text).hasMatch(), qPrintable(text.right(2000)));
        QVERIFY(text.contains(QStringLiteral("console:      https://127.0.0.1:")));

        // The devices appear in the gateway.
        QProcess ctl;
        ctl.start(QStringLiteral(NETGATEWAYCTL_PATH),
                  {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("status"), QStringLiteral("--json")});
        QVERIFY(ctl.waitForFinished(15000));
        const QJsonObject status = QJsonDocument::fromJson(ctl.readAllStandardOutput()).object();
        QCOMPARE(status.value(QStringLiteral("deviceCount")).toInt(), kDevices);
        QCOMPARE(status.value(QStringLiteral("uplink")).toObject().value(QStringLiteral("registration")).toString(),
                 QStringLiteral("managed"));

        // The emulator received one counters record per device, with real values.
        const QString records = QStringLiteral("http://127.0.0.1:%1/admin/records").arg(admin.captured(1));
        QSet<QString> counted;
        QVERIFY(QTest::qWaitFor(
            [&] {
                counted.clear();
                for (const QJsonValue &v : getJson(records).value(QStringLiteral("records")).toArray()) {
                    const QJsonObject r = v.toObject();
                    if (r.value(QStringLiteral("kind")).toString() == QLatin1String("counters") &&
                        !r.value(QStringLiteral("data")).toObject().isEmpty()) {
                        counted.insert(r.value(QStringLiteral("device")).toString());
                    }
                }
                return counted.size() >= kDevices;
            },
            30000));
        QCOMPARE(counted.size(), kDevices);

        // Ctrl+C: SIGINT to the whole process group, as a terminal sends it.
        QVERIFY(::kill(-static_cast<pid_t>(demo.processId()), SIGINT) == 0);
        QVERIFY(demo.waitForFinished(30000));
        for (int i = 1; i <= 3; ++i) {
            const qint64 pid = pids.captured(i).toLongLong();
            QVERIFY2(QTest::qWaitFor([pid] { return gone(pid); }, 10000), qPrintable(pids.captured(0)));
        }
    }
};

QTEST_GUILESS_MAIN(TestDemoScript)
#include "TestDemoScript.moc"
