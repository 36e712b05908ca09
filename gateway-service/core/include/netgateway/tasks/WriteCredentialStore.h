#pragma once

#include <netgateway/snmp/Credentials.h>

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>

namespace netgateway::storage {
class SecretVault;
}

namespace netgateway::tasks {

// The SNMP credentials allowed to write (SET) to devices, kept in the vault
// apart from the read credentials of discovery: a gateway that only monitors
// never holds them, and the cloud never sends them. One entry per device
// (by inventory id) and an optional default for all devices.
class WriteCredentialStore {
public:
    explicit WriteCredentialStore(storage::SecretVault &vault) : m_vault(vault) {}

    // The device's own entry, else the default; nothing when neither is set.
    [[nodiscard]] std::optional<snmp::Credentials> forDevice(std::int64_t deviceId) const;
    // deviceId 0 sets the default. Throws nothing; returns false with `error`
    // when the object is not a usable credential:
    //   {version: "v1"|"v2c", community} or
    //   {version: "v3", user, authProtocol, authPassphrase, privProtocol?, privPassphrase?, context?}
    bool set(std::int64_t deviceId, const QJsonObject &object, QString &error);
    bool remove(std::int64_t deviceId);

    static std::optional<snmp::Credentials> parse(const QJsonObject &object, QString &error);

private:
    static QString secretName(std::int64_t deviceId);
    storage::SecretVault &m_vault;
};

} // namespace netgateway::tasks
