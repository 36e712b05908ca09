#include "ManualClock.h"

#include <netgateway/upgrade/ManifestSigner.h>
#include <netgateway/upgrade/UpgradeFlow.h>

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace netgateway;
using upgrade::UpgradeFlow;
using Outcome = UpgradeFlow::Outcome;

namespace {

// Serves `package` from memory; can stop after a number of bytes (an
// interrupted download) and resumes from what is on disk, as the real fetcher does.
class FakeFetcher final : public upgrade::PackageFetcher {
public:
    QByteArray package;
    qint64 failAfterBytes = -1;
    QList<qint64> resumedFrom;

    bool fetch(const upgrade::Manifest &, const QString &destination, QString &error) override
    {
        QFile file(destination);
        if (!file.open(QIODevice::Append)) {
            error = file.errorString();
            return false;
        }
        const qint64 from = file.size();
        resumedFrom.append(from);
        qint64 end = package.size();
        if (failAfterBytes >= 0 && from + failAfterBytes < end) {
            end = from + failAfterBytes;
            file.write(package.mid(from, end - from));
            error = QStringLiteral("connection reset");
            return false;
        }
        file.write(package.mid(from));
        return true;
    }
};

class FakeInstaller final : public upgrade::InstallerRunner {
public:
    QList<QByteArray> installed; // contents of each package installed
    bool fail = false;
    bool install(const QString &packageFile, QString &error) override
    {
        if (fail) {
            error = QStringLiteral("installer exited with 1603");
            return false;
        }
        QFile f(packageFile);
        if (!f.open(QIODevice::ReadOnly)) {
            error = f.errorString();
            return false;
        }
        installed.append(f.readAll());
        return true;
    }
};

class FakeProbe final : public upgrade::HealthProbe {
public:
    bool ok = true;
    int calls = 0;
    bool healthy(QString &reason) override
    {
        ++calls;
        if (!ok) {
            reason = QStringLiteral("control channel does not answer");
        }
        return ok;
    }
};

class RecordingAudit final : public upgrade::UpgradeAudit {
public:
    QStringList events;
    QStringList details;
    void record(const QString &event, const QString &detail) override
    {
        events.append(event);
        details.append(detail);
    }
};

} // namespace

class TestUpgradeFlow : public QObject {
    Q_OBJECT
private:
    upgrade::SigningKey m_key = upgrade::SigningKey::generate();
    test::ManualClock m_clock;
    QTemporaryDir m_dir;
    FakeFetcher m_fetcher;
    FakeInstaller m_installer;
    FakeProbe m_probe;
    RecordingAudit m_audit;
    std::unique_ptr<upgrade::ManifestVerifier> m_verifier;

    QByteArray manifestFor(const QByteArray &package, const QString &version)
    {
        upgrade::ManifestContent c;
        c.platform = QStringLiteral("linux-amd64");
        c.version = version;
        c.expires = QStringLiteral("2026-06-01T00:00:00Z");
        c.packagePath = QStringLiteral("/packages/p.deb");
        c.packageSha256Hex = QString::fromLatin1(QCryptographicHash::hash(package, QCryptographicHash::Sha256).toHex());
        c.packageSize = package.size();
        return upgrade::signManifest(c, m_key);
    }
    std::unique_ptr<UpgradeFlow> flow()
    {
        return std::make_unique<UpgradeFlow>(*m_verifier, m_fetcher, m_installer, m_probe, m_audit, m_clock,
                                             UpgradeFlow::Options{m_dir.path(), std::chrono::minutes(10), QString()});
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QDir(m_dir.path()).removeRecursively();
        QVERIFY(QDir().mkpath(m_dir.path()));
        m_verifier = std::make_unique<upgrade::ManifestVerifier>(
            QList<upgrade::TrustedKey>{m_key.trusted()}, m_clock,
            upgrade::ManifestVerifier::Options{{1, 0, 0}, QStringLiteral("linux-amd64")});
        m_fetcher = FakeFetcher();
        m_installer = FakeInstaller();
        m_probe = FakeProbe();
        m_audit = RecordingAudit();
        m_clock.setWallClock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
    }

    void happyPathSurvivesTheRestart()
    {
        m_fetcher.package = QByteArray("version 1.1.0 package ").repeated(50);
        QCOMPARE(flow()->offer(manifestFor(m_fetcher.package, QStringLiteral("1.1.0"))), Outcome::Installed);
        QCOMPARE(m_installer.installed, QList<QByteArray>{m_fetcher.package});
        // The installer restarted the service: a new process resumes the flow.
        auto restarted = flow();
        QCOMPARE(restarted->stage(), QStringLiteral("probation"));
        QCOMPARE(restarted->resume(), Outcome::Completed);
        QCOMPARE(restarted->stage(), QStringLiteral("idle"));
        QCOMPARE(m_audit.events,
                 (QStringList{QStringLiteral("upgrade.download-started"), QStringLiteral("upgrade.installing"),
                              QStringLiteral("upgrade.installed"), QStringLiteral("upgrade.probation"),
                              QStringLiteral("upgrade.completed")}));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("rollback.pkg"))));
    }

    // The daemon's flow: the privileged installer is another process. Until
    // it has replaced this process by the new version, nothing passes
    // probation; if it never does (it refused the package), the upgrade is
    // given up without a rollback.
    void probationWaitsForTheNewVersionAndGivesUpWithoutRollback()
    {
        m_fetcher.package = QByteArray("version 1.1.0 package ").repeated(50);
        auto options = UpgradeFlow::Options{m_dir.path(), std::chrono::minutes(10), QStringLiteral("1.0.0")};
        UpgradeFlow old(*m_verifier, m_fetcher, m_installer, m_probe, m_audit, m_clock, options);
        QCOMPARE(old.offer(manifestFor(m_fetcher.package, QStringLiteral("1.1.0"))), Outcome::Installed);
        // Version 1.0.0 still runs and is healthy: that is no proof of 1.1.0.
        QCOMPARE(old.checkHealth(), Outcome::Pending);
        QCOMPARE(m_probe.calls, 0);
        m_clock.advance(std::chrono::minutes(11));
        QCOMPARE(old.checkHealth(), Outcome::InstallFailed);
        QCOMPARE(old.stage(), QStringLiteral("idle"));
        QCOMPARE(m_audit.events.last(), QStringLiteral("upgrade.install-failed"));
        QVERIFY2(m_audit.details.last().contains(QStringLiteral("version 1.0.0 keeps running")),
                 qPrintable(m_audit.details.last()));
        // No rollback was asked for: the installer saw only the upgrade.
        QCOMPARE(m_installer.installed.size(), 1);
        QVERIFY(!m_audit.events.contains(QStringLiteral("upgrade.rollback")));
    }

    void probationPassesInTheNewVersion()
    {
        m_fetcher.package = QByteArray("version 1.1.0 package ").repeated(50);
        {
            UpgradeFlow old(*m_verifier, m_fetcher, m_installer, m_probe, m_audit, m_clock,
                            UpgradeFlow::Options{m_dir.path(), std::chrono::minutes(10), QStringLiteral("1.0.0")});
            QCOMPARE(old.offer(manifestFor(m_fetcher.package, QStringLiteral("1.1.0"))), Outcome::Installed);
        }
        UpgradeFlow restarted(*m_verifier, m_fetcher, m_installer, m_probe, m_audit, m_clock,
                              UpgradeFlow::Options{m_dir.path(), std::chrono::minutes(10), QStringLiteral("1.1.0")});
        QCOMPARE(restarted.resume(), Outcome::Completed);
        QCOMPARE(m_probe.calls, 1);
    }

    void interruptedDownloadResumes()
    {
        m_fetcher.package = QByteArray("0123456789").repeated(100);
        m_fetcher.failAfterBytes = 300;
        const QByteArray manifest = manifestFor(m_fetcher.package, QStringLiteral("1.1.0"));
        QCOMPARE(flow()->offer(manifest), Outcome::Interrupted);
        QCOMPARE(m_audit.events.last(), QStringLiteral("upgrade.download-interrupted"));
        QCOMPARE(flow()->offer(manifest), Outcome::Interrupted);
        m_fetcher.failAfterBytes = -1;
        QCOMPARE(flow()->offer(manifest), Outcome::Installed);
        QCOMPARE(m_fetcher.resumedFrom, (QList<qint64>{0, 300, 600}));
        QCOMPARE(m_installer.installed, QList<QByteArray>{m_fetcher.package});
        QVERIFY(m_audit.events.contains(QStringLiteral("upgrade.download-resumed")));
    }

    void tamperedPackageIsRefusedAndNotInstalled()
    {
        const QByteArray genuine = QByteArray("genuine package ").repeated(20);
        m_fetcher.package = genuine;
        m_fetcher.package[5] = 'X';
        QCOMPARE(flow()->offer(manifestFor(genuine, QStringLiteral("1.1.0"))), Outcome::Refused);
        QVERIFY(m_installer.installed.isEmpty());
        QCOMPARE(m_audit.events.last(), QStringLiteral("upgrade.package-refused"));
        QVERIFY2(m_audit.details.last().contains(QStringLiteral("SHA-256")), qPrintable(m_audit.details.last()));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("download-1.1.0.pkg"))));
    }

    void refusedManifestsAreAudited_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("strangerKey");
        QTest::addColumn<int>("daysLater");
        QTest::addColumn<QString>("reason");
        QTest::newRow("older") << QStringLiteral("0.9.0") << false << 0 << QStringLiteral("not-newer");
        QTest::newRow("same") << QStringLiteral("1.0.0") << false << 0 << QStringLiteral("not-newer");
        QTest::newRow("expired") << QStringLiteral("1.1.0") << false << 200 << QStringLiteral("expired");
        QTest::newRow("unknown key") << QStringLiteral("1.1.0") << true << 0 << QStringLiteral("unknown-key");
    }
    void refusedManifestsAreAudited()
    {
        QFETCH(QString, version);
        QFETCH(bool, strangerKey);
        QFETCH(int, daysLater);
        QFETCH(QString, reason);
        m_fetcher.package = QByteArray("p");
        QByteArray manifest = manifestFor(m_fetcher.package, version);
        if (strangerKey) {
            const auto stranger = upgrade::SigningKey::generate();
            manifest =
                upgrade::signPayload(upgrade::payloadJson({QStringLiteral("netgateway"), QStringLiteral("linux-amd64"),
                                                           version, QStringLiteral("2026-06-01T00:00:00Z"),
                                                           QStringLiteral("/p"), QString(64, QLatin1Char('a')), 1},
                                                          stranger.keyId),
                                     stranger);
        }
        m_clock.advance(std::chrono::hours(24 * daysLater));
        QCOMPARE(flow()->offer(manifest), Outcome::Refused);
        QCOMPARE(m_audit.events, QStringList{QStringLiteral("upgrade.manifest-refused")});
        QVERIFY2(m_audit.details.first().startsWith(reason + QStringLiteral(": ")),
                 qPrintable(m_audit.details.first()));
        QVERIFY(m_fetcher.resumedFrom.isEmpty()); // nothing downloaded
        QVERIFY(m_installer.installed.isEmpty());
    }

    void failingHealthCheckRollsBack()
    {
        // 1.1.0 installs and is healthy: it becomes the rollback package.
        const QByteArray good = QByteArray("good 1.1.0 ").repeated(30);
        m_fetcher.package = good;
        QCOMPARE(flow()->offer(manifestFor(good, QStringLiteral("1.1.0"))), Outcome::Installed);
        QCOMPARE(flow()->resume(), Outcome::Completed);

        // 1.2.0 installs but never becomes healthy.
        m_verifier = std::make_unique<upgrade::ManifestVerifier>(
            QList<upgrade::TrustedKey>{m_key.trusted()}, m_clock,
            upgrade::ManifestVerifier::Options{{1, 1, 0}, QStringLiteral("linux-amd64")});
        const QByteArray bad = QByteArray("bad 1.2.0 ").repeated(30);
        m_fetcher.package = bad;
        QCOMPARE(flow()->offer(manifestFor(bad, QStringLiteral("1.2.0"))), Outcome::Installed);
        m_probe.ok = false;
        auto restarted = flow();
        QCOMPARE(restarted->resume(), Outcome::Pending);
        m_clock.advance(std::chrono::minutes(9));
        QCOMPARE(restarted->checkHealth(), Outcome::Pending);
        m_clock.advance(std::chrono::minutes(1));
        QCOMPARE(restarted->checkHealth(), Outcome::RolledBack);
        QCOMPARE(m_installer.installed, (QList<QByteArray>{good, bad, good}));
        QVERIFY(m_audit.events.contains(QStringLiteral("upgrade.rollback")));
        QCOMPARE(m_audit.events.last(), QStringLiteral("upgrade.rolled-back"));
        QCOMPARE(restarted->stage(), QStringLiteral("idle"));
        QCOMPARE(restarted->checkHealth(), Outcome::Idle);
    }

    void rollbackRefusesAnAlteredPreviousPackage()
    {
        const QByteArray good = QByteArray("good ").repeated(30);
        m_fetcher.package = good;
        QCOMPARE(flow()->offer(manifestFor(good, QStringLiteral("1.1.0"))), Outcome::Installed);
        QCOMPARE(flow()->resume(), Outcome::Completed);
        QFile kept(m_dir.filePath(QStringLiteral("rollback.pkg")));
        QVERIFY(kept.open(QIODevice::Append));
        kept.write("tampered");
        kept.close();
        m_verifier = std::make_unique<upgrade::ManifestVerifier>(
            QList<upgrade::TrustedKey>{m_key.trusted()}, m_clock,
            upgrade::ManifestVerifier::Options{{1, 1, 0}, QStringLiteral("linux-amd64")});
        m_fetcher.package = QByteArray("bad ").repeated(30);
        QCOMPARE(flow()->offer(manifestFor(m_fetcher.package, QStringLiteral("1.2.0"))), Outcome::Installed);
        m_probe.ok = false;
        m_clock.advance(std::chrono::minutes(11));
        QCOMPARE(flow()->resume(), Outcome::RollbackFailed);
        QVERIFY2(m_audit.details.last().contains(QStringLiteral("altered")), qPrintable(m_audit.details.last()));
        QCOMPARE(m_installer.installed.size(), 2);
    }

    void failedInstallKeepsTheRunningVersion()
    {
        m_fetcher.package = QByteArray("pkg");
        m_installer.fail = true;
        QCOMPARE(flow()->offer(manifestFor(m_fetcher.package, QStringLiteral("1.1.0"))), Outcome::InstallFailed);
        QCOMPARE(m_audit.events.last(), QStringLiteral("upgrade.install-failed"));
        QCOMPARE(flow()->stage(), QStringLiteral("idle"));
        QCOMPARE(flow()->resume(), Outcome::Idle);
    }

    void corruptStateFileIsNotTrusted()
    {
        QFile state(m_dir.filePath(QStringLiteral("upgrade-state.json")));
        QVERIFY(state.open(QIODevice::WriteOnly));
        state.write("{\"stage\": \"format-c\"}");
        state.close();
        auto f = flow();
        QCOMPARE(f->stage(), QStringLiteral("idle"));
        QCOMPARE(m_audit.events, QStringList{QStringLiteral("upgrade.state-unreadable")});
        QCOMPARE(f->resume(), Outcome::Idle);
    }
};

QTEST_GUILESS_MAIN(TestUpgradeFlow)
#include "TestUpgradeFlow.moc"
