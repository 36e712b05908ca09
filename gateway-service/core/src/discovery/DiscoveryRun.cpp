#include <netgateway/core/discovery/DiscoveryRun.h>

#include <QElapsedTimer>
#include <QTimer>

namespace netgateway::core::discovery {

namespace {

QString addressKey(const QHostAddress &address)
{
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped) {
        return QHostAddress(v4).toString();
    }
    return IpAddress::fromHostAddress(address).toString();
}

QString modelOf(const wsd::DeviceMetadata &m)
{
    if (m.modelNumber.isEmpty() || m.modelName.contains(m.modelNumber)) {
        return m.modelName;
    }
    return m.modelName.isEmpty() ? m.modelNumber : m.modelName + u' ' + m.modelNumber;
}

} // namespace

DiscoveryRun::DiscoveryRun(ValidatedTargets targets, QList<snmp::Credentials> credentials, SweepOptions options,
                           std::optional<WsdOptions> wsd, QObject *parent)
    : QObject(parent), m_targets(std::move(targets)), m_credentials(std::move(credentials)), m_options(options),
      m_wsdOptions(std::move(wsd))
{
}

DiscoveryRun::~DiscoveryRun() = default;

void DiscoveryRun::setInventory(InventoryRepository *inventory, Registration registration, qint64 settingId)
{
    m_inventory = inventory;
    m_registration = registration;
    m_settingId = settingId;
}

bool DiscoveryRun::start(QString *error)
{
    if (m_running) {
        return false;
    }
    if (m_credentials.isEmpty()) {
        // Checked before any packet leaves, also for the WS-Discovery half.
        if (error) {
            *error = QStringLiteral("the credential list is empty: add at least one community or SNMPv3 user");
        }
        return false;
    }
    m_summary = SweepSummary{};
    m_devices.clear();
    m_running = true;
    m_cancelled = false;
    m_elapsed.start();
    if (!m_wsdOptions) {
        if (!startSnmp(error)) {
            m_running = false;
            return false;
        }
        return true;
    }
    m_summary.wsd = true;
    m_wsd = std::make_unique<WsdDiscovery>(TargetIterator(m_targets.targets, m_targets.exclusions), *m_wsdOptions);
    connect(m_wsd.get(), &WsdDiscovery::finished, this, [this] {
        for (const WsdFind &find : m_wsd->finds()) {
            if (inScope(find.address)) {
                m_wsdByAddress.insert(addressKey(find.address), find);
            }
        }
        m_summary.wsdFound = static_cast<int>(m_wsdByAddress.size());
        m_summary.errors.append(m_wsd->errors());
        if (m_cancelled) {
            finishRun();
            return;
        }
        QString problem;
        if (!startSnmp(&problem)) {
            m_summary.errors.append(problem);
            finishRun();
        }
    });
    if (!m_wsd->start(error)) {
        m_wsd.reset();
        m_running = false;
        return false;
    }
    return true;
}

bool DiscoveryRun::inScope(const QHostAddress &address) const
{
    const IpAddress ip = IpAddress::fromHostAddress(address);
    bool covered = false;
    for (const TargetSpec &t : m_targets.targets) {
        if (t.isAddressBlock() && t.probes(ip)) {
            covered = true;
            break;
        }
    }
    if (!covered) {
        return false;
    }
    for (const TargetSpec &e : m_targets.exclusions) {
        if (e.isAddressBlock() && e.covers(ip)) {
            return false;
        }
    }
    return true;
}

bool DiscoveryRun::startSnmp(QString *error)
{
    m_sweep =
        std::make_unique<SnmpSweep>(TargetIterator(m_targets.targets, m_targets.exclusions), m_credentials, m_options);
    if (m_inventory) {
        m_sweep->setInventory(m_inventory, m_registration, m_settingId);
    }
    if (!m_wsdByAddress.isEmpty()) {
        m_sweep->setEnricher([this](SweepDevice &device) {
            const auto it = m_wsdByAddress.constFind(device.address);
            if (it == m_wsdByAddress.constEnd()) {
                return;
            }
            m_confirmed.insert(device.address);
            if (!device.via.contains(QLatin1String("wsd"))) {
                device.via.append(QStringLiteral("wsd"));
            }
            if (it->metadata) {
                // SNMP's identity stands; WSD fills what SNMP left blank.
                if (device.manufacturer.isEmpty()) {
                    device.manufacturer = it->metadata->manufacturer.left(256);
                }
                if (device.model.isEmpty()) {
                    device.model = modelOf(*it->metadata).left(256);
                }
                if (device.serialNumber.isEmpty()) {
                    device.serialNumber = it->metadata->serialNumber.left(256);
                }
            }
        });
    }
    connect(m_sweep.get(), &SnmpSweep::progress, this, &DiscoveryRun::progress);
    connect(m_sweep.get(), &SnmpSweep::deviceFound, this, &DiscoveryRun::deviceFound);
    connect(m_sweep.get(), &SnmpSweep::finished, this, &DiscoveryRun::onSnmpFinished);
    if (!m_sweep->start(error)) {
        m_sweep.reset();
        return false;
    }
    return true;
}

void DiscoveryRun::onSnmpFinished()
{
    const SweepSummary snmp = m_sweep->summary();
    const QStringList wsdErrors = m_summary.errors;
    const bool wsd = m_summary.wsd;
    const int wsdFound = m_summary.wsdFound;
    m_summary = snmp;
    m_summary.errors = wsdErrors + snmp.errors;
    m_summary.wsd = wsd;
    m_summary.wsdFound = wsdFound;
    m_summary.wsdConfirmed = static_cast<int>(m_confirmed.size());
    m_devices = m_sweep->devices();
    if (!m_summary.cancelled) {
        for (auto it = m_wsdByAddress.cbegin(); it != m_wsdByAddress.cend(); ++it) {
            if (m_confirmed.contains(it.key())) {
                continue;
            }
            if (it->announcesPrinter()) {
                recordWsdOnly(*it);
            } else {
                ++m_summary.nonPrinters;
            }
        }
    }
    finishRun();
}

void DiscoveryRun::recordWsdOnly(const WsdFind &find)
{
    SweepDevice device;
    device.address = addressKey(find.address);
    if (find.metadata) {
        device.manufacturer = find.metadata->manufacturer.left(256);
        device.model = modelOf(*find.metadata).left(256);
        device.serialNumber = find.metadata->serialNumber.left(256);
    }
    device.credentialPosition = -1;
    device.via = QStringList{QStringLiteral("wsd")};
    ++m_summary.found;
    if (m_inventory) {
        DeviceObservation o;
        o.address = device.address;
        o.serialNumber = device.serialNumber;
        o.manufacturer = device.manufacturer;
        o.model = device.model;
        o.via = device.via;
        o.settingId = m_settingId;
        try {
            const auto result = m_inventory->upsert(o, m_registration);
            if (result.outcome == InventoryRepository::Outcome::New) {
                ++m_summary.newDevices;
            } else if (result.outcome == InventoryRepository::Outcome::Moved) {
                ++m_summary.moved;
            }
        } catch (const std::exception &e) {
            m_summary.errors.append(QStringLiteral("%1: %2").arg(device.address, QString::fromUtf8(e.what())));
        }
    }
    m_devices.append(device);
    emit deviceFound(device);
}

void DiscoveryRun::cancel()
{
    if (!m_running) {
        return;
    }
    m_cancelled = true;
    if (m_sweep && m_sweep->isRunning()) {
        m_sweep->cancel();
    } else if (m_wsd && m_wsd->isRunning()) {
        m_wsd->cancel();
    }
}

SweepProgress DiscoveryRun::progressNow() const
{
    if (m_sweep) {
        return m_sweep->progressNow();
    }
    return SweepProgress{0, m_targets.totalAddresses, 0};
}

void DiscoveryRun::finishRun()
{
    if (!m_running) {
        return;
    }
    m_running = false;
    if (m_cancelled) {
        m_summary.cancelled = true;
    }
    // The WS-Discovery half counts in the run's time as well.
    m_summary.elapsedMs = m_elapsed.elapsed();
    emit finished(m_summary);
}

} // namespace netgateway::core::discovery
