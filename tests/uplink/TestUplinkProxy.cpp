// The uplink through a real HTTP proxy that requires Basic authentication
// (squid on a loopback port, with its own configuration and password file).
// squid answers a wrong password with 407; tinyproxy 1.11 answers it with 401,
// which is why squid is used here.
#include "EmulatorProcess.h"
#include "UplinkFixture.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace netgateway;
using namespace netgateway::test;
using storage::OutboxKind;
using uplink::Uplink;
using uplink::UplinkFailure;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size()) {
        return false;
    }
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    return true;
}

} // namespace

class TestUplinkProxy : public QObject {
    Q_OBJECT
private:
    QProcess m_proxy;
    quint16 m_proxyPort = 0;
    // squid drops root privileges to its own user, which must reach these
    // files: /var/tmp is world-traversable, the temporary directory (where
    // TMPDIR or a private /tmp point) need not be.
    QTemporaryDir m_proxyDir{QStringLiteral("/var/tmp/netgateway-proxy-XXXXXX")};

private slots:
    void initTestCase()
    {
        const QString squid = QStandardPaths::findExecutable(QStringLiteral("squid"),
                                                             {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
        const QString helper = QStringLiteral("/usr/lib/squid/basic_ncsa_auth");
        if (squid.isEmpty() || !QFile::exists(helper)) {
            QSKIP("squid is not installed (scripts/install-deps.sh installs it)");
        }
        // squid drops root privileges to its own user, which must read these files.
        QFile::setPermissions(m_proxyDir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                     QFile::ReadOther | QFile::ExeOther | QFile::ReadGroup |
                                                     QFile::ExeGroup);
        QProcess passwd;
        passwd.start(QStringLiteral("openssl"),
                     {QStringLiteral("passwd"), QStringLiteral("-apr1"), QStringLiteral("proxy-secret")});
        QVERIFY(passwd.waitForFinished(10000));
        const QByteArray hash = passwd.readAllStandardOutput().trimmed();
        QVERIFY(hash.startsWith("$apr1$"));
        const QString passwdFile = m_proxyDir.filePath(QStringLiteral("passwd"));
        QVERIFY(writeFile(passwdFile, "proxyuser:" + hash + "\n"));
        m_proxyPort = freePort();
        const QString conf = m_proxyDir.filePath(QStringLiteral("squid.conf"));
        const QString d = m_proxyDir.path();
        QVERIFY(writeFile(conf, QStringLiteral("http_port 127.0.0.1:%1\n"
                                               "pid_filename %2/squid.pid\n"
                                               "cache_log %2/cache.log\n"
                                               "access_log none\n"
                                               "cache deny all\n"
                                               "cache_mem 1 MB\n"
                                               "coredump_dir %2\n"
                                               "auth_param basic program %3 %4\n"
                                               "auth_param basic realm netgateway-test\n"
                                               "acl authed proxy_auth REQUIRED\n"
                                               "http_access allow localhost authed\n"
                                               "http_access deny all\n"
                                               "shutdown_lifetime 0 seconds\n"
                                               // Never ask a DNS server off this machine.
                                               "dns_nameservers 127.0.0.1\n"
                                               "visible_hostname netgateway-test\n")
                                    .arg(m_proxyPort)
                                    .arg(d, helper, passwdFile)
                                    .toUtf8()));
        // Not forwarded: squid's helpers outlive it for a moment and would hold
        // the test's output open.
        m_proxy.setStandardOutputFile(QProcess::nullDevice());
        m_proxy.setStandardErrorFile(QProcess::nullDevice());
        m_proxy.start(squid, {QStringLiteral("-N"), QStringLiteral("-f"), conf});
        QVERIFY(m_proxy.waitForStarted());
        QVERIFY(QTest::qWaitFor(
            [&] {
                QTcpSocket s;
                s.connectToHost(QHostAddress::LocalHost, m_proxyPort);
                return s.waitForConnected(200);
            },
            20000));
    }

    void cleanupTestCase()
    {
        if (m_proxy.state() != QProcess::NotRunning) {
            m_proxy.terminate();
            if (!m_proxy.waitForFinished(5000)) {
                m_proxy.kill();
                m_proxy.waitForFinished(5000);
            }
        }
    }

    void uploadsThroughTheProxy_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("works");
        QTest::newRow("right password") << QStringLiteral("proxy-secret") << true;
        QTest::newRow("wrong password") << QStringLiteral("not-the-secret") << false;
    }

    void uploadsThroughTheProxy()
    {
        QFETCH(QString, password);
        QFETCH(bool, works);
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        TempDataDir dir;
        GatewayStorage s(dir.path());
        s.vault->put(Uplink::kProxyPasswordSecret, password.toUtf8());
        ManualClock clock;
        RecordingAuditSink audit;
        uplink::UplinkSettings settings;
        settings.origin = QUrl(emu.origin());
        settings.extraCaFile = emu.caFile();
        settings.proxyHost = QStringLiteral("127.0.0.1");
        settings.proxyPort = m_proxyPort;
        settings.proxyUser = QStringLiteral("proxyuser");
        settings.transferTimeoutMs = 10000;
        Uplink link(*s.db, *s.vault, *s.outbox, clock, audit, settings);
        link.start();
        QSignalSpy done(&link, &Uplink::registrationFinished);
        link.registerGateway(QStringLiteral("DEMO-CODE"), QStringLiteral("admin"), QStringLiteral("admin-password"));
        QVERIFY(done.wait(15000));
        QCOMPARE(done.first().at(0).toBool(), works);
        if (!works) {
            const auto st = link.status();
            QCOMPARE(st.failure, UplinkFailure::ProxyAuth);
            QVERIFY2(st.message.contains(QStringLiteral("407")), qPrintable(st.message));
            QCOMPARE(emu.stats().value(QStringLiteral("requests")).toInt(), 0);
            return;
        }
        s.outbox->enqueue(OutboxKind::Alert, QStringLiteral("SN1"),
                          toJson(alertRecord(QStringLiteral("SN1"), 1, QStringLiteral("jam"))), clock.nowSecs());
        QVERIFY(QTest::qWaitFor([&] { return s.outbox->count() == 0; }, 15000));
        QCOMPARE(emu.admin("GET", QStringLiteral("/admin/records")).value(QStringLiteral("records")).toArray().size(),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestUplinkProxy)
#include "TestUplinkProxy.moc"
