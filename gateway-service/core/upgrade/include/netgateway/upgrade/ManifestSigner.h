#pragma once

#include <netgateway/upgrade/Manifest.h>

#include <QByteArray>
#include <QString>

namespace netgateway::upgrade {

// Release-side signing, used by tools/sign-manifest and by tests (which
// generate a throw-away key pair at run time). The gateway itself only verifies.
struct SigningKey {
    QByteArray privateKey; // raw 32-byte Ed25519 seed
    QByteArray publicKey;  // raw 32-byte public key
    QString keyId;

    static SigningKey generate();
    // Reads/writes a PKCS#8 PEM private key; returns an empty key on error.
    static SigningKey fromPem(const QByteArray &pem, QString &error);
    [[nodiscard]] QByteArray toPem() const;
    [[nodiscard]] bool isNull() const { return privateKey.isEmpty(); }
    [[nodiscard]] TrustedKey trusted() const { return {keyId, publicKey, std::nullopt}; }
};

struct ManifestContent {
    QString product = QStringLiteral("netgateway");
    QString platform;
    QString version;
    QString expires; // ISO 8601 UTC, e.g. 2026-12-31T00:00:00Z
    QString packagePath;
    QString packageSha256Hex;
    qint64 packageSize = 0;
};

// The payload JSON for `content` (compact, signed as is).
QByteArray payloadJson(const ManifestContent &content, const QString &keyId);
// A complete envelope with an Ed25519 signature over `payload`.
QByteArray signPayload(const QByteArray &payload, const SigningKey &key);
inline QByteArray signManifest(const ManifestContent &content, const SigningKey &key)
{
    return signPayload(payloadJson(content, key.keyId), key);
}

} // namespace netgateway::upgrade
