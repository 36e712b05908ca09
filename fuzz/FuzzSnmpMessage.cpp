// libFuzzer target: what an agent sends back to the SNMP engine. The first
// byte chooses how the rest is used:
//   0: the whole datagram, read as it arrives (BER framing, msgID peek,
//      SNMPv3 header, user look-up, Net-SNMP's decoder behind it);
//   1: the scoped PDU of an SNMPv3 authPriv response, wrapped here with a
//      correct HMAC and AES encryption for a known user, so that decryption,
//      the scoped PDU reader and the PDU decoder get arbitrary content;
//   2: the same at authNoPriv.
// Whatever arrives, reading must not crash, hang or read out of bounds, and
// a reply that claims to be an answer keeps its fields in range.
#include "NetSnmpLibrary.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

using namespace netgateway::snmp;

namespace {

const QByteArray kEngineId = QByteArray::fromHex("80001f8880a1b2c3d4e5f60718293a4b5c");

NetSnmpLibrary::UserHandle &user()
{
    static NetSnmpLibrary::UserHandle handle = [] {
        Credentials c;
        c.version = Version::V3;
        c.user = "fuzz";
        c.authProtocol = AuthProtocol::SHA256;
        c.authPassphrase = "fuzz-auth-passphrase";
        c.privProtocol = PrivProtocol::AES128;
        c.privPassphrase = "fuzz-priv-passphrase";
        EngineStatistics stats;
        QString error;
        NetSnmpLibrary::UserHandle h;
        if (!NetSnmpLibrary::instance().installUser(kEngineId, c, stats, error, &h) || !h || !h->fast.ready) {
            std::abort();
        }
        return h;
    }();
    return handle;
}

void put(std::vector<unsigned char> &out, int tag, const std::vector<unsigned char> &content)
{
    out.push_back(static_cast<unsigned char>(tag));
    const size_t n = content.size();
    if (n < 0x80) {
        out.push_back(static_cast<unsigned char>(n));
    } else if (n < 0x100) {
        out.insert(out.end(), {0x81, static_cast<unsigned char>(n)});
    } else {
        out.insert(out.end(), {0x82, static_cast<unsigned char>(n >> 8), static_cast<unsigned char>(n & 0xFF)});
    }
    out.insert(out.end(), content.begin(), content.end());
}

std::vector<unsigned char> integer(std::uint32_t v)
{
    std::vector<unsigned char> b;
    for (int shift = 24; shift >= 0; shift -= 8) {
        if (!b.empty() || (v >> shift) != 0 || shift == 0) {
            b.push_back(static_cast<unsigned char>(v >> shift));
        }
    }
    if (b.front() & 0x80) {
        b.insert(b.begin(), 0);
    }
    return b;
}

std::vector<unsigned char> bytes(const QByteArray &a)
{
    return {a.begin(), a.end()};
}

// An SNMPv3 response whose scoped PDU (encrypted when privacy) is `scoped`,
// authenticated with the fuzz user's key.
QByteArray wrap(const unsigned char *scoped, size_t size, bool privacy)
{
    NetSnmpLibrary::FastUsm &f = user()->fast;
    const std::uint32_t boots = 1;
    const std::uint32_t time = 100;
    const unsigned char salt[8] = {0, 0, 0, 0, 0, 0, 0, 7};
    std::vector<unsigned char> global;
    put(global, 0x02, integer(4242));
    put(global, 0x02, integer(65507));
    put(global, 0x04, {static_cast<unsigned char>(privacy ? 0x03 : 0x01)});
    put(global, 0x02, integer(3));
    std::vector<unsigned char> usm;
    put(usm, 0x04, bytes(kEngineId));
    put(usm, 0x02, integer(boots));
    put(usm, 0x02, integer(time));
    put(usm, 0x04, bytes(user()->name));
    put(usm, 0x04, std::vector<unsigned char>(static_cast<size_t>(f.macLength), 0));
    put(usm, 0x04, privacy ? std::vector<unsigned char>(salt, salt + 8) : std::vector<unsigned char>{});
    std::vector<unsigned char> usmSequence;
    put(usmSequence, 0x30, usm);
    std::vector<unsigned char> data(scoped, scoped + size);
    std::vector<unsigned char> body;
    put(body, 0x02, integer(3));
    put(body, 0x30, global);
    put(body, 0x04, usmSequence);
    if (privacy) {
        if (!f.crypt(true, boots, time, salt, data.data(), data.size(), data.data())) {
            std::abort();
        }
        put(body, 0x04, data);
    } else {
        body.insert(body.end(), data.begin(), data.end());
    }
    std::vector<unsigned char> message;
    put(message, 0x30, body);
    QByteArray m(reinterpret_cast<const char *>(message.data()), static_cast<qsizetype>(message.size()));
    // The MAC field is the only run of macLength zeros after the user name.
    const qsizetype at = m.indexOf(QByteArray(f.macLength, '\0'), m.indexOf(user()->name));
    unsigned char mac[64];
    if (at < 0 || !f.digest(reinterpret_cast<const unsigned char *>(m.constData()), static_cast<size_t>(m.size()), mac,
                            sizeof mac)) {
        std::abort();
    }
    std::memcpy(m.data() + at, mac, static_cast<size_t>(f.macLength));
    return m;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1 || size > 60000) {
        return 0;
    }
    NetSnmpLibrary &library = NetSnmpLibrary::instance();
    const int mode = data[0] % 3;
    QByteArray datagram;
    if (mode == 0) {
        datagram = QByteArray(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));
    } else {
        datagram = wrap(data + 1, size - 1, mode == 1);
    }
    for (const NetSnmpLibrary::InstalledUser *expected :
         {user().get(), static_cast<NetSnmpLibrary::InstalledUser *>(nullptr)}) {
        qint32 msgId = 0;
        NetSnmpLibrary::peekMessageId(datagram, msgId);
        NetSnmpLibrary::Parsed parsed;
        if (library.parse(datagram, parsed, expected)) {
            if (parsed.varBinds.size() > 60000 || parsed.engineId.size() > 64 || msgId < 0) {
                std::abort();
            }
            for (const VarBind &vb : parsed.varBinds) {
                if (vb.oid.size() > Oid::kMaxLength) {
                    std::abort();
                }
            }
        }
    }
    return 0;
}
