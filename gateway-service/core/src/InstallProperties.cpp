#include <netgateway/core/InstallProperties.h>

#include <QHostAddress>
#include <QRegularExpression>

#ifdef Q_OS_WIN
#include "../../platform/windows/InstallRegistry.h"
#endif

namespace netgateway::core {

namespace {

constexpr qsizetype kMaxValueLength = 260;

std::optional<quint16> port(const QString &text)
{
    bool ok = false;
    const uint value = text.toUInt(&ok);
    if (!ok || value < 1 || value > 65535 || text.startsWith(QLatin1Char('+'))) {
        return std::nullopt;
    }
    return static_cast<quint16>(value);
}

bool validHost(const QString &host)
{
    if (host.isEmpty() || host.size() > 253) {
        return false;
    }
    QHostAddress address;
    if (address.setAddress(host)) {
        return true;
    }
    // A DNS name: letters, digits, hyphens and dots (no spaces, quotes or
    // anything msiexec or a URL would read specially).
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
                                                        "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$"));
    return name.match(host).hasMatch();
}

} // namespace

InstallProperties InstallProperties::read(const Source &source, QStringList &problems)
{
    InstallProperties p;
    if (!source) {
        return p;
    }
    auto value = [&source, &problems](const char *name) -> std::optional<QString> {
        const auto v = source(QString::fromLatin1(name));
        if (!v || v->trimmed().isEmpty()) {
            return std::nullopt;
        }
        if (v->size() > kMaxValueLength) {
            problems << QStringLiteral("install setting %1 is longer than %2 characters; ignored")
                            .arg(QString::fromLatin1(name))
                            .arg(kMaxValueLength);
            return std::nullopt;
        }
        return v->trimmed();
    };
    if (const auto v = value("UiPort")) {
        p.uiPort = port(*v);
        if (!p.uiPort) {
            problems << QStringLiteral("install setting UiPort '%1' is not a port from 1 to 65535; ignored").arg(*v);
        }
    }
    if (const auto v = value("RelayPort")) {
        p.relayPort = port(*v);
        if (!p.relayPort) {
            problems << QStringLiteral("install setting RelayPort '%1' is not a port from 1 to 65535; ignored").arg(*v);
        }
    }
    if (const auto v = value("Anonymize")) {
        if (*v == QLatin1String("0") || *v == QLatin1String("1")) {
            p.anonymize = *v == QLatin1String("1");
        } else {
            problems << QStringLiteral("install setting Anonymize '%1' is not 0 or 1; ignored").arg(*v);
        }
    }
    if (const auto v = value("Proxy")) {
        // host:port, or [IPv6]:port.
        const qsizetype colon = v->lastIndexOf(QLatin1Char(':'));
        QString host = colon > 0 ? v->left(colon) : QString();
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
            host = host.mid(1, host.size() - 2);
        }
        const auto proxyPort = colon > 0 ? port(v->mid(colon + 1)) : std::nullopt;
        if (proxyPort && validHost(host) && (!host.contains(QLatin1Char(':')) || v->startsWith(QLatin1Char('[')))) {
            p.proxyHost = host;
            p.proxyPort = *proxyPort;
        } else {
            // The value is not repeated: a mistyped "user:password@host:port"
            // would otherwise put a password into the log.
            problems << QStringLiteral("install setting Proxy is not host:port (a host name or address and a port "
                                       "from 1 to 65535; proxy credentials are set in the console); no proxy is set");
        }
    }
    return p;
}

InstallProperties::Source InstallProperties::platformSource()
{
#ifdef Q_OS_WIN
    return [](const QString &name) -> std::optional<QString> {
        const auto v = platform::windows::readInstallValue(name.toStdWString());
        if (!v) {
            return std::nullopt;
        }
        return QString::fromStdString(*v);
    };
#else
    return {};
#endif
}

QString InstallProperties::proxy() const
{
    if (proxyHost.isEmpty()) {
        return {};
    }
    const QString host =
        proxyHost.contains(QLatin1Char(':')) ? QLatin1Char('[') + proxyHost + QLatin1Char(']') : proxyHost;
    return host + QLatin1Char(':') + QString::number(proxyPort);
}

QList<QPair<QString, QString>> InstallProperties::msiProperties() const
{
    QList<QPair<QString, QString>> out;
    if (uiPort) {
        out.append({QStringLiteral("UIPORT"), QString::number(*uiPort)});
    }
    if (relayPort) {
        out.append({QStringLiteral("RELAYPORT"), QString::number(*relayPort)});
    }
    if (anonymize) {
        out.append({QStringLiteral("ANONYMIZE"), *anonymize ? QStringLiteral("1") : QStringLiteral("0")});
    }
    if (!proxyHost.isEmpty()) {
        out.append({QStringLiteral("PROXY"), proxy()});
    }
    return out;
}

} // namespace netgateway::core
