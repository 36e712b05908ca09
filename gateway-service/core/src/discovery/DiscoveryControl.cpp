#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/discovery/DiscoveryControl.h>

#include <QJsonArray>
#include <QTimer>

namespace netgateway::core::discovery {

namespace {

DiscoverySettings settingsFrom(const QJsonObject &request)
{
    QString error;
    const auto parsed = fromJson(request.value(QStringLiteral("settings")).toObject(), error);
    if (!parsed) {
        throw DiscoveryError(error);
    }
    return *parsed;
}

QJsonObject deviceJson(const DeviceRecord &d)
{
    return QJsonObject{
        {QStringLiteral("id"), d.id},
        {QStringLiteral("address"), d.address},
        {QStringLiteral("previousAddress"), d.previousAddress},
        {QStringLiteral("serialNumber"), d.serialNumber},
        {QStringLiteral("macAddress"), d.macAddress},
        {QStringLiteral("manufacturer"), d.manufacturer},
        {QStringLiteral("model"), d.model},
        {QStringLiteral("state"), d.state},
        {QStringLiteral("via"), QJsonArray::fromStringList(d.via)},
        {QStringLiteral("firstSeen"), d.firstSeen},
        {QStringLiteral("lastSeen"), d.lastSeen},
    };
}

} // namespace

DiscoveryControl::DiscoveryControl(storage::Database &db, storage::SecretVault &vault, Clock &clock, AuditSink &audit)
    : m_settings(db, vault, clock, audit), m_inventory(db, clock), m_recovery(db, clock, audit),
      m_schedule(m_settings, clock,
                 DiscoveryScheduler::Runner{[this](qint64 id) {
                                                try {
                                                    startRun(id, QJsonObject{});
                                                    return true;
                                                } catch (const std::exception &e) {
                                                    qWarning("scheduled discovery of setting %lld did not start: %s",
                                                             static_cast<long long>(id), e.what());
                                                    return false;
                                                }
                                            },
                                            [this]() -> qint64 { return isRunning() ? m_runSetting : 0; }})
{
}

qint64 DiscoveryControl::resolveId(const QJsonObject &request)
{
    if (request.contains(QStringLiteral("name"))) {
        const QString name = request.value(QStringLiteral("name")).toString();
        const auto found = m_settings.findByName(name);
        if (!found) {
            throw DiscoveryError(QStringLiteral("there is no discovery setting named '%1'; see 'netgatewayctl "
                                                "discovery list'")
                                     .arg(name.left(kMaxNameLength)));
        }
        return found->id;
    }
    const qint64 id = request.value(QStringLiteral("id")).toInteger(0);
    if (id <= 0) {
        throw DiscoveryError(QStringLiteral("give the setting's id or name"));
    }
    return id;
}

QJsonObject DiscoveryControl::startRun(const QJsonObject &request)
{
    if (isRunning()) {
        throw DiscoveryError(QStringLiteral("discovery setting %1 is still running; wait for it or cancel it with "
                                            "'netgatewayctl discovery cancel'")
                                 .arg(m_runSetting));
    }
    return startRun(resolveId(request), request);
}

QJsonObject DiscoveryControl::startRun(qint64 id, const QJsonObject &request)
{
    if (isRunning()) {
        throw DiscoveryError(QStringLiteral("discovery setting %1 is still running; wait for it or cancel it with "
                                            "'netgatewayctl discovery cancel'")
                                 .arg(m_runSetting));
    }
    const auto settings = m_settings.find(id, DiscoveryRepository::Secrets::Include);
    if (!settings) {
        throw DiscoveryError(QStringLiteral("there is no discovery setting with id %1").arg(id));
    }
    ValidatedTargets targets;
    const QString problem = validateTargets(*settings, &targets);
    if (!problem.isEmpty()) {
        throw DiscoveryError(problem);
    }
    const auto bounded = [&request](const char *key, int fallback, int min, int max) {
        const int v = request.value(QLatin1String(key)).toInt(fallback);
        if (v < min || v > max) {
            throw DiscoveryError(QStringLiteral("%1 must be %2 to %3").arg(QLatin1String(key)).arg(min).arg(max));
        }
        return v;
    };
    SweepOptions options;
    options.port = static_cast<quint16>(bounded("port", m_defaultPort, 1, 65535));
    options.probesPerSecond = bounded("rate", options.probesPerSecond, 1, 100000);
    options.timeoutMs = bounded("timeoutMs", options.timeoutMs, 10, 60000);
    options.retries = bounded("retries", options.retries, 0, 10);
    std::optional<WsdOptions> wsd;
    if (settings->wsDiscovery) {
        WsdOptions w;
        w.directedPerSecond = options.probesPerSecond;
        w.window = std::chrono::milliseconds(bounded("wsdWindowMs", static_cast<int>(w.window.count()), 100, 60000));
        w.multicast = request.value(QStringLiteral("wsdMulticast")).toBool(true);
        for (const QJsonValue &name : request.value(QStringLiteral("wsdInterfaces")).toArray()) {
            if (w.interfaces.size() >= 64 || name.toString().isEmpty() || name.toString().size() > 64) {
                throw DiscoveryError(QStringLiteral("wsdInterfaces takes up to 64 interface names"));
            }
            w.interfaces.append(name.toString());
        }
        wsd = w;
    }
    QList<snmp::Credentials> credentials;
    for (const Credential &c : settings->credentials) {
        credentials.append(toSnmpCredentials(c));
    }
    m_run.reset();
    m_run = std::make_unique<DiscoveryRun>(targets, credentials, options, wsd);
    m_run->setInventory(&m_inventory, settings->registration, id);
    m_runSetting = id;
    // From the event loop: the next run replaces this one, which must not happen inside its own signal.
    QObject::connect(m_run.get(), &DiscoveryRun::finished, &m_schedule,
                     [this] { QTimer::singleShot(0, &m_schedule, [this] { m_schedule.runFinished(); }); });
    QString error;
    if (!m_run->start(&error)) {
        m_run.reset();
        throw DiscoveryError(error);
    }
    return QJsonObject{{QStringLiteral("settingId"), id},
                       {QStringLiteral("total"), static_cast<qint64>(targets.totalAddresses)},
                       {QStringLiteral("wsd"), settings->wsDiscovery}};
}

QJsonObject DiscoveryControl::runProgress() const
{
    if (!m_run) {
        return QJsonObject{{QStringLiteral("running"), false}};
    }
    const SweepProgress p = m_run->progressNow();
    QJsonObject out{{QStringLiteral("running"), m_run->isRunning()},
                    {QStringLiteral("settingId"), m_runSetting},
                    {QStringLiteral("done"), static_cast<qint64>(p.done)},
                    {QStringLiteral("total"), static_cast<qint64>(p.total)},
                    {QStringLiteral("found"), p.found}};
    if (!m_run->isRunning()) {
        out.insert(QStringLiteral("summary"), m_run->summary().toJson());
    }
    return out;
}

void DiscoveryControl::registerCommands(ControlServer &server)
{
    server.addCommand(QStringLiteral("discovery.run"),
                      [this](const QJsonObject &request) { return startRun(request); });
    server.addCommand(QStringLiteral("discovery.progress"), [this](const QJsonObject &) { return runProgress(); });
    server.addCommand(QStringLiteral("discovery.cancel"), [this](const QJsonObject &) {
        const bool running = m_run && m_run->isRunning();
        if (running) {
            m_run->cancel();
        }
        return QJsonObject{{QStringLiteral("cancelled"), running}};
    });
    server.addCommand(QStringLiteral("discovery.add"), [this](const QJsonObject &request) {
        const qint64 id = m_settings.add(settingsFrom(request));
        m_schedule.reschedule();
        return QJsonObject{{QStringLiteral("id"), id}};
    });
    server.addCommand(QStringLiteral("discovery.update"), [this](const QJsonObject &request) {
        const DiscoverySettings s = settingsFrom(request);
        m_settings.update(s);
        m_schedule.reschedule();
        return QJsonObject{{QStringLiteral("id"), s.id}};
    });
    server.addCommand(QStringLiteral("discovery.list"), [this](const QJsonObject &) {
        QJsonArray all;
        for (const DiscoverySettings &s : m_settings.list()) {
            all.append(toJson(s));
        }
        return QJsonObject{{QStringLiteral("settings"), all}};
    });
    server.addCommand(QStringLiteral("discovery.show"), [this](const QJsonObject &request) {
        const qint64 id = resolveId(request);
        const auto s = m_settings.find(id);
        if (!s) {
            throw DiscoveryError(QStringLiteral("there is no discovery setting with id %1").arg(id));
        }
        QJsonObject out = toJson(*s);
        ValidatedTargets targets;
        if (validateTargets(*s, &targets).isEmpty()) {
            out.insert(QStringLiteral("addressCount"), static_cast<qint64>(targets.totalAddresses));
        }
        return QJsonObject{{QStringLiteral("settings"), out}};
    });
    server.addCommand(QStringLiteral("discovery.delete"), [this](const QJsonObject &request) {
        const qint64 id = resolveId(request);
        if (!m_settings.remove(id)) {
            throw DiscoveryError(QStringLiteral("there is no discovery setting with id %1").arg(id));
        }
        m_schedule.reschedule();
        return QJsonObject{{QStringLiteral("deleted"), true}};
    });
    server.addCommand(QStringLiteral("discovery.recovery.get"), [this](const QJsonObject &) {
        const DeviceRecoverySettings r = m_recovery.load();
        return QJsonObject{{QStringLiteral("enabled"), r.enabled}, {QStringLiteral("missedPolls"), r.missedPolls}};
    });
    server.addCommand(QStringLiteral("discovery.recovery.set"), [this](const QJsonObject &request) {
        DeviceRecoverySettings r = m_recovery.load();
        r.enabled = request.value(QStringLiteral("enabled")).toBool(r.enabled);
        r.missedPolls = request.value(QStringLiteral("missedPolls")).toInt(r.missedPolls);
        m_recovery.save(r);
        return QJsonObject{{QStringLiteral("enabled"), r.enabled}, {QStringLiteral("missedPolls"), r.missedPolls}};
    });
    server.addCommand(QStringLiteral("inventory.list"), [this](const QJsonObject &) {
        QJsonArray devices;
        for (const DeviceRecord &d : m_inventory.list()) {
            devices.append(deviceJson(d));
        }
        return QJsonObject{{QStringLiteral("devices"), devices}};
    });
}

} // namespace netgateway::core::discovery
