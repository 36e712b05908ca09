#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringView>

#include <optional>

namespace netgateway::snmp {

enum class Version { V1, V2c, V3 };
enum class SecurityLevel { NoAuthNoPriv, AuthNoPriv, AuthPriv };
enum class AuthProtocol { None, MD5, SHA1, SHA224, SHA256, SHA384, SHA512 };
// AES192/AES256 extend the localized key as draft-blumenthal-aes-usm-04
// describes (net-snmp "AES-192"/"AES-256"); AES192C/AES256C use the Reeder
// extension Cisco devices use (net-snmp "AES-192-C"/"AES-256-C").
enum class PrivProtocol { None, DES, AES128, AES192, AES256, AES192C, AES256C };

// Accepts the names net-snmp's tools use: MD5, SHA (=SHA-1), SHA-1, SHA-224,
// SHA-256, SHA-384, SHA-512 and DES, AES (=AES-128), AES-128, AES-192, AES-256,
// AES-192-C, AES-256-C. Case-insensitive.
std::optional<AuthProtocol> parseAuthProtocol(QStringView name);
std::optional<PrivProtocol> parsePrivProtocol(QStringView name);
QString toString(AuthProtocol protocol);
QString toString(PrivProtocol protocol);
QString toString(Version version);

// What is needed to talk to one agent. Passphrases are secrets: callers load
// them from the SecretVault and never log them.
struct Credentials {
    Version version = Version::V2c;
    QByteArray community = QByteArrayLiteral("public");
    QByteArray user;
    AuthProtocol authProtocol = AuthProtocol::None;
    QByteArray authPassphrase;
    PrivProtocol privProtocol = PrivProtocol::None;
    QByteArray privPassphrase;
    QByteArray context;

    [[nodiscard]] SecurityLevel securityLevel() const
    {
        if (authProtocol == AuthProtocol::None) {
            return SecurityLevel::NoAuthNoPriv;
        }
        return privProtocol == PrivProtocol::None ? SecurityLevel::AuthNoPriv : SecurityLevel::AuthPriv;
    }
    // Empty when usable; otherwise what is wrong, e.g. a passphrase shorter
    // than the 8 characters RFC 3414 requires.
    [[nodiscard]] QString validate() const;
};

// One agent to query and how patiently.
struct Target {
    QHostAddress address;
    quint16 port = 161;
    Credentials credentials;
    int timeoutMs = 1000;
    int retries = 1;
};

} // namespace netgateway::snmp
