// netgatewayctl: administers a gateway on the machine it runs on. Talks to the
// running service over the local control channel; backup and restore work on
// the database files directly.
#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/GatewayService.h>
#include <netgateway/core/InstanceLock.h>
#include <netgateway/core/ServiceConfig.h>
#include <netgateway/core/Version.h>

#include <netgateway/storage/Maintenance.h>
#include <netgateway/storage/StorageError.h>

#include "ProbeCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#ifndef Q_OS_WIN
#include <sys/stat.h>
#endif

using namespace netgateway;

namespace {

// Exit codes of netgatewayctl (documented in the README).
enum Exit : int { kOk = 0, kFailed = 1, kUsage = 2, kNotRunning = 3 };

void out(const QString &text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
}

void err(const QString &text)
{
    std::fprintf(stderr, "netgatewayctl: %s\n", qPrintable(text));
}

const char kUsageText[] = "Usage: netgatewayctl [--data-dir DIR] COMMAND [ARGS]\n"
                          "\n"
                          "Commands:\n"
                          "  status [--json]     state of the running service\n"
                          "  backup FILE         online backup of the database into FILE\n"
                          "  restore FILE        replace the database with FILE (service stopped)\n"
                          "  version             print the version\n"
                          "  probe ADDRESS[:PORT] [options]  read one printer over SNMP (probe --help)\n"
                          "\n"
                          "The data directory defaults to $NETGATEWAY_DATA_DIR or %s.\n";

void printUsage(FILE *stream)
{
    std::fprintf(stream, kUsageText, qPrintable(core::ServiceConfig::defaultDataDirectory()));
}

int statusCommand(const QString &dataDir, bool json)
{
    core::ControlClient client(dataDir);
    QJsonObject result;
    QString error;
    if (!client.call({{QStringLiteral("command"), QStringLiteral("status")}}, result, error)) {
        if (json) {
            out(QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("running"), false}, {QStringLiteral("error"), error}})
                    .toJson(QJsonDocument::Compact)));
        }
        err(error);
        return kNotRunning;
    }
    result.insert(QStringLiteral("running"), true);
    if (json) {
        out(QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented)).trimmed());
        return kOk;
    }
    out(QStringLiteral("netgatewayd %1 running (pid %2), up %3 s")
            .arg(result.value(QStringLiteral("version")).toString())
            .arg(result.value(QStringLiteral("pid")).toInteger())
            .arg(result.value(QStringLiteral("uptimeSeconds")).toInteger()));
    out(QStringLiteral("data directory: %1").arg(result.value(QStringLiteral("dataDirectory")).toString()));
    out(QStringLiteral("schema version: %1").arg(result.value(QStringLiteral("schemaVersion")).toInt()));
    out(QStringLiteral("devices:        %1").arg(result.value(QStringLiteral("deviceCount")).toInteger()));
    return kOk;
}

int backupCommand(const QString &dataDir, const QString &file)
{
    try {
        const auto info = storage::backupDatabase(core::GatewayService::databasePath(dataDir), file);
        out(QStringLiteral("backup written to %1 (%2 bytes, schema version %3)")
                .arg(QDir::toNativeSeparators(info.path))
                .arg(info.bytes)
                .arg(info.schemaVersion));
        out(QStringLiteral("secrets in it are encrypted: keep it together with a copy of %1, without which they "
                           "cannot be read")
                .arg(QDir::toNativeSeparators(core::GatewayService::keyFilePath(dataDir))));
        return kOk;
    } catch (const storage::StorageError &e) {
        err(QStringLiteral("backup failed: %1").arg(e.message()));
        return kFailed;
    }
}

int restoreCommand(const QString &dataDir, const QString &file)
{
    core::InstanceLock lock(dataDir);
    QString error;
    if (!lock.acquire(error)) {
        err(QStringLiteral("restore refused: %1. Stop the service first (systemctl stop netgateway).").arg(error));
        return kFailed;
    }
    try {
        const auto info = storage::restoreDatabase(file, core::GatewayService::databasePath(dataDir));
        out(QStringLiteral("database restored from %1 (schema version %2); the previous one is kept as %3")
                .arg(QDir::toNativeSeparators(file))
                .arg(info.schemaVersion)
                .arg(QDir::toNativeSeparators(info.path + QStringLiteral(".before-restore"))));
        return kOk;
    } catch (const storage::StorageError &e) {
        err(QStringLiteral("restore failed, nothing was changed: %1").arg(e.message()));
        return kFailed;
    }
}

} // namespace

int main(int argc, char **argv)
{
#ifndef Q_OS_WIN
    ::umask(077);
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("netgatewayctl"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(core::kVersion));

    QStringList args = app.arguments().mid(1);
    QString dataDir = core::ServiceConfig::defaultDataDirectory();
    // Global options come before the command.
    while (!args.isEmpty() && args.first().startsWith(QLatin1String("--"))) {
        const QString option = args.takeFirst();
        if (option == QLatin1String("--help")) {
            printUsage(stdout);
            return kOk;
        }
        if (option == QLatin1String("--version")) {
            out(QString::fromLatin1(core::kVersion));
            return kOk;
        }
        if (option == QLatin1String("--data-dir") && !args.isEmpty()) {
            dataDir = args.takeFirst();
        } else if (option.startsWith(QLatin1String("--data-dir="))) {
            dataDir = option.mid(11);
        } else {
            err(QStringLiteral("unknown option '%1'").arg(option));
            printUsage(stderr);
            return kUsage;
        }
    }
    if (args.isEmpty()) {
        printUsage(stderr);
        return kUsage;
    }
    dataDir = QDir(dataDir).absolutePath();
    const QString command = args.takeFirst();
    if (command == QLatin1String("status")) {
        const bool json = args.removeAll(QStringLiteral("--json")) > 0;
        if (!args.isEmpty()) {
            err(QStringLiteral("status: unexpected argument '%1'").arg(args.first()));
            return kUsage;
        }
        return statusCommand(dataDir, json);
    }
    if (command == QLatin1String("backup") || command == QLatin1String("restore")) {
        if (args.size() != 1) {
            err(QStringLiteral("%1 needs exactly one FILE").arg(command));
            return kUsage;
        }
        return command == QLatin1String("backup") ? backupCommand(dataDir, args.first())
                                                  : restoreCommand(dataDir, args.first());
    }
    if (command == QLatin1String("version")) {
        out(QString::fromLatin1(core::kVersion));
        return kOk;
    }
    if (command == QLatin1String("probe")) {
        return cli::probeCommand(args);
    }
    err(QStringLiteral("unknown command '%1'").arg(command));
    printUsage(stderr);
    return kUsage;
}
