#include "TasksCommand.h"

#include "CliText.h"

#include <netgateway/core/ControlChannel.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

// Translated where it is printed (CliText::tr); QT_TRANSLATE_NOOP shows it to lupdate.
const char kTasksUsageText[] = QT_TRANSLATE_NOOP(
    "netgatewayctl",
    "  tasks list [--limit N]              recent maintenance tasks from the cloud, newest first (JSON)\n"
    "  tasks write-credentials DEVICE      set SNMP write credentials for a device (serial number or MAC)\n"
    "                                      or \"default\"; reads a JSON object from standard input:\n"
    "                                      {\"version\":\"v2c\",\"community\":\"...\"} or {\"version\":\"v3\",\n"
    "                                      \"user\":\"...\",\"authProtocol\":\"SHA-256\",\"authPassphrase\":\"...\",\n"
    "                                      \"privProtocol\":\"AES\",\"privPassphrase\":\"...\"}\n"
    "  tasks remove-write-credentials DEVICE\n");

using netgateway::cli::CliText;

namespace {

int call(const QString &dataDir, const QJsonObject &request)
{
    netgateway::core::ControlClient client(dataDir);
    QJsonObject result;
    QString error;
    if (!client.call(request, result, error)) {
        std::fprintf(stderr, "netgatewayctl: %s\n", qPrintable(error));
        return 3;
    }
    if (result.contains(QStringLiteral("error"))) {
        std::fprintf(stderr, "netgatewayctl: %s\n", qPrintable(result.value(QStringLiteral("error")).toString()));
        return 1;
    }
    std::fprintf(stdout, "%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).trimmed().constData());
    return 0;
}

} // namespace

int tasksCommand(const QString &dataDir, QStringList args)
{
    const QString sub = args.isEmpty() ? QString() : args.takeFirst();
    if (sub == QLatin1String("list")) {
        int limit = 50;
        if (args.size() == 2 && args.first() == QLatin1String("--limit")) {
            limit = args.last().toInt();
        } else if (!args.isEmpty()) {
            std::fprintf(stderr, "netgatewayctl: %s\n", CliText::tr("tasks list [--limit N]").toUtf8().constData());
            return 2;
        }
        return call(dataDir,
                    {{QStringLiteral("command"), QStringLiteral("tasks.list")}, {QStringLiteral("limit"), limit}});
    }
    if ((sub == QLatin1String("write-credentials") || sub == QLatin1String("remove-write-credentials")) &&
        args.size() == 1) {
        QJsonObject request;
        if (sub == QLatin1String("write-credentials")) {
            QFile in;
            if (!in.open(stdin, QIODevice::ReadOnly)) {
                return 1;
            }
            QJsonParseError parseError{};
            request = QJsonDocument::fromJson(in.read(64 * 1024), &parseError).object();
            if (parseError.error != QJsonParseError::NoError) {
                std::fprintf(stderr, "netgatewayctl: %s\n",
                             CliText::tr("standard input must hold one JSON object: %1")
                                 .arg(parseError.errorString())
                                 .toUtf8()
                                 .constData());
                return 2;
            }
            request.insert(QStringLiteral("command"), QStringLiteral("tasks.write-credentials"));
        } else {
            request.insert(QStringLiteral("command"), QStringLiteral("tasks.write-credentials.remove"));
        }
        request.insert(QStringLiteral("device"), args.first());
        return call(dataDir, request);
    }
    std::fprintf(stderr, "%s\n%s", CliText::tr("Maintenance tasks:").toUtf8().constData(),
                 CliText::tr(kTasksUsageText).toUtf8().constData());
    return 2;
}
