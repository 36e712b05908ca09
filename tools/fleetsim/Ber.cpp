#include "Ber.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace fleetsim {

bool parseOid(std::string_view text, Oid &out)
{
    out.clear();
    if (!text.empty() && text.front() == '.')
        text.remove_prefix(1);
    if (text.empty())
        return false;
    while (!text.empty()) {
        std::size_t dot = text.find('.');
        std::string_view part = text.substr(0, dot);
        std::uint32_t v = 0;
        auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (part.empty() || ec != std::errc() || ptr != part.data() + part.size())
            return false;
        out.push_back(v);
        if (out.size() > kMaxOidLength)
            return false;
        if (dot == std::string_view::npos)
            break;
        text.remove_prefix(dot + 1);
        if (text.empty())
            return false;
    }
    return out.size() >= 2 && out[0] <= 2;
}

std::string oidToString(const Oid &oid)
{
    std::string s;
    for (std::size_t i = 0; i < oid.size(); ++i) {
        if (i)
            s.push_back('.');
        s += std::to_string(oid[i]);
    }
    return s;
}

bool oidStartsWith(const Oid &oid, const Oid &prefix)
{
    return oid.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), oid.begin());
}

bool BerReader::peekTag(std::uint8_t &t) const
{
    if (m_p >= m_end)
        return false;
    t = *m_p;
    return true;
}

bool BerReader::readTlv(std::uint8_t &tagOut, const std::uint8_t *&content, std::size_t &length)
{
    if (remaining() < 2)
        return false;
    const std::uint8_t *p = m_p;
    tagOut = *p++;
    if ((tagOut & 0x1F) == 0x1F) // multi-byte tags are not used by SNMP
        return false;
    std::size_t len = *p++;
    if (len & 0x80) {
        std::size_t n = len & 0x7F;
        if (n == 0 || n > 4) // indefinite or absurd lengths
            return false;
        if (static_cast<std::size_t>(m_end - p) < n)
            return false;
        len = 0;
        for (std::size_t i = 0; i < n; ++i)
            len = (len << 8) | *p++;
    }
    if (static_cast<std::size_t>(m_end - p) < len)
        return false;
    content = p;
    length = len;
    m_p = p + len;
    return true;
}

bool BerReader::enter(std::uint8_t expectedTag, BerReader &inner)
{
    BerReader save = *this;
    std::uint8_t t = 0;
    const std::uint8_t *c = nullptr;
    std::size_t n = 0;
    if (!readTlv(t, c, n) || t != expectedTag) {
        *this = save;
        return false;
    }
    inner = BerReader(c, n);
    return true;
}

bool BerReader::readInteger(std::int64_t &out, std::uint8_t expectedTag)
{
    std::uint8_t t = 0;
    const std::uint8_t *c = nullptr;
    std::size_t n = 0;
    if (!readTlv(t, c, n) || t != expectedTag || n == 0 || n > 8)
        return false;
    std::uint64_t v = (c[0] & 0x80) ? ~std::uint64_t{0} : 0;
    for (std::size_t i = 0; i < n; ++i)
        v = (v << 8) | c[i];
    out = static_cast<std::int64_t>(v);
    return true;
}

bool BerReader::readUnsigned(std::uint64_t &out, std::uint8_t expectedTag)
{
    std::uint8_t t = 0;
    const std::uint8_t *c = nullptr;
    std::size_t n = 0;
    if (!readTlv(t, c, n) || t != expectedTag || n == 0 || n > 9)
        return false;
    if (n == 9 && c[0] != 0)
        return false;
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i)
        v = (v << 8) | c[i];
    out = v;
    return true;
}

bool BerReader::readOctets(std::string &out, std::uint8_t expectedTag, std::size_t maxLength)
{
    std::uint8_t t = 0;
    const std::uint8_t *c = nullptr;
    std::size_t n = 0;
    if (!readTlv(t, c, n) || t != expectedTag || n > maxLength)
        return false;
    out.assign(reinterpret_cast<const char *>(c), n);
    return true;
}

bool decodeOidContent(const std::uint8_t *p, std::size_t n, Oid &out)
{
    out.clear();
    if (n == 0 || n > 4 * kMaxOidLength)
        return false;
    std::uint64_t acc = 0;
    bool first = true;
    std::size_t digits = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (digits == 0 && p[i] == 0x80) // non-minimal encoding
            return false;
        acc = (acc << 7) | (p[i] & 0x7F);
        ++digits;
        if (acc > 0xFFFFFFFFull || digits > 5)
            return false;
        if (p[i] & 0x80)
            continue;
        if (first) {
            std::uint32_t a = acc < 40 ? 0 : (acc < 80 ? 1 : 2);
            out.push_back(a);
            out.push_back(static_cast<std::uint32_t>(acc - 40ull * a));
            first = false;
        } else {
            out.push_back(static_cast<std::uint32_t>(acc));
        }
        if (out.size() > kMaxOidLength)
            return false;
        acc = 0;
        digits = 0;
    }
    return digits == 0;
}

bool BerReader::readOid(Oid &out)
{
    std::uint8_t t = 0;
    const std::uint8_t *c = nullptr;
    std::size_t n = 0;
    if (!readTlv(t, c, n) || t != tag::ObjectId)
        return false;
    return decodeOidContent(c, n, out);
}

bool BerReader::readNull()
{
    std::uint8_t t = 0;
    const std::uint8_t *c = nullptr;
    std::size_t n = 0;
    return readTlv(t, c, n) && t == tag::Null && n == 0;
}

bool BerReader::readValue(Value &out)
{
    std::uint8_t t = 0;
    if (!peekTag(t))
        return false;
    out = Value{};
    out.type = t;
    switch (t) {
    case tag::Integer:
        return readInteger(out.num);
    case tag::Counter32:
    case tag::Gauge32:
    case tag::TimeTicks: {
        std::uint64_t v = 0;
        if (!readUnsigned(v, t) || v > 0xFFFFFFFFull)
            return false;
        out.num = static_cast<std::int64_t>(v);
        return true;
    }
    case tag::Counter64: {
        std::uint64_t v = 0;
        if (!readUnsigned(v, t))
            return false;
        out.num = static_cast<std::int64_t>(v);
        return true;
    }
    case tag::OctetString:
    case tag::Opaque:
        return readOctets(out.str, t);
    case tag::IpAddress:
        return readOctets(out.str, t, 4) && out.str.size() == 4;
    case tag::ObjectId:
        return readOid(out.oid);
    case tag::Null:
    case tag::NoSuchObject:
    case tag::NoSuchInstance:
    case tag::EndOfMibView: {
        const std::uint8_t *c = nullptr;
        std::size_t n = 0;
        return readTlv(t, c, n) && n == 0;
    }
    default:
        return false;
    }
}

bool decodePdu(BerReader &reader, Pdu &pdu)
{
    std::uint8_t t = 0;
    if (!reader.peekTag(t))
        return false;
    if (t != tag::GetRequest && t != tag::GetNextRequest && t != tag::Response && t != tag::SetRequest &&
        t != tag::GetBulkRequest && t != tag::InformRequest && t != tag::TrapV2 && t != tag::Report)
        return false;
    BerReader body(nullptr, 0);
    if (!reader.enter(t, body))
        return false;
    pdu.type = t;
    std::int64_t id = 0, es = 0, ei = 0;
    if (!body.readInteger(id) || !body.readInteger(es) || !body.readInteger(ei))
        return false;
    if (id < INT32_MIN || id > INT32_MAX || es < INT32_MIN || es > INT32_MAX || ei < INT32_MIN || ei > INT32_MAX)
        return false;
    pdu.requestId = static_cast<std::int32_t>(id);
    pdu.errorStatus = static_cast<std::int32_t>(es);
    pdu.errorIndex = static_cast<std::int32_t>(ei);
    BerReader list(nullptr, 0);
    if (!body.enter(tag::Sequence, list))
        return false;
    pdu.varbinds.clear();
    while (!list.atEnd()) {
        if (pdu.varbinds.size() >= 512)
            return false;
        BerReader vb(nullptr, 0);
        if (!list.enter(tag::Sequence, vb))
            return false;
        VarBind v;
        if (!vb.readOid(v.oid) || !vb.readValue(v.value) || !vb.atEnd())
            return false;
        pdu.varbinds.push_back(std::move(v));
    }
    return true;
}

void BerWriter::header(std::uint8_t t, std::size_t length)
{
    m_buf.push_back(static_cast<char>(t));
    if (length < 0x80) {
        m_buf.push_back(static_cast<char>(length));
    } else if (length <= 0xFF) {
        m_buf.push_back(static_cast<char>(0x81));
        m_buf.push_back(static_cast<char>(length));
    } else if (length <= 0xFFFF) {
        m_buf.push_back(static_cast<char>(0x82));
        m_buf.push_back(static_cast<char>(length >> 8));
        m_buf.push_back(static_cast<char>(length & 0xFF));
    } else {
        m_buf.push_back(static_cast<char>(0x83));
        m_buf.push_back(static_cast<char>(length >> 16));
        m_buf.push_back(static_cast<char>((length >> 8) & 0xFF));
        m_buf.push_back(static_cast<char>(length & 0xFF));
    }
}

std::size_t BerWriter::begin(std::uint8_t t)
{
    m_buf.push_back(static_cast<char>(t));
    return m_buf.size();
}

void BerWriter::end(std::size_t mark)
{
    std::size_t len = m_buf.size() - mark;
    char hdr[4];
    std::size_t n = 0;
    if (len < 0x80) {
        hdr[n++] = static_cast<char>(len);
    } else if (len <= 0xFF) {
        hdr[n++] = static_cast<char>(0x81);
        hdr[n++] = static_cast<char>(len);
    } else if (len <= 0xFFFF) {
        hdr[n++] = static_cast<char>(0x82);
        hdr[n++] = static_cast<char>(len >> 8);
        hdr[n++] = static_cast<char>(len & 0xFF);
    } else {
        hdr[n++] = static_cast<char>(0x83);
        hdr[n++] = static_cast<char>(len >> 16);
        hdr[n++] = static_cast<char>((len >> 8) & 0xFF);
        hdr[n++] = static_cast<char>(len & 0xFF);
    }
    m_buf.insert(mark, hdr, n);
}

void BerWriter::integer(std::int64_t v, std::uint8_t t)
{
    std::uint8_t bytes[8];
    int n = 8;
    for (int i = 7; i >= 0; --i) {
        bytes[i] = static_cast<std::uint8_t>(v & 0xFF);
        v >>= 8; // arithmetic shift keeps the sign
    }
    int start = 0;
    while (start < 7 && ((bytes[start] == 0x00 && !(bytes[start + 1] & 0x80)) ||
                         (bytes[start] == 0xFF && (bytes[start + 1] & 0x80))))
        ++start;
    header(t, static_cast<std::size_t>(n - start));
    m_buf.append(reinterpret_cast<const char *>(bytes + start), static_cast<std::size_t>(n - start));
}

void BerWriter::unsignedValue(std::uint64_t v, std::uint8_t t)
{
    std::uint8_t bytes[9];
    bytes[0] = 0;
    for (int i = 8; i >= 1; --i) {
        bytes[i] = static_cast<std::uint8_t>(v & 0xFF);
        v >>= 8;
    }
    int start = 0;
    while (start < 8 && bytes[start] == 0 && !(bytes[start + 1] & 0x80))
        ++start;
    header(t, static_cast<std::size_t>(9 - start));
    m_buf.append(reinterpret_cast<const char *>(bytes + start), static_cast<std::size_t>(9 - start));
}

void BerWriter::octets(std::string_view s, std::uint8_t t)
{
    header(t, s.size());
    m_buf.append(s);
}

static void appendSubId(std::string &out, std::uint64_t v)
{
    char tmp[10];
    int n = 0;
    tmp[n++] = static_cast<char>(v & 0x7F);
    v >>= 7;
    while (v) {
        tmp[n++] = static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    while (n)
        out.push_back(tmp[--n]);
}

void BerWriter::oid(const Oid &o)
{
    std::string content;
    if (o.size() < 2) {
        content.push_back(0);
    } else {
        appendSubId(content, 40ull * o[0] + o[1]);
        for (std::size_t i = 2; i < o.size(); ++i)
            appendSubId(content, o[i]);
    }
    octets(content, tag::ObjectId);
}

void BerWriter::null(std::uint8_t t)
{
    header(t, 0);
}

void BerWriter::value(const Value &v)
{
    switch (v.type) {
    case tag::Integer:
        integer(v.num);
        break;
    case tag::Counter32:
    case tag::Gauge32:
    case tag::TimeTicks:
        unsignedValue(static_cast<std::uint32_t>(v.num), v.type);
        break;
    case tag::Counter64:
        unsignedValue(static_cast<std::uint64_t>(v.num), v.type);
        break;
    case tag::OctetString:
    case tag::Opaque:
    case tag::IpAddress:
        octets(v.str, v.type);
        break;
    case tag::ObjectId:
        oid(v.oid);
        break;
    default:
        null(v.type);
        break;
    }
}

std::size_t encodedValueSize(const Value &v)
{
    switch (v.type) {
    case tag::OctetString:
    case tag::Opaque:
    case tag::IpAddress:
        return v.str.size() + 4;
    case tag::ObjectId:
        return v.oid.size() * 5 + 4;
    default:
        return 11;
    }
}

void encodePdu(BerWriter &w, const Pdu &pdu)
{
    std::size_t p = w.begin(pdu.type);
    w.integer(pdu.requestId);
    w.integer(pdu.errorStatus);
    w.integer(pdu.errorIndex);
    std::size_t l = w.begin(tag::Sequence);
    for (const VarBind &vb : pdu.varbinds) {
        std::size_t s = w.begin(tag::Sequence);
        w.oid(vb.oid);
        w.value(vb.value);
        w.end(s);
    }
    w.end(l);
    w.end(p);
}

} // namespace fleetsim
