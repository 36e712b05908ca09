#include "Agent.h"

#include <openssl/crypto.h>

#include <algorithm>

namespace fleetsim {

namespace {

constexpr std::int32_t kNoError = 0, kTooBig = 1, kNoSuchName = 2, kBadValue = 3, kGenErr = 5, kNoAccess = 6,
                       kWrongType = 7, kWrongLength = 8, kWrongValue = 10, kNotWritable = 17;

const Oid kSysContact = {1, 3, 6, 1, 2, 1, 1, 4, 0};
const Oid kSysName = {1, 3, 6, 1, 2, 1, 1, 5, 0};
const Oid kSysLocation = {1, 3, 6, 1, 2, 1, 1, 6, 0};
const Oid kPrtGeneralReset = {1, 3, 6, 1, 2, 1, 43, 5, 1, 1, 3, 1};

enum UsmStat {
    UnsupportedSecLevels = 1,
    NotInTimeWindows = 2,
    UnknownUserNames = 3,
    UnknownEngineIds = 4,
    WrongDigests = 5,
    DecryptionErrors = 6
};

std::size_t vbSize(const VarBind &vb)
{
    return vb.oid.size() * 5 + 8 + encodedValueSize(vb.value);
}

std::int32_t v1Error(std::int32_t v2)
{
    switch (v2) {
    case kNoError:
    case kTooBig:
    case kNoSuchName:
    case kBadValue:
    case kGenErr:
        return v2;
    case kWrongType:
    case kWrongLength:
    case kWrongValue:
        return kBadValue;
    default:
        return kNoSuchName;
    }
}

// Locates msgAuthenticationParameters inside an encoded v3 message.
bool findAuthParams(std::string_view msg, std::size_t &offset, std::size_t &length)
{
    BerReader r(msg);
    BerReader m(nullptr, 0), g(nullptr, 0), sp(nullptr, 0), s(nullptr, 0);
    std::int64_t v = 0;
    std::string tmp;
    if (!r.enter(tag::Sequence, m) || !m.readInteger(v) || !m.enter(tag::Sequence, g) ||
        !m.enter(tag::OctetString, sp) || !sp.enter(tag::Sequence, s))
        return false;
    if (!s.readOctets(tmp, tag::OctetString, 64) || !s.readInteger(v) || !s.readInteger(v) ||
        !s.readOctets(tmp, tag::OctetString, 64))
        return false;
    std::uint8_t t = 0;
    const std::uint8_t *c = nullptr;
    std::size_t n = 0;
    if (!s.readTlv(t, c, n) || t != tag::OctetString)
        return false;
    offset = static_cast<std::size_t>(c - reinterpret_cast<const std::uint8_t *>(msg.data()));
    length = n;
    return true;
}

} // namespace

bool Agent::handle(Device &d, std::string_view request, std::string &response)
{
    BerReader top(request);
    BerReader msg(nullptr, 0);
    std::int64_t version = -1;
    if (!top.enter(tag::Sequence, msg) || !msg.readInteger(version))
        return false;
    if (version == 0 || version == 1)
        return handleCommunity(d, static_cast<int>(version), msg, response);
    if (version == 3)
        return handleV3(d, request, msg, response);
    return false;
}

bool Agent::handleCommunity(Device &d, int version, BerReader &msg, std::string &response)
{
    std::string community;
    Pdu in;
    if (!msg.readOctets(community, tag::OctetString, 255) || !decodePdu(msg, in))
        return false;
    const FleetConfig &cfg = m_fleet.config();
    const bool canWrite = !cfg.writeCommunity.empty() && community == cfg.writeCommunity;
    if (!canWrite && community != cfg.community)
        return false; // wrong community: real agents stay silent
    Pdu out;
    if (!process(d, version, canWrite, in, out, kMaxDatagram - 64 - community.size()))
        return false;
    m_w.clear();
    std::size_t s = m_w.begin(tag::Sequence);
    m_w.integer(version);
    m_w.octets(community);
    encodePdu(m_w, out);
    m_w.end(s);
    response.swap(m_w.buffer());
    return true;
}

bool Agent::process(Device &d, int version, bool canWrite, const Pdu &in, Pdu &out, std::size_t budget)
{
    const bool v1 = version == 0;
    out = Pdu{};
    out.type = tag::Response;
    out.requestId = in.requestId;
    d.catchUp();
    switch (in.type) {
    case tag::GetRequest:
        out.varbinds.reserve(in.varbinds.size());
        for (std::size_t i = 0; i < in.varbinds.size(); ++i) {
            VarBind vb{in.varbinds[i].oid, {}};
            bool instanceMissing = false;
            if (d.get(vb.oid, vb.value, instanceMissing) && !(v1 && vb.value.type == tag::Counter64)) {
            } else if (v1) {
                out.varbinds = in.varbinds;
                out.errorStatus = kNoSuchName;
                out.errorIndex = static_cast<std::int32_t>(i + 1);
                return true;
            } else {
                vb.value = Value::exception(instanceMissing ? tag::NoSuchInstance : tag::NoSuchObject);
            }
            out.varbinds.push_back(std::move(vb));
        }
        break;
    case tag::GetNextRequest:
        out.varbinds.reserve(in.varbinds.size());
        for (std::size_t i = 0; i < in.varbinds.size(); ++i) {
            VarBind vb;
            Oid from = in.varbinds[i].oid;
            bool found = false;
            while (d.next(from, vb.oid, vb.value)) {
                if (v1 && vb.value.type == tag::Counter64) {
                    from = vb.oid;
                    continue;
                }
                found = true;
                break;
            }
            if (!found) {
                if (v1) {
                    out.varbinds = in.varbinds;
                    out.errorStatus = kNoSuchName;
                    out.errorIndex = static_cast<std::int32_t>(i + 1);
                    return true;
                }
                vb.oid = in.varbinds[i].oid;
                vb.value = Value::exception(tag::EndOfMibView);
            }
            out.varbinds.push_back(std::move(vb));
        }
        break;
    case tag::GetBulkRequest: {
        if (v1)
            return false;
        const std::size_t n = in.varbinds.size();
        const std::size_t nonRep = std::min<std::size_t>(static_cast<std::size_t>(std::max(in.errorStatus, 0)), n);
        const std::size_t maxRep = static_cast<std::size_t>(std::clamp(in.errorIndex, 0, 2000));
        std::size_t used = 0;
        for (std::size_t i = 0; i < nonRep; ++i) {
            VarBind vb;
            if (!d.next(in.varbinds[i].oid, vb.oid, vb.value)) {
                vb.oid = in.varbinds[i].oid;
                vb.value = Value::exception(tag::EndOfMibView);
            }
            used += vbSize(vb);
            out.varbinds.push_back(std::move(vb));
        }
        std::vector<Oid> cursor;
        for (std::size_t i = nonRep; i < n; ++i)
            cursor.push_back(in.varbinds[i].oid);
        for (std::size_t r = 0; r < maxRep && !cursor.empty(); ++r) {
            bool anyLive = false;
            std::vector<VarBind> row;
            std::size_t rowSize = 0;
            for (Oid &c : cursor) {
                VarBind vb;
                if (d.next(c, vb.oid, vb.value)) {
                    anyLive = true;
                    c = vb.oid;
                } else {
                    vb.oid = c;
                    vb.value = Value::exception(tag::EndOfMibView);
                }
                rowSize += vbSize(vb);
                row.push_back(std::move(vb));
            }
            if (used + rowSize > budget || out.varbinds.size() + row.size() > 4000)
                break;
            used += rowSize;
            for (VarBind &vb : row)
                out.varbinds.push_back(std::move(vb));
            if (!anyLive)
                break;
        }
        return true;
    }
    case tag::SetRequest: {
        out.varbinds = in.varbinds;
        std::int32_t err = kNoError;
        std::size_t errIndex = 0;
        for (std::size_t i = 0; i < in.varbinds.size() && err == kNoError; ++i) {
            const VarBind &vb = in.varbinds[i];
            errIndex = i + 1;
            if (!canWrite) {
                err = kNoAccess;
            } else if (vb.oid == kSysContact || vb.oid == kSysName || vb.oid == kSysLocation) {
                if (vb.value.type != tag::OctetString)
                    err = kWrongType;
                else if (vb.value.str.size() > 255)
                    err = kWrongLength;
            } else if (vb.oid == kPrtGeneralReset) {
                if (vb.value.type != tag::Integer)
                    err = kWrongType;
                else if (vb.value.num < 3 || vb.value.num > 6)
                    err = kWrongValue;
            } else {
                err = kNotWritable;
            }
        }
        if (err != kNoError) {
            out.errorStatus = v1 ? v1Error(err) : err;
            out.errorIndex = static_cast<std::int32_t>(errIndex);
            return true;
        }
        bool doReboot = false;
        for (const VarBind &vb : in.varbinds) {
            if (vb.oid == kSysContact)
                d.sysContact = vb.value.str;
            else if (vb.oid == kSysName)
                d.sysName = vb.value.str;
            else if (vb.oid == kSysLocation)
                d.sysLocation = vb.value.str;
            else if (vb.oid == kPrtGeneralReset && vb.value.num >= 4)
                doReboot = true;
        }
        if (doReboot)
            d.reboot();
        return true;
    }
    default:
        return false; // responses, traps and reports are not requests
    }
    std::size_t used = 0;
    for (const VarBind &vb : out.varbinds)
        used += vbSize(vb);
    if (used > budget) {
        out.varbinds = v1 ? in.varbinds : std::vector<VarBind>{};
        out.errorStatus = kTooBig;
        out.errorIndex = 0;
    }
    return true;
}

bool Agent::handleV3(Device &d, std::string_view request, BerReader &msg, std::string &response)
{
    BerReader global(nullptr, 0), secOctets(nullptr, 0), sec(nullptr, 0);
    std::int64_t msgId = 0, maxSize = 0, model = 0;
    std::string flagsStr;
    if (!msg.enter(tag::Sequence, global) || !global.readInteger(msgId) || !global.readInteger(maxSize) ||
        !global.readOctets(flagsStr, tag::OctetString, 1) || !global.readInteger(model))
        return false;
    if (flagsStr.size() != 1 || model != 3 || msgId < 0 || msgId > 0x7FFFFFFF || maxSize < 484 || maxSize > 0x7FFFFFFF)
        return false;
    const std::uint8_t flags = static_cast<std::uint8_t>(flagsStr[0]);
    const bool authFlag = flags & 1, privFlag = flags & 2, reportable = flags & 4;
    if (privFlag && !authFlag)
        return false;
    std::string engineId, userName, authParams, privParams;
    std::int64_t msgBoots = 0, msgTime = 0;
    if (!msg.enter(tag::OctetString, secOctets) || !secOctets.enter(tag::Sequence, sec) ||
        !sec.readOctets(engineId, tag::OctetString, 32) || !sec.readInteger(msgBoots) || !sec.readInteger(msgTime) ||
        !sec.readOctets(userName, tag::OctetString, 32) || !sec.readOctets(authParams, tag::OctetString, 64) ||
        !sec.readOctets(privParams, tag::OctetString, 32))
        return false;
    if (msgBoots < 0 || msgBoots > 0x7FFFFFFF || msgTime < 0 || msgTime > 0x7FFFFFFF)
        return false;
    // msgData: plaintext ScopedPDU or encrypted OCTET STRING.
    std::string encrypted;
    BerReader scoped(nullptr, 0);
    bool havePlain = false;
    if (privFlag) {
        if (!msg.readOctets(encrypted, tag::OctetString, 65535))
            return false;
    } else {
        if (!msg.enter(tag::Sequence, scoped))
            return false;
        havePlain = true;
    }
    const std::uint32_t ourBoots = d.boots;
    const std::uint32_t ourTime = d.engineTime();
    std::size_t userIndex = 0;
    const User *user = nullptr;
    std::string plain;
    Pdu in;
    std::string contextName;

    // Sends a Report carrying one usmStats counter.
    auto report = [&](UsmStat which, bool authenticated) {
        if (!reportable)
            return false;
        Pdu rep;
        rep.type = tag::Report;
        rep.requestId = in.requestId;
        Oid statOid = {1, 3, 6, 1, 6, 3, 15, 1, 1, static_cast<std::uint32_t>(which), 0};
        static std::atomic<std::uint32_t> counters[7];
        const std::uint32_t count = ++counters[which];
        rep.varbinds.push_back({statOid, Value::counter32(count)});
        m_w.clear();
        std::size_t s = m_w.begin(tag::Sequence);
        m_w.integer(3);
        std::size_t g = m_w.begin(tag::Sequence);
        m_w.integer(msgId);
        m_w.integer(kMaxDatagram);
        m_w.octets(std::string(1, authenticated ? '\x01' : '\x00'));
        m_w.integer(3);
        m_w.end(g);
        std::size_t so = m_w.begin(tag::OctetString);
        std::size_t ss = m_w.begin(tag::Sequence);
        m_w.octets(d.engineId);
        m_w.integer(ourBoots);
        m_w.integer(ourTime);
        m_w.octets(authenticated || which == UnsupportedSecLevels || which == UnknownUserNames ||
                           which == WrongDigests || which == DecryptionErrors || which == UnknownEngineIds
                       ? userName
                       : std::string());
        m_w.octets(authenticated ? std::string(usm::macLength(user->auth), '\0') : std::string());
        m_w.octets("");
        m_w.end(ss);
        m_w.end(so);
        std::size_t sp = m_w.begin(tag::Sequence);
        m_w.octets(d.engineId);
        m_w.octets(contextName);
        encodePdu(m_w, rep);
        m_w.end(sp);
        m_w.end(s);
        response.swap(m_w.buffer());
        if (authenticated) {
            std::size_t off = 0, len = 0;
            if (!findAuthParams(response, off, len))
                return false;
            const std::string mac = d.keys[userIndex].mac.mac(response);
            response.replace(off, len, mac);
        }
        return true;
    };

    auto parseScoped = [&](BerReader &sc) {
        std::string ctxEngine;
        return sc.readOctets(ctxEngine, tag::OctetString, 32) && sc.readOctets(contextName, tag::OctetString, 32) &&
               decodePdu(sc, in);
    };
    if (havePlain) {
        BerReader copy = scoped;
        if (!parseScoped(copy))
            return false;
    }
    if (engineId != d.engineId)
        return report(UnknownEngineIds, false);
    user = m_fleet.findUser(userName, userIndex);
    if (!user)
        return report(UnknownUserNames, false);
    if ((authFlag && user->auth == usm::Auth::None) || (privFlag && user->priv == usm::Priv::None))
        return report(UnsupportedSecLevels, false);
    UserKeys &keys = d.keys[userIndex];
    if (!keys.ready && user->auth != usm::Auth::None) {
        keys.auth = usm::localizeKey(user->auth, user->authKu, d.engineId);
        keys.mac = usm::HmacKey(user->auth, keys.auth);
        if (user->priv != usm::Priv::None)
            keys.priv = usm::localizedPrivKey(user->auth, user->priv, user->privKu, d.engineId);
        keys.ready = true;
    }
    if (authFlag) {
        if (authParams.size() != usm::macLength(user->auth))
            return report(WrongDigests, false);
        std::size_t off = 0, len = 0;
        if (!findAuthParams(request, off, len) || len != authParams.size())
            return false;
        std::string copy(request);
        std::fill(copy.begin() + static_cast<std::ptrdiff_t>(off),
                  copy.begin() + static_cast<std::ptrdiff_t>(off + len), '\0');
        const std::string mac = keys.mac.mac(copy);
        if (mac.size() != authParams.size() || CRYPTO_memcmp(mac.data(), authParams.data(), mac.size()) != 0)
            return report(WrongDigests, false);
        const std::int64_t diff = msgTime - static_cast<std::int64_t>(ourTime);
        if (static_cast<std::uint32_t>(msgBoots) != ourBoots || ourBoots == 0x7FFFFFFF || diff > 150 || diff < -150)
            return report(NotInTimeWindows, true);
    }
    if (privFlag) {
        if (!usm::decrypt(user->priv, keys.priv, static_cast<std::uint32_t>(msgBoots),
                          static_cast<std::uint32_t>(msgTime), privParams, encrypted, plain))
            return report(DecryptionErrors, false);
        BerReader pr(plain);
        BerReader sc(nullptr, 0);
        if (!pr.enter(tag::Sequence, sc) || !parseScoped(sc))
            return report(DecryptionErrors, false);
    }
    const bool canWrite = authFlag;
    Pdu out;
    const std::size_t limit = std::min<std::size_t>(static_cast<std::size_t>(maxSize), kMaxDatagram);
    if (limit < 400 || !process(d, 2, canWrite, in, out, limit - 200 - userName.size()))
        return false;

    // Response.
    m_w.clear();
    std::size_t sp = m_w.begin(tag::Sequence);
    m_w.octets(d.engineId);
    m_w.octets(contextName);
    encodePdu(m_w, out);
    m_w.end(sp);
    std::string scopedOut;
    scopedOut.swap(m_w.buffer());
    std::string cipher, outPriv;
    if (privFlag) {
        const std::uint64_t salt = (static_cast<std::uint64_t>(d.index) << 40) ^ ++d.salt;
        if (!usm::encrypt(user->priv, keys.priv, ourBoots, ourTime, salt, scopedOut, cipher, outPriv))
            return false;
    }
    m_w.clear();
    std::size_t s = m_w.begin(tag::Sequence);
    m_w.integer(3);
    std::size_t g = m_w.begin(tag::Sequence);
    m_w.integer(msgId);
    m_w.integer(kMaxDatagram);
    m_w.octets(std::string(1, static_cast<char>(flags & 3)));
    m_w.integer(3);
    m_w.end(g);
    std::size_t so = m_w.begin(tag::OctetString);
    std::size_t ss = m_w.begin(tag::Sequence);
    m_w.octets(d.engineId);
    m_w.integer(ourBoots);
    m_w.integer(ourTime);
    m_w.octets(userName);
    m_w.octets(authFlag ? std::string(usm::macLength(user->auth), '\0') : std::string());
    m_w.octets(outPriv);
    m_w.end(ss);
    m_w.end(so);
    if (privFlag)
        m_w.octets(cipher);
    else
        m_w.raw(scopedOut);
    m_w.end(s);
    response.swap(m_w.buffer());
    if (authFlag) {
        std::size_t off = 0, len = 0;
        if (!findAuthParams(response, off, len))
            return false;
        response.replace(off, len, keys.mac.mac(response));
    }
    return true;
}

} // namespace fleetsim
