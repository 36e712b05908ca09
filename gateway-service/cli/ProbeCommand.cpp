#include "ProbeCommand.h"

#include "CliText.h"

#include <netgateway/snmp/PrinterReader.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

namespace netgateway::cli {

using namespace netgateway::snmp;

// Translated where it is printed (CliText::tr); QT_TRANSLATE_NOOP shows it to lupdate.
const char kProbeUsage[] = QT_TRANSLATE_NOOP(
    "netgatewayctl", "Usage: netgatewayctl probe ADDRESS[:PORT] [options]\n"
                     "  Reads one printer over SNMP directly (the service is not needed).\n"
                     "  ADDRESS is an IPv4 address, [IPv6] address or host name; PORT defaults to 161.\n"
                     "Options:\n"
                     "  --community C        SNMPv2c community (default: public)\n"
                     "  --snmp-version V     1 or 2c when a community is used (default: 2c)\n"
                     "  --v3-user U          use SNMPv3 with user U\n"
                     "  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512\n"
                     "  --auth-pass X        authentication passphrase (8 characters or more)\n"
                     "  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C or AES-256-C\n"
                     "  --priv-pass Y        privacy passphrase (8 characters or more)\n"
                     "  --context N          SNMPv3 context name\n"
                     "  --timeout MS         per-attempt timeout in milliseconds (default: 1000)\n"
                     "  --retries N          retries after the first attempt (default: 1)\n"
                     "  --json               print one JSON object\n"
                     "Exit codes: 0 success, 2 usage error, 3 timeout or unreachable,\n"
                     "            4 SNMPv3 authentication or privacy failure, 1 other errors.\n");

namespace {

enum Exit : int { kOk = 0, kFailed = 1, kUsage = 2, kUnreachable = 3, kSecurity = 4 };

void printErr(const QString &text)
{
    std::fprintf(stderr, "netgatewayctl: %s\n", qPrintable(text));
}

int usage(const QString &message)
{
    printErr(message);
    std::fputs(CliText::tr(kProbeUsage).toUtf8().constData(), stderr);
    return kUsage;
}

struct Endpoint {
    QString host;
    quint16 port = 161;
};

std::optional<Endpoint> parseEndpoint(const QString &text, QString &error)
{
    Endpoint e;
    QString portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0) {
            error = CliText::tr("'%1': missing ']' after the IPv6 address").arg(text);
            return std::nullopt;
        }
        e.host = text.mid(1, close - 1);
        const QString rest = text.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':')) {
                error = CliText::tr("'%1': expected ':PORT' after ']'").arg(text);
                return std::nullopt;
            }
            portText = rest.mid(1);
        }
    } else if (text.count(u':') == 1) {
        e.host = text.section(u':', 0, 0);
        portText = text.section(u':', 1);
    } else {
        e.host = text; // a host name, IPv4 address or bare IPv6 address
    }
    if (e.host.isEmpty() || e.host.size() > 253) {
        error = CliText::tr("'%1' is not an address").arg(text);
        return std::nullopt;
    }
    if (!portText.isNull()) {
        bool ok = false;
        const uint port = portText.toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            error = CliText::tr("'%1' is not a port number (1-65535)").arg(portText);
            return std::nullopt;
        }
        e.port = static_cast<quint16>(port);
    }
    return e;
}

} // namespace

int probeCommand(const QStringList &argsIn)
{
    QStringList args = argsIn;
    QString address;
    Target target;
    bool json = false;
    bool haveCommunity = false;
    bool haveV3 = false;
    QString snmpVersion;
    while (!args.isEmpty()) {
        const QString arg = args.takeFirst();
        const auto value = [&](QString &out) {
            if (args.isEmpty()) {
                return false;
            }
            out = args.takeFirst();
            return true;
        };
        QString v;
        if (arg == QLatin1String("--json")) {
            json = true;
        } else if (arg == QLatin1String("--help")) {
            std::fputs(CliText::tr(kProbeUsage).toUtf8().constData(), stdout);
            return kOk;
        } else if (arg.startsWith(QLatin1String("--"))) {
            if (!value(v)) {
                return usage(CliText::tr("%1 needs a value").arg(arg));
            }
            if (arg == QLatin1String("--community")) {
                target.credentials.community = v.toUtf8();
                haveCommunity = true;
            } else if (arg == QLatin1String("--snmp-version")) {
                snmpVersion = v;
            } else if (arg == QLatin1String("--v3-user")) {
                target.credentials.user = v.toUtf8();
                haveV3 = true;
            } else if (arg == QLatin1String("--auth-proto")) {
                const auto p = parseAuthProtocol(v);
                if (!p) {
                    return usage(CliText::tr("unknown authentication protocol '%1'").arg(v));
                }
                target.credentials.authProtocol = *p;
                haveV3 = true;
            } else if (arg == QLatin1String("--auth-pass")) {
                target.credentials.authPassphrase = v.toUtf8();
                haveV3 = true;
            } else if (arg == QLatin1String("--priv-proto")) {
                const auto p = parsePrivProtocol(v);
                if (!p) {
                    return usage(CliText::tr("unknown privacy protocol '%1'").arg(v));
                }
                target.credentials.privProtocol = *p;
                haveV3 = true;
            } else if (arg == QLatin1String("--priv-pass")) {
                target.credentials.privPassphrase = v.toUtf8();
                haveV3 = true;
            } else if (arg == QLatin1String("--context")) {
                target.credentials.context = v.toUtf8();
                haveV3 = true;
            } else if (arg == QLatin1String("--timeout")) {
                bool ok = false;
                target.timeoutMs = v.toInt(&ok);
                if (!ok || target.timeoutMs < 10 || target.timeoutMs > 600000) {
                    return usage(CliText::tr("--timeout must be 10 to 600000 milliseconds"));
                }
            } else if (arg == QLatin1String("--retries")) {
                bool ok = false;
                target.retries = v.toInt(&ok);
                if (!ok || target.retries < 0 || target.retries > 20) {
                    return usage(CliText::tr("--retries must be 0 to 20"));
                }
            } else {
                return usage(CliText::tr("probe: unknown option '%1'").arg(arg));
            }
        } else if (address.isEmpty()) {
            address = arg;
        } else {
            return usage(CliText::tr("probe: unexpected argument '%1'").arg(arg));
        }
    }
    if (address.isEmpty()) {
        return usage(CliText::tr("probe needs an ADDRESS"));
    }
    if (haveV3 && haveCommunity) {
        return usage(CliText::tr("use either --community or the --v3-* options, not both"));
    }
    if (haveV3) {
        target.credentials.version = Version::V3;
        if (target.credentials.user.isEmpty()) {
            return usage(CliText::tr("SNMPv3 needs --v3-user"));
        }
        if (target.credentials.authProtocol == AuthProtocol::None && !target.credentials.authPassphrase.isEmpty()) {
            target.credentials.authProtocol = AuthProtocol::SHA1;
        }
        if (target.credentials.privProtocol == PrivProtocol::None && !target.credentials.privPassphrase.isEmpty()) {
            target.credentials.privProtocol = PrivProtocol::AES128;
        }
    } else if (snmpVersion == QLatin1String("1")) {
        target.credentials.version = Version::V1;
    } else if (snmpVersion.isEmpty() || snmpVersion == QLatin1String("2c")) {
        target.credentials.version = Version::V2c;
    } else {
        return usage(CliText::tr("--snmp-version must be 1 or 2c (SNMPv3 is chosen by --v3-user)"));
    }
    const QString problem = target.credentials.validate();
    if (!problem.isEmpty()) {
        return usage(problem);
    }
    QString error;
    const auto endpoint = parseEndpoint(address, error);
    if (!endpoint) {
        return usage(error);
    }
    target.port = endpoint->port;

    // The whole probe is bounded: the first exchange by timeout x (retries+1),
    // everything (name lookup, table walks) by a generous multiple of it.
    const qint64 attemptBudget = qint64(target.timeoutMs) * (target.retries + 1);
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer watchdog;
    watchdog.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&watchdog, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        loop.quit();
    });

    if (!target.address.setAddress(endpoint->host)) {
        QHostInfo info;
        bool resolved = false;
        const int lookupId = QHostInfo::lookupHost(endpoint->host, &loop, [&](const QHostInfo &result) {
            info = result;
            resolved = true;
            loop.quit();
        });
        watchdog.start(static_cast<int>(std::min<qint64>(attemptBudget, 600000)));
        loop.exec();
        watchdog.stop();
        if (!resolved) {
            QHostInfo::abortHostLookup(lookupId);
            printErr(CliText::tr("cannot resolve '%1' within %2 ms").arg(endpoint->host).arg(attemptBudget));
            return kUnreachable;
        }
        if (info.addresses().isEmpty()) {
            printErr(CliText::tr("cannot resolve '%1': %2").arg(endpoint->host, info.errorString()));
            return kUnreachable;
        }
        target.address = info.addresses().first();
    }

    SnmpEngine engine(EngineOptions{1, 64, 0, 10000, 20, nullptr});
    if (!engine.start(&error)) {
        printErr(error);
        return kFailed;
    }
    PrinterReader reader(engine, ProfileRegistry::builtIn());
    std::optional<PrinterReadResult> result;
    reader.read(target, [&](PrinterReadResult r) {
        result = std::move(r);
        loop.quit();
    });
    timedOut = false;
    watchdog.start(static_cast<int>(std::min<qint64>(std::max<qint64>(30000, attemptBudget * 10), 3600000)));
    loop.exec();

    QJsonObject out;
    out.insert(QStringLiteral("address"), target.address.toString());
    out.insert(QStringLiteral("port"), target.port);
    out.insert(QStringLiteral("snmpVersion"), toString(target.credentials.version));
    int exitCode = kOk;
    QString message;
    if (!result || timedOut) {
        exitCode = kUnreachable;
        message = QStringLiteral("%1 did not finish answering within %2 ms").arg(address).arg(clock.elapsed());
    } else if (result->outcome == Outcome::Timeout) {
        exitCode = kUnreachable;
        message = result->message;
    } else if (isSecurityFailure(result->outcome)) {
        exitCode = kSecurity;
        message = result->message;
    } else if (result->outcome == Outcome::InvalidRequest) {
        exitCode = kUsage;
        message = result->message;
    } else if (result->outcome != Outcome::Ok) {
        exitCode = kFailed;
        message = result->message;
    }
    if (exitCode != kOk) {
        out.insert(QStringLiteral("status"),
                   exitCode == kUnreachable ? QStringLiteral("unreachable") : QStringLiteral("error"));
        out.insert(QStringLiteral("error"), message);
        if (json) {
            std::fprintf(stdout, "%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        }
        printErr(message);
        return exitCode;
    }
    const QJsonObject model = toJson(result->model);
    for (auto it = model.begin(); it != model.end(); ++it) {
        out.insert(it.key(), it.value());
    }
    if (const auto info = engine.engineInfo(target.address, target.port)) {
        out.insert(QStringLiteral("engineId"), QString::fromLatin1(info->engineId.toHex()));
        out.insert(QStringLiteral("engineBoots"), static_cast<double>(info->boots));
    }
    if (json) {
        std::fprintf(stdout, "%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
        return kOk;
    }
    const PrinterModel &m = result->model;
    const auto line = [](const QString &label, const QString &value) {
        std::fprintf(stdout, "%s %s\n", label.leftJustified(14).toUtf8().constData(), qPrintable(value));
    };
    line(CliText::tr("address:"), QStringLiteral("%1:%2 (SNMPv%3)")
                                      .arg(target.address.toString())
                                      .arg(target.port)
                                      .arg(toString(target.credentials.version)));
    line(CliText::tr("manufacturer:"), m.manufacturer);
    line(CliText::tr("model:"), m.model);
    line(CliText::tr("serial:"), m.serialNumber);
    line(CliText::tr("MAC:"), m.macAddress);
    line(CliText::tr("name:"), m.sysName);
    line(CliText::tr("location:"), m.location);
    line(CliText::tr("firmware:"), m.firmware);
    line(CliText::tr("status:"), m.status + (m.errorStates.isEmpty() ? QString() : u' ' + m.errorStates.join(u',')));
    line(CliText::tr("total:"),
         m.totalCount ? QStringLiteral("%1 %2").arg(*m.totalCount).arg(m.totalUnit) : QStringLiteral("-"));
    for (auto it = m.counters.cbegin(); it != m.counters.cend(); ++it) {
        std::fprintf(stdout, "  %-12s %llu\n", qPrintable(it.key()), static_cast<unsigned long long>(it.value()));
    }
    for (const Supply &s : m.supplies) {
        std::fprintf(stdout, "supply %-7s %s (%s, %s): %s%s\n", qPrintable(s.index), qPrintable(s.description),
                     qPrintable(s.typeName), qPrintable(s.supplyClass), qPrintable(s.state),
                     s.percent ? qPrintable(QStringLiteral(" %1%").arg(*s.percent)) : "");
    }
    for (const Tray &t : m.trays) {
        std::fprintf(stdout, "tray %-9s %s: %s\n", qPrintable(t.index), qPrintable(t.name), qPrintable(t.state));
    }
    for (const Alert &a : m.alerts) {
        std::fprintf(stdout, "alert %-8s %s %s: %s\n", qPrintable(a.index), qPrintable(a.severity),
                     qPrintable(a.codeName), qPrintable(a.description));
    }
    for (const FieldError &e : m.errors) {
        std::fprintf(stdout, "field error    %s: %s\n", qPrintable(e.field), qPrintable(e.message));
    }
    return kOk;
}

} // namespace netgateway::cli
