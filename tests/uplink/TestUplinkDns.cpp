// A cloud origin whose name cannot be resolved: the real netgatewayd says
// "DNS" plainly in its status and its log. The test process enters a fresh
// network namespace before anything else runs, so the daemon it starts has
// only a loopback interface: the resolver's query cannot leave the machine
// (no route exists), and the name fails the way it fails on a LAN whose DNS
// server is unreachable or does not know it.
#include "DaemonProcess.h"
#include "TempDataDir.h"

#include <netgateway/core/ControlChannel.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace netgateway;
using namespace netgateway::test;

namespace {

QString g_namespaceProblem;

bool writeFile(const char *path, const QByteArray &content)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const bool ok = ::write(fd, content.constData(), static_cast<size_t>(content.size())) == content.size();
    ::close(fd);
    return ok;
}

// Must run while the process has one thread: unshare(CLONE_NEWUSER) requires
// it, and threads started later inherit the namespace.
void enterPrivateNetwork()
{
    if (::unshare(CLONE_NEWNET) != 0) {
        const uid_t uid = ::getuid();
        const gid_t gid = ::getgid();
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
            g_namespaceProblem = QStringLiteral("cannot create a network namespace: %1").arg(std::strerror(errno));
            return;
        }
        writeFile("/proc/self/setgroups", "deny");
        if (!writeFile("/proc/self/uid_map", QByteArray("0 ") + QByteArray::number(uid) + " 1") ||
            !writeFile("/proc/self/gid_map", QByteArray("0 ") + QByteArray::number(gid) + " 1")) {
            g_namespaceProblem = QStringLiteral("cannot map the user into the new user namespace");
            return;
        }
    }
    // The console listens on loopback, which starts down in a new namespace.
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    if (fd < 0 || ::ioctl(fd, SIOCGIFFLAGS, &ifr) != 0 ||
        (ifr.ifr_flags |= IFF_UP, ::ioctl(fd, SIOCSIFFLAGS, &ifr) != 0)) {
        g_namespaceProblem =
            QStringLiteral("cannot bring up loopback in the new namespace: %1").arg(std::strerror(errno));
    }
    if (fd >= 0) {
        ::close(fd);
    }
}

} // namespace

class TestUplinkDns : public QObject {
    Q_OBJECT
private slots:
    void unresolvableOriginIsReportedAsDns()
    {
        if (!g_namespaceProblem.isEmpty()) {
            QSKIP(qPrintable(g_namespaceProblem));
        }
        // Proof that nothing can leave: no interface but loopback, no route.
        QProcess route;
        route.start(QStringLiteral("ip"), {QStringLiteral("-4"), QStringLiteral("route"), QStringLiteral("show"),
                                           QStringLiteral("table"), QStringLiteral("main")});
        QVERIFY(route.waitForFinished(10000));
        QCOMPARE(route.readAllStandardOutput().trimmed(), QByteArray());

        TempDataDir dataDir;
        DaemonProcess daemon(dataDir.path());
        QVERIFY(daemon.start());
        const QString host = QStringLiteral("cloud.netgateway-test.invalid");
        CommandResult r = daemon.ctl({QStringLiteral("uplink"), QStringLiteral("configure"), QStringLiteral("--origin"),
                                      QStringLiteral("https://%1").arg(host)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QProcess reg;
        reg.start(QStringLiteral(NETGATEWAYCTL_PATH),
                  {QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("uplink"), QStringLiteral("register")});
        reg.write("DEMO-CODE\n");
        reg.closeWriteChannel();
        QVERIFY(reg.waitForFinished(15000));

        core::ControlClient client(dataDir.path());
        QJsonObject st;
        QVERIFY(QTest::qWaitFor(
            [&] {
                QString error;
                client.call({{QStringLiteral("command"), QStringLiteral("uplink.status")}}, st, error);
                return st.value(QStringLiteral("failure")).toString() != QLatin1String("not_registered") &&
                       st.value(QStringLiteral("consecutiveFailures")).toInt() > 0;
            },
            15000));
        QCOMPARE(st.value(QStringLiteral("failure")).toString(), QStringLiteral("dns"));
        const QString message = st.value(QStringLiteral("message")).toString();
        QVERIFY2(message.startsWith(QStringLiteral("DNS: ")), qPrintable(message));
        QVERIFY2(message.contains(host), qPrintable(message));

        // The same words in the CLI's status and in the system log.
        r = daemon.ctl({QStringLiteral("uplink"), QStringLiteral("status")});
        QVERIFY2(r.out.contains("\"failure\": \"dns\"") && r.out.contains("DNS: the cloud host"), r.out.constData());
        QVERIFY(QTest::qWaitFor(
            [&] {
                return TempDataDir::readAll(dataDir.filePath(QStringLiteral("logs/netgatewayd.log")))
                    .contains("uplink: DNS: the cloud host " + host.toUtf8() + " could not be resolved");
            },
            5000));
        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(15000));
    }
};

int main(int argc, char **argv)
{
    enterPrivateNetwork();
    QCoreApplication app(argc, argv);
    TestUplinkDns test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestUplinkDns.moc"
