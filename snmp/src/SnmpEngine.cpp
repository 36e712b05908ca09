#include <netgateway/snmp/SnmpEngine.h>

#include "NetSnmpLibrary.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMetaObject>
#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QTimer>
#include <QUdpSocket>
#include <QVariant>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <queue>
#include <unordered_map>
#include <vector>

namespace netgateway::snmp {

namespace {

class SteadyTimeSource final : public TimeSource {
public:
    qint64 nowMs() const override
    {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
};

QHostAddress normalized(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

// An agent is an address (IPv4-mapped IPv6 taken as IPv4) and a port. Kept
// as numbers: it is built for every request and hashed on every v3 send.
struct AgentKey {
    quint64 high = 0;
    quint64 low = 0;
    quint16 port = 0;
    bool v4 = false;
    QString scope; // IPv6 zone, usually empty

    friend bool operator==(const AgentKey &a, const AgentKey &b)
    {
        return a.low == b.low && a.high == b.high && a.port == b.port && a.v4 == b.v4 && a.scope == b.scope;
    }
};

size_t qHash(const AgentKey &k, size_t seed = 0)
{
    return qHashMulti(seed, k.high, k.low, k.port, k.v4, k.scope);
}

AgentKey agentKey(const QHostAddress &address, quint16 port)
{
    AgentKey k;
    k.port = port;
    const quint32 v4 = address.toIPv4Address(&k.v4);
    if (k.v4) {
        k.low = v4;
        return k;
    }
    const Q_IPV6ADDR v6 = address.toIPv6Address();
    for (int i = 0; i < 8; ++i) {
        k.high = (k.high << 8) | v6[i];
        k.low = (k.low << 8) | v6[8 + i];
    }
    k.scope = address.scopeId();
    return k;
}

QString endpoint(const Target &target)
{
    const QHostAddress a = normalized(target.address);
    return a.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]:%2").arg(a.toString()).arg(target.port)
                                                         : QStringLiteral("%1:%2").arg(a.toString()).arg(target.port);
}

enum class Kind { Get, GetNext, GetBulk, Set, Discovery };

struct Request {
    quint64 id = 0;
    Kind kind = Kind::Get;
    Target target;
    QList<Oid> oids;
    QList<VarBind> values; // Set only
    int nonRepeaters = 0;
    int maxRepetitions = 0;
    SnmpEngine::ResponseHandler handler;
    int attemptsLeft = 1;
    qint32 wireId = 0;
    qint64 deadline = 0;
    quint32 serial = 0;
    bool inFlight = false;
    bool timeResynced = false;
    bool rediscovered = false;
    bool privacyProbe = false; // resent at authNoPriv to tell a privacy failure from silence
    int socketIndex = 0;
    AgentKey agent;
    NetSnmpLibrary::UserHandle user; // v3: the localized user for the agent's engine
};

struct Agent {
    QByteArray engineId;
    quint64 discoveryRequest = 0;
    QList<quint64> waiting;
    NetSnmpLibrary::UserHandle user; // the last user installed for this engine
};

struct Deadline {
    qint64 at;
    quint64 id;
    quint32 serial;
    friend bool operator>(const Deadline &a, const Deadline &b) { return a.at > b.at; }
};

struct WalkState {
    quint64 walkId = 0;
    quint64 current = 0;
    Target target;
    Oid root;
    Oid last;
    QList<VarBind> rows;
    SnmpEngine::WalkHandler handler;
};

} // namespace

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Ok:
        return QStringLiteral("ok");
    case Outcome::ErrorStatus:
        return QStringLiteral("error-status");
    case Outcome::Timeout:
        return QStringLiteral("timeout");
    case Outcome::AuthenticationFailure:
        return QStringLiteral("authentication failure");
    case Outcome::PrivacyFailure:
        return QStringLiteral("privacy failure");
    case Outcome::UnknownUser:
        return QStringLiteral("unknown user");
    case Outcome::UnsupportedSecurityLevel:
        return QStringLiteral("unsupported security level");
    case Outcome::NotInTimeWindow:
        return QStringLiteral("not in time window");
    case Outcome::ProtocolError:
        return QStringLiteral("protocol error");
    case Outcome::InvalidRequest:
        return QStringLiteral("invalid request");
    case Outcome::SendFailed:
        return QStringLiteral("send failed");
    case Outcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

bool isSecurityFailure(Outcome outcome)
{
    return outcome == Outcome::AuthenticationFailure || outcome == Outcome::PrivacyFailure ||
           outcome == Outcome::UnknownUser || outcome == Outcome::UnsupportedSecurityLevel ||
           outcome == Outcome::NotInTimeWindow;
}

class SnmpEngine::Private {
public:
    Private(SnmpEngine *q, EngineOptions o) : q(q), options(std::move(o))
    {
        if (!options.timeSource) {
            options.timeSource = &steady;
        }
        options.socketCount = std::clamp(options.socketCount, 1, 64);
        options.maxInFlight = std::max(1, options.maxInFlight);
        options.maxWalkRows = std::max(1, options.maxWalkRows);
        options.bulkRepetitions = std::clamp(options.bulkRepetitions, 1, 100);
        nextWireId = static_cast<qint32>(QRandomGenerator::global()->bounded(1, 0x3FFFFFFF));
        timer.setSingleShot(true);
        pacingTimer.setSingleShot(true);
    }

    SnmpEngine *q;
    EngineOptions options;
    SteadyTimeSource steady;
    std::vector<std::unique_ptr<QUdpSocket>> sockets;
    QTimer timer;
    QTimer pacingTimer;
    quint64 nextId = 1;
    qint32 nextWireId = 1;
    std::unordered_map<quint64, Request> requests;
    QHash<qint32, quint64> byWireId;
    std::deque<quint64> queue;
    std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> deadlines;
    QHash<AgentKey, Agent> agents;
    std::unordered_map<quint64, std::shared_ptr<WalkState>> walks;
    EngineStatistics stats;
    double tokens = 0;
    qint64 tokensAt = 0;
    int inFlight = 0;
    bool pumpScheduled = false;

    qint64 now() const { return options.timeSource->nowMs(); }

    qint32 allocateWireId()
    {
        for (;;) {
            const qint32 id = nextWireId;
            nextWireId = nextWireId >= 0x7FFFFFFE ? 1 : nextWireId + 1;
            if (!byWireId.contains(id)) {
                return id;
            }
        }
    }

    void deliverLater(SnmpEngine::ResponseHandler handler, Response response)
    {
        QMetaObject::invokeMethod(
            q, [handler = std::move(handler), response = std::move(response)] { handler(response); },
            Qt::QueuedConnection);
    }

    quint64 submit(Kind kind, const Target &target, const QList<Oid> &oids, int nonRepeaters, int maxRepetitions,
                   SnmpEngine::ResponseHandler handler, const QList<VarBind> &values = {})
    {
        const quint64 id = nextId++;
        QString problem = target.credentials.validate();
        if (problem.isEmpty() && target.address.isNull()) {
            problem = QStringLiteral("no address given");
        }
        if (problem.isEmpty() && kind != Kind::Discovery && (oids.isEmpty() || oids.size() > 128)) {
            problem = QStringLiteral("a request needs 1 to 128 OIDs");
        }
        if (problem.isEmpty() && kind == Kind::GetBulk && target.credentials.version == Version::V1) {
            problem = QStringLiteral("GETBULK is not part of SNMPv1");
        }
        if (problem.isEmpty() && sockets.empty()) {
            problem = QStringLiteral("the SNMP engine has not been started");
        }
        if (!problem.isEmpty()) {
            Response r;
            r.outcome = Outcome::InvalidRequest;
            r.message = problem;
            deliverLater(std::move(handler), std::move(r));
            return id;
        }
        Request r;
        r.id = id;
        r.kind = kind;
        r.target = target;
        r.target.timeoutMs = std::clamp(target.timeoutMs, 10, 600000);
        r.target.retries = std::clamp(target.retries, 0, 20);
        r.oids = oids;
        r.values = values;
        r.nonRepeaters = std::clamp(nonRepeaters, 0, 128);
        r.maxRepetitions = std::clamp(maxRepetitions, 0, 1000);
        r.handler = std::move(handler);
        r.attemptsLeft = r.target.retries + 1;
        r.agent = agentKey(target.address, target.port);
        requests.emplace(id, std::move(r));
        queue.push_back(id);
        schedulePump();
        return id;
    }

    // One posted pump serves every request submitted or finished meanwhile.
    void schedulePump()
    {
        if (pumpScheduled) {
            return;
        }
        pumpScheduled = true;
        QMetaObject::invokeMethod(
            q,
            [this] {
                pumpScheduled = false;
                pump();
            },
            Qt::QueuedConnection);
    }

    bool takeToken()
    {
        if (options.packetsPerSecond <= 0) {
            return true;
        }
        const qint64 t = now();
        const double capacity = std::max(1.0, options.packetsPerSecond / 50.0);
        if (tokensAt == 0) {
            tokens = capacity;
        } else {
            tokens = std::min(capacity, tokens + static_cast<double>(t - tokensAt) * options.packetsPerSecond / 1000.0);
        }
        tokensAt = t;
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        const int wait = std::max(1, static_cast<int>((1.0 - tokens) * 1000.0 / options.packetsPerSecond));
        if (!pacingTimer.isActive()) {
            pacingTimer.start(wait);
        }
        return false;
    }

    void pump()
    {
        while (!queue.empty() && inFlight < options.maxInFlight) {
            const quint64 id = queue.front();
            auto it = requests.find(id);
            if (it == requests.end()) {
                queue.pop_front();
                continue;
            }
            if (!takeToken()) {
                break;
            }
            queue.pop_front();
            dispatch(it->second);
        }
        stats.queued = static_cast<int>(queue.size());
    }

    // Sends a request the first time, via discovery when its v3 engine is unknown.
    void dispatch(Request &r)
    {
        if (r.target.credentials.version == Version::V3 && r.kind != Kind::Discovery) {
            Agent &agent = agents[r.agent];
            if (agent.engineId.isEmpty()) {
                agent.waiting.append(r.id);
                if (!agent.discoveryRequest) {
                    startDiscovery(r, agent);
                }
                return;
            }
            QString error;
            if (!NetSnmpLibrary::instance().installUser(agent.engineId, r.target.credentials, stats, error,
                                                        &agent.user)) {
                fail(r.id, Outcome::InvalidRequest, error);
                return;
            }
            r.user = agent.user;
        }
        r.wireId = allocateWireId();
        r.socketIndex = static_cast<int>(static_cast<quint32>(r.wireId) % sockets.size());
        byWireId.insert(r.wireId, r.id);
        r.inFlight = true;
        ++inFlight;
        stats.inFlight = inFlight;
        transmit(r);
    }

    void startDiscovery(const Request &trigger, Agent &agent)
    {
        Request d;
        d.id = nextId++;
        d.kind = Kind::Discovery;
        d.target = trigger.target;
        d.attemptsLeft = d.target.retries + 1;
        d.agent = trigger.agent;
        agent.discoveryRequest = d.id;
        ++stats.discoveries;
        const quint64 id = d.id;
        requests.emplace(id, std::move(d));
        dispatch(requests.at(id));
    }

    void transmit(Request &r)
    {
        QByteArray packet;
        QString error;
        QByteArray engineId;
        if (r.kind != Kind::Discovery && r.user) {
            // A view: r.user keeps the bytes alive while the request is built.
            engineId = QByteArray::fromRawData(r.user->engineId.constData(), r.user->engineId.size());
        } else if (r.kind != Kind::Discovery) {
            const auto agent = agents.constFind(r.agent);
            if (agent != agents.cend()) {
                engineId = agent->engineId;
            }
        }
        NetSnmpLibrary::PduSpec spec;
        spec.type = r.kind == Kind::Get       ? NetSnmpLibrary::PduType::Get
                    : r.kind == Kind::GetNext ? NetSnmpLibrary::PduType::GetNext
                    : r.kind == Kind::GetBulk ? NetSnmpLibrary::PduType::GetBulk
                    : r.kind == Kind::Set     ? NetSnmpLibrary::PduType::Set
                                              : NetSnmpLibrary::PduType::Discovery;
        spec.requestId = r.wireId;
        spec.oids = r.kind == Kind::Set ? nullptr : &r.oids;
        spec.values = &r.values;
        spec.nonRepeaters = r.nonRepeaters;
        spec.maxRepetitions = r.maxRepetitions;
        spec.credentials = &r.target.credentials;
        spec.engineId = std::move(engineId);
        spec.withoutPrivacy = r.privacyProbe;
        spec.user = r.kind == Kind::Discovery ? nullptr : r.user.get();
        if (!NetSnmpLibrary::instance().build(spec, packet, error)) {
            fail(r.id, Outcome::InvalidRequest, error);
            return;
        }
        QUdpSocket *socket = sockets[static_cast<size_t>(r.socketIndex)].get();
        if (socket->writeDatagram(packet, r.target.address, r.target.port) < 0) {
            // A refused send (e.g. no route) counts as a lost attempt; the
            // timeout then retries or reports the agent unreachable.
            error = socket->errorString();
        }
        ++stats.requestsSent;
        r.deadline = now() + r.target.timeoutMs;
        ++r.serial;
        deadlines.push({r.deadline, r.id, r.serial});
        armTimer();
    }

    void armTimer()
    {
        while (!deadlines.empty()) {
            const Deadline &top = deadlines.top();
            auto it = requests.find(top.id);
            if (it == requests.end() || !it->second.inFlight || it->second.serial != top.serial) {
                deadlines.pop();
                continue;
            }
            const qint64 wait = std::max<qint64>(0, top.at - now());
            if (!timer.isActive() || timer.remainingTime() > wait) {
                timer.start(static_cast<int>(std::min<qint64>(wait, 600000)));
            }
            return;
        }
        timer.stop();
    }

    void processTimers()
    {
        const qint64 t = now();
        while (!deadlines.empty() && deadlines.top().at <= t) {
            const Deadline top = deadlines.top();
            deadlines.pop();
            auto it = requests.find(top.id);
            if (it == requests.end() || !it->second.inFlight || it->second.serial != top.serial) {
                continue;
            }
            Request &r = it->second;
            if (r.attemptsLeft > 1) {
                --r.attemptsLeft;
                ++stats.retransmissions;
                transmit(r);
                continue;
            }
            if (r.kind != Kind::Discovery && !r.privacyProbe && r.target.credentials.version == Version::V3 &&
                r.target.credentials.securityLevel() == SecurityLevel::AuthPriv &&
                !agents.value(r.agent).engineId.isEmpty()) {
                // Agents drop what they cannot decrypt without a report (snmpd
                // does). One authNoPriv request tells a wrong privacy passphrase
                // or protocol (authenticated answer) from an agent gone silent.
                r.privacyProbe = true;
                transmit(r);
                continue;
            }
            ++stats.timeouts;
            const int attempts = r.target.retries + 1;
            fail(r.id, Outcome::Timeout,
                 QStringLiteral("no answer from %1 after %2 attempt%3 of %4 ms")
                     .arg(endpoint(r.target))
                     .arg(attempts)
                     .arg(attempts == 1 ? QString() : QStringLiteral("s"))
                     .arg(r.target.timeoutMs));
        }
        armTimer();
        pump();
    }

    // Removes a request and calls its handler (unless it is a discovery, whose
    // waiters are failed or released instead).
    void finish(quint64 id, Response response)
    {
        auto it = requests.find(id);
        if (it == requests.end()) {
            return;
        }
        Request r = std::move(it->second);
        requests.erase(it);
        if (r.inFlight) {
            byWireId.remove(r.wireId);
            --inFlight;
            stats.inFlight = inFlight;
        }
        if (r.kind == Kind::Discovery) {
            auto agentIt = agents.find(r.agent);
            if (agentIt == agents.end()) {
                return;
            }
            agentIt->discoveryRequest = 0;
            const QList<quint64> waiting = std::exchange(agentIt->waiting, {});
            for (const quint64 w : waiting) {
                if (response.outcome == Outcome::Ok) {
                    auto wit = requests.find(w);
                    if (wit != requests.end()) {
                        dispatch(wit->second);
                    }
                } else {
                    fail(w, response.outcome, response.message);
                }
            }
            return;
        }
        if (r.handler) {
            r.handler(response);
        }
        schedulePump();
    }

    void fail(quint64 id, Outcome outcome, const QString &message)
    {
        Response r;
        r.outcome = outcome;
        r.message = message;
        finish(id, std::move(r));
    }

    QString securityMessage(Outcome outcome, const Request &r) const
    {
        const QString user = QString::fromUtf8(r.target.credentials.user);
        switch (outcome) {
        case Outcome::AuthenticationFailure:
            return QStringLiteral("authentication failed: wrong passphrase or protocol for user %1").arg(user);
        case Outcome::PrivacyFailure:
            return QStringLiteral("privacy failed: wrong privacy passphrase or protocol for user %1").arg(user);
        case Outcome::UnknownUser:
            return QStringLiteral("authentication failed: %1 does not know user %2").arg(endpoint(r.target), user);
        case Outcome::UnsupportedSecurityLevel:
            return QStringLiteral("authentication failed: user %1 is not configured for this security level on %2")
                .arg(user, endpoint(r.target));
        case Outcome::NotInTimeWindow:
            return QStringLiteral("authentication failed: could not synchronise with the engine time of %1")
                .arg(endpoint(r.target));
        default:
            return outcomeName(outcome);
        }
    }

    void onReadyRead(QUdpSocket *socket)
    {
        while (socket->hasPendingDatagrams()) {
            QNetworkDatagram datagram = socket->receiveDatagram();
            if (!datagram.isValid()) {
                break;
            }
            handleDatagram(datagram);
        }
        pump();
        armTimer();
    }

    void handleDatagram(const QNetworkDatagram &datagram)
    {
        const QByteArray data = datagram.data();
        // An SNMPv3 answer names its request in the clear: its user then
        // comes with it instead of being looked up by engine ID and name.
        qint32 peekedId = 0;
        auto it = requests.end();
        if (NetSnmpLibrary::peekMessageId(data, peekedId)) {
            const auto wit = byWireId.constFind(peekedId);
            if (wit != byWireId.cend()) {
                it = requests.find(wit.value());
                if (it != requests.end() && it->second.user) {
                    it->second.user->prefetch();
                }
            }
        }
        NetSnmpLibrary::Parsed parsed;
        if (!NetSnmpLibrary::instance().parse(data, parsed, it != requests.end() ? it->second.user.get() : nullptr)) {
            ++stats.datagramsDiscarded;
            return;
        }
        const qint32 wireId = parsed.version == Version::V3 ? parsed.msgId : parsed.requestId;
        if (it == requests.end() || parsed.version != Version::V3 || wireId != peekedId) {
            const auto wit = byWireId.constFind(wireId);
            if (wit == byWireId.cend()) {
                ++stats.datagramsDiscarded;
                return;
            }
            it = requests.find(wit.value());
            if (it == requests.end()) {
                ++stats.datagramsDiscarded;
                return;
            }
        }
        Request &r = it->second;
        if (normalized(datagram.senderAddress()) != normalized(r.target.address) ||
            datagram.senderPort() != r.target.port || parsed.version != r.target.credentials.version) {
            ++stats.datagramsDiscarded;
            return;
        }
        ++stats.responsesMatched;
        if (r.kind == Kind::Discovery) {
            if (parsed.engineId.isEmpty() || parsed.engineId.size() > 32) {
                fail(r.id, Outcome::ProtocolError,
                     QStringLiteral("%1 answered SNMPv3 discovery without a usable engine ID").arg(endpoint(r.target)));
                return;
            }
            agents[r.agent].engineId = parsed.engineId;
            finish(r.id, Response{});
            return;
        }
        if (r.privacyProbe) {
            const Outcome outcome = parsed.isReport && parsed.reportOutcome == Outcome::AuthenticationFailure
                                        ? Outcome::AuthenticationFailure
                                        : Outcome::PrivacyFailure;
            fail(r.id, outcome, securityMessage(outcome, r));
            return;
        }
        if (parsed.isReport) {
            Outcome outcome = parsed.reportOutcome;
            if (outcome == Outcome::NotInTimeWindow && !r.timeResynced) {
                // The authenticated report carried the agent's boots/time; the
                // library has stored them, so a resend is now in the window.
                r.timeResynced = true;
                transmit(r);
                return;
            }
            if (parsed.reportIsUnknownEngine && !r.rediscovered) {
                // The device behind the address changed (e.g. swapped): learn the new engine.
                r.rediscovered = true;
                byWireId.remove(r.wireId);
                r.inFlight = false;
                --inFlight;
                Agent &agent = agents[r.agent];
                agent.engineId.clear();
                agent.waiting.append(r.id);
                if (!agent.discoveryRequest) {
                    startDiscovery(r, agent);
                }
                return;
            }
            if (outcome == Outcome::Ok) {
                outcome = Outcome::ProtocolError;
            }
            fail(r.id, outcome,
                 isSecurityFailure(outcome)
                     ? securityMessage(outcome, r)
                     : QStringLiteral("%1 answered with a report: %2").arg(endpoint(r.target), parsed.reportText));
            return;
        }
        Response response;
        response.errorStatus = parsed.errorStatus;
        response.errorIndex = parsed.errorIndex;
        response.varBinds = std::move(parsed.varBinds);
        if (parsed.errorStatus != 0) {
            response.outcome = Outcome::ErrorStatus;
            response.message = QStringLiteral("%1 answered with error-status %2 at index %3")
                                   .arg(endpoint(r.target))
                                   .arg(parsed.errorStatus)
                                   .arg(parsed.errorIndex);
        }
        finish(r.id, std::move(response));
    }

    void walkStep(const std::shared_ptr<WalkState> &st)
    {
        auto handler = [this, st](const Response &response) { walkReply(st, response); };
        if (st->target.credentials.version == Version::V1) {
            st->current = submit(Kind::GetNext, st->target, {st->last}, 0, 0, std::move(handler));
        } else {
            st->current = submit(Kind::GetBulk, st->target, {st->last}, 0, options.bulkRepetitions, std::move(handler));
        }
    }

    void walkDone(const std::shared_ptr<WalkState> &st, Outcome outcome, const QString &message)
    {
        if (walks.erase(st->walkId) == 0) {
            return;
        }
        WalkResult result;
        result.outcome = outcome;
        result.message = message;
        result.varBinds = std::move(st->rows);
        st->handler(result);
    }

    void walkReply(const std::shared_ptr<WalkState> &st, const Response &response)
    {
        if (!walks.count(st->walkId)) {
            return;
        }
        if (response.outcome != Outcome::Ok) {
            // v1 agents signal the end of the MIB with noSuchName (2).
            if (response.outcome == Outcome::ErrorStatus && response.errorStatus == 2 &&
                st->target.credentials.version == Version::V1) {
                walkDone(st, Outcome::Ok, {});
                return;
            }
            walkDone(st, response.outcome, response.message);
            return;
        }
        for (const VarBind &vb : response.varBinds) {
            if (vb.value.type == Value::Type::EndOfMibView || !vb.oid.startsWith(st->root) ||
                vb.value.type == Value::Type::NoSuchObject || vb.value.type == Value::Type::NoSuchInstance) {
                walkDone(st, Outcome::Ok, {});
                return;
            }
            if (!(st->last < vb.oid)) {
                walkDone(st, Outcome::ProtocolError,
                         QStringLiteral("%1 returned OID %2 after %3 (not increasing); the walk of %4 stopped there")
                             .arg(endpoint(st->target), vb.oid.toString(), st->last.toString(), st->root.toString()));
                return;
            }
            st->rows.append(vb);
            st->last = vb.oid;
            if (st->rows.size() >= options.maxWalkRows) {
                walkDone(st, Outcome::ProtocolError,
                         QStringLiteral("the walk of %1 on %2 stopped after %3 rows")
                             .arg(st->root.toString(), endpoint(st->target))
                             .arg(options.maxWalkRows));
                return;
            }
        }
        if (response.varBinds.isEmpty()) {
            walkDone(st, Outcome::Ok, {});
            return;
        }
        walkStep(st);
    }
};

SnmpEngine::SnmpEngine(EngineOptions options, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, std::move(options)))
{
    NetSnmpLibrary::instance();
    connect(&d->timer, &QTimer::timeout, this, [this] { d->processTimers(); });
    connect(&d->pacingTimer, &QTimer::timeout, this, [this] { d->pump(); });
}

SnmpEngine::~SnmpEngine() = default;

bool SnmpEngine::start(QString *error)
{
    if (!d->sockets.empty()) {
        return true;
    }
    for (int i = 0; i < d->options.socketCount; ++i) {
        auto socket = std::make_unique<QUdpSocket>();
        if (!socket->bind(QHostAddress::Any, 0) && !socket->bind(QHostAddress::AnyIPv4, 0)) {
            if (error) {
                *error = QStringLiteral("cannot open a UDP socket: %1").arg(socket->errorString());
            }
            d->sockets.clear();
            return false;
        }
        socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, QVariant(4 * 1024 * 1024));
        socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, QVariant(4 * 1024 * 1024));
        QUdpSocket *raw = socket.get();
        connect(raw, &QUdpSocket::readyRead, this, [this, raw] { d->onReadyRead(raw); });
        d->sockets.push_back(std::move(socket));
    }
    return true;
}

quint64 SnmpEngine::get(const Target &target, const QList<Oid> &oids, ResponseHandler handler)
{
    return d->submit(Kind::Get, target, oids, 0, 0, std::move(handler));
}

quint64 SnmpEngine::set(const Target &target, const QList<VarBind> &values, ResponseHandler handler)
{
    QList<Oid> oids;
    for (const VarBind &vb : values) {
        oids.append(vb.oid);
    }
    return d->submit(Kind::Set, target, oids, 0, 0, std::move(handler), values);
}

quint64 SnmpEngine::getNext(const Target &target, const QList<Oid> &oids, ResponseHandler handler)
{
    return d->submit(Kind::GetNext, target, oids, 0, 0, std::move(handler));
}

quint64 SnmpEngine::getBulk(const Target &target, int nonRepeaters, int maxRepetitions, const QList<Oid> &oids,
                            ResponseHandler handler)
{
    return d->submit(Kind::GetBulk, target, oids, nonRepeaters, maxRepetitions, std::move(handler));
}

quint64 SnmpEngine::walk(const Target &target, const Oid &root, WalkHandler handler)
{
    auto st = std::make_shared<WalkState>();
    st->walkId = d->nextId++;
    st->target = target;
    st->root = root;
    st->last = root;
    st->handler = std::move(handler);
    d->walks.emplace(st->walkId, st);
    d->walkStep(st);
    return st->walkId;
}

void SnmpEngine::cancel(quint64 requestId)
{
    auto walkIt = d->walks.find(requestId);
    if (walkIt != d->walks.end()) {
        const quint64 current = walkIt->second->current;
        d->walks.erase(walkIt);
        requestId = current;
    }
    auto it = d->requests.find(requestId);
    if (it == d->requests.end()) {
        return;
    }
    it->second.handler = nullptr;
    if (it->second.inFlight) {
        d->fail(requestId, Outcome::Cancelled, {});
    } else {
        d->requests.erase(it);
    }
}

std::optional<SnmpEngine::EngineInfo> SnmpEngine::engineInfo(const QHostAddress &address, quint16 port) const
{
    const auto it = d->agents.constFind(agentKey(address, port));
    if (it == d->agents.cend() || it->engineId.isEmpty()) {
        return std::nullopt;
    }
    EngineInfo info;
    info.engineId = it->engineId;
    NetSnmpLibrary::instance().engineTime(it->engineId, info.boots, info.time);
    return info;
}

void SnmpEngine::forgetEngine(const QHostAddress &address, quint16 port)
{
    auto it = d->agents.find(agentKey(address, port));
    if (it != d->agents.end() && !it->discoveryRequest) {
        d->agents.erase(it);
    }
}

EngineStatistics SnmpEngine::statistics() const
{
    EngineStatistics s = d->stats;
    s.inFlight = d->inFlight;
    s.queued = static_cast<int>(d->queue.size());
    return s;
}

const EngineOptions &SnmpEngine::options() const
{
    return d->options;
}

void SnmpEngine::processTimers()
{
    d->processTimers();
}

} // namespace netgateway::snmp
