#pragma once

#include <netgateway/core/Clock.h>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace netgateway::upgrade {

// A dotted release version "MAJOR.MINOR.PATCH" (numbers only, each 0..999999).
struct Version {
    int major = 0;
    int minor = 0;
    int patch = 0;

    static std::optional<Version> parse(const QString &text);
    [[nodiscard]] QString toString() const;
    friend auto operator<=>(const Version &, const Version &) = default;
};

// One public key the gateway trusts for upgrade manifests. Keys rotate by
// shipping the next key in a release before manifests are signed with it; a
// retired key keeps verifying manifests until `validUntil` (if set).
struct TrustedKey {
    QString keyId;        // keyIdFor(publicKey)
    QByteArray publicKey; // raw 32-byte Ed25519 public key
    std::optional<QDateTime> validUntil;
};

// The key id of a raw Ed25519 public key: the first 8 bytes of its SHA-256, in hex.
QString keyIdFor(const QByteArray &rawPublicKey);

// The keys compiled into this build (see TrustedKeys.cpp.in).
QList<TrustedKey> builtInKeys();

// The signed content of a manifest, once verified.
struct Manifest {
    Version version;
    QDateTime expiresUtc;
    QString platform;         // e.g. "linux-amd64", "windows-x64"
    QString packagePath;      // path on the gateway's cloud origin, starting with '/'
    QByteArray packageSha256; // 32 raw bytes
    qint64 packageSize = 0;
    QString keyId;
};

// The envelope on the wire (JSON, UTF-8):
//   {"format": 1, "keyId": "<16 hex>", "payload": "<base64 of the payload JSON>",
//    "signature": "<base64 of the Ed25519 signature over the decoded payload bytes>"}
// The payload JSON:
//   {"product": "netgateway", "platform": "...", "version": "1.2.3",
//    "expires": "2026-12-31T00:00:00Z", "keyId": "<same as envelope>",
//    "package": {"path": "/...", "sha256": "<64 hex>", "size": <bytes>}}
// Signing the exact payload bytes avoids any JSON canonicalisation.
class ManifestVerifier {
public:
    static constexpr qint64 kMaxManifestBytes = 64 * 1024;
    static constexpr qint64 kDefaultMaxPackageBytes = 512LL * 1024 * 1024;

    struct Options {
        Version runningVersion;
        QString platform;
        qint64 maxPackageBytes = kDefaultMaxPackageBytes;
    };

    enum class Refusal {
        None,
        Malformed,
        UnknownKey,
        RetiredKey,
        BadSignature,
        WrongProduct,
        WrongPlatform,
        NotNewer,
        Expired,
        Oversized,
    };

    ManifestVerifier(QList<TrustedKey> keys, const core::Clock &clock, Options options);

    // Verifies `document`; on success fills `manifest`. On refusal returns the
    // reason and a plain message in `error` that says what to do.
    Refusal verify(const QByteArray &document, Manifest &manifest, QString &error) const;

private:
    Refusal verifyPayload(const QByteArray &payload, const QString &keyId, Manifest &manifest, QString &error) const;

    QList<TrustedKey> m_keys;
    const core::Clock &m_clock;
    Options m_options;
};

QString refusalName(ManifestVerifier::Refusal refusal);

// The platform string of this build ("linux-amd64", "windows-x64", ...).
QString currentPlatform();

} // namespace netgateway::upgrade
