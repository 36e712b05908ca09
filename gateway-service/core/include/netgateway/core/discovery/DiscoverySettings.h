#pragma once

#include <netgateway/core/discovery/Targets.h>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTime>

#include <optional>
#include <stdexcept>

namespace netgateway::core::discovery {

inline constexpr int kMaxCredentials = 16;
inline constexpr int kMaxScheduleTimes = 6;
inline constexpr int kMaxNameLength = 100;

// One SNMP credential of a setting's ordered list. The sweep tries them in
// order until one answers. Communities and passphrases are secrets: they are
// kept in the SecretVault, never in a plain column, a log line or an answer
// of the control channel.
struct Credential {
    enum class Version { V1, V2c, V3 };
    enum class AuthProtocol { None, MD5, SHA1, SHA224, SHA256, SHA384, SHA512 };
    enum class PrivProtocol { None, DES, AES128, AES192, AES256 };

    Version version = Version::V2c;
    QString community; // v1/v2c (secret)
    QString user;      // v3 security name
    AuthProtocol auth = AuthProtocol::None;
    QString authPassphrase; // secret
    PrivProtocol priv = PrivProtocol::None;
    QString privPassphrase; // secret
    QString context;        // v3 context name, may be empty

    // Empty when usable; otherwise why not (never containing a secret).
    [[nodiscard]] QString validate() const;
    // A description without secrets, e.g. "v3 user 'ops' (SHA256/AES128)".
    [[nodiscard]] QString describe() const;
};

QString versionName(Credential::Version v);
QString authName(Credential::AuthProtocol p);
QString privName(Credential::PrivProtocol p);
std::optional<Credential::Version> parseVersion(const QString &s);
std::optional<Credential::AuthProtocol> parseAuth(const QString &s);
std::optional<Credential::PrivProtocol> parsePriv(const QString &s);

// When a setting runs on its own: never (manual), or at 1 to 6 set times of
// the day (local time of the gateway).
struct Schedule {
    QList<QTime> times; // empty = manual; sorted, distinct, minute precision
    [[nodiscard]] bool isManual() const { return times.isEmpty(); }
    [[nodiscard]] QString toText() const; // "manual" or "08:00,13:30"
    static std::optional<Schedule> parse(const QString &text, QString &error);
};

// What happens to a printer a run finds for the first time.
enum class Registration { Managed, Pending };

struct DiscoverySettings {
    qint64 id = 0; // 0 until stored
    QString name;
    QStringList targets;
    QStringList exclusions;
    QList<Credential> credentials;
    bool wsDiscovery = false;
    Schedule schedule;
    Registration registration = Registration::Pending;
};

// The parsed form of a valid setting's address lists.
struct ValidatedTargets {
    QList<TargetSpec> targets;
    QList<TargetSpec> exclusions;
    std::uint64_t totalAddresses = 0;
};

// Checks a setting against every rule (name, targets and their limits,
// exclusions, credentials, schedule). Returns an empty string when valid and
// fills `out` with the normalised lists; otherwise a message for the
// administrator that names the offending entry and, for the limits, states them.
QString validate(const DiscoverySettings &settings, ValidatedTargets *out = nullptr);
// The target and exclusion part of validate() alone.
QString validateTargets(const DiscoverySettings &settings, ValidatedTargets *out = nullptr);

// JSON form used by the control channel. Secrets are only read from JSON,
// never written to it: toJson() shows credentials without them.
QJsonObject toJson(const DiscoverySettings &settings);
std::optional<DiscoverySettings> fromJson(const QJsonObject &json, QString &error);

// A request that was refused; the message says why and what to do.
class DiscoveryError : public std::runtime_error {
public:
    explicit DiscoveryError(const QString &message) : std::runtime_error(message.toStdString()), m_message(message) {}
    [[nodiscard]] const QString &message() const { return m_message; }

private:
    QString m_message;
};

} // namespace netgateway::core::discovery
