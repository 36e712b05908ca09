#include <netgateway/upgrade/ManifestSigner.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace netgateway::upgrade {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
struct BioFree {
    void operator()(BIO *bio) const { BIO_free(bio); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

SigningKey fromPkey(EVP_PKEY *pkey)
{
    SigningKey key;
    size_t len = 32;
    QByteArray priv(32, '\0');
    QByteArray pub(32, '\0');
    if (EVP_PKEY_get_raw_private_key(pkey, reinterpret_cast<unsigned char *>(priv.data()), &len) != 1 || len != 32) {
        return key;
    }
    len = 32;
    if (EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char *>(pub.data()), &len) != 1 || len != 32) {
        return key;
    }
    key.privateKey = priv;
    key.publicKey = pub;
    key.keyId = keyIdFor(pub);
    return key;
}

Pkey toPkey(const SigningKey &key)
{
    return Pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                             reinterpret_cast<const unsigned char *>(key.privateKey.constData()),
                                             static_cast<size_t>(key.privateKey.size())));
}

} // namespace

SigningKey SigningKey::generate()
{
    EVP_PKEY *raw = nullptr;
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr),
                                                                    &EVP_PKEY_CTX_free);
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
        return {};
    }
    Pkey pkey(raw);
    return fromPkey(pkey.get());
}

SigningKey SigningKey::fromPem(const QByteArray &pem, QString &error)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    Pkey pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!pkey || EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519) {
        error = QStringLiteral("not a PEM Ed25519 private key");
        return {};
    }
    SigningKey key = fromPkey(pkey.get());
    if (key.isNull()) {
        error = QStringLiteral("cannot read the Ed25519 key");
    }
    return key;
}

QByteArray SigningKey::toPem() const
{
    Pkey pkey = toPkey(*this);
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    if (!pkey || !bio || PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        return {};
    }
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

QByteArray payloadJson(const ManifestContent &content, const QString &keyId)
{
    const QJsonObject package{{QStringLiteral("path"), content.packagePath},
                              {QStringLiteral("sha256"), content.packageSha256Hex},
                              {QStringLiteral("size"), static_cast<double>(content.packageSize)}};
    const QJsonObject body{{QStringLiteral("product"), content.product},
                           {QStringLiteral("platform"), content.platform},
                           {QStringLiteral("version"), content.version},
                           {QStringLiteral("expires"), content.expires},
                           {QStringLiteral("keyId"), keyId},
                           {QStringLiteral("package"), package}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray signPayload(const QByteArray &payload, const SigningKey &key)
{
    Pkey pkey = toPkey(key);
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    QByteArray signature(64, '\0');
    size_t len = 64;
    if (!pkey || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1 ||
        EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &len,
                       reinterpret_cast<const unsigned char *>(payload.constData()),
                       static_cast<size_t>(payload.size())) != 1) {
        return {};
    }
    const QJsonObject envelope{{QStringLiteral("format"), 1},
                               {QStringLiteral("keyId"), key.keyId},
                               {QStringLiteral("payload"), QString::fromLatin1(payload.toBase64())},
                               {QStringLiteral("signature"), QString::fromLatin1(signature.toBase64())}};
    return QJsonDocument(envelope).toJson(QJsonDocument::Indented);
}

} // namespace netgateway::upgrade
