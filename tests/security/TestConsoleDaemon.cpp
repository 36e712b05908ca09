// The console on the real netgatewayd: first password through the command
// line on the machine (audited), then login over HTTPS.
#include "HttpsClient.h"

#include <DaemonProcess.h>
#include <TempDataDir.h>

#include <QJsonArray>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <csignal>

using namespace netgateway::test;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return probe.serverPort();
}

CommandResult setPassword(const QString &dataDir, const QByteArray &password)
{
    QProcess process;
    process.start(QStringLiteral(NETGATEWAYCTL_PATH),
                  {QStringLiteral("--data-dir"), dataDir, QStringLiteral("admin"), QStringLiteral("set-password")});
    CommandResult result;
    if (!process.waitForStarted(10000)) {
        return result;
    }
    process.write(password + "\n");
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        return result;
    }
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// Runs `openssl s_client` with `options` against the port; returns its exit
// code (0 when the handshake succeeded) and output.
CommandResult sClient(quint16 port, const QStringList &options)
{
    QProcess process;
    process.start(QStringLiteral("openssl"), QStringList{QStringLiteral("s_client"), QStringLiteral("-connect"),
                                                         QStringLiteral("127.0.0.1:%1").arg(port)} +
                                                 options);
    CommandResult result;
    if (!process.waitForStarted(10000)) {
        return result;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(15000)) {
        process.kill();
        return result;
    }
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace

class TestConsoleDaemon : public QObject {
    Q_OBJECT
private slots:
    void firstPasswordFromTheMachine()
    {
        TempDataDir dir;
        const quint16 port = freePort();
        QVERIFY(port != 0);
        DaemonProcess daemon(dir.path());
        QVERIFY2(daemon.start({QStringLiteral("--ui-port"), QString::number(port)}),
                 daemon.standardError().constData());

        // The setup token is shown on the machine: the CLI and the log.
        const CommandResult token = daemon.ctl({QStringLiteral("admin"), QStringLiteral("setup-token")});
        QCOMPARE(token.exitCode, 0);
        const QByteArray tokenText = token.out.trimmed();
        QVERIFY(tokenText.size() >= 26);
        QVERIFY(TempDataDir::readAll(dir.filePath(QStringLiteral("logs/netgatewayd.log"))).contains(tokenText));

        // Plain HTTP on the console port is refused.
        QTcpSocket plain;
        plain.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(plain.waitForConnected(5000));
        plain.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(plain.waitForReadyRead(5000));
        QVERIFY(plain.readAll().startsWith("HTTP/1.1 400"));

        // Only TLS 1.2 with forward-secret AEAD suites, and TLS 1.3. The client
        // is allowed old protocols (security level 0) so the server decides.
        const QString legacy = QStringLiteral("DEFAULT@SECLEVEL=0");
        QCOMPARE(sClient(port, {QStringLiteral("-tls1_1"), QStringLiteral("-cipher"), legacy}).exitCode, 1);
        QCOMPARE(sClient(port, {QStringLiteral("-tls1_2"), QStringLiteral("-cipher"), QStringLiteral("AES128-SHA")})
                     .exitCode,
                 1);
        const CommandResult tls12 = sClient(port, {QStringLiteral("-tls1_2")});
        QCOMPARE(tls12.exitCode, 0);
        QVERIFY2(tls12.out.contains("Cipher is ECDHE-"), tls12.out.constData());
        const CommandResult tls13 = sClient(port, {QStringLiteral("-tls1_3")});
        QCOMPARE(tls13.exitCode, 0);
        QVERIFY(tls13.out.contains("TLSv1.3"));

        const QSslCertificate cert = HttpsClient::fetchCertificate(port);
        QVERIFY(!cert.isNull());
        HttpsClient client(port, {cert});
        QCOMPARE(client.login(QStringLiteral("admin"), QStringLiteral("Correct-Horse-Battery-9")).status, 409);

        // A weak password is refused with the rule named.
        const CommandResult weak = setPassword(dir.path(), "password1");
        QCOMPARE(weak.exitCode, 1);
        QVERIFY2(weak.err.contains("10,000 most common"), weak.err.constData());
        const CommandResult set = setPassword(dir.path(), "Correct-Horse-Battery-9");
        QVERIFY2(set.exitCode == 0, set.err.constData());
        QVERIFY(!set.out.contains("Correct-Horse"));

        const CommandResult after = daemon.ctl({QStringLiteral("admin"), QStringLiteral("setup-token")});
        QVERIFY(after.out.contains("already set"));

        QCOMPARE(client.login(QStringLiteral("admin"), QStringLiteral("Correct-Horse-Battery-9")).status, 200);
        const HttpResponse audit = client.get("/api/v1/audit?action=local%20administrator%20password%20reset");
        QCOMPARE(audit.status, 200);
        const QJsonArray entries = audit.json().value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 2); // the refused and the accepted one
        QCOMPARE(entries.first().toObject().value(QStringLiteral("result")).toString(), QStringLiteral("success"));
        QCOMPARE(entries.first().toObject().value(QStringLiteral("actor")).toString(), QStringLiteral("local"));
        QCOMPARE(entries.last().toObject().value(QStringLiteral("result")).toString(), QStringLiteral("failure"));

        // The password never reaches the log.
        QVERIFY(!TempDataDir::readAll(dir.filePath(QStringLiteral("logs/netgatewayd.log"))).contains("Correct-Horse"));
        const CommandResult verify = daemon.ctl({QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(verify.exitCode, 0);

        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(15000));
        QCOMPARE(daemon.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestConsoleDaemon)
#include "TestConsoleDaemon.moc"
