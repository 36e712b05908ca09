#include "ManualClock.h"
#include "TempDataDir.h"

#include <netgateway/core/InstallProperties.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>
#include <netgateway/uplink/Anonymizer.h>
#include <netgateway/uplink/UplinkService.h>

#include <QFile>
#include <QHash>
#include <QTest>

using namespace netgateway;
using core::InstallProperties;

namespace {

// Stands in for HKLM\SOFTWARE\netgateway\Install.
InstallProperties::Source fakeRegistry(QHash<QString, QString> values)
{
    return [values](const QString &name) -> std::optional<QString> {
        const auto it = values.constFind(name);
        if (it == values.constEnd()) {
            return std::nullopt;
        }
        return *it;
    };
}

class RecordingAudit final : public uplink::AuditSink {
public:
    void record(const QString &action, const QJsonObject &details) override
    {
        actions << action;
        last = details;
    }
    QStringList actions;
    QJsonObject last;
};

QString stateValue(storage::Database &db, const char *key)
{
    storage::Statement st(db, "SELECT value FROM uplink_state WHERE key = ?1");
    st.bind(1, QString::fromLatin1(key));
    return st.step() ? st.text(0) : QString();
}

} // namespace

class TestInstallProperties : public QObject {
    Q_OBJECT
private slots:
    void readsWhatTheMsiWrote()
    {
        QStringList problems;
        const auto p =
            InstallProperties::read(fakeRegistry({{QStringLiteral("UiPort"), QStringLiteral("9443")},
                                                  {QStringLiteral("RelayPort"), QStringLiteral("8082")},
                                                  {QStringLiteral("Anonymize"), QStringLiteral("1")},
                                                  {QStringLiteral("Proxy"), QStringLiteral("proxy.corp:3128")}}),
                                    problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(p.uiPort, std::optional<quint16>(9443));
        QCOMPARE(p.relayPort, std::optional<quint16>(8082));
        QCOMPARE(p.anonymize, std::optional<bool>(true));
        QCOMPARE(p.proxyHost, QStringLiteral("proxy.corp"));
        QCOMPARE(p.proxyPort, quint16(3128));
        QCOMPARE(p.proxy(), QStringLiteral("proxy.corp:3128"));
    }

    void emptyOrMissingValuesAreAbsent()
    {
        QStringList problems;
        // The MSI writes every value, an unset PROXY as an empty string.
        const auto p = InstallProperties::read(fakeRegistry({{QStringLiteral("Proxy"), QString()}}), problems);
        QVERIFY(problems.isEmpty());
        QVERIFY(!p.uiPort && !p.relayPort && !p.anonymize);
        QVERIFY(p.proxyHost.isEmpty());
        QVERIFY(p.msiProperties().isEmpty());
        QVERIFY(InstallProperties::read(InstallProperties::Source{}, problems).msiProperties().isEmpty());
    }

    void invalidValuesAreIgnoredAndNamed_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::newRow("port 0") << QStringLiteral("UiPort") << QStringLiteral("0");
        QTest::newRow("port too big") << QStringLiteral("RelayPort") << QStringLiteral("70000");
        QTest::newRow("port not a number") << QStringLiteral("UiPort") << QStringLiteral("97a7");
        QTest::newRow("anonymize yes") << QStringLiteral("Anonymize") << QStringLiteral("yes");
        QTest::newRow("proxy without port") << QStringLiteral("Proxy") << QStringLiteral("proxy.corp");
        QTest::newRow("proxy with a quote") << QStringLiteral("Proxy") << QStringLiteral("a\"b:80");
        QTest::newRow("proxy with spaces") << QStringLiteral("Proxy") << QStringLiteral("a b:80");
        QTest::newRow("proxy url") << QStringLiteral("Proxy") << QStringLiteral("http://proxy:80");
        QTest::newRow("bare ipv6 proxy") << QStringLiteral("Proxy") << QStringLiteral("fe80::1:80");
        QTest::newRow("overlong") << QStringLiteral("Proxy") << QString(300, QLatin1Char('a')) + QStringLiteral(":80");
        QTest::newRow("proxy with credentials") << QStringLiteral("Proxy") << QStringLiteral("ops:s3cret@proxy:80");
    }
    void invalidValuesAreIgnoredAndNamed()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QStringList problems;
        const auto p = InstallProperties::read(fakeRegistry({{name, value}}), problems);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(name), qPrintable(problems.first()));
        QVERIFY2(!problems.first().contains(QStringLiteral("s3cret")), qPrintable(problems.first())); // never logged
        QVERIFY(p.msiProperties().isEmpty());
    }

    void ipv6ProxyInBrackets()
    {
        QStringList problems;
        const auto p = InstallProperties::read(
            fakeRegistry({{QStringLiteral("Proxy"), QStringLiteral("[fd00::5]:3128")}}), problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(p.proxyHost, QStringLiteral("fd00::5"));
        QCOMPARE(p.proxy(), QStringLiteral("[fd00::5]:3128"));
    }

    // The service's first start takes the anonymization mode and the proxy
    // from the installer; later starts keep what the administrator set since.
    void firstStartAdoptsTheInstallerChoices()
    {
        test::TempDataDir dir;
        const QString dbPath = dir.path() + QStringLiteral("/netgateway.db");
        auto db = storage::Database::open(dbPath);
        storage::Migrations::apply(*db);
        storage::FileKeyStore keys(dir.path() + QStringLiteral("/vault.key"));
        storage::SecretVault vault(*db, keys);
        test::ManualClock clock;
        RecordingAudit audit;
        const auto registry = fakeRegistry({{QStringLiteral("Anonymize"), QStringLiteral("1")},
                                            {QStringLiteral("Proxy"), QStringLiteral("proxy.corp:3128")}});
        {
            uplink::UplinkService service(*db, vault, clock, dbPath, &audit);
            service.setInstallPropertySource(registry);
            service.start();
        }
        QCOMPARE(uplink::AnonymizationMode::stored(*db), std::optional<bool>(true));
        QCOMPARE(stateValue(*db, "proxy_host"), QStringLiteral("proxy.corp"));
        QCOMPARE(stateValue(*db, "proxy_port"), QStringLiteral("3128"));
        QVERIFY(audit.actions.contains(QStringLiteral("uplink.anonymization.chosen")));
        QVERIFY(audit.actions.contains(QStringLiteral("uplink.proxy.install")));

        // The administrator changes the proxy; a restart (or an upgrade that
        // passes the same properties) does not put the installer's back.
        db->exec("UPDATE uplink_state SET value = 'other.corp' WHERE key = 'proxy_host'");
        audit.actions.clear();
        {
            uplink::UplinkService service(*db, vault, clock, dbPath, &audit);
            service.setInstallPropertySource(registry);
            service.start();
        }
        QCOMPARE(stateValue(*db, "proxy_host"), QStringLiteral("other.corp"));
        QVERIFY(!audit.actions.contains(QStringLiteral("uplink.proxy.install")));
        // Same mode requested again: no refused change in the audit log.
        QVERIFY2(audit.actions.isEmpty(), qPrintable(audit.actions.join(QLatin1Char(' '))));
    }

    void withoutInstallerValuesNothingIsSet()
    {
        test::TempDataDir dir;
        const QString dbPath = dir.path() + QStringLiteral("/netgateway.db");
        auto db = storage::Database::open(dbPath);
        storage::Migrations::apply(*db);
        storage::FileKeyStore keys(dir.path() + QStringLiteral("/vault.key"));
        storage::SecretVault vault(*db, keys);
        test::ManualClock clock;
        RecordingAudit audit;
        uplink::UplinkService service(*db, vault, clock, dbPath, &audit);
        service.setInstallPropertySource(fakeRegistry({{QStringLiteral("Proxy"), QString()}}));
        service.start();
        QCOMPARE(uplink::AnonymizationMode::stored(*db), std::optional<bool>(false));
        QVERIFY(stateValue(*db, "proxy_host").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInstallProperties)
#include "TestInstallProperties.moc"
