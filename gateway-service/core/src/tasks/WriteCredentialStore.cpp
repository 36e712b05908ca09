#include <netgateway/storage/SecretVault.h>
#include <netgateway/tasks/WriteCredentialStore.h>

#include <QJsonDocument>

namespace netgateway::tasks {

QString WriteCredentialStore::secretName(std::int64_t deviceId)
{
    return deviceId == 0 ? QStringLiteral("tasks.write.default")
                         : QStringLiteral("tasks.write.device.%1").arg(static_cast<qlonglong>(deviceId));
}

std::optional<snmp::Credentials> WriteCredentialStore::parse(const QJsonObject &o, QString &error)
{
    snmp::Credentials c;
    const QString version = o.value(QStringLiteral("version")).toString();
    if (version == QLatin1String("v1") || version == QLatin1String("v2c")) {
        c.version = version == QLatin1String("v1") ? snmp::Version::V1 : snmp::Version::V2c;
        c.community = o.value(QStringLiteral("community")).toString().toUtf8();
        if (c.community.isEmpty() || c.community.size() > 255) {
            error = QStringLiteral("a write community of 1 to 255 bytes is needed");
            return std::nullopt;
        }
    } else if (version == QLatin1String("v3")) {
        c.version = snmp::Version::V3;
        c.community.clear();
        c.user = o.value(QStringLiteral("user")).toString().toUtf8();
        c.context = o.value(QStringLiteral("context")).toString().toUtf8();
        const auto auth = snmp::parseAuthProtocol(o.value(QStringLiteral("authProtocol")).toString());
        const QString privName = o.value(QStringLiteral("privProtocol")).toString();
        const auto priv =
            privName.isEmpty() ? std::optional(snmp::PrivProtocol::None) : snmp::parsePrivProtocol(privName);
        if (c.user.isEmpty() || !auth || *auth == snmp::AuthProtocol::None || !priv) {
            // A SET without authentication could be forged by anyone on the LAN.
            error = QStringLiteral("an SNMPv3 write user needs a user name, an authentication protocol (MD5, SHA, "
                                   "SHA-256...) and optionally a privacy protocol (AES, DES...)");
            return std::nullopt;
        }
        c.authProtocol = *auth;
        c.authPassphrase = o.value(QStringLiteral("authPassphrase")).toString().toUtf8();
        c.privProtocol = *priv;
        c.privPassphrase = o.value(QStringLiteral("privPassphrase")).toString().toUtf8();
    } else {
        error = QStringLiteral("\"version\" must be v1, v2c or v3");
        return std::nullopt;
    }
    const QString problem = c.validate();
    if (!problem.isEmpty()) {
        error = problem;
        return std::nullopt;
    }
    return c;
}

std::optional<snmp::Credentials> WriteCredentialStore::forDevice(std::int64_t deviceId) const
{
    auto stored = m_vault.get(secretName(deviceId));
    if (!stored) {
        stored = m_vault.get(secretName(0));
    }
    if (!stored) {
        return std::nullopt;
    }
    QString error;
    return parse(QJsonDocument::fromJson(*stored).object(), error);
}

bool WriteCredentialStore::set(std::int64_t deviceId, const QJsonObject &object, QString &error)
{
    if (!parse(object, error)) {
        return false;
    }
    m_vault.put(secretName(deviceId), QJsonDocument(object).toJson(QJsonDocument::Compact));
    return true;
}

bool WriteCredentialStore::remove(std::int64_t deviceId)
{
    return m_vault.remove(secretName(deviceId));
}

} // namespace netgateway::tasks
