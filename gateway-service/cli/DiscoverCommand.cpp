#include "DiscoverCommand.h"

#include "CliText.h"

#include <netgateway/core/discovery/DiscoveryRun.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace netgateway::cli {

using namespace netgateway::core::discovery;

// Translated where it is printed (CliText::tr); QT_TRANSLATE_NOOP shows it to lupdate.
const char kDiscoverUsage[] = QT_TRANSLATE_NOOP(
    "netgatewayctl",
    "Usage: netgatewayctl discover TARGET... [options]\n"
    "  Sweeps addresses over SNMP directly (the service is not needed) and lists the printers.\n"
    "  TARGET: 192.0.2.7, 192.0.2.10-192.0.2.99, 192.0.2.0/24, 192.0.2.0/255.255.255.0 or a host name\n"
    "          (at most 65,536 addresses per entry, 1,048,576 in total).\n"
    "Options (credentials are tried in the order given until one answers):\n"
    "  --community C        add an SNMP v1/v2c community (default when none is given: public)\n"
    "  --snmp-version V     1 or 2c for the communities (default: 2c)\n"
    "  --v3-user U          add an SNMPv3 user; the options below apply to the last one\n"
    "  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512\n"
    "  --auth-pass X        authentication passphrase (8 characters or more)\n"
    "  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C or AES-256-C\n"
    "  --priv-pass Y        privacy passphrase (8 characters or more)\n"
    "  --context N          SNMPv3 context name\n"
    "  --exclude E          leave out an address, range or subnet (repeatable)\n"
    "  --port P             UDP port of the agents (default: 161)\n"
    "  --rate N             probes per second; 0 = unthrottled (default: 1000)\n"
    "  --timeout MS         per-attempt timeout in milliseconds (default: 1000)\n"
    "  --retries N          retries for addresses that do not answer (default: 1)\n"
    "  --wsd                also WS-Discovery: multicast Probe and directed Probes to the targets;\n"
    "                       devices that also answer SNMP are listed once, with via [snmp, wsd]\n"
    "  --no-wsd-multicast   WS-Discovery by directed Probes only\n"
    "  --wsd-interface IF   interface for the multicast Probe (repeatable; default: all)\n"
    "  --wsd-window MS      how long WS-Discovery answers are collected (default: 3000)\n"
    "  --json               print one JSON object\n"
    "Exit codes: 0 success, 2 usage error, 1 other errors.\n");

namespace {

enum Exit : int { kOk = 0, kFailed = 1, kUsage = 2 };

int usage(const QString &message)
{
    std::fprintf(stderr, "netgatewayctl: %s\n", qPrintable(message));
    std::fputs(CliText::tr(kDiscoverUsage).toUtf8().constData(), stderr);
    return kUsage;
}

bool parseInt(const QString &text, int min, int max, int &out)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < min || v > max) {
        return false;
    }
    out = v;
    return true;
}

} // namespace

int discoverCommand(const QStringList &argsIn)
{
    QStringList args = argsIn;
    QStringList targetTexts;
    QStringList exclusionTexts;
    QList<snmp::Credentials> credentials;
    int lastV3 = -1;
    QString snmpVersion;
    SweepOptions options;
    bool json = false;
    std::optional<WsdOptions> wsd;
    QStringList wsdInterfaces;
    int wsdWindowMs = 3000;
    bool wsdMulticast = true;
    while (!args.isEmpty()) {
        const QString arg = args.takeFirst();
        if (arg == QLatin1String("--json")) {
            json = true;
            continue;
        }
        if (arg == QLatin1String("--wsd")) {
            wsd = WsdOptions{};
            continue;
        }
        if (arg == QLatin1String("--no-wsd-multicast")) {
            wsdMulticast = false;
            continue;
        }
        if (arg == QLatin1String("--help")) {
            std::fputs(CliText::tr(kDiscoverUsage).toUtf8().constData(), stdout);
            return kOk;
        }
        if (!arg.startsWith(QLatin1String("--"))) {
            targetTexts.append(arg);
            continue;
        }
        if (args.isEmpty()) {
            return usage(CliText::tr("%1 needs a value").arg(arg));
        }
        const QString v = args.takeFirst();
        const auto v3 = [&]() -> snmp::Credentials * { return lastV3 >= 0 ? &credentials[lastV3] : nullptr; };
        if (arg == QLatin1String("--community")) {
            snmp::Credentials c;
            c.community = v.toUtf8();
            credentials.append(c);
        } else if (arg == QLatin1String("--snmp-version")) {
            snmpVersion = v;
        } else if (arg == QLatin1String("--v3-user")) {
            snmp::Credentials c;
            c.version = snmp::Version::V3;
            c.user = v.toUtf8();
            credentials.append(c);
            lastV3 = static_cast<int>(credentials.size() - 1);
        } else if (arg == QLatin1String("--auth-proto") || arg == QLatin1String("--auth-pass") ||
                   arg == QLatin1String("--priv-proto") || arg == QLatin1String("--priv-pass") ||
                   arg == QLatin1String("--context")) {
            snmp::Credentials *c = v3();
            if (!c) {
                return usage(CliText::tr("%1 belongs to an SNMPv3 user: give --v3-user first").arg(arg));
            }
            if (arg == QLatin1String("--auth-proto")) {
                const auto p = snmp::parseAuthProtocol(v);
                if (!p) {
                    return usage(CliText::tr("unknown authentication protocol '%1'").arg(v));
                }
                c->authProtocol = *p;
            } else if (arg == QLatin1String("--auth-pass")) {
                c->authPassphrase = v.toUtf8();
            } else if (arg == QLatin1String("--priv-proto")) {
                const auto p = snmp::parsePrivProtocol(v);
                if (!p) {
                    return usage(CliText::tr("unknown privacy protocol '%1'").arg(v));
                }
                c->privProtocol = *p;
            } else if (arg == QLatin1String("--priv-pass")) {
                c->privPassphrase = v.toUtf8();
            } else {
                c->context = v.toUtf8();
            }
        } else if (arg == QLatin1String("--wsd-interface")) {
            wsdInterfaces.append(v);
        } else if (arg == QLatin1String("--wsd-window")) {
            if (!parseInt(v, 100, 60000, wsdWindowMs)) {
                return usage(CliText::tr("--wsd-window must be 100 to 60000 milliseconds"));
            }
        } else if (arg == QLatin1String("--exclude")) {
            exclusionTexts.append(v);
        } else if (arg == QLatin1String("--port")) {
            int port = 0;
            if (!parseInt(v, 1, 65535, port)) {
                return usage(CliText::tr("--port must be 1 to 65535"));
            }
            options.port = static_cast<quint16>(port);
        } else if (arg == QLatin1String("--rate")) {
            if (!parseInt(v, 0, 1000000, options.probesPerSecond)) {
                return usage(CliText::tr("--rate must be 0 (unthrottled) to 1000000 probes per second"));
            }
        } else if (arg == QLatin1String("--timeout")) {
            if (!parseInt(v, 10, 60000, options.timeoutMs)) {
                return usage(CliText::tr("--timeout must be 10 to 60000 milliseconds"));
            }
        } else if (arg == QLatin1String("--retries")) {
            if (!parseInt(v, 0, 10, options.retries)) {
                return usage(CliText::tr("--retries must be 0 to 10"));
            }
        } else {
            return usage(CliText::tr("discover: unknown option '%1'").arg(arg));
        }
    }
    if (targetTexts.isEmpty()) {
        return usage(CliText::tr("discover needs at least one TARGET"));
    }
    if (credentials.isEmpty()) {
        credentials.append(snmp::Credentials{});
    }
    for (snmp::Credentials &c : credentials) {
        if (c.version == snmp::Version::V3) {
            if (c.authProtocol == snmp::AuthProtocol::None && !c.authPassphrase.isEmpty()) {
                c.authProtocol = snmp::AuthProtocol::SHA1;
            }
            if (c.privProtocol == snmp::PrivProtocol::None && !c.privPassphrase.isEmpty()) {
                c.privProtocol = snmp::PrivProtocol::AES128;
            }
        } else if (snmpVersion == QLatin1String("1")) {
            c.version = snmp::Version::V1;
        } else if (!snmpVersion.isEmpty() && snmpVersion != QLatin1String("2c")) {
            return usage(CliText::tr("--snmp-version must be 1 or 2c (SNMPv3 is chosen by --v3-user)"));
        }
        const QString problem = c.validate();
        if (!problem.isEmpty()) {
            return usage(problem);
        }
    }
    // The same rules as a stored setting: limits, reversed ranges, bad names.
    DiscoverySettings settings;
    settings.name = QStringLiteral("discover");
    settings.targets = targetTexts;
    settings.exclusions = exclusionTexts;
    ValidatedTargets validated;
    const QString problem = validateTargets(settings, &validated);
    if (!problem.isEmpty()) {
        return usage(problem);
    }

    if (wsd) {
        wsd->interfaces = wsdInterfaces;
        wsd->multicast = wsdMulticast;
        wsd->window = std::chrono::milliseconds(wsdWindowMs);
        wsd->directedPerSecond = options.probesPerSecond;
    }
    DiscoveryRun sweep(validated, credentials, options, wsd);
    QEventLoop loop;
    QObject::connect(&sweep, &DiscoveryRun::finished, &loop, &QEventLoop::quit);
    if (!json) {
        QObject::connect(&sweep, &DiscoveryRun::progress, &loop, [](const SweepProgress &p) {
            std::fprintf(
                stderr, "\r%s",
                CliText::tr("scanned %1/%2, found %3").arg(p.done).arg(p.total).arg(p.found).toUtf8().constData());
            std::fflush(stderr);
        });
    }
    QString error;
    if (!sweep.start(&error)) {
        std::fprintf(stderr, "netgatewayctl: %s\n", qPrintable(error));
        return kFailed;
    }
    loop.exec();
    const SweepSummary &s = sweep.summary();
    if (json) {
        QJsonArray devices;
        for (const SweepDevice &d : sweep.devices()) {
            QJsonObject o = toJson(d);
            o.remove(QStringLiteral("credentialPosition"));
            devices.append(o);
        }
        QJsonObject out{{QStringLiteral("scanned"), static_cast<qint64>(s.scanned)},
                        {QStringLiteral("elapsedMs"), s.elapsedMs},
                        {QStringLiteral("devices"), devices},
                        {QStringLiteral("nonPrinters"), s.nonPrinters},
                        {QStringLiteral("authFailures"), s.totalAuthFailures()}};
        if (s.wsd) {
            out.insert(QStringLiteral("wsd"), s.toJson().value(QStringLiteral("wsd")));
        }
        std::fputs(QJsonDocument(out).toJson(QJsonDocument::Compact).constData(), stdout);
        std::fputc('\n', stdout);
        return kOk;
    }
    std::fputc('\n', stderr);
    for (const SweepDevice &d : sweep.devices()) {
        std::printf("%-15s  %-16s %-28s serial %-16s mac %s\n", qPrintable(d.address), qPrintable(d.manufacturer),
                    qPrintable(d.model), qPrintable(d.serialNumber), qPrintable(d.macAddress));
    }
    QStringList failures;
    for (qsizetype i = 0; i < s.authFailures.size(); ++i) {
        failures.append(QStringLiteral("#%1: %2").arg(i + 1).arg(s.authFailures[i]));
    }
    std::printf("%s\n", CliText::tr("scanned %1 addresses in %2 ms: %3 printers, %4 non-printers, %5 unreachable; "
                                    "authentication failures %6")
                            .arg(static_cast<qulonglong>(s.scanned))
                            .arg(static_cast<qlonglong>(s.elapsedMs))
                            .arg(s.found)
                            .arg(s.nonPrinters)
                            .arg(s.unreachable)
                            .arg(failures.isEmpty() ? QString() : failures.join(QStringLiteral(", ")))
                            .toUtf8()
                            .constData());
    for (const QString &name : s.unresolved) {
        std::printf("%s\n", CliText::tr("host name did not resolve: %1").arg(name).toUtf8().constData());
    }
    return kOk;
}

} // namespace netgateway::cli
