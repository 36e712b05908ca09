#pragma once

// Minimal, bounded BER codec for the SNMP subset the simulator speaks.
// Every length read from the wire is checked against what remains; nothing
// here throws or reads out of bounds on malformed input.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fleetsim {

using Oid = std::vector<std::uint32_t>;

namespace tag {
constexpr std::uint8_t Integer = 0x02;
constexpr std::uint8_t OctetString = 0x04;
constexpr std::uint8_t Null = 0x05;
constexpr std::uint8_t ObjectId = 0x06;
constexpr std::uint8_t Sequence = 0x30;
constexpr std::uint8_t IpAddress = 0x40;
constexpr std::uint8_t Counter32 = 0x41;
constexpr std::uint8_t Gauge32 = 0x42;
constexpr std::uint8_t TimeTicks = 0x43;
constexpr std::uint8_t Opaque = 0x44;
constexpr std::uint8_t Counter64 = 0x46;
constexpr std::uint8_t NoSuchObject = 0x80;
constexpr std::uint8_t NoSuchInstance = 0x81;
constexpr std::uint8_t EndOfMibView = 0x82;
constexpr std::uint8_t GetRequest = 0xA0;
constexpr std::uint8_t GetNextRequest = 0xA1;
constexpr std::uint8_t Response = 0xA2;
constexpr std::uint8_t SetRequest = 0xA3;
constexpr std::uint8_t TrapV1 = 0xA4;
constexpr std::uint8_t GetBulkRequest = 0xA5;
constexpr std::uint8_t InformRequest = 0xA6;
constexpr std::uint8_t TrapV2 = 0xA7;
constexpr std::uint8_t Report = 0xA8;
} // namespace tag

constexpr std::size_t kMaxOidLength = 128;

// A typed SNMP value. `num` holds integers, counters, gauges, ticks and
// Counter64; `str` holds octet strings, IpAddress (4 octets) and Opaque; `oid`
// holds object identifiers.
struct Value {
    std::uint8_t type = tag::Null;
    std::int64_t num = 0;
    std::string str;
    Oid oid;

    static Value integer(std::int64_t v) { return Value{tag::Integer, v, {}, {}}; }
    static Value counter32(std::uint32_t v) { return Value{tag::Counter32, v, {}, {}}; }
    static Value gauge32(std::uint32_t v) { return Value{tag::Gauge32, v, {}, {}}; }
    static Value timeticks(std::uint32_t v) { return Value{tag::TimeTicks, v, {}, {}}; }
    static Value counter64(std::uint64_t v) { return Value{tag::Counter64, static_cast<std::int64_t>(v), {}, {}}; }
    static Value octets(std::string s) { return Value{tag::OctetString, 0, std::move(s), {}}; }
    static Value objectId(Oid o) { return Value{tag::ObjectId, 0, {}, std::move(o)}; }
    static Value null() { return Value{}; }
    static Value exception(std::uint8_t t) { return Value{t, 0, {}, {}}; }
    bool operator==(const Value &) const = default;
};

struct VarBind {
    Oid oid;
    Value value;
};

struct Pdu {
    std::uint8_t type = tag::GetRequest;
    std::int32_t requestId = 0;
    std::int32_t errorStatus = 0; // non-repeaters for GetBulk
    std::int32_t errorIndex = 0;  // max-repetitions for GetBulk
    std::vector<VarBind> varbinds;
};

// Parses dotted text ("1.3.6.1.2.1.1.1.0", optional leading dot). Returns false on bad input.
bool parseOid(std::string_view text, Oid &out);
std::string oidToString(const Oid &oid);
bool oidStartsWith(const Oid &oid, const Oid &prefix);

// Sequential reader over one BER-encoded buffer.
class BerReader {
public:
    BerReader(const std::uint8_t *data, std::size_t size) : m_p(data), m_end(data + size) {}
    explicit BerReader(std::string_view s) : BerReader(reinterpret_cast<const std::uint8_t *>(s.data()), s.size()) {}

    [[nodiscard]] bool atEnd() const { return m_p >= m_end; }
    [[nodiscard]] std::size_t remaining() const { return static_cast<std::size_t>(m_end - m_p); }
    [[nodiscard]] const std::uint8_t *position() const { return m_p; }

    // Reads one tag + length header; on success `content` points at the value
    // bytes and the reader is positioned after them.
    bool readTlv(std::uint8_t &tagOut, const std::uint8_t *&content, std::size_t &length);
    // Reads a TLV with the expected tag and returns a reader over its content.
    bool enter(std::uint8_t expectedTag, BerReader &inner);
    bool readInteger(std::int64_t &out, std::uint8_t expectedTag = tag::Integer);
    bool readUnsigned(std::uint64_t &out, std::uint8_t expectedTag);
    bool readOctets(std::string &out, std::uint8_t expectedTag = tag::OctetString, std::size_t maxLength = 65535);
    bool readOid(Oid &out);
    bool readNull();
    bool readValue(Value &out);
    bool peekTag(std::uint8_t &t) const;

private:
    const std::uint8_t *m_p;
    const std::uint8_t *m_end;
};

bool decodeOidContent(const std::uint8_t *p, std::size_t n, Oid &out);
bool decodePdu(BerReader &reader, Pdu &pdu);

// Appending writer. Constructed values are closed with end(), which inserts the
// definite length in front of the content.
class BerWriter {
public:
    std::string &buffer() { return m_buf; }
    std::size_t begin(std::uint8_t t);
    void end(std::size_t mark);
    void integer(std::int64_t v, std::uint8_t t = tag::Integer);
    void unsignedValue(std::uint64_t v, std::uint8_t t);
    void octets(std::string_view s, std::uint8_t t = tag::OctetString);
    void oid(const Oid &o);
    void null(std::uint8_t t = tag::Null);
    void value(const Value &v);
    void raw(std::string_view s) { m_buf.append(s); }
    void clear() { m_buf.clear(); }

private:
    void header(std::uint8_t t, std::size_t length);
    std::string m_buf;
};

void encodePdu(BerWriter &w, const Pdu &pdu);
std::size_t encodedValueSize(const Value &v);

} // namespace fleetsim
