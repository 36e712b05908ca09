#include <netgateway/core/discovery/DeviceRecovery.h>

#include <netgateway/core/polling/PollScheduler.h>
#include <netgateway/storage/Database.h>

#include <QJsonObject>
#include <QTimer>

namespace netgateway::core::discovery {

DeviceRecovery::DeviceRecovery(DiscoveryRepository &settings, InventoryRepository &inventory,
                               DeviceRecoveryStore &store, AuditSink &audit, SweepOptions options, QObject *parent)
    : QObject(parent), m_settings(settings), m_inventory(inventory), m_store(store), m_audit(audit), m_options(options)
{
}

DeviceRecovery::~DeviceRecovery() = default;

void DeviceRecovery::watch(polling::PollScheduler &scheduler)
{
    connect(&scheduler, &polling::PollScheduler::deviceMissedPoll, this, &DeviceRecovery::missedPoll,
            Qt::QueuedConnection);
    connect(&scheduler, &polling::PollScheduler::deviceAnswered, this, &DeviceRecovery::answered, Qt::QueuedConnection);
    connect(this, &DeviceRecovery::deviceRecovered, &scheduler, [&scheduler](qint64 id) {
        try {
            scheduler.addDevice(id); // takes the new address; polls go there from now on
            scheduler.pollNow(id);
        } catch (const storage::StorageError &e) {
            qWarning("device recovery: %s", qPrintable(e.message()));
        }
    });
}

void DeviceRecovery::answered(qint64 deviceId)
{
    if (!m_missing.remove(deviceId)) {
        return;
    }
    try {
        m_inventory.clearMissedPolls(deviceId);
    } catch (const storage::StorageError &e) {
        qWarning("device recovery: %s", qPrintable(e.message()));
    }
}

void DeviceRecovery::missedPoll(qint64 deviceId)
{
    if (m_queue.contains(deviceId) || (m_device && m_device->id == deviceId)) {
        return; // already being looked for
    }
    try {
        const DeviceRecoverySettings settings = m_store.load();
        m_missing.insert(deviceId);
        const int missed = m_inventory.recordMissedPoll(deviceId);
        if (!settings.enabled || missed < settings.missedPolls) {
            return;
        }
    } catch (const storage::StorageError &e) {
        qWarning("device recovery: %s", qPrintable(e.message()));
        return;
    }
    m_queue.append(deviceId);
    if (!m_sweep) {
        QTimer::singleShot(0, this, &DeviceRecovery::startNext);
    }
}

void DeviceRecovery::startNext()
{
    while (!m_sweep && !m_queue.isEmpty()) {
        const qint64 id = m_queue.takeFirst();
        try {
            m_device = m_inventory.find(id);
            if (!m_device) {
                continue; // deleted meanwhile
            }
            if (m_device->serialNumber.isEmpty() && m_device->macAddress.isEmpty()) {
                endSearch(false, QStringLiteral("the device has neither serial number nor MAC address to be "
                                                "recognised by"));
                continue;
            }
            // The setting whose credential answered the device first, then the one that found it, then the rest.
            m_settingsLeft.clear();
            for (qint64 first : {m_device->credentialSetting, m_device->foundBy}) {
                if (first > 0 && !m_settingsLeft.contains(first)) {
                    m_settingsLeft.append(first);
                }
            }
            for (const DiscoverySettings &s : m_settings.list()) {
                if (!m_settingsLeft.contains(s.id)) {
                    m_settingsLeft.append(s.id);
                }
            }
        } catch (const storage::StorageError &e) {
            qWarning("device recovery: %s", qPrintable(e.message()));
            m_device.reset();
            continue;
        }
        emit searchStarted(id);
        searchSetting();
    }
}

void DeviceRecovery::searchSetting()
{
    while (!m_settingsLeft.isEmpty()) {
        m_currentSetting = m_settingsLeft.takeFirst();
        std::optional<DiscoverySettings> settings;
        try {
            settings = m_settings.find(m_currentSetting, DiscoveryRepository::Secrets::Include);
        } catch (const std::exception &e) {
            qWarning("device recovery: %s", e.what());
            continue;
        }
        ValidatedTargets targets;
        if (!settings || settings->credentials.isEmpty() || !validateTargets(*settings, &targets).isEmpty()) {
            continue;
        }
        QList<snmp::Credentials> credentials;
        for (const Credential &c : settings->credentials) {
            credentials.append(toSnmpCredentials(c));
        }
        m_sweep =
            std::make_unique<SnmpSweep>(TargetIterator(targets.targets, targets.exclusions), credentials, m_options);
        const QString serial = InventoryRepository::normalizeSerial(m_device->serialNumber);
        const QString mac = InventoryRepository::normalizeMac(m_device->macAddress);
        connect(m_sweep.get(), &SnmpSweep::deviceFound, this, [this, serial, mac](const SweepDevice &found) {
            const QString foundSerial = InventoryRepository::normalizeSerial(found.serialNumber);
            const QString foundMac = InventoryRepository::normalizeMac(found.macAddress);
            const bool same =
                (!serial.isEmpty() && foundSerial == serial) || (serial.isEmpty() && !mac.isEmpty() && foundMac == mac);
            if (!same || !m_device) {
                return;
            }
            DeviceObservation o;
            o.address = found.address;
            o.serialNumber = found.serialNumber;
            o.macAddress = found.macAddress;
            o.manufacturer = found.manufacturer;
            o.model = found.model;
            o.via = found.via;
            o.settingId = m_currentSetting;
            o.credentialPosition = found.credentialPosition;
            try {
                const auto result = m_inventory.upsert(o, Registration::Pending); // a known device keeps its state
                if (result.id == m_device->id) {
                    const QString previous = m_device->address;
                    m_audit.record(QStringLiteral("move recovered device"),
                                   QStringLiteral("device %1").arg(m_device->id),
                                   QJsonObject{{QStringLiteral("from"), previous},
                                               {QStringLiteral("to"), found.address},
                                               {QStringLiteral("setting"), m_currentSetting}});
                    const qint64 id = m_device->id;
                    m_sweep->cancel();
                    endSearch(true, {});
                    emit deviceRecovered(id, previous, found.address);
                }
            } catch (const std::exception &e) {
                qWarning("device recovery: %s", e.what());
            }
        });
        connect(m_sweep.get(), &SnmpSweep::finished, this, [this] {
            // Deleted from the event loop: this runs inside the sweep's own call chain.
            QTimer::singleShot(0, this, [this] {
                if (!m_sweep || m_sweep->isRunning()) {
                    return;
                }
                m_sweep.reset();
                if (!m_device) {
                    startNext();
                    return;
                }
                searchSetting();
            });
        });
        QString error;
        if (!m_sweep->start(&error)) {
            qWarning("device recovery: %s", qPrintable(error));
            m_sweep.reset();
            continue;
        }
        return;
    }
    endSearch(false, QStringLiteral("not found in the ranges of any discovery setting"));
    startNext();
}

void DeviceRecovery::endSearch(bool found, const QString &why)
{
    if (!m_device) {
        return;
    }
    const qint64 id = m_device->id;
    m_device.reset();
    m_settingsLeft.clear();
    m_missing.remove(id);
    try {
        m_inventory.clearMissedPolls(id); // found: it answers again; not found: wait for more misses
    } catch (const storage::StorageError &e) {
        qWarning("device recovery: %s", qPrintable(e.message()));
    }
    if (!found) {
        qInfo("device recovery: device %lld: %s", static_cast<long long>(id), qPrintable(why));
        emit searchFailed(id, why);
    }
}

} // namespace netgateway::core::discovery
