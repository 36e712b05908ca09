// The wall clock jumps (an NTP step, a corrected RTC, a VM resumed after days)
// while the real console services run on the injectable clock: sessions expire
// on elapsed time, not on the wall clock; a lockout never lasts longer than one
// lock duration however far the clock goes back; TOTP codes are never accepted
// twice, and recovery codes still let the administrator in. (The poll
// scheduler's behaviour is TestPollScheduler::clockJumpsNeitherBurstNorStall.)
#include "ManualClock.h"
#include "TempDataDir.h"

#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/auth/AuthService.h>
#include <netgateway/core/auth/SessionManager.h>
#include <netgateway/core/auth/Totp.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>

#include <QTest>

using namespace netgateway;
using namespace netgateway::test;
using namespace std::chrono_literals;
using core::auth::AuthService;

namespace {

const QString kPassword = QStringLiteral("Lantern-Quartz-Meadow-42");
const QString kSource = QStringLiteral("192.0.2.7");

struct Console {
    explicit Console(const QString &dir)
        : db(storage::Database::open(dir + QStringLiteral("/netgateway.db"))), keys(dir + QStringLiteral("/vault.key"))
    {
        storage::Migrations::apply(*db);
        vault = std::make_unique<storage::SecretVault>(*db, keys);
        audit = std::make_unique<core::audit::AuditLog>(*db, clock);
        AuthService::Options options;
        options.failureDelay = 0ms;
        options.scrypt = core::auth::ScryptParams{10, 8, 1};
        auth = std::make_unique<AuthService>(*db, *vault, *audit, clock, options);
        sessions = std::make_unique<core::auth::SessionManager>(clock, *audit);
        const QString token = auth->ensureInitialised();
        std::optional<core::auth::PolicyViolation> violation;
        setup = auth->completeSetup(token, kPassword, kSource, violation);
    }

    ManualClock clock;
    std::unique_ptr<storage::Database> db;
    storage::FileKeyStore keys;
    std::unique_ptr<storage::SecretVault> vault;
    std::unique_ptr<core::audit::AuditLog> audit;
    std::unique_ptr<AuthService> auth;
    std::unique_ptr<core::auth::SessionManager> sessions;
    AuthService::SetupOutcome setup = AuthService::SetupOutcome::BadToken;
};

} // namespace

class TestClockJumps : public QObject {
    Q_OBJECT
private slots:
    void sessionsExpireOnElapsedTimeNotOnTheWallClock()
    {
        TempDataDir dir;
        Console c(dir.path());
        QCOMPARE(c.setup, AuthService::SetupOutcome::Ok);
        c.sessions->setInactivityTimeout(15min);
        const QString cookie = c.sessions->create(QStringLiteral("admin"), kSource);
        // Ten days forward and back on the wall clock: nothing elapsed.
        c.clock.setWallClock(c.clock.nowUtc().addDays(10));
        QVERIFY(c.sessions->touch(cookie) != nullptr);
        c.clock.setWallClock(c.clock.nowUtc().addDays(-20));
        QVERIFY(c.sessions->touch(cookie) != nullptr);
        // Real inactivity still ends it, exactly at the timeout.
        c.clock.advance(15min - 1s);
        QVERIFY(c.sessions->touch(cookie) != nullptr);
        c.clock.advance(15min);
        QVERIFY(c.sessions->touch(cookie) == nullptr);
        // And the absolute lifetime holds however the wall clock moves.
        const QString other = c.sessions->create(QStringLiteral("admin"), kSource);
        for (int i = 0; i < 200; ++i) {
            c.clock.advance(14min);
            c.clock.setWallClock(c.clock.nowUtc().addSecs(i % 2 ? -86400 : 86400));
            if (c.sessions->touch(other) == nullptr) {
                QVERIFY(std::chrono::minutes(14 * (i + 1)) >= core::auth::SessionManager::kAbsoluteLifetime);
                return;
            }
        }
        QFAIL("the session outlived its absolute lifetime");
    }

    void lockoutLastsOneLockDurationAfterTheClockGoesBack()
    {
        TempDataDir dir;
        Console c(dir.path());
        QCOMPARE(c.setup, AuthService::SetupOutcome::Ok);
        const auto lock = c.auth->options().lockDuration;
        for (int i = 0; i < c.auth->options().maxFailures; ++i) {
            c.auth->login(QStringLiteral("admin"), QStringLiteral("wrong"), {}, kSource);
        }
        QCOMPARE(c.auth->login(QStringLiteral("admin"), kPassword, {}, kSource).outcome, AuthService::Outcome::Locked);
        // The wall clock is stepped back a whole day: the lock must not now
        // last a day and a half hour.
        c.clock.setWallClock(c.clock.nowUtc().addDays(-1));
        QCOMPARE(c.auth->login(QStringLiteral("admin"), kPassword, {}, kSource).outcome, AuthService::Outcome::Locked);
        QVERIFY(c.auth->lockedUntil(QStringLiteral("admin"), kSource) <= c.clock.nowSecs() + lock.count());
        c.clock.advance(lock);
        QCOMPARE(c.auth->login(QStringLiteral("admin"), kPassword, {}, kSource).outcome, AuthService::Outcome::Ok);

        // A forward jump ends a lock early at worst; it never locks anyone out.
        for (int i = 0; i < c.auth->options().maxFailures; ++i) {
            c.auth->login(QStringLiteral("admin"), QStringLiteral("wrong"), {}, kSource);
        }
        c.clock.setWallClock(c.clock.nowUtc().addDays(30));
        QCOMPARE(c.auth->login(QStringLiteral("admin"), kPassword, {}, kSource).outcome, AuthService::Outcome::Ok);
        // Other addresses were never affected.
        QCOMPARE(c.auth->lockedUntil(QStringLiteral("admin"), QStringLiteral("192.0.2.8")), qint64(0));
    }

    void totpCodesAreNotReplayedAfterTheClockGoesBack()
    {
        TempDataDir dir;
        Console c(dir.path());
        QCOMPARE(c.setup, AuthService::SetupOutcome::Ok);
        const auto enrolment = c.auth->beginTotp(QStringLiteral("admin"));
        const QByteArray secret = core::auth::totp::base32Decode(enrolment.secret);
        const auto codeNow = [&] {
            return core::auth::totp::code(secret, core::auth::totp::stepAt(c.clock.nowSecs()));
        };
        const QStringList recovery = c.auth->confirmTotp(QStringLiteral("admin"), codeNow(), kSource);
        QCOMPARE(recovery.size(), 10);
        c.clock.advance(60s);
        const QString used = codeNow();
        QCOMPARE(c.auth->login(QStringLiteral("admin"), kPassword, used, kSource).outcome, AuthService::Outcome::Ok);
        // The clock goes back 90 s and forward again: the used code (and the
        // ones before it) are not accepted a second time.
        c.clock.setWallClock(c.clock.nowUtc().addSecs(-90));
        QCOMPARE(c.auth->login(QStringLiteral("admin"), kPassword, codeNow(), kSource).outcome,
                 AuthService::Outcome::BadCredentials);
        c.clock.setWallClock(c.clock.nowUtc().addSecs(90));
        QVERIFY(c.auth->login(QStringLiteral("admin"), kPassword, used, kSource).outcome != AuthService::Outcome::Ok);
        // A recovery code still lets the administrator in (lock permitting).
        c.clock.advance(c.auth->options().lockDuration);
        QCOMPARE(c.auth->login(QStringLiteral("admin"), kPassword, recovery.first(), kSource).outcome,
                 AuthService::Outcome::Ok);
        // After the clock caught up, fresh codes work again.
        c.clock.advance(60s);
        QCOMPARE(c.auth->login(QStringLiteral("admin"), kPassword, codeNow(), kSource).outcome,
                 AuthService::Outcome::Ok);
    }
};

QTEST_GUILESS_MAIN(TestClockJumps)
#include "TestClockJumps.moc"
