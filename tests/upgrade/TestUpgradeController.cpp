// GET /api/v1/upgrade and PUT /api/v1/upgrade/settings on the real console
// over TLS: the schedule's default time comes from the registration, the
// administrator's changes need the password and are audited, and the daily
// check's last step is visible.
#include "ConsoleFixture.h"

#include <netgateway/storage/Database.h>
#include <netgateway/upgrade/AuditLogUpgradeAudit.h>
#include <netgateway/upgrade/CloudPackageFetcher.h>
#include <netgateway/upgrade/UpgradeChecker.h>

#include <QJsonDocument>
#include <QTest>

using namespace netgateway;
using namespace netgateway::test;

namespace {

class NoInstaller final : public upgrade::InstallerRunner {
public:
    bool install(const QString &, QString &error) override
    {
        error = QStringLiteral("not in this test");
        return false;
    }
};

class NoProbe final : public upgrade::HealthProbe {
public:
    bool healthy(QString &) override { return true; }
};

QByteArray body(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestUpgradeController : public QObject {
    Q_OBJECT
private slots:
    void statusAndSettings()
    {
        ManualClock clock(QDateTime(QDate(2026, 3, 10), QTime(8, 0), Qt::UTC));
        ConsoleFixture fx(clock);
        QVERIFY(fx.start());
        fx.setAdminPassword();
        HttpsClient client = fx.client();
        QCOMPARE(client.login(QStringLiteral("admin"), QString::fromLatin1(ConsoleFixture::kPassword)).status, 200);

        HttpResponse r = client.get("/api/v1/upgrade");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("enabled")).toBool(), true);
        QCOMPARE(r.json().value(QStringLiteral("timeSource")).toString(), QStringLiteral("none: not registered yet"));

        // Registered at 04:30:12: that is the default time of the daily check.
        storage::Database &db = *fx.service().database();
        storage::Statement st(db, "INSERT INTO uplink_state(key, value, updated_at) VALUES('registered_at', "
                                  "'2026-03-09T04:30:12Z', 0)");
        st.run();
        r = client.get("/api/v1/upgrade");
        QCOMPARE(r.json().value(QStringLiteral("timeOfDayUtc")).toString(), QStringLiteral("04:30"));
        QCOMPARE(r.json().value(QStringLiteral("timeSource")).toString(), QStringLiteral("registration"));

        // Changing it is a security setting: password required, audited.
        r = client.send("PUT", "/api/v1/upgrade/settings",
                        body({{QStringLiteral("password"), QStringLiteral("Wrong-Guess-1234")},
                              {QStringLiteral("enabled"), false}}),
                        {});
        QCOMPARE(r.status, 401);
        r = client.send("PUT", "/api/v1/upgrade/settings",
                        body({{QStringLiteral("password"), QString::fromLatin1(ConsoleFixture::kPassword)},
                              {QStringLiteral("timeOfDayUtc"), QStringLiteral("25:00")}}),
                        {});
        QCOMPARE(r.status, 400);
        r = client.send("PUT", "/api/v1/upgrade/settings",
                        body({{QStringLiteral("password"), QString::fromLatin1(ConsoleFixture::kPassword)},
                              {QStringLiteral("enabled"), false},
                              {QStringLiteral("timeOfDayUtc"), QStringLiteral("03:15")}}),
                        {});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("enabled")).toBool(), false);
        QCOMPARE(r.json().value(QStringLiteral("timeOfDayUtc")).toString(), QStringLiteral("03:15"));
        QCOMPARE(r.json().value(QStringLiteral("timeSource")).toString(), QStringLiteral("administrator"));
        const auto changes = fx.audit(QString::fromLatin1(core::audit::action::kSecuritySettings));
        QVERIFY(!changes.isEmpty());
        QCOMPARE(changes.first().target, QStringLiteral("autoUpgrade=off, upgradeTimeUtc=03:15"));

        // The checker follows the same settings and its last step shows up.
        upgrade::ManifestVerifier verifier({}, clock, {*upgrade::Version::parse(QStringLiteral("1.0.0")), {}});
        upgrade::CloudPackageFetcher fetcher([] { return nullptr; });
        NoInstaller installer;
        NoProbe probe;
        upgrade::AuditLogUpgradeAudit audit(fx.console().auditLog());
        upgrade::UpgradeChecker::Options o;
        o.workDirectory = fx.dir().filePath(QStringLiteral("upgrade-work"));
        o.runningVersion = *upgrade::Version::parse(QStringLiteral("1.0.0"));
        upgrade::UpgradeChecker checker(db, clock, verifier, fetcher, installer, probe, audit, o);
        checker.start();
        QCOMPARE(checker.schedule().enabled, false);
        QCOMPARE(checker.schedule().timeOfDayUtc, QTime(3, 15));
        QCOMPARE(checker.checkNow(), upgrade::UpgradeFlow::Outcome::Interrupted);
        r = client.get("/api/v1/upgrade");
        const QJsonObject last = r.json().value(QStringLiteral("last")).toObject();
        QCOMPARE(last.value(QStringLiteral("outcome")).toString(), QStringLiteral("interrupted"));
        QCOMPARE(last.value(QStringLiteral("message")).toString(), QStringLiteral("no cloud origin is configured"));
        QVERIFY(!r.json().value(QStringLiteral("lastCheckAt")).toString().isEmpty());
        const auto steps = fx.audit(QString::fromLatin1(core::audit::action::kUpgrade));
        QVERIFY(!steps.isEmpty());
        QCOMPARE(steps.first().target, QStringLiteral("upgrade.check-failed: no cloud origin is configured"));
        QCOMPARE(steps.first().result, core::audit::Result::Failure);
    }
};

QTEST_GUILESS_MAIN(TestUpgradeController)
#include "TestUpgradeController.moc"
