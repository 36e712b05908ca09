#include <netgateway/storage/SecretVault.h>

#include <QDateTime>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace netgateway::storage {

namespace {

constexpr int kNonceSize = 12;
constexpr int kTagSize = 16;

QByteArray associatedData(const QString &name)
{
    return QByteArrayLiteral("netgateway-secret:v1:") + name.toUtf8();
}

QByteArray randomBytes(int size)
{
    QByteArray out(size, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), size) != 1) {
        throw StorageError(StorageError::Kind::Crypto, QStringLiteral("the system random generator failed"));
    }
    return out;
}

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const auto *u8(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}

auto *u8(QByteArray &b)
{
    return reinterpret_cast<unsigned char *>(b.data());
}

} // namespace

SecretVault::SecretVault(Database &db, KeyStore &keys) : m_db(db), m_keys(keys)
{
    if (!m_keys.load(m_ring)) {
        m_ring.activeId = 1;
        m_ring.keys.insert(1, randomBytes(KeyRing::kKeySize));
        m_keys.save(m_ring);
    }
    if (m_ring.keys.size() > 1) {
        // A rotation was interrupted: finish it.
        reencryptAll(m_ring.activeId);
        dropUnusedKeys();
    }
}

QByteArray SecretVault::encrypt(const QString &name, const QByteArray &plain, QByteArray &nonce, QByteArray &tag) const
{
    nonce = randomBytes(kNonceSize);
    const QByteArray &key = m_ring.keys.value(m_ring.activeId);
    const QByteArray aad = associatedData(name);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    QByteArray out(plain.size(), Qt::Uninitialized);
    int len = 0;
    int total = 0;
    tag.resize(kTagSize);
    const bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1 &&
                    EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, u8(key), u8(nonce)) == 1 &&
                    EVP_EncryptUpdate(ctx.get(), nullptr, &len, u8(aad), static_cast<int>(aad.size())) == 1 &&
                    EVP_EncryptUpdate(ctx.get(), u8(out), &len, u8(plain), static_cast<int>(plain.size())) == 1 &&
                    (total = len, EVP_EncryptFinal_ex(ctx.get(), u8(out) + total, &len) == 1) &&
                    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, tag.data()) == 1;
    if (!ok) {
        throw StorageError(StorageError::Kind::Crypto, QStringLiteral("encrypting secret '%1' failed").arg(name));
    }
    out.resize(total + len);
    return out;
}

QByteArray SecretVault::decrypt(const QString &name, std::uint32_t keyId, const QByteArray &nonce,
                                const QByteArray &ciphertext, const QByteArray &tag) const
{
    const auto keyIt = m_ring.keys.constFind(keyId);
    if (keyIt == m_ring.keys.cend()) {
        throw StorageError(StorageError::Kind::Crypto,
                           QStringLiteral("secret '%1' was encrypted with key %2, which is not in the key file %3; "
                                          "restore the key file that belongs to this database")
                               .arg(name)
                               .arg(keyId)
                               .arg(m_keys.describe()));
    }
    const QByteArray aad = associatedData(name);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    QByteArray out(ciphertext.size(), Qt::Uninitialized);
    QByteArray tagCopy = tag;
    int len = 0;
    int total = 0;
    const bool ok =
        ctx && nonce.size() == kNonceSize && tag.size() == kTagSize &&
        EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1 &&
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, u8(keyIt.value()), u8(nonce)) == 1 &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, u8(aad), static_cast<int>(aad.size())) == 1 &&
        EVP_DecryptUpdate(ctx.get(), u8(out), &len, u8(ciphertext), static_cast<int>(ciphertext.size())) == 1 &&
        (total = len, EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tagCopy.data()) == 1) &&
        EVP_DecryptFinal_ex(ctx.get(), u8(out) + total, &len) == 1;
    if (!ok) {
        OPENSSL_cleanse(out.data(), static_cast<size_t>(out.size()));
        throw StorageError(StorageError::Kind::Crypto,
                           QStringLiteral("secret '%1' failed authentication: it was altered or belongs to another "
                                          "key file")
                               .arg(name));
    }
    out.resize(total + len);
    return out;
}

void SecretVault::put(const QString &name, const QByteArray &value)
{
    QByteArray nonce;
    QByteArray tag;
    const QByteArray ciphertext = encrypt(name, value, nonce, tag);
    Statement st(m_db, "INSERT INTO secrets(name, key_id, nonce, ciphertext, tag, updated_at) "
                       "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(name) DO UPDATE SET key_id = excluded.key_id, "
                       "nonce = excluded.nonce, ciphertext = excluded.ciphertext, tag = excluded.tag, "
                       "updated_at = excluded.updated_at");
    st.bind(1, name)
        .bind(2, static_cast<std::int64_t>(m_ring.activeId))
        .bind(3, nonce)
        .bind(4, ciphertext)
        .bind(5, tag)
        .bind(6, QDateTime::currentSecsSinceEpoch());
    st.run();
}

std::optional<QByteArray> SecretVault::get(const QString &name)
{
    Statement st(m_db, "SELECT key_id, nonce, ciphertext, tag FROM secrets WHERE name = ?1");
    st.bind(1, name);
    if (!st.step()) {
        return std::nullopt;
    }
    return decrypt(name, static_cast<std::uint32_t>(st.int64(0)), st.blob(1), st.blob(2), st.blob(3));
}

bool SecretVault::remove(const QString &name)
{
    Statement st(m_db, "DELETE FROM secrets WHERE name = ?1");
    st.bind(1, name);
    st.run();
    return m_db.changes() > 0;
}

QStringList SecretVault::names()
{
    QStringList out;
    Statement st(m_db, "SELECT name FROM secrets ORDER BY name");
    while (st.step()) {
        out << st.text(0);
    }
    return out;
}

void SecretVault::reencryptAll(std::uint32_t newId)
{
    Transaction tx(m_db);
    struct Row {
        QString name;
        std::uint32_t keyId;
        QByteArray nonce, ciphertext, tag;
    };
    QList<Row> rows;
    {
        Statement st(m_db, "SELECT name, key_id, nonce, ciphertext, tag FROM secrets WHERE key_id <> ?1");
        st.bind(1, static_cast<std::int64_t>(newId));
        while (st.step()) {
            rows.append(Row{st.text(0), static_cast<std::uint32_t>(st.int64(1)), st.blob(2), st.blob(3), st.blob(4)});
        }
    }
    for (const Row &row : rows) {
        QByteArray plain = decrypt(row.name, row.keyId, row.nonce, row.ciphertext, row.tag);
        put(row.name, plain);
        OPENSSL_cleanse(plain.data(), static_cast<size_t>(plain.size()));
    }
    tx.commit();
}

void SecretVault::dropUnusedKeys()
{
    KeyRing ring;
    ring.activeId = m_ring.activeId;
    ring.keys.insert(m_ring.activeId, m_ring.keys.value(m_ring.activeId));
    m_keys.save(ring);
    m_ring = ring;
}

void SecretVault::rotateKey()
{
    std::uint32_t newId = 1;
    for (auto it = m_ring.keys.cbegin(); it != m_ring.keys.cend(); ++it) {
        newId = std::max(newId, it.key() + 1);
    }
    m_ring.keys.insert(newId, randomBytes(KeyRing::kKeySize));
    m_ring.activeId = newId;
    // Persist both keys before touching the database, so every committed
    // state can be decrypted whatever happens next.
    m_keys.save(m_ring);
    reencryptAll(newId);
    dropUnusedKeys();
}

} // namespace netgateway::storage
