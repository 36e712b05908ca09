#pragma once

// Printer templates: one data file per vendor/model (see templates/README.md for
// the format). A template expands into the sorted OID table every device built
// from it shares; per-device values are marked as dynamic and resolved by Device.

#include "Ber.h"

#include <string>
#include <vector>

namespace fleetsim {

enum class Dyn : std::uint8_t {
    None,
    SysUpTime,
    SysContact,
    SysName,
    SysLocation,
    Serial,
    Mac,
    IfInOctets,
    IfOutOctets,
    IfInPackets,
    IfOutPackets,
    ConfigChanges,
    GeneralReset,
    CriticalEvents,
    AllEvents,
    LifeCount,
    PowerOnCount,
    SupplyLevel, // param: position in Template::supplies
    InputLevel,  // param: position in Template::inputs
    InputStatus, // param: position in Template::inputs
    HrPrinterStatus,
    HrDeviceStatus,
    HrDeviceErrors,
    ErrorState,
    DisplayText,
    Counter, // param: CounterId
};

// Page counters every device keeps; vendor subtrees expose them via `counter` lines.
enum CounterId : std::uint16_t {
    CtTotal,
    CtTotalMono,
    CtTotalColor,
    CtPrintTotal,
    CtPrintMono,
    CtPrintColor,
    CtCopyTotal,
    CtCopyMono,
    CtCopyColor,
    CtFax,
    CtScan,
    CtDuplex,
    CtCount
};
const char *counterName(int id);
int counterByName(const std::string &name); // -1 when unknown

struct Entry {
    Oid oid;
    Value value;
    Dyn dyn = Dyn::None;
    std::uint16_t param = 0;
};

struct SupplyDef {
    int index = 0;
    int type = 3;  // prtMarkerSuppliesType
    int cls = 3;   // 3 consumed, 4 receptacle
    int unit = 19; // prtMarkerSuppliesSupplyUnit
    int maxCapacity = 100;
    int colorantIndex = 0; // 0: none
    std::string colorant;  // black, cyan, magenta, yellow or empty
    std::string description;
    int yield = 0;           // pages that empty (or fill) the supply; 0: static level
    int initialLevel = -100; // -100: full (or empty receptacle); -1/-2/-3 kept as-is
};

struct InputDef {
    int index = 0;
    int maxCapacity = 0;
    std::string name;
    std::string mediaName;
    int feedDim = 297000;
    int xfeedDim = 210000;
};

struct OutputDef {
    int index = 0;
    int maxCapacity = 0;
    std::string name;
};

struct Template {
    std::string file;
    std::string name;
    std::string vendor;
    std::string model;
    std::uint32_t enterprise = 0;
    bool color = false;
    int ppm = 30;
    double activity = 0.1; // probability that a job starts in an idle simulated minute
    int sleepAfter = 15;   // idle minutes before sleep mode
    std::string macPrefix; // 3 octets
    std::string serialPrefix;
    std::string sysDescr;
    Oid sysObjectId;
    std::string firmware;
    std::string ifDescr = "Ethernet";
    std::vector<SupplyDef> supplies;
    std::vector<InputDef> inputs;
    std::vector<OutputDef> outputs;
    std::vector<Entry> entries; // sorted by OID, unique; prtAlertTable is per device
};

// Loads and expands one template. On failure returns false and sets `error` to
// "FILE:LINE: what is wrong".
bool loadTemplate(const std::string &path, Template &out, std::string &error);
// Loads every *.tmpl file in a directory (sorted by name).
bool loadTemplateDir(const std::string &dir, std::vector<Template> &out, std::string &error);

extern const Oid kPrtAlertEntry; // 1.3.6.1.2.1.43.18.1.1

} // namespace fleetsim
