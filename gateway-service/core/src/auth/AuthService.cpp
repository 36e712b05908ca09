#include <netgateway/core/Clock.h>
#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/auth/AuthService.h>
#include <netgateway/core/auth/Totp.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/SecretVault.h>

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace netgateway::core::auth {

namespace {

QString vaultSetupToken()
{
    return QStringLiteral("console.setup-token");
}
QString vaultTotp(const QString &account)
{
    return QStringLiteral("console.totp.") + account;
}
QString vaultTotpPending(const QString &account)
{
    return QStringLiteral("console.totp-pending.") + account;
}

QString randomToken(int bytes)
{
    QByteArray raw(bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(raw.data()), bytes) != 1) {
        qFatal("the random number generator failed");
    }
    return totp::base32Encode(raw).toLower();
}

bool constantTimeEqual(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size()) {
        return false;
    }
    return CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

} // namespace

AuthService::AuthService(storage::Database &db, storage::SecretVault &vault, audit::AuditLog &audit, const Clock &clock,
                         Options options)
    : m_db(db), m_vault(vault), m_audit(audit), m_clock(clock), m_options(options)
{
}

QString AuthService::ensureInitialised()
{
    storage::Statement ins(m_db, "INSERT OR IGNORE INTO console_accounts(name) VALUES(?1)");
    ins.bind(1, QString::fromLatin1(kAdmin));
    ins.run();
    if (hasPassword(QString::fromLatin1(kAdmin))) {
        m_vault.remove(vaultSetupToken());
        return {};
    }
    if (auto existing = m_vault.get(vaultSetupToken())) {
        return QString::fromLatin1(*existing);
    }
    const QString token = randomToken(20);
    m_vault.put(vaultSetupToken(), token.toLatin1());
    return token;
}

QString AuthService::passwordHash(const QString &account) const
{
    storage::Statement st(m_db, "SELECT password_hash FROM console_accounts WHERE name = ?1");
    st.bind(1, account);
    if (st.step() && !st.isNull(0)) {
        return st.text(0);
    }
    return {};
}

bool AuthService::hasPassword(const QString &account) const
{
    return !passwordHash(account).isEmpty();
}

QString AuthService::setupToken() const
{
    if (hasPassword(QString::fromLatin1(kAdmin))) {
        return {};
    }
    const auto token = m_vault.get(vaultSetupToken());
    return token ? QString::fromLatin1(*token) : QString();
}

qint64 AuthService::lockedUntil(const QString &account, const QString &source) const
{
    storage::Statement st(m_db, "SELECT locked_until FROM console_login_failures WHERE source = ?1 AND account = ?2");
    st.bind(1, source).bind(2, account);
    const qint64 now = m_clock.nowSecs();
    if (!st.step() || st.int64(0) <= now) {
        return 0;
    }
    const qint64 until = st.int64(0);
    const qint64 latest = now + m_options.lockDuration.count();
    if (until <= latest) {
        return until;
    }
    // The wall clock went back since the lock was set (an NTP step, a
    // corrected RTC): the lock is stored in wall-clock seconds so it survives
    // restarts, but it must never last longer than one lock duration, or a
    // step back of a day would lock the administrator out for a day.
    st.reset();
    storage::Statement up(m_db,
                          "UPDATE console_login_failures SET locked_until = ?3 WHERE source = ?1 AND account = ?2");
    up.bind(1, source).bind(2, account).bind(3, latest);
    up.run();
    return latest;
}

void AuthService::recordFailure(const QString &account, const QString &source)
{
    storage::Transaction tx(m_db);
    qint64 failures = 0;
    {
        storage::Statement st(m_db, "SELECT failures FROM console_login_failures WHERE source = ?1 AND account = ?2");
        st.bind(1, source).bind(2, account);
        if (st.step()) {
            failures = st.int64(0);
        }
    }
    ++failures;
    qint64 lockedUntil = 0;
    if (failures >= m_options.maxFailures) {
        lockedUntil = m_clock.nowSecs() + m_options.lockDuration.count();
        failures = 0;
    }
    storage::Statement up(m_db, "INSERT INTO console_login_failures(source, account, failures, locked_until) "
                                "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(source, account) DO UPDATE SET "
                                "failures = excluded.failures, locked_until = excluded.locked_until");
    up.bind(1, source).bind(2, account).bind(3, failures).bind(4, lockedUntil);
    up.run();
    tx.commit();
}

void AuthService::clearFailures(const QString &account, const QString &source)
{
    storage::Statement st(m_db, "DELETE FROM console_login_failures WHERE source = ?1 AND account = ?2");
    st.bind(1, source).bind(2, account);
    st.run();
}

AuthService::LoginResult AuthService::attempt(const QString &account, const QString &source, bool ok,
                                              bool needSecondFactor, const QString &what)
{
    const QString target = QStringLiteral("%1 (%2)").arg(account, what);
    if (ok && !needSecondFactor) {
        clearFailures(account, source);
        m_audit.record(account, source, QString::fromLatin1(audit::action::kLogin), target, audit::Result::Success);
        return {Outcome::Ok, 0};
    }
    if (ok && needSecondFactor) {
        // The password was right: not a failure, but no session either.
        return {Outcome::SecondFactorRequired, 0};
    }
    recordFailure(account, source);
    m_audit.record(account, source, QString::fromLatin1(audit::action::kLogin), target, audit::Result::Failure);
    const qint64 until = lockedUntil(account, source);
    return {until > 0 ? Outcome::Locked : Outcome::BadCredentials, until};
}

AuthService::LoginResult AuthService::login(const QString &userName, const QString &password,
                                            const QString &secondFactor, const QString &source)
{
    // Failures for names that are not accounts share one lock per source, so
    // guessing names cannot fill the table.
    const bool known = userName == QLatin1String(kAdmin) || !passwordHash(userName).isEmpty();
    const QString account = known ? userName : QStringLiteral("(unknown account)");
    if (const qint64 until = lockedUntil(account, source); until > 0) {
        m_audit.record(account, source, QString::fromLatin1(audit::action::kLogin),
                       QStringLiteral("%1 (login refused: locked)").arg(account), audit::Result::Failure);
        return {Outcome::Locked, until};
    }
    const QString stored = passwordHash(account);
    if (account == QLatin1String(kAdmin) && stored.isEmpty()) {
        return {Outcome::NotInitialised, 0};
    }
    // Unknown accounts cost the same as known ones.
    static const QString dummy = hashPassword(QStringLiteral("not a password"), m_options.scrypt);
    const bool passwordOk = verifyPassword(password, stored.isEmpty() ? dummy : stored) && !stored.isEmpty();
    if (passwordOk && totpEnabled(account)) {
        if (secondFactor.isEmpty()) {
            return attempt(account, source, true, true, QStringLiteral("login"));
        }
        return attempt(account, source, checkSecondFactor(account, secondFactor), false,
                       QStringLiteral("login with second factor"));
    }
    return attempt(account, source, passwordOk, false, QStringLiteral("login"));
}

AuthService::LoginResult AuthService::reauthenticate(const QString &account, const QString &password,
                                                     const QString &source)
{
    if (const qint64 until = lockedUntil(account, source); until > 0) {
        return {Outcome::Locked, until};
    }
    const QString stored = passwordHash(account);
    const bool ok = !stored.isEmpty() && verifyPassword(password, stored);
    return attempt(account, source, ok, false, QStringLiteral("re-authentication"));
}

std::optional<PolicyViolation> AuthService::setPassword(const QString &account, const QString &password,
                                                        const QString &actor, const QString &source,
                                                        const QString &auditAction)
{
    QStringList history;
    {
        storage::Statement st(m_db, "SELECT hash FROM console_password_history WHERE account = ?1 "
                                    "ORDER BY id DESC LIMIT ?2");
        st.bind(1, account).bind(2, PasswordPolicy::kHistory);
        while (st.step()) {
            history << st.text(0);
        }
    }
    if (auto violation = PasswordPolicy::check(password, account, history)) {
        m_audit.record(actor, source, auditAction, QStringLiteral("%1 (refused: %2)").arg(account, violation->rule),
                       audit::Result::Failure);
        return violation;
    }
    const QString hash = hashPassword(password, m_options.scrypt);
    if (hash.isEmpty()) {
        throw storage::StorageError(storage::StorageError::Kind::Crypto, QStringLiteral("password hashing failed"));
    }
    storage::Transaction tx(m_db);
    storage::Statement up(m_db,
                          "INSERT INTO console_accounts(name, password_hash, password_changed_at) "
                          "VALUES(?1, ?2, ?3) ON CONFLICT(name) DO UPDATE SET "
                          "password_hash = excluded.password_hash, password_changed_at = excluded.password_changed_at");
    up.bind(1, account).bind(2, hash).bind(3, m_clock.nowSecs());
    up.run();
    storage::Statement hist(m_db, "INSERT INTO console_password_history(account, hash, created_at) VALUES(?1, ?2, ?3)");
    hist.bind(1, account).bind(2, hash).bind(3, m_clock.nowSecs());
    hist.run();
    storage::Statement trim(m_db, "DELETE FROM console_password_history WHERE account = ?1 AND id NOT IN "
                                  "(SELECT id FROM console_password_history WHERE account = ?1 ORDER BY id DESC "
                                  "LIMIT ?2)");
    trim.bind(1, account).bind(2, PasswordPolicy::kHistory);
    trim.run();
    // A new password also lifts the locks on this account.
    storage::Statement unlock(m_db, "DELETE FROM console_login_failures WHERE account = ?1");
    unlock.bind(1, account);
    unlock.run();
    tx.commit();
    m_vault.remove(vaultSetupToken());
    m_audit.record(actor, source, auditAction, account, audit::Result::Success);
    return std::nullopt;
}

AuthService::SetupOutcome AuthService::completeSetup(const QString &token, const QString &password,
                                                     const QString &source, std::optional<PolicyViolation> &violation)
{
    const QString account = QString::fromLatin1(kAdmin);
    if (hasPassword(account)) {
        return SetupOutcome::AlreadySet;
    }
    const QString expected = setupToken();
    if (expected.isEmpty() || !constantTimeEqual(expected.toUtf8(), token.trimmed().toLower().toUtf8())) {
        recordFailure(account, source);
        m_audit.record(QStringLiteral("setup"), source, QString::fromLatin1(audit::action::kPasswordReset),
                       QStringLiteral("%1 (wrong setup token)").arg(account), audit::Result::Failure);
        return SetupOutcome::BadToken;
    }
    violation = setPassword(account, password, QStringLiteral("setup"), source,
                            QString::fromLatin1(audit::action::kPasswordReset));
    return violation ? SetupOutcome::Policy : SetupOutcome::Ok;
}

QByteArray AuthService::recoveryHash(const QString &code)
{
    // Keyed with a random secret from the vault, so a copy of the database
    // alone does not allow guessing the (40-bit) codes offline.
    const QString pepperName = QStringLiteral("console.recovery-key");
    auto key = m_vault.get(pepperName);
    if (!key) {
        key = totp::randomSecret(32);
        m_vault.put(pepperName, *key);
    }
    QString normalised = code.toLower();
    normalised.remove(QLatin1Char('-'));
    normalised.remove(QLatin1Char(' '));
    return QMessageAuthenticationCode::hash(normalised.toUtf8(), *key, QCryptographicHash::Sha256);
}

bool AuthService::totpEnabled(const QString &account) const
{
    storage::Statement st(m_db, "SELECT totp_enabled FROM console_accounts WHERE name = ?1");
    st.bind(1, account);
    return st.step() && st.int64(0) != 0;
}

bool AuthService::checkSecondFactor(const QString &account, const QString &code)
{
    const QString trimmed = code.trimmed();
    if (trimmed.size() == totp::kDigits) {
        const auto secret = m_vault.get(vaultTotp(account));
        if (!secret) {
            return false;
        }
        storage::Statement st(m_db, "SELECT totp_last_step FROM console_accounts WHERE name = ?1");
        st.bind(1, account);
        const qint64 last = st.step() ? st.int64(0) : 0;
        const qint64 step = totp::match(*secret, trimmed, m_clock.nowSecs(), last);
        if (step < 0) {
            return false;
        }
        storage::Statement up(m_db, "UPDATE console_accounts SET totp_last_step = ?2 WHERE name = ?1");
        up.bind(1, account).bind(2, step);
        up.run();
        return true;
    }
    storage::Statement use(m_db, "UPDATE console_recovery_codes SET used_at = ?3 WHERE account = ?1 AND "
                                 "code_hash = ?2 AND used_at IS NULL");
    use.bind(1, account).bind(2, recoveryHash(trimmed)).bind(3, m_clock.nowSecs());
    use.run();
    return m_db.changes() == 1;
}

AuthService::Enrolment AuthService::beginTotp(const QString &account)
{
    const QByteArray secret = totp::randomSecret();
    m_vault.put(vaultTotpPending(account), secret);
    Enrolment e;
    e.secret = totp::base32Encode(secret);
    e.uri = totp::otpauthUri(QStringLiteral("netgateway"), account, secret);
    e.qrSvg = totp::qrSvg(e.uri);
    return e;
}

QStringList AuthService::confirmTotp(const QString &account, const QString &code, const QString &source)
{
    const auto pending = m_vault.get(vaultTotpPending(account));
    const qint64 step = pending ? totp::match(*pending, code.trimmed(), m_clock.nowSecs(), 0) : -1;
    if (step < 0) {
        m_audit.record(account, source, QString::fromLatin1(audit::action::kTwoFactor),
                       QStringLiteral("%1 (enable: wrong code)").arg(account), audit::Result::Failure);
        return {};
    }
    m_vault.put(vaultTotp(account), *pending);
    m_vault.remove(vaultTotpPending(account));
    storage::Transaction tx(m_db);
    storage::Statement up(m_db, "UPDATE console_accounts SET totp_enabled = 1, totp_last_step = ?2 WHERE name = ?1");
    up.bind(1, account).bind(2, step);
    up.run();
    storage::Statement del(m_db, "DELETE FROM console_recovery_codes WHERE account = ?1");
    del.bind(1, account);
    del.run();
    QStringList codes;
    for (int i = 0; i < 10; ++i) {
        const QString raw = randomToken(5); // 40 bits, 8 characters
        const QString formatted = raw.left(4) + QLatin1Char('-') + raw.mid(4, 4);
        storage::Statement ins(m_db, "INSERT INTO console_recovery_codes(account, code_hash) VALUES(?1, ?2)");
        ins.bind(1, account).bind(2, recoveryHash(formatted));
        ins.run();
        codes << formatted;
    }
    tx.commit();
    m_audit.record(account, source, QString::fromLatin1(audit::action::kTwoFactor),
                   QStringLiteral("%1 (enable)").arg(account), audit::Result::Success);
    return codes;
}

void AuthService::disableTotp(const QString &account, const QString &source)
{
    storage::Statement up(m_db, "UPDATE console_accounts SET totp_enabled = 0 WHERE name = ?1");
    up.bind(1, account);
    up.run();
    m_vault.remove(vaultTotp(account));
    m_audit.record(account, source, QString::fromLatin1(audit::action::kTwoFactor),
                   QStringLiteral("%1 (disable)").arg(account), audit::Result::Success);
}

} // namespace netgateway::core::auth
