#include <netgateway/core/discovery/AddressKey.h>
#include <netgateway/core/discovery/Inventory.h>

#include <netgateway/storage/Database.h>

#include <QRegularExpression>

namespace netgateway::core::discovery {

using storage::Statement;
using storage::Transaction;

namespace {

constexpr qsizetype kMaxFieldLength = 256;

const char kColumns[] = "id, serial_number, mac_address, address, previous_address, manufacturer, model, state, "
                        "found_via, found_by, credential_setting, credential_position, first_seen, last_seen, "
                        "missed_polls";

DeviceRecord readRecord(const Statement &st)
{
    const auto text = [&](int c) { return st.isNull(c) ? QString() : st.text(c); };
    DeviceRecord r;
    r.id = st.int64(0);
    r.serialNumber = text(1);
    r.macAddress = text(2);
    r.address = text(3);
    r.previousAddress = text(4);
    r.manufacturer = text(5);
    r.model = text(6);
    r.state = text(7);
    r.via = text(8).split(u',', Qt::SkipEmptyParts);
    r.foundBy = st.isNull(9) ? 0 : st.int64(9);
    r.credentialSetting = st.isNull(10) ? 0 : st.int64(10);
    r.credentialPosition = st.isNull(11) ? -1 : static_cast<int>(st.int64(11));
    r.firstSeen = st.int64(12);
    r.lastSeen = st.int64(13);
    r.missedPolls = static_cast<int>(st.int64(14));
    return r;
}

QString clip(const QString &s)
{
    QString out = s.trimmed().left(kMaxFieldLength);
    out.removeIf([](QChar c) { return c.category() == QChar::Other_Control; });
    return out;
}

void bindOptional(Statement &st, int index, const QString &value)
{
    if (value.isEmpty()) {
        st.bindNull(index);
    } else {
        st.bind(index, value);
    }
}

} // namespace

InventoryRepository::InventoryRepository(storage::Database &db, Clock &clock) : m_db(db), m_clock(clock)
{
}

QString InventoryRepository::normalizeSerial(const QString &serial)
{
    const QString s = clip(serial);
    static const QRegularExpression placeholder(
        QStringLiteral("^(0+|x+|-+|\\?+|n/?a|none|null|unknown|not available|serial ?number|123456789)$"),
        QRegularExpression::CaseInsensitiveOption);
    if (s.isEmpty() || placeholder.match(s).hasMatch()) {
        return {};
    }
    return s;
}

QString InventoryRepository::normalizeMac(const QString &mac)
{
    QString hex;
    for (const QChar c : mac) {
        if (c.isLetterOrNumber()) {
            hex.append(c.toLower());
        } else if (c != u':' && c != u'-' && c != u'.' && c != u' ') {
            return {};
        }
    }
    static const QRegularExpression twelveHex(QStringLiteral("^[0-9a-f]{12}$"));
    if (!twelveHex.match(hex).hasMatch() || hex == QLatin1String("000000000000") ||
        hex == QLatin1String("ffffffffffff")) {
        return {};
    }
    QString out;
    for (int i = 0; i < 12; i += 2) {
        if (i > 0) {
            out.append(u':');
        }
        out.append(QStringView(hex).mid(i, 2));
    }
    return out;
}

std::optional<DeviceRecord> InventoryRepository::lookup(const QString &serial, const QString &mac,
                                                        const QString &address)
{
    const auto one = [&](const QString &where, const QString &value) -> std::optional<DeviceRecord> {
        const QByteArray sql =
            QStringLiteral("SELECT %1 FROM devices WHERE %2 LIMIT 1").arg(QLatin1String(kColumns), where).toUtf8();
        Statement st(m_db, sql.constData());
        st.bind(1, value);
        if (st.step()) {
            return readRecord(st);
        }
        return std::nullopt;
    };
    if (!serial.isEmpty()) {
        if (auto r = one(QStringLiteral("serial_number = ?1"), serial)) {
            return r;
        }
    }
    if (!mac.isEmpty()) {
        // A record that has a different serial number is another device that
        // happens to report the same MAC (e.g. a cloned NIC): do not merge.
        if (auto r = one(QStringLiteral("mac_address = ?1"), mac)) {
            if (serial.isEmpty() || r->serialNumber.isEmpty()) {
                return r;
            }
        }
    }
    if (serial.isEmpty() && mac.isEmpty()) {
        // Without a physical key only an anonymous record at the same address
        // can be the same device.
        return one(QStringLiteral("address = ?1 AND serial_number IS NULL AND mac_address IS NULL"), address);
    }
    return std::nullopt;
}

std::optional<DeviceRecord> InventoryRepository::findByPhysicalKey(const QString &serialNumber, const QString &mac)
{
    const QString serial = normalizeSerial(serialNumber);
    const QString m = normalizeMac(mac);
    if (serial.isEmpty() && m.isEmpty()) {
        return std::nullopt;
    }
    return lookup(serial, m, {});
}

InventoryRepository::UpsertResult InventoryRepository::upsert(const DeviceObservation &o, Registration registration)
{
    const auto ip = IpAddress::parse(o.address.trimmed());
    if (!ip) {
        throw DiscoveryError(QStringLiteral("a discovered device has no valid address"));
    }
    const QString address = ip->toString();
    const QString serial = normalizeSerial(o.serialNumber);
    const QString mac = normalizeMac(o.macAddress);
    const qint64 now = m_clock.nowSecs();
    QStringList via;
    for (const QString &v : o.via) {
        if ((v == QLatin1String("snmp") || v == QLatin1String("wsd")) && !via.contains(v)) {
            via.append(v);
        }
    }

    Transaction tx(m_db);
    UpsertResult result;
    const std::optional<DeviceRecord> existing = lookup(serial, mac, address);
    if (!existing) {
        Statement insert(m_db, "INSERT INTO devices(serial_number, mac_address, address, manufacturer, model, state, "
                               "first_seen, last_seen, found_by, found_via, credential_setting, credential_position) "
                               "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?11)");
        bindOptional(insert, 1, serial);
        // Only claim the MAC when no other record holds it.
        bool macFree = true;
        if (!mac.isEmpty()) {
            Statement owner(m_db, "SELECT 1 FROM devices WHERE mac_address = ?1");
            owner.bind(1, mac);
            macFree = !owner.step();
        }
        bindOptional(insert, 2, macFree ? mac : QString());
        insert.bind(3, address);
        bindOptional(insert, 4, clip(o.manufacturer));
        bindOptional(insert, 5, clip(o.model));
        insert.bind(6, registration == Registration::Managed ? QStringLiteral("managed") : QStringLiteral("pending"));
        insert.bind(7, now);
        if (o.settingId > 0) {
            insert.bind(8, o.settingId);
        } else {
            insert.bindNull(8);
        }
        insert.bind(9, via.join(u','));
        if (o.settingId > 0 && o.credentialPosition) {
            insert.bind(10, o.settingId).bind(11, *o.credentialPosition);
        } else {
            insert.bindNull(10).bindNull(11);
        }
        insert.run();
        result.id = m_db.lastInsertId();
        result.outcome = Outcome::New;
        storeAddressKey(result.id, address);
        tx.commit();
        return result;
    }

    result.id = existing->id;
    const bool moved = existing->address != address;
    result.outcome = moved ? Outcome::Moved : Outcome::Seen;
    if (moved) {
        result.previousAddress = existing->address;
    }
    QStringList mergedVia = existing->via;
    for (const QString &v : via) {
        if (!mergedVia.contains(v)) {
            mergedVia.append(v);
        }
    }
    // Fill in keys the record lacked, unless another record already holds them.
    const auto freeKey = [&](const char *column, const QString &value) {
        if (value.isEmpty()) {
            return false;
        }
        const QByteArray sql =
            QStringLiteral("SELECT 1 FROM devices WHERE %1 = ?1 AND id <> ?2").arg(QLatin1String(column)).toUtf8();
        Statement st(m_db, sql.constData());
        st.bind(1, value).bind(2, existing->id);
        return !st.step();
    };
    const QString newSerial =
        existing->serialNumber.isEmpty() && freeKey("serial_number", serial) ? serial : existing->serialNumber;
    const QString newMac = existing->macAddress.isEmpty() && freeKey("mac_address", mac) ? mac : existing->macAddress;

    Statement update(m_db, "UPDATE devices SET address = ?1, serial_number = ?2, mac_address = ?3, "
                           "manufacturer = coalesce(?4, manufacturer), model = coalesce(?5, model), last_seen = ?6, "
                           "found_via = ?7, missed_polls = 0, "
                           "previous_address = CASE WHEN ?8 THEN address ELSE previous_address END, "
                           "address_changed_at = CASE WHEN ?8 THEN ?6 ELSE address_changed_at END, "
                           "credential_setting = coalesce(?9, credential_setting), "
                           "credential_position = CASE WHEN ?9 IS NULL THEN credential_position ELSE ?10 END "
                           "WHERE id = ?11");
    update.bind(1, address);
    bindOptional(update, 2, newSerial);
    bindOptional(update, 3, newMac);
    bindOptional(update, 4, clip(o.manufacturer));
    bindOptional(update, 5, clip(o.model));
    update.bind(6, now).bind(7, mergedVia.join(u',')).bind(8, moved ? 1 : 0);
    if (o.settingId > 0 && o.credentialPosition) {
        update.bind(9, o.settingId).bind(10, *o.credentialPosition);
    } else {
        update.bindNull(9).bindNull(10);
    }
    update.bind(11, existing->id);
    update.run();
    if (moved) {
        storeAddressKey(existing->id, address);
    }
    tx.commit();
    return result;
}

void InventoryRepository::storeAddressKey(qint64 id, const QString &address)
{
    Statement st(m_db, "UPDATE devices SET address_key = ?1 WHERE id = ?2");
    st.bind(1, addressSortKey(address)).bind(2, id);
    st.run();
}

int InventoryRepository::fillAddressKeys(storage::Database &db)
{
    struct Row {
        qint64 id;
        QString address;
    };
    QList<Row> rows;
    {
        Statement st(db, "SELECT id, address FROM devices WHERE address_key IS NULL");
        while (st.step()) {
            rows.append({st.int64(0), st.text(1)});
        }
    }
    if (rows.isEmpty()) {
        return 0;
    }
    Transaction tx(db);
    Statement update(db, "UPDATE devices SET address_key = ?1 WHERE id = ?2");
    for (const Row &r : rows) {
        update.reset();
        update.bind(1, addressSortKey(r.address)).bind(2, r.id);
        update.run();
    }
    tx.commit();
    return static_cast<int>(rows.size());
}

std::optional<DeviceRecord> InventoryRepository::find(qint64 id)
{
    const QByteArray sql = QStringLiteral("SELECT %1 FROM devices WHERE id = ?1").arg(QLatin1String(kColumns)).toUtf8();
    Statement st(m_db, sql.constData());
    st.bind(1, id);
    if (st.step()) {
        return readRecord(st);
    }
    return std::nullopt;
}

QList<DeviceRecord> InventoryRepository::list()
{
    const QByteArray sql = QStringLiteral("SELECT %1 FROM devices ORDER BY id").arg(QLatin1String(kColumns)).toUtf8();
    Statement st(m_db, sql.constData());
    QList<DeviceRecord> out;
    while (st.step()) {
        out.append(readRecord(st));
    }
    return out;
}

int InventoryRepository::recordMissedPoll(qint64 id)
{
    Statement st(m_db, "UPDATE devices SET missed_polls = missed_polls + 1 WHERE id = ?1 RETURNING missed_polls");
    st.bind(1, id);
    int count = 0;
    if (st.step()) {
        count = static_cast<int>(st.int64(0));
    }
    st.reset();
    return count;
}

void InventoryRepository::clearMissedPolls(qint64 id)
{
    Statement st(m_db, "UPDATE devices SET missed_polls = 0 WHERE id = ?1 AND missed_polls <> 0");
    st.bind(1, id);
    st.run();
}

} // namespace netgateway::core::discovery
