#pragma once

#include <netgateway/snmp/Credentials.h>
#include <netgateway/snmp/Value.h>

#include <QObject>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace netgateway::snmp {

// The engine's only source of time. ng_snmp does not depend on ng_core, so it
// has its own small interface; the service adapts its Clock to it, tests use a
// manual one and call SnmpEngine::processTimers() after advancing it.
class TimeSource {
public:
    virtual ~TimeSource() = default;
    // Monotonic milliseconds.
    [[nodiscard]] virtual qint64 nowMs() const = 0;
};

enum class Outcome {
    Ok,
    ErrorStatus,              // the agent answered with a non-zero error-status
    Timeout,                  // no answer after timeout x (retries + 1)
    AuthenticationFailure,    // SNMPv3: wrong auth passphrase or protocol
    PrivacyFailure,           // SNMPv3: the agent could not decrypt (wrong priv passphrase or protocol)
    UnknownUser,              // SNMPv3: the agent does not know the user
    UnsupportedSecurityLevel, // SNMPv3: the user is not configured for this level
    NotInTimeWindow,          // SNMPv3: time synchronisation failed
    ProtocolError,            // malformed answer, non-increasing walk, too many rows
    InvalidRequest,           // bad credentials or arguments; nothing was sent
    SendFailed,               // the socket refused the datagram
    Cancelled,
};
QString outcomeName(Outcome outcome);
// True for the SNMPv3 security failures (netgatewayctl exit code 4).
bool isSecurityFailure(Outcome outcome);

struct Response {
    Outcome outcome = Outcome::Ok;
    int errorStatus = 0;
    int errorIndex = 0;
    QList<VarBind> varBinds;
    QString message; // plain text for the user when outcome != Ok
};

struct WalkResult {
    Outcome outcome = Outcome::Ok;
    QList<VarBind> varBinds; // what was read, also when the walk stopped early
    QString message;
};

struct EngineOptions {
    int socketCount = 2;                    // UDP sockets shared by all agents (per address family)
    int maxInFlight = 4096;                 // requests awaiting an answer; more are queued
    int packetsPerSecond = 0;               // pacing; 0 = unlimited
    int maxWalkRows = 10000;                // a walk stops (ProtocolError) beyond this
    int bulkRepetitions = 20;               // max-repetitions used by walks on v2c/v3
    const TimeSource *timeSource = nullptr; // nullptr = steady clock
};

struct EngineStatistics {
    quint64 requestsSent = 0;
    quint64 retransmissions = 0;
    quint64 responsesMatched = 0;
    quint64 datagramsDiscarded = 0; // unparseable, unknown request id or wrong source
    quint64 timeouts = 0;
    quint64 discoveries = 0;
    quint64 keyLocalizations = 0;
    quint64 passphraseDigests = 0;
    int inFlight = 0;
    int queued = 0;
};

// Asynchronous SNMP client on Net-SNMP's encoder/decoder and USM. A handful of
// shared UDP sockets (driven by the Qt event loop's socket notifiers) carry
// every request; answers are matched by request id (msgID for v3) and source
// address. SNMPv3 engine IDs are discovered without blocking and cached per
// agent; passphrases are digested once per credential and localized once per
// engine. Handlers run on the engine's thread, never from within the call
// that submitted the request.
class SnmpEngine : public QObject {
    Q_OBJECT
public:
    using ResponseHandler = std::function<void(const Response &)>;
    using WalkHandler = std::function<void(const WalkResult &)>;

    explicit SnmpEngine(EngineOptions options = {}, QObject *parent = nullptr);
    ~SnmpEngine() override;

    // Opens the sockets. Returns false with a message when none can be opened.
    bool start(QString *error = nullptr);

    quint64 get(const Target &target, const QList<Oid> &oids, ResponseHandler handler);
    // SET of the given values in one request (all or nothing, as the agent
    // applies them). Needs write credentials; the agent's error-status comes
    // back as Outcome::ErrorStatus. Retries resend the same values.
    quint64 set(const Target &target, const QList<VarBind> &values, ResponseHandler handler);
    quint64 getNext(const Target &target, const QList<Oid> &oids, ResponseHandler handler);
    quint64 getBulk(const Target &target, int nonRepeaters, int maxRepetitions, const QList<Oid> &oids,
                    ResponseHandler handler);
    // Every OID under root in order (GETBULK on v2c/v3, GETNEXT on v1). Stops
    // with ProtocolError on a non-increasing OID or past maxWalkRows, keeping
    // what was read so far.
    quint64 walk(const Target &target, const Oid &root, WalkHandler handler);
    void cancel(quint64 requestId);

    struct EngineInfo {
        QByteArray engineId;
        quint32 boots = 0;
        quint32 time = 0;
    };
    // The cached SNMPv3 engine of an agent, if discovered.
    [[nodiscard]] std::optional<EngineInfo> engineInfo(const QHostAddress &address, quint16 port) const;
    // Drops the cached engine (e.g. after a device swap); the next v3 request rediscovers.
    void forgetEngine(const QHostAddress &address, quint16 port);

    [[nodiscard]] EngineStatistics statistics() const;
    [[nodiscard]] const EngineOptions &options() const;

    // Expires timed-out attempts now; called by the engine's own timer and by
    // tests that drive a manual TimeSource.
    void processTimers();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace netgateway::snmp
