#pragma once

#include <netgateway/core/auth/Password.h>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace netgateway::storage {
class Database;
class SecretVault;
} // namespace netgateway::storage

namespace netgateway::core {
class Clock;
namespace audit {
class AuditLog;
}
} // namespace netgateway::core

namespace netgateway::core::auth {

// The local administrator account: first password through a one-time setup
// token, login with lockout per (source address, account), password changes
// under the policy, and optional TOTP with recovery codes.
class AuthService {
public:
    static constexpr char kAdmin[] = "admin";

    struct Options {
        int maxFailures = 3;
        std::chrono::seconds lockDuration{30 * 60};
        // Every failed attempt is answered after this delay (the HTTP layer
        // waits without blocking other clients). Tests set it to zero.
        std::chrono::milliseconds failureDelay{1000};
        ScryptParams scrypt;
    };

    enum class Outcome { Ok, BadCredentials, Locked, SecondFactorRequired, NotInitialised };
    struct LoginResult {
        Outcome outcome = Outcome::BadCredentials;
        qint64 lockedUntil = 0; // unix seconds, for Locked
    };

    struct Enrolment {
        QString secret; // base32, for manual entry
        QString uri;    // otpauth://
        QByteArray qrSvg;
    };

    AuthService(storage::Database &db, storage::SecretVault &vault, audit::AuditLog &audit, const Clock &clock,
                Options options);

    [[nodiscard]] const Options &options() const { return m_options; }

    // Creates the administrator account on first start. When it has no
    // password yet, makes sure a setup token exists and returns it (empty
    // otherwise) so the caller can show it on the machine.
    QString ensureInitialised();
    [[nodiscard]] bool hasPassword(const QString &account) const;
    // The pending setup token, or empty once a password is set.
    [[nodiscard]] QString setupToken() const;

    // Checks credentials and the lock for (source, account); records the
    // attempt in the audit log. `secondFactor` is a TOTP code or a recovery code.
    LoginResult login(const QString &account, const QString &password, const QString &secondFactor,
                      const QString &source);
    // Re-authentication before sensitive changes; counts towards the lock.
    LoginResult reauthenticate(const QString &account, const QString &password, const QString &source);
    [[nodiscard]] qint64 lockedUntil(const QString &account, const QString &source) const;

    // Sets a new password after the policy check. Returns the violation, if any.
    std::optional<PolicyViolation> setPassword(const QString &account, const QString &password, const QString &actor,
                                               const QString &source, const QString &auditAction);
    // First password through the setup token (compared in constant time).
    enum class SetupOutcome { Ok, BadToken, AlreadySet, Policy };
    SetupOutcome completeSetup(const QString &token, const QString &password, const QString &source,
                               std::optional<PolicyViolation> &violation);

    [[nodiscard]] bool totpEnabled(const QString &account) const;
    Enrolment beginTotp(const QString &account);
    // Enables TOTP when `code` matches the pending secret; returns the ten
    // single-use recovery codes (shown once), or an empty list.
    QStringList confirmTotp(const QString &account, const QString &code, const QString &source);
    void disableTotp(const QString &account, const QString &source);

private:
    bool checkSecondFactor(const QString &account, const QString &code);
    QByteArray recoveryHash(const QString &code);
    LoginResult attempt(const QString &account, const QString &source, bool ok, bool needSecondFactor,
                        const QString &what);
    void recordFailure(const QString &account, const QString &source);
    void clearFailures(const QString &account, const QString &source);
    [[nodiscard]] QString passwordHash(const QString &account) const;

    storage::Database &m_db;
    storage::SecretVault &m_vault;
    audit::AuditLog &m_audit;
    const Clock &m_clock;
    Options m_options;
};

} // namespace netgateway::core::auth
