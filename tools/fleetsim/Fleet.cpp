#include "Fleet.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cmath>

namespace fleetsim {

namespace {

std::uint64_t splitmix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

struct AlertInfo {
    const char *name;
    int severity; // 3 critical, 4 warning
    int training;
    int group;
    int code;
    int errorBit; // -1: none
    const char *text;
};

// Indexed by AlertKind.
const AlertInfo kAlertInfo[] = {
    {"jam", 3, 3, 13, 8, 5, "Paper jam"},
    {"doorOpen", 3, 3, 6, 501, 4, "Front cover open"},
    {"tonerLow", 4, 3, 11, 1104, 2, "Toner low"},
    {"tonerEmpty", 3, 3, 11, 1101, 3, "Toner empty"},
    {"paperLow", 4, 3, 8, 807, 0, "Paper low"},
    {"paperEmpty", 4, 3, 8, 808, 1, "Paper empty"},
    {"offline", 3, 4, 5, 22, 6, "Offline"},
    {"serviceRequested", 3, 5, 5, 30, 7, "Call for service"},
    {"wasteNearFull", 4, 3, 11, 1111, 11, "Waste toner box nearly full"},
};

std::string supplyName(const Template &t, int subunit)
{
    for (const SupplyDef &s : t.supplies)
        if (s.index == subunit)
            return s.description;
    return "supply " + std::to_string(subunit);
}

std::string inputName(const Template &t, int subunit)
{
    for (const InputDef &s : t.inputs)
        if (s.index == subunit)
            return s.name;
    return "tray " + std::to_string(subunit);
}

} // namespace

bool parseAlertKind(const std::string &name, AlertKind &out)
{
    for (std::size_t i = 0; i < std::size(kAlertInfo); ++i) {
        if (name == kAlertInfo[i].name) {
            out = static_cast<AlertKind>(i);
            return true;
        }
    }
    return false;
}

const char *alertKindName(AlertKind k)
{
    return kAlertInfo[static_cast<int>(k)].name;
}

std::string addressToString(std::uint32_t a)
{
    return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xFF) + "." + std::to_string((a >> 8) & 0xFF) +
           "." + std::to_string(a & 0xFF);
}

bool parseAddress(const std::string &s, std::uint32_t &out)
{
    in_addr a{};
    if (inet_pton(AF_INET, s.c_str(), &a) != 1)
        return false;
    out = ntohl(a.s_addr);
    return true;
}

bool parseUser(const std::string &spec, User &u, std::string &error)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (parts.size() < 4) {
        std::size_t c = spec.find(':', start);
        if (c == std::string::npos)
            break;
        parts.push_back(spec.substr(start, c - start));
        start = c + 1;
    }
    parts.push_back(spec.substr(start));
    u = User{};
    u.name = parts[0];
    if (u.name.empty() || u.name.size() > 32) {
        error = "v3 user name must be 1..32 characters";
        return false;
    }
    if (parts.size() == 1)
        return true;
    if (parts.size() != 3 && parts.size() != 5) {
        error = "v3 user must be NAME, NAME:AUTH:AUTHPASS or NAME:AUTH:AUTHPASS:PRIV:PRIVPASS";
        return false;
    }
    if (!usm::parseAuth(parts[1], u.auth) || u.auth == usm::Auth::None) {
        error = "unknown auth protocol '" + parts[1] + "' (MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512)";
        return false;
    }
    if (parts[2].size() < 8) {
        error = "auth passphrase for user " + u.name + " must have at least 8 characters";
        return false;
    }
    u.authKu = usm::passwordToKey(u.auth, parts[2]);
    if (parts.size() == 5) {
        if (!usm::parsePriv(parts[3], u.priv) || u.priv == usm::Priv::None) {
            error = "unknown privacy protocol '" + parts[3] + "' (DES, AES, AES-192, AES-256, AES-192-C, AES-256-C)";
            return false;
        }
        if (parts[4].size() < 8) {
            error = "privacy passphrase for user " + u.name + " must have at least 8 characters";
            return false;
        }
        u.privKu = usm::passwordToKey(u.auth, parts[4]);
    }
    return true;
}

// ---------------------------------------------------------------- Device

Device::Device(Fleet &fleet, std::uint32_t idx, const Template &t, std::uint32_t addr)
    : index(idx), tmpl(&t), address(addr), m_fleet(fleet)
{
    static const char digits[] = "0123456789";
    std::uint64_t n = 1000000 + (static_cast<std::uint64_t>(idx) * 7919u) % 9000000u;
    std::string num(7, '0');
    for (int i = 6; i >= 0; --i, n /= 10)
        num[static_cast<std::size_t>(i)] = digits[n % 10];
    serial = t.serialPrefix + num;
    mac = t.macPrefix;
    const std::uint32_t m = idx + 1;
    mac.push_back(static_cast<char>((m >> 16) & 0xFF));
    mac.push_back(static_cast<char>((m >> 8) & 0xFF));
    mac.push_back(static_cast<char>(m & 0xFF));
    // RFC 3411 engine ID, format 3 (MAC address), enterprise of the vendor.
    const std::uint32_t ent = t.enterprise | 0x80000000u;
    engineId = {static_cast<char>(ent >> 24), static_cast<char>((ent >> 16) & 0xFF),
                static_cast<char>((ent >> 8) & 0xFF), static_cast<char>(ent & 0xFF), 3};
    engineId += mac;
    keys.resize(fleet.config().users.size());
    static const char hex[] = "0123456789abcdef";
    sysName = "prn-";
    for (std::size_t i = 3; i < 6; ++i) {
        sysName.push_back(hex[static_cast<unsigned char>(mac[i]) >> 4]);
        sysName.push_back(hex[static_cast<unsigned char>(mac[i]) & 0xF]);
    }
    sysLocation = "Building " + std::to_string(1 + idx % 7) + ", floor " + std::to_string(idx % 5);
    sysContact = "it-helpdesk@example.com";
    initDynamicState();
}

std::uint64_t Device::rand(std::int64_t minute, std::uint32_t stream) const
{
    return splitmix(m_fleet.config().seed * 0x100000001B3ull ^ splitmix(index * 0x9E37ull + stream) ^
                    static_cast<std::uint64_t>(minute) * 0xC2B2AE3D27D4EB4Full);
}

void Device::initDynamicState()
{
    const Template &t = *tmpl;
    std::uint64_t r = rand(-1, 1);
    const std::int64_t now = m_fleet.simNowMs();
    bootSimMs = now - static_cast<std::int64_t>(3600000 + r % (10ull * 86400000));
    lastMinute = now / 60000;
    boots = 1 + static_cast<std::uint32_t>(rand(-1, 2) % 40);
    engineStartMs = Fleet::realNowMs() - static_cast<std::int64_t>(1000 * (100 + rand(-1, 3) % 500000));
    const std::uint64_t total = 5000 + rand(-1, 4) % 250000;
    const std::uint64_t color = t.color ? total * (30 + rand(-1, 5) % 30) / 100 : 0;
    counters[CtTotal] = total;
    counters[CtTotalColor] = color;
    counters[CtTotalMono] = total - color;
    counters[CtCopyMono] = counters[CtTotalMono] / 4;
    counters[CtCopyColor] = color / 5;
    counters[CtFax] = t.color ? 0 : counters[CtTotalMono] / 20;
    counters[CtPrintMono] = counters[CtTotalMono] - counters[CtCopyMono] - counters[CtFax];
    counters[CtPrintColor] = color - counters[CtCopyColor];
    counters[CtPrintTotal] = counters[CtPrintMono] + counters[CtPrintColor];
    counters[CtCopyTotal] = counters[CtCopyMono] + counters[CtCopyColor];
    counters[CtScan] = counters[CtCopyTotal] + total / 10;
    counters[CtDuplex] = total * 3 / 10;
    powerOnPages = (static_cast<std::uint64_t>(now - bootSimMs) / 60000) % 500;
    supplies.assign(t.supplies.size(), {});
    for (std::size_t i = 0; i < t.supplies.size(); ++i) {
        const SupplyDef &d = t.supplies[i];
        std::uint64_t rr = rand(-1, 10 + static_cast<std::uint32_t>(i));
        if (d.initialLevel != -100)
            supplies[i].level = d.initialLevel;
        else if (d.maxCapacity <= 0)
            supplies[i].level = -2;
        else if (d.cls == 4)
            supplies[i].level = static_cast<std::int64_t>(d.maxCapacity) * static_cast<std::int64_t>(rr % 60) / 100;
        else
            supplies[i].level =
                static_cast<std::int64_t>(d.maxCapacity) * static_cast<std::int64_t>(20 + rr % 81) / 100;
    }
    inputLevels.assign(t.inputs.size(), 0);
    inputRefillAt.assign(t.inputs.size(), -1);
    for (std::size_t i = 0; i < t.inputs.size(); ++i)
        inputLevels[i] =
            t.inputs[i].maxCapacity * static_cast<int>(30 + rand(-1, 40 + static_cast<std::uint32_t>(i)) % 71) / 100;
    rebuildAlertEntries();
}

std::uint32_t Device::upTimeTicks() const
{
    const std::int64_t ms = m_fleet.simNowMs() - bootSimMs;
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(std::max<std::int64_t>(ms, 0) / 10) & 0xFFFFFFFFu);
}

std::uint32_t Device::engineTime() const
{
    std::int64_t t = (Fleet::realNowMs() - engineStartMs) / 1000 + faults.engineTimeOffset;
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(t, 0, 0x7FFFFFFF));
}

void Device::catchUp()
{
    const std::int64_t minute = m_fleet.simNowMs() / 60000;
    if (minute <= lastMinute)
        return;
    if (!m_fleet.config().dynamics) {
        lastMinute = minute;
        return;
    }
    if (minute - lastMinute > 200000)
        lastMinute = minute - 200000;
    while (lastMinute < minute)
        stepMinute(++lastMinute);
}

void Device::stepMinute(std::int64_t m)
{
    const Template &t = *tmpl;
    // Automatic alerts that run out.
    std::vector<std::pair<AlertKind, int>> expired;
    for (const Alert &a : alerts)
        if (!a.manual && a.clearAtMinute >= 0 && a.clearAtMinute <= m)
            expired.emplace_back(a.kind, a.subunit);
    for (auto &[k, s] : expired)
        clearAlert(k, s);
    // Supplies replaced and trays refilled by the simulated users.
    for (std::size_t i = 0; i < supplies.size(); ++i) {
        SupplyState &s = supplies[i];
        if (s.replaceAtMinute >= 0 && s.replaceAtMinute <= m) {
            const SupplyDef &d = t.supplies[i];
            s.level = d.cls == 4 ? 0 : d.maxCapacity;
            s.pending = 0;
            s.replaceAtMinute = -1;
            ++configChanges;
            clearAlert(AlertKind::TonerEmpty, d.index);
            clearAlert(AlertKind::TonerLow, d.index);
            clearAlert(AlertKind::WasteNearFull, d.index);
        }
    }
    for (std::size_t i = 0; i < inputLevels.size(); ++i) {
        if (inputRefillAt[i] >= 0 && inputRefillAt[i] <= m) {
            inputLevels[i] = t.inputs[i].maxCapacity;
            inputRefillAt[i] = -1;
            clearAlert(AlertKind::PaperEmpty, t.inputs[i].index);
            clearAlert(AlertKind::PaperLow, t.inputs[i].index);
        }
    }
    if (rand(m, 7) % 10000 < 5)
        raiseAlert(AlertKind::DoorOpen, 1, false, m + 1 + static_cast<std::int64_t>(rand(m, 8) % 4));

    bool blocked = false;
    for (const Alert &a : alerts) {
        if (a.kind == AlertKind::Jam || a.kind == AlertKind::DoorOpen || a.kind == AlertKind::Offline ||
            a.kind == AlertKind::ServiceRequested)
            blocked = true;
        if (a.kind == AlertKind::TonerEmpty) {
            for (const SupplyDef &d : t.supplies)
                if (d.index == a.subunit && d.colorant == "black")
                    blocked = true;
        }
    }
    if (jobMinutesLeft <= 0 && !blocked && static_cast<double>(rand(m, 1) % 1000000) < t.activity * 1e6) {
        jobMinutesLeft = 1 + static_cast<int>(rand(m, 2) % 4);
        jobRate = t.ppm * (0.3 + 0.7 * static_cast<double>(rand(m, 3) % 1000) / 1000.0);
    }
    if (blocked || jobMinutesLeft <= 0) {
        printing = false;
        jobMinutesLeft = blocked ? 0 : jobMinutesLeft;
        if (++idleMinutes >= t.sleepAfter && !blocked)
            sleeping = true;
        return;
    }
    --jobMinutesLeft;
    printing = true;
    sleeping = false;
    idleMinutes = 0;
    // Pages printed this minute, split by function and color mode.
    std::uint64_t pages = static_cast<std::uint64_t>(std::lround(jobRate));
    std::size_t tray = 0;
    for (std::size_t i = 0; i < inputLevels.size(); ++i) {
        if (inputLevels[i] > 0) {
            tray = i;
            break;
        }
    }
    if (inputLevels.empty() || inputLevels[tray] <= 0)
        pages = 0;
    else
        pages = std::min<std::uint64_t>(pages, static_cast<std::uint64_t>(inputLevels[tray]));
    if (pages == 0)
        return;
    const std::uint64_t fr = rand(m, 4) % 100;
    const bool color = t.color && rand(m, 5) % 100 < 40;
    const int fn = fr < 70 ? 0 : (fr < 95 || t.color ? 1 : 2); // print, copy, fax
    counters[CtTotal] += pages;
    powerOnPages += pages;
    counters[color ? CtTotalColor : CtTotalMono] += pages;
    if (fn == 0) {
        counters[color ? CtPrintColor : CtPrintMono] += pages;
        counters[CtPrintTotal] += pages;
    } else if (fn == 1) {
        counters[color ? CtCopyColor : CtCopyMono] += pages;
        counters[CtCopyTotal] += pages;
        counters[CtScan] += pages;
    } else {
        counters[CtFax] += pages;
    }
    const std::uint64_t duplex = rand(m, 6) % 100 < 30 ? pages : 0;
    counters[CtDuplex] += duplex;
    inputLevels[tray] -= static_cast<int>(pages - duplex / 2);
    const InputDef &in = t.inputs[tray];
    if (inputLevels[tray] <= 0) {
        inputLevels[tray] = 0;
        raiseAlert(AlertKind::PaperEmpty, in.index, false);
        inputRefillAt[tray] = m + 10 + static_cast<std::int64_t>(rand(m, 9) % 50);
    } else if (inputLevels[tray] * 10 < in.maxCapacity) {
        raiseAlert(AlertKind::PaperLow, in.index, false);
    }
    for (std::size_t i = 0; i < supplies.size(); ++i) {
        const SupplyDef &d = t.supplies[i];
        SupplyState &s = supplies[i];
        if (d.yield <= 0 || d.maxCapacity <= 0 || s.level < 0 || s.replaceAtMinute >= 0)
            continue;
        const bool colored = !d.colorant.empty() && d.colorant != "black";
        if (colored && !color)
            continue;
        s.pending += static_cast<double>(pages) * d.maxCapacity / d.yield;
        const auto delta = static_cast<std::int64_t>(s.pending);
        s.pending -= static_cast<double>(delta);
        if (d.cls == 4) {
            s.level = std::min<std::int64_t>(s.level + delta, d.maxCapacity);
            if (s.level * 10 >= static_cast<std::int64_t>(d.maxCapacity) * 9)
                raiseAlert(AlertKind::WasteNearFull, d.index, false);
            if (s.level >= d.maxCapacity)
                s.replaceAtMinute =
                    m + 20 + static_cast<std::int64_t>(rand(m, 20 + static_cast<std::uint32_t>(i)) % 60);
            continue;
        }
        s.level -= delta;
        if (s.level <= 0) {
            s.level = 0;
            clearAlert(AlertKind::TonerLow, d.index);
            raiseAlert(AlertKind::TonerEmpty, d.index, false);
            s.replaceAtMinute = m + 30 + static_cast<std::int64_t>(rand(m, 20 + static_cast<std::uint32_t>(i)) % 90);
        } else if (s.level * 10 < d.maxCapacity) {
            raiseAlert(AlertKind::TonerLow, d.index, false);
        }
    }
    if (rand(m, 10) % 1000 < 4)
        raiseAlert(AlertKind::Jam, in.index, false, m + 2 + static_cast<std::int64_t>(rand(m, 11) % 10));
}

void Device::raiseAlert(AlertKind kind, int subunit, bool manual, std::int64_t clearAt)
{
    for (Alert &a : alerts) {
        if (a.kind == kind && a.subunit == subunit) {
            a.manual = a.manual || manual;
            return;
        }
    }
    const AlertInfo &info = kAlertInfo[static_cast<int>(kind)];
    Alert a;
    a.index = nextAlertIndex++;
    a.kind = kind;
    a.subunit = subunit;
    a.severity = info.severity;
    a.training = info.training;
    a.group = info.group;
    a.location = -2;
    a.code = info.code;
    a.manual = manual;
    a.clearAtMinute = clearAt;
    a.time = upTimeTicks();
    switch (kind) {
    case AlertKind::TonerLow:
    case AlertKind::TonerEmpty:
    case AlertKind::WasteNearFull:
        a.description = std::string(info.text) + ": " + supplyName(*tmpl, subunit);
        break;
    case AlertKind::PaperLow:
    case AlertKind::PaperEmpty:
    case AlertKind::Jam:
        a.description = std::string(info.text) + ": " + inputName(*tmpl, subunit);
        break;
    default:
        a.description = info.text;
        break;
    }
    ++allEvents;
    if (a.severity == 3) {
        ++criticalEvents;
        ++deviceErrors;
    }
    alerts.push_back(std::move(a));
    rebuildAlertEntries();
}

bool Device::clearAlert(AlertKind kind, int subunit)
{
    auto it = std::remove_if(alerts.begin(), alerts.end(),
                             [&](const Alert &a) { return a.kind == kind && (subunit == 0 || a.subunit == subunit); });
    if (it == alerts.end())
        return false;
    alerts.erase(it, alerts.end());
    rebuildAlertEntries();
    return true;
}

void Device::rebuildAlertEntries()
{
    alertEntries.clear();
    for (std::uint32_t col = 2; col <= 9; ++col) {
        for (const Alert &a : alerts) {
            Entry e;
            e.oid = kPrtAlertEntry;
            e.oid.insert(e.oid.end(), {col, 1, static_cast<std::uint32_t>(a.index)});
            switch (col) {
            case 2:
                e.value = Value::integer(a.severity);
                break;
            case 3:
                e.value = Value::integer(a.training);
                break;
            case 4:
                e.value = Value::integer(a.group);
                break;
            case 5:
                e.value = Value::integer(a.subunit);
                break;
            case 6:
                e.value = Value::integer(a.location);
                break;
            case 7:
                e.value = Value::integer(a.code);
                break;
            case 8:
                e.value = Value::octets(a.description);
                break;
            default:
                e.value = Value::timeticks(a.time);
                break;
            }
            alertEntries.push_back(std::move(e));
        }
    }
}

void Device::setSupplyLevel(std::size_t i, std::int64_t level)
{
    if (i >= supplies.size())
        return;
    const SupplyDef &d = tmpl->supplies[i];
    supplies[i].level = level;
    supplies[i].pending = 0;
    supplies[i].replaceAtMinute = -1;
    ++configChanges;
    clearAlert(AlertKind::TonerEmpty, d.index);
    clearAlert(AlertKind::TonerLow, d.index);
    clearAlert(AlertKind::WasteNearFull, d.index);
    if (d.cls == 3 && d.maxCapacity > 0 && level >= 0) {
        if (level == 0)
            raiseAlert(AlertKind::TonerEmpty, d.index, false);
        else if (level * 10 < d.maxCapacity)
            raiseAlert(AlertKind::TonerLow, d.index, false);
    }
}

void Device::reboot()
{
    bootSimMs = m_fleet.simNowMs();
    ++boots;
    engineStartMs = Fleet::realNowMs();
    powerOnPages = 0;
    alerts.clear();
    rebuildAlertEntries();
    printing = false;
    sleeping = false;
    jobMinutesLeft = 0;
    idleMinutes = 0;
    generalReset = 3;
}

void Device::swap()
{
    reboot();
    for (std::uint64_t &c : counters)
        c = 0;
    for (std::size_t i = 0; i < supplies.size(); ++i) {
        const SupplyDef &d = tmpl->supplies[i];
        supplies[i] = {};
        supplies[i].level = d.initialLevel != -100 ? d.initialLevel : (d.cls == 4 ? 0 : d.maxCapacity);
    }
    nextAlertIndex = 1;
    configChanges = 0;
    criticalEvents = 0;
    allEvents = 0;
    deviceErrors = 0;
}

std::string Device::errorStateBits() const
{
    std::uint32_t bits = 0;
    for (const Alert &a : alerts) {
        const int b = kAlertInfo[static_cast<int>(a.kind)].errorBit;
        if (b >= 0)
            bits |= 1u << b;
        if (a.kind == AlertKind::PaperEmpty)
            bits |= 1u << 13; // inputTrayEmpty
    }
    std::string s(2, '\0');
    for (int b = 0; b < 16; ++b)
        if (bits & (1u << b))
            s[static_cast<std::size_t>(b / 8)] =
                static_cast<char>(s[static_cast<std::size_t>(b / 8)] | (0x80 >> (b % 8)));
    return s;
}

int Device::hrDeviceStatus() const
{
    bool warning = false;
    for (const Alert &a : alerts) {
        if (a.severity == 3)
            return 5; // down
        warning = true;
    }
    return warning ? 3 : 2;
}

int Device::hrPrinterStatus() const
{
    for (const Alert &a : alerts)
        if (a.severity == 3)
            return 1; // other
    if (sleeping)
        return 1; // RFC 3805 "Standby": running(2) + other(1)
    return printing ? 4 : 3;
}

std::string Device::displayText() const
{
    for (const Alert &a : alerts)
        if (a.severity == 3)
            return a.description;
    if (sleeping)
        return "Sleeping";
    return printing ? "Printing" : "Ready";
}

Value Device::resolve(const Entry &e) const
{
    auto c32 = [](std::uint64_t v) { return static_cast<std::uint32_t>(v & 0xFFFFFFFFu); };
    switch (e.dyn) {
    case Dyn::None:
        return e.value;
    case Dyn::SysUpTime:
        return Value::timeticks(upTimeTicks());
    case Dyn::SysContact:
        return Value::octets(sysContact);
    case Dyn::SysName:
        return Value::octets(sysName);
    case Dyn::SysLocation:
        return Value::octets(sysLocation);
    case Dyn::Serial:
        return Value::octets(serial);
    case Dyn::Mac:
        return Value::octets(mac);
    case Dyn::IfInOctets:
        return Value::counter32(c32(octetsIn));
    case Dyn::IfOutOctets:
        return Value::counter32(c32(octetsOut));
    case Dyn::IfInPackets:
        return Value::counter32(c32(packetsIn));
    case Dyn::IfOutPackets:
        return Value::counter32(c32(packetsOut));
    case Dyn::ConfigChanges:
        return Value::counter32(configChanges);
    case Dyn::GeneralReset:
        return Value::integer(generalReset);
    case Dyn::CriticalEvents:
        return Value::counter32(criticalEvents);
    case Dyn::AllEvents:
        return Value::counter32(allEvents);
    case Dyn::LifeCount:
        return Value::counter32(c32(counters[CtTotal]));
    case Dyn::PowerOnCount:
        return Value::counter32(c32(powerOnPages));
    case Dyn::SupplyLevel:
        return Value::integer(e.param < supplies.size() ? supplies[e.param].level : -2);
    case Dyn::InputLevel:
        return Value::integer(e.param < inputLevels.size() ? inputLevels[e.param] : -2);
    case Dyn::InputStatus: {
        // prtSubUnitStatus: 0 available and idle; +16 "non-critical alert" when low; 4|... when empty.
        if (e.param >= inputLevels.size())
            return Value::integer(0);
        const int max = tmpl->inputs[e.param].maxCapacity;
        return Value::integer(inputLevels[e.param] == 0 ? 4 : (inputLevels[e.param] * 10 < max ? 16 : 0));
    }
    case Dyn::HrPrinterStatus:
        return Value::integer(hrPrinterStatus());
    case Dyn::HrDeviceStatus:
        return Value::integer(hrDeviceStatus());
    case Dyn::HrDeviceErrors:
        return Value::counter32(deviceErrors);
    case Dyn::ErrorState:
        return Value::octets(errorStateBits());
    case Dyn::DisplayText:
        return Value::octets(displayText());
    case Dyn::Counter: {
        const std::uint64_t v = e.param < CtCount ? counters[e.param] : 0;
        Value out = e.value;
        out.num = out.type == tag::Counter64 ? static_cast<std::int64_t>(v)
                  : out.type == tag::Integer ? static_cast<std::int64_t>(v & 0x7FFFFFFF)
                                             : static_cast<std::int64_t>(c32(v));
        return out;
    }
    }
    return e.value;
}

namespace {
bool entryLess(const Entry &e, const Oid &o)
{
    return e.oid < o;
}
} // namespace

bool Device::get(const Oid &oid, Value &out, bool &instanceMissing) const
{
    const std::vector<Entry> &list = oidStartsWith(oid, kPrtAlertEntry) ? alertEntries : tmpl->entries;
    auto it = std::lower_bound(list.begin(), list.end(), oid, entryLess);
    if (it != list.end() && it->oid == oid) {
        out = resolve(*it);
        return true;
    }
    // noSuchInstance when the object exists with another instance: the object is the
    // OID minus its last arc, or for Printer-MIB tables (two-arc indexes) its first 11 arcs.
    instanceMissing = false;
    static const Oid printerMib = {1, 3, 6, 1, 2, 1, 43};
    const std::size_t objectLength =
        oidStartsWith(oid, printerMib) && oid.size() >= 12 ? 11 : (oid.size() > 1 ? oid.size() - 1 : 0);
    if (objectLength > 0) {
        Oid object(oid.begin(), oid.begin() + static_cast<std::ptrdiff_t>(objectLength));
        for (auto p = std::lower_bound(list.begin(), list.end(), object, entryLess);
             p != list.end() && oidStartsWith(p->oid, object); ++p) {
            if (p->oid.size() == oid.size()) {
                instanceMissing = true;
                break;
            }
        }
    }
    return false;
}

bool Device::next(const Oid &after, Oid &outOid, Value &out) const
{
    auto upper = [&](const std::vector<Entry> &list) {
        return std::upper_bound(list.begin(), list.end(), after,
                                [](const Oid &o, const Entry &e) { return o < e.oid; });
    };
    auto a = upper(tmpl->entries);
    auto b = upper(alertEntries);
    const Entry *best = nullptr;
    if (a != tmpl->entries.end())
        best = &*a;
    if (b != alertEntries.end() && (!best || b->oid < best->oid))
        best = &*b;
    if (!best)
        return false;
    outOid = best->oid;
    out = resolve(*best);
    return true;
}

std::vector<Oid> Device::allOids() const
{
    std::vector<Oid> out;
    for (const Entry &e : tmpl->entries)
        out.push_back(e.oid);
    for (const Entry &e : alertEntries)
        out.push_back(e.oid);
    std::sort(out.begin(), out.end());
    return out;
}

// ---------------------------------------------------------------- Fleet

Fleet::Fleet(FleetConfig cfg) : m_cfg(std::move(cfg)), m_speed(m_cfg.speed)
{
    m_realBaseMs = realNowMs();
    m_simBaseMs = 0;
    m_devices.reserve(static_cast<std::size_t>(m_cfg.devices));
    for (int i = 0; i < m_cfg.devices; ++i) {
        const Template &t = m_cfg.templates[static_cast<std::size_t>(i) % m_cfg.templates.size()];
        const std::uint32_t addr = m_cfg.base + static_cast<std::uint32_t>(i);
        m_devices.push_back(std::make_unique<Device>(*this, static_cast<std::uint32_t>(i), t, addr));
        m_byAddress[addr] = static_cast<std::uint32_t>(i);
    }
}

std::int64_t Fleet::realNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::int64_t Fleet::simNowMs() const
{
    std::lock_guard lock(m_clockMutex);
    return m_simBaseMs + static_cast<std::int64_t>(static_cast<double>(realNowMs() - m_realBaseMs) * m_speed);
}

void Fleet::advanceSim(std::int64_t ms)
{
    std::lock_guard lock(m_clockMutex);
    m_simBaseMs += ms;
}

void Fleet::setSpeed(double speed)
{
    std::lock_guard lock(m_clockMutex);
    const std::int64_t now = realNowMs();
    m_simBaseMs += static_cast<std::int64_t>(static_cast<double>(now - m_realBaseMs) * m_speed);
    m_realBaseMs = now;
    m_speed = speed;
}

double Fleet::speed() const
{
    std::lock_guard lock(m_clockMutex);
    return m_speed;
}

Device *Fleet::findByAddress(std::uint32_t addr)
{
    std::shared_lock lock(m_addrMutex);
    auto it = m_byAddress.find(addr);
    return it == m_byAddress.end() ? nullptr : m_devices[it->second].get();
}

bool Fleet::moveDevice(std::size_t index, std::uint32_t newAddress, std::string &error)
{
    if (index >= m_devices.size()) {
        error = "no such device";
        return false;
    }
    if ((newAddress >> 24) != 127) {
        error = "the simulator only answers on 127.0.0.0/8";
        return false;
    }
    std::unique_lock lock(m_addrMutex);
    if (m_byAddress.count(newAddress)) {
        error = "address " + addressToString(newAddress) + " is already used by another device";
        return false;
    }
    Device &d = *m_devices[index];
    std::lock_guard dl(d.mutex);
    m_byAddress.erase(d.address);
    d.address = newAddress;
    m_byAddress[newAddress] = static_cast<std::uint32_t>(index);
    return true;
}

const User *Fleet::findUser(std::string_view name, std::size_t &index) const
{
    for (std::size_t i = 0; i < m_cfg.users.size(); ++i) {
        if (m_cfg.users[i].name == name) {
            index = i;
            return &m_cfg.users[i];
        }
    }
    return nullptr;
}

} // namespace fleetsim
