#pragma once

#include <netgateway/snmp/Value.h>

#include <cstddef>
#include <cstdint>

// Turns fuzzer bytes into the values a device could have sent. Format (see
// make-seeds.py): a profile selector byte, then records of
//   type(1) oidLength(1) subIds(oidLength x base-128 varint) valueLength(2, big endian) value
namespace fuzzinput {

struct Reader {
    const std::uint8_t *data;
    std::size_t size;
    std::size_t pos = 0;

    bool byte(std::uint8_t &out)
    {
        if (pos >= size) {
            return false;
        }
        out = data[pos++];
        return true;
    }
    bool varint(std::uint32_t &out)
    {
        std::uint64_t v = 0;
        for (int i = 0; i < 5; ++i) {
            std::uint8_t b = 0;
            if (!byte(b)) {
                return false;
            }
            v = (v << 7) | (b & 0x7Fu);
            if (!(b & 0x80u)) {
                out = static_cast<std::uint32_t>(v & 0xFFFFFFFFu);
                return true;
            }
        }
        out = static_cast<std::uint32_t>(v & 0xFFFFFFFFu);
        return true;
    }
};

inline netgateway::snmp::Oid oidFrom(Reader &r, std::size_t count)
{
    QList<std::uint32_t> parts;
    for (std::size_t i = 0; i < count && parts.size() < netgateway::snmp::Oid::kMaxLength; ++i) {
        std::uint32_t v = 0;
        if (!r.varint(v)) {
            break;
        }
        parts.append(v);
    }
    return netgateway::snmp::Oid(std::move(parts));
}

inline netgateway::snmp::ValueMap decode(const std::uint8_t *data, std::size_t size, int &profile)
{
    using netgateway::snmp::Value;
    netgateway::snmp::ValueMap out;
    Reader r{data, size};
    std::uint8_t selector = 0;
    r.byte(selector);
    profile = selector % 3;
    while (r.pos < r.size && out.size() < 4096) {
        std::uint8_t type = 0;
        std::uint8_t oidLength = 0;
        if (!r.byte(type) || !r.byte(oidLength)) {
            break;
        }
        const netgateway::snmp::Oid oid = oidFrom(r, oidLength);
        std::uint8_t hi = 0;
        std::uint8_t lo = 0;
        if (!r.byte(hi) || !r.byte(lo)) {
            break;
        }
        std::size_t length = (std::size_t(hi) << 8) | lo;
        length = std::min(length, r.size - r.pos);
        const auto *value = r.data + r.pos;
        Reader inner{value, length};
        r.pos += length;
        std::int64_t signedValue = 0;
        std::uint64_t unsignedValue = 0;
        for (std::size_t i = 0; i < length && i < 8; ++i) {
            unsignedValue = (unsignedValue << 8) | value[i];
        }
        signedValue = static_cast<std::int64_t>(unsignedValue);
        if (length > 0 && length < 8 && (value[0] & 0x80u)) {
            signedValue -= std::int64_t(1) << (8 * length);
        }
        const QByteArray bytes(reinterpret_cast<const char *>(value), static_cast<qsizetype>(length));
        switch (type % 11) {
        case 0:
            out.insert(oid, Value::fromInteger(signedValue));
            break;
        case 1:
            out.insert(oid, Value::fromBytes(bytes));
            break;
        case 2:
            out.insert(oid, Value::fromOid(oidFrom(inner, 128)));
            break;
        case 3:
            out.insert(oid, Value::fromUnsigned(Value::Type::Counter32, unsignedValue & 0xFFFFFFFFu));
            break;
        case 4:
            out.insert(oid, Value::fromUnsigned(Value::Type::Gauge32, unsignedValue & 0xFFFFFFFFu));
            break;
        case 5:
            out.insert(oid, Value::fromUnsigned(Value::Type::TimeTicks, unsignedValue & 0xFFFFFFFFu));
            break;
        case 6:
            out.insert(oid, Value::fromUnsigned(Value::Type::Counter64, unsignedValue));
            break;
        case 7:
            out.insert(oid, Value::exception(Value::Type::NoSuchObject));
            break;
        case 8:
            out.insert(oid, Value::exception(Value::Type::EndOfMibView));
            break;
        case 9:
            out.insert(oid, Value{});
            break;
        default:
            out.insert(oid, Value::fromBytes(bytes, Value::Type::IpAddress));
            break;
        }
    }
    return out;
}

} // namespace fuzzinput
