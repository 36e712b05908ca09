// netgatewayctl: administers a gateway on the machine it runs on. Talks to the
// running service over the local control channel; backup and restore work on
// the database files directly.
#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/GatewayService.h>
#include <netgateway/core/InstanceLock.h>
#include <netgateway/core/ServiceConfig.h>
#include <netgateway/core/Version.h>
#include <netgateway/core/audit/AuditLog.h>

#include "CliText.h"
#include "DiscoveryCli.h"

#include "TasksCommand.h"
#include "UplinkCommand.h"
#include <netgateway/i18n/Translations.h>
#include <netgateway/storage/Database.h>

#include <netgateway/storage/Maintenance.h>
#include <netgateway/storage/StorageError.h>

#include "DiscoverCommand.h"
#include "ProbeCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <iostream>
#include <string>

#ifndef Q_OS_WIN
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#endif

using namespace netgateway;
using netgateway::cli::CliText;

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

QString usageText()
{
    return CliText::tr("Usage: netgatewayctl [--data-dir DIR] [--language CODE] COMMAND [ARGS]\n"
                       "\n"
                       "Commands:\n"
                       "  status [--json]     state of the running service\n"
                       "  backup FILE         online backup of the database into FILE\n"
                       "  restore FILE        replace the database with FILE (service stopped)\n"
                       "  version             print the version\n"
                       "  probe ADDRESS[:PORT] [options]  read one printer over SNMP (probe --help)\n"
                       "  discover TARGET... [options]    sweep for printers over SNMP (discover --help)\n"
                       "  admin setup-token   show the one-time token for setting the first console password\n"
                       "  admin set-password  set the console administrator password (read from standard input)\n"
                       "  audit verify        check the audit log's hash chain; names the first bad entry\n"
                       "  relay status        the device relay: listener, limits and per-device counters\n"
                       "  polling poll-now    read every managed device now (devices found since the last\n"
                       "                      reload included)\n"
                       "\n"
                       "The data directory defaults to $NETGATEWAY_DATA_DIR or %1.\n"
                       "The language follows the system locale; --language CODE chooses one of %2.\n")
        .arg(core::ServiceConfig::defaultDataDirectory(), i18n::Translations::languages().join(QStringLiteral(", ")));
}

void printUsage(FILE *stream)
{
    std::fprintf(stream, "%s", usageText().toUtf8().constData());
    std::fprintf(stream, "\n%s\n%s", CliText::tr("Discovery:").toUtf8().constData(),
                 CliText::tr(cli::discoveryUsage()).toUtf8().constData());
    std::fprintf(stream, "\n%s\n%s", CliText::tr("Cloud uplink:").toUtf8().constData(),
                 CliText::tr(kUplinkUsageText).toUtf8().constData());
    std::fprintf(stream, "\n%s\n%s", CliText::tr("Maintenance tasks:").toUtf8().constData(),
                 CliText::tr(kTasksUsageText).toUtf8().constData());
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
    out(CliText::tr("netgatewayd %1 running (pid %2), up %3 s")
            .arg(result.value(QStringLiteral("version")).toString())
            .arg(result.value(QStringLiteral("pid")).toInteger())
            .arg(result.value(QStringLiteral("uptimeSeconds")).toInteger()));
    out(CliText::tr("data directory: %1").arg(result.value(QStringLiteral("dataDirectory")).toString()));
    out(CliText::tr("schema version: %1").arg(result.value(QStringLiteral("schemaVersion")).toInt()));
    out(CliText::tr("devices:        %1").arg(result.value(QStringLiteral("deviceCount")).toInteger()));
    return kOk;
}

int backupCommand(const QString &dataDir, const QString &file)
{
    try {
        const auto info = storage::backupDatabase(core::GatewayService::databasePath(dataDir), file);
        out(CliText::tr("backup written to %1 (%2 bytes, schema version %3)")
                .arg(QDir::toNativeSeparators(info.path))
                .arg(info.bytes)
                .arg(info.schemaVersion));
        out(CliText::tr("secrets in it are encrypted: keep it together with a copy of %1, without which they "
                        "cannot be read")
                .arg(QDir::toNativeSeparators(core::GatewayService::keyFilePath(dataDir))));
        return kOk;
    } catch (const storage::StorageError &e) {
        err(CliText::tr("backup failed: %1").arg(e.message()));
        return kFailed;
    }
}

int restoreCommand(const QString &dataDir, const QString &file)
{
    core::InstanceLock lock(dataDir);
    QString error;
    if (!lock.acquire(error)) {
        err(CliText::tr("restore refused: %1. Stop the service first (systemctl stop netgateway).").arg(error));
        return kFailed;
    }
    try {
        const auto info = storage::restoreDatabase(file, core::GatewayService::databasePath(dataDir));
        out(CliText::tr("database restored from %1 (schema version %2); the previous one is kept as %3")
                .arg(QDir::toNativeSeparators(file))
                .arg(info.schemaVersion)
                .arg(QDir::toNativeSeparators(info.path + QStringLiteral(".before-restore"))));
        return kOk;
    } catch (const storage::StorageError &e) {
        err(CliText::tr("restore failed, nothing was changed: %1").arg(e.message()));
        return kFailed;
    }
}

int adminSetupTokenCommand(const QString &dataDir)
{
    core::ControlClient client(dataDir);
    QJsonObject result;
    QString error;
    if (!client.call({{QStringLiteral("command"), QStringLiteral("admin.setup-token")}}, result, error)) {
        err(error);
        return kNotRunning;
    }
    if (result.value(QStringLiteral("passwordSet")).toBool()) {
        out(CliText::tr("the administrator password is already set; there is no setup token. Use 'netgatewayctl "
                        "admin set-password' to reset it."));
        return kOk;
    }
    out(result.value(QStringLiteral("token")).toString());
    return kOk;
}

QString readSecretLine(const QString &prompt)
{
#ifndef Q_OS_WIN
    const bool tty = ::isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (tty) {
        std::fprintf(stderr, "%s", prompt.toUtf8().constData());
        std::fflush(stderr);
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
#endif
    std::string line;
    std::getline(std::cin, line);
#ifndef Q_OS_WIN
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
#endif
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return QString::fromStdString(line);
}

int adminSetPasswordCommand(const QString &dataDir)
{
    const QString password = readSecretLine(CliText::tr("New administrator password: "));
#ifndef Q_OS_WIN
    if (::isatty(STDIN_FILENO) != 0 && readSecretLine(CliText::tr("Repeat the password: ")) != password) {
        err(CliText::tr("the two passwords differ; nothing was changed"));
        return kFailed;
    }
#endif
    core::ControlClient client(dataDir);
    QJsonObject result;
    QString error;
    if (!client.call(
            {{QStringLiteral("command"), QStringLiteral("admin.set-password")}, {QStringLiteral("password"), password}},
            result, error, 30000)) {
        err(error);
        return kNotRunning;
    }
    if (!result.value(QStringLiteral("changed")).toBool()) {
        err(CliText::tr("password not changed: %1").arg(result.value(QStringLiteral("message")).toString()));
        return kFailed;
    }
    out(CliText::tr("administrator password set; %1 console session(s) ended")
            .arg(result.value(QStringLiteral("sessionsEnded")).toInt()));
    return kOk;
}

int auditVerifyCommand(const QString &dataDir)
{
    try {
        storage::Database::Options options;
        options.readOnly = true;
        options.create = false;
        options.writeAheadLog = false;
        auto db = storage::Database::open(core::GatewayService::databasePath(dataDir), options);
        const auto result = core::audit::AuditLog::verify(*db);
        if (!result.ok) {
            err(CliText::tr("audit log damaged: %1").arg(result.message));
            return kFailed;
        }
        out(result.message);
        return kOk;
    } catch (const storage::StorageError &e) {
        err(CliText::tr("cannot check the audit log: %1").arg(e.message()));
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
    // The language is chosen before anything is printed: --language CODE
    // among the global options, else the system locale, else English.
    QString language;
    for (qsizetype i = 0; i < args.size() && args.at(i).startsWith(QLatin1String("--")); ++i) {
        if (args.at(i) == QLatin1String("--data-dir")) {
            ++i; // its value
            continue;
        }
        if (args.at(i) == QLatin1String("--language") && i + 1 < args.size()) {
            language = args.at(i + 1);
            break;
        }
        if (args.at(i).startsWith(QLatin1String("--language="))) {
            language = args.at(i).mid(11);
            break;
        }
    }
    i18n::Translations::install(language.isEmpty() ? i18n::Translations::forLocale(QLocale::system()) : language);
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
        if (option == QLatin1String("--language") || option.startsWith(QLatin1String("--language="))) {
            const QString code = option == QLatin1String("--language") ? (args.isEmpty() ? QString() : args.takeFirst())
                                                                       : option.mid(11);
            if (i18n::Translations::normalize(code).isEmpty()) {
                err(CliText::tr("unknown language '%1'; choose one of %2")
                        .arg(code, i18n::Translations::languages().join(QStringLiteral(", "))));
                return kUsage;
            }
            continue;
        }
        if (option == QLatin1String("--data-dir") && !args.isEmpty()) {
            dataDir = args.takeFirst();
        } else if (option.startsWith(QLatin1String("--data-dir="))) {
            dataDir = option.mid(11);
        } else {
            err(CliText::tr("unknown option '%1'").arg(option));
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
            err(CliText::tr("status: unexpected argument '%1'").arg(args.first()));
            return kUsage;
        }
        return statusCommand(dataDir, json);
    }
    if (command == QLatin1String("backup") || command == QLatin1String("restore")) {
        if (args.size() != 1) {
            err(CliText::tr("%1 needs exactly one FILE").arg(command));
            return kUsage;
        }
        return command == QLatin1String("backup") ? backupCommand(dataDir, args.first())
                                                  : restoreCommand(dataDir, args.first());
    }
    if (command == QLatin1String("discovery")) {
        return cli::discoveryCommand(dataDir, args);
    }
    if (command == QLatin1String("admin") && args.size() == 1 && args.first() == QLatin1String("setup-token")) {
        return adminSetupTokenCommand(dataDir);
    }
    if (command == QLatin1String("admin") && args.size() == 1 && args.first() == QLatin1String("set-password")) {
        return adminSetPasswordCommand(dataDir);
    }
    if (command == QLatin1String("audit") && args.size() == 1 && args.first() == QLatin1String("verify")) {
        return auditVerifyCommand(dataDir);
    }
    if (command == QLatin1String("version")) {
        out(QString::fromLatin1(core::kVersion));
        return kOk;
    }
    if (command == QLatin1String("probe")) {
        return cli::probeCommand(args);
    }
    if (command == QLatin1String("discover")) {
        return cli::discoverCommand(args);
    }
    if (command == QLatin1String("uplink")) {
        return uplinkCommand(dataDir, args);
    }
    if (command == QLatin1String("polling") && args.size() == 1 && args.first() == QLatin1String("poll-now")) {
        core::ControlClient client(dataDir);
        QJsonObject result;
        QString error;
        if (!client.call({{QStringLiteral("command"), QStringLiteral("polling.pollNow")}}, result, error)) {
            err(error);
            return kNotRunning;
        }
        if (result.value(QStringLiteral("ok")) == QJsonValue(false)) {
            err(result.value(QStringLiteral("error")).toString());
            return kFailed;
        }
        out(CliText::tr("polling every managed device now"));
        return kOk;
    }
    if (command == QLatin1String("relay") && args.size() == 1 && args.first() == QLatin1String("status")) {
        // The relay's listener, totals and per-device counters, as JSON.
        core::ControlClient client(dataDir);
        QJsonObject result;
        QString error;
        if (!client.call({{QStringLiteral("command"), QStringLiteral("relay.status")}}, result, error)) {
            err(error);
            return kNotRunning;
        }
        out(QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented)).trimmed());
        return kOk;
    }
    if (command == QLatin1String("tasks")) {
        return tasksCommand(dataDir, args);
    }
    err(CliText::tr("unknown command '%1'").arg(command));
    printUsage(stderr);
    return kUsage;
}
