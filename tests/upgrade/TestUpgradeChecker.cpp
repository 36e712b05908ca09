// The daily upgrade check against the real fleet-cloud-emulator over real TLS:
// manifest and package come through the uplink (CloudPackageFetcher), are
// verified and installed by UpgradeFlow; the installer and the health probe
// are fakes behind their interfaces. Every step lands in the real audit log.
#include "EmulatorProcess.h"
#include "UplinkFixture.h"

#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/upgrade/AuditLogUpgradeAudit.h>
#include <netgateway/upgrade/CloudPackageFetcher.h>
#include <netgateway/upgrade/ManifestSigner.h>
#include <netgateway/upgrade/UpgradeChecker.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace netgateway;
using namespace netgateway::test;
using namespace std::chrono_literals;
using upgrade::UpgradeFlow;
using Outcome = upgrade::UpgradeFlow::Outcome;

namespace {

class FakeInstaller final : public upgrade::InstallerRunner {
public:
    QList<QByteArray> installed;
    bool install(const QString &packageFile, QString &error) override
    {
        QFile f(packageFile);
        if (!f.open(QIODevice::ReadOnly)) {
            error = f.errorString();
            return false;
        }
        installed << f.readAll();
        return true;
    }
};

class FakeProbe final : public upgrade::HealthProbe {
public:
    bool ok = true;
    bool healthy(QString &reason) override
    {
        if (!ok) {
            reason = QStringLiteral("the control channel does not answer");
        }
        return ok;
    }
};

QByteArray randomBytes(int n)
{
    QByteArray b(n, Qt::Uninitialized);
    for (char &c : b) {
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    }
    return b;
}

struct Fixture {
    Fixture() : storage(dir.path()), emu(emuDir.path()), packages(emuDir.filePath(QStringLiteral("packages")))
    {
        QDir().mkpath(packages);
    }

    bool start()
    {
        if (!emu.start({QStringLiteral("--packages-dir"), packages})) {
            return false;
        }
        uplink::UplinkSettings s;
        s.origin = QUrl(emu.origin());
        s.extraCaFile = emu.caFile();
        s.transferTimeoutMs = 10000;
        s.gatewayInfo = [] { return QJsonObject{{QStringLiteral("hostName"), QStringLiteral("gw-test")}}; };
        link = std::make_unique<uplink::Uplink>(*storage.db, *storage.vault, *storage.outbox, clock, sink, s);
        link->start();
        QSignalSpy done(link.get(), &uplink::Uplink::registrationFinished);
        link->registerGateway(QStringLiteral("DEMO-CODE"), QStringLiteral("admin"), QStringLiteral("admin-password"));
        if (!done.wait(15000) || !done.first().at(0).toBool()) {
            return false;
        }
        (void)QTest::qWaitFor([this] { return !link->isBusy(); }, 5000);
        auditLog = std::make_unique<core::audit::AuditLog>(*storage.db, clock);
        audit = std::make_unique<upgrade::AuditLogUpgradeAudit>(*auditLog);
        verifier = std::make_unique<upgrade::ManifestVerifier>(
            QList<upgrade::TrustedKey>{key.trusted()}, clock,
            upgrade::ManifestVerifier::Options{*upgrade::Version::parse(QStringLiteral("1.0.0")),
                                               upgrade::currentPlatform()});
        fetcher = std::make_unique<upgrade::CloudPackageFetcher>([this] { return link.get(); });
        upgrade::UpgradeChecker::Options o;
        o.workDirectory = dir.filePath(QStringLiteral("upgrade"));
        o.runningVersion = *upgrade::Version::parse(QStringLiteral("1.0.0"));
        o.registeredAt = [this] { return link->registeredAt(); };
        checker = std::make_unique<upgrade::UpgradeChecker>(*storage.db, clock, *verifier, *fetcher, installer, probe,
                                                            *audit, o);
        checker->start();
        return true;
    }

    // Offers `package` as `version` with a manifest signed by `signer`.
    void offer(const QString &version, const QByteArray &package, const upgrade::SigningKey &signer,
               const QString &expires = QStringLiteral("2030-01-01T00:00:00Z"))
    {
        const QString name = QStringLiteral("netgateway_%1.deb").arg(version);
        QFile p(QDir(packages).filePath(name));
        QVERIFY(p.open(QIODevice::WriteOnly | QIODevice::Truncate));
        p.write(package);
        p.close();
        upgrade::ManifestContent c;
        c.platform = upgrade::currentPlatform();
        c.version = version;
        c.expires = expires;
        c.packagePath = QStringLiteral("/v1/packages/") + name;
        c.packageSha256Hex = QString::fromLatin1(QCryptographicHash::hash(package, QCryptographicHash::Sha256).toHex());
        c.packageSize = package.size();
        QFile m(QDir(packages).filePath(QStringLiteral("manifest.json")));
        QVERIFY(m.open(QIODevice::WriteOnly | QIODevice::Truncate));
        m.write(upgrade::signManifest(c, signer));
    }

    void overwritePackage(const QString &version, const QByteArray &bytes)
    {
        QFile p(QDir(packages).filePath(QStringLiteral("netgateway_%1.deb").arg(version)));
        QVERIFY(p.open(QIODevice::WriteOnly | QIODevice::Truncate));
        p.write(bytes);
    }

    core::audit::Entry lastUpgradeEntry() const
    {
        core::audit::Query q;
        q.action = QString::fromLatin1(core::audit::action::kUpgrade);
        q.limit = 1000;
        const auto entries = auditLog->query(q);
        core::audit::Entry newest;
        for (const auto &e : entries) {
            if (e.id > newest.id) {
                newest = e;
            }
        }
        return newest;
    }

    QStringList upgradeEvents() const
    {
        core::audit::Query q;
        q.action = QString::fromLatin1(core::audit::action::kUpgrade);
        q.limit = 1000;
        auto entries = auditLog->query(q);
        std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
        QStringList out;
        for (const auto &e : entries) {
            out << e.target.section(QLatin1Char(':'), 0, 0);
        }
        return out;
    }

    TempDataDir dir;
    TempDataDir emuDir;
    GatewayStorage storage;
    ManualClock clock{QDateTime(QDate(2026, 3, 10), QTime(4, 30), Qt::UTC)};
    RecordingAuditSink sink;
    EmulatorProcess emu;
    QString packages;
    upgrade::SigningKey key = upgrade::SigningKey::generate();
    std::unique_ptr<uplink::Uplink> link;
    std::unique_ptr<core::audit::AuditLog> auditLog;
    std::unique_ptr<upgrade::AuditLogUpgradeAudit> audit;
    std::unique_ptr<upgrade::ManifestVerifier> verifier;
    std::unique_ptr<upgrade::CloudPackageFetcher> fetcher;
    FakeInstaller installer;
    FakeProbe probe;
    std::unique_ptr<upgrade::UpgradeChecker> checker;
};

} // namespace

class TestUpgradeChecker : public QObject {
    Q_OBJECT
private slots:
    void dailyCheckInstallsThenFailedHealthRollsBack()
    {
        Fixture f;
        QVERIFY(f.start());
        const QByteArray v9 = randomBytes(200000);
        f.offer(QStringLiteral("9.0.0"), v9, f.key);
        // Default time: the time of day of the registration (04:30), so the first
        // check is tomorrow at 04:30, not now.
        QCOMPARE(f.checker->schedule().timeOfDayUtc.toString(QStringLiteral("HH:mm")), QStringLiteral("04:30"));
        QCOMPARE(f.checker->nextCheck(), QDateTime(QDate(2026, 3, 11), QTime(4, 30), Qt::UTC));
        QSignalSpy checked(f.checker.get(), &upgrade::UpgradeChecker::checked);
        f.clock.advance(23h + 59min);
        QCOMPARE(checked.count(), 0);
        QVERIFY(f.installer.installed.isEmpty());
        f.clock.advance(1min); // 04:30 the next day: due
        QCOMPARE(checked.count(), 1);
        QCOMPARE(checked.first().at(0).value<Outcome>(), Outcome::Installed);
        QCOMPARE(f.installer.installed.size(), 1);
        QCOMPARE(f.installer.installed.first(), v9);
        QCOMPARE(f.checker->stage(), QStringLiteral("probation"));
        f.clock.advance(1min); // health checked while in probation
        QCOMPARE(f.checker->stage(), QStringLiteral("idle"));
        QCOMPARE(checked.last().at(0).value<Outcome>(), Outcome::Completed);
        QCOMPARE(f.upgradeEvents(),
                 (QStringList{QStringLiteral("upgrade.download-started"), QStringLiteral("upgrade.installing"),
                              QStringLiteral("upgrade.installed"), QStringLiteral("upgrade.completed")}));
        QCOMPARE(f.checker->status().value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
        QCOMPARE(f.checker->status().value(QStringLiteral("nextCheckAt")).toString(),
                 QStringLiteral("2026-03-12T04:30:00Z"));

        // The next version never becomes healthy: back to 9.0.0 after the deadline.
        const QByteArray v91 = randomBytes(150000);
        f.offer(QStringLiteral("9.1.0"), v91, f.key);
        f.probe.ok = false;
        QCOMPARE(f.checker->checkNow(), Outcome::Installed);
        QCOMPARE(f.installer.installed.last(), v91);
        f.clock.advance(5min);
        QCOMPARE(f.checker->stage(), QStringLiteral("probation")); // not yet past the deadline
        f.clock.advance(6min);
        QCOMPARE(checked.last().at(0).value<Outcome>(), Outcome::RolledBack);
        QCOMPARE(f.installer.installed.size(), 3);
        QCOMPARE(f.installer.installed.last(), v9);
        QVERIFY(f.upgradeEvents().contains(QStringLiteral("upgrade.rollback")));
        const auto last = f.lastUpgradeEntry();
        QCOMPARE(last.target.section(QLatin1Char(':'), 0, 0), QStringLiteral("upgrade.rolled-back"));
        QCOMPARE(last.result, core::audit::Result::Failure);
        QCOMPARE(core::audit::AuditLog::verify(*f.storage.db).ok, true);
    }

    void refusalsAreAudited_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("tampered package") << "tampered"
                                          << "upgrade.package-refused";
        QTest::newRow("older version") << "older"
                                       << "not-newer";
        QTest::newRow("same version") << "same"
                                      << "not-newer";
        QTest::newRow("expired manifest") << "expired"
                                          << "expired";
        QTest::newRow("unknown key") << "unknown-key"
                                     << "unknown-key";
    }

    void refusalsAreAudited()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        Fixture f;
        QVERIFY(f.start());
        const QByteArray package = randomBytes(50000);
        if (kind == QLatin1String("tampered")) {
            f.offer(QStringLiteral("9.0.0"), package, f.key);
            QByteArray altered = package;
            altered[1000] = static_cast<char>(altered[1000] ^ 0x55); // same size, one byte changed
            f.overwritePackage(QStringLiteral("9.0.0"), altered);
        } else if (kind == QLatin1String("older")) {
            f.offer(QStringLiteral("0.9.0"), package, f.key);
        } else if (kind == QLatin1String("same")) {
            f.offer(QStringLiteral("1.0.0"), package, f.key);
        } else if (kind == QLatin1String("expired")) {
            f.offer(QStringLiteral("9.0.0"), package, f.key, QStringLiteral("2026-03-09T00:00:00Z"));
        } else {
            f.offer(QStringLiteral("9.0.0"), package, upgrade::SigningKey::generate());
        }
        const Outcome outcome = f.checker->checkNow();
        QVERIFY2(outcome == Outcome::Refused, QJsonDocument(f.checker->status()).toJson().constData());
        QVERIFY(f.installer.installed.isEmpty());
        QCOMPARE(f.checker->stage(), QStringLiteral("idle"));
        const auto entry = f.lastUpgradeEntry();
        QVERIFY2(entry.target.contains(expected), qPrintable(entry.target));
        QCOMPARE(entry.result, core::audit::Result::Failure);
        QCOMPARE(f.checker->status().value(QStringLiteral("outcome")).toString(), QStringLiteral("refused"));
    }

    void interruptedDownloadResumesWithRange()
    {
        Fixture f;
        QVERIFY(f.start());
        const QByteArray package = randomBytes(400000);
        f.offer(QStringLiteral("9.0.0"), package, f.key);
        QVERIFY(f.emu.fault(QStringLiteral("cut-download"), 1));
        QCOMPARE(f.checker->checkNow(), Outcome::Interrupted);
        QVERIFY(f.installer.installed.isEmpty());
        const QString partial = f.dir.filePath(QStringLiteral("upgrade/download-9.0.0.pkg"));
        const qint64 half = package.size() / 2;
        QCOMPARE(QFileInfo(partial).size(), half);
        QVERIFY(f.lastUpgradeEntry().target.startsWith(QStringLiteral("upgrade.download-interrupted")));

        QCOMPARE(f.checker->checkNow(), Outcome::Installed);
        QCOMPARE(f.installer.installed.size(), 1);
        QCOMPARE(f.installer.installed.first(), package);
        const QJsonArray events = f.emu.stats().value(QStringLiteral("events")).toArray();
        QVERIFY(events.contains(QStringLiteral("package netgateway_9.0.0.deb from byte %1").arg(half)));
        QVERIFY(f.upgradeEvents().contains(QStringLiteral("upgrade.download-resumed")));
    }
};

QTEST_GUILESS_MAIN(TestUpgradeChecker)
#include "TestUpgradeChecker.moc"
