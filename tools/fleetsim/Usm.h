#pragma once

// SNMPv3 User-based Security Model primitives (RFC 3414, RFC 3826, RFC 7860 and
// the two AES-192/256 key-extension drafts), built on OpenSSL.

#include <cstdint>
#include <string>
#include <string_view>

#include <openssl/types.h>

namespace fleetsim::usm {

enum class Auth { None, Md5, Sha1, Sha224, Sha256, Sha384, Sha512 };
// Aes192/Aes256 extend short keys as draft-blumenthal-aes-usm-04 (net-snmp "AES-192"/"AES-256");
// Aes192C/Aes256C as draft-reeder-snmpv3-usm-3desede-00 (net-snmp "AES-192-C"/"AES-256-C", Cisco).
enum class Priv { None, Des, Aes128, Aes192, Aes256, Aes192C, Aes256C };

bool parseAuth(std::string_view name, Auth &out);
bool parsePriv(std::string_view name, Priv &out);
const char *authName(Auth a);
const char *privName(Priv p);

std::size_t digestLength(Auth a); // full hash output
std::size_t macLength(Auth a);    // truncated HMAC carried in msgAuthenticationParameters
std::size_t privKeyLength(Priv p);

// RFC 3414 A.2 password-to-key (1 MiB of repeated passphrase hashed).
std::string passwordToKey(Auth a, std::string_view passphrase);
// Kul = H(Ku || engineID || Ku).
std::string localizeKey(Auth a, std::string_view ku, std::string_view engineId);
// Localized privacy key of the length the cipher needs, extended when the hash is too short.
std::string localizedPrivKey(Auth a, Priv p, std::string_view privKu, std::string_view engineId);

// Truncated HMAC over `data` with the localized authentication key.
std::string hmac(Auth a, std::string_view key, std::string_view data);

// HMAC with the key's inner and outer pad already hashed: what the per-packet
// path uses once a key is localized (about half the work of hmac()).
class HmacKey {
public:
    HmacKey() = default;
    HmacKey(Auth a, std::string_view key);
    ~HmacKey();
    HmacKey(HmacKey &&o) noexcept;
    HmacKey &operator=(HmacKey &&o) noexcept;
    HmacKey(const HmacKey &) = delete;
    HmacKey &operator=(const HmacKey &) = delete;

    [[nodiscard]] bool valid() const { return m_inner != nullptr; }
    // Truncated MAC (macLength(auth) octets) of `data`.
    std::string mac(std::string_view data) const;

private:
    Auth m_auth = Auth::None;
    EVP_MD_CTX *m_inner = nullptr;
    EVP_MD_CTX *m_outer = nullptr;
};

// Encrypts a scoped PDU. `salt` is a per-engine counter; `privParams` receives msgPrivacyParameters.
bool encrypt(Priv p, std::string_view key, std::uint32_t boots, std::uint32_t time, std::uint64_t salt,
             std::string_view plain, std::string &cipher, std::string &privParams);
bool decrypt(Priv p, std::string_view key, std::uint32_t boots, std::uint32_t time, std::string_view privParams,
             std::string_view cipher, std::string &plain);

} // namespace fleetsim::usm
