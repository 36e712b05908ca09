#include "Template.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>

namespace fleetsim {

const Oid kPrtAlertEntry = {1, 3, 6, 1, 2, 1, 43, 18, 1, 1};

namespace {

const char *const kCounterNames[CtCount] = {"total",      "total.mono",  "total.color", "print.total",
                                            "print.mono", "print.color", "copy.total",  "copy.mono",
                                            "copy.color", "fax",         "scan",        "duplex"};

bool tokenize(const std::string &line, std::vector<std::string> &out, std::string &error)
{
    out.clear();
    std::size_t i = 0;
    while (i < line.size()) {
        if (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
            ++i;
            continue;
        }
        if (line[i] == '#')
            break;
        std::string tok;
        if (line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                char c = line[i++];
                if (c == '\\' && i < line.size()) {
                    tok.push_back(line[i++]);
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    tok.push_back(c);
                }
            }
            if (!closed) {
                error = "unterminated quoted string";
                return false;
            }
        } else {
            while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
                tok.push_back(line[i++]);
        }
        out.push_back(std::move(tok));
    }
    return true;
}

bool toInt(const std::string &s, long long &v)
{
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size();
}

bool parseHex(const std::string &s, std::string &out)
{
    out.clear();
    std::string digits;
    for (char c : s)
        if (c != ':' && c != ' ' && c != '-')
            digits.push_back(c);
    if (digits.size() % 2)
        return false;
    for (std::size_t i = 0; i < digits.size(); i += 2) {
        unsigned v = 0;
        auto [p, ec] = std::from_chars(digits.data() + i, digits.data() + i + 2, v, 16);
        if (ec != std::errc() || p != digits.data() + i + 2)
            return false;
        out.push_back(static_cast<char>(v));
    }
    return true;
}

const std::map<std::string, int> kSupplyTypes = {{"other", 1},           {"unknown", 2},      {"toner", 3},
                                                 {"wasteToner", 4},      {"ink", 5},          {"inkCartridge", 6},
                                                 {"wasteInk", 8},        {"opc", 9},          {"developer", 10},
                                                 {"fuser", 15},          {"cleanerUnit", 18}, {"transferUnit", 20},
                                                 {"tonerCartridge", 21}, {"staples", 32}};
const std::map<std::string, int> kSupplyUnits = {
    {"tenThousandthsOfInches", 3}, {"micrometers", 4},          {"impressions", 7}, {"sheets", 8},  {"hours", 11},
    {"tenthsOfGrams", 13},         {"tenthsOfMilliliters", 15}, {"items", 18},      {"percent", 19}};
const std::map<std::string, int> kColorants = {{"black", 1}, {"cyan", 2}, {"magenta", 3}, {"yellow", 4}};

class Builder {
public:
    explicit Builder(Template &t) : m_t(t) {}

    void add(const Oid &base, std::initializer_list<std::uint32_t> suffix, Value v, Dyn d = Dyn::None,
             std::uint16_t param = 0)
    {
        Entry e;
        e.oid = base;
        e.oid.insert(e.oid.end(), suffix);
        e.value = std::move(v);
        e.dyn = d;
        e.param = param;
        m_t.entries.push_back(std::move(e));
    }

private:
    Template &m_t;
};

void expandStandardTree(Template &t)
{
    Builder b(t);
    const Oid sys = {1, 3, 6, 1, 2, 1, 1};
    b.add(sys, {1, 0}, Value::octets(t.sysDescr));
    b.add(sys, {2, 0}, Value::objectId(t.sysObjectId));
    b.add(sys, {3, 0}, Value::timeticks(0), Dyn::SysUpTime);
    b.add(sys, {4, 0}, Value::octets(""), Dyn::SysContact);
    b.add(sys, {5, 0}, Value::octets(""), Dyn::SysName);
    b.add(sys, {6, 0}, Value::octets(""), Dyn::SysLocation);
    b.add(sys, {7, 0}, Value::integer(72));

    const Oid ifs = {1, 3, 6, 1, 2, 1, 2};
    b.add(ifs, {1, 0}, Value::integer(1));
    const Oid ifRow = {1, 3, 6, 1, 2, 1, 2, 2, 1};
    b.add(ifRow, {1, 1}, Value::integer(1));
    b.add(ifRow, {2, 1}, Value::octets(t.ifDescr));
    b.add(ifRow, {3, 1}, Value::integer(6));
    b.add(ifRow, {4, 1}, Value::integer(1500));
    b.add(ifRow, {5, 1}, Value::gauge32(1000000000u));
    b.add(ifRow, {6, 1}, Value::octets(""), Dyn::Mac);
    b.add(ifRow, {7, 1}, Value::integer(1));
    b.add(ifRow, {8, 1}, Value::integer(1));
    b.add(ifRow, {9, 1}, Value::timeticks(0));
    b.add(ifRow, {10, 1}, Value::counter32(0), Dyn::IfInOctets);
    b.add(ifRow, {11, 1}, Value::counter32(0), Dyn::IfInPackets);
    b.add(ifRow, {16, 1}, Value::counter32(0), Dyn::IfOutOctets);
    b.add(ifRow, {17, 1}, Value::counter32(0), Dyn::IfOutPackets);

    const Oid hr = {1, 3, 6, 1, 2, 1, 25};
    b.add(hr, {1, 1, 0}, Value::timeticks(0), Dyn::SysUpTime);
    b.add(hr, {2, 2, 0}, Value::integer(t.color ? 2097152 : 1048576));
    const Oid dev = {1, 3, 6, 1, 2, 1, 25, 3, 2, 1};
    b.add(dev, {1, 1}, Value::integer(1));
    b.add(dev, {2, 1}, Value::objectId({1, 3, 6, 1, 2, 1, 25, 3, 1, 5}));
    b.add(dev, {3, 1}, Value::octets(t.vendor + " " + t.model));
    b.add(dev, {4, 1}, Value::objectId({0, 0}));
    b.add(dev, {5, 1}, Value::integer(2), Dyn::HrDeviceStatus);
    b.add(dev, {6, 1}, Value::counter32(0), Dyn::HrDeviceErrors);
    const Oid prn = {1, 3, 6, 1, 2, 1, 25, 3, 5, 1};
    b.add(prn, {1, 1}, Value::integer(3), Dyn::HrPrinterStatus);
    b.add(prn, {2, 1}, Value::octets(std::string(2, '\0')), Dyn::ErrorState);

    const Oid gen = {1, 3, 6, 1, 2, 1, 43, 5, 1, 1};
    b.add(gen, {1, 1}, Value::counter32(0), Dyn::ConfigChanges);
    b.add(gen, {2, 1}, Value::integer(1));
    b.add(gen, {3, 1}, Value::integer(3), Dyn::GeneralReset);
    b.add(gen, {4, 1}, Value::octets(""));
    b.add(gen, {5, 1}, Value::octets(""));
    b.add(gen, {6, 1}, Value::integer(t.inputs.empty() ? 0 : t.inputs.front().index));
    b.add(gen, {7, 1}, Value::integer(t.outputs.empty() ? 0 : t.outputs.front().index));
    b.add(gen, {8, 1}, Value::integer(1));
    b.add(gen, {9, 1}, Value::integer(1));
    b.add(gen, {10, 1}, Value::integer(1));
    b.add(gen, {11, 1}, Value::integer(1));
    b.add(gen, {12, 1}, Value::integer(40));
    b.add(gen, {13, 1}, Value::integer(3));
    b.add(gen, {16, 1}, Value::octets(t.model));
    b.add(gen, {17, 1}, Value::octets(""), Dyn::Serial);
    b.add(gen, {18, 1}, Value::counter32(0), Dyn::CriticalEvents);
    b.add(gen, {19, 1}, Value::counter32(0), Dyn::AllEvents);

    const Oid in = {1, 3, 6, 1, 2, 1, 43, 8, 2, 1};
    for (std::size_t i = 0; i < t.inputs.size(); ++i) {
        const InputDef &d = t.inputs[i];
        const auto x = static_cast<std::uint32_t>(d.index);
        const auto p = static_cast<std::uint16_t>(i);
        b.add(in, {2, 1, x}, Value::integer(i == 0 ? 3 : 4));
        b.add(in, {3, 1, x}, Value::integer(4));
        b.add(in, {4, 1, x}, Value::integer(d.feedDim));
        b.add(in, {5, 1, x}, Value::integer(d.xfeedDim));
        b.add(in, {6, 1, x}, Value::integer(d.feedDim));
        b.add(in, {7, 1, x}, Value::integer(d.xfeedDim));
        b.add(in, {8, 1, x}, Value::integer(8));
        b.add(in, {9, 1, x}, Value::integer(d.maxCapacity));
        b.add(in, {10, 1, x}, Value::integer(d.maxCapacity), Dyn::InputLevel, p);
        b.add(in, {11, 1, x}, Value::integer(0), Dyn::InputStatus, p);
        b.add(in, {12, 1, x}, Value::octets(d.mediaName));
        b.add(in, {13, 1, x}, Value::octets(d.name));
        b.add(in, {18, 1, x}, Value::octets(d.name));
        b.add(in, {21, 1, x}, Value::octets("stationery"));
        b.add(in, {22, 1, x}, Value::octets("white"));
    }
    const Oid out = {1, 3, 6, 1, 2, 1, 43, 9, 2, 1};
    for (const OutputDef &d : t.outputs) {
        const auto x = static_cast<std::uint32_t>(d.index);
        b.add(out, {2, 1, x}, Value::integer(3));
        b.add(out, {3, 1, x}, Value::integer(8));
        b.add(out, {4, 1, x}, Value::integer(d.maxCapacity));
        b.add(out, {5, 1, x}, Value::integer(-3));
        b.add(out, {6, 1, x}, Value::integer(0));
        b.add(out, {12, 1, x}, Value::octets(d.name));
    }
    const Oid mk = {1, 3, 6, 1, 2, 1, 43, 10, 2, 1};
    b.add(mk, {2, 1, 1}, Value::integer(4));
    b.add(mk, {3, 1, 1}, Value::integer(7));
    b.add(mk, {4, 1, 1}, Value::counter32(0), Dyn::LifeCount);
    b.add(mk, {5, 1, 1}, Value::counter32(0), Dyn::PowerOnCount);
    b.add(mk, {6, 1, 1}, Value::integer(t.color ? 4 : 1));
    b.add(mk, {7, 1, 1}, Value::integer(0));
    b.add(mk, {8, 1, 1}, Value::integer(3));
    b.add(mk, {9, 1, 1}, Value::integer(600));
    b.add(mk, {10, 1, 1}, Value::integer(600));
    b.add(mk, {11, 1, 1}, Value::integer(4000));
    b.add(mk, {12, 1, 1}, Value::integer(4000));
    b.add(mk, {13, 1, 1}, Value::integer(4000));
    b.add(mk, {14, 1, 1}, Value::integer(4000));
    b.add(mk, {15, 1, 1}, Value::integer(0));

    const Oid sup = {1, 3, 6, 1, 2, 1, 43, 11, 1, 1};
    for (std::size_t i = 0; i < t.supplies.size(); ++i) {
        const SupplyDef &d = t.supplies[i];
        const auto x = static_cast<std::uint32_t>(d.index);
        b.add(sup, {2, 1, x}, Value::integer(1));
        b.add(sup, {3, 1, x}, Value::integer(d.colorantIndex));
        b.add(sup, {4, 1, x}, Value::integer(d.cls));
        b.add(sup, {5, 1, x}, Value::integer(d.type));
        b.add(sup, {6, 1, x}, Value::octets(d.description));
        b.add(sup, {7, 1, x}, Value::integer(d.unit));
        b.add(sup, {8, 1, x}, Value::integer(d.maxCapacity));
        b.add(sup, {9, 1, x}, Value::integer(0), Dyn::SupplyLevel, static_cast<std::uint16_t>(i));
    }
    const Oid col = {1, 3, 6, 1, 2, 1, 43, 12, 1, 1};
    std::map<int, std::string> colorants;
    for (const SupplyDef &d : t.supplies)
        if (d.colorantIndex > 0)
            colorants[d.colorantIndex] = d.colorant;
    for (const auto &[idx, name] : colorants) {
        const auto x = static_cast<std::uint32_t>(idx);
        b.add(col, {2, 1, x}, Value::integer(1));
        b.add(col, {3, 1, x}, Value::integer(3));
        b.add(col, {4, 1, x}, Value::octets(name));
        b.add(col, {5, 1, x}, Value::integer(256));
    }
    b.add({1, 3, 6, 1, 2, 1, 43, 16, 5, 1, 2}, {1, 1}, Value::octets(""), Dyn::DisplayText);
}

} // namespace

const char *counterName(int id)
{
    return id >= 0 && id < CtCount ? kCounterNames[id] : "?";
}

int counterByName(const std::string &name)
{
    for (int i = 0; i < CtCount; ++i)
        if (name == kCounterNames[i])
            return i;
    return -1;
}

bool loadTemplate(const std::string &path, Template &t, std::string &error)
{
    std::ifstream f(path);
    if (!f) {
        error = path + ": cannot open template file";
        return false;
    }
    t = Template{};
    t.file = path;
    std::vector<Entry> extra;
    std::string line;
    int lineNo = 0;
    std::vector<std::string> tk;
    auto fail = [&](const std::string &msg) {
        error = path + ":" + std::to_string(lineNo) + ": " + msg;
        return false;
    };
    while (std::getline(f, line)) {
        ++lineNo;
        if (line.size() > 4096)
            return fail("line longer than 4096 characters");
        std::string terr;
        if (!tokenize(line, tk, terr))
            return fail(terr);
        if (tk.empty())
            continue;
        const std::string &k = tk[0];
        auto need = [&](std::size_t n) { return tk.size() >= n; };
        long long num = 0;
        if (k == "name" && need(2)) {
            t.name = tk[1];
        } else if (k == "vendor" && need(2)) {
            t.vendor = tk[1];
        } else if (k == "model" && need(2)) {
            t.model = tk[1];
        } else if (k == "enterprise" && need(2)) {
            if (!toInt(tk[1], num) || num <= 0 || num > 0x7FFFFFFF)
                return fail("enterprise must be a positive IANA enterprise number");
            t.enterprise = static_cast<std::uint32_t>(num);
        } else if (k == "color" && need(2)) {
            if (tk[1] != "yes" && tk[1] != "no")
                return fail("color must be yes or no");
            t.color = tk[1] == "yes";
        } else if (k == "ppm" && need(2)) {
            if (!toInt(tk[1], num) || num <= 0 || num > 300)
                return fail("ppm must be 1..300");
            t.ppm = static_cast<int>(num);
        } else if (k == "activity" && need(2)) {
            try {
                t.activity = std::stod(tk[1]);
            } catch (...) {
                return fail("activity must be a number between 0 and 1");
            }
            if (!(t.activity >= 0 && t.activity <= 1))
                return fail("activity must be a number between 0 and 1");
        } else if (k == "sleep-after" && need(2)) {
            if (!toInt(tk[1], num) || num < 1 || num > 1440)
                return fail("sleep-after must be 1..1440 minutes");
            t.sleepAfter = static_cast<int>(num);
        } else if (k == "mac-prefix" && need(2)) {
            if (!parseHex(tk[1], t.macPrefix) || t.macPrefix.size() != 3)
                return fail("mac-prefix must be three hex octets like 00:17:C8");
        } else if (k == "serial-prefix" && need(2)) {
            if (tk[1].size() > 12)
                return fail("serial-prefix longer than 12 characters");
            t.serialPrefix = tk[1];
        } else if (k == "sys-descr" && need(2)) {
            t.sysDescr = tk[1];
        } else if (k == "sys-object-id" && need(2)) {
            if (!parseOid(tk[1], t.sysObjectId))
                return fail("bad OID '" + tk[1] + "'");
        } else if (k == "firmware" && need(2)) {
            t.firmware = tk[1];
        } else if (k == "if-descr" && need(2)) {
            t.ifDescr = tk[1];
        } else if (k == "supply" && need(8)) {
            // supply INDEX TYPE CLASS UNIT MAX COLORANT "DESCRIPTION" [yield=N] [level=N]
            SupplyDef d;
            if (!toInt(tk[1], num) || num < 1 || num > 64)
                return fail("supply index must be 1..64");
            d.index = static_cast<int>(num);
            auto ty = kSupplyTypes.find(tk[2]);
            if (ty == kSupplyTypes.end())
                return fail("unknown supply type '" + tk[2] + "'");
            d.type = ty->second;
            if (tk[3] != "consumed" && tk[3] != "receptacle")
                return fail("supply class must be consumed or receptacle");
            d.cls = tk[3] == "consumed" ? 3 : 4;
            auto un = kSupplyUnits.find(tk[4]);
            if (un == kSupplyUnits.end())
                return fail("unknown supply unit '" + tk[4] + "'");
            d.unit = un->second;
            if (!toInt(tk[5], num) || num < -2 || num > 100000000)
                return fail("supply max capacity must be -2, -1 or 0..100000000");
            d.maxCapacity = static_cast<int>(num);
            if (tk[6] != "none") {
                auto c = kColorants.find(tk[6]);
                if (c == kColorants.end())
                    return fail("colorant must be none, black, cyan, magenta or yellow");
                d.colorant = c->first;
                d.colorantIndex = c->second;
            }
            d.description = tk[7];
            for (std::size_t i = 8; i < tk.size(); ++i) {
                if (tk[i].rfind("yield=", 0) == 0 && toInt(tk[i].substr(6), num) && num >= 0 && num < 10000000)
                    d.yield = static_cast<int>(num);
                else if (tk[i].rfind("level=", 0) == 0 && toInt(tk[i].substr(6), num) && num >= -3 && num <= 100000000)
                    d.initialLevel = static_cast<int>(num);
                else
                    return fail("unknown supply option '" + tk[i] + "' (expected yield=N or level=N)");
            }
            t.supplies.push_back(std::move(d));
        } else if (k == "input" && need(5)) {
            InputDef d;
            if (!toInt(tk[1], num) || num < 1 || num > 64)
                return fail("input index must be 1..64");
            d.index = static_cast<int>(num);
            if (!toInt(tk[2], num) || num < 1 || num > 100000)
                return fail("input capacity must be 1..100000 sheets");
            d.maxCapacity = static_cast<int>(num);
            d.name = tk[3];
            d.mediaName = tk[4];
            t.inputs.push_back(std::move(d));
        } else if (k == "output" && need(4)) {
            OutputDef d;
            if (!toInt(tk[1], num) || num < 1 || num > 64)
                return fail("output index must be 1..64");
            d.index = static_cast<int>(num);
            if (!toInt(tk[2], num) || num < 1 || num > 100000)
                return fail("output capacity must be 1..100000 sheets");
            d.maxCapacity = static_cast<int>(num);
            d.name = tk[3];
            t.outputs.push_back(std::move(d));
        } else if (k == "counter" && need(4)) {
            // counter OID TYPE NAME: a vendor-private counter bound to a simulated page counter
            Entry e;
            if (!parseOid(tk[1], e.oid))
                return fail("bad OID '" + tk[1] + "'");
            int id = counterByName(tk[3]);
            if (id < 0)
                return fail("unknown counter name '" + tk[3] + "'");
            if (tk[2] == "counter")
                e.value = Value::counter32(0);
            else if (tk[2] == "counter64")
                e.value = Value::counter64(0);
            else if (tk[2] == "int")
                e.value = Value::integer(0);
            else if (tk[2] == "gauge")
                e.value = Value::gauge32(0);
            else
                return fail("counter type must be counter, counter64, int or gauge");
            e.dyn = Dyn::Counter;
            e.param = static_cast<std::uint16_t>(id);
            extra.push_back(std::move(e));
        } else if (k == "oid" && need(4)) {
            // oid OID TYPE VALUE: a static value
            Entry e;
            if (!parseOid(tk[1], e.oid))
                return fail("bad OID '" + tk[1] + "'");
            const std::string &ty = tk[2];
            const std::string &v = tk[3];
            if (ty == "int" || ty == "counter" || ty == "gauge" || ty == "ticks" || ty == "counter64") {
                if (!toInt(v, num))
                    return fail("bad number '" + v + "'");
                if (ty == "int" && (num < INT32_MIN || num > INT32_MAX))
                    return fail("integer out of range");
                if (ty != "int" && ty != "counter64" && (num < 0 || num > 0xFFFFFFFFll))
                    return fail("unsigned 32-bit value out of range");
                e.value.type = ty == "int"       ? tag::Integer
                               : ty == "counter" ? tag::Counter32
                               : ty == "gauge"   ? tag::Gauge32
                               : ty == "ticks"   ? tag::TimeTicks
                                                 : tag::Counter64;
                e.value.num = num;
            } else if (ty == "str") {
                e.value = Value::octets(v);
            } else if (ty == "hex") {
                if (!parseHex(v, e.value.str))
                    return fail("bad hex string '" + v + "'");
                e.value.type = tag::OctetString;
            } else if (ty == "oid") {
                Oid o;
                if (!parseOid(v, o))
                    return fail("bad OID value '" + v + "'");
                e.value = Value::objectId(o);
            } else {
                return fail("unknown value type '" + ty + "' (int, counter, gauge, ticks, counter64, str, hex, oid)");
            }
            extra.push_back(std::move(e));
        } else {
            return fail("unknown or incomplete directive '" + k + "'");
        }
    }
    if (t.name.empty() || t.vendor.empty() || t.model.empty() || t.enterprise == 0 || t.macPrefix.empty() ||
        t.sysObjectId.empty())
        return fail("template needs name, vendor, model, enterprise, mac-prefix and sys-object-id");
    if (t.supplies.empty() || t.inputs.empty())
        return fail("template needs at least one supply and one input");
    expandStandardTree(t);
    for (Entry &e : extra) {
        if (oidStartsWith(e.oid, kPrtAlertEntry)) {
            error = path + ": prtAlertTable is simulated per device and cannot be set in a template";
            return false;
        }
        t.entries.push_back(std::move(e));
    }
    std::stable_sort(t.entries.begin(), t.entries.end(), [](const Entry &a, const Entry &b) { return a.oid < b.oid; });
    for (std::size_t i = 1; i < t.entries.size(); ++i) {
        if (t.entries[i].oid == t.entries[i - 1].oid) {
            error = path + ": OID " + oidToString(t.entries[i].oid) + " is defined twice";
            return false;
        }
    }
    return true;
}

bool loadTemplateDir(const std::string &dir, std::vector<Template> &out, std::string &error)
{
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto &de : std::filesystem::directory_iterator(dir, ec))
        if (de.path().extension() == ".tmpl")
            files.push_back(de.path().string());
    if (ec) {
        error = dir + ": cannot read template directory: " + ec.message();
        return false;
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        error = dir + ": no *.tmpl template files";
        return false;
    }
    for (const std::string &f : files) {
        Template t;
        if (!loadTemplate(f, t, error))
            return false;
        out.push_back(std::move(t));
    }
    return true;
}

} // namespace fleetsim
