#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

#include <cstdint>
#include <memory>

namespace netgateway::storage {

// The vault's data keys: 256-bit keys by id, one of them active for new
// values. Older keys remain only while a rotation is in progress.
struct KeyRing {
    static constexpr int kKeySize = 32;
    std::uint32_t activeId = 0;
    QMap<std::uint32_t, QByteArray> keys;

    [[nodiscard]] bool isValid() const;
    QByteArray serialize() const;
    // Returns false for anything that is not a well-formed key ring.
    static bool parse(const QByteArray &data, KeyRing &out);
};

// Where the key ring is kept, outside the database.
class KeyStore {
public:
    virtual ~KeyStore() = default;
    // Empty optional-like: returns false when no key ring exists yet.
    virtual bool load(KeyRing &out) = 0;
    // Replaces the stored key ring atomically.
    virtual void save(const KeyRing &ring) = 0;
    [[nodiscard]] virtual QString describe() const = 0;
};

// A file readable only by the service account (mode 0600) on Linux; on
// Windows its contents are additionally wrapped with DPAPI (machine scope).
class FileKeyStore final : public KeyStore {
public:
    explicit FileKeyStore(QString path);
    bool load(KeyRing &out) override;
    void save(const KeyRing &ring) override;
    [[nodiscard]] QString describe() const override;

private:
    QString m_path;
};

} // namespace netgateway::storage
