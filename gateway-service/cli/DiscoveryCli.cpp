#include "DiscoveryCli.h"

#include "CliText.h"

#include <netgateway/core/ControlChannel.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <cstdio>

namespace netgateway::cli {

namespace {

enum Exit : int { kOk = 0, kFailed = 1, kUsage = 2, kNotRunning = 3 };

void out(const QString &text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
}

void err(const QString &text)
{
    std::fprintf(stderr, "netgatewayctl: %s\n", qPrintable(text));
}

// Reads a secret from a file (first line), so it need not appear in the
// process list. "-" reads standard input.
bool readSecretFile(const QString &path, QString &value)
{
    QFile f;
    const bool opened = path == QLatin1String("-") ? f.open(stdin, QIODevice::ReadOnly)
                                                   : (f.setFileName(path), f.open(QIODevice::ReadOnly));
    if (!opened) {
        err(CliText::tr("cannot read %1: %2").arg(path, f.errorString()));
        return false;
    }
    value = QString::fromUtf8(f.readLine(4096)).trimmed();
    return true;
}

int call(const QString &dataDir, const QJsonObject &request, QJsonObject &result)
{
    core::ControlClient client(dataDir);
    QString error;
    if (!client.call(request, result, error)) {
        err(error);
        // The service refused the request, or could not be reached at all.
        const bool unreachable =
            error.startsWith(QLatin1String("netgatewayd ")) || error.startsWith(QLatin1String("permission denied"));
        return unreachable ? kNotRunning : kFailed;
    }
    return kOk;
}

QJsonObject selector(const QString &idOrName)
{
    bool numeric = false;
    const qint64 id = idOrName.toLongLong(&numeric);
    return numeric ? QJsonObject{{QStringLiteral("id"), id}} : QJsonObject{{QStringLiteral("name"), idOrName}};
}

QString credentialText(const QJsonObject &c)
{
    if (c.value(QStringLiteral("version")).toString() != QLatin1String("v3")) {
        return CliText::tr("%1 community (stored encrypted)").arg(c.value(QStringLiteral("version")).toString());
    }
    QString s = CliText::tr("v3 user '%1' auth %2 priv %3")
                    .arg(c.value(QStringLiteral("user")).toString(), c.value(QStringLiteral("auth")).toString(),
                         c.value(QStringLiteral("priv")).toString());
    if (!c.value(QStringLiteral("context")).toString().isEmpty()) {
        s += CliText::tr(" context '%1'").arg(c.value(QStringLiteral("context")).toString());
    }
    return s;
}

void printSettings(const QJsonObject &s)
{
    const auto list = [&](const char *key) {
        QStringList items;
        for (const QJsonValue &v : s.value(QLatin1String(key)).toArray()) {
            items.append(v.toString());
        }
        return items.isEmpty() ? QStringLiteral("-") : items.join(QStringLiteral(", "));
    };
    out(CliText::tr("id:            %1").arg(s.value(QStringLiteral("id")).toInteger()));
    out(CliText::tr("name:          %1").arg(s.value(QStringLiteral("name")).toString()));
    out(CliText::tr("targets:       %1").arg(list("targets")));
    out(CliText::tr("exclusions:    %1").arg(list("exclusions")));
    if (s.contains(QStringLiteral("addressCount"))) {
        out(CliText::tr("addresses:     %1").arg(s.value(QStringLiteral("addressCount")).toInteger()));
    }
    const QJsonArray creds = s.value(QStringLiteral("credentials")).toArray();
    for (qsizetype i = 0; i < creds.size(); ++i) {
        out(CliText::tr("credential %1:  %2").arg(i + 1).arg(credentialText(creds[i].toObject())));
    }
    out(CliText::tr("ws-discovery:  %1")
            .arg(s.value(QStringLiteral("wsDiscovery")).toBool() ? CliText::tr("on") : CliText::tr("off")));
    out(CliText::tr("schedule:      %1").arg(s.value(QStringLiteral("schedule")).toString()));
    out(CliText::tr("new devices:   %1").arg(s.value(QStringLiteral("registration")).toString()));
}

int addCommand(const QString &dataDir, QStringList args)
{
    if (args.isEmpty() || args.first().startsWith(QLatin1String("--"))) {
        err(CliText::tr("discovery add needs a NAME first"));
        return kUsage;
    }
    QJsonObject settings{{QStringLiteral("name"), args.takeFirst()}};
    QJsonArray targets;
    QJsonArray exclusions;
    QJsonArray credentials;
    QString schedule = QStringLiteral("manual");
    bool wsd = false;
    QString registration = QStringLiteral("pending");
    const auto lastV3 = [&]() -> bool {
        return !credentials.isEmpty() &&
               credentials.last().toObject().value(QStringLiteral("version")).toString() == QLatin1String("v3");
    };
    const auto setOnLast = [&](const QString &key, const QString &value) {
        QJsonObject c = credentials.last().toObject();
        c.insert(key, value);
        credentials[credentials.size() - 1] = c;
    };
    while (!args.isEmpty()) {
        const QString option = args.takeFirst();
        const bool flag = option == QLatin1String("--wsd") || option == QLatin1String("--managed") ||
                          option == QLatin1String("--pending");
        if (flag) {
            if (option == QLatin1String("--wsd")) {
                wsd = true;
            } else {
                registration = option.mid(2);
            }
            continue;
        }
        if (args.isEmpty()) {
            err(CliText::tr("option %1 needs a value").arg(option));
            return kUsage;
        }
        const QString value = args.takeFirst();
        if (option == QLatin1String("--target")) {
            targets.append(value);
        } else if (option == QLatin1String("--exclude")) {
            exclusions.append(value);
        } else if (option == QLatin1String("--schedule")) {
            schedule = value;
        } else if (option == QLatin1String("--community") || option == QLatin1String("--community-file") ||
                   option == QLatin1String("--v1-community") || option == QLatin1String("--v1-community-file")) {
            QString community = value;
            if (option.endsWith(QLatin1String("-file")) && !readSecretFile(value, community)) {
                return kFailed;
            }
            credentials.append(
                QJsonObject{{QStringLiteral("version"),
                             option.startsWith(QLatin1String("--v1")) ? QStringLiteral("v1") : QStringLiteral("v2c")},
                            {QStringLiteral("community"), community}});
        } else if (option == QLatin1String("--v3-user")) {
            credentials.append(
                QJsonObject{{QStringLiteral("version"), QStringLiteral("v3")}, {QStringLiteral("user"), value}});
        } else if (option == QLatin1String("--auth-proto") || option == QLatin1String("--priv-proto") ||
                   option == QLatin1String("--context") || option == QLatin1String("--auth-pass") ||
                   option == QLatin1String("--priv-pass") || option == QLatin1String("--auth-pass-file") ||
                   option == QLatin1String("--priv-pass-file")) {
            if (!lastV3()) {
                err(CliText::tr("%1 belongs to an SNMPv3 user: give --v3-user USER before it").arg(option));
                return kUsage;
            }
            if (option == QLatin1String("--auth-proto")) {
                setOnLast(QStringLiteral("auth"), value);
            } else if (option == QLatin1String("--priv-proto")) {
                setOnLast(QStringLiteral("priv"), value);
            } else if (option == QLatin1String("--context")) {
                setOnLast(QStringLiteral("context"), value);
            } else {
                QString secret = value;
                if (option.endsWith(QLatin1String("-file")) && !readSecretFile(value, secret)) {
                    return kFailed;
                }
                setOnLast(option.startsWith(QLatin1String("--auth")) ? QStringLiteral("authPassphrase")
                                                                     : QStringLiteral("privPassphrase"),
                          secret);
            }
        } else {
            err(CliText::tr("discovery add: unknown option '%1'").arg(option));
            return kUsage;
        }
    }
    settings.insert(QStringLiteral("targets"), targets);
    settings.insert(QStringLiteral("exclusions"), exclusions);
    settings.insert(QStringLiteral("credentials"), credentials);
    settings.insert(QStringLiteral("schedule"), schedule);
    settings.insert(QStringLiteral("wsDiscovery"), wsd);
    settings.insert(QStringLiteral("registration"), registration);
    QJsonObject result;
    const int rc = call(
        dataDir, {{QStringLiteral("command"), QStringLiteral("discovery.add")}, {QStringLiteral("settings"), settings}},
        result);
    if (rc == kOk) {
        out(CliText::tr("discovery setting %1 added").arg(result.value(QStringLiteral("id")).toInteger()));
    }
    return rc;
}

// discovery run ID|NAME: starts the run in the service and prints a progress
// line until it ends, then the summary.
int runCommand(const QString &dataDir, QStringList args, bool json)
{
    if (args.isEmpty() || args.first().startsWith(QLatin1String("--"))) {
        err(CliText::tr("discovery run needs the setting's ID or NAME"));
        return kUsage;
    }
    QJsonObject request = selector(args.takeFirst());
    request.insert(QStringLiteral("command"), QStringLiteral("discovery.run"));
    while (!args.isEmpty()) {
        const QString option = args.takeFirst();
        if (option == QLatin1String("--no-wsd-multicast")) {
            request.insert(QStringLiteral("wsdMulticast"), false);
            continue;
        }
        static const QHash<QString, QString> keys{{QStringLiteral("--port"), QStringLiteral("port")},
                                                  {QStringLiteral("--rate"), QStringLiteral("rate")},
                                                  {QStringLiteral("--timeout"), QStringLiteral("timeoutMs")},
                                                  {QStringLiteral("--retries"), QStringLiteral("retries")},
                                                  {QStringLiteral("--wsd-window"), QStringLiteral("wsdWindowMs")}};
        bool ok = false;
        const int value = args.isEmpty() ? 0 : args.first().toInt(&ok);
        if (!keys.contains(option) || !ok) {
            err(CliText::tr("discovery run: unknown option or missing number: '%1'").arg(option));
            return kUsage;
        }
        args.removeFirst();
        request.insert(keys.value(option), value);
    }
    QJsonObject result;
    int rc = call(dataDir, request, result);
    if (rc != kOk) {
        return rc;
    }
    QJsonObject progress;
    QString lastLine;
    for (;;) {
        rc = call(dataDir, {{QStringLiteral("command"), QStringLiteral("discovery.progress")}}, progress);
        if (rc != kOk) {
            return rc;
        }
        const QString line = CliText::tr("progress %1/%2 addresses, %3 found")
                                 .arg(progress.value(QStringLiteral("done")).toInteger())
                                 .arg(progress.value(QStringLiteral("total")).toInteger())
                                 .arg(progress.value(QStringLiteral("found")).toInt());
        if (!json && line != lastLine) {
            out(line);
            std::fflush(stdout);
            lastLine = line;
        }
        if (!progress.value(QStringLiteral("running")).toBool()) {
            break;
        }
        QThread::msleep(250);
    }
    const QJsonObject summary = progress.value(QStringLiteral("summary")).toObject();
    if (json) {
        out(QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact)));
        return kOk;
    }
    QStringList failures;
    const QJsonArray perCredential = summary.value(QStringLiteral("authFailures")).toArray();
    for (qsizetype i = 0; i < perCredential.size(); ++i) {
        failures.append(QStringLiteral("#%1: %2").arg(i + 1).arg(perCredential[i].toInt()));
    }
    out(CliText::tr("%1: found %2, new %3, moved %4, unreachable %5, non-printers %6; authentication failures %7")
            .arg(summary.value(QStringLiteral("cancelled")).toBool() ? CliText::tr("cancelled")
                                                                     : CliText::tr("finished"))
            .arg(summary.value(QStringLiteral("found")).toInt())
            .arg(summary.value(QStringLiteral("new")).toInt())
            .arg(summary.value(QStringLiteral("moved")).toInt())
            .arg(summary.value(QStringLiteral("unreachable")).toInt())
            .arg(summary.value(QStringLiteral("nonPrinters")).toInt())
            .arg(failures.isEmpty() ? CliText::tr("none") : failures.join(QStringLiteral(", "))));
    if (summary.contains(QStringLiteral("wsd"))) {
        const QJsonObject wsd = summary.value(QStringLiteral("wsd")).toObject();
        out(CliText::tr("WS-Discovery: %1 device(s) answered in the ranges, %2 confirmed over SNMP")
                .arg(wsd.value(QStringLiteral("found")).toInt())
                .arg(wsd.value(QStringLiteral("confirmedBySnmp")).toInt()));
    }
    return kOk;
}

// discovery recovery [--missed-polls N] [--on|--off]: shows, or changes, how
// many missed polls make the service look for a device at another address.
int recoveryCommand(const QString &dataDir, QStringList args, bool json)
{
    QJsonObject request{{QStringLiteral("command"), QStringLiteral("discovery.recovery.get")}};
    while (!args.isEmpty()) {
        const QString option = args.takeFirst();
        request.insert(QStringLiteral("command"), QStringLiteral("discovery.recovery.set"));
        if (option == QLatin1String("--on") || option == QLatin1String("--off")) {
            request.insert(QStringLiteral("enabled"), option == QLatin1String("--on"));
        } else if (option == QLatin1String("--missed-polls") && !args.isEmpty()) {
            bool ok = false;
            const int n = args.takeFirst().toInt(&ok);
            if (!ok) {
                err(CliText::tr("--missed-polls needs a number (1 to 100)"));
                return kUsage;
            }
            request.insert(QStringLiteral("missedPolls"), n);
        } else {
            err(CliText::tr("discovery recovery: unknown option '%1'; use --missed-polls N, --on or --off")
                    .arg(option));
            return kUsage;
        }
    }
    QJsonObject result;
    const int rc = call(dataDir, request, result);
    if (rc != kOk) {
        return rc;
    }
    if (json) {
        out(QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)));
    } else {
        out(CliText::tr("device recovery %1 after %2 missed polls")
                .arg(result.value(QStringLiteral("enabled")).toBool() ? CliText::tr("on") : CliText::tr("off"))
                .arg(result.value(QStringLiteral("missedPolls")).toInt()));
    }
    return kOk;
}

} // namespace

const char *discoveryUsage()
{
    // Translated where it is printed (CliText::tr); QT_TRANSLATE_NOOP shows it to lupdate.
    return QT_TRANSLATE_NOOP(
        "netgatewayctl",
        "  discovery add NAME --target T [--target T]... [--exclude E]...\n"
        "        [--community C | --community-file F | --v1-community C]...\n"
        "        [--v3-user U [--auth-proto SHA256 --auth-pass-file F] [--priv-proto AES --priv-pass-file F]\n"
        "         [--context C]]... [--wsd] [--schedule manual|HH:MM[,HH:MM...]] [--managed|--pending]\n"
        "                      store a discovery setting (targets: a.b.c.d, a.b.c.d-e.f.g.h,\n"
        "                      a.b.c.d/nn, a.b.c.d/m.m.m.m, host names, IPv6); credentials are tried in order\n"
        "  discovery list [--json]         list discovery settings\n"
        "  discovery show ID|NAME [--json] show one setting (never its secrets)\n"
        "  discovery delete ID|NAME        delete a setting and its stored secrets\n"
        "  discovery run ID|NAME [--rate N] [--timeout MS] [--retries N] [--port P] [--json]\n"
        "        [--wsd-window MS] [--no-wsd-multicast]\n"
        "                                  run a setting now in the service, with live progress\n"
        "                                  (with --wsd settings also WS-Discovery, merged per device)\n"
        "  discovery recovery [--missed-polls N] [--on|--off] [--json]\n"
        "                                  show or change device recovery: after N missed polls a\n"
        "                                  managed device is searched for by serial/MAC in the ranges\n"
        "  discovery cancel                cancel the running discovery\n");
}

int discoveryCommand(const QString &dataDir, QStringList args)
{
    if (args.isEmpty()) {
        err(CliText::tr("discovery needs a subcommand: add, list, show or delete"));
        return kUsage;
    }
    const QString sub = args.takeFirst();
    if (sub == QLatin1String("add")) {
        return addCommand(dataDir, args);
    }
    const bool json = args.removeAll(QStringLiteral("--json")) > 0;
    if (sub == QLatin1String("run")) {
        return runCommand(dataDir, args, json);
    }
    if (sub == QLatin1String("recovery")) {
        return recoveryCommand(dataDir, args, json);
    }
    if (sub == QLatin1String("cancel")) {
        QJsonObject result;
        const int rc = call(dataDir, {{QStringLiteral("command"), QStringLiteral("discovery.cancel")}}, result);
        if (rc == kOk) {
            out(result.value(QStringLiteral("cancelled")).toBool() ? CliText::tr("discovery cancelled")
                                                                   : CliText::tr("no discovery is running"));
        }
        return rc;
    }
    QJsonObject result;
    if (sub == QLatin1String("list")) {
        if (!args.isEmpty()) {
            err(CliText::tr("discovery list: unexpected argument '%1'").arg(args.first()));
            return kUsage;
        }
        const int rc = call(dataDir, {{QStringLiteral("command"), QStringLiteral("discovery.list")}}, result);
        if (rc != kOk) {
            return rc;
        }
        if (json) {
            out(QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented)).trimmed());
            return kOk;
        }
        const QJsonArray all = result.value(QStringLiteral("settings")).toArray();
        if (all.isEmpty()) {
            out(CliText::tr("no discovery settings"));
        }
        for (const QJsonValue &v : all) {
            const QJsonObject s = v.toObject();
            out(CliText::tr("%1\t%2\t%3 target(s)\t%4\t%5")
                    .arg(s.value(QStringLiteral("id")).toInteger())
                    .arg(s.value(QStringLiteral("name")).toString())
                    .arg(s.value(QStringLiteral("targets")).toArray().size())
                    .arg(s.value(QStringLiteral("schedule")).toString(),
                         s.value(QStringLiteral("registration")).toString()));
        }
        return kOk;
    }
    if (sub == QLatin1String("show") || sub == QLatin1String("delete")) {
        if (args.size() != 1) {
            err(CliText::tr("discovery %1 needs exactly one ID or NAME").arg(sub));
            return kUsage;
        }
        QJsonObject request = selector(args.first());
        request.insert(QStringLiteral("command"), QStringLiteral("discovery.") + sub);
        const int rc = call(dataDir, request, result);
        if (rc != kOk) {
            return rc;
        }
        if (sub == QLatin1String("delete")) {
            out(CliText::tr("discovery setting %1 deleted").arg(args.first()));
        } else if (json) {
            out(QString::fromUtf8(
                    QJsonDocument(result.value(QStringLiteral("settings")).toObject()).toJson(QJsonDocument::Indented))
                    .trimmed());
        } else {
            printSettings(result.value(QStringLiteral("settings")).toObject());
        }
        return kOk;
    }
    err(CliText::tr("unknown discovery subcommand '%1': use add, list, show or delete").arg(sub));
    return kUsage;
}

} // namespace netgateway::cli
