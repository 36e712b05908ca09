#include <netgateway/core/auth/Password.h>

#include <QFile>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace netgateway::core::auth {

namespace {

constexpr int kSaltBytes = 16;
constexpr int kKeyBytes = 32;
constexpr quint64 kMaxMemory = 512ull * 1024 * 1024;

QByteArray derive(const QByteArray &password, const QByteArray &salt, int log2N, int r, int p)
{
    QByteArray out(kKeyBytes, '\0');
    const auto n = static_cast<quint64>(1) << log2N;
    if (EVP_PBE_scrypt(password.constData(), static_cast<size_t>(password.size()),
                       reinterpret_cast<const unsigned char *>(salt.constData()), static_cast<size_t>(salt.size()), n,
                       static_cast<quint64>(r), static_cast<quint64>(p), kMaxMemory,
                       reinterpret_cast<unsigned char *>(out.data()), static_cast<size_t>(out.size())) != 1) {
        return {};
    }
    return out;
}

} // namespace

QString hashPassword(const QString &password, const ScryptParams &params)
{
    QByteArray salt(kSaltBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), kSaltBytes) != 1) {
        return {};
    }
    QByteArray pw = password.toUtf8();
    const QByteArray key = derive(pw, salt, params.log2N, params.r, params.p);
    OPENSSL_cleanse(pw.data(), static_cast<size_t>(pw.size()));
    if (key.isEmpty()) {
        return {};
    }
    return QStringLiteral("scrypt$%1$%2$%3$%4$%5")
        .arg(params.log2N)
        .arg(params.r)
        .arg(params.p)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key.toBase64()));
}

bool verifyPassword(const QString &password, const QString &stored)
{
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 6 || parts[0] != QLatin1String("scrypt")) {
        return false;
    }
    bool ok1 = false, ok2 = false, ok3 = false;
    const int log2N = parts[1].toInt(&ok1);
    const int r = parts[2].toInt(&ok2);
    const int p = parts[3].toInt(&ok3);
    if (!ok1 || !ok2 || !ok3 || log2N < 10 || log2N > 22 || r < 1 || r > 32 || p < 1 || p > 16) {
        return false;
    }
    const QByteArray salt = QByteArray::fromBase64(parts[4].toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts[5].toLatin1());
    if (salt.size() < 8 || expected.size() != kKeyBytes) {
        return false;
    }
    QByteArray pw = password.toUtf8();
    const QByteArray key = derive(pw, salt, log2N, r, p);
    OPENSSL_cleanse(pw.data(), static_cast<size_t>(pw.size()));
    return key.size() == kKeyBytes &&
           CRYPTO_memcmp(key.constData(), expected.constData(), static_cast<size_t>(kKeyBytes)) == 0;
}

const QStringList &PasswordPolicy::blockedWords()
{
    static const QStringList words{
        QStringLiteral("kyocera"),      QStringLiteral("ecosys"),     QStringLiteral("taskalfa"),
        QStringLiteral("kfs"),          QStringLiteral("fleet"),      QStringLiteral("services"),
        QStringLiteral("mobile"),       QStringLiteral("netgateway"), QStringLiteral("device"),
        QStringLiteral("registration"), QStringLiteral("diagnostic"), QStringLiteral("tool"),
        QStringLiteral("drd"),          QStringLiteral("data"),       QStringLiteral("collection"),
        QStringLiteral("dct"),          QStringLiteral("kdc")};
    return words;
}

const QSet<QString> &PasswordPolicy::commonPasswords()
{
    static const QSet<QString> list = [] {
        QSet<QString> set;
        QFile file(QStringLiteral(":/netgateway/security/common-passwords.txt"));
        if (file.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> lines = file.readAll().split('\n');
            set.reserve(lines.size());
            for (const QByteArray &line : lines) {
                const QByteArray word = line.trimmed();
                if (!word.isEmpty()) {
                    set.insert(QString::fromUtf8(word).toLower());
                }
            }
        } else {
            qCritical("the common-password list is missing from this build; passwords are not checked against it");
        }
        return set;
    }();
    return list;
}

std::optional<PolicyViolation> PasswordPolicy::check(const QString &password, const QString &userId,
                                                     const QStringList &previousHashes)
{
    const auto length = password.toUcs4().size();
    if (length < kMinLength || length > kMaxLength) {
        return PolicyViolation{QStringLiteral("length"),
                               QStringLiteral("The password must be %1 to %2 characters long; this one has %3.")
                                   .arg(kMinLength)
                                   .arg(kMaxLength)
                                   .arg(length)};
    }
    const QString lower = password.toLower();
    if (!userId.isEmpty() && lower.contains(userId.toLower())) {
        return PolicyViolation{QStringLiteral("userId"),
                               QStringLiteral("The password must not contain the user ID \"%1\".").arg(userId)};
    }
    for (const QString &word : blockedWords()) {
        if (lower.contains(word)) {
            return PolicyViolation{
                QStringLiteral("blockedWord"),
                QStringLiteral("The password must not contain the word \"%1\" (product and vendor names are not "
                               "allowed, in any case).")
                    .arg(word)};
        }
    }
    if (commonPasswords().contains(lower)) {
        return PolicyViolation{QStringLiteral("common"),
                               QStringLiteral("The password is one of the 10,000 most common passwords; choose one "
                                              "that is harder to guess.")};
    }
    for (qsizetype i = 0; i < previousHashes.size() && i < kHistory; ++i) {
        if (verifyPassword(password, previousHashes[i])) {
            return PolicyViolation{
                QStringLiteral("history"),
                QStringLiteral("The password must differ from the last %1 passwords.").arg(kHistory)};
        }
    }
    return std::nullopt;
}

} // namespace netgateway::core::auth
