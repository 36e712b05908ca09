#pragma once

#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace netgateway::storage {

// Stores secrets (communities, SNMPv3 passphrases, proxy password, access
// code, cloud token) encrypted with AES-256-GCM: a fresh random 96-bit nonce
// per value, the secret's name as associated data so values cannot be swapped
// between names, and the id of the key that encrypted it stored beside it.
// Neither this class nor its errors ever put a secret value into a message.
class SecretVault {
public:
    // Loads the key ring from `keys`, creating a new random data key on first
    // use. Finishes an interrupted rotation if it finds one.
    SecretVault(Database &db, KeyStore &keys);

    void put(const QString &name, const QByteArray &value);
    [[nodiscard]] std::optional<QByteArray> get(const QString &name);
    bool remove(const QString &name);
    [[nodiscard]] QStringList names();

    [[nodiscard]] std::uint32_t activeKeyId() const { return m_ring.activeId; }

    // Generates a new data key, re-encrypts every stored value with it in one
    // transaction and then forgets the old key. Safe against a crash at any
    // point: the key ring keeps the old key until the database commit is done.
    void rotateKey();

private:
    QByteArray encrypt(const QString &name, const QByteArray &plain, QByteArray &nonce, QByteArray &tag) const;
    QByteArray decrypt(const QString &name, std::uint32_t keyId, const QByteArray &nonce, const QByteArray &ciphertext,
                       const QByteArray &tag) const;
    void reencryptAll(std::uint32_t newId);
    void dropUnusedKeys();

    Database &m_db;
    KeyStore &m_keys;
    KeyRing m_ring;
};

} // namespace netgateway::storage
