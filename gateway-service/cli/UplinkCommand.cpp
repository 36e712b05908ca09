#include "UplinkCommand.h"

#include "CliText.h"

#include <netgateway/core/ControlChannel.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

using namespace netgateway;
using netgateway::cli::CliText;

// Translated where it is printed (CliText::tr); QT_TRANSLATE_NOOP shows it to lupdate.
const char kUplinkUsageText[] = QT_TRANSLATE_NOOP(
    "netgatewayctl", "  uplink status [--json]                       state of the cloud uplink\n"
                     "  uplink configure --origin https://HOST[:PORT] [--ca-file FILE] [--proxy HOST:PORT\n"
                     "         [--proxy-user USER]] [--mode monitor|manage [--manage-until ISO-DATE]]\n"
                     "         [--counters-per-day 1-4]              (proxy password read from stdin)\n"
                     "  uplink register [--user USER]                access code, then the user's password,\n"
                     "                                               read from stdin, one per line\n"
                     "  uplink sync                                  upload everything waiting now\n");

namespace {

enum : int { kOk = 0, kFailed = 1, kUsage = 2, kNotRunning = 3 };

void print(FILE *stream, const QString &text)
{
    std::fprintf(stream, "%s\n", qPrintable(text));
}

QString readSecretLine(QTextStream &in)
{
    return in.readLine(4096).trimmed();
}

int call(const QString &dataDir, const QJsonObject &request, bool json)
{
    core::ControlClient client(dataDir);
    QJsonObject result;
    QString error;
    if (!client.call(request, result, error, 15000)) {
        print(stderr, QStringLiteral("netgatewayctl: %1").arg(error));
        return kNotRunning;
    }
    if (result.value(QStringLiteral("ok")) == QJsonValue(false)) {
        print(stderr, QStringLiteral("netgatewayctl: %1").arg(result.value(QStringLiteral("error")).toString()));
        return kFailed;
    }
    if (json || request.value(QStringLiteral("command")) == QLatin1String("uplink.status")) {
        print(stdout, QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented)).trimmed());
    } else {
        print(stdout, result.value(QStringLiteral("message")).toString(QStringLiteral("ok")));
    }
    return kOk;
}

} // namespace

int uplinkCommand(const QString &dataDir, QStringList args)
{
    const QString sub = args.isEmpty() ? QString() : args.takeFirst();
    const bool json = args.removeAll(QStringLiteral("--json")) > 0;
    QTextStream in(stdin);
    if (sub == QLatin1String("status") || sub == QLatin1String("sync")) {
        if (!args.isEmpty()) {
            print(stderr, QStringLiteral("netgatewayctl: ") +
                              CliText::tr("uplink %1: unexpected argument '%2'").arg(sub, args.first()));
            return kUsage;
        }
        return call(dataDir, {{QStringLiteral("command"), QStringLiteral("uplink.") + sub}}, json);
    }
    QJsonObject request;
    // Options with one value each, mapped to the control command's fields.
    const QList<std::pair<QString, QString>> options =
        sub == QLatin1String("configure")
            ? QList<std::pair<QString, QString>>{{QStringLiteral("--origin"), QStringLiteral("origin")},
                                                 {QStringLiteral("--ca-file"), QStringLiteral("caFile")},
                                                 {QStringLiteral("--proxy"), QStringLiteral("proxy")},
                                                 {QStringLiteral("--proxy-user"), QStringLiteral("proxyUser")},
                                                 {QStringLiteral("--mode"), QStringLiteral("mode")},
                                                 {QStringLiteral("--manage-until"), QStringLiteral("manageUntil")},
                                                 {QStringLiteral("--counters-per-day"),
                                                  QStringLiteral("countersPerDay")}}
            : QList<std::pair<QString, QString>>{{QStringLiteral("--user"), QStringLiteral("user")}};
    if (sub != QLatin1String("configure") && sub != QLatin1String("register")) {
        print(stderr,
              QStringLiteral("netgatewayctl: ") + CliText::tr("uplink needs status, configure, register or sync"));
        return kUsage;
    }
    while (!args.isEmpty()) {
        const QString option = args.takeFirst();
        auto it = std::find_if(options.begin(), options.end(), [&](const auto &o) { return o.first == option; });
        if (it == options.end() || args.isEmpty()) {
            print(stderr, QStringLiteral("netgatewayctl: ") +
                              CliText::tr("uplink %1: unknown option or missing value '%2'").arg(sub, option));
            return kUsage;
        }
        request.insert(it->second, args.takeFirst());
    }
    if (sub == QLatin1String("configure")) {
        request.insert(QStringLiteral("command"), QStringLiteral("uplink.configure"));
        if (request.contains(QStringLiteral("countersPerDay"))) {
            request.insert(QStringLiteral("countersPerDay"),
                           request.value(QStringLiteral("countersPerDay")).toString().toInt());
        }
        const QString proxy = request.take(QStringLiteral("proxy")).toString();
        if (!proxy.isEmpty()) {
            const qsizetype colon = proxy.lastIndexOf(QLatin1Char(':'));
            bool ok = false;
            const int port = colon > 0 ? proxy.mid(colon + 1).toInt(&ok) : 0;
            if (!ok || port <= 0 || port > 65535) {
                print(stderr, QStringLiteral("netgatewayctl: ") + CliText::tr("--proxy takes HOST:PORT"));
                return kUsage;
            }
            request.insert(QStringLiteral("proxyHost"), proxy.left(colon));
            request.insert(QStringLiteral("proxyPort"), port);
            if (request.contains(QStringLiteral("proxyUser"))) {
                request.insert(QStringLiteral("proxyPassword"), readSecretLine(in));
            }
        }
        return call(dataDir, request, json);
    }
    request.insert(QStringLiteral("command"), QStringLiteral("uplink.register"));
    request.insert(QStringLiteral("accessCode"), readSecretLine(in));
    if (request.contains(QStringLiteral("user"))) {
        request.insert(QStringLiteral("password"), readSecretLine(in));
    }
    return call(dataDir, request, json);
}
