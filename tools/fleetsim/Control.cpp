#include "Control.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>

namespace fleetsim {

namespace {

QString hex(const std::string &s, char sep = ':')
{
    static const char digits[] = "0123456789ABCDEF";
    QString out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i && sep)
            out += QLatin1Char(sep);
        const auto c = static_cast<unsigned char>(s[i]);
        out += QLatin1Char(digits[c >> 4]);
        out += QLatin1Char(digits[c & 0xF]);
    }
    return out;
}

QJsonObject fail(const QString &msg)
{
    return QJsonObject{{"ok", false}, {"error", msg}};
}

bool selectOne(Fleet &fleet, const QString &text, std::vector<std::size_t> &out, QString &error)
{
    const QString t = text.trimmed();
    if (t == QLatin1String("all")) {
        for (std::size_t i = 0; i < fleet.size(); ++i)
            out.push_back(i);
        return true;
    }
    const qsizetype dash = t.indexOf(QLatin1Char('-'));
    const QString a = dash < 0 ? t : t.left(dash);
    const QString b = dash < 0 ? t : t.mid(dash + 1);
    if (a.contains(QLatin1Char('.'))) {
        std::uint32_t lo = 0, hi = 0;
        if (!parseAddress(a.toStdString(), lo) || !parseAddress(b.toStdString(), hi) || hi < lo) {
            error = QStringLiteral("bad address selector '%1'").arg(t);
            return false;
        }
        if (hi - lo > 1000000) {
            error = QStringLiteral("address range too large");
            return false;
        }
        for (std::uint64_t x = lo; x <= hi; ++x) {
            if (Device *d = fleet.findByAddress(static_cast<std::uint32_t>(x)))
                out.push_back(d->index);
        }
        if (out.empty()) {
            error = QStringLiteral("no simulated device at '%1'").arg(t);
            return false;
        }
        return true;
    }
    bool ok1 = false, ok2 = false;
    const qulonglong lo = a.toULongLong(&ok1), hi = b.toULongLong(&ok2);
    if (!ok1 || !ok2 || hi < lo || hi >= fleet.size()) {
        error = QStringLiteral("bad device selector '%1' (indexes 0..%2, addresses, ranges or all)")
                    .arg(t)
                    .arg(fleet.size() - 1);
        return false;
    }
    for (qulonglong i = lo; i <= hi; ++i)
        out.push_back(static_cast<std::size_t>(i));
    return true;
}

QJsonObject describe(Fleet &fleet, Device &d)
{
    std::lock_guard lock(d.mutex);
    d.catchUp();
    const Template &t = *d.tmpl;
    QJsonObject counters;
    for (int i = 0; i < CtCount; ++i)
        counters.insert(QString::fromLatin1(counterName(i)), static_cast<qint64>(d.counters[i]));
    QJsonArray supplies;
    for (std::size_t i = 0; i < t.supplies.size(); ++i)
        supplies.append(QJsonObject{{"index", t.supplies[i].index},
                                    {"description", QString::fromStdString(t.supplies[i].description)},
                                    {"maxCapacity", t.supplies[i].maxCapacity},
                                    {"level", static_cast<qint64>(d.supplies[i].level)}});
    QJsonArray inputs;
    for (std::size_t i = 0; i < t.inputs.size(); ++i)
        inputs.append(QJsonObject{{"index", t.inputs[i].index},
                                  {"name", QString::fromStdString(t.inputs[i].name)},
                                  {"maxCapacity", t.inputs[i].maxCapacity},
                                  {"level", d.inputLevels[i]}});
    QJsonArray alerts;
    for (const Alert &a : d.alerts)
        alerts.append(QJsonObject{{"index", a.index},
                                  {"kind", QString::fromLatin1(alertKindName(a.kind))},
                                  {"subunit", a.subunit},
                                  {"severity", a.severity},
                                  {"group", a.group},
                                  {"code", a.code},
                                  {"description", QString::fromStdString(a.description)},
                                  {"manual", a.manual}});
    return QJsonObject{
        {"ok", true},
        {"index", static_cast<qint64>(d.index)},
        {"address", QString::fromStdString(addressToString(d.address))},
        {"port", fleet.config().port},
        {"template", QString::fromStdString(t.name)},
        {"vendor", QString::fromStdString(t.vendor)},
        {"model", QString::fromStdString(t.model)},
        {"enterprise", static_cast<qint64>(t.enterprise)},
        {"color", t.color},
        {"serial", QString::fromStdString(d.serial)},
        {"mac", hex(d.mac)},
        {"engineId", hex(d.engineId, 0)},
        {"engineBoots", static_cast<qint64>(d.boots)},
        {"engineTime", static_cast<qint64>(d.engineTime())},
        {"sysUpTime", static_cast<qint64>(d.upTimeTicks())},
        {"sysName", QString::fromStdString(d.sysName)},
        {"sysLocation", QString::fromStdString(d.sysLocation)},
        {"sysContact", QString::fromStdString(d.sysContact)},
        {"lifeCount", static_cast<qint64>(d.counters[CtTotal] & 0xFFFFFFFFu)},
        {"counters", counters},
        {"supplies", supplies},
        {"inputs", inputs},
        {"alerts", alerts},
        {"errorState", hex(d.errorStateBits(), 0)},
        {"hrPrinterStatus", d.hrPrinterStatus()},
        {"hrDeviceStatus", d.hrDeviceStatus()},
        {"configChanges", static_cast<qint64>(d.configChanges)},
        {"sleeping", d.sleeping},
        {"printing", d.printing},
        {"packetsIn", static_cast<qint64>(d.packetsIn)},
        {"packetsOut", static_cast<qint64>(d.packetsOut)},
    };
}

} // namespace

std::vector<std::string> snmpdOverrides(Device &d)
{
    std::lock_guard lock(d.mutex);
    d.catchUp();
    std::vector<std::string> lines;
    std::vector<Entry> all = d.tmpl->entries;
    all.insert(all.end(), d.alertEntries.begin(), d.alertEntries.end());
    for (const Entry &e : all) {
        const Value v = d.resolve(e);
        std::string type, text;
        switch (v.type) {
        case tag::Integer:
            type = "integer";
            text = std::to_string(v.num);
            break;
        case tag::Gauge32:
            type = "uinteger";
            text = std::to_string(v.num);
            break;
        case tag::Counter32:
            type = "counter";
            text = std::to_string(v.num);
            break;
        case tag::ObjectId:
            type = "object_id";
            text = "." + oidToString(v.oid);
            break;
        case tag::OctetString: {
            type = "octet_str";
            bool printable = !v.str.empty();
            for (char c : v.str)
                printable = printable && c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
            if (printable) {
                text = "\"" + v.str + "\"";
            } else {
                static const char digits[] = "0123456789abcdef";
                text = "0x";
                for (char c : v.str) {
                    text.push_back(digits[static_cast<unsigned char>(c) >> 4]);
                    text.push_back(digits[static_cast<unsigned char>(c) & 0xF]);
                }
                if (v.str.empty())
                    text = "\"\"";
            }
            break;
        }
        default:
            continue; // TimeTicks, Counter64, IpAddress: no override type
        }
        lines.push_back("override ." + oidToString(e.oid) + " " + type + " " + text);
    }
    return lines;
}

bool selectDevices(Fleet &fleet, const QJsonValue &sel, std::vector<std::size_t> &out, QString &error)
{
    out.clear();
    if (sel.isUndefined() || sel.isNull()) {
        error = QStringLiteral("missing \"devices\" selector");
        return false;
    }
    if (sel.isArray()) {
        // Each element selects into its own list (the recursive call clears it).
        std::vector<std::size_t> one;
        for (const QJsonValue &v : sel.toArray()) {
            if (!selectDevices(fleet, v, one, error))
                return false;
            out.insert(out.end(), one.begin(), one.end());
        }
        return true;
    }
    if (sel.isDouble()) {
        const double x = sel.toDouble();
        if (x < 0 || x >= static_cast<double>(fleet.size()) || x != static_cast<double>(static_cast<qint64>(x))) {
            error = QStringLiteral("device index out of range");
            return false;
        }
        out.push_back(static_cast<std::size_t>(x));
        return true;
    }
    if (sel.isString())
        return selectOne(fleet, sel.toString(), out, error);
    error = QStringLiteral("device selector must be a number, string or array");
    return false;
}

QJsonObject executeCommand(Fleet &fleet, const QJsonObject &c)
{
    const QString cmd = c.value("cmd").toString();
    std::vector<std::size_t> sel;
    QString error;
    auto needDevices = [&](const char *key = "devices") {
        QJsonValue v = c.value(QLatin1String(key));
        if (v.isUndefined())
            v = c.value(QLatin1String("device"));
        return selectDevices(fleet, v, sel, error);
    };
    if (cmd == "ping")
        return QJsonObject{{"ok", true}};
    if (cmd == "stats") {
        return QJsonObject{{"ok", true},
                           {"devices", static_cast<qint64>(fleet.size())},
                           {"requests", static_cast<qint64>(fleet.requests.load())},
                           {"responses", static_cast<qint64>(fleet.responses.load())},
                           {"dropped", static_cast<qint64>(fleet.dropped.load())},
                           {"badPackets", static_cast<qint64>(fleet.badPackets.load())},
                           {"simTimeMs", static_cast<qint64>(fleet.simNowMs())},
                           {"speed", fleet.speed()}};
    }
    if (cmd == "advance") {
        const double s = c.value("seconds").toDouble(-1);
        if (!(s >= 0 && s <= 365.0 * 86400))
            return fail("advance needs \"seconds\" between 0 and one year");
        fleet.advanceSim(static_cast<std::int64_t>(s * 1000));
        return QJsonObject{{"ok", true}, {"simTimeMs", static_cast<qint64>(fleet.simNowMs())}};
    }
    if (cmd == "speed") {
        const double f = c.value("factor").toDouble(-1);
        if (!(f >= 0 && f <= 100000))
            return fail("speed needs \"factor\" between 0 and 100000");
        fleet.setSpeed(f);
        return QJsonObject{{"ok", true}};
    }
    if (cmd == "device") {
        if (!needDevices() || sel.size() != 1)
            return fail(error.isEmpty() ? QStringLiteral("select exactly one device") : error);
        return describe(fleet, fleet.device(sel[0]));
    }
    if (cmd == "oids") {
        if (!needDevices() || sel.size() != 1)
            return fail(error.isEmpty() ? QStringLiteral("select exactly one device") : error);
        Device &d = fleet.device(sel[0]);
        QJsonArray arr;
        std::lock_guard lock(d.mutex);
        d.catchUp();
        for (const Oid &o : d.allOids())
            arr.append(QString::fromStdString(oidToString(o)));
        return QJsonObject{{"ok", true}, {"oids", arr}};
    }
    if (cmd == "snmpd-overrides") {
        if (!needDevices() || sel.size() != 1)
            return fail(error.isEmpty() ? QStringLiteral("select exactly one device") : error);
        QJsonArray lines;
        for (const std::string &l : snmpdOverrides(fleet.device(sel[0])))
            lines.append(QString::fromStdString(l));
        return QJsonObject{{"ok", true}, {"lines", lines}};
    }
    if (cmd == "move") {
        if (!needDevices() || sel.size() != 1)
            return fail(error.isEmpty() ? QStringLiteral("select exactly one device") : error);
        std::uint32_t addr = 0;
        if (!parseAddress(c.value("address").toString().toStdString(), addr))
            return fail("move needs \"address\" as a dotted IPv4 address");
        std::string err;
        if (!fleet.moveDevice(sel[0], addr, err))
            return fail(QString::fromStdString(err));
        return QJsonObject{{"ok", true}};
    }
    if (!needDevices())
        return fail(error);
    QJsonObject reply{{"ok", true}, {"count", static_cast<qint64>(sel.size())}};
    if (cmd == "fault") {
        for (const QString &k : c.keys()) {
            if (k != "cmd" && k != "devices" && k != "device" && k != "silent" && k != "delayMs" &&
                k != "lossPercent" && k != "malformed" && k != "truncate" && k != "engineTimeOffset")
                return fail(QStringLiteral("unknown fault '%1' (silent, delayMs, lossPercent, malformed, truncate, "
                                           "engineTimeOffset)")
                                .arg(k));
        }
        const int delay = c.value("delayMs").toInt(0);
        const int loss = c.value("lossPercent").toInt(0);
        if (delay < 0 || delay > 60000 || loss < 0 || loss > 100)
            return fail("delayMs must be 0..60000 and lossPercent 0..100");
        for (std::size_t i : sel) {
            Device &d = fleet.device(i);
            std::lock_guard lock(d.mutex);
            if (c.contains("silent"))
                d.faults.silent = c.value("silent").toBool();
            if (c.contains("delayMs"))
                d.faults.delayMs = delay;
            if (c.contains("lossPercent"))
                d.faults.lossPercent = loss;
            if (c.contains("malformed"))
                d.faults.malformed = c.value("malformed").toBool();
            if (c.contains("truncate"))
                d.faults.truncate = c.value("truncate").toBool();
            if (c.contains("engineTimeOffset"))
                d.faults.engineTimeOffset = static_cast<std::int64_t>(c.value("engineTimeOffset").toDouble());
        }
        return reply;
    }
    if (cmd == "clear-faults") {
        for (std::size_t i : sel) {
            Device &d = fleet.device(i);
            std::lock_guard lock(d.mutex);
            d.faults = Faults{};
        }
        return reply;
    }
    if (cmd == "swap" || cmd == "reboot") {
        for (std::size_t i : sel) {
            Device &d = fleet.device(i);
            std::lock_guard lock(d.mutex);
            d.catchUp();
            if (cmd == "swap")
                d.swap();
            else
                d.reboot();
        }
        return reply;
    }
    if (cmd == "alert") {
        AlertKind kind{};
        if (!parseAlertKind(c.value("kind").toString().toStdString(), kind))
            return fail("alert needs \"kind\": jam, doorOpen, tonerLow, tonerEmpty, paperLow, paperEmpty, offline, "
                        "serviceRequested or wasteNearFull");
        const QString action = c.value("action").toString("raise");
        if (action != "raise" && action != "clear")
            return fail("alert \"action\" must be raise or clear");
        const int subunit = c.value("subunit").toInt(action == "raise" ? 1 : 0);
        if (subunit < 0 || subunit > 64)
            return fail("alert \"subunit\" must be 0..64");
        for (std::size_t i : sel) {
            Device &d = fleet.device(i);
            std::lock_guard lock(d.mutex);
            d.catchUp();
            if (action == "raise")
                d.raiseAlert(kind, subunit, true);
            else
                d.clearAlert(kind, subunit);
        }
        return reply;
    }
    if (cmd == "supply" || cmd == "input") {
        const int index = c.value("index").toInt(-1);
        const double level = c.value("level").toDouble(-100);
        if (level < -3 || level > 100000000)
            return fail("\"level\" must be -3..100000000");
        for (std::size_t i : sel) {
            Device &d = fleet.device(i);
            std::lock_guard lock(d.mutex);
            d.catchUp();
            bool found = false;
            if (cmd == "supply") {
                for (std::size_t s = 0; s < d.tmpl->supplies.size(); ++s) {
                    if (d.tmpl->supplies[s].index == index) {
                        d.setSupplyLevel(s, static_cast<std::int64_t>(level));
                        found = true;
                    }
                }
            } else {
                for (std::size_t s = 0; s < d.tmpl->inputs.size(); ++s) {
                    if (d.tmpl->inputs[s].index == index) {
                        d.inputLevels[s] = static_cast<int>(level);
                        found = true;
                    }
                }
            }
            if (!found)
                return fail(QStringLiteral("device %1 has no %2 with index %3").arg(i).arg(cmd).arg(index));
        }
        return reply;
    }
    if (cmd == "sleep") {
        const bool on = c.value("on").toBool(true);
        for (std::size_t i : sel) {
            Device &d = fleet.device(i);
            std::lock_guard lock(d.mutex);
            d.catchUp();
            d.sleeping = on;
            d.printing = false;
            d.jobMinutesLeft = 0;
            d.idleMinutes = on ? d.tmpl->sleepAfter : 0;
        }
        return reply;
    }
    if (cmd == "set") {
        for (std::size_t i : sel) {
            Device &d = fleet.device(i);
            std::lock_guard lock(d.mutex);
            if (c.contains("sysName"))
                d.sysName = c.value("sysName").toString().toStdString();
            if (c.contains("sysLocation"))
                d.sysLocation = c.value("sysLocation").toString().toStdString();
            if (c.contains("sysContact"))
                d.sysContact = c.value("sysContact").toString().toStdString();
        }
        return reply;
    }
    return fail(QStringLiteral("unknown command '%1'").arg(cmd));
}

ControlServer::ControlServer(Fleet &fleet, QObject *parent) : QObject(parent), m_fleet(fleet)
{
    connect(&m_server, &QLocalServer::newConnection, this, &ControlServer::onConnection);
}

bool ControlServer::listen(const QString &path, QString &error)
{
    QLocalServer::removeServer(path);
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server.listen(path)) {
        error = QStringLiteral("cannot listen on control socket %1: %2").arg(path, m_server.errorString());
        return false;
    }
    return true;
}

void ControlServer::onConnection()
{
    while (QLocalSocket *s = m_server.nextPendingConnection()) {
        connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
        connect(s, &QLocalSocket::readyRead, this, [this, s] {
            while (s->canReadLine()) {
                const QByteArray line = s->readLine(1 << 20).trimmed();
                if (line.isEmpty())
                    continue;
                QJsonParseError pe{};
                const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
                QJsonObject reply;
                if (pe.error != QJsonParseError::NoError || !doc.isObject())
                    reply = fail(QStringLiteral("request is not a JSON object: %1").arg(pe.errorString()));
                else
                    reply = executeCommand(m_fleet, doc.object());
                s->write(QJsonDocument(reply).toJson(QJsonDocument::Compact) + '\n');
            }
            if (s->bytesAvailable() > (1 << 20)) {
                s->write(R"({"ok":false,"error":"request line longer than 1 MiB"})"
                         "\n");
                s->disconnectFromServer();
            }
        });
    }
}

} // namespace fleetsim
