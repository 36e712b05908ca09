// netgatewayd: the gateway service. A thin host around GatewayService: command
// line, service-manager integration, signals, logging, the instance lock.
#include "ServiceNotifier.h"

#include <netgateway/core/Clock.h>
#include <netgateway/core/ExitCode.h>
#include <netgateway/core/GatewayService.h>
#include <netgateway/core/InstanceLock.h>
#include <netgateway/core/Logger.h>
#include <netgateway/core/ScaledClock.h>
#include <netgateway/core/ServiceConfig.h>
#include <netgateway/core/Version.h>
#include <netgateway/upgrade/UpgradeService.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTimer>

#include <cstdio>
#include <memory>

#ifdef Q_OS_WIN
#include "../platform/windows/WindowsServiceHost.h"
#else
#include "SignalWatcher.h"

#include <sys/stat.h>
#endif

using namespace netgateway;
using core::ExitCode;

namespace {

struct Options {
    core::ServiceConfig config;
    QString configFile;
    bool foreground = false;
    double clockSpeed = 1.0; // tests only: --clock-speed
};

void printError(const QString &message)
{
    std::fprintf(stderr, "netgatewayd: %s\n", qPrintable(message));
}

// Parses the command line into `options`; returns false with a printed error.
bool parseOptions(const QCoreApplication &app, Options &options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("netgateway fleet gateway service"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption foreground(QStringLiteral("foreground"),
                                        QStringLiteral("Run in the foreground and log to stderr."));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Data directory (default %1).").arg(core::ServiceConfig::defaultDataDirectory()),
        QStringLiteral("DIR"));
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Configuration file (INI)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption uiPort(QStringLiteral("ui-port"), QStringLiteral("HTTPS console port (default 9797)."),
                                    QStringLiteral("PORT"));
    const QCommandLineOption relayPort(QStringLiteral("relay-port"), QStringLiteral("Relay port (default 8081)."),
                                       QStringLiteral("PORT"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
                                      QStringLiteral("debug, info, warning or error (default info)."),
                                      QStringLiteral("LEVEL"));
    parser.addOptions({foreground, dataDir, config, uiPort, relayPort, logLevel});
    // Tests only (soak): the service's clock runs K times faster than real time.
    // Hidden from --help and refused unless NETGATEWAY_ALLOW_TEST_OPTIONS=1.
    QCommandLineOption clockSpeed(QStringLiteral("clock-speed"), QStringLiteral("Test clock speed."),
                                  QStringLiteral("K"));
    clockSpeed.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(clockSpeed);
    if (!parser.parse(app.arguments())) {
        printError(parser.errorText() + QStringLiteral(" (see --help)"));
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        parser.showHelp(0);
    }
    if (parser.isSet(QStringLiteral("version"))) {
        parser.showVersion();
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("unexpected argument '%1' (see --help)").arg(parser.positionalArguments().first()));
        return false;
    }
    options.foreground = parser.isSet(foreground);
    options.config.dataDirectory = core::ServiceConfig::defaultDataDirectory();
    if (parser.isSet(config)) {
        options.configFile = parser.value(config);
        QString error;
        if (!core::ServiceConfig::loadFile(options.configFile, options.config, error)) {
            printError(error);
            return false;
        }
    }
    if (parser.isSet(dataDir)) {
        options.config.dataDirectory = parser.value(dataDir);
    }
    for (const auto &[option, target] :
         {std::pair{&uiPort, &options.config.uiPort}, std::pair{&relayPort, &options.config.relayPort}}) {
        if (parser.isSet(*option)) {
            bool ok = false;
            const int port = parser.value(*option).toInt(&ok);
            if (!ok || port < 1 || port > 65535) {
                printError(QStringLiteral("--%1 '%2' is not a TCP port; use a number from 1 to 65535")
                               .arg(option->names().first(), parser.value(*option)));
                return false;
            }
            *target = static_cast<quint16>(port);
        }
    }
    if (parser.isSet(logLevel)) {
        const auto level = core::parseLogLevel(parser.value(logLevel));
        if (!level) {
            printError(
                QStringLiteral("--log-level '%1' is not debug, info, warning or error").arg(parser.value(logLevel)));
            return false;
        }
        options.config.logLevel = *level;
    }
    if (parser.isSet(clockSpeed)) {
        if (qEnvironmentVariable("NETGATEWAY_ALLOW_TEST_OPTIONS") != QLatin1String("1")) {
            printError(QStringLiteral("--clock-speed is for tests only (it makes the service's time run faster than "
                                      "real time); set NETGATEWAY_ALLOW_TEST_OPTIONS=1 to use it"));
            return false;
        }
        bool ok = false;
        options.clockSpeed = parser.value(clockSpeed).toDouble(&ok);
        if (!ok || options.clockSpeed < 1.0 || options.clockSpeed > 10000.0) {
            printError(
                QStringLiteral("--clock-speed '%1' is not a number from 1 to 10000").arg(parser.value(clockSpeed)));
            return false;
        }
    }
    options.config.dataDirectory = QDir(options.config.dataDirectory).absolutePath();
    return true;
}

bool prepareDataDirectory(const QString &path, QString &error)
{
    QDir dir(path);
    if (!dir.exists() && !QDir().mkpath(path)) {
        error = QStringLiteral("cannot create data directory %1; create it or choose another with --data-dir")
                    .arg(QDir::toNativeSeparators(path));
        return false;
    }
#ifndef Q_OS_WIN
    ::chmod(QFile::encodeName(path).constData(), 0700);
#endif
    return true;
}

int runDaemon(QCoreApplication &app, Options &options)
{
    QString error;
    const QString dataDir = options.config.dataDirectory;
    if (!prepareDataDirectory(dataDir, error)) {
        printError(error);
        return core::toInt(ExitCode::DataDirectoryUnusable);
    }
    core::InstanceLock lock(dataDir);
    if (!lock.acquire(error)) {
        printError(error);
        return core::toInt(ExitCode::AlreadyRunning);
    }

    core::Logger::Options logOptions;
    logOptions.directory = QDir(dataDir).filePath(QStringLiteral("logs"));
    logOptions.maxBytes = options.config.logMaxBytes;
    logOptions.files = options.config.logFiles;
    logOptions.level = options.config.logLevel;
    logOptions.toPlatformLog = core::Logger::platformLogAvailable();
    logOptions.toStderr = options.foreground && !logOptions.toPlatformLog;
    core::Logger logger(logOptions);
    logger.install();

    std::unique_ptr<core::Clock> clock;
    if (options.clockSpeed != 1.0) {
        qWarning("test clock: time runs %g times faster than real time", options.clockSpeed);
        clock = std::make_unique<core::ScaledClock>(options.clockSpeed);
    } else {
        clock = std::make_unique<core::SystemClock>();
    }
    core::GatewayService service(options.config, *clock);
    const ExitCode started = service.start(error);
    if (started != ExitCode::Ok) {
        qCritical("%s", qPrintable(error));
        if (!logOptions.toStderr) {
            printError(error);
        }
        return core::toInt(started);
    }

    // The daily auto-upgrade check (settings and status in the console).
    upgrade::UpgradeService upgrades(service);
    upgrades.start();

#ifndef Q_OS_WIN
    app::SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &app::SignalWatcher::terminateRequested, &app, [&app](int signal) {
        qInfo("signal %d received: stopping", signal);
        app.quit();
    });
    QObject::connect(&signalWatcher, &app::SignalWatcher::reloadRequested, &service, [&] {
        core::ServiceConfig next = options.config;
        QString reloadError;
        if (!options.configFile.isEmpty() && !core::ServiceConfig::loadFile(options.configFile, next, reloadError)) {
            qWarning("configuration not reloaded: %s", qPrintable(reloadError));
            return;
        }
        logger.setLevel(next.logLevel);
        service.reload(next);
    });
#endif

    QTimer watchdog;
    if (const auto interval = app::ServiceNotifier::watchdogInterval(); interval.count() > 0) {
        QObject::connect(&watchdog, &QTimer::timeout, [] { app::ServiceNotifier::watchdog(); });
        watchdog.start(interval);
    }
    app::ServiceNotifier::ready(QStringLiteral("ready"));

    const int rc = app.exec();
    app::ServiceNotifier::stopping();
    service.stop();
    qInfo("netgatewayd stopped");
    lock.release();
    return rc;
}

} // namespace

int main(int argc, char **argv)
{
#ifndef Q_OS_WIN
    // Everything the service creates (database, key file, logs) is private to
    // the service account.
    ::umask(077);
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("netgatewayd"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(core::kVersion));

    Options options;
    if (!parseOptions(app, options)) {
        return core::toInt(ExitCode::Usage);
    }
#ifdef Q_OS_WIN
    if (!options.foreground) {
        int exitCode = 0;
        std::string error;
        platform::windows::ServiceCallbacks callbacks;
        callbacks.run = [&] { return runDaemon(app, options); };
        callbacks.requestStop = [&app] {
            QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
        };
        switch (platform::windows::runAsService(L"netgateway", callbacks, exitCode, error)) {
        case platform::windows::HostResult::Ran:
            return exitCode;
        case platform::windows::HostResult::Failed:
            printError(QString::fromStdString(error));
            return core::toInt(ExitCode::Failure);
        case platform::windows::HostResult::NotAService:
            break;
        }
    }
#endif
    return runDaemon(app, options);
}
