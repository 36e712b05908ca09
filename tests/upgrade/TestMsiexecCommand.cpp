#include <netgateway/upgrade/MsiexecCommand.h>

#include <QTest>

using namespace netgateway;
using upgrade::MsiexecCommand;
using Verdict = MsiexecCommand::Verdict;

class TestMsiexecCommand : public QObject {
    Q_OBJECT
private slots:
    void installIsSilentLoggedAndPassesTheInstallProperties()
    {
        core::InstallProperties p;
        p.uiPort = 9443;
        p.relayPort = 8082;
        p.anonymize = false;
        p.proxyHost = QStringLiteral("10.1.2.3");
        p.proxyPort = 8080;
        const QStringList args =
            MsiexecCommand::install(QStringLiteral("C:/ProgramData/netgateway-upgrade/incoming.msi"),
                                    QStringLiteral("C:/ProgramData/netgateway-upgrade/i.log"), p);
        QCOMPARE(args,
                 (QStringList{QStringLiteral("/i"), QStringLiteral("C:/ProgramData/netgateway-upgrade/incoming.msi"),
                              QStringLiteral("/qn"), QStringLiteral("/norestart"), QStringLiteral("/l*v"),
                              QStringLiteral("C:/ProgramData/netgateway-upgrade/i.log"), QStringLiteral("UIPORT=9443"),
                              QStringLiteral("RELAYPORT=8082"), QStringLiteral("ANONYMIZE=0"),
                              QStringLiteral("PROXY=10.1.2.3:8080")}));
        // Nothing chosen at install time: nothing passed, the MSI's defaults apply.
        QCOMPARE(MsiexecCommand::install(QStringLiteral("a.msi"), QStringLiteral("a.log"), {}).size(), 6);
    }

    void uninstallKeepsTheData()
    {
        const QStringList args = MsiexecCommand::uninstall(QStringLiteral("current.msi"), QStringLiteral("r.log"));
        QCOMPARE(args.first(), QStringLiteral("/x"));
        QVERIFY(args.contains(QStringLiteral("/qn")));
        QVERIFY(args.contains(QStringLiteral("/norestart")));
        QCOMPARE(args.last(), QStringLiteral("KEEPDATA=1"));
    }

    void nativeCommandLineQuotesPathsAndValues()
    {
        core::InstallProperties p;
        p.proxyHost = QStringLiteral("fe80::1");
        p.proxyPort = 3128;
        const QString line = MsiexecCommand::nativeArguments(MsiexecCommand::install(
            QStringLiteral("C:\\Program Data\\up\\incoming.msi"), QStringLiteral("C:\\Program Data\\up\\i.log"), p));
        QCOMPARE(line, QStringLiteral("/i \"C:\\Program Data\\up\\incoming.msi\" /qn /norestart /l*v "
                                      "\"C:\\Program Data\\up\\i.log\" PROXY=\"[fe80::1]:3128\""));
        // msiexec's own escaping of a quote inside a value: doubled.
        QCOMPARE(MsiexecCommand::nativeArguments({QStringLiteral("NAME=a\"b")}), QStringLiteral("NAME=\"a\"\"b\""));
    }

    void exitCodes_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<QString>("says");
        QTest::newRow("0") << 0 << int(Verdict::Success) << QStringLiteral("finished");
        QTest::newRow("3010") << 3010 << int(Verdict::RestartRequired) << QStringLiteral("restarts");
        QTest::newRow("1641") << 1641 << int(Verdict::RestartRequired) << QStringLiteral("restarts Windows");
        QTest::newRow("1618") << 1618 << int(Verdict::RetryLater) << QStringLiteral("retried later");
        QTest::newRow("1601") << 1601 << int(Verdict::RetryLater) << QStringLiteral("retried later");
        QTest::newRow("1605") << 1605 << int(Verdict::NotInstalled) << QStringLiteral("not installed");
        QTest::newRow("1603") << 1603 << int(Verdict::Failed) << QStringLiteral("fatal error");
        QTest::newRow("1602") << 1602 << int(Verdict::Failed) << QStringLiteral("cancelled");
        QTest::newRow("1625") << 1625 << int(Verdict::Failed) << QStringLiteral("policy");
        QTest::newRow("1638") << 1638 << int(Verdict::Failed) << QStringLiteral("another version");
        QTest::newRow("unknown") << 1234 << int(Verdict::Failed) << QStringLiteral("exit code 1234");
        QTest::newRow("crash") << -1 << int(Verdict::Failed) << QStringLiteral("exit code -1");
    }
    void exitCodes()
    {
        QFETCH(int, code);
        QFETCH(int, verdict);
        QFETCH(QString, says);
        const auto result = MsiexecCommand::interpret(code, QStringLiteral("C:\\logs\\msiexec.log"));
        QCOMPARE(int(result.verdict), verdict);
        QVERIFY2(result.message.contains(says), qPrintable(result.message));
        QCOMPARE(result.installed(), code == 0 || code == 3010 || code == 1641);
        if (result.verdict == Verdict::Failed) {
            QVERIFY2(result.message.contains(QStringLiteral("C:\\logs\\msiexec.log")), qPrintable(result.message));
        }
    }
};

QTEST_GUILESS_MAIN(TestMsiexecCommand)
#include "TestMsiexecCommand.moc"
