#include "NetSnmpLibrary.h"

#include "BerCheck.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace netgateway::snmp {

namespace {

const char *authName(AuthProtocol p)
{
    switch (p) {
    case AuthProtocol::None:
        return nullptr;
    case AuthProtocol::MD5:
        return "MD5";
    case AuthProtocol::SHA1:
        return "SHA";
    case AuthProtocol::SHA224:
        return "SHA-224";
    case AuthProtocol::SHA256:
        return "SHA-256";
    case AuthProtocol::SHA384:
        return "SHA-384";
    case AuthProtocol::SHA512:
        return "SHA-512";
    }
    return nullptr;
}

const char *privName(PrivProtocol p)
{
    switch (p) {
    case PrivProtocol::None:
        return nullptr;
    case PrivProtocol::DES:
        return "DES";
    case PrivProtocol::AES128:
        return "AES";
    case PrivProtocol::AES192:
        return "AES-192";
    case PrivProtocol::AES256:
        return "AES-256";
    case PrivProtocol::AES192C:
        return "AES-192-C";
    case PrivProtocol::AES256C:
        return "AES-256-C";
    }
    return nullptr;
}

// The protocol's OID as net-snmp knows it, or nullptr when this build lacks it.
const oid *authOid(AuthProtocol p, size_t &length)
{
    const char *name = authName(p);
    if (!name) {
        return nullptr;
    }
    const int type = usm_lookup_auth_type(name);
    return type < 0 ? nullptr : sc_get_auth_oid(type, &length);
}

const oid *privOid(PrivProtocol p, size_t &length)
{
    const char *name = privName(p);
    if (!name) {
        return nullptr;
    }
    const int type = usm_lookup_priv_type(name);
    return type < 0 ? nullptr : sc_get_priv_oid(type, &length);
}

u_char *dupBytes(const QByteArray &bytes)
{
    auto *out = static_cast<u_char *>(std::malloc(static_cast<size_t>(bytes.size()) + 1));
    if (out) {
        std::memcpy(out, bytes.constData(), static_cast<size_t>(bytes.size()));
        out[bytes.size()] = 0;
    }
    return out;
}

char *dupString(const QByteArray &bytes)
{
    return reinterpret_cast<char *>(dupBytes(bytes));
}

// One SET varbind in the wire type the value carries.
bool addSetValue(netsnmp_pdu *pdu, const oid *name, size_t length, const Value &value)
{
    switch (value.type) {
    case Value::Type::Integer: {
        const long v = static_cast<long>(value.integer);
        return snmp_pdu_add_variable(pdu, name, length, ASN_INTEGER, &v, sizeof(v)) != nullptr;
    }
    case Value::Type::OctetString:
        return snmp_pdu_add_variable(pdu, name, length, ASN_OCTET_STR, value.bytes.constData(),
                                     static_cast<size_t>(value.bytes.size())) != nullptr;
    case Value::Type::IpAddress:
        return value.bytes.size() == 4 &&
               snmp_pdu_add_variable(pdu, name, length, ASN_IPADDRESS, value.bytes.constData(), 4) != nullptr;
    case Value::Type::Counter32:
    case Value::Type::Gauge32:
    case Value::Type::TimeTicks: {
        const u_long v = static_cast<u_long>(value.unsigned64 & 0xFFFFFFFFu);
        const u_char type = value.type == Value::Type::Counter32 ? ASN_COUNTER
                            : value.type == Value::Type::Gauge32 ? ASN_GAUGE
                                                                 : ASN_TIMETICKS;
        return snmp_pdu_add_variable(pdu, name, length, type, &v, sizeof(v)) != nullptr;
    }
    case Value::Type::ObjectId: {
        std::vector<oid> parts;
        for (const auto part : value.oid.parts()) {
            parts.push_back(static_cast<oid>(part));
        }
        return snmp_pdu_add_variable(pdu, name, length, ASN_OBJECT_ID, parts.data(), parts.size() * sizeof(oid)) !=
               nullptr;
    }
    default:
        return false;
    }
}

Outcome reportOutcome(int type)
{
    switch (type) {
    case SNMPERR_AUTHENTICATION_FAILURE:
        return Outcome::AuthenticationFailure;
    case SNMPERR_DECRYPTION_ERR:
        return Outcome::PrivacyFailure;
    case SNMPERR_UNKNOWN_USER_NAME:
        return Outcome::UnknownUser;
    case SNMPERR_UNSUPPORTED_SEC_LEVEL:
        return Outcome::UnsupportedSecurityLevel;
    case SNMPERR_NOT_IN_TIME_WINDOW:
        return Outcome::NotInTimeWindow;
    default:
        return Outcome::ProtocolError;
    }
}

void freeSecurityState(netsnmp_pdu *pdu)
{
    if (pdu->securityStateRef) {
        struct snmp_secmod_def *sptr = find_sec_mod(pdu->securityModel);
        if (sptr && sptr->pdu_free_state_ref) {
            (*sptr->pdu_free_state_ref)(pdu->securityStateRef);
        }
        pdu->securityStateRef = nullptr;
    }
}

Value convertValue(const netsnmp_variable_list *vp)
{
    switch (vp->type) {
    case ASN_INTEGER:
        return Value::fromInteger(vp->val.integer ? *vp->val.integer : 0);
    case ASN_COUNTER:
        return Value::fromUnsigned(Value::Type::Counter32,
                                   vp->val.integer ? static_cast<std::uint32_t>(*vp->val.integer) : 0);
    case ASN_GAUGE:
        return Value::fromUnsigned(Value::Type::Gauge32,
                                   vp->val.integer ? static_cast<std::uint32_t>(*vp->val.integer) : 0);
    case ASN_TIMETICKS:
        return Value::fromUnsigned(Value::Type::TimeTicks,
                                   vp->val.integer ? static_cast<std::uint32_t>(*vp->val.integer) : 0);
    case ASN_COUNTER64:
        if (!vp->val.counter64) {
            return Value::fromUnsigned(Value::Type::Counter64, 0);
        }
        return Value::fromUnsigned(Value::Type::Counter64,
                                   (static_cast<std::uint64_t>(vp->val.counter64->high & 0xFFFFFFFFu) << 32) |
                                       (vp->val.counter64->low & 0xFFFFFFFFu));
    case ASN_OCTET_STR:
    case ASN_IPADDRESS:
    case ASN_OPAQUE: {
        QByteArray bytes;
        if (vp->val.string && vp->val_len > 0) {
            bytes = QByteArray(reinterpret_cast<const char *>(vp->val.string), static_cast<qsizetype>(vp->val_len));
        }
        const Value::Type t = vp->type == ASN_OCTET_STR   ? Value::Type::OctetString
                              : vp->type == ASN_IPADDRESS ? Value::Type::IpAddress
                                                          : Value::Type::Opaque;
        return Value::fromBytes(std::move(bytes), t);
    }
    case ASN_OBJECT_ID: {
        QList<std::uint32_t> parts;
        const size_t n = vp->val.objid ? vp->val_len / sizeof(oid) : 0;
        for (size_t i = 0; i < n && i < static_cast<size_t>(Oid::kMaxLength); ++i) {
            parts.append(static_cast<std::uint32_t>(vp->val.objid[i]));
        }
        return Value::fromOid(Oid(std::move(parts)));
    }
    case ASN_NULL:
        return Value{};
    case SNMP_NOSUCHOBJECT:
        return Value::exception(Value::Type::NoSuchObject);
    case SNMP_NOSUCHINSTANCE:
        return Value::exception(Value::Type::NoSuchInstance);
    case SNMP_ENDOFMIBVIEW:
        return Value::exception(Value::Type::EndOfMibView);
    default:
        return Value::exception(Value::Type::Unsupported);
    }
}

} // namespace

NetSnmpLibrary::~NetSnmpLibrary()
{
    if (m_active) {
        usm_remove_user(m_active);
        m_active = nullptr;
    }
    for (const UserHandle &u : std::as_const(m_users)) {
        usm_free_user(u->user);
        u->user = nullptr;
    }
    m_users.clear();
}

NetSnmpLibrary &NetSnmpLibrary::instance()
{
    static NetSnmpLibrary library;
    return library;
}

NetSnmpLibrary::NetSnmpLibrary()
{
    // Nothing from the machine's snmp.conf, ~/.snmp or /var/lib/snmp may change
    // how the gateway talks to devices, and it loads no MIB files.
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
    netsnmp_set_mib_directory("");
    ::setenv("MIBS", "", 1);
    snmp_disable_log();
    init_snmp("netgateway");
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_REVERSE_ENCODE, 1);
    snmp_sess_init(&m_buildSession);
    snmp_sess_init(&m_parseSession);
    m_parseSession.version = SNMP_DEFAULT_VERSION;
    m_parseSession.isAuthoritative = SNMP_SESS_NONAUTHORITATIVE;
    // AES salts (RFC 3826 3.1.2.1) start at a random value so that no IV is
    // reused across restarts.
    m_salt = QRandomGenerator::system()->generate64();
    m_monotonic.start();
}

namespace {

// Reads one BER tag and definite length at data[pos]; advances pos to the content.
bool berHeader(const QByteArray &data, qsizetype &pos, int &tag, qsizetype &length)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(data.constData());
    const unsigned char *p = begin + pos;
    BerElement e;
    if (pos < 0 || pos > data.size() || !readBerElement(p, begin + data.size(), e)) {
        return false;
    }
    tag = e.tag;
    length = static_cast<qsizetype>(e.length);
    pos = e.content - begin;
    return true;
}

// The authoritative engine ID and user name of an SNMPv3 message (RFC 3412
// msgGlobalData, RFC 3414 UsmSecurityParameters); false for anything else.
bool peekUsm(const QByteArray &data, QByteArray &engineId, QByteArray &user)
{
    qsizetype pos = 0;
    int tag = 0;
    qsizetype len = 0;
    if (!berHeader(data, pos, tag, len) || tag != 0x30) {
        return false;
    }
    if (!berHeader(data, pos, tag, len) || tag != 0x02 || len != 1 || data[pos] != 3) {
        return false;
    }
    pos += len;
    if (!berHeader(data, pos, tag, len) || tag != 0x30) { // msgGlobalData
        return false;
    }
    pos += len;
    if (!berHeader(data, pos, tag, len) || tag != 0x04) { // msgSecurityParameters
        return false;
    }
    if (!berHeader(data, pos, tag, len) || tag != 0x30) {
        return false;
    }
    if (!berHeader(data, pos, tag, len) || tag != 0x04 || len > 64) {
        return false;
    }
    engineId = data.mid(pos, len);
    pos += len;
    for (int i = 0; i < 2; ++i) { // boots, time
        if (!berHeader(data, pos, tag, len) || tag != 0x02) {
            return false;
        }
        pos += len;
    }
    if (!berHeader(data, pos, tag, len) || tag != 0x04 || len > 255) {
        return false;
    }
    user = data.mid(pos, len);
    return true;
}

} // namespace

bool NetSnmpLibrary::FastUsm::init(const struct usmUser *user, const Credentials &c)
{
    int truncated = 0;
    switch (c.authProtocol) {
    case AuthProtocol::None:
        return false;
    case AuthProtocol::MD5:
    case AuthProtocol::SHA1:
        truncated = 12;
        break;
    case AuthProtocol::SHA224:
        truncated = 16;
        break;
    case AuthProtocol::SHA256:
        truncated = 24;
        break;
    case AuthProtocol::SHA384:
        truncated = 32;
        break;
    case AuthProtocol::SHA512:
        truncated = 48;
        break;
    }
    size_t keyLength = 0;
    switch (c.privProtocol) {
    case PrivProtocol::None:
        break;
    case PrivProtocol::DES:
        return false; // left to Net-SNMP
    case PrivProtocol::AES128:
        keyLength = 16;
        break;
    case PrivProtocol::AES192:
    case PrivProtocol::AES192C:
        keyLength = 24;
        break;
    case PrivProtocol::AES256:
    case PrivProtocol::AES256C:
        keyLength = 32;
        break;
    }
    if (!user->authKey || user->authKeyLen == 0 || (keyLength && (!user->privKey || user->privKeyLen < keyLength))) {
        return false;
    }
    macLength = truncated;
    if (!crypto.setAuthKey(c.authProtocol, user->authKey, user->authKeyLen) ||
        crypto.digestSize() < static_cast<size_t>(truncated)) {
        return false;
    }
    if (keyLength) {
        privacy = true;
        // The key extension (Blumenthal or Reeder) is Net-SNMP's: the
        // first keyLength bytes of the extended key are the AES key.
        if (!crypto.setPrivKey(user->privKey, keyLength)) {
            return false;
        }
    }
    ready = true;
    return true;
}

bool NetSnmpLibrary::FastUsm::digest(const QByteArray &message, qsizetype authOffset, unsigned char *out,
                                     size_t outSize)
{
    static const unsigned char zeros[64] = {};
    const auto *bytes = reinterpret_cast<const unsigned char *>(message.constData());
    const auto end = static_cast<size_t>(authOffset + macLength);
    const UsmCrypto::Part parts[] = {{bytes, static_cast<size_t>(authOffset)},
                                     {zeros, static_cast<size_t>(macLength)},
                                     {bytes + end, static_cast<size_t>(message.size()) - end}};
    return outSize >= crypto.digestSize() && crypto.hmac(parts, 3, out);
}

bool NetSnmpLibrary::FastUsm::digest(const unsigned char *message, size_t size, unsigned char *out, size_t outSize)
{
    const UsmCrypto::Part part{message, size};
    return outSize >= crypto.digestSize() && crypto.hmac(&part, 1, out);
}

bool NetSnmpLibrary::FastUsm::crypt(bool encrypting, quint32 boots, quint32 time, const unsigned char *salt,
                                    const unsigned char *in, size_t size, unsigned char *out)
{
    unsigned char iv[16];
    for (int i = 0; i < 4; ++i) {
        iv[i] = static_cast<unsigned char>(boots >> (24 - 8 * i));
        iv[4 + i] = static_cast<unsigned char>(time >> (24 - 8 * i));
    }
    std::memcpy(iv + 8, salt, 8);
    return encrypting ? crypto.encrypt(iv, in, size, out) : crypto.decrypt(iv, in, size, out);
}

namespace {

bool berReadUnsigned(const QByteArray &data, qsizetype &pos, quint32 &value)
{
    int tag = 0;
    qsizetype len = 0;
    if (!berHeader(data, pos, tag, len) || tag != 0x02 || len < 1 || len > 5 ||
        (static_cast<unsigned char>(data[pos]) & 0x80)) {
        return false;
    }
    quint64 v = 0;
    for (qsizetype i = 0; i < len; ++i) {
        v = (v << 8) | static_cast<unsigned char>(data[pos + i]);
    }
    if (v > 0x7FFFFFFF) {
        return false;
    }
    value = static_cast<quint32>(v);
    pos += len;
    return true;
}

// Sizes and a writer for encoding a whole SNMPv3 message into one buffer of
// the exact size (lengths below 65,536, as every UDP datagram).
qsizetype lengthSize(qsizetype length)
{
    return length < 0x80 ? 1 : length < 0x100 ? 2 : 3;
}

qsizetype tlvSize(qsizetype content)
{
    return 1 + lengthSize(content) + content;
}

qsizetype unsignedSize(quint32 value)
{
    qsizetype n = 1;
    for (quint32 v = value >> 8; v != 0; v >>= 8) {
        ++n;
    }
    // A leading bit set would read as negative: one more zero byte.
    return (value >> (8 * (n - 1)) & 0x80) ? n + 1 : n;
}

struct BerWriter {
    char *p;

    void header(int tag, qsizetype length)
    {
        *p++ = static_cast<char>(tag);
        if (length >= 0x100) {
            *p++ = static_cast<char>(0x82);
            *p++ = static_cast<char>(length >> 8);
        } else if (length >= 0x80) {
            *p++ = static_cast<char>(0x81);
        }
        *p++ = static_cast<char>(length & 0xFF);
    }
    void octets(const char *data, qsizetype size)
    {
        header(0x04, size);
        if (size > 0) {
            std::memcpy(p, data, static_cast<size_t>(size));
            p += size;
        }
    }
    void octets(const QByteArray &data) { octets(data.constData(), data.size()); }
    void integer(quint32 value)
    {
        const qsizetype n = unsignedSize(value);
        header(0x02, n);
        for (qsizetype i = n - 1; i >= 0; --i) {
            *p++ = static_cast<char>(i >= 4 ? 0 : (value >> (8 * i)) & 0xFF);
        }
    }
};

} // namespace

bool NetSnmpLibrary::buildFast(const PduSpec &spec, QByteArray &packet, QString &error)
{
    const Credentials &c = *spec.credentials;
    const SecurityLevel level = c.securityLevel();
    if (level == SecurityLevel::NoAuthNoPriv) {
        return false;
    }
    const InstalledUser *installed = spec.user;
    if (!installed) {
        const auto it = m_users.constFind(UserKey(spec.engineId, c.user));
        if (it == m_users.cend()) {
            return false;
        }
        installed = it->get();
    }
    if (!installed->fast.ready || !installed->clock) {
        return false;
    }
    FastUsm &f = const_cast<FastUsm &>(installed->fast);
    const bool privacy = level == SecurityLevel::AuthPriv && !spec.withoutPrivacy;
    if (privacy && !f.privacy) {
        return false;
    }
    const qint64 nowMs = monotonicMs();
    EngineClock *const clock = installed->clock.get();
    if (!clock->valid) {
        u_int b = 0;
        u_int t = 0;
        if (get_enginetime(reinterpret_cast<const u_char *>(spec.engineId.constData()),
                           static_cast<u_int>(spec.engineId.size()), &b, &t, FALSE) != SNMPERR_SUCCESS ||
            (b == 0 && t == 0) || b > 0x7FFFFFFF || t > 0x7FFFFFFF) {
            return false; // not synchronised yet: Net-SNMP handles it
        }
        *clock = EngineClock{true, b, t, nowMs};
    }
    f.crypto.prefetch();
    const quint32 boots = clock->boots;
    const quint32 time = static_cast<quint32>(std::min<qint64>(0x7FFFFFFF, clock->time + (nowMs - clock->atMs) / 1000));
    // The PDU itself, encoded by Net-SNMP as part of a v2c message.
    Credentials plain;
    plain.version = Version::V2c;
    plain.community = QByteArrayLiteral("-");
    PduSpec v2 = spec;
    v2.credentials = &plain;
    Encoded encoded;
    if (!encode(v2, encoded, error)) {
        return false;
    }
    // A view of Net-SNMP's buffer, which lives until the end of this function.
    const QByteArray v2message =
        QByteArray::fromRawData(reinterpret_cast<const char *>(encoded.message), static_cast<qsizetype>(encoded.size));
    qsizetype pos = 0;
    int tag = 0;
    qsizetype len = 0;
    if (!berHeader(v2message, pos, tag, len) || !berHeader(v2message, pos, tag, len)) {
        return false;
    }
    pos += len; // version
    if (!berHeader(v2message, pos, tag, len)) {
        return false;
    }
    pos += len; // community
    const char *pdu = v2message.constData() + pos;
    const qsizetype pduSize = v2message.size() - pos;

    // Sizes from the inside out, then one pass writing the message in place:
    // no intermediate buffers (RFC 3412 6, RFC 3414 2.4).
    const qsizetype saltSize = privacy ? 8 : 0;
    const qsizetype scopedContent = tlvSize(spec.engineId.size()) + tlvSize(c.context.size()) + pduSize;
    const qsizetype scopedSize = tlvSize(scopedContent);
    const qsizetype msgDataSize = privacy ? tlvSize(scopedSize) : scopedSize;
    const qsizetype secContent = tlvSize(spec.engineId.size()) + tlvSize(unsignedSize(boots)) +
                                 tlvSize(unsignedSize(time)) + tlvSize(c.user.size()) + tlvSize(f.macLength) +
                                 tlvSize(saltSize);
    const qsizetype secOctets = tlvSize(tlvSize(secContent));
    const auto requestId = static_cast<quint32>(spec.requestId);
    const qsizetype headerContent =
        tlvSize(unsignedSize(requestId)) + tlvSize(unsignedSize(65507)) + tlvSize(1) + tlvSize(unsignedSize(3));
    const qsizetype bodySize = tlvSize(unsignedSize(3)) + tlvSize(headerContent) + secOctets + msgDataSize;
    const qsizetype totalSize = tlvSize(bodySize);
    if (totalSize > 65507) {
        error = QStringLiteral("the request does not fit into one datagram");
        return false;
    }

    QByteArray message(totalSize, Qt::Uninitialized);
    char *const begin = message.data();
    BerWriter w{begin};
    w.header(0x30, bodySize);
    w.integer(3);
    w.header(0x30, headerContent);
    w.integer(requestId);
    w.integer(65507);
    const char flags = static_cast<char>(privacy ? 0x07 : 0x05);
    w.octets(&flags, 1);
    w.integer(3);
    w.header(0x04, tlvSize(secContent));
    w.header(0x30, secContent);
    w.octets(spec.engineId);
    w.integer(boots);
    w.integer(time);
    w.octets(c.user);
    w.header(0x04, f.macLength);
    char *const macField = w.p;
    std::memset(macField, 0, static_cast<size_t>(f.macLength));
    w.p += f.macLength;
    unsigned char salt[8];
    if (privacy) {
        const quint64 s = m_salt++;
        for (int i = 0; i < 8; ++i) {
            salt[i] = static_cast<unsigned char>(s >> (56 - 8 * i));
        }
    }
    w.octets(reinterpret_cast<const char *>(salt), saltSize);
    if (privacy) {
        w.header(0x04, scopedSize);
    }
    char *const scoped = w.p;
    w.header(0x30, scopedContent);
    w.octets(spec.engineId);
    w.octets(c.context);
    std::memcpy(w.p, pdu, static_cast<size_t>(pduSize));
    w.p += pduSize;
    if (w.p != begin + totalSize) {
        error = QStringLiteral("internal error encoding an SNMPv3 message");
        return false;
    }
    auto *const scopedBytes = reinterpret_cast<unsigned char *>(scoped);
    if (privacy && !f.crypt(true, boots, time, salt, scopedBytes, static_cast<size_t>(scopedSize), scopedBytes)) {
        return false;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    if (!f.digest(reinterpret_cast<const unsigned char *>(begin), static_cast<size_t>(totalSize), mac, sizeof mac)) {
        return false;
    }
    std::memcpy(macField, mac, static_cast<size_t>(f.macLength));
    packet = std::move(message);
    return true;
}

// 1: parsed, 0: an authenticated message that is not valid, -1: not for the
// fast path (Net-SNMP decides).
int NetSnmpLibrary::parseFast(const QByteArray &data, Parsed &out, const InstalledUser *expected)
{
    qsizetype pos = 0;
    int tag = 0;
    qsizetype len = 0;
    quint32 version = 0;
    quint32 msgId = 0;
    quint32 maxSize = 0;
    quint32 model = 0;
    if (!berHeader(data, pos, tag, len) || tag != 0x30 || !berReadUnsigned(data, pos, version) || version != 3 ||
        !berHeader(data, pos, tag, len) || tag != 0x30 || !berReadUnsigned(data, pos, msgId) ||
        !berReadUnsigned(data, pos, maxSize) || !berHeader(data, pos, tag, len) || tag != 0x04 || len != 1) {
        return -1;
    }
    const int flags = static_cast<unsigned char>(data[pos]);
    pos += len;
    if (!berReadUnsigned(data, pos, model) || model != 3 || !(flags & 0x01)) {
        return -1;
    }
    if (!berHeader(data, pos, tag, len) || tag != 0x04 || !berHeader(data, pos, tag, len) || tag != 0x30 ||
        !berHeader(data, pos, tag, len) || tag != 0x04 || len > 64) {
        return -1;
    }
    // Views into the datagram for the look-ups (no copies).
    const QByteArray engineIdView = QByteArray::fromRawData(data.constData() + pos, len);
    pos += len;
    quint32 boots = 0;
    quint32 time = 0;
    if (!berReadUnsigned(data, pos, boots) || !berReadUnsigned(data, pos, time) || !berHeader(data, pos, tag, len) ||
        tag != 0x04 || len > 255) {
        return -1;
    }
    const QByteArray userView = QByteArray::fromRawData(data.constData() + pos, len);
    pos += len;
    const InstalledUser *installed =
        expected && expected->engineId == engineIdView && expected->name == userView ? expected : nullptr;
    if (!installed) {
        const auto it = m_users.constFind(UserKey(engineIdView, userView));
        if (it == m_users.cend()) {
            return -1;
        }
        installed = it->get();
    }
    if (!installed->fast.ready) {
        return -1;
    }
    FastUsm &f = const_cast<FastUsm &>(installed->fast);
    if (!berHeader(data, pos, tag, len) || tag != 0x04 || len != f.macLength) {
        return -1;
    }
    const qsizetype authOffset = pos;
    pos += len;
    if (!berHeader(data, pos, tag, len) || tag != 0x04) {
        return -1;
    }
    const qsizetype saltOffset = pos;
    const qsizetype saltLength = len;
    pos += len;
    const bool privacy = flags & 0x02;
    if (privacy && (!f.privacy || saltLength != 8)) {
        return -1;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    if (!f.digest(data, authOffset, mac, sizeof mac) ||
        CRYPTO_memcmp(mac, data.constData() + authOffset, static_cast<size_t>(f.macLength)) != 0) {
        return -1; // let Net-SNMP judge (and count) what does not verify
    }
    // The scoped PDU goes (decrypted) into one buffer with room in front, where
    // its PDU is then given a v2c message header for Net-SNMP's decoder: no
    // further copies.
    constexpr qsizetype headroom = 16;
    qsizetype scopedSize = data.size() - pos;
    const char *scopedSource = data.constData() + pos;
    if (privacy) {
        if (!berHeader(data, pos, tag, len) || tag != 0x04) {
            return 0;
        }
        scopedSize = len;
        scopedSource = data.constData() + pos;
    }
    QByteArray buffer(headroom + scopedSize, Qt::Uninitialized);
    auto *const scoped = reinterpret_cast<unsigned char *>(buffer.data() + headroom);
    if (privacy) {
        if (!f.crypt(false, boots, time, reinterpret_cast<const unsigned char *>(data.constData() + saltOffset),
                     reinterpret_cast<const unsigned char *>(scopedSource), static_cast<size_t>(scopedSize), scoped)) {
            return 0;
        }
    } else {
        std::memcpy(scoped, scopedSource, static_cast<size_t>(scopedSize));
    }
    qsizetype sp = headroom;
    if (!berHeader(buffer, sp, tag, len) || tag != 0x30 || !berHeader(buffer, sp, tag, len) || tag != 0x04) {
        return 0;
    }
    sp += len; // contextEngineID
    if (!berHeader(buffer, sp, tag, len) || tag != 0x04) {
        return 0;
    }
    sp += len; // contextName
    if (sp >= buffer.size() || static_cast<unsigned char>(buffer[sp]) != 0xA2) {
        return -1; // reports and anything unusual take Net-SNMP's path
    }
    // The authenticated engine clock of the agent: a response older than the
    // time window is a replay (RFC 3414 3.2 step 7b); a newer one keeps the
    // notion of the agent's time current. Reports went to Net-SNMP above: a
    // notInTimeWindow report must always get through to resynchronise.
    const qint64 nowMs = monotonicMs();
    EngineClock *const clock = installed->clock.get();
    if (clock && clock->valid) {
        const qint64 localTime = clock->time + (nowMs - clock->atMs) / 1000;
        if (boots == 0x7FFFFFFF || boots < clock->boots || (boots == clock->boots && time + 150 < localTime)) {
            ++m_outsideTimeWindow;
            return 0;
        }
        if (boots > clock->boots || time > localTime) {
            *clock = EngineClock{true, boots, time, nowMs};
        }
    }
    // 30 L { 02 01 01, 04 01 '-', PDU } written just before the PDU.
    const qsizetype content = 6 + (buffer.size() - sp);
    if (content > 0xFFFF) {
        return 0;
    }
    const qsizetype prefix = 1 + lengthSize(content) + 6;
    BerWriter w{buffer.data() + sp - prefix};
    w.header(0x30, content);
    w.integer(1);
    w.octets("-", 1);
    if (!parsePlain(reinterpret_cast<u_char *>(buffer.data() + sp - prefix), static_cast<size_t>(prefix + content),
                    out)) {
        return 0;
    }
    out.version = Version::V3;
    out.msgId = static_cast<qint32>(msgId);
    out.engineId = installed->engineId; // shared, not copied
    return 1;
}

bool NetSnmpLibrary::build(const PduSpec &spec, QByteArray &packet, QString &error)
{
    if (spec.credentials && spec.credentials->version == Version::V3 && spec.type != PduType::Discovery &&
        buildFast(spec, packet, error)) {
        return true;
    }
    Encoded encoded;
    if (!encode(spec, encoded, error)) {
        return false;
    }
    packet = QByteArray(reinterpret_cast<const char *>(encoded.message), static_cast<qsizetype>(encoded.size));
    return true;
}

bool NetSnmpLibrary::encode(const PduSpec &spec, Encoded &encoded, QString &error)
{
    int command = SNMP_MSG_GET;
    if (spec.type == PduType::GetNext) {
        command = SNMP_MSG_GETNEXT;
    } else if (spec.type == PduType::GetBulk) {
        command = SNMP_MSG_GETBULK;
    } else if (spec.type == PduType::Set) {
        command = SNMP_MSG_SET;
    }
    netsnmp_pdu *pdu = snmp_pdu_create(command);
    if (!pdu) {
        error = QStringLiteral("out of memory");
        return false;
    }
    pdu->flags |= UCD_MSG_FLAG_EXPECT_RESPONSE;
    pdu->reqid = spec.requestId;
    pdu->msgid = spec.requestId;
    if (spec.type == PduType::GetBulk) {
        pdu->non_repeaters = spec.nonRepeaters;
        pdu->max_repetitions = spec.maxRepetitions;
    }
    if (spec.oids && spec.type != PduType::Discovery) {
        oid name[MAX_OID_LEN];
        for (const Oid &o : *spec.oids) {
            const size_t n = std::min(static_cast<size_t>(o.size()), static_cast<size_t>(MAX_OID_LEN));
            for (size_t i = 0; i < n; ++i) {
                name[i] = o.parts().at(static_cast<qsizetype>(i));
            }
            snmp_add_null_var(pdu, name, n);
        }
    }
    if (spec.type == PduType::Set && spec.values) {
        oid name[MAX_OID_LEN];
        for (const VarBind &vb : *spec.values) {
            const size_t n = std::min(static_cast<size_t>(vb.oid.size()), static_cast<size_t>(MAX_OID_LEN));
            for (size_t i = 0; i < n; ++i) {
                name[i] = vb.oid.parts().at(static_cast<qsizetype>(i));
            }
            if (!addSetValue(pdu, name, n, vb.value)) {
                snmp_free_pdu(pdu);
                error =
                    QStringLiteral("a SET value of type %1 cannot be sent").arg(QLatin1String(typeName(vb.value.type)));
                return false;
            }
        }
    }
    const Credentials &c = *spec.credentials;
    switch (c.version) {
    case Version::V1:
    case Version::V2c:
        pdu->version = c.version == Version::V1 ? SNMP_VERSION_1 : SNMP_VERSION_2c;
        pdu->community = dupBytes(c.community);
        pdu->community_len = static_cast<size_t>(c.community.size());
        break;
    case Version::V3:
        pdu->version = SNMP_VERSION_3;
        pdu->securityModel = SNMP_SEC_MODEL_USM;
        if (spec.type == PduType::Discovery) {
            pdu->securityLevel = SNMP_SEC_LEVEL_NOAUTH;
            pdu->securityName = dupString({});
            pdu->securityNameLen = 0;
            pdu->contextName = dupString({});
            pdu->contextNameLen = 0;
        } else {
            switch (c.securityLevel()) {
            case SecurityLevel::NoAuthNoPriv:
                pdu->securityLevel = SNMP_SEC_LEVEL_NOAUTH;
                break;
            case SecurityLevel::AuthNoPriv:
                pdu->securityLevel = SNMP_SEC_LEVEL_AUTHNOPRIV;
                break;
            case SecurityLevel::AuthPriv:
                pdu->securityLevel = spec.withoutPrivacy ? SNMP_SEC_LEVEL_AUTHNOPRIV : SNMP_SEC_LEVEL_AUTHPRIV;
                break;
            }
            activate(spec.engineId, c.user);
            pdu->securityName = dupString(c.user);
            pdu->securityNameLen = static_cast<size_t>(c.user.size());
            pdu->securityEngineID = dupBytes(spec.engineId);
            pdu->securityEngineIDLen = static_cast<size_t>(spec.engineId.size());
            pdu->contextEngineID = dupBytes(spec.engineId);
            pdu->contextEngineIDLen = static_cast<size_t>(spec.engineId.size());
            pdu->contextName = dupString(c.context);
            pdu->contextNameLen = static_cast<size_t>(c.context.size());
        }
        break;
    }
    m_buildSession.version = pdu->version;
    m_buildSession.s_snmp_errno = 0;
    size_t size = 2048;
    size_t offset = 0;
    auto *buffer = static_cast<u_char *>(std::malloc(size));
    const int rc = buffer ? snmp_build(&buffer, &size, &offset, &m_buildSession, pdu) : -1;
    encoded.buffer.reset(buffer); // snmp_build may have reallocated it
    bool ok = false;
    if (rc == 0 && offset > 0 && offset <= size) {
        // Encoded back to front: the message is the end of the buffer.
        encoded.message = buffer + size - offset;
        encoded.size = offset;
        ok = true;
    } else {
        error = QStringLiteral("cannot encode the request: %1")
                    .arg(QString::fromLatin1(snmp_api_errstring(m_buildSession.s_snmp_errno)));
    }
    snmp_free_pdu(pdu);
    return ok;
}

bool NetSnmpLibrary::parse(const QByteArray &datagram, Parsed &out, const InstalledUser *expected)
{
    if (datagram.isEmpty() || datagram.size() > 65535) {
        return false;
    }
    const int fast = parseFast(datagram, out, expected);
    if (fast >= 0) {
        return fast == 1;
    }
    QByteArray peekEngine;
    QByteArray peekUser;
    if (peekUsm(datagram, peekEngine, peekUser)) {
        activate(peekEngine, peekUser);
        // Reports (unknown engine, time window) change Net-SNMP's notion of
        // the engine clock: take it from there again next time.
        const auto clock = m_clocks.constFind(peekEngine);
        if (clock != m_clocks.cend()) {
            (*clock)->valid = false;
        }
    }
    return parsePlain(datagram, out);
}

bool NetSnmpLibrary::parsePlain(const QByteArray &datagram, Parsed &out)
{
    QByteArray data = datagram; // the decoder wants writable memory
    return parsePlain(reinterpret_cast<u_char *>(data.data()), static_cast<size_t>(data.size()), out);
}

bool NetSnmpLibrary::parsePlain(u_char *data, size_t size, Parsed &out)
{
    if (!berMessageWellFormed(data, size)) {
        return false; // never handed to Net-SNMP's decoder (see BerCheck.h)
    }
    auto *pdu = static_cast<netsnmp_pdu *>(std::calloc(1, sizeof(netsnmp_pdu)));
    if (!pdu) {
        return false;
    }
    m_parseSession.s_snmp_errno = 0;
    const int rc = snmp_parse(nullptr, &m_parseSession, pdu, data, size);
    freeSecurityState(pdu);
    bool ok = rc == 0 && (pdu->command == SNMP_MSG_RESPONSE || pdu->command == SNMP_MSG_REPORT);
    if (ok) {
        out.version = pdu->version == SNMP_VERSION_1    ? Version::V1
                      : pdu->version == SNMP_VERSION_2c ? Version::V2c
                                                        : Version::V3;
        ok = pdu->version == SNMP_VERSION_1 || pdu->version == SNMP_VERSION_2c || pdu->version == SNMP_VERSION_3;
    }
    if (ok) {
        out.requestId = static_cast<qint32>(pdu->reqid);
        out.msgId = static_cast<qint32>(pdu->msgid);
        out.errorStatus = static_cast<int>(pdu->errstat);
        out.errorIndex = static_cast<int>(pdu->errindex);
        if (pdu->securityEngineID && pdu->securityEngineIDLen > 0 && pdu->securityEngineIDLen <= 64) {
            out.engineId = QByteArray(reinterpret_cast<const char *>(pdu->securityEngineID),
                                      static_cast<qsizetype>(pdu->securityEngineIDLen));
        }
        if (pdu->command == SNMP_MSG_REPORT) {
            out.isReport = true;
            const int type = snmpv3_get_report_type(pdu);
            out.reportIsUnknownEngine = type == SNMPERR_UNKNOWN_ENG_ID;
            out.reportOutcome = reportOutcome(type);
            out.reportText = QString::fromLatin1(snmp_api_errstring(type));
        }
        for (netsnmp_variable_list *vp = pdu->variables; vp; vp = vp->next_variable) {
            if (!vp->name || vp->name_length > static_cast<size_t>(Oid::kMaxLength)) {
                continue;
            }
            QList<std::uint32_t> parts;
            parts.reserve(static_cast<qsizetype>(vp->name_length));
            for (size_t i = 0; i < vp->name_length; ++i) {
                parts.append(static_cast<std::uint32_t>(vp->name[i]));
            }
            out.varBinds.append({Oid(std::move(parts)), {}});
            out.varBinds.last().value = convertValue(vp);
        }
    }
    snmp_free_pdu(pdu);
    return ok;
}

QByteArray NetSnmpLibrary::masterKey(AuthProtocol hash, const QByteArray &passphrase, EngineStatistics &stats)
{
    QCryptographicHash digest(QCryptographicHash::Sha256);
    digest.addData(QByteArray::number(static_cast<int>(hash)));
    digest.addData(QByteArrayView("\0", 1));
    digest.addData(passphrase);
    const QByteArray cacheKey = digest.result();
    const auto it = m_masterKeys.constFind(cacheKey);
    if (it != m_masterKeys.cend()) {
        return it.value();
    }
    size_t length = 0;
    const oid *hashOid = authOid(hash, length);
    if (!hashOid) {
        return {};
    }
    u_char ku[USM_LENGTH_KU_HASHBLOCK];
    size_t kuLength = sizeof(ku);
    if (generate_Ku(hashOid, static_cast<u_int>(length), reinterpret_cast<const u_char *>(passphrase.constData()),
                    static_cast<size_t>(passphrase.size()), ku, &kuLength) != SNMPERR_SUCCESS) {
        return {};
    }
    ++stats.passphraseDigests;
    QByteArray key(reinterpret_cast<const char *>(ku), static_cast<qsizetype>(kuLength));
    std::memset(ku, 0, sizeof(ku));
    if (m_masterKeys.size() > 10000) {
        m_masterKeys.clear();
    }
    m_masterKeys.insert(cacheKey, key);
    return key;
}

void NetSnmpLibrary::activate(const QByteArray &engineId, const QByteArray &user)
{
    const auto it = m_users.constFind(UserKey(engineId, user));
    struct usmUser *wanted = it == m_users.cend() ? nullptr : (*it)->user;
    if (wanted == m_active) {
        return;
    }
    if (m_active) {
        usm_remove_user(m_active);
    }
    m_active = wanted;
    if (m_active) {
        usm_add_user(m_active);
    }
}

bool NetSnmpLibrary::InstalledUser::matches(const QByteArray &engine, const Credentials &c) const
{
    const auto same = [](const QByteArray &a, const QByteArray &b) {
        return a.size() == b.size() && (a.constData() == b.constData() || a == b);
    };
    return user && auth == c.authProtocol && priv == c.privProtocol && same(engineId, engine) && same(name, c.user) &&
           same(authPassphrase, c.authPassphrase) && same(privPassphrase, c.privPassphrase);
}

void NetSnmpLibrary::InstalledUser::prefetch() const
{
    __builtin_prefetch(engineId.constData());
    __builtin_prefetch(name.constData());
    __builtin_prefetch(clock.get());
    if (fast.ready) {
        fast.crypto.prefetch();
    }
}

std::shared_ptr<NetSnmpLibrary::EngineClock> NetSnmpLibrary::clockFor(const QByteArray &engineId)
{
    std::shared_ptr<EngineClock> &clock = m_clocks[engineId];
    if (!clock) {
        clock = std::make_shared<EngineClock>();
    }
    return clock;
}

bool NetSnmpLibrary::peekMessageId(const QByteArray &data, qint32 &msgId)
{
    qsizetype pos = 0;
    int tag = 0;
    qsizetype len = 0;
    quint32 version = 0;
    quint32 id = 0;
    if (!berHeader(data, pos, tag, len) || tag != 0x30 || !berReadUnsigned(data, pos, version) || version != 3 ||
        !berHeader(data, pos, tag, len) || tag != 0x30 || !berReadUnsigned(data, pos, id) || id > 0x7FFFFFFF) {
        return false;
    }
    msgId = static_cast<qint32>(id);
    return true;
}

bool NetSnmpLibrary::installUser(const QByteArray &engineId, const Credentials &c, EngineStatistics &stats,
                                 QString &error, UserHandle *cached)
{
    if (cached && *cached && (*cached)->matches(engineId, c)) {
        return true;
    }
    const UserKey key(engineId, c.user);
    const auto found = m_users.constFind(key);
    if (found != m_users.cend() && (*found)->matches(engineId, c)) {
        if (cached) {
            *cached = *found;
        }
        return true;
    }
    size_t authLength = 0;
    size_t privLength = 0;
    const oid *aOid = c.authProtocol == AuthProtocol::None ? usmNoAuthProtocol : authOid(c.authProtocol, authLength);
    if (c.authProtocol == AuthProtocol::None) {
        authLength = OID_LENGTH(usmNoAuthProtocol);
    }
    const oid *pOid = c.privProtocol == PrivProtocol::None ? usmNoPrivProtocol : privOid(c.privProtocol, privLength);
    if (c.privProtocol == PrivProtocol::None) {
        privLength = OID_LENGTH(usmNoPrivProtocol);
    }
    if (!aOid) {
        error = QStringLiteral("authentication protocol %1 is not supported by this Net-SNMP build")
                    .arg(toString(c.authProtocol));
        return false;
    }
    if (!pOid) {
        error =
            QStringLiteral("privacy protocol %1 is not supported by this Net-SNMP build").arg(toString(c.privProtocol));
        return false;
    }
    struct usmUser *user = usm_create_user();
    if (!user) {
        error = QStringLiteral("out of memory");
        return false;
    }
    user->engineID = dupBytes(engineId);
    user->engineIDLen = static_cast<size_t>(engineId.size());
    user->name = dupString(c.user);
    user->secName = dupString(c.user);
    std::free(user->authProtocol);
    user->authProtocol = snmp_duplicate_objid(aOid, authLength);
    user->authProtocolLen = authLength;
    std::free(user->privProtocol);
    user->privProtocol = snmp_duplicate_objid(pOid, privLength);
    user->privProtocolLen = privLength;
    bool ok = user->engineID && user->name && user->secName && user->authProtocol && user->privProtocol;
    if (ok && c.authProtocol != AuthProtocol::None) {
        const QByteArray ku = masterKey(c.authProtocol, c.authPassphrase, stats);
        user->authKey = static_cast<u_char *>(std::calloc(1, USM_AUTH_KU_LEN));
        user->authKeyLen = USM_AUTH_KU_LEN;
        ok = !ku.isEmpty() && user->authKey &&
             generate_kul(aOid, static_cast<u_int>(authLength), user->engineID, user->engineIDLen,
                          reinterpret_cast<const u_char *>(ku.constData()), static_cast<size_t>(ku.size()),
                          user->authKey, &user->authKeyLen) == SNMPERR_SUCCESS;
    }
    if (ok && c.privProtocol != PrivProtocol::None) {
        // The privacy key is derived with the authentication hash (RFC 3414 2.6).
        const QByteArray ku = masterKey(c.authProtocol, c.privPassphrase, stats);
        user->privKey = static_cast<u_char *>(std::calloc(1, USM_PRIV_KU_LEN));
        user->privKeyLen = USM_PRIV_KU_LEN;
        ok = !ku.isEmpty() && user->privKey &&
             generate_kul(aOid, static_cast<u_int>(authLength), user->engineID, user->engineIDLen,
                          reinterpret_cast<const u_char *>(ku.constData()), static_cast<size_t>(ku.size()),
                          user->privKey, &user->privKeyLen) == SNMPERR_SUCCESS &&
             usm_extend_user_kul(user, USM_PRIV_KU_LEN) == SNMPERR_SUCCESS;
    }
    if (!ok) {
        usm_free_user(user);
        error = QStringLiteral("cannot derive the SNMPv3 keys for user %1").arg(QString::fromUtf8(c.user));
        return false;
    }
    if (found != m_users.cend()) {
        InstalledUser &old = **found;
        if (old.user == m_active) {
            usm_remove_user(m_active);
            m_active = nullptr;
        }
        usm_free_user(old.user);
        old.user = nullptr; // holders of the old handle install again
    }
    user->userStatus = RS_ACTIVE;
    user->userStorageType = ST_READONLY;
    auto installed = std::make_shared<InstalledUser>();
    installed->engineId = engineId;
    installed->name = c.user;
    installed->user = user;
    installed->fast.init(user, c);
    installed->clock = clockFor(engineId);
    installed->auth = c.authProtocol;
    installed->priv = c.privProtocol;
    installed->authPassphrase = c.authPassphrase;
    installed->privPassphrase = c.privPassphrase;
    m_users.insert(key, installed);
    if (cached) {
        *cached = std::move(installed);
    }
    ++stats.keyLocalizations;
    return true;
}

void NetSnmpLibrary::engineTime(const QByteArray &engineId, quint32 &boots, quint32 &time)
{
    u_int b = 0;
    u_int t = 0;
    if (get_enginetime(reinterpret_cast<const u_char *>(engineId.constData()), static_cast<u_int>(engineId.size()), &b,
                       &t, FALSE) == SNMPERR_SUCCESS) {
        boots = b;
        time = t;
    }
}

} // namespace netgateway::snmp
