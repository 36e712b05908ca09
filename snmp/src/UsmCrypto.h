#pragma once

#include <netgateway/snmp/Credentials.h>

#include <cstddef>

namespace netgateway::snmp {

// The per-message cryptography of the SNMPv3 user-based security model for
// one localized user: HMAC with MD5, SHA-1 or SHA-2 (RFC 3414, RFC 7860) and
// AES in 128-bit CFB mode (RFC 3826). Keyed once; every message then costs
// the hash and cipher work only. OpenSSL 3.0's EVP layer allocates a new
// digest context for every HMAC and re-initialises the cipher for every IV,
// which at tens of thousands of messages per second costs more than the
// cryptography itself.
class UsmCrypto {
public:
    UsmCrypto();
    ~UsmCrypto();
    UsmCrypto(const UsmCrypto &) = delete;
    UsmCrypto &operator=(const UsmCrypto &) = delete;

    // False for AuthProtocol::None or a key OpenSSL refuses.
    bool setAuthKey(AuthProtocol protocol, const unsigned char *key, size_t length);
    // AES key of 16, 24 or 32 bytes.
    bool setPrivKey(const unsigned char *key, size_t length);
    bool hasPrivacy() const;
    size_t digestSize() const; // untruncated HMAC length

    // Asks the CPU to bring the keyed state into its cache while other work
    // (encoding the PDU) goes on: with thousands of agents, each message
    // otherwise waits for that memory.
    void prefetch() const;

    // HMAC of parts[0..count); out must hold digestSize() bytes.
    struct Part {
        const unsigned char *data;
        size_t size;
    };
    bool hmac(const Part *parts, int count, unsigned char *out);

    // AES-CFB128 with the given 16-byte IV; out may equal in.
    bool encrypt(const unsigned char *iv, const unsigned char *in, size_t size, unsigned char *out);
    bool decrypt(const unsigned char *iv, const unsigned char *in, size_t size, unsigned char *out);

private:
    // Kept inline (no allocation of its own): the keyed state of every agent's
    // user is read for each message, and one cold object less per message
    // matters with thousands of agents.
    struct State;
    static constexpr size_t kStateSize = 512;
    alignas(16) unsigned char m_state[kStateSize];
    State *d;
};

} // namespace netgateway::snmp
