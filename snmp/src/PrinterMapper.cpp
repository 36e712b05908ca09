#include <netgateway/snmp/PrinterModel.h>
#include <netgateway/snmp/VendorProfile.h>

#include <QJsonArray>
#include <QStringDecoder>

#include <algorithm>
#include <limits>

namespace netgateway::snmp {

namespace {

// Percent of a supply left, 0-100, for a level >= 0 and a capacity > 0, without
// overflowing whatever a device reports.
int supplyPercent(qint64 level, qint64 maxCapacity)
{
    if (level >= maxCapacity) {
        return 100;
    }
    constexpr qint64 kSafe = std::numeric_limits<qint64>::max() / 100;
    const qint64 percent = level <= kSafe ? level * 100 / maxCapacity : level / (maxCapacity / 100);
    return static_cast<int>(std::clamp<qint64>(percent, 0, 100));
}

constexpr qsizetype kMaxText = 1024;

Oid oid(std::initializer_list<std::uint32_t> parts)
{
    return Oid(QList<std::uint32_t>(parts));
}

const Oid kSysDescr = oid({1, 3, 6, 1, 2, 1, 1, 1, 0});
const Oid kSysObjectId = oid({1, 3, 6, 1, 2, 1, 1, 2, 0});
const Oid kSysName = oid({1, 3, 6, 1, 2, 1, 1, 5, 0});
const Oid kSysLocation = oid({1, 3, 6, 1, 2, 1, 1, 6, 0});
const Oid kIfPhysAddress = oid({1, 3, 6, 1, 2, 1, 2, 2, 1, 6});
const Oid kHrDeviceType = oid({1, 3, 6, 1, 2, 1, 25, 3, 2, 1, 2});
const Oid kHrDeviceDescr = oid({1, 3, 6, 1, 2, 1, 25, 3, 2, 1, 3});
const Oid kHrDeviceStatus = oid({1, 3, 6, 1, 2, 1, 25, 3, 2, 1, 5});
const Oid kHrDevicePrinter = oid({1, 3, 6, 1, 2, 1, 25, 3, 1, 5});
const Oid kHrPrinterStatus = oid({1, 3, 6, 1, 2, 1, 25, 3, 5, 1, 1});
const Oid kHrPrinterErrorState = oid({1, 3, 6, 1, 2, 1, 25, 3, 5, 1, 2});
const Oid kPrtGeneralEntry = oid({1, 3, 6, 1, 2, 1, 43, 5, 1, 1});
const Oid kPrtMarkerEntry = oid({1, 3, 6, 1, 2, 1, 43, 10, 2, 1});
const Oid kPrtSuppliesEntry = oid({1, 3, 6, 1, 2, 1, 43, 11, 1, 1});
const Oid kPrtColorantEntry = oid({1, 3, 6, 1, 2, 1, 43, 12, 1, 1});
const Oid kPrtInputEntry = oid({1, 3, 6, 1, 2, 1, 43, 8, 2, 1});
const Oid kPrtAlertEntry = oid({1, 3, 6, 1, 2, 1, 43, 18, 1, 1});
const Oid kEntPhysicalFirmwareRev = oid({1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1, 9});
const Oid kEnterprises = oid({1, 3, 6, 1, 4, 1});

QString indexString(const Oid &full, qsizetype prefixLength)
{
    QStringList parts;
    for (qsizetype i = prefixLength; i < full.size(); ++i) {
        parts << QString::number(full.parts().at(i));
    }
    return parts.join(u'.');
}

class Mapper {
public:
    Mapper(const ValueMap &v, PrinterModel &m) : values(v), model(m) {}

    const ValueMap &values;
    PrinterModel &model;

    void error(const QString &field, const Oid &at, const QString &message)
    {
        if (model.errors.size() < 500) {
            model.errors.append({field, at.toString(), message});
        }
    }

    const Value *find(const Oid &o) const
    {
        const auto it = values.constFind(o);
        return it == values.cend() || it->isException() ? nullptr : &it.value();
    }

    QString text(const QString &field, const Oid &at, const Value &v)
    {
        if (v.type != Value::Type::OctetString) {
            error(field, at, QStringLiteral("expected OCTET STRING, got %1").arg(QLatin1String(typeName(v.type))));
            return {};
        }
        QByteArray bytes = v.bytes;
        if (bytes.size() > kMaxText) {
            error(field, at, QStringLiteral("%1 bytes long; kept the first %2").arg(bytes.size()).arg(kMaxText));
            bytes.truncate(kMaxText);
        }
        // Agents pad with NULs and trailing blanks.
        while (!bytes.isEmpty() && (bytes.endsWith('\0') || bytes.endsWith(' '))) {
            bytes.chop(1);
        }
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString out = decoder.decode(bytes);
        if (decoder.hasError()) {
            error(field, at, QStringLiteral("not valid UTF-8; read as Latin-1"));
            out = QString::fromLatin1(bytes);
        }
        // Control characters would garble logs and terminals.
        for (QChar &c : out) {
            if (c.unicode() < 0x20 || c.unicode() == 0x7F) {
                c = u' ';
            }
        }
        return out.trimmed();
    }

    QString textAt(const QString &field, const Oid &at)
    {
        const Value *v = find(at);
        return v ? text(field, at, *v) : QString();
    }

    std::optional<qint64> integer(const QString &field, const Oid &at, const Value &v)
    {
        if (v.type == Value::Type::Integer) {
            return v.integer;
        }
        if (v.isUnsignedType() && v.type != Value::Type::Counter64) {
            return static_cast<qint64>(v.unsigned64 & 0xFFFFFFFFu);
        }
        error(field, at, QStringLiteral("expected INTEGER, got %1").arg(QLatin1String(typeName(v.type))));
        return std::nullopt;
    }

    std::optional<quint64> counter(const QString &field, const Oid &at, const Value &v)
    {
        if (v.isUnsignedType()) {
            return v.unsigned64;
        }
        if (v.type == Value::Type::Integer) {
            if (v.integer < 0) {
                error(field, at, QStringLiteral("negative counter value %1").arg(v.integer));
                return std::nullopt;
            }
            return static_cast<quint64>(v.integer);
        }
        error(field, at, QStringLiteral("expected a counter, got %1").arg(QLatin1String(typeName(v.type))));
        return std::nullopt;
    }

    void identity(const VendorProfile *profile)
    {
        model.sysDescr = textAt(QStringLiteral("sysDescr"), kSysDescr);
        model.sysName = textAt(QStringLiteral("sysName"), kSysName);
        model.location = textAt(QStringLiteral("location"), kSysLocation);
        if (const Value *v = find(kSysObjectId)) {
            if (v->type != Value::Type::ObjectId) {
                error(QStringLiteral("sysObjectId"), kSysObjectId,
                      QStringLiteral("expected OBJECT IDENTIFIER, got %1").arg(QLatin1String(typeName(v->type))));
            } else {
                model.sysObjectId = v->oid.toString();
                if (v->oid.size() > kEnterprises.size() && v->oid.startsWith(kEnterprises)) {
                    model.enterprise = v->oid.parts().at(kEnterprises.size());
                }
            }
        }
        if (profile && profile->enterprise != 0 && profile->enterprise == model.enterprise) {
            model.manufacturer = profile->manufacturer;
        } else {
            model.manufacturer = manufacturerForEnterprise(model.enterprise);
        }
        if (profile) {
            model.profile = profile->name;
        }

        // The printer among hrDeviceTable's rows; the first one when no row says so.
        QString printerIndex;
        const auto types = columnOf(kHrDeviceType);
        for (const auto &[index, value] : types) {
            if (value->type == Value::Type::ObjectId && value->oid == kHrDevicePrinter) {
                printerIndex = index;
                break;
            }
        }
        const auto descrs = columnOf(kHrDeviceDescr);
        if (printerIndex.isEmpty() && !descrs.isEmpty()) {
            printerIndex = descrs.first().first;
        }
        if (printerIndex.isEmpty()) {
            const auto statuses = columnOf(kHrPrinterStatus);
            if (!statuses.isEmpty()) {
                printerIndex = statuses.first().first;
            }
        }
        devIndex = printerIndex;
        if (!printerIndex.isEmpty()) {
            model.model = textAt(QStringLiteral("model"), withIndex(kHrDeviceDescr, printerIndex));
        }
        model.serialNumber = textAt(QStringLiteral("serialNumber"), firstRow(kPrtGeneralEntry, 17));
        model.firmware = textAt(QStringLiteral("firmware"), firstRow(kEntPhysicalFirmwareRev, 0));
        if (profile) {
            for (auto it = profile->identity.cbegin(); it != profile->identity.cend(); ++it) {
                const QString value = textAt(it.key(), it.value());
                if (value.isEmpty()) {
                    continue;
                }
                if (it.key() == QLatin1String("model")) {
                    model.model = value;
                } else if (it.key() == QLatin1String("serialNumber")) {
                    model.serialNumber = value;
                } else if (it.key() == QLatin1String("firmware")) {
                    model.firmware = value;
                }
            }
        }
        for (const auto &[index, value] : columnOf(kIfPhysAddress)) {
            const Oid at = withIndex(kIfPhysAddress, index);
            if (value->type != Value::Type::OctetString) {
                error(QStringLiteral("macAddress"), at,
                      QStringLiteral("expected OCTET STRING, got %1").arg(QLatin1String(typeName(value->type))));
                continue;
            }
            if (value->bytes.size() != 6 || value->bytes == QByteArray(6, '\0')) {
                continue; // loopback and other non-Ethernet interfaces
            }
            model.macAddress = QString::fromLatin1(value->bytes.toHex(':')).toUpper();
            break;
        }
    }

    QList<std::pair<QString, const Value *>> columnOf(const Oid &columnOid) const
    {
        QList<std::pair<QString, const Value *>> out;
        for (auto it = values.lowerBound(columnOid); it != values.cend() && it.key().startsWith(columnOid); ++it) {
            if (it.key().size() > columnOid.size() && !it->isException()) {
                out.append({indexString(it.key(), columnOid.size()), &it.value()});
            }
        }
        return out;
    }

    static Oid withIndex(const Oid &base, const QString &index)
    {
        Oid out = base;
        for (const QStringView part : QStringView(index).split(u'.')) {
            out = out.child(part.toUInt());
        }
        return out;
    }

    // The first instance of a column (e.g. prtGeneralSerialNumber.1).
    Oid firstRow(const Oid &entry, std::uint32_t col) const
    {
        const Oid prefix = col ? entry.child(col) : entry;
        const auto rows = columnOf(prefix);
        return rows.isEmpty() ? prefix.child(1) : withIndex(prefix, rows.first().first);
    }

    void status()
    {
        const Oid devStatusOid =
            devIndex.isEmpty() ? firstRow(kHrDeviceStatus, 0) : withIndex(kHrDeviceStatus, devIndex);
        if (const Value *v = find(devStatusOid)) {
            if (auto n = integer(QStringLiteral("hrDeviceStatus"), devStatusOid, *v)) {
                if (*n >= 1 && *n <= 5) {
                    model.hrDeviceStatus = static_cast<int>(*n);
                } else {
                    error(QStringLiteral("hrDeviceStatus"), devStatusOid,
                          QStringLiteral("value %1 is outside 1..5").arg(*n));
                }
            }
        }
        const Oid prStatusOid =
            devIndex.isEmpty() ? firstRow(kHrPrinterStatus, 0) : withIndex(kHrPrinterStatus, devIndex);
        if (const Value *v = find(prStatusOid)) {
            if (auto n = integer(QStringLiteral("hrPrinterStatus"), prStatusOid, *v)) {
                if (*n >= 1 && *n <= 5) {
                    model.hrPrinterStatus = static_cast<int>(*n);
                } else {
                    error(QStringLiteral("hrPrinterStatus"), prStatusOid,
                          QStringLiteral("value %1 is outside 1..5").arg(*n));
                }
            }
        }
        const Oid errOid =
            devIndex.isEmpty() ? firstRow(kHrPrinterErrorState, 0) : withIndex(kHrPrinterErrorState, devIndex);
        if (const Value *v = find(errOid)) {
            if (v->type != Value::Type::OctetString) {
                error(QStringLiteral("errorStates"), errOid,
                      QStringLiteral("expected OCTET STRING, got %1").arg(QLatin1String(typeName(v->type))));
            } else {
                if (v->bytes.size() > 8) {
                    error(QStringLiteral("errorStates"), errOid,
                          QStringLiteral("%1 octets long; only the first two are defined").arg(v->bytes.size()));
                }
                model.errorStates = decodeErrorState(v->bytes);
            }
        }
        model.status = overallStatus();
    }

    QString overallStatus() const
    {
        const bool offlineBit = model.errorStates.contains(QStringLiteral("offline"));
        const bool powerSaver =
            std::any_of(model.alerts.cbegin(), model.alerts.cend(), [](const Alert &a) { return a.code == 23; });
        const int dev = model.hrDeviceStatus.value_or(0);
        const int prn = model.hrPrinterStatus.value_or(0);
        if (offlineBit) {
            return QStringLiteral("offline");
        }
        if (dev == 5) {
            return QStringLiteral("down");
        }
        if (dev == 4) {
            return QStringLiteral("testing");
        }
        // RFC 3805 leaves energy saving to hrPrinterStatus other(1) on a running
        // device, and IANA-PRINTER-MIB has the subunitPowerSaver(23) alert.
        if (powerSaver || ((dev == 2 || dev == 3) && prn == 1)) {
            return QStringLiteral("sleeping");
        }
        if (dev == 3) {
            return QStringLiteral("warning");
        }
        switch (prn) {
        case 3:
            return QStringLiteral("idle");
        case 4:
            return QStringLiteral("printing");
        case 5:
            return QStringLiteral("warmup");
        default:
            return QStringLiteral("unknown");
        }
    }

    void counters(const VendorProfile *profile)
    {
        const auto lifeCounts = columnOf(kPrtMarkerEntry.child(4));
        if (!lifeCounts.isEmpty()) {
            const auto &[index, value] = lifeCounts.first();
            const Oid at = withIndex(kPrtMarkerEntry.child(4), index);
            model.totalCount = counter(QStringLiteral("counters.total"), at, *value);
            const Oid unitOid = withIndex(kPrtMarkerEntry.child(3), index);
            if (const Value *u = find(unitOid)) {
                if (auto n = integer(QStringLiteral("counters.unit"), unitOid, *u)) {
                    model.totalUnit = counterUnitName(static_cast<int>(*n));
                }
            }
        }
        if (!profile) {
            return;
        }
        for (auto it = profile->counters.cbegin(); it != profile->counters.cend(); ++it) {
            const auto found = values.constFind(it.value());
            if (found == values.cend() || found->isException()) {
                continue;
            }
            if (auto n = counter(QStringLiteral("counters.%1").arg(it.key()), it.value(), *found)) {
                if (it.key() == QLatin1String("total")) {
                    model.totalCount = *n;
                } else {
                    model.counters.insert(it.key(), *n);
                }
            }
        }
    }

    static QString counterUnitName(int unit)
    {
        switch (unit) {
        case 3:
            return QStringLiteral("tenThousandthsOfInches");
        case 4:
            return QStringLiteral("micrometers");
        case 5:
            return QStringLiteral("characters");
        case 6:
            return QStringLiteral("lines");
        case 7:
            return QStringLiteral("impressions");
        case 8:
            return QStringLiteral("sheets");
        case 9:
            return QStringLiteral("dotRow");
        case 11:
            return QStringLiteral("hours");
        case 16:
            return QStringLiteral("feet");
        case 17:
            return QStringLiteral("meters");
        default:
            return QStringLiteral("unit%1").arg(unit);
        }
    }

    std::optional<qint64> cell(const QString &field, const Oid &entry, std::uint32_t col, const QString &index)
    {
        const Oid at = withIndex(entry.child(col), index);
        const Value *v = find(at);
        if (!v) {
            return std::nullopt;
        }
        return integer(field, at, *v);
    }

    QString cellText(const QString &field, const Oid &entry, std::uint32_t col, const QString &index)
    {
        return textAt(field, withIndex(entry.child(col), index));
    }

    // Row indexes of a table: every index any column has.
    QStringList rowsOf(const Oid &entry) const
    {
        QStringList rows;
        QMap<Oid, QString> ordered;
        for (auto it = values.lowerBound(entry); it != values.cend() && it.key().startsWith(entry); ++it) {
            if (it.key().size() <= entry.size() + 1 || it->isException()) {
                continue;
            }
            const QString index = indexString(it.key(), entry.size() + 1);
            if (!rows.contains(index)) {
                rows.append(index);
                ordered.insert(withIndex(Oid(), index), index);
            }
            if (rows.size() > 256) {
                break;
            }
        }
        return ordered.values();
    }

    void supplies()
    {
        QMap<QString, QString> colorants;
        for (const QString &index : rowsOf(kPrtColorantEntry)) {
            colorants.insert(index, cellText(QStringLiteral("colorants[%1]").arg(index), kPrtColorantEntry, 4, index));
        }
        for (const QString &index : rowsOf(kPrtSuppliesEntry)) {
            const QString f = QStringLiteral("supplies[%1]").arg(index);
            Supply s;
            s.index = index;
            s.description = cellText(f + QStringLiteral(".description"), kPrtSuppliesEntry, 6, index);
            const auto cls = cell(f + QStringLiteral(".class"), kPrtSuppliesEntry, 4, index);
            s.supplyClass = cls == 3   ? QStringLiteral("consumed")
                            : cls == 4 ? QStringLiteral("receptacle")
                                       : QStringLiteral("other");
            s.type = static_cast<int>(cell(f + QStringLiteral(".type"), kPrtSuppliesEntry, 5, index).value_or(2));
            s.typeName = supplyTypeName(s.type);
            const int unit =
                static_cast<int>(cell(f + QStringLiteral(".unit"), kPrtSuppliesEntry, 7, index).value_or(2));
            s.unit = supplyUnitName(unit);
            const auto max = cell(f + QStringLiteral(".maxCapacity"), kPrtSuppliesEntry, 8, index);
            const auto level = cell(f + QStringLiteral(".level"), kPrtSuppliesEntry, 9, index);
            if (!level) {
                error(f + QStringLiteral(".level"), withIndex(kPrtSuppliesEntry.child(9), index),
                      QStringLiteral("missing (table truncated?)"));
            }
            s.maxCapacity = max.value_or(-2);
            s.level = level.value_or(-2);
            if (s.maxCapacity < -2 || s.maxCapacity == 0) {
                if (s.maxCapacity < -2) {
                    error(f + QStringLiteral(".maxCapacity"), withIndex(kPrtSuppliesEntry.child(8), index),
                          QStringLiteral("invalid value %1").arg(s.maxCapacity));
                }
                s.maxCapacity = s.maxCapacity == 0 ? 0 : -2;
            }
            if (s.level == -1) {
                s.state = QStringLiteral("other");
            } else if (s.level == -2) {
                s.state = QStringLiteral("unknown");
            } else if (s.level == -3) {
                s.state = QStringLiteral("someRemaining");
            } else if (s.level < 0) {
                error(f + QStringLiteral(".level"), withIndex(kPrtSuppliesEntry.child(9), index),
                      QStringLiteral("invalid value %1").arg(s.level));
                s.state = QStringLiteral("invalid");
            } else {
                if (s.maxCapacity > 0) {
                    s.percent = supplyPercent(s.level, s.maxCapacity);
                } else if (unit == 19 && s.maxCapacity < 0) {
                    s.percent = static_cast<int>(std::min<qint64>(100, s.level));
                }
                if (s.supplyClass == QLatin1String("receptacle")) {
                    s.state =
                        (s.maxCapacity > 0 && s.level >= s.maxCapacity) ? QStringLiteral("full") : QStringLiteral("ok");
                } else {
                    s.state = s.level == 0 ? QStringLiteral("empty") : QStringLiteral("ok");
                }
            }
            if (const auto ci = cell(f + QStringLiteral(".colorantIndex"), kPrtSuppliesEntry, 3, index);
                ci && *ci > 0) {
                const QString dev = index.section(u'.', 0, 0);
                s.colorant = colorants.value(dev + u'.' + QString::number(*ci));
            }
            model.supplies.append(s);
        }
    }

    void trays()
    {
        for (const QString &index : rowsOf(kPrtInputEntry)) {
            const QString f = QStringLiteral("trays[%1]").arg(index);
            Tray t;
            t.index = index;
            t.name = cellText(f + QStringLiteral(".name"), kPrtInputEntry, 13, index);
            t.description = cellText(f + QStringLiteral(".description"), kPrtInputEntry, 18, index);
            t.mediaName = cellText(f + QStringLiteral(".mediaName"), kPrtInputEntry, 12, index);
            t.maxCapacity = cell(f + QStringLiteral(".maxCapacity"), kPrtInputEntry, 9, index).value_or(-2);
            t.currentLevel = cell(f + QStringLiteral(".currentLevel"), kPrtInputEntry, 10, index).value_or(-2);
            t.status = static_cast<int>(cell(f + QStringLiteral(".status"), kPrtInputEntry, 11, index).value_or(0));
            t.state = t.currentLevel == -1   ? QStringLiteral("other")
                      : t.currentLevel == -2 ? QStringLiteral("unknown")
                      : t.currentLevel == -3 ? QStringLiteral("someRemaining")
                      : t.currentLevel == 0  ? QStringLiteral("empty")
                      : t.currentLevel > 0   ? QStringLiteral("ok")
                                             : QStringLiteral("invalid");
            model.trays.append(t);
        }
    }

    void alerts()
    {
        for (const QString &index : rowsOf(kPrtAlertEntry)) {
            const QString f = QStringLiteral("alerts[%1]").arg(index);
            Alert a;
            a.index = index;
            a.severity = severityName(
                static_cast<int>(cell(f + QStringLiteral(".severity"), kPrtAlertEntry, 2, index).value_or(1)));
            a.trainingLevel = trainingName(
                static_cast<int>(cell(f + QStringLiteral(".trainingLevel"), kPrtAlertEntry, 3, index).value_or(2)));
            a.group =
                groupName(static_cast<int>(cell(f + QStringLiteral(".group"), kPrtAlertEntry, 4, index).value_or(2)));
            a.groupIndex =
                static_cast<int>(cell(f + QStringLiteral(".groupIndex"), kPrtAlertEntry, 5, index).value_or(0));
            a.location = static_cast<int>(cell(f + QStringLiteral(".location"), kPrtAlertEntry, 6, index).value_or(0));
            a.code = static_cast<int>(cell(f + QStringLiteral(".code"), kPrtAlertEntry, 7, index).value_or(2));
            a.codeName = alertCodeName(a.code);
            a.description = cellText(f + QStringLiteral(".description"), kPrtAlertEntry, 8, index);
            a.time = static_cast<quint32>(
                std::max<qint64>(0, cell(f + QStringLiteral(".time"), kPrtAlertEntry, 9, index).value_or(0)));
            model.alerts.append(a);
        }
        const Oid cfg = firstRow(kPrtGeneralEntry, 1);
        if (const Value *v = find(cfg)) {
            if (auto n = counter(QStringLiteral("configChanges"), cfg, *v)) {
                model.configChanges = static_cast<quint32>(*n);
            }
        }
        const Oid events = firstRow(kPrtGeneralEntry, 19);
        if (const Value *v = find(events)) {
            if (auto n = counter(QStringLiteral("alertEvents"), events, *v)) {
                model.alertEvents = static_cast<quint32>(*n);
            }
        }
    }

    static QString supplyTypeName(int type)
    {
        static const char *const names[] = {nullptr,         "other",
                                            "unknown",       "toner",
                                            "wasteToner",    "ink",
                                            "inkCartridge",  "inkRibbon",
                                            "wasteInk",      "opc",
                                            "developer",     "fuserOil",
                                            "solidWax",      "ribbonWax",
                                            "wasteWax",      "fuser",
                                            "coronaWire",    "fuserOilWick",
                                            "cleanerUnit",   "fuserCleaningPad",
                                            "transferUnit",  "tonerCartridge",
                                            "fuserOiler",    "water",
                                            "wasteWater",    "glueWaterAdditive",
                                            "wastePaper",    "bindingSupply",
                                            "bandingSupply", "stitchingWire",
                                            "shrinkWrap",    "paperWrap",
                                            "staples",       "inserts",
                                            "covers",        "matteToner",
                                            "matteInk"};
        if (type >= 1 && type < static_cast<int>(std::size(names))) {
            return QLatin1String(names[type]);
        }
        return QStringLiteral("type%1").arg(type);
    }

    static QString supplyUnitName(int unit)
    {
        switch (unit) {
        case 1:
            return QStringLiteral("other");
        case 2:
            return QStringLiteral("unknown");
        case 3:
            return QStringLiteral("tenThousandthsOfInches");
        case 4:
            return QStringLiteral("micrometers");
        case 7:
            return QStringLiteral("impressions");
        case 8:
            return QStringLiteral("sheets");
        case 11:
            return QStringLiteral("hours");
        case 12:
            return QStringLiteral("thousandthsOfOunces");
        case 13:
            return QStringLiteral("tenthsOfGrams");
        case 14:
            return QStringLiteral("hundrethsOfFluidOunces");
        case 15:
            return QStringLiteral("tenthsOfMilliliters");
        case 16:
            return QStringLiteral("feet");
        case 17:
            return QStringLiteral("meters");
        case 18:
            return QStringLiteral("items");
        case 19:
            return QStringLiteral("percent");
        default:
            return QStringLiteral("unit%1").arg(unit);
        }
    }

    static QString severityName(int v)
    {
        switch (v) {
        case 3:
            return QStringLiteral("critical");
        case 4:
            return QStringLiteral("warning");
        case 5:
            return QStringLiteral("warningBinaryChangeEvent");
        default:
            return QStringLiteral("other");
        }
    }

    static QString trainingName(int v)
    {
        static const char *const names[] = {nullptr,   "other",        "unknown",    "untrained",
                                            "trained", "fieldService", "management", "noInterventionRequired"};
        return v >= 1 && v <= 7 ? QLatin1String(names[v]) : QStringLiteral("unknown");
    }

    static QString groupName(int v)
    {
        static const char *const names[] = {nullptr,
                                            "other",
                                            "unknown",
                                            "hostResourcesMIBStorageTable",
                                            "hostResourcesMIBDeviceTable",
                                            "generalPrinter",
                                            "cover",
                                            "localization",
                                            "input",
                                            "output",
                                            "marker",
                                            "markerSupplies",
                                            "markerColorant",
                                            "mediaPath",
                                            "channel",
                                            "interpreter",
                                            "consoleDisplayBuffer",
                                            "consoleLights",
                                            "alert"};
        if (v >= 1 && v <= 18) {
            return QLatin1String(names[v]);
        }
        switch (v) {
        case 30:
            return QStringLiteral("finDevice");
        case 31:
            return QStringLiteral("finSupply");
        case 32:
            return QStringLiteral("finSupplyMediaInput");
        case 33:
            return QStringLiteral("finAttribute");
        default:
            return QStringLiteral("group%1").arg(v);
        }
    }

    static QString alertCodeName(int v)
    {
        struct Entry {
            int code;
            const char *name;
        };
        static const Entry entries[] = {
            {1, "other"},
            {2, "unknown"},
            {3, "coverOpen"},
            {4, "coverClosed"},
            {5, "interlockOpen"},
            {6, "interlockClosed"},
            {7, "configurationChange"},
            {8, "jam"},
            {9, "subunitMissing"},
            {10, "subunitLifeAlmostOver"},
            {11, "subunitLifeOver"},
            {12, "subunitAlmostEmpty"},
            {13, "subunitEmpty"},
            {14, "subunitAlmostFull"},
            {15, "subunitFull"},
            {16, "subunitNearLimit"},
            {17, "subunitAtLimit"},
            {18, "subunitOpened"},
            {19, "subunitClosed"},
            {20, "subunitTurnedOn"},
            {21, "subunitTurnedOff"},
            {22, "subunitOffline"},
            {23, "subunitPowerSaver"},
            {24, "subunitWarmingUp"},
            {25, "subunitAdded"},
            {26, "subunitRemoved"},
            {501, "doorOpen"},
            {502, "doorClosed"},
            {503, "powerUp"},
            {504, "powerDown"},
            {801, "inputMediaTrayMissing"},
            {807, "inputMediaSupplyLow"},
            {808, "inputMediaSupplyEmpty"},
            {901, "outputMediaTrayMissing"},
            {902, "outputMediaTrayAlmostFull"},
            {903, "outputMediaTrayFull"},
            {1101, "markerTonerEmpty"},
            {1102, "markerInkEmpty"},
            {1104, "markerTonerAlmostEmpty"},
            {1105, "markerInkAlmostEmpty"},
            {1107, "markerWasteTonerReceptacleAlmostFull"},
            {1301, "mediaPathMediaTrayMissing"},
            {1302, "mediaPathMediaTrayAlmostFull"},
            {1303, "mediaPathMediaTrayFull"},
        };
        for (const auto &e : entries) {
            if (e.code == v) {
                return QLatin1String(e.name);
            }
        }
        return QStringLiteral("code%1").arg(v);
    }

    QString devIndex;
};

QJsonValue optionalNumber(qint64 v, bool present)
{
    return present ? QJsonValue(static_cast<double>(v)) : QJsonValue();
}

} // namespace

const QStringList &errorStateNames()
{
    static const QStringList names{
        QStringLiteral("lowPaper"),
        QStringLiteral("noPaper"),
        QStringLiteral("lowToner"),
        QStringLiteral("noToner"),
        QStringLiteral("doorOpen"),
        QStringLiteral("jammed"),
        QStringLiteral("offline"),
        QStringLiteral("serviceRequested"),
        QStringLiteral("inputTrayMissing"),
        QStringLiteral("outputTrayMissing"),
        QStringLiteral("markerSupplyMissing"),
        QStringLiteral("outputNearFull"),
        QStringLiteral("outputFull"),
        QStringLiteral("inputTrayEmpty"),
        QStringLiteral("overduePreventMaint"),
    };
    return names;
}

QStringList decodeErrorState(const QByteArray &bits)
{
    QStringList out;
    const QStringList &names = errorStateNames();
    for (qsizetype bit = 0; bit < names.size(); ++bit) {
        const qsizetype byte = bit / 8;
        if (byte >= bits.size()) {
            break;
        }
        const auto octet = static_cast<unsigned char>(bits.at(byte));
        if (octet & (0x80u >> (bit % 8))) {
            out << names.at(bit);
        }
    }
    return out;
}

AlertChanges diffAlerts(const QList<Alert> &before, const QList<Alert> &after)
{
    const auto same = [](const Alert &a, const Alert &b) {
        return a.index == b.index && a.code == b.code && a.group == b.group && a.location == b.location;
    };
    AlertChanges changes;
    for (const Alert &a : after) {
        if (std::none_of(before.cbegin(), before.cend(), [&](const Alert &b) { return same(a, b); })) {
            changes.raised.append(a);
        }
    }
    for (const Alert &b : before) {
        if (std::none_of(after.cbegin(), after.cend(), [&](const Alert &a) { return same(a, b); })) {
            changes.cleared.append(b);
        }
    }
    return changes;
}

QString manufacturerForEnterprise(quint32 enterprise)
{
    // IANA private enterprise numbers of printer makers.
    switch (enterprise) {
    case 11:
        return QStringLiteral("HP");
    case 236:
        return QStringLiteral("Samsung");
    case 253:
        return QStringLiteral("Xerox");
    case 367:
        return QStringLiteral("Ricoh");
    case 641:
        return QStringLiteral("Lexmark");
    case 1129:
        return QStringLiteral("Toshiba");
    case 1248:
        return QStringLiteral("Epson");
    case 1347:
        return QStringLiteral("Kyocera");
    case 1602:
        return QStringLiteral("Canon");
    case 2001:
        return QStringLiteral("OKI");
    case 2385:
        return QStringLiteral("Sharp");
    case 2435:
        return QStringLiteral("Brother");
    case 18334:
        return QStringLiteral("Konica Minolta");
    default:
        return {};
    }
}

PrinterModel mapPrinter(const ValueMap &values, const VendorProfile *profile)
{
    PrinterModel model;
    Mapper m(values, model);
    m.identity(profile);
    m.alerts();
    m.status();
    m.counters(profile);
    m.supplies();
    m.trays();
    return model;
}

QJsonObject toJson(const PrinterModel &m)
{
    QJsonObject o;
    o.insert(QStringLiteral("manufacturer"), m.manufacturer);
    o.insert(QStringLiteral("model"), m.model);
    o.insert(QStringLiteral("serialNumber"), m.serialNumber);
    o.insert(QStringLiteral("macAddress"), m.macAddress);
    o.insert(QStringLiteral("sysName"), m.sysName);
    o.insert(QStringLiteral("location"), m.location);
    o.insert(QStringLiteral("firmware"), m.firmware);
    o.insert(QStringLiteral("sysDescr"), m.sysDescr);
    o.insert(QStringLiteral("sysObjectId"), m.sysObjectId);
    o.insert(QStringLiteral("profile"), m.profile);
    o.insert(QStringLiteral("status"), m.status);
    o.insert(QStringLiteral("hrDeviceStatus"),
             optionalNumber(m.hrDeviceStatus.value_or(0), m.hrDeviceStatus.has_value()));
    o.insert(QStringLiteral("hrPrinterStatus"),
             optionalNumber(m.hrPrinterStatus.value_or(0), m.hrPrinterStatus.has_value()));
    o.insert(QStringLiteral("errorStates"), QJsonArray::fromStringList(m.errorStates));
    QJsonObject counters;
    counters.insert(QStringLiteral("total"),
                    optionalNumber(static_cast<qint64>(m.totalCount.value_or(0)), m.totalCount.has_value()));
    if (!m.totalUnit.isEmpty()) {
        counters.insert(QStringLiteral("totalUnit"), m.totalUnit);
    }
    for (auto it = m.counters.cbegin(); it != m.counters.cend(); ++it) {
        counters.insert(it.key(), static_cast<double>(it.value()));
    }
    o.insert(QStringLiteral("counters"), counters);
    QJsonArray supplies;
    for (const Supply &s : m.supplies) {
        supplies.append(QJsonObject{
            {QStringLiteral("index"), s.index},
            {QStringLiteral("description"), s.description},
            {QStringLiteral("type"), s.typeName},
            {QStringLiteral("colorant"), s.colorant},
            {QStringLiteral("class"), s.supplyClass},
            {QStringLiteral("unit"), s.unit},
            {QStringLiteral("level"), static_cast<double>(s.level)},
            {QStringLiteral("maxCapacity"), static_cast<double>(s.maxCapacity)},
            {QStringLiteral("percent"), s.percent ? QJsonValue(*s.percent) : QJsonValue()},
            {QStringLiteral("state"), s.state},
        });
    }
    o.insert(QStringLiteral("supplies"), supplies);
    QJsonArray trays;
    for (const Tray &t : m.trays) {
        trays.append(QJsonObject{
            {QStringLiteral("index"), t.index},
            {QStringLiteral("name"), t.name},
            {QStringLiteral("description"), t.description},
            {QStringLiteral("mediaName"), t.mediaName},
            {QStringLiteral("maxCapacity"), static_cast<double>(t.maxCapacity)},
            {QStringLiteral("currentLevel"), static_cast<double>(t.currentLevel)},
            {QStringLiteral("state"), t.state},
        });
    }
    o.insert(QStringLiteral("trays"), trays);
    QJsonArray alerts;
    for (const Alert &a : m.alerts) {
        alerts.append(QJsonObject{
            {QStringLiteral("index"), a.index},
            {QStringLiteral("severity"), a.severity},
            {QStringLiteral("trainingLevel"), a.trainingLevel},
            {QStringLiteral("group"), a.group},
            {QStringLiteral("groupIndex"), a.groupIndex},
            {QStringLiteral("location"), a.location},
            {QStringLiteral("code"), a.code},
            {QStringLiteral("codeName"), a.codeName},
            {QStringLiteral("description"), a.description},
            {QStringLiteral("time"), static_cast<double>(a.time)},
        });
    }
    o.insert(QStringLiteral("alerts"), alerts);
    QJsonArray errors;
    for (const FieldError &e : m.errors) {
        errors.append(QJsonObject{{QStringLiteral("field"), e.field},
                                  {QStringLiteral("oid"), e.oid},
                                  {QStringLiteral("message"), e.message}});
    }
    o.insert(QStringLiteral("fieldErrors"), errors);
    return o;
}

} // namespace netgateway::snmp
