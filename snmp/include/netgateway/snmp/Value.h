#pragma once

#include <netgateway/snmp/Oid.h>

#include <QByteArray>
#include <QList>
#include <QMap>

#include <cstdint>

namespace netgateway::snmp {

// One SNMP value as it came off the wire, without interpretation. Integer
// types keep their sign (Integer32) or are unsigned (Counter/Gauge/TimeTicks).
struct Value {
    enum class Type {
        Null,
        Integer,
        OctetString,
        ObjectId,
        IpAddress,
        Counter32,
        Gauge32,
        TimeTicks,
        Opaque,
        Counter64,
        NoSuchObject,
        NoSuchInstance,
        EndOfMibView,
        Unsupported,
    };

    Type type = Type::Null;
    std::int64_t integer = 0;     // Integer (signed)
    std::uint64_t unsigned64 = 0; // Counter32, Gauge32, TimeTicks, Counter64
    QByteArray bytes;             // OctetString, IpAddress, Opaque
    Oid oid;                      // ObjectId

    static Value fromInteger(std::int64_t v)
    {
        Value out;
        out.type = Type::Integer;
        out.integer = v;
        return out;
    }
    static Value fromUnsigned(Type t, std::uint64_t v)
    {
        Value out;
        out.type = t;
        out.unsigned64 = v;
        return out;
    }
    static Value fromBytes(QByteArray v, Type t = Type::OctetString)
    {
        Value out;
        out.type = t;
        out.bytes = std::move(v);
        return out;
    }
    static Value fromOid(Oid v)
    {
        Value out;
        out.type = Type::ObjectId;
        out.oid = std::move(v);
        return out;
    }
    static Value exception(Type t)
    {
        Value out;
        out.type = t;
        return out;
    }

    // True for noSuchObject, noSuchInstance and endOfMibView.
    [[nodiscard]] bool isException() const
    {
        return type == Type::NoSuchObject || type == Type::NoSuchInstance || type == Type::EndOfMibView;
    }
    [[nodiscard]] bool isUnsignedType() const
    {
        return type == Type::Counter32 || type == Type::Gauge32 || type == Type::TimeTicks || type == Type::Counter64;
    }

    friend bool operator==(const Value &a, const Value &b)
    {
        return a.type == b.type && a.integer == b.integer && a.unsigned64 == b.unsigned64 && a.bytes == b.bytes &&
               a.oid == b.oid;
    }
};

const char *typeName(Value::Type type);

struct VarBind {
    Oid oid;
    Value value;
};

// Everything read from one device, keyed by OID: the pure mapping code takes
// this and nothing else, so it can be fed from a test, a fuzzer or the wire.
using ValueMap = QMap<Oid, Value>;

} // namespace netgateway::snmp
