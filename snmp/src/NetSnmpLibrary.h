#pragma once

#include <netgateway/snmp/SnmpEngine.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QString>

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
        bool withoutPrivacy = false; // send an authPriv user's request at authNoPriv
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
    bool parse(const QByteArray &datagram, Parsed &out);

    // Makes sure USM knows this user for this engine with keys from these
    // passphrases. Cheap when nothing changed.
    bool installUser(const QByteArray &engineId, const Credentials &credentials, EngineStatistics &stats,
                     QString &error);

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
    struct FastUsm;
    struct InstalledUser {
        struct usmUser *user = nullptr;
        std::shared_ptr<FastUsm> fast;
        AuthProtocol auth = AuthProtocol::None;
        PrivProtocol priv = PrivProtocol::None;
        QByteArray authPassphrase;
        QByteArray privPassphrase;
    };
    using UserKey = std::pair<QByteArray, QByteArray>;
    void activate(const QByteArray &engineId, const QByteArray &user);
    bool buildFast(const PduSpec &spec, QByteArray &packet, QString &error);
    int parseFast(const QByteArray &datagram, Parsed &out);
    bool parsePlain(const QByteArray &datagram, Parsed &out);
    bool parsePlain(u_char *data, size_t size, Parsed &out); // decodes in place
    quint64 m_salt = 0;
    // Agents' engine clocks for the fast path (Net-SNMP's own list hashes the
    // engine ID with a freshly fetched MD5 on every lookup). Filled from
    // Net-SNMP after discovery/synchronisation and from authenticated
    // responses; dropped whenever Net-SNMP handles a message of that engine.
    struct EngineClock {
        quint32 boots = 0;
        quint32 time = 0;
        qint64 atMs = 0;
    };
    QHash<QByteArray, EngineClock> m_clocks;
    quint64 m_outsideTimeWindow = 0; // authenticated responses dropped as replays
    QElapsedTimer m_monotonic;
    qint64 m_monotonicOffsetMs = 0;
    qint64 monotonicMs() const { return m_monotonic.elapsed() + m_monotonicOffsetMs; }
    QHash<UserKey, InstalledUser> m_users;
    struct usmUser *m_active = nullptr;
};

} // namespace netgateway::snmp
