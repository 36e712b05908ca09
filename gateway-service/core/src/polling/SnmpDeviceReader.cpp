#include <netgateway/core/discovery/DiscoveryRepository.h>
#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/core/polling/SnmpDeviceReader.h>
#include <netgateway/snmp/PrinterModel.h>
#include <netgateway/snmp/PrinterReader.h>

#include <QHostAddress>
#include <QRegularExpression>

#include <iterator>
#include <limits>

namespace netgateway::core::polling {

namespace {

snmp::Oid oid(std::initializer_list<std::uint32_t> parts)
{
    return snmp::Oid(QList<std::uint32_t>(parts));
}

const snmp::Oid kSysUpTime = oid({1, 3, 6, 1, 2, 1, 1, 3, 0});
const snmp::Oid kHrDeviceStatus = oid({1, 3, 6, 1, 2, 1, 25, 3, 2, 1, 5, 1});
const snmp::Oid kHrPrinterStatus = oid({1, 3, 6, 1, 2, 1, 25, 3, 5, 1, 1, 1});
const snmp::Oid kHrPrinterErrorState = oid({1, 3, 6, 1, 2, 1, 25, 3, 5, 1, 2, 1});
const snmp::Oid kPrtAlertCriticalEvents = oid({1, 3, 6, 1, 2, 1, 43, 5, 1, 1, 18, 1});
const snmp::Oid kPrtAlertAllEvents = oid({1, 3, 6, 1, 2, 1, 43, 5, 1, 1, 19, 1});
const snmp::Oid kPrtAlertTable = oid({1, 3, 6, 1, 2, 1, 43, 18, 1});

constexpr int kHrRunning = 2;
constexpr int kHrPrinterOther = 1;

snmp::Credentials toSnmp(const discovery::Credential &c)
{
    snmp::Credentials out;
    switch (c.version) {
    case discovery::Credential::Version::V1:
        out.version = snmp::Version::V1;
        break;
    case discovery::Credential::Version::V2c:
        out.version = snmp::Version::V2c;
        break;
    case discovery::Credential::Version::V3:
        out.version = snmp::Version::V3;
        break;
    }
    out.community = c.community.toUtf8();
    out.user = c.user.toUtf8();
    out.context = c.context.toUtf8();
    out.authPassphrase = c.authPassphrase.toUtf8();
    out.privPassphrase = c.privPassphrase.toUtf8();
    switch (c.auth) {
    case discovery::Credential::AuthProtocol::None:
        out.authProtocol = snmp::AuthProtocol::None;
        break;
    case discovery::Credential::AuthProtocol::MD5:
        out.authProtocol = snmp::AuthProtocol::MD5;
        break;
    case discovery::Credential::AuthProtocol::SHA1:
        out.authProtocol = snmp::AuthProtocol::SHA1;
        break;
    case discovery::Credential::AuthProtocol::SHA224:
        out.authProtocol = snmp::AuthProtocol::SHA224;
        break;
    case discovery::Credential::AuthProtocol::SHA256:
        out.authProtocol = snmp::AuthProtocol::SHA256;
        break;
    case discovery::Credential::AuthProtocol::SHA384:
        out.authProtocol = snmp::AuthProtocol::SHA384;
        break;
    case discovery::Credential::AuthProtocol::SHA512:
        out.authProtocol = snmp::AuthProtocol::SHA512;
        break;
    }
    switch (c.priv) {
    case discovery::Credential::PrivProtocol::None:
        out.privProtocol = snmp::PrivProtocol::None;
        break;
    case discovery::Credential::PrivProtocol::DES:
        out.privProtocol = snmp::PrivProtocol::DES;
        break;
    case discovery::Credential::PrivProtocol::AES128:
        out.privProtocol = snmp::PrivProtocol::AES128;
        break;
    case discovery::Credential::PrivProtocol::AES192:
        out.privProtocol = snmp::PrivProtocol::AES192;
        break;
    case discovery::Credential::PrivProtocol::AES256:
        out.privProtocol = snmp::PrivProtocol::AES256;
        break;
    }
    return out;
}

std::optional<std::int64_t> intValue(const snmp::ValueMap &values, const snmp::Oid &key)
{
    const auto it = values.constFind(key);
    if (it == values.constEnd()) {
        return std::nullopt;
    }
    if (it->type == snmp::Value::Type::Integer) {
        return it->integer;
    }
    if (it->isUnsignedType() &&
        it->unsigned64 <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return static_cast<std::int64_t>(it->unsigned64);
    }
    return std::nullopt;
}

// "toner.black", "wasteToner.5": [A-Za-z0-9._-], at most 64 characters.
QString supplyName(const snmp::Supply &s)
{
    static const QRegularExpression bad(QStringLiteral("[^A-Za-z0-9._-]"));
    QString type = s.typeName.isEmpty() ? QStringLiteral("supply") : s.typeName;
    QString which = s.colorant.isEmpty() ? s.index : s.colorant;
    QString name = type + QLatin1Char('.') + which;
    name.replace(bad, QStringLiteral("_"));
    return name.left(64);
}

AlertSeverity severityOf(const QString &s)
{
    if (s == QLatin1String("critical")) {
        return AlertSeverity::Critical;
    }
    if (s.startsWith(QLatin1String("warning"))) {
        return AlertSeverity::Warning;
    }
    return AlertSeverity::Other;
}

// A device that cannot be asked (no credentials, bad address) gets its answer at
// once, in the result type of the read that was requested.
template<typename Result, typename Unprepared, typename Done>
bool answeredUnprepared(const Unprepared &p, Done &done)
{
    if (p.target) {
        return false;
    }
    Result r;
    r.outcome = p.failure;
    r.detail = p.why;
    done(std::move(r));
    return true;
}

} // namespace

// ---------------------------------------------------------------- credentials

InventoryCredentialSource::InventoryCredentialSource(storage::Database &db, storage::SecretVault &vault, Clock &clock,
                                                     AuditSink &audit)
    : m_db(db), m_vault(vault), m_clock(clock), m_audit(audit)
{
}

InventoryCredentialSource::~InventoryCredentialSource() = default;

std::optional<snmp::Credentials> InventoryCredentialSource::credentials(std::int64_t deviceId, QString &why)
{
    if (const auto it = m_cache.find(deviceId); it != m_cache.end()) {
        return it->second;
    }
    discovery::InventoryRepository inventory(m_db, m_clock);
    const auto device = inventory.find(deviceId);
    if (!device) {
        why = QStringLiteral("device %1 is not in the inventory").arg(deviceId);
        return std::nullopt;
    }
    if (device->credentialSetting <= 0 || device->credentialPosition < 0) {
        why = QStringLiteral("no SNMP credential is known for device %1: run a discovery that finds it").arg(deviceId);
        return std::nullopt;
    }
    discovery::DiscoveryRepository settings(m_db, m_vault, m_clock, m_audit);
    const auto setting = settings.find(device->credentialSetting, discovery::DiscoveryRepository::Secrets::Include);
    if (!setting || device->credentialPosition >= setting->credentials.size()) {
        why = QStringLiteral("the discovery setting %1 that found device %2 no longer has credential %3: run a "
                             "discovery that finds it")
                  .arg(device->credentialSetting)
                  .arg(deviceId)
                  .arg(device->credentialPosition + 1);
        return std::nullopt;
    }
    snmp::Credentials c = toSnmp(setting->credentials.at(device->credentialPosition));
    if (const QString problem = c.validate(); !problem.isEmpty()) {
        why = QStringLiteral("the stored credential of device %1 is unusable: %2").arg(deviceId).arg(problem);
        return std::nullopt;
    }
    m_cache.emplace(deviceId, c);
    return c;
}

void InventoryCredentialSource::invalidate(std::int64_t deviceId)
{
    m_cache.erase(deviceId);
}

// ---------------------------------------------------------------- reader

SnmpDeviceReader::SnmpDeviceReader(snmp::SnmpEngine &engine, CredentialSource &credentials, SnmpReaderOptions options,
                                   const snmp::ProfileRegistry &profiles)
    : m_engine(engine), m_credentials(credentials), m_options(options), m_profiles(profiles),
      m_alive(std::make_shared<int>(0))
{
}

SnmpDeviceReader::~SnmpDeviceReader()
{
    cancelAll();
}

ReadOutcome SnmpDeviceReader::mapOutcome(snmp::Outcome outcome)
{
    switch (outcome) {
    case snmp::Outcome::Ok:
        return ReadOutcome::Ok;
    case snmp::Outcome::Timeout:
    case snmp::Outcome::Cancelled:
        return ReadOutcome::Timeout;
    case snmp::Outcome::AuthenticationFailure:
    case snmp::Outcome::PrivacyFailure:
    case snmp::Outcome::UnknownUser:
    case snmp::Outcome::UnsupportedSecurityLevel:
    case snmp::Outcome::NotInTimeWindow:
    case snmp::Outcome::InvalidRequest:
        return ReadOutcome::AuthFailure;
    case snmp::Outcome::SendFailed:
        return ReadOutcome::Unreachable;
    case snmp::Outcome::ErrorStatus:
    case snmp::Outcome::ProtocolError:
        return ReadOutcome::Malformed;
    }
    return ReadOutcome::Malformed;
}

SnmpDeviceReader::Prepared SnmpDeviceReader::prepare(const DeviceTarget &target)
{
    Prepared p;
    QHostAddress address;
    if (!address.setAddress(target.address)) {
        p.failure = ReadOutcome::Unreachable;
        p.why = QStringLiteral("the device address is not an IP address; run a discovery to refresh it");
        return p;
    }
    QString why;
    auto credentials = m_credentials.credentials(target.deviceId, why);
    if (!credentials) {
        p.failure = ReadOutcome::AuthFailure;
        p.why = why;
        return p;
    }
    snmp::Target t;
    t.address = address;
    t.port = m_options.port;
    t.credentials = std::move(*credentials);
    t.timeoutMs = m_options.timeoutMs;
    t.retries = m_options.retries;
    p.target = std::move(t);
    return p;
}

std::uint64_t SnmpDeviceReader::begin()
{
    const std::uint64_t token = ++m_nextToken;
    m_live.insert(token);
    return token;
}

bool SnmpDeviceReader::finish(std::uint64_t token)
{
    m_engineRequests.erase(token);
    return m_live.erase(token) > 0;
}

void SnmpDeviceReader::noteOutcome(std::int64_t deviceId, ReadOutcome outcome)
{
    if (outcome == ReadOutcome::AuthFailure) {
        m_credentials.invalidate(deviceId); // re-read: an administrator may have fixed them
    }
}

void SnmpDeviceReader::cancelAll()
{
    const auto requests = std::move(m_engineRequests);
    m_engineRequests.clear();
    m_live.clear();
    for (const auto &[token, id] : requests) {
        m_engine.cancel(id);
    }
}

void SnmpDeviceReader::readStatus(const DeviceTarget &target, StatusDone done)
{
    Prepared p = prepare(target);
    if (answeredUnprepared<StatusResult>(p, done)) {
        return;
    }
    statusGet(begin(), target.deviceId, *p.target, std::move(done));
}

void SnmpDeviceReader::statusGet(std::uint64_t token, std::int64_t deviceId, const snmp::Target &target,
                                 StatusDone done)
{
    static const snmp::Oid kStatusObjects[] = {kSysUpTime,           kHrDeviceStatus,         kHrPrinterStatus,
                                               kHrPrinterErrorState, kPrtAlertCriticalEvents, kPrtAlertAllEvents};
    const quint8 missing = m_devices[deviceId].missingStatusObjects;
    QList<snmp::Oid> oids;
    QList<int> which; // position in kStatusObjects of each requested OID
    for (int i = 0; i < static_cast<int>(std::size(kStatusObjects)); ++i) {
        if (!(missing & (1u << i))) {
            oids.append(kStatusObjects[i]);
            which.append(i);
        }
    }
    std::weak_ptr<int> alive = m_alive;
    const quint64 id =
        m_engine.get(target, oids, [this, alive, token, deviceId, done, target, which](const snmp::Response &resp) {
            if (alive.expired() || !finish(token)) {
                return;
            }
            // noSuchName (2) names the one object the agent lacks (SNMPv1 refuses
            // the whole GET for it; some v2c agents do the same).
            if (resp.outcome == snmp::Outcome::ErrorStatus && resp.errorStatus == 2 && resp.errorIndex >= 1 &&
                resp.errorIndex <= which.size() && which.size() > 1) {
                m_devices[deviceId].missingStatusObjects |= static_cast<quint8>(1u << which[resp.errorIndex - 1]);
                m_live.insert(token);
                statusGet(token, deviceId, target, done);
                return;
            }
            StatusResult r;
            r.outcome = mapOutcome(resp.outcome);
            if (r.outcome != ReadOutcome::Ok) {
                r.detail = resp.message;
                noteOutcome(deviceId, r.outcome);
                done(std::move(r));
                return;
            }
            snmp::ValueMap values;
            for (const auto &vb : resp.varBinds) {
                values.insert(vb.oid, vb.value);
            }
            const auto devStatus = intValue(values, kHrDeviceStatus);
            const auto prtStatus = intValue(values, kHrPrinterStatus);
            const auto upTime = intValue(values, kSysUpTime);
            const auto critical = intValue(values, kPrtAlertCriticalEvents);
            const auto all = intValue(values, kPrtAlertAllEvents);
            QByteArray errorBits;
            if (const auto it = values.constFind(kHrPrinterErrorState);
                it != values.constEnd() && it->type == snmp::Value::Type::OctetString) {
                errorBits = it->bytes.left(8);
            }
            if (!devStatus && !prtStatus && !upTime) {
                r.outcome = ReadOutcome::Malformed;
                r.detail = QStringLiteral("the device answered without sysUpTime, hrDeviceStatus or hrPrinterStatus");
                done(std::move(r));
                return;
            }
            DeviceState &state = m_devices[deviceId];
            if (upTime) {
                const auto ticks = static_cast<quint64>(*upTime);
                if (state.upTimeKnown && ticks < state.lastUpTime) {
                    ++state.bootGeneration;         // restarted (or replaced): its event counters restarted too
                    state.missingStatusObjects = 0; // new firmware may have them: ask again
                }
                state.lastUpTime = ticks;
                state.upTimeKnown = true;
            }
            const bool noErrors = errorBits.count('\0') == errorBits.size();
            r.power = (devStatus == kHrRunning && prtStatus == kHrPrinterOther && noErrors) ? DevicePowerState::Sleeping
                                                                                            : DevicePowerState::Online;
            r.alertMarker = QByteArray::number(state.bootGeneration) + '/' + QByteArray::number(critical.value_or(-1)) +
                            '/' + QByteArray::number(all.value_or(-1)) + '/' +
                            QByteArray::number(devStatus.value_or(-1)) + '/' + errorBits.toHex();
            r.detail = QStringLiteral("hrDeviceStatus %1, hrPrinterStatus %2")
                           .arg(devStatus.value_or(-1))
                           .arg(prtStatus.value_or(-1));
            done(std::move(r));
        });
    if (m_live.count(token) > 0) {
        m_engineRequests.insert_or_assign(token, id);
    }
}

void SnmpDeviceReader::walkAlertTable(const DeviceTarget &target, AlertTableDone done)
{
    Prepared p = prepare(target);
    if (answeredUnprepared<AlertTableResult>(p, done)) {
        return;
    }
    const std::uint64_t token = begin();
    const std::int64_t deviceId = target.deviceId;
    std::weak_ptr<int> alive = m_alive;
    const quint64 id =
        m_engine.walk(*p.target, kPrtAlertTable, [this, alive, token, deviceId, done](const snmp::WalkResult &walk) {
            if (alive.expired() || !finish(token)) {
                return;
            }
            AlertTableResult r;
            r.outcome = mapOutcome(walk.outcome);
            if (r.outcome != ReadOutcome::Ok) {
                r.detail = walk.message;
                noteOutcome(deviceId, r.outcome);
                done(std::move(r));
                return;
            }
            snmp::ValueMap values;
            for (const auto &vb : walk.varBinds) {
                values.insert(vb.oid, vb.value);
            }
            const snmp::PrinterModel model = snmp::mapPrinter(values, nullptr);
            for (const snmp::Alert &a : model.alerts) {
                if (r.alerts.size() >= AlertTableResult::kMaxAlerts) {
                    r.outcome = ReadOutcome::Malformed;
                    r.detail =
                        QStringLiteral("the alert table has more than %1 rows").arg(AlertTableResult::kMaxAlerts);
                    r.alerts.clear();
                    break;
                }
                AlertEntry e;
                e.key = (a.index + QLatin1Char(':') + QString::number(a.code)).left(AlertEntry::kMaxKeyBytes);
                e.severity = severityOf(a.severity);
                e.code = a.code;
                QString text = a.description.isEmpty() ? a.codeName : a.description;
                e.description = text.left(AlertEntry::kMaxDescriptionChars);
                r.alerts.push_back(std::move(e));
            }
            done(std::move(r));
        });
    if (m_live.count(token) > 0) {
        m_engineRequests.emplace(token, id);
    }
}

void SnmpDeviceReader::readCounters(const DeviceTarget &target, CountersDone done)
{
    Prepared p = prepare(target);
    if (answeredUnprepared<CountersResult>(p, done)) {
        return;
    }
    const std::uint64_t token = begin();
    const std::int64_t deviceId = target.deviceId;
    std::weak_ptr<int> alive = m_alive;
    // The PrinterReader's own callbacks refer to it: the request keeps it alive.
    auto reader = std::make_shared<snmp::PrinterReader>(m_engine, m_profiles);
    reader->read(*p.target, [this, alive, token, deviceId, done, reader](snmp::PrinterReadResult read) {
        if (alive.expired() || !finish(token)) {
            return;
        }
        CountersResult r;
        r.outcome = mapOutcome(read.outcome);
        if (r.outcome != ReadOutcome::Ok) {
            r.detail = read.message;
            noteOutcome(deviceId, r.outcome);
            done(std::move(r));
            return;
        }
        const auto addCounter = [&r](const QString &name, quint64 value) {
            if (r.counters.size() < CountersResult::kMaxCounters &&
                value <= static_cast<quint64>(std::numeric_limits<std::int64_t>::max())) {
                r.counters.push_back(CounterValue{name.left(64), static_cast<std::int64_t>(value)});
            }
        };
        if (read.model.totalCount) {
            addCounter(QStringLiteral("total"), *read.model.totalCount);
        }
        for (auto it = read.model.counters.constBegin(); it != read.model.counters.constEnd(); ++it) {
            if (it.key() != QLatin1String("total")) {
                addCounter(it.key(), it.value());
            }
        }
        for (const snmp::Supply &s : read.model.supplies) {
            if (r.supplies.size() >= CountersResult::kMaxSupplies) {
                break;
            }
            const auto clampLevel = [](qint64 v) {
                return static_cast<int>(std::clamp<qint64>(v, -3, std::numeric_limits<int>::max()));
            };
            SupplyLevel level;
            level.name = supplyName(s);
            level.description = s.description.left(128);
            level.level = clampLevel(s.level);
            level.maxCapacity = clampLevel(s.maxCapacity);
            r.supplies.push_back(std::move(level));
        }
        r.name = read.model.sysName.left(255);
        r.location = read.model.location.left(255);
        r.firmware = read.model.firmware.left(255);
        r.detail = QStringLiteral("%1 counters, %2 supplies").arg(r.counters.size()).arg(r.supplies.size());
        done(std::move(r));
    });
}

// ---------------------------------------------------------------- service parts

SnmpPolling::SnmpPolling(storage::Database &db, storage::SecretVault &vault, Clock &clock, AuditSink &audit,
                         SnmpReaderOptions options)
    : m_time(clock), m_credentials(db, vault, clock, audit)
{
    snmp::EngineOptions engineOptions;
    engineOptions.timeSource = &m_time;
    m_engine = std::make_unique<snmp::SnmpEngine>(engineOptions);
    m_reader = std::make_unique<SnmpDeviceReader>(*m_engine, m_credentials, options);
}

SnmpPolling::~SnmpPolling()
{
    m_reader.reset(); // before the engine it cancels requests on
    m_engine.reset();
}

bool SnmpPolling::start(QString &error)
{
    return m_engine->start(&error);
}

quint16 SnmpPolling::portFromEnvironment()
{
    bool ok = false;
    const int port = qEnvironmentVariableIntValue("NETGATEWAY_SNMP_PORT", &ok);
    return ok && port > 0 && port <= 65535 ? static_cast<quint16>(port) : quint16(161);
}

} // namespace netgateway::core::polling
