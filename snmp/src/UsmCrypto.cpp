// The plain hash functions of OpenSSL are deprecated in favour of EVP, whose
// HMAC in OpenSSL 3.0 allocates and frees a digest context per message. The
// plain contexts are structs: a keyed HMAC state is copied with memcpy.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "UsmCrypto.h"

#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstring>
#include <new>

namespace netgateway::snmp {

namespace {

union HashContext {
    MD5_CTX md5;
    SHA_CTX sha1;
    SHA256_CTX sha256; // also SHA-224
    SHA512_CTX sha512; // also SHA-384
};

constexpr size_t kBlock = 16;

} // namespace

struct UsmCrypto::State {
    AuthProtocol auth = AuthProtocol::None;
    HashContext inner{};
    HashContext outer{};
    EVP_CIPHER_CTX *aes = nullptr; // AES-ECB, encrypting: CFB uses the forward cipher both ways

    ~State() { EVP_CIPHER_CTX_free(aes); }

    size_t blockSize() const { return auth == AuthProtocol::SHA384 || auth == AuthProtocol::SHA512 ? 128 : 64; }

    size_t digestSize() const
    {
        switch (auth) {
        case AuthProtocol::MD5:
            return MD5_DIGEST_LENGTH;
        case AuthProtocol::SHA1:
            return SHA_DIGEST_LENGTH;
        case AuthProtocol::SHA224:
            return SHA224_DIGEST_LENGTH;
        case AuthProtocol::SHA256:
            return SHA256_DIGEST_LENGTH;
        case AuthProtocol::SHA384:
            return SHA384_DIGEST_LENGTH;
        case AuthProtocol::SHA512:
            return SHA512_DIGEST_LENGTH;
        case AuthProtocol::None:
            break;
        }
        return 0;
    }

    bool begin(HashContext &c) const
    {
        switch (auth) {
        case AuthProtocol::MD5:
            return MD5_Init(&c.md5) == 1;
        case AuthProtocol::SHA1:
            return SHA1_Init(&c.sha1) == 1;
        case AuthProtocol::SHA224:
            return SHA224_Init(&c.sha256) == 1;
        case AuthProtocol::SHA256:
            return SHA256_Init(&c.sha256) == 1;
        case AuthProtocol::SHA384:
            return SHA384_Init(&c.sha512) == 1;
        case AuthProtocol::SHA512:
            return SHA512_Init(&c.sha512) == 1;
        case AuthProtocol::None:
            break;
        }
        return false;
    }

    bool update(HashContext &c, const unsigned char *data, size_t size) const
    {
        switch (auth) {
        case AuthProtocol::MD5:
            return MD5_Update(&c.md5, data, size) == 1;
        case AuthProtocol::SHA1:
            return SHA1_Update(&c.sha1, data, size) == 1;
        case AuthProtocol::SHA224:
            return SHA224_Update(&c.sha256, data, size) == 1;
        case AuthProtocol::SHA256:
            return SHA256_Update(&c.sha256, data, size) == 1;
        case AuthProtocol::SHA384:
            return SHA384_Update(&c.sha512, data, size) == 1;
        case AuthProtocol::SHA512:
            return SHA512_Update(&c.sha512, data, size) == 1;
        case AuthProtocol::None:
            break;
        }
        return false;
    }

    bool final(HashContext &c, unsigned char *out) const
    {
        switch (auth) {
        case AuthProtocol::MD5:
            return MD5_Final(out, &c.md5) == 1;
        case AuthProtocol::SHA1:
            return SHA1_Final(out, &c.sha1) == 1;
        case AuthProtocol::SHA224:
            return SHA224_Final(out, &c.sha256) == 1;
        case AuthProtocol::SHA256:
            return SHA256_Final(out, &c.sha256) == 1;
        case AuthProtocol::SHA384:
            return SHA384_Final(out, &c.sha512) == 1;
        case AuthProtocol::SHA512:
            return SHA512_Final(out, &c.sha512) == 1;
        case AuthProtocol::None:
            break;
        }
        return false;
    }

    // Copies only the member in use: the union is sized for SHA-512.
    void copy(HashContext &to, const HashContext &from) const
    {
        switch (auth) {
        case AuthProtocol::MD5:
            to.md5 = from.md5;
            break;
        case AuthProtocol::SHA1:
            to.sha1 = from.sha1;
            break;
        case AuthProtocol::SHA224:
        case AuthProtocol::SHA256:
            to.sha256 = from.sha256;
            break;
        case AuthProtocol::SHA384:
        case AuthProtocol::SHA512:
        case AuthProtocol::None:
            to.sha512 = from.sha512;
            break;
        }
    }

    // The forward cipher of one or more whole blocks.
    bool forward(const unsigned char *in, size_t size, unsigned char *out) const
    {
        int length = 0;
        return EVP_EncryptUpdate(aes, out, &length, in, static_cast<int>(size)) == 1 &&
               static_cast<size_t>(length) == size;
    }
};

UsmCrypto::UsmCrypto() : d(new (m_state) State)
{
    static_assert(sizeof(State) <= kStateSize, "UsmCrypto::kStateSize is too small");
    static_assert(alignof(State) <= 16, "UsmCrypto::State needs a larger alignment");
}

UsmCrypto::~UsmCrypto()
{
    OPENSSL_cleanse(&d->inner, sizeof d->inner);
    OPENSSL_cleanse(&d->outer, sizeof d->outer);
    d->~State();
}

bool UsmCrypto::setAuthKey(AuthProtocol protocol, const unsigned char *key, size_t length)
{
    d->auth = protocol;
    const size_t block = d->blockSize();
    if (protocol == AuthProtocol::None) {
        return false;
    }
    unsigned char k[128] = {};
    if (length > block) { // RFC 2104: a key longer than the block is hashed first
        HashContext c{};
        if (!d->begin(c) || !d->update(c, key, length) || !d->final(c, k)) {
            return false;
        }
    } else {
        std::memcpy(k, key, length);
    }
    unsigned char pad[128];
    bool ok = true;
    for (size_t i = 0; i < block; ++i) {
        pad[i] = k[i] ^ 0x36;
    }
    ok = ok && d->begin(d->inner) && d->update(d->inner, pad, block);
    for (size_t i = 0; i < block; ++i) {
        pad[i] = k[i] ^ 0x5C;
    }
    ok = ok && d->begin(d->outer) && d->update(d->outer, pad, block);
    OPENSSL_cleanse(k, sizeof k);
    OPENSSL_cleanse(pad, sizeof pad);
    return ok;
}

bool UsmCrypto::setPrivKey(const unsigned char *key, size_t length)
{
    const EVP_CIPHER *cipher = length == 16   ? EVP_aes_128_ecb()
                               : length == 24 ? EVP_aes_192_ecb()
                               : length == 32 ? EVP_aes_256_ecb()
                                              : nullptr;
    if (!cipher) {
        return false;
    }
    EVP_CIPHER_CTX_free(d->aes);
    d->aes = EVP_CIPHER_CTX_new();
    if (!d->aes || EVP_EncryptInit_ex2(d->aes, cipher, key, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_set_padding(d->aes, 0) != 1) {
        EVP_CIPHER_CTX_free(d->aes);
        d->aes = nullptr;
        return false;
    }
    return true;
}

void UsmCrypto::prefetch() const
{
    const auto *p = reinterpret_cast<const char *>(d);
    for (size_t at = 0; at < sizeof(State); at += 64) {
        __builtin_prefetch(p + at);
    }
    if (d->aes) {
        __builtin_prefetch(d->aes);
    }
}

bool UsmCrypto::hasPrivacy() const
{
    return d->aes != nullptr;
}

size_t UsmCrypto::digestSize() const
{
    return d->digestSize();
}

bool UsmCrypto::hmac(const Part *parts, int count, unsigned char *out)
{
    HashContext c;
    d->copy(c, d->inner);
    for (int i = 0; i < count; ++i) {
        if (!d->update(c, parts[i].data, parts[i].size)) {
            return false;
        }
    }
    unsigned char innerDigest[64];
    if (!d->final(c, innerDigest)) {
        return false;
    }
    d->copy(c, d->outer);
    const bool ok = d->update(c, innerDigest, d->digestSize()) && d->final(c, out);
    OPENSSL_cleanse(&c, sizeof c);
    return ok;
}

// C[i] = P[i] xor E(C[i-1]), C[-1] = IV: one block after the other.
bool UsmCrypto::encrypt(const unsigned char *iv, const unsigned char *in, size_t size, unsigned char *out)
{
    if (!d->aes || size > 0x7FFFFFFF) {
        return false;
    }
    unsigned char feedback[kBlock];
    unsigned char stream[kBlock];
    std::memcpy(feedback, iv, kBlock);
    for (size_t at = 0; at < size; at += kBlock) {
        if (!d->forward(feedback, kBlock, stream)) {
            return false;
        }
        const size_t n = std::min(kBlock, size - at);
        for (size_t i = 0; i < n; ++i) {
            out[at + i] = static_cast<unsigned char>(in[at + i] ^ stream[i]);
            feedback[i] = out[at + i];
        }
    }
    return true;
}

// P[i] = C[i] xor E(C[i-1]): every cipher input is known up front, so whole
// runs of blocks go through the cipher in one call.
bool UsmCrypto::decrypt(const unsigned char *iv, const unsigned char *in, size_t size, unsigned char *out)
{
    if (!d->aes || size > 0x7FFFFFFF) {
        return false;
    }
    constexpr size_t kRun = 64 * kBlock;
    unsigned char inputs[kRun];
    unsigned char stream[kRun];
    unsigned char previous[kBlock];
    std::memcpy(previous, iv, kBlock);
    for (size_t at = 0; at < size; at += kRun) {
        const size_t n = std::min(kRun, size - at);
        const size_t blocks = (n + kBlock - 1) / kBlock;
        std::memcpy(inputs, previous, kBlock);
        if (blocks > 1) {
            std::memcpy(inputs + kBlock, in + at, (blocks - 1) * kBlock);
        }
        if (at + kRun < size) { // the next run starts from this run's last block
            std::memcpy(previous, in + at + kRun - kBlock, kBlock);
        }
        if (!d->forward(inputs, blocks * kBlock, stream)) {
            return false;
        }
        for (size_t i = 0; i < n; ++i) {
            out[at + i] = static_cast<unsigned char>(in[at + i] ^ stream[i]);
        }
    }
    return true;
}

} // namespace netgateway::snmp
