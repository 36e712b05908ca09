#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/discovery/DiscoveryControl.h>

#include <QJsonArray>

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
    : m_settings(db, vault, clock, audit), m_inventory(db, clock), m_recovery(db, clock, audit)
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

void DiscoveryControl::registerCommands(ControlServer &server)
{
    server.addCommand(QStringLiteral("discovery.add"), [this](const QJsonObject &request) {
        return QJsonObject{{QStringLiteral("id"), m_settings.add(settingsFrom(request))}};
    });
    server.addCommand(QStringLiteral("discovery.update"), [this](const QJsonObject &request) {
        const DiscoverySettings s = settingsFrom(request);
        m_settings.update(s);
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
