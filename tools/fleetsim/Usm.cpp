// Low-level DES is deprecated in OpenSSL 3 but is what SNMPv3 DES-CBC needs
// without loading the legacy provider.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "Usm.h"

#include <openssl/des.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstring>
#include <memory>

namespace fleetsim::usm {

namespace {

// Algorithms fetched once: implicit fetches on every call cost more than hashing a datagram.
const EVP_MD *md(Auth a)
{
    static const EVP_MD *const mds[] = {nullptr,
                                        EVP_MD_fetch(nullptr, "MD5", nullptr),
                                        EVP_MD_fetch(nullptr, "SHA1", nullptr),
                                        EVP_MD_fetch(nullptr, "SHA224", nullptr),
                                        EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                        EVP_MD_fetch(nullptr, "SHA384", nullptr),
                                        EVP_MD_fetch(nullptr, "SHA512", nullptr)};
    return mds[static_cast<int>(a)];
}

std::string digest(Auth a, std::string_view data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (!EVP_Digest(data.data(), data.size(), out, &n, md(a), nullptr))
        return {};
    return std::string(reinterpret_cast<char *>(out), n);
}

struct CtxDeleter {
    void operator()(EVP_CIPHER_CTX *c) const { EVP_CIPHER_CTX_free(c); }
};

EVP_CIPHER_CTX *cipherCtx()
{
    thread_local std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter> ctx(EVP_CIPHER_CTX_new());
    return ctx.get();
}

const EVP_CIPHER *aesCipher(std::size_t keyLength)
{
    static const EVP_CIPHER *const aes128 = EVP_CIPHER_fetch(nullptr, "AES-128-CFB", nullptr);
    static const EVP_CIPHER *const aes192 = EVP_CIPHER_fetch(nullptr, "AES-192-CFB", nullptr);
    static const EVP_CIPHER *const aes256 = EVP_CIPHER_fetch(nullptr, "AES-256-CFB", nullptr);
    switch (keyLength) {
    case 16:
        return aes128;
    case 24:
        return aes192;
    default:
        return aes256;
    }
}

EVP_MD_CTX *scratchMdCtx()
{
    thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    return ctx.get();
}

void putBe32(unsigned char *p, std::uint32_t v)
{
    p[0] = static_cast<unsigned char>(v >> 24);
    p[1] = static_cast<unsigned char>(v >> 16);
    p[2] = static_cast<unsigned char>(v >> 8);
    p[3] = static_cast<unsigned char>(v);
}

bool aesCfb(bool enc, std::string_view key, const unsigned char *iv, std::string_view in, std::string &out)
{
    EVP_CIPHER_CTX *ctx = cipherCtx();
    if (!ctx || !EVP_CipherInit_ex(ctx, aesCipher(key.size()), nullptr,
                                   reinterpret_cast<const unsigned char *>(key.data()), iv, enc ? 1 : 0))
        return false;
    out.resize(in.size() + 16);
    int n1 = 0, n2 = 0;
    if (!EVP_CipherUpdate(ctx, reinterpret_cast<unsigned char *>(out.data()), &n1,
                          reinterpret_cast<const unsigned char *>(in.data()), static_cast<int>(in.size())))
        return false;
    if (!EVP_CipherFinal_ex(ctx, reinterpret_cast<unsigned char *>(out.data()) + n1, &n2))
        return false;
    out.resize(static_cast<std::size_t>(n1 + n2));
    return true;
}

bool desCbc(bool enc, std::string_view key, const unsigned char *iv, std::string_view in, std::string &out)
{
    if (key.size() < 8 || in.size() % 8 != 0)
        return false;
    DES_cblock k;
    std::memcpy(k, key.data(), 8);
    DES_key_schedule ks;
    DES_set_key_unchecked(&k, &ks);
    DES_cblock ivec;
    std::memcpy(ivec, iv, 8);
    out.resize(in.size());
    DES_ncbc_encrypt(reinterpret_cast<const unsigned char *>(in.data()), reinterpret_cast<unsigned char *>(out.data()),
                     static_cast<long>(in.size()), &ks, &ivec, enc ? DES_ENCRYPT : DES_DECRYPT);
    return true;
}

} // namespace

bool parseAuth(std::string_view n, Auth &out)
{
    if (n == "none" || n == "NONE")
        out = Auth::None;
    else if (n == "MD5")
        out = Auth::Md5;
    else if (n == "SHA" || n == "SHA1" || n == "SHA-1")
        out = Auth::Sha1;
    else if (n == "SHA-224" || n == "SHA224")
        out = Auth::Sha224;
    else if (n == "SHA-256" || n == "SHA256")
        out = Auth::Sha256;
    else if (n == "SHA-384" || n == "SHA384")
        out = Auth::Sha384;
    else if (n == "SHA-512" || n == "SHA512")
        out = Auth::Sha512;
    else
        return false;
    return true;
}

bool parsePriv(std::string_view n, Priv &out)
{
    if (n == "none" || n == "NONE")
        out = Priv::None;
    else if (n == "DES")
        out = Priv::Des;
    else if (n == "AES" || n == "AES-128" || n == "AES128")
        out = Priv::Aes128;
    else if (n == "AES-192" || n == "AES192")
        out = Priv::Aes192;
    else if (n == "AES-256" || n == "AES256")
        out = Priv::Aes256;
    else if (n == "AES-192-C" || n == "AES192C")
        out = Priv::Aes192C;
    else if (n == "AES-256-C" || n == "AES256C")
        out = Priv::Aes256C;
    else
        return false;
    return true;
}

const char *authName(Auth a)
{
    static const char *names[] = {"none", "MD5", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512"};
    return names[static_cast<int>(a)];
}

const char *privName(Priv p)
{
    static const char *names[] = {"none", "DES", "AES", "AES-192", "AES-256", "AES-192-C", "AES-256-C"};
    return names[static_cast<int>(p)];
}

std::size_t digestLength(Auth a)
{
    static const std::size_t len[] = {0, 16, 20, 28, 32, 48, 64};
    return len[static_cast<int>(a)];
}

std::size_t macLength(Auth a)
{
    static const std::size_t len[] = {0, 12, 12, 16, 24, 32, 48};
    return len[static_cast<int>(a)];
}

std::size_t privKeyLength(Priv p)
{
    static const std::size_t len[] = {0, 16, 16, 24, 32, 24, 32};
    return len[static_cast<int>(p)];
}

std::string passwordToKey(Auth a, std::string_view pass)
{
    if (a == Auth::None || pass.empty())
        return {};
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx)
        return {};
    EVP_DigestInit_ex(ctx, md(a), nullptr);
    constexpr std::size_t total = 1048576;
    unsigned char chunk[64];
    std::size_t index = 0;
    for (std::size_t done = 0; done < total; done += sizeof chunk) {
        for (unsigned char &c : chunk)
            c = static_cast<unsigned char>(pass[index++ % pass.size()]);
        EVP_DigestUpdate(ctx, chunk, sizeof chunk);
    }
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx, out, &n);
    EVP_MD_CTX_free(ctx);
    return std::string(reinterpret_cast<char *>(out), n);
}

std::string localizeKey(Auth a, std::string_view ku, std::string_view engineId)
{
    if (a == Auth::None)
        return {};
    std::string buf;
    buf.reserve(ku.size() * 2 + engineId.size());
    buf.append(ku).append(engineId).append(ku);
    return digest(a, buf);
}

std::string localizedPrivKey(Auth a, Priv p, std::string_view privKu, std::string_view engineId)
{
    std::string key = localizeKey(a, privKu, engineId);
    const std::size_t need = privKeyLength(p);
    if (key.empty())
        return {};
    while (key.size() < need) {
        if (p == Priv::Aes192C || p == Priv::Aes256C)
            key += localizeKey(a, passwordToKey(a, key), engineId);
        else
            key += digest(a, key);
    }
    key.resize(need);
    return key;
}

std::string hmac(Auth a, std::string_view key, std::string_view data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (!HMAC(md(a), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char *>(data.data()),
              data.size(), out, &n))
        return {};
    return std::string(reinterpret_cast<char *>(out), std::min<std::size_t>(n, macLength(a)));
}

HmacKey::HmacKey(Auth a, std::string_view key) : m_auth(a)
{
    const EVP_MD *m = md(a);
    if (!m)
        return;
    const std::size_t block = static_cast<std::size_t>(EVP_MD_get_block_size(m));
    std::string k(key);
    if (k.size() > block)
        k = digest(a, k);
    k.resize(block, '\0');
    std::string ipad(block, '\0'), opad(block, '\0');
    for (std::size_t i = 0; i < block; ++i) {
        ipad[i] = static_cast<char>(k[i] ^ 0x36);
        opad[i] = static_cast<char>(k[i] ^ 0x5C);
    }
    m_inner = EVP_MD_CTX_new();
    m_outer = EVP_MD_CTX_new();
    if (!m_inner || !m_outer || !EVP_DigestInit_ex(m_inner, m, nullptr) ||
        !EVP_DigestUpdate(m_inner, ipad.data(), block) || !EVP_DigestInit_ex(m_outer, m, nullptr) ||
        !EVP_DigestUpdate(m_outer, opad.data(), block)) {
        EVP_MD_CTX_free(m_inner);
        EVP_MD_CTX_free(m_outer);
        m_inner = m_outer = nullptr;
    }
}

HmacKey::~HmacKey()
{
    EVP_MD_CTX_free(m_inner);
    EVP_MD_CTX_free(m_outer);
}

HmacKey::HmacKey(HmacKey &&o) noexcept : m_auth(o.m_auth), m_inner(o.m_inner), m_outer(o.m_outer)
{
    o.m_inner = o.m_outer = nullptr;
}

HmacKey &HmacKey::operator=(HmacKey &&o) noexcept
{
    if (this != &o) {
        EVP_MD_CTX_free(m_inner);
        EVP_MD_CTX_free(m_outer);
        m_auth = o.m_auth;
        m_inner = o.m_inner;
        m_outer = o.m_outer;
        o.m_inner = o.m_outer = nullptr;
    }
    return *this;
}

std::string HmacKey::mac(std::string_view data) const
{
    if (!valid())
        return {};
    EVP_MD_CTX *c = scratchMdCtx();
    unsigned char inner[EVP_MAX_MD_SIZE], out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (!EVP_MD_CTX_copy_ex(c, m_inner) || !EVP_DigestUpdate(c, data.data(), data.size()) ||
        !EVP_DigestFinal_ex(c, inner, &n) || !EVP_MD_CTX_copy_ex(c, m_outer) || !EVP_DigestUpdate(c, inner, n) ||
        !EVP_DigestFinal_ex(c, out, &n))
        return {};
    return std::string(reinterpret_cast<char *>(out), std::min<std::size_t>(n, macLength(m_auth)));
}

bool encrypt(Priv p, std::string_view key, std::uint32_t boots, std::uint32_t time, std::uint64_t salt,
             std::string_view plain, std::string &cipher, std::string &privParams)
{
    unsigned char iv[16];
    if (p == Priv::Des) {
        if (key.size() < 16)
            return false;
        unsigned char s[8];
        putBe32(s, boots);
        putBe32(s + 4, static_cast<std::uint32_t>(salt));
        for (int i = 0; i < 8; ++i)
            iv[i] = static_cast<unsigned char>(key[8 + static_cast<std::size_t>(i)]) ^ s[i];
        privParams.assign(reinterpret_cast<char *>(s), 8);
        std::string padded(plain);
        padded.resize((padded.size() + 7) / 8 * 8, '\0');
        return desCbc(true, key, iv, padded, cipher);
    }
    if (p == Priv::None)
        return false;
    putBe32(iv, boots);
    putBe32(iv + 4, time);
    for (int i = 0; i < 8; ++i)
        iv[8 + i] = static_cast<unsigned char>(salt >> (56 - 8 * i));
    privParams.assign(reinterpret_cast<char *>(iv + 8), 8);
    return aesCfb(true, key, iv, plain, cipher);
}

bool decrypt(Priv p, std::string_view key, std::uint32_t boots, std::uint32_t time, std::string_view privParams,
             std::string_view cipher, std::string &plain)
{
    if (privParams.size() != 8)
        return false;
    unsigned char iv[16];
    if (p == Priv::Des) {
        if (key.size() < 16 || cipher.size() % 8 != 0 || cipher.empty())
            return false;
        for (std::size_t i = 0; i < 8; ++i)
            iv[i] = static_cast<unsigned char>(key[8 + i] ^ privParams[i]);
        return desCbc(false, key, iv, cipher, plain);
    }
    if (p == Priv::None)
        return false;
    putBe32(iv, boots);
    putBe32(iv + 4, time);
    std::memcpy(iv + 8, privParams.data(), 8);
    return aesCfb(false, key, iv, cipher, plain);
}

} // namespace fleetsim::usm
