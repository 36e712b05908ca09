#include <netgateway/core/Clock.h>
#include <netgateway/core/api/Certificate.h>

#include <netgateway/storage/SecretVault.h>

#include <QBuffer>
#include <QHostAddress>
#include <QJsonArray>
#include <QSslCipher>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace netgateway::core::api {

namespace {

const QString kVaultKey = QStringLiteral("console.tls.key");
const QString kVaultChain = QStringLiteral("console.tls.chain");

template<typename T, void (*F)(T *)>
struct Deleter {
    void operator()(T *p) const { F(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

bool addExtension(X509 *cert, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (ext == nullptr) {
        return false;
    }
    const int ok = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    return ok == 1;
}

} // namespace

CertificateStore::CertificateStore(storage::SecretVault &vault, const Clock &clock) : m_vault(vault), m_clock(clock)
{
}

bool CertificateStore::generateSelfSigned(const QStringList &names, const QDateTime &notBefore, int validityDays,
                                          QByteArray &certPem, QByteArray &keyPem, QString &error)
{
    PkeyPtr key(EVP_EC_gen("P-256"));
    X509Ptr cert(X509_new());
    if (!key || !cert) {
        error = QStringLiteral("could not create an ECDSA P-256 key");
        return false;
    }
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    EVP_PKEY *raw = key.get();
    // A random positive 127-bit serial number.
    if (RAND_bytes(serial, sizeof serial) != 1) {
        error = QStringLiteral("the random number generator failed");
        return false;
    }
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    const time_t start = static_cast<time_t>(notBefore.toSecsSinceEpoch());
    if (ASN1_TIME_set(X509_getm_notBefore(cert.get()), start - 60) == nullptr ||
        ASN1_TIME_set(X509_getm_notAfter(cert.get()), start + static_cast<time_t>(validityDays) * 24 * 3600) ==
            nullptr) {
        error = QStringLiteral("could not set the certificate's validity");
        return false;
    }
    X509_set_pubkey(cert.get(), raw);
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cn = names.value(0, QStringLiteral("netgateway")).left(64).toUtf8();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("netgateway"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cn.constData()), -1,
                               -1, 0);
    X509_set_issuer_name(cert.get(), name);
    QStringList sans;
    for (const QString &n : names) {
        QHostAddress address;
        if (address.setAddress(n)) {
            sans << QStringLiteral("IP:") + address.toString();
        } else if (!n.isEmpty() && !n.contains(QLatin1Char(',')) && !n.contains(QLatin1Char(':'))) {
            sans << QStringLiteral("DNS:") + n;
        }
    }
    sans.removeDuplicates();
    const QByteArray sanText = sans.join(QLatin1Char(',')).toUtf8();
    if (!addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(cert.get(), NID_key_usage, "critical,digitalSignature") ||
        !addExtension(cert.get(), NID_ext_key_usage, "serverAuth") ||
        !addExtension(cert.get(), NID_subject_key_identifier, "hash") ||
        (!sanText.isEmpty() && !addExtension(cert.get(), NID_subject_alt_name, sanText.constData()))) {
        error = QStringLiteral("could not build the certificate extensions");
        return false;
    }
    if (X509_sign(cert.get(), raw, EVP_sha256()) == 0) {
        error = QStringLiteral("could not sign the certificate");
        return false;
    }
    BioPtr certBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509(certBio.get(), cert.get()) != 1 ||
        PEM_write_bio_PrivateKey(keyBio.get(), raw, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        error = QStringLiteral("could not encode the certificate");
        return false;
    }
    certPem = bioBytes(certBio.get());
    keyPem = bioBytes(keyBio.get());
    return true;
}

bool CertificateStore::loadOrGenerate(const QStringList &names, QString &error)
{
    const auto keyPem = m_vault.get(kVaultKey);
    const auto chainPem = m_vault.get(kVaultChain);
    if (keyPem && chainPem) {
        const auto chain = QSslCertificate::fromData(*chainPem, QSsl::Pem);
        const QSslKey key(*keyPem, QSsl::Ec, QSsl::Pem);
        const QSslKey rsa = key.isNull() ? QSslKey(*keyPem, QSsl::Rsa, QSsl::Pem) : key;
        QString ignored;
        if (!chain.isEmpty() && install(chain, rsa, ignored, false)) {
            return true;
        }
        qWarning("the stored console certificate cannot be used (%s); generating a new self-signed one",
                 qPrintable(ignored));
    }
    QByteArray certPem;
    QByteArray newKeyPem;
    if (!generateSelfSigned(names, m_clock.nowUtc(), kValidityDays, certPem, newKeyPem, error)) {
        return false;
    }
    const QSslKey key(newKeyPem, QSsl::Ec, QSsl::Pem);
    if (!install(QSslCertificate::fromData(certPem, QSsl::Pem), key, error, true)) {
        return false;
    }
    qInfo("generated a self-signed console certificate for %s (SHA-256 fingerprint %s)",
          qPrintable(names.join(QStringLiteral(", "))),
          m_chain.first().digest(QCryptographicHash::Sha256).toHex(':').constData());
    return true;
}

bool CertificateStore::install(const QList<QSslCertificate> &chain, const QSslKey &key, QString &error, bool persist)
{
    if (chain.isEmpty() || chain.first().isNull()) {
        error = QStringLiteral("no certificate found; give the server certificate first, then any intermediates");
        return false;
    }
    if (key.isNull() || key.type() != QSsl::PrivateKey) {
        error = QStringLiteral("the private key cannot be read (wrong passphrase, or not an RSA or EC key)");
        return false;
    }
    if ((key.algorithm() == QSsl::Rsa && key.length() < 2048) || (key.algorithm() == QSsl::Ec && key.length() < 256)) {
        error = QStringLiteral("the key is too weak: use RSA with at least 2048 bits or ECDSA with at least 256 bits");
        return false;
    }
    const QSslCertificate &leaf = chain.first();
    const QDateTime now = m_clock.nowUtc();
    if (leaf.expiryDate() <= now || leaf.effectiveDate() > now.addDays(1)) {
        error = QStringLiteral("the certificate is not valid now (valid from %1 to %2)")
                    .arg(leaf.effectiveDate().toString(Qt::ISODate), leaf.expiryDate().toString(Qt::ISODate));
        return false;
    }
    {
        const QByteArray certDer = leaf.toDer();
        const QByteArray keyPem = key.toPem();
        const auto *p = reinterpret_cast<const unsigned char *>(certDer.constData());
        X509Ptr x(d2i_X509(nullptr, &p, certDer.size()));
        BioPtr bio(BIO_new_mem_buf(keyPem.constData(), static_cast<int>(keyPem.size())));
        PkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
        if (!x || !pkey || X509_check_private_key(x.get(), pkey.get()) != 1) {
            error = QStringLiteral("the private key does not belong to the certificate");
            return false;
        }
    }
    if (persist) {
        QByteArray chainPem;
        for (const QSslCertificate &c : chain) {
            chainPem += c.toPem();
        }
        m_vault.put(kVaultKey, key.toPem());
        m_vault.put(kVaultChain, chainPem);
    }
    m_chain = chain;
    m_key = key;
    return true;
}

bool CertificateStore::replacePem(const QByteArray &certificateChainPem, const QByteArray &privateKeyPem,
                                  const QByteArray &passphrase, QString &error)
{
    const auto chain = QSslCertificate::fromData(certificateChainPem, QSsl::Pem);
    QSslKey key(privateKeyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey, passphrase);
    if (key.isNull()) {
        key = QSslKey(privateKeyPem, QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey, passphrase);
    }
    return install(chain, key, error, true);
}

bool CertificateStore::replacePkcs12(const QByteArray &pkcs12, const QByteArray &passphrase, QString &error)
{
    QByteArray data = pkcs12;
    QBuffer buffer(&data);
    if (!buffer.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read the PKCS#12 data");
        return false;
    }
    QSslKey key;
    QSslCertificate cert;
    QList<QSslCertificate> cas;
    if (!QSslCertificate::importPkcs12(&buffer, &key, &cert, &cas, passphrase)) {
        error = QStringLiteral("the PKCS#12 file cannot be read: wrong passphrase or not a PKCS#12 file with a key and "
                               "a certificate");
        return false;
    }
    QList<QSslCertificate> chain{cert};
    chain += cas;
    return install(chain, key, error, true);
}

QSslConfiguration CertificateStore::serverConfiguration() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setLocalCertificateChain(m_chain);
    config.setPrivateKey(m_key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    // Forward secrecy and AEAD only for TLS 1.2; TLS 1.3 suites are all modern.
    QList<QSslCipher> ciphers;
    for (const QSslCipher &c : QSslConfiguration::supportedCiphers()) {
        const QString n = c.name();
        const bool tls13 = c.protocol() == QSsl::TlsV1_3;
        const bool modern12 = c.protocol() == QSsl::TlsV1_2 &&
                              (n.startsWith(QLatin1String("ECDHE-")) &&
                               (n.contains(QLatin1String("GCM")) || n.contains(QLatin1String("CHACHA20"))));
        if (tls13 || modern12) {
            ciphers << c;
        }
    }
    config.setCiphers(ciphers);
    config.setSslOption(QSsl::SslOptionDisableCompression, true);
    config.setSslOption(QSsl::SslOptionDisableSessionTickets, true);
    config.setSslOption(QSsl::SslOptionDisableLegacyRenegotiation, true);
    return config;
}

QJsonObject CertificateStore::describe() const
{
    QJsonObject out;
    if (m_chain.isEmpty()) {
        return out;
    }
    const QSslCertificate &leaf = m_chain.first();
    QJsonArray names;
    const auto alt = leaf.subjectAlternativeNames();
    for (auto it = alt.cbegin(); it != alt.cend(); ++it) {
        names.append(it.value());
    }
    out.insert(QStringLiteral("subject"), leaf.subjectDisplayName());
    out.insert(QStringLiteral("issuer"), leaf.issuerDisplayName());
    out.insert(QStringLiteral("notBefore"), leaf.effectiveDate().toUTC().toString(Qt::ISODate));
    out.insert(QStringLiteral("notAfter"), leaf.expiryDate().toUTC().toString(Qt::ISODate));
    out.insert(QStringLiteral("subjectAltNames"), names);
    out.insert(QStringLiteral("sha256Fingerprint"),
               QString::fromLatin1(leaf.digest(QCryptographicHash::Sha256).toHex(':')));
    out.insert(QStringLiteral("selfSigned"), leaf.isSelfSigned());
    out.insert(QStringLiteral("keyAlgorithm"),
               m_key.algorithm() == QSsl::Ec ? QStringLiteral("ECDSA") : QStringLiteral("RSA"));
    out.insert(QStringLiteral("keyBits"), m_key.length());
    out.insert(QStringLiteral("pem"), QString::fromLatin1(leaf.toPem()));
    return out;
}

} // namespace netgateway::core::api
