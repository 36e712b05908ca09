#include <netgateway/snmp/Credentials.h>
#include <netgateway/snmp/Value.h>

namespace netgateway::snmp {

namespace {

struct AuthName {
    const char *name;
    AuthProtocol protocol;
};
constexpr AuthName kAuthNames[] = {
    {"MD5", AuthProtocol::MD5},        {"SHA", AuthProtocol::SHA1},       {"SHA-1", AuthProtocol::SHA1},
    {"SHA1", AuthProtocol::SHA1},      {"SHA-224", AuthProtocol::SHA224}, {"SHA-256", AuthProtocol::SHA256},
    {"SHA-384", AuthProtocol::SHA384}, {"SHA-512", AuthProtocol::SHA512},
};

struct PrivName {
    const char *name;
    PrivProtocol protocol;
};
constexpr PrivName kPrivNames[] = {
    {"DES", PrivProtocol::DES},           {"AES", PrivProtocol::AES128},        {"AES-128", PrivProtocol::AES128},
    {"AES128", PrivProtocol::AES128},     {"AES-192", PrivProtocol::AES192},    {"AES-256", PrivProtocol::AES256},
    {"AES-192-C", PrivProtocol::AES192C}, {"AES-256-C", PrivProtocol::AES256C},
};

} // namespace

std::optional<AuthProtocol> parseAuthProtocol(QStringView name)
{
    for (const auto &entry : kAuthNames) {
        if (name.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0) {
            return entry.protocol;
        }
    }
    return std::nullopt;
}

std::optional<PrivProtocol> parsePrivProtocol(QStringView name)
{
    for (const auto &entry : kPrivNames) {
        if (name.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0) {
            return entry.protocol;
        }
    }
    return std::nullopt;
}

QString toString(AuthProtocol protocol)
{
    switch (protocol) {
    case AuthProtocol::None:
        return QStringLiteral("none");
    case AuthProtocol::MD5:
        return QStringLiteral("MD5");
    case AuthProtocol::SHA1:
        return QStringLiteral("SHA");
    case AuthProtocol::SHA224:
        return QStringLiteral("SHA-224");
    case AuthProtocol::SHA256:
        return QStringLiteral("SHA-256");
    case AuthProtocol::SHA384:
        return QStringLiteral("SHA-384");
    case AuthProtocol::SHA512:
        return QStringLiteral("SHA-512");
    }
    return {};
}

QString toString(PrivProtocol protocol)
{
    switch (protocol) {
    case PrivProtocol::None:
        return QStringLiteral("none");
    case PrivProtocol::DES:
        return QStringLiteral("DES");
    case PrivProtocol::AES128:
        return QStringLiteral("AES");
    case PrivProtocol::AES192:
        return QStringLiteral("AES-192");
    case PrivProtocol::AES256:
        return QStringLiteral("AES-256");
    case PrivProtocol::AES192C:
        return QStringLiteral("AES-192-C");
    case PrivProtocol::AES256C:
        return QStringLiteral("AES-256-C");
    }
    return {};
}

QString toString(Version version)
{
    switch (version) {
    case Version::V1:
        return QStringLiteral("1");
    case Version::V2c:
        return QStringLiteral("2c");
    case Version::V3:
        return QStringLiteral("3");
    }
    return {};
}

QString Credentials::validate() const
{
    constexpr qsizetype kMaxField = 255;
    if (version != Version::V3) {
        if (community.isEmpty() || community.size() > kMaxField) {
            return QStringLiteral("the community must be 1 to 255 bytes long");
        }
        return {};
    }
    if (user.isEmpty() || user.size() > 32) {
        return QStringLiteral("the SNMPv3 user name must be 1 to 32 bytes long");
    }
    if (context.size() > 32) {
        return QStringLiteral("the SNMPv3 context name must be at most 32 bytes long");
    }
    if (authProtocol == AuthProtocol::None && privProtocol != PrivProtocol::None) {
        return QStringLiteral("privacy needs an authentication protocol as well");
    }
    if (authProtocol != AuthProtocol::None && (authPassphrase.size() < 8 || authPassphrase.size() > kMaxField)) {
        return QStringLiteral("the authentication passphrase must be 8 to 255 characters long");
    }
    if (privProtocol != PrivProtocol::None && (privPassphrase.size() < 8 || privPassphrase.size() > kMaxField)) {
        return QStringLiteral("the privacy passphrase must be 8 to 255 characters long");
    }
    return {};
}

const char *typeName(Value::Type type)
{
    switch (type) {
    case Value::Type::Null:
        return "Null";
    case Value::Type::Integer:
        return "INTEGER";
    case Value::Type::OctetString:
        return "OCTET STRING";
    case Value::Type::ObjectId:
        return "OBJECT IDENTIFIER";
    case Value::Type::IpAddress:
        return "IpAddress";
    case Value::Type::Counter32:
        return "Counter32";
    case Value::Type::Gauge32:
        return "Gauge32";
    case Value::Type::TimeTicks:
        return "TimeTicks";
    case Value::Type::Opaque:
        return "Opaque";
    case Value::Type::Counter64:
        return "Counter64";
    case Value::Type::NoSuchObject:
        return "noSuchObject";
    case Value::Type::NoSuchInstance:
        return "noSuchInstance";
    case Value::Type::EndOfMibView:
        return "endOfMibView";
    case Value::Type::Unsupported:
        return "unsupported type";
    }
    return "?";
}

} // namespace netgateway::snmp
