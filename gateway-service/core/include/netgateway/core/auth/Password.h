#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace netgateway::core::auth {

// scrypt (RFC 7914) through OpenSSL. The stored form names its parameters,
// so they can be raised later without invalidating existing hashes:
//     scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>
struct ScryptParams {
    int log2N = 15; // N = 32768: 32 MiB per hash with r = 8
    int r = 8;
    int p = 3;
};

QString hashPassword(const QString &password, const ScryptParams &params = {});
// Constant-time comparison of the derived key. False for malformed hashes.
bool verifyPassword(const QString &password, const QString &stored);

struct PolicyViolation {
    QString rule;    // machine-readable: length, history, userId, blockedWord, common
    QString message; // names the rule for the administrator
};

// The console password policy:
//  - 8 to 64 characters;
//  - not one of the last 5 passwords;
//  - not containing the user ID;
//  - not one of the 10,000 most common passwords;
//  - not containing any of the product and vendor words (case-insensitive).
class PasswordPolicy {
public:
    static constexpr int kMinLength = 8;
    static constexpr int kMaxLength = 64;
    static constexpr int kHistory = 5;

    static const QStringList &blockedWords();
    // The shipped common-password list (lower case), loaded once.
    static const QSet<QString> &commonPasswords();

    // `previousHashes`: the stored hashes of the last passwords, newest first.
    static std::optional<PolicyViolation> check(const QString &password, const QString &userId,
                                                const QStringList &previousHashes);
};

} // namespace netgateway::core::auth
