#include <netgateway/core/GatewayService.h>
#include <netgateway/core/Version.h>
#include <netgateway/core/api/Console.h>
#include <netgateway/core/audit/AuditRecorder.h>
#include <netgateway/core/discovery/AuditSink.h>
#include <netgateway/core/discovery/DeviceRecovery.h>
#include <netgateway/core/discovery/DiscoveryControl.h>
#include <netgateway/core/polling/PollScheduler.h>
#include <netgateway/core/polling/SnmpDeviceReader.h>
#include <netgateway/core/polling/TelemetryUplink.h>

#include <netgateway/relay/RelayServer.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>
#include <netgateway/tasks/TaskService.h>
#include <netgateway/uplink/UplinkService.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTimer>

#include <stdexcept>

namespace netgateway::core {

namespace {

ExitCode exitCodeFor(storage::StorageError::Kind kind)
{
    using Kind = storage::StorageError::Kind;
    switch (kind) {
    case Kind::TooNew:
        return ExitCode::DatabaseTooNew;
    case Kind::Corrupt:
        return ExitCode::DatabaseDamaged;
    case Kind::Open:
    case Kind::Io:
    case Kind::Busy:
        return ExitCode::DataDirectoryUnusable;
    case Kind::Crypto:
        return ExitCode::VaultUnavailable;
    case Kind::Migration:
    case Kind::NotFound:
        return ExitCode::Failure;
    }
    return ExitCode::Failure;
}

} // namespace

GatewayService::GatewayService(ServiceConfig config, Clock &clock, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_clock(clock)
{
}

GatewayService::~GatewayService()
{
    stop();
}

void GatewayService::setConsoleOptions(const api::ConsoleOptions &options)
{
    m_consoleOptions = std::make_unique<api::ConsoleOptions>(options);
}

QString GatewayService::databasePath(const QString &dataDirectory)
{
    return QDir(dataDirectory).filePath(QStringLiteral("netgateway.db"));
}

QString GatewayService::keyFilePath(const QString &dataDirectory)
{
    return QDir(dataDirectory).filePath(QStringLiteral("vault.key"));
}

ExitCode GatewayService::start(QString &error)
{
    m_startedMonotonic = m_clock.monotonic();
    m_startedAt = m_clock.nowUtc();
    const QString dir = m_config.dataDirectory;
    try {
        m_db = storage::Database::open(databasePath(dir));
        const QStringList problems = m_db->integrityCheck();
        if (!problems.isEmpty()) {
            error =
                QStringLiteral("database %1 failed its integrity check (%2). netgatewayd will not start, so "
                               "as not to damage it further: restore a backup with 'netgatewayctl restore "
                               "FILE', or move the file aside to start with an empty database.")
                    .arg(QDir::toNativeSeparators(databasePath(dir)), problems.mid(0, 3).join(QStringLiteral("; ")));
            m_db.reset();
            return ExitCode::DatabaseDamaged;
        }
        const int before = m_db->userVersion();
        const int applied = storage::Migrations::apply(*m_db);
        if (applied > 0) {
            qInfo("database schema migrated from version %d to %d", before, m_db->userVersion());
        }
        m_keyStore = std::make_unique<storage::FileKeyStore>(keyFilePath(dir));
        m_vault = std::make_unique<storage::SecretVault>(*m_db, *m_keyStore);
        recordEvent(QStringLiteral("start"));
        // Discovery's and the uplink's decisions go to the audit log.
        m_auditLog = std::make_unique<audit::AuditLog>(*m_db, m_clock);
        m_audit = std::make_unique<audit::AuditRecorder>(*m_auditLog);
        polling::SchedulerOptions schedulerOptions;
        // Read deadlines are network time: they stay real on a compressed (test) clock.
        schedulerOptions.pollDeadline = m_clock.fromRealTime(schedulerOptions.pollDeadline);
        schedulerOptions.slowPollAfter = m_clock.fromRealTime(schedulerOptions.slowPollAfter);
        m_scheduler = std::make_unique<polling::PollScheduler>(*m_db, m_clock, schedulerOptions);
        m_scheduler->start();
        // Off until a cloud origin is configured and the gateway registered.
        m_uplink = std::make_unique<uplink::UplinkService>(*m_db, *m_vault, m_clock, databasePath(dir), m_audit.get());
        m_uplink->setLogSources({[log = m_auditLog.get()](const QDateTime &since, const QDateTime &until) {
                                     return log->exportJsonLines(since, until);
                                 },
                                 QDir(dir).filePath(QStringLiteral("logs/netgatewayd.log")), m_config.logFiles});
        m_uplink->start();
    } catch (const storage::StorageError &e) {
        error = e.message();
        m_scheduler.reset();
        m_uplink.reset();
        m_audit.reset();
        m_auditLog.reset();
        m_vault.reset();
        m_db.reset();
        return exitCodeFor(e.kind());
    }

    m_control.addCommand(QStringLiteral("status"), [this](const QJsonObject &) { return status(); });
    addPollingCommands();
    m_discovery = std::make_unique<discovery::DiscoveryControl>(*m_db, *m_vault, m_clock, *m_audit);
    m_discovery->registerCommands(m_control);
    m_discovery->setDefaultPort(polling::SnmpPolling::portFromEnvironment());
    m_discovery->schedule().start();
    if (!m_externalReader) {
        polling::SnmpReaderOptions snmpOptions;
        snmpOptions.port = polling::SnmpPolling::portFromEnvironment();
        m_snmpPolling = std::make_unique<polling::SnmpPolling>(*m_db, *m_vault, m_clock, *m_audit, snmpOptions);
        QString snmpError;
        if (m_snmpPolling->start(snmpError)) {
            m_telemetry =
                std::make_unique<polling::TelemetryUplink>(m_snmpPolling->reader(), *m_db, m_uplink->outbox(), m_clock);
            m_scheduler->setReader(m_telemetry.get());
            // A managed device that stops answering is looked for across the discovery ranges.
            discovery::SweepOptions recoveryOptions;
            recoveryOptions.port = snmpOptions.port;
            m_recovery = std::make_unique<discovery::DeviceRecovery>(
                m_discovery->settings(), m_discovery->inventory(), m_discovery->recovery(), *m_audit, recoveryOptions);
            m_recovery->watch(*m_scheduler);
            // Devices discovery registers (or an administrator approves) join the polling within a minute.
            auto *reload = new QTimer(this);
            reload->setInterval(std::chrono::minutes(1));
            connect(reload, &QTimer::timeout, this, [this] {
                if (!m_scheduler) {
                    return;
                }
                try {
                    m_scheduler->reloadDevices();
                } catch (const storage::StorageError &e) {
                    qWarning("cannot reload the managed devices: %s", qPrintable(e.message()));
                }
            });
            reload->start();
        } else {
            qCritical("devices are not polled: the SNMP engine cannot start: %s", qPrintable(snmpError));
            m_snmpPolling.reset();
        }
    }
    m_uplink->addControlCommands(m_control);
    startRelay();
    startTasks();
    if (!m_control.listen(dir, error)) {
        return ExitCode::DataDirectoryUnusable;
    }
    try {
        m_console = std::make_unique<api::Console>(*m_db, *m_vault, m_clock, m_config,
                                                   m_consoleOptions ? *m_consoleOptions : api::ConsoleOptions{});
        m_console->setServices(api::DomainServices{&m_control, m_scheduler.get(), m_discovery.get()});
        QString consoleError;
        if (!m_console->start(
                m_control, [this] { return status(); }, consoleError)) {
            error = QStringLiteral("the console cannot start: %1").arg(consoleError);
            m_console.reset();
            return ExitCode::Failure;
        }
        if (!consoleError.isEmpty()) {
            qCritical("%s", qPrintable(consoleError));
        }
    } catch (const storage::StorageError &e) {
        error = QStringLiteral("the console cannot start: %1").arg(e.message());
        m_console.reset();
        return exitCodeFor(e.kind());
    }
    qInfo("netgatewayd %s ready: data directory %s, schema version %d", kVersion,
          qPrintable(QDir::toNativeSeparators(dir)), m_db->userVersion());
    return ExitCode::Ok;
}

void GatewayService::stop()
{
    m_tasks.reset();
    m_relay.reset();
    m_console.reset();
    m_control.close();
    m_recovery.reset();
    m_scheduler.reset();
    m_telemetry.reset();
    m_snmpPolling.reset();
    m_discovery.reset();
    m_uplink.reset();
    m_audit.reset();
    m_auditLog.reset();
    if (m_db) {
        try {
            recordEvent(QStringLiteral("stop"));
            // Fold the WAL back into the main file so a stopped gateway leaves a
            // single self-contained database.
            m_db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (const storage::StorageError &e) {
            qWarning("while stopping: %s", qPrintable(e.message()));
        }
    }
    m_vault.reset();
    m_keyStore.reset();
    m_db.reset();
}

void GatewayService::reload(const ServiceConfig &config)
{
    if (config.uiPort != m_config.uiPort || config.relayPort != m_config.relayPort ||
        QDir(config.dataDirectory) != QDir(m_config.dataDirectory)) {
        qWarning("configuration reloaded: port and data directory changes take effect after a restart");
    }
    m_config.logLevel = config.logLevel;
    m_config.logMaxBytes = config.logMaxBytes;
    m_config.logFiles = config.logFiles;
    qInfo("configuration reloaded: log level %s", qPrintable(logLevelName(m_config.logLevel)));
    emit configReloaded();
}

QJsonObject GatewayService::status() const
{
    QJsonObject out;
    out.insert(QStringLiteral("version"), QString::fromLatin1(kVersion));
    out.insert(QStringLiteral("pid"), QCoreApplication::applicationPid());
    out.insert(QStringLiteral("startedAt"), m_startedAt.toString(Qt::ISODate));
    out.insert(QStringLiteral("uptimeSeconds"),
               static_cast<qint64>((m_clock.monotonic() - m_startedMonotonic).count() / 1000));
    out.insert(QStringLiteral("dataDirectory"), QDir::toNativeSeparators(m_config.dataDirectory));
    out.insert(QStringLiteral("uiPort"), m_config.uiPort);
    out.insert(QStringLiteral("relayPort"), m_config.relayPort);
    if (m_console && m_console->listening() && !m_console->portNote().isEmpty()) {
        // The console had to take another port: show the one in use and why.
        out.insert(QStringLiteral("uiPort"), m_console->port());
        out.insert(QStringLiteral("uiPortConfigured"), m_config.uiPort);
        out.insert(QStringLiteral("uiPortNote"), m_console->portNote());
    }
    if (m_db) {
        out.insert(QStringLiteral("schemaVersion"), m_db->userVersion());
        storage::Statement count(*m_db, "SELECT count(*) FROM devices");
        count.step();
        out.insert(QStringLiteral("deviceCount"), static_cast<qint64>(count.int64(0)));
    }
    if (m_uplink) {
        out.insert(QStringLiteral("uplink"), m_uplink->status());
    }
    if (m_relay) {
        out.insert(QStringLiteral("relay"), m_relay->status());
    }
    return out;
}

void GatewayService::recordEvent(const QString &event)
{
    storage::Statement st(*m_db, "INSERT INTO service_events(at, event, version) VALUES(?1, ?2, ?3)");
    st.bind(1, m_clock.nowSecs()).bind(2, event).bind(3, QString::fromLatin1(kVersion));
    st.run();
}

void GatewayService::setDeviceReader(polling::DeviceReader *reader)
{
    m_externalReader = reader != nullptr;
    if (m_scheduler) {
        m_scheduler->setReader(reader);
    }
}

void GatewayService::addPollingCommands()
{
    const auto deviceIdOf = [](const QJsonObject &request) {
        const QJsonValue v = request.value(QStringLiteral("deviceId"));
        if (!v.isDouble() || v.toDouble() < 1 || v.toDouble() != static_cast<double>(v.toInteger())) {
            throw std::invalid_argument("'deviceId' must be a positive integer device id");
        }
        return v.toInteger();
    };
    // {"command":"polling.devices"}: rating, category, next polls and why, per device.
    m_control.addCommand(QStringLiteral("polling.devices"), [this](const QJsonObject &) {
        QJsonArray list;
        for (const auto &info : m_scheduler->allDeviceInfo()) {
            list.append(info.toJson());
        }
        return QJsonObject{{QStringLiteral("policy"), polling::policyName(m_scheduler->policy())},
                           {QStringLiteral("devices"), list}};
    });
    // {"command":"polling.stats"}: the scheduler's counters since start and the
    // telemetry records queued for the cloud (soak and load checks).
    // With "overdue": true it also counts devices whose next poll is more than
    // a minute of service time in the past (a poll that never ran).
    m_control.addCommand(QStringLiteral("polling.stats"), [this](const QJsonObject &request) {
        const polling::SchedulerStats &s = m_scheduler->stats();
        const auto n = [](std::uint64_t v) { return static_cast<qint64>(v); };
        QJsonObject out{{QStringLiteral("alertPolls"), n(s.alertPolls)},
                        {QStringLiteral("alertWalks"), n(s.alertWalks)},
                        {QStringLiteral("counterPolls"), n(s.counterPolls)},
                        {QStringLiteral("failures"), n(s.failures)},
                        {QStringLiteral("deadlineExpired"), n(s.deadlineExpired)},
                        {QStringLiteral("demotedSlow"), n(s.demotedSlow)},
                        {QStringLiteral("resloted"), n(s.resloted)},
                        {QStringLiteral("skippedBusy"), n(s.skippedBusy)},
                        {QStringLiteral("storageErrors"), n(s.storageErrors)},
                        {QStringLiteral("devices"), m_scheduler->deviceCount()},
                        {QStringLiteral("clockSpeed"), m_clock.speed()},
                        {QStringLiteral("now"), m_clock.nowUtc().toString(Qt::ISODate)}};
        if (request.value(QStringLiteral("overdue")).toBool()) {
            const QDateTime limit = m_clock.nowUtc().addSecs(-60);
            qint64 overdue = 0;
            for (const auto &info : m_scheduler->allDeviceInfo()) {
                overdue += (info.nextAlertPoll.isValid() && info.nextAlertPoll < limit) ? 1 : 0;
                overdue += (info.nextCounterPoll.isValid() && info.nextCounterPoll < limit) ? 1 : 0;
            }
            out.insert(QStringLiteral("overdue"), overdue);
        }
        if (m_telemetry) {
            const auto &c = m_telemetry->counts();
            out.insert(QStringLiteral("queued"), QJsonObject{{QStringLiteral("counters"), n(c.counters)},
                                                             {QStringLiteral("consumables"), n(c.consumables)},
                                                             {QStringLiteral("alerts"), n(c.alerts)},
                                                             {QStringLiteral("notQueued"), n(c.notQueued)}});
        }
        return out;
    });
    // {"command":"polling.pin","deviceId":N,"category":"high"|null}
    m_control.addCommand(QStringLiteral("polling.pin"), [this, deviceIdOf](const QJsonObject &request) {
        const qint64 id = deviceIdOf(request);
        const QJsonValue c = request.value(QStringLiteral("category"));
        std::optional<polling::Priority> category;
        if (!c.isNull() && !c.isUndefined()) {
            category = polling::priorityFromName(c.toString());
            if (!category) {
                throw std::invalid_argument("'category' must be one of very_high, high, middle, low, or null to unpin");
            }
        }
        if (!m_scheduler->pinCategory(id, category)) {
            throw std::invalid_argument("no managed device with this id");
        }
        return m_scheduler->deviceInfo(id)->toJson();
    });
    // {"command":"polling.pollNow"} for all devices, or with "deviceId" for one.
    m_control.addCommand(QStringLiteral("polling.pollNow"), [this, deviceIdOf](const QJsonObject &request) {
        if (request.contains(QStringLiteral("deviceId"))) {
            if (!m_scheduler->pollNow(deviceIdOf(request))) {
                throw std::invalid_argument("no managed device with this id");
            }
        } else {
            // Devices discovered since the last periodic reload are included.
            m_scheduler->reloadDevices();
            m_scheduler->pollAllNow();
        }
        return QJsonObject{{QStringLiteral("queued"), true}};
    });
    // {"command":"polling.policy","policy":"adaptive"|"fixed"}
    m_control.addCommand(QStringLiteral("polling.policy"), [this](const QJsonObject &request) {
        const auto policy = polling::policyFromName(request.value(QStringLiteral("policy")).toString());
        if (!policy) {
            throw std::invalid_argument("'policy' must be 'adaptive' or 'fixed'");
        }
        m_scheduler->setPolicy(*policy);
        return QJsonObject{{QStringLiteral("policy"), polling::policyName(*policy)}};
    });
    // {"command":"polling.retention"} shows; with any of countersDays, suppliesDays,
    // statusDays, alertsDays (0..36500, 0 keeps forever) it changes the retention.
    m_control.addCommand(QStringLiteral("polling.retention"), [this](const QJsonObject &request) {
        polling::Retention r = m_scheduler->retention();
        const std::pair<const char *, int *> fields[] = {{"countersDays", &r.counterDays},
                                                         {"suppliesDays", &r.supplyDays},
                                                         {"statusDays", &r.statusDays},
                                                         {"alertsDays", &r.clearedAlertDays}};
        bool changed = false;
        for (const auto &[name, target] : fields) {
            const QJsonValue v = request.value(QLatin1String(name));
            if (v.isUndefined()) {
                continue;
            }
            if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() > 36500 ||
                v.toDouble() != static_cast<double>(v.toInteger())) {
                throw std::invalid_argument(std::string("'") + name + "' must be a whole number of days, 0 to 36500");
            }
            *target = static_cast<int>(v.toInteger());
            changed = true;
        }
        if (changed) {
            m_scheduler->setRetention(r);
        }
        const polling::Retention &now = m_scheduler->retention();
        return QJsonObject{{QStringLiteral("countersDays"), now.counterDays},
                           {QStringLiteral("suppliesDays"), now.supplyDays},
                           {QStringLiteral("statusDays"), now.statusDays},
                           {QStringLiteral("alertsDays"), now.clearedAlertDays}};
    });
}

void GatewayService::startRelay()
{
    // Off when disabled or while no cloud origin is configured; a running
    // relay follows later changes of the origin for each new request.
    m_control.addCommand(QStringLiteral("relay.status"), [this](const QJsonObject &) {
        return m_relay ? m_relay->status()
                       : QJsonObject{{QStringLiteral("listening"), false},
                                     {QStringLiteral("reason"), m_config.relayEnabled
                                                                    ? QStringLiteral("no cloud origin is configured")
                                                                    : QStringLiteral("disabled in the configuration")}};
    });
    if (!m_config.relayEnabled || !relay::Origin::fromUplinkState(*m_db)) {
        qInfo("relay: off (%s)", m_config.relayEnabled ? "no cloud origin configured" : "disabled");
        return;
    }
    relay::RelayOptions options;
    options.port = m_config.relayPort;
    storage::Database *db = m_db.get();
    options.allowedOrigin = [db] { return relay::Origin::fromUplinkState(*db); };
    m_relay = std::make_unique<relay::RelayServer>(std::move(options), m_clock);
    QString error;
    if (!m_relay->listen(error)) {
        qCritical("%s", qPrintable(error));
        m_relay.reset();
    }
}

void GatewayService::startTasks()
{
    // Tasks arrive only over the uplink's task channel and only in Manage
    // mode; without SNMP the SNMP tasks are refused with a reason.
    tasks::TaskRunnerOptions options;
    options.snmpPort = polling::SnmpPolling::portFromEnvironment();
    m_tasks = std::make_unique<tasks::TaskService>(*m_db, *m_vault, m_clock, *m_auditLog, *m_uplink,
                                                   m_snmpPolling.get(), m_scheduler.get(), options);
    m_tasks->addControlCommands(m_control);
    m_tasks->start();
}

} // namespace netgateway::core
