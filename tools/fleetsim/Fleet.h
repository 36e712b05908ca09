#pragma once

// The simulated fleet: devices built from templates, their dynamic state on a
// simulated clock, injected faults, SNMPv3 users and the address map.

#include "Template.h"
#include "Usm.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace fleetsim {

struct User {
    std::string name;
    usm::Auth auth = usm::Auth::None;
    usm::Priv priv = usm::Priv::None;
    std::string authKu; // password-to-key results; never printed
    std::string privKu;
};
// Parses "NAME", "NAME:AUTH:AUTHPASS" or "NAME:AUTH:AUTHPASS:PRIV:PRIVPASS".
bool parseUser(const std::string &spec, User &out, std::string &error);

enum class AlertKind {
    Jam,
    DoorOpen,
    TonerLow,
    TonerEmpty,
    PaperLow,
    PaperEmpty,
    Offline,
    ServiceRequested,
    WasteNearFull
};
bool parseAlertKind(const std::string &name, AlertKind &out);
const char *alertKindName(AlertKind k);

struct Alert {
    int index = 0;
    AlertKind kind = AlertKind::Jam;
    int subunit = 1; // groupIndex: tray, supply or cover number
    int severity = 0;
    int training = 0;
    int group = 0;
    int location = 0;
    int code = 0;
    std::string description;
    std::uint32_t time = 0; // sysUpTime when raised
    bool manual = false;
    std::int64_t clearAtMinute = -1;
};

struct Faults {
    bool silent = false;
    int delayMs = 0;
    int lossPercent = 0;
    bool malformed = false;
    bool truncate = false;
    std::int64_t engineTimeOffset = 0;
    bool any() const { return silent || delayMs || lossPercent || malformed || truncate || engineTimeOffset; }
};

struct UserKeys {
    bool ready = false;
    std::string auth;
    std::string priv;
    usm::HmacKey mac;
};

struct SupplyState {
    std::int64_t level = 0;
    double pending = 0;
    std::int64_t replaceAtMinute = -1;
};

class Fleet;

class Device {
public:
    Device(Fleet &fleet, std::uint32_t index, const Template &tmpl, std::uint32_t address);

    std::mutex mutex; // guards everything below

    const std::uint32_t index;
    const Template *tmpl;
    std::uint32_t address; // host byte order
    std::string serial;
    std::string mac;
    std::string engineId;
    std::string sysName, sysLocation, sysContact;
    int generalReset = 3;

    std::uint32_t boots = 1;
    std::int64_t engineStartMs = 0; // real monotonic ms at (simulated) engine start
    std::vector<UserKeys> keys;
    std::uint64_t salt = 0;

    std::int64_t bootSimMs = 0;
    std::int64_t lastMinute = 0; // last simulated minute stepped
    std::uint64_t counters[CtCount] = {};
    std::uint64_t powerOnPages = 0;
    std::vector<SupplyState> supplies;
    std::vector<int> inputLevels;
    std::vector<std::int64_t> inputRefillAt;
    bool printing = false;
    bool sleeping = false;
    int idleMinutes = 0;
    int jobMinutesLeft = 0;
    double jobRate = 0;
    std::vector<Alert> alerts;
    int nextAlertIndex = 1;
    std::uint32_t configChanges = 0;
    std::uint32_t criticalEvents = 0;
    std::uint32_t allEvents = 0;
    std::uint32_t deviceErrors = 0;
    std::vector<Entry> alertEntries;

    Faults faults;
    std::uint64_t packetsIn = 0, packetsOut = 0, octetsIn = 0, octetsOut = 0;

    // Advances the simulation to the fleet's current simulated time.
    void catchUp();
    std::uint32_t upTimeTicks() const;
    std::uint32_t engineTime() const;

    // MIB access (caller holds the mutex).
    bool get(const Oid &oid, Value &out, bool &instanceMissing) const;
    bool next(const Oid &after, Oid &outOid, Value &out) const;
    Value resolve(const Entry &e) const;
    std::vector<Oid> allOids() const;

    void raiseAlert(AlertKind kind, int subunit, bool manual, std::int64_t clearAt = -1);
    bool clearAlert(AlertKind kind, int subunit); // subunit 0: any
    void setSupplyLevel(std::size_t supply, std::int64_t level);
    void swap();   // device replaced at the same address: counters restart
    void reboot(); // prtGeneralReset powerCycleReset
    std::string errorStateBits() const;
    int hrPrinterStatus() const;
    int hrDeviceStatus() const;
    std::string displayText() const;

private:
    void stepMinute(std::int64_t minute);
    void rebuildAlertEntries();
    void initDynamicState();
    std::uint64_t rand(std::int64_t minute, std::uint32_t stream) const;
    Fleet &m_fleet;
};

struct FleetConfig {
    int devices = 10;
    std::uint32_t base = 0x7F140001; // 127.20.0.1
    std::uint16_t port = 16100;
    std::string community = "public";
    std::string writeCommunity = "private";
    std::vector<User> users;
    double speed = 1;
    std::uint64_t seed = 1;
    bool dynamics = true;
    std::vector<Template> templates;
};

class Fleet {
public:
    explicit Fleet(FleetConfig cfg);

    const FleetConfig &config() const { return m_cfg; }
    std::size_t size() const { return m_devices.size(); }
    Device &device(std::size_t i) { return *m_devices[i]; }
    Device *findByAddress(std::uint32_t addr);
    bool moveDevice(std::size_t index, std::uint32_t newAddress, std::string &error);

    std::int64_t simNowMs() const;
    void advanceSim(std::int64_t ms);
    void setSpeed(double speed);
    double speed() const;
    static std::int64_t realNowMs();

    const User *findUser(std::string_view name, std::size_t &index) const;

    std::atomic<std::uint64_t> requests{0}, responses{0}, dropped{0}, badPackets{0};

private:
    FleetConfig m_cfg;
    std::vector<std::unique_ptr<Device>> m_devices;
    mutable std::shared_mutex m_addrMutex;
    std::unordered_map<std::uint32_t, std::uint32_t> m_byAddress;
    mutable std::mutex m_clockMutex;
    std::int64_t m_simBaseMs = 0;
    std::int64_t m_realBaseMs = 0;
    double m_speed = 1;
};

std::string addressToString(std::uint32_t hostOrder);
bool parseAddress(const std::string &s, std::uint32_t &hostOrder);

} // namespace fleetsim
