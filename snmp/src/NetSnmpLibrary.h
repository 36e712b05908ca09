#pragma once

#include "UsmCrypto.h"

#include <netgateway/snmp/SnmpEngine.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <cstdlib>
#include <memory>

namespace netgateway::snmp {

// The one place that talks to Net-SNMP: library start-up (no configuration
// files, no MIB loading, no persistent state), PDU encoding and decoding with
// the library's own BER and USM code, and the USM user table (keys derived
// once per passphrase and localized once per engine). Single-threaded: used
// from the thread that runs the engines.
class NetSnmpLibrary {
public:
    static NetSnmpLibrary &instance();

    // One localized user for one engine. Whoever sends to that engine keeps
    // the handle, so the per-message work needs no look-ups by engine ID and
    // user name (each a hash of both strings and a walk of cold memory).
    struct InstalledUser;
    struct FastUsm;
    using UserHandle = std::shared_ptr<InstalledUser>;

    enum class PduType { Get, GetNext, GetBulk, Set, Discovery };
    struct PduSpec {
        PduType type = PduType::Get;
        qint32 requestId = 0;
        const QList<Oid> *oids = nullptr;
        const QList<VarBind> *values = nullptr; // Set: one value per OID, same order
        int nonRepeaters = 0;
        int maxRepetitions = 0;
        const Credentials *credentials = nullptr;
        QByteArray engineId;
        bool withoutPrivacy = false;         // send an authPriv user's request at authNoPriv
        const InstalledUser *user = nullptr; // from installUser(), for this engine ID and credentials
    };
    bool build(const PduSpec &spec, QByteArray &packet, QString &error);

    struct Parsed {
        Version version = Version::V2c;
        qint32 requestId = 0;
        qint32 msgId = 0;
        bool isReport = false;
        bool reportIsUnknownEngine = false;
        Outcome reportOutcome = Outcome::Ok;
        QString reportText;
        int errorStatus = 0;
        int errorIndex = 0;
        QByteArray engineId;
        QList<VarBind> varBinds;
    };
    // False when the datagram is not an SNMP message this manager can read
    // (malformed, unknown user, failed authentication of a response...).
    // expected: the user of the request this answers, when the caller knows
    // it; a message of another engine or user is still read.
    bool parse(const QByteArray &datagram, Parsed &out, const InstalledUser *expected = nullptr);
    // The msgID of an SNMPv3 message (false for anything else).
    static bool peekMessageId(const QByteArray &datagram, qint32 &msgId);

    // Makes sure USM knows this user for this engine with keys from these
    // passphrases. Cheap when nothing changed; cheaper still when *cached
    // already holds this user (checked without a look-up). On success
    // *cached (if given) holds the installed user.
    bool installUser(const QByteArray &engineId, const Credentials &credentials, EngineStatistics &stats,
                     QString &error, UserHandle *cached = nullptr);

    void engineTime(const QByteArray &engineId, quint32 &boots, quint32 &time);

    // Authenticated responses dropped because they were older than the time
    // window (replays).
    quint64 responsesOutsideTimeWindow() const { return m_outsideTimeWindow; }
    // Tests move the library's monotonic clock forward by this many ms.
    void advanceMonotonicForTesting(qint64 ms) { m_monotonicOffsetMs += ms; }

    ~NetSnmpLibrary();
    NetSnmpLibrary(const NetSnmpLibrary &) = delete;
    NetSnmpLibrary &operator=(const NetSnmpLibrary &) = delete;

private:
    NetSnmpLibrary();
    QByteArray masterKey(AuthProtocol hash, const QByteArray &passphrase, EngineStatistics &stats);

    netsnmp_session m_buildSession{};
    netsnmp_session m_parseSession{};
    QHash<QByteArray, QByteArray> m_masterKeys; // digest of (hash, passphrase) -> Ku
    // Every localized user, keyed by (engine ID, user name). Net-SNMP looks
    // users up by a linear walk of its list (a string compare per entry, several
    // times per message), so only the user of the message at hand is kept in
    // that list: activate() swaps it in before a message is built or parsed.
    // Pre-keyed OpenSSL contexts for the USM per-message work (HMAC, AES-CFB)
    // of a user with an HMAC authentication and no or AES privacy protocol:
    // Net-SNMP fetches the algorithms and builds new contexts for every
    // message, which costs more than the whole rest of a request.
    struct EngineClock;
    using UserKey = std::pair<QByteArray, QByteArray>;
    void activate(const QByteArray &engineId, const QByteArray &user);
    bool buildFast(const PduSpec &spec, QByteArray &packet, QString &error);
    struct FreeBuffer {
        void operator()(u_char *p) const { std::free(p); }
    };
    struct Encoded {
        std::unique_ptr<u_char, FreeBuffer> buffer;
        const u_char *message = nullptr;
        size_t size = 0;
    };
    // Encodes with Net-SNMP's BER and USM code.
    bool encode(const PduSpec &spec, Encoded &encoded, QString &error);
    int parseFast(const QByteArray &datagram, Parsed &out, const InstalledUser *expected);
    bool parsePlain(const QByteArray &datagram, Parsed &out);
    bool parsePlain(u_char *data, size_t size, Parsed &out); // decodes in place
    quint64 m_salt = 0;
    // Agents' engine clocks for the fast path (Net-SNMP's own list hashes the
    // engine ID with a freshly fetched MD5 on every lookup), shared by the
    // users of that engine. Seeded from Net-SNMP after discovery or
    // synchronisation, advanced by authenticated responses, and marked stale
    // whenever Net-SNMP handles a message of that engine.
    QHash<QByteArray, std::shared_ptr<EngineClock>> m_clocks;
    std::shared_ptr<EngineClock> clockFor(const QByteArray &engineId);
    quint64 m_outsideTimeWindow = 0; // authenticated responses dropped as replays
    QElapsedTimer m_monotonic;
    qint64 m_monotonicOffsetMs = 0;
    qint64 monotonicMs() const { return m_monotonic.elapsed() + m_monotonicOffsetMs; }
    QHash<UserKey, UserHandle> m_users;
    struct usmUser *m_active = nullptr;
};

struct NetSnmpLibrary::EngineClock {
    bool valid = false;
    quint32 boots = 0;
    quint32 time = 0;
    qint64 atMs = 0;
};

// Pre-keyed USM cryptography (HMAC, AES-CFB) of a user with an HMAC
// authentication and no or AES privacy protocol: Net-SNMP fetches the
// algorithms and builds new contexts for every message, which costs more than
// the whole rest of a request.
struct NetSnmpLibrary::FastUsm {
    UsmCrypto crypto;
    int macLength = 0; // truncated HMAC length in msgAuthenticationParameters
    bool privacy = false;
    bool ready = false;

    bool init(const struct usmUser *user, const Credentials &c);
    // HMAC of the whole message with the authentication parameters at
    // authOffset taken as zeros (RFC 3414 6.3.1 / 7.3.1).
    bool digest(const QByteArray &message, qsizetype authOffset, unsigned char *out, size_t outSize);
    // HMAC of a message whose authentication parameters are already zeros.
    bool digest(const unsigned char *message, size_t size, unsigned char *out, size_t outSize);
    // AES-CFB128 with the RFC 3826 IV: boots, time, 64-bit salt.
    bool crypt(bool encrypting, quint32 boots, quint32 time, const unsigned char *salt, const unsigned char *in,
               size_t size, unsigned char *out);
};

struct NetSnmpLibrary::InstalledUser {
    QByteArray engineId;
    QByteArray name;
    struct usmUser *user = nullptr; // null once replaced by other keys for the same name
    FastUsm fast;                   // usable when fast.ready
    std::shared_ptr<EngineClock> clock;
    AuthProtocol auth = AuthProtocol::None;
    PrivProtocol priv = PrivProtocol::None;
    QByteArray authPassphrase;
    QByteArray privPassphrase;

    // Same keys: compares the data pointers first, as requests to one agent
    // usually share their credentials' bytes.
    bool matches(const QByteArray &engine, const Credentials &c) const;
    // Starts loading what reading an answer for this user touches (see
    // UsmCrypto::prefetch), to be called as soon as the answer's user is known.
    void prefetch() const;
};

} // namespace netgateway::snmp
