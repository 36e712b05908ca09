#include "TestAuthority.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace fleetcloud {

namespace {

struct Free {
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Free>;
using Cert = std::unique_ptr<X509, Free>;
using Bio = std::unique_ptr<BIO, Free>;

Key newKey()
{
    return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (ext == nullptr) {
        return false;
    }
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

Cert makeCertificate(EVP_PKEY *subjectKey, const char *commonName, X509 *issuer, EVP_PKEY *issuerKey, long serial,
                     bool isCa)
{
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7L * 24 * 3600);
    X509_set_pubkey(cert.get(), subjectKey);
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("fleet-cloud-emulator"),
                               -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(commonName), -1, -1,
                               0);
    X509 *issuerCert = issuer != nullptr ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(issuerCert));
    bool ok = true;
    if (isCa) {
        ok = ok && addExtension(cert.get(), issuerCert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
        ok = ok && addExtension(cert.get(), issuerCert, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && addExtension(cert.get(), issuerCert, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(cert.get(), issuerCert, NID_key_usage, "critical,digitalSignature");
        ok = ok && addExtension(cert.get(), issuerCert, NID_ext_key_usage, "serverAuth");
        ok = ok && addExtension(cert.get(), issuerCert, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
    }
    ok = ok && addExtension(cert.get(), issuerCert, NID_subject_key_identifier, "hash");
    if (!ok || X509_sign(cert.get(), issuerKey, EVP_sha256()) == 0) {
        return nullptr;
    }
    return cert;
}

QByteArray certificatePem(X509 *cert)
{
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(len));
}

QByteArray keyPem(EVP_PKEY *key)
{
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(len));
}

} // namespace

bool TestAuthority::generate(TestAuthority &out, QString &error)
{
    Key caKey = newKey();
    Key serverKey = newKey();
    if (!caKey || !serverKey) {
        error = QStringLiteral("OpenSSL could not generate EC keys");
        return false;
    }
    Cert ca = makeCertificate(caKey.get(), "fleet-cloud-emulator test CA", nullptr, caKey.get(), 1, true);
    if (!ca) {
        error = QStringLiteral("OpenSSL could not make the test CA certificate");
        return false;
    }
    Cert server = makeCertificate(serverKey.get(), "127.0.0.1", ca.get(), caKey.get(), 2, false);
    if (!server) {
        error = QStringLiteral("OpenSSL could not make the server certificate");
        return false;
    }
    out.caCertificate = QSslCertificate(certificatePem(ca.get()), QSsl::Pem);
    out.serverCertificate = QSslCertificate(certificatePem(server.get()), QSsl::Pem);
    out.serverKey = QSslKey(keyPem(serverKey.get()), QSsl::Ec, QSsl::Pem);
    if (out.caCertificate.isNull() || out.serverCertificate.isNull() || out.serverKey.isNull()) {
        error = QStringLiteral("Qt could not load the generated certificates");
        return false;
    }
    return true;
}

} // namespace fleetcloud
