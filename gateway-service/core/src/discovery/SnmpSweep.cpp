#include <netgateway/core/discovery/SnmpSweep.h>

#include <netgateway/snmp/Oid.h>
#include <netgateway/snmp/SnmpEngine.h>

#include <QJsonArray>

#include <array>
#include <utility>

namespace netgateway::core::discovery {

namespace {

constexpr int kMaxText = 256; // device strings are untrusted; longer ones are cut
constexpr int kProgressIntervalMs = 250;

// GETNEXT starting points of the identification request.
enum Column { SysDescr, SysObjectId, HrDeviceType, HrDeviceDescr, PrtSerial, IfPhysAddress, PrinterMib, ColumnCount };

const std::array<const char *, ColumnCount> kColumnOids = {
    "1.3.6.1.2.1.1.1",         // sysDescr
    "1.3.6.1.2.1.1.2",         // sysObjectID
    "1.3.6.1.2.1.25.3.2.1.2",  // hrDeviceType
    "1.3.6.1.2.1.25.3.2.1.3",  // hrDeviceDescr
    "1.3.6.1.2.1.43.5.1.1.17", // prtGeneralSerialNumber
    "1.3.6.1.2.1.2.2.1.6",     // ifPhysAddress
    "1.3.6.1.2.1.43",          // Printer-MIB
};

snmp::Oid oid(const char *text)
{
    return *snmp::Oid::parse(QString::fromLatin1(text));
}

// IANA enterprise numbers of printer makers whose sysObjectID marks a
// printer. HP (11) also makes other devices: only its printer branch counts.
struct Maker {
    const char *prefix;
    const char *name;
};
const std::array<Maker, 14> kPrinterMakers = {{
    {"1.3.6.1.4.1.11.2.3.9", "HP"},
    {"1.3.6.1.4.1.1347", "Kyocera"},
    {"1.3.6.1.4.1.367", "Ricoh"},
    {"1.3.6.1.4.1.1602", "Canon"},
    {"1.3.6.1.4.1.18334", "Konica Minolta"},
    {"1.3.6.1.4.1.2385", "Sharp"},
    {"1.3.6.1.4.1.253", "Xerox"},
    {"1.3.6.1.4.1.2435", "Brother"},
    {"1.3.6.1.4.1.641", "Lexmark"},
    {"1.3.6.1.4.1.1248", "Epson"},
    {"1.3.6.1.4.1.2001", "OKI"},
    {"1.3.6.1.4.1.1129", "Toshiba"},
    {"1.3.6.1.4.1.236", "Samsung"},
    {"1.3.6.1.4.1.10642", "Develop"},
}};

const Maker *printerMaker(const snmp::Oid &sysObjectId)
{
    for (const Maker &maker : kPrinterMakers) {
        if (sysObjectId.startsWith(oid(maker.prefix))) {
            return &maker;
        }
    }
    return nullptr;
}

QString cleanText(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes.left(kMaxText));
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        out.append(c.isPrint() ? c : QChar(u' '));
    }
    return out.simplified();
}

QString macText(const QByteArray &bytes)
{
    if (bytes.size() != 6) {
        return {};
    }
    return InventoryRepository::normalizeMac(QString::fromLatin1(bytes.toHex(':')));
}

bool isCommunity(const snmp::Credentials &c)
{
    return c.version != snmp::Version::V3;
}

} // namespace

snmp::Credentials toSnmpCredentials(const Credential &credential)
{
    snmp::Credentials out;
    switch (credential.version) {
    case Credential::Version::V1:
        out.version = snmp::Version::V1;
        break;
    case Credential::Version::V2c:
        out.version = snmp::Version::V2c;
        break;
    case Credential::Version::V3:
        out.version = snmp::Version::V3;
        break;
    }
    out.community = credential.community.toUtf8();
    out.user = credential.user.toUtf8();
    out.context = credential.context.toUtf8();
    out.authPassphrase = credential.authPassphrase.toUtf8();
    out.privPassphrase = credential.privPassphrase.toUtf8();
    out.authProtocol = snmp::parseAuthProtocol(authName(credential.auth)).value_or(snmp::AuthProtocol::None);
    out.privProtocol = snmp::parsePrivProtocol(privName(credential.priv)).value_or(snmp::PrivProtocol::None);
    if (credential.auth == Credential::AuthProtocol::None) {
        out.authProtocol = snmp::AuthProtocol::None;
    }
    if (credential.priv == Credential::PrivProtocol::None) {
        out.privProtocol = snmp::PrivProtocol::None;
    }
    return out;
}

int SweepSummary::totalAuthFailures() const
{
    int sum = 0;
    for (int n : authFailures) {
        sum += n;
    }
    return sum;
}

QJsonObject SweepSummary::toJson() const
{
    QJsonArray failures;
    for (int n : authFailures) {
        failures.append(n);
    }
    QJsonObject out{{QStringLiteral("scanned"), static_cast<qint64>(scanned)},
                    {QStringLiteral("found"), found},
                    {QStringLiteral("new"), newDevices},
                    {QStringLiteral("moved"), moved},
                    {QStringLiteral("unreachable"), unreachable},
                    {QStringLiteral("nonPrinters"), nonPrinters},
                    {QStringLiteral("authFailures"), failures},
                    {QStringLiteral("elapsedMs"), elapsedMs},
                    {QStringLiteral("cancelled"), cancelled}};
    if (wsd) {
        out.insert(QStringLiteral("wsd"),
                   QJsonObject{{QStringLiteral("found"), wsdFound}, {QStringLiteral("confirmedBySnmp"), wsdConfirmed}});
    }
    return out;
}

QJsonObject toJson(const SweepDevice &device)
{
    return QJsonObject{{QStringLiteral("address"), device.address},
                       {QStringLiteral("manufacturer"), device.manufacturer},
                       {QStringLiteral("model"), device.model},
                       {QStringLiteral("serialNumber"), device.serialNumber},
                       {QStringLiteral("macAddress"), device.macAddress},
                       {QStringLiteral("credentialPosition"), device.credentialPosition},
                       {QStringLiteral("via"), QJsonArray::fromStringList(device.via)}};
}

SnmpSweep::SnmpSweep(TargetIterator targets, QList<snmp::Credentials> credentials, SweepOptions options,
                     QObject *parent)
    : QObject(parent), m_targets(std::move(targets)), m_credentials(std::move(credentials)), m_options(options)
{
    m_options.maxInFlight = qBound(1, m_options.maxInFlight, 65536);
    m_options.timeoutMs = qBound(10, m_options.timeoutMs, 60000);
    m_options.retries = qBound(0, m_options.retries, 10);
    m_options.probesPerSecond = qBound(0, m_options.probesPerSecond, 1000000);
    m_summary.authFailures = QList<int>(m_credentials.size(), 0);
    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &SnmpSweep::emitProgress);
}

SnmpSweep::~SnmpSweep()
{
    m_engine.reset();
}

void SnmpSweep::setInventory(InventoryRepository *inventory, Registration registration, qint64 settingId)
{
    m_inventory = inventory;
    m_registration = registration;
    m_settingId = settingId;
}

bool SnmpSweep::start(QString *error)
{
    auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    if (m_running || m_engine) {
        return fail(QStringLiteral("this sweep has already been started"));
    }
    if (m_credentials.isEmpty()) {
        return fail(QStringLiteral("no SNMP credential: give at least one community or SNMPv3 user"));
    }
    if (m_credentials.size() > kMaxCredentials) {
        return fail(QStringLiteral("at most %1 credentials can be tried per address").arg(kMaxCredentials));
    }
    for (qsizetype i = 0; i < m_credentials.size(); ++i) {
        const QString problem = m_credentials[i].validate();
        if (!problem.isEmpty()) {
            return fail(QStringLiteral("credential %1: %2").arg(i + 1).arg(problem));
        }
    }
    snmp::EngineOptions engineOptions;
    engineOptions.packetsPerSecond = m_options.probesPerSecond;
    engineOptions.maxInFlight = qMax(m_options.maxInFlight * 2, 64);
    engineOptions.socketCount = 4;
    m_engine = std::make_unique<snmp::SnmpEngine>(engineOptions);
    QString engineError;
    if (!m_engine->start(&engineError)) {
        m_engine.reset();
        return fail(QStringLiteral("cannot open the SNMP sockets: %1").arg(engineError));
    }
    m_running = true;
    m_elapsed.start();
    m_progressTimer.start();
    QTimer::singleShot(0, this, [this] { fill(); });
    return true;
}

void SnmpSweep::cancel()
{
    if (!m_running || m_cancelled) {
        return;
    }
    m_cancelled = true;
    m_summary.cancelled = true;
    auto active = std::exchange(m_slots, {});
    for (const auto &[id, slot] : active) {
        if (slot.request != 0) {
            m_engine->cancel(slot.request);
        }
    }
    QTimer::singleShot(0, this, [this] { finishRun(); });
}

SweepProgress SnmpSweep::progressNow() const
{
    SweepProgress p;
    p.done = m_done;
    p.total = m_exhausted ? m_done + m_slots.size() : qMax<std::uint64_t>(m_targets.upperBound(), m_done);
    p.found = m_summary.found;
    return p;
}

void SnmpSweep::emitProgress()
{
    emit progress(progressNow());
}

void SnmpSweep::fill()
{
    while (!m_cancelled && !m_exhausted && m_slots.size() < static_cast<std::size_t>(m_options.maxInFlight)) {
        std::optional<TargetAddress> next = m_targets.next();
        if (!next) {
            m_exhausted = true;
            break;
        }
        const quint64 id = m_nextSlot++;
        Slot slot;
        slot.target = std::move(*next);
        m_slots.emplace(id, std::move(slot));
        tryCredential(id);
    }
    if (!m_cancelled && m_exhausted && m_slots.empty() && m_running) {
        finishRun();
    }
}

void SnmpSweep::tryCredential(quint64 slotId)
{
    auto it = m_slots.find(slotId);
    if (it == m_slots.end()) {
        return;
    }
    Slot &slot = it->second;
    if (slot.credential >= m_credentials.size()) {
        if (slot.alive) {
            // Answered only with security reports: counted there, not unreachable.
        } else {
            ++m_summary.unreachable;
        }
        finishAddress(slotId);
        return;
    }
    snmp::Target target;
    target.address = slot.target.address;
    target.port = m_options.port;
    target.credentials = m_credentials[slot.credential];
    target.timeoutMs = m_options.timeoutMs;
    target.retries = m_options.retries;
    slot.request = m_engine->get(target, {oid("1.3.6.1.2.1.1.2.0")},
                                 [this, slotId](const snmp::Response &response) { onProbe(slotId, response); });
}

void SnmpSweep::onProbe(quint64 slotId, const snmp::Response &response)
{
    auto it = m_slots.find(slotId);
    if (it == m_slots.end() || m_cancelled) {
        return;
    }
    Slot &slot = it->second;
    slot.request = 0;
    switch (response.outcome) {
    case snmp::Outcome::Ok:
    case snmp::Outcome::ErrorStatus:
        // A community that stayed silent where this one answers was refused.
        for (int position : std::as_const(slot.silentCommunities)) {
            ++m_summary.authFailures[position];
        }
        slot.silentCommunities.clear();
        slot.alive = true;
        identify(slotId, {SysDescr, SysObjectId, HrDeviceType, HrDeviceDescr, PrtSerial, IfPhysAddress, PrinterMib});
        return;
    case snmp::Outcome::AuthenticationFailure:
    case snmp::Outcome::PrivacyFailure:
    case snmp::Outcome::UnknownUser:
    case snmp::Outcome::UnsupportedSecurityLevel:
    case snmp::Outcome::NotInTimeWindow:
        ++m_summary.authFailures[slot.credential];
        slot.alive = true;
        break;
    case snmp::Outcome::Timeout:
        if (isCommunity(m_credentials[slot.credential])) {
            slot.silentCommunities.append(slot.credential);
        }
        break;
    default:
        break;
    }
    ++slot.credential;
    tryCredential(slotId);
}

void SnmpSweep::identify(quint64 slotId, QList<int> columns)
{
    auto it = m_slots.find(slotId);
    if (it == m_slots.end()) {
        return;
    }
    Slot &slot = it->second;
    snmp::Target target;
    target.address = slot.target.address;
    target.port = m_options.port;
    target.credentials = m_credentials[slot.credential];
    target.timeoutMs = m_options.timeoutMs;
    target.retries = m_options.retries;
    QList<snmp::Oid> oids;
    for (int column : std::as_const(columns)) {
        oids.append(oid(kColumnOids[static_cast<std::size_t>(column)]));
    }
    slot.request = m_engine->getNext(target, oids, [this, slotId, columns](const snmp::Response &response) {
        onIdentify(slotId, columns, response);
    });
}

void SnmpSweep::onIdentify(quint64 slotId, QList<int> columns, const snmp::Response &response)
{
    auto it = m_slots.find(slotId);
    if (it == m_slots.end() || m_cancelled) {
        return;
    }
    Slot &slot = it->second;
    slot.request = 0;
    if (response.outcome == snmp::Outcome::ErrorStatus && response.errorIndex >= 1 &&
        response.errorIndex <= columns.size() && columns.size() > 1) {
        // SNMPv1 fails the whole PDU for one column past the end of the MIB:
        // ask again without it.
        columns.removeAt(response.errorIndex - 1);
        identify(slotId, columns);
        return;
    }
    if (response.outcome != snmp::Outcome::Ok || response.varBinds.size() != columns.size()) {
        ++m_summary.nonPrinters; // answered, but could not be identified as a printer
        finishAddress(slotId);
        return;
    }
    std::array<const snmp::Value *, ColumnCount> values{};
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const auto column = static_cast<std::size_t>(columns[i]);
        const snmp::VarBind &vb = response.varBinds[i];
        if (!vb.value.isException() && vb.oid.startsWith(oid(kColumnOids[column]))) {
            values[column] = &vb.value;
        }
    }
    auto bytes = [&values](Column c) {
        const snmp::Value *v = values[c];
        return v && v->type == snmp::Value::Type::OctetString ? v->bytes : QByteArray();
    };
    const snmp::Oid sysObjectId = values[SysObjectId] && values[SysObjectId]->type == snmp::Value::Type::ObjectId
                                      ? values[SysObjectId]->oid
                                      : snmp::Oid();
    const bool hrPrinter = values[HrDeviceType] && values[HrDeviceType]->type == snmp::Value::Type::ObjectId &&
                           values[HrDeviceType]->oid == oid("1.3.6.1.2.1.25.3.1.5");
    const Maker *maker = printerMaker(sysObjectId);
    const bool isPrinter = values[PrinterMib] != nullptr || hrPrinter || maker != nullptr;
    if (!isPrinter) {
        ++m_summary.nonPrinters;
        finishAddress(slotId);
        return;
    }
    SweepDevice device;
    device.address = slot.target.address.toString();
    device.sysObjectId = sysObjectId.toString();
    device.sysDescr = cleanText(bytes(SysDescr));
    device.serialNumber = cleanText(bytes(PrtSerial));
    device.macAddress = macText(bytes(IfPhysAddress));
    device.credentialPosition = slot.credential;
    device.via = QStringList{QStringLiteral("snmp")};
    const QString description = cleanText(bytes(HrDeviceDescr));
    if (maker) {
        device.manufacturer = QString::fromLatin1(maker->name);
    } else if (!description.isEmpty()) {
        device.manufacturer = description.section(u' ', 0, 0);
    }
    device.model = description;
    if (!device.manufacturer.isEmpty() && description.startsWith(device.manufacturer + u' ', Qt::CaseInsensitive)) {
        device.model = description.mid(device.manufacturer.size() + 1);
    } else if (!description.isEmpty()) {
        const QString firstWord = description.section(u' ', 0, 0);
        if (firstWord.compare(device.manufacturer, Qt::CaseInsensitive) == 0 ||
            device.manufacturer.startsWith(firstWord, Qt::CaseInsensitive)) {
            device.model = description.section(u' ', 1);
        }
    }
    finishAddress(slotId);
    record(std::move(device));
}

void SnmpSweep::record(SweepDevice device)
{
    ++m_summary.found;
    if (m_enrich) {
        m_enrich(device);
    }
    if (m_inventory) {
        DeviceObservation observation;
        observation.address = device.address;
        observation.serialNumber = device.serialNumber;
        observation.macAddress = device.macAddress;
        observation.manufacturer = device.manufacturer;
        observation.model = device.model;
        observation.via = device.via;
        observation.settingId = m_settingId;
        observation.credentialPosition = device.credentialPosition;
        try {
            const auto result = m_inventory->upsert(observation, m_registration);
            if (result.outcome == InventoryRepository::Outcome::New) {
                ++m_summary.newDevices;
            } else if (result.outcome == InventoryRepository::Outcome::Moved) {
                ++m_summary.moved;
            }
        } catch (const DiscoveryError &e) {
            m_summary.errors.append(QStringLiteral("%1: %2").arg(device.address, e.message()));
        } catch (const std::exception &e) {
            m_summary.errors.append(QStringLiteral("%1: %2").arg(device.address, QString::fromUtf8(e.what())));
        }
    }
    m_devices.append(device);
    emit deviceFound(device);
}

void SnmpSweep::finishAddress(quint64 slotId)
{
    if (m_slots.erase(slotId) == 0) {
        return;
    }
    ++m_done;
    // Refill from the event loop, never from inside an engine handler chain.
    if (!m_exhausted) {
        QTimer::singleShot(0, this, [this] { fill(); });
    } else if (m_slots.empty()) {
        QTimer::singleShot(0, this, [this] { fill(); });
    }
}

void SnmpSweep::finishRun()
{
    if (!m_running) {
        return;
    }
    m_running = false;
    m_progressTimer.stop();
    m_summary.scanned = m_done;
    m_summary.elapsedMs = m_elapsed.elapsed();
    m_summary.unresolved = m_targets.unresolved();
    emit progress(SweepProgress{m_done, m_done, m_summary.found});
    emit finished(m_summary);
}

} // namespace netgateway::core::discovery
