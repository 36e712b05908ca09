#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace netgateway::core {

// What the administrator chose at install time (the MSI's public properties
// UIPORT, RELAYPORT, ANONYMIZE, PROXY), as the installer left them for the
// service: on Windows the string values UiPort, RelayPort, Anonymize and Proxy
// under HKLM\SOFTWARE\netgateway\Install (writable by administrators only).
// The service reads them at start (the anonymization mode and the proxy count
// at the first initialization of the data directory only); the upgrade helper
// passes them to msiexec again, so an upgrade keeps them. The access code is
// never here: the MSI leaves it in a file the service moves into its vault.
struct InstallProperties {
    std::optional<quint16> uiPort;
    std::optional<quint16> relayPort;
    std::optional<bool> anonymize;
    QString proxyHost; // empty: no proxy
    quint16 proxyPort = 0;

    // Looks up one value by its registry name; nullopt when it is absent.
    using Source = std::function<std::optional<QString>(const QString &name)>;

    // Reads and validates every value. An invalid value is left out (the
    // service's default applies) and described in `problems`, naming the
    // value and what it accepts; an empty value counts as absent.
    static InstallProperties read(const Source &source, QStringList &problems);

    // The platform's source: the registry on Windows; nothing elsewhere (the
    // .deb has no install-time properties).
    static Source platformSource();

    // NAME=value pairs for msiexec, only for the values that are set. Every
    // value was validated by read(), so none needs quoting beyond msiexec's.
    [[nodiscard]] QList<QPair<QString, QString>> msiProperties() const;

    // "host:port" or empty.
    [[nodiscard]] QString proxy() const;
};

} // namespace netgateway::core
