#pragma once

#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>
#include <QStringList>

namespace netgateway::storage {
class SecretVault;
}

namespace netgateway::core {
class Clock;
}

namespace netgateway::core::api {

// The console's TLS identity. The private key and the certificate chain live
// in the SecretVault (AES-256-GCM under the data key), like every other
// secret: there is no separate key file to protect or forget in a backup.
class CertificateStore {
public:
    static constexpr int kValidityDays = 2 * 365;

    CertificateStore(storage::SecretVault &vault, const Clock &clock);

    // Loads the stored identity or, on first start, generates a self-signed
    // ECDSA P-256 certificate for `names` (host names and IP addresses) valid
    // for two years. Returns false with `error` when neither works.
    bool loadOrGenerate(const QStringList &names, QString &error);

    // Replaces the identity with the administrator's own. Checks that the key
    // matches the certificate, that it is valid now and that the key is
    // strong enough. On error leaves the current identity in place.
    bool replacePem(const QByteArray &certificateChainPem, const QByteArray &privateKeyPem,
                    const QByteArray &passphrase, QString &error);
    bool replacePkcs12(const QByteArray &pkcs12, const QByteArray &passphrase, QString &error);

    [[nodiscard]] QSslConfiguration serverConfiguration() const;
    [[nodiscard]] const QList<QSslCertificate> &chain() const { return m_chain; }
    [[nodiscard]] QJsonObject describe() const;

    // Generates a self-signed certificate and key as PEM (exposed for tests).
    static bool generateSelfSigned(const QStringList &names, const QDateTime &notBefore, int validityDays,
                                   QByteArray &certPem, QByteArray &keyPem, QString &error);

private:
    bool install(const QList<QSslCertificate> &chain, const QSslKey &key, QString &error, bool persist);

    storage::SecretVault &m_vault;
    const Clock &m_clock;
    QList<QSslCertificate> m_chain;
    QSslKey m_key;
};

} // namespace netgateway::core::api
