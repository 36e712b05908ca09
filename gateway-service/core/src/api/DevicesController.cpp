// /devices: the inventory as the console shows it. The list is filtered,
// sorted and paged in SQL on the summary columns of the devices row (kept by
// the triggers of migration 9), so it stays fast at 10,000 devices. Priority
// and polling actions go through the PollScheduler, the same code the control
// channel's polling.* commands use.
#include "AreaControllers.h"

#include <netgateway/core/Clock.h>
#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/core/polling/PollScheduler.h>
#include <netgateway/storage/Database.h>

#include <QJsonArray>
#include <QMetaObject>

#include <algorithm>

namespace netgateway::core::api {

namespace {

using namespace area;

constexpr int kMaxSearchLength = 100;
constexpr int kMaxHistoryRows = 10000;
constexpr qint64 kDefaultHistorySecs = 30LL * 24 * 3600;

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString textOrEmpty(const storage::Statement &st, int column)
{
    return st.isNull(column) ? QString() : st.text(column);
}

QJsonValue intOrNull(const storage::Statement &st, int column)
{
    return st.isNull(column) ? QJsonValue(QJsonValue::Null) : QJsonValue(static_cast<qint64>(st.int64(column)));
}

// The stored status transition as the API names it.
QString apiStatus(const QString &stored, const QString &detail)
{
    if (stored == QLatin1String("auth_failure")) {
        return QStringLiteral("error");
    }
    if (stored == QLatin1String("offline") &&
        (detail.startsWith(QLatin1String("unreachable")) || detail.startsWith(QLatin1String("no answer")))) {
        return QStringLiteral("unreachable");
    }
    return stored;
}

class DevicesController final : public Controller {
public:
    explicit DevicesController(Context &c) : m_c(c)
    {
        if (auto *scheduler = m_c.services.scheduler) {
            // The category lives in the scheduler's memory; its mirror in the
            // devices row lets SQL filter and sort by it.
            m_categoryConnection = QObject::connect(
                scheduler, &polling::PollScheduler::categoryChanged, scheduler,
                [this](qint64 id, polling::Priority p) { storeCategory(id, polling::priorityName(p)); });
        }
    }
    ~DevicesController() override { QObject::disconnect(m_categoryConnection); }

    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/devices"), Access::Authenticated,
                   [this](Request &r) { return list(r); });
        router.add(Method::Post, QStringLiteral("/devices/poll"), Access::Authenticated, [this](Request &r) {
            JsonFields(r.json()).finish();
            auto &scheduler = requireScheduler();
            scheduler.pollAllNow();
            m_c.audit.record(actorOf(r), r.source(), QStringLiteral("poll now"), QStringLiteral("all devices"),
                             audit::Result::Success);
            return Response::json(QJsonObject{{QStringLiteral("queued"), scheduler.deviceCount()}}, 202);
        });
        router.add(Method::Get, QStringLiteral("/devices/{id}"), Access::Authenticated,
                   [this](Request &r) { return detail(r); });
        router.add(Method::Get, QStringLiteral("/devices/{id}/history"), Access::Authenticated,
                   [this](Request &r) { return history(r); });
        router.add(Method::Put, QStringLiteral("/devices/{id}/priority"), Access::Authenticated,
                   [this](Request &r) { return pin(r); });
        router.add(Method::Post, QStringLiteral("/devices/{id}/poll"), Access::Authenticated, [this](Request &r) {
            JsonFields(r.json()).finish();
            const qint64 id = existingDevice(r);
            auto &scheduler = requireScheduler();
            if (!scheduler.pollNow(id)) {
                // Found by a discovery run since the scheduler's last reload:
                // take it in now rather than make the administrator wait.
                if (!isManaged(id)) {
                    throw notPolled(id);
                }
                scheduler.addDevice(id);
                if (!scheduler.pollNow(id)) {
                    throw notPolled(id);
                }
            }
            m_c.audit.record(actorOf(r), r.source(), QStringLiteral("poll now"), QStringLiteral("device %1").arg(id),
                             audit::Result::Success);
            return Response::json(QJsonObject{{QStringLiteral("queued"), true}}, 202);
        });
        router.add(Method::Post, QStringLiteral("/devices/{id}/accept"), Access::Authenticated,
                   [this](Request &r) { return accept(r); });
        router.add(Method::Delete, QStringLiteral("/devices/{id}"), Access::Authenticated,
                   [this](Request &r) { return remove(r); });
    }

private:
    polling::PollScheduler &requireScheduler()
    {
        if (!m_c.services.scheduler) {
            throw ApiError(503, QStringLiteral("unavailable"), QStringLiteral("polling is not running"));
        }
        return *m_c.services.scheduler;
    }

    static ApiError notPolled(qint64 id)
    {
        return ApiError(409, QStringLiteral("not_managed"),
                        QStringLiteral("device %1 is pending: accept it first (POST /devices/%1/accept)").arg(id));
    }

    void storeCategory(qint64 id, const QString &category)
    {
        try {
            storage::Statement st(m_c.db, "UPDATE devices SET priority = ?2 WHERE id = ?1 AND "
                                          "priority IS NOT ?2");
            st.bind(1, id).bind(2, category);
            st.run();
        } catch (const storage::StorageError &e) {
            qWarning("cannot record the category of device %lld: %s", static_cast<long long>(id),
                     qPrintable(e.message()));
        }
    }

    // Brings the category mirror up to date when devices joined or left the
    // scheduler since the last look (a new device's first category does not
    // raise categoryChanged).
    void syncCategories()
    {
        auto *scheduler = m_c.services.scheduler;
        if (!scheduler) {
            return;
        }
        const int count = scheduler->deviceCount();
        if (count == m_syncedCount) {
            return;
        }
        const auto all = scheduler->allDeviceInfo();
        storage::Transaction tx(m_c.db);
        m_c.db.exec("UPDATE devices SET priority = NULL WHERE state <> 'managed' AND priority IS NOT NULL");
        storage::Statement st(m_c.db, "UPDATE devices SET priority = ?2 WHERE id = ?1 AND priority IS NOT ?2");
        for (const auto &info : all) {
            st.bind(1, static_cast<qint64>(info.deviceId)).bind(2, polling::priorityName(info.category));
            st.run();
        }
        tx.commit();
        m_syncedCount = count;
    }

    bool isManaged(qint64 id)
    {
        storage::Statement st(m_c.db, "SELECT 1 FROM devices WHERE id = ?1 AND state = 'managed'");
        st.bind(1, id);
        return st.step();
    }

    qint64 existingDevice(const Request &r)
    {
        const qint64 id = idParam(r, 0, QStringLiteral("device"));
        storage::Statement st(m_c.db, "SELECT 1 FROM devices WHERE id = ?1");
        st.bind(1, id);
        if (!st.step()) {
            throw ApiError::notFound(QStringLiteral("there is no device %1").arg(id));
        }
        return id;
    }

    Response list(Request &r)
    {
        rejectUnknownQuery(r, {QStringLiteral("search"), QStringLiteral("status"), QStringLiteral("vendor"),
                               QStringLiteral("priority"), QStringLiteral("alerts"), QStringLiteral("state"),
                               QStringLiteral("sort"), QStringLiteral("order"), QStringLiteral("offset"),
                               QStringLiteral("limit")});
        const QString search = r.queryValue(QStringLiteral("search"));
        if (search.size() > kMaxSearchLength) {
            throw ApiError::badRequest(QStringLiteral("'search' must be at most %1 characters").arg(kMaxSearchLength),
                                       QStringLiteral("search"));
        }
        const QString status =
            choiceQuery(r, QStringLiteral("status"),
                        {QStringLiteral("online"), QStringLiteral("sleeping"), QStringLiteral("offline"),
                         QStringLiteral("error"), QStringLiteral("unreachable"), QStringLiteral("unknown")});
        const QString vendor = r.queryValue(QStringLiteral("vendor"));
        if (vendor.size() > 256) {
            throw ApiError::badRequest(QStringLiteral("'vendor' must be at most 256 characters"),
                                       QStringLiteral("vendor"));
        }
        const QString priority = choiceQuery(
            r, QStringLiteral("priority"),
            {QStringLiteral("veryHigh"), QStringLiteral("high"), QStringLiteral("middle"), QStringLiteral("low")});
        const QString alerts = choiceQuery(r, QStringLiteral("alerts"), {QStringLiteral("open")});
        const QString state =
            choiceQuery(r, QStringLiteral("state"), {QStringLiteral("managed"), QStringLiteral("pending")});
        const QString sort = choiceQuery(r, QStringLiteral("sort"),
                                         {QStringLiteral("name"), QStringLiteral("address"), QStringLiteral("vendor"),
                                          QStringLiteral("model"), QStringLiteral("status"), QStringLiteral("priority"),
                                          QStringLiteral("lastSeen")});
        const QString order = choiceQuery(r, QStringLiteral("order"), {QStringLiteral("asc"), QStringLiteral("desc")});
        const qint64 offset = intQuery(r, QStringLiteral("offset"), 0, 100000000, 0);
        const qint64 limit = intQuery(r, QStringLiteral("limit"), 1, 500, 50);

        if (!priority.isEmpty() || sort == QLatin1String("priority")) {
            syncCategories();
        }

        // Only fixed SQL text is assembled; every value is bound.
        QStringList where;
        QList<QString> values;
        if (!search.isEmpty()) {
            values << likePattern(search);
            const QString p = QStringLiteral("?%1").arg(values.size());
            where << QStringLiteral("(d.name LIKE %1 ESCAPE '\\' OR d.address LIKE %1 ESCAPE '\\' OR "
                                    "d.serial_number LIKE %1 ESCAPE '\\' OR d.mac_address LIKE %1 ESCAPE '\\' OR "
                                    "d.manufacturer LIKE %1 ESCAPE '\\' OR d.model LIKE %1 ESCAPE '\\' OR "
                                    "d.location LIKE %1 ESCAPE '\\')")
                         .arg(p);
        }
        if (!status.isEmpty()) {
            values << status;
            where << QStringLiteral("d.status = ?%1").arg(values.size());
        }
        if (!vendor.isEmpty()) {
            values << vendor;
            where << QStringLiteral("d.manufacturer = ?%1 COLLATE NOCASE").arg(values.size());
        }
        if (!priority.isEmpty()) {
            values << storedPriority(priority);
            where << QStringLiteral("d.priority = ?%1").arg(values.size());
        }
        if (!alerts.isEmpty()) {
            where << QStringLiteral("d.open_alerts > 0");
        }
        if (!state.isEmpty()) {
            values << state;
            where << QStringLiteral("d.state = ?%1").arg(values.size());
        }
        const QString whereSql = where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(" AND ");

        static const QHash<QString, QString> columns{
            {QStringLiteral("name"), QStringLiteral("d.name COLLATE NOCASE")},
            {QStringLiteral("address"), QStringLiteral("d.address_key")},
            {QStringLiteral("vendor"), QStringLiteral("d.manufacturer COLLATE NOCASE")},
            {QStringLiteral("model"), QStringLiteral("d.model COLLATE NOCASE")},
            {QStringLiteral("status"), QStringLiteral("d.status")},
            {QStringLiteral("priority"),
             QStringLiteral("CASE d.priority WHEN 'very_high' THEN 0 WHEN 'high' THEN 1 WHEN 'middle' THEN 2 "
                            "WHEN 'low' THEN 3 ELSE 4 END")},
            {QStringLiteral("lastSeen"), QStringLiteral("d.last_seen")}};
        if (sort == QLatin1String("address")) {
            discovery::InventoryRepository::fillAddressKeys(m_c.db); // rows written before the key existed
        }
        const QString direction = order == QLatin1String("desc") ? QStringLiteral("DESC") : QStringLiteral("ASC");
        const QString orderSql = sort.isEmpty()
                                     ? QStringLiteral(" ORDER BY d.id ") + direction
                                     : QStringLiteral(" ORDER BY %1 %2, d.id %2").arg(columns.value(sort), direction);

        const auto bindAll = [&values](storage::Statement &st) {
            for (int i = 0; i < values.size(); ++i) {
                st.bind(i + 1, values[i]);
            }
        };
        const QByteArray countSql = (QStringLiteral("SELECT count(*) FROM devices d") + whereSql).toUtf8();
        storage::Statement count(m_c.db, countSql.constData());
        bindAll(count);
        count.step();
        const qint64 total = count.int64(0);

        // The page's ids first: the sort then carries only the key and the id
        // (read in index order where an index fits), and the rows are fetched
        // by id afterwards.
        const QByteArray sql = (QStringLiteral("SELECT d.id FROM devices d") + whereSql + orderSql +
                                QStringLiteral(" LIMIT ?%1 OFFSET ?%2").arg(values.size() + 1).arg(values.size() + 2))
                                   .toUtf8();
        storage::Statement page(m_c.db, sql.constData());
        bindAll(page);
        page.bind(values.size() + 1, limit).bind(values.size() + 2, offset);
        QList<qint64> pageIds;
        while (page.step()) {
            pageIds << page.int64(0);
        }
        storage::Statement st(m_c.db, "SELECT d.id, d.name, d.address, d.manufacturer, d.model, d.serial_number, "
                                      "d.mac_address, d.status, d.priority, a.pinned_category, d.open_alerts, "
                                      "d.lowest_supply, d.last_seen, d.state FROM devices d "
                                      "LEFT JOIN device_activity a ON a.device_id = d.id WHERE d.id = ?1");
        QJsonArray items;
        for (const qint64 id : pageIds) {
            st.reset();
            st.bind(1, id);
            if (!st.step()) {
                continue;
            }
            items.append(QJsonObject{
                {QStringLiteral("id"), static_cast<qint64>(st.int64(0))},
                {QStringLiteral("name"), textOrEmpty(st, 1)},
                {QStringLiteral("address"), st.text(2)},
                {QStringLiteral("vendor"), textOrEmpty(st, 3)},
                {QStringLiteral("model"), textOrEmpty(st, 4)},
                {QStringLiteral("serialNumber"), textOrEmpty(st, 5)},
                {QStringLiteral("macAddress"), textOrEmpty(st, 6)},
                {QStringLiteral("status"), st.text(7)},
                {QStringLiteral("priority"),
                 st.isNull(8) ? QJsonValue(QJsonValue::Null) : QJsonValue(apiPriority(st.text(8)))},
                {QStringLiteral("pinned"), !st.isNull(9)},
                {QStringLiteral("openAlerts"), static_cast<qint64>(st.int64(10))},
                {QStringLiteral("lowestSupplyPercent"), intOrNull(st, 11)},
                {QStringLiteral("lastSeen"), isoTime(st.int64(12))},
                {QStringLiteral("state"), st.text(13)},
            });
        }
        return Response::json(QJsonObject{{QStringLiteral("total"), total},
                                          {QStringLiteral("offset"), offset},
                                          {QStringLiteral("limit"), limit},
                                          {QStringLiteral("items"), items}});
    }

    QJsonObject priorityJson(qint64 id)
    {
        QJsonObject out{{QStringLiteral("category"), QJsonValue::Null},
                        {QStringLiteral("rating"), QJsonValue::Null},
                        {QStringLiteral("pinned"), false},
                        {QStringLiteral("reason"), QString()}};
        if (!m_c.services.scheduler) {
            return out;
        }
        const auto info = m_c.services.scheduler->deviceInfo(id);
        if (!info) {
            out.insert(QStringLiteral("reason"), QStringLiteral("not polled: the device is pending"));
            return out;
        }
        out.insert(QStringLiteral("category"), apiPriority(polling::priorityName(info->category)));
        out.insert(QStringLiteral("rating"), std::round(info->rating * 10.0) / 10.0);
        out.insert(QStringLiteral("pinned"), info->pinned.has_value());
        out.insert(QStringLiteral("reason"), info->why);
        return out;
    }

    Response detail(Request &r)
    {
        rejectUnknownQuery(r, {});
        const qint64 id = idParam(r, 0, QStringLiteral("device"));
        storage::Statement st(m_c.db, "SELECT name, address, manufacturer, model, serial_number, mac_address, "
                                      "firmware, location, status, state, last_seen FROM devices WHERE id = ?1");
        st.bind(1, id);
        if (!st.step()) {
            throw ApiError::notFound(QStringLiteral("there is no device %1").arg(id));
        }
        QJsonObject out{{QStringLiteral("id"), id},
                        {QStringLiteral("name"), textOrEmpty(st, 0)},
                        {QStringLiteral("address"), st.text(1)},
                        {QStringLiteral("vendor"), textOrEmpty(st, 2)},
                        {QStringLiteral("model"), textOrEmpty(st, 3)},
                        {QStringLiteral("serialNumber"), textOrEmpty(st, 4)},
                        {QStringLiteral("macAddress"), textOrEmpty(st, 5)},
                        {QStringLiteral("firmware"), textOrEmpty(st, 6)},
                        {QStringLiteral("location"), textOrEmpty(st, 7)},
                        {QStringLiteral("status"), st.text(8)},
                        {QStringLiteral("state"), st.text(9)},
                        {QStringLiteral("lastSeen"), isoTime(st.int64(10))}};
        out.insert(QStringLiteral("priority"), priorityJson(id));
        QJsonValue nextPoll = QJsonValue::Null;
        if (m_c.services.scheduler) {
            if (const auto info = m_c.services.scheduler->deviceInfo(id)) {
                nextPoll = QJsonObject{{QStringLiteral("alerts"), info->nextAlertPoll.toString(Qt::ISODate)},
                                       {QStringLiteral("counters"), info->nextCounterPoll.toString(Qt::ISODate)}};
            }
        }
        out.insert(QStringLiteral("nextPoll"), nextPoll);

        QJsonArray supplies;
        storage::Statement s(m_c.db, "SELECT supply, level, max_capacity FROM supply_latest WHERE device_id = ?1 "
                                     "ORDER BY supply");
        s.bind(1, id);
        while (s.step()) {
            const QString name = s.text(0);
            const qint64 level = s.int64(1);
            const qint64 max = s.int64(2);
            const qsizetype dot = name.indexOf(QLatin1Char('.'));
            const QString kind = dot < 0 ? name : name.left(dot);
            const QString colour = dot < 0 ? QString() : name.mid(dot + 1);
            bool numeric = false;
            colour.toInt(&numeric);
            supplies.append(QJsonObject{
                {QStringLiteral("name"), name},
                {QStringLiteral("colour"), numeric ? QJsonValue(QJsonValue::Null) : QJsonValue(colour)},
                {QStringLiteral("percent"), max > 0 && level >= 0 ? QJsonValue(std::min<qint64>(100, level * 100 / max))
                                                                  : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("level"), level},
                {QStringLiteral("max"), max},
                {QStringLiteral("kind"), kind}});
        }
        out.insert(QStringLiteral("supplies"), supplies);

        QJsonArray counters;
        storage::Statement c(
            m_c.db, "SELECT counter, value, read_at FROM counter_latest WHERE device_id = ?1 ORDER BY counter");
        c.bind(1, id);
        while (c.step()) {
            counters.append(QJsonObject{{QStringLiteral("name"), c.text(0)},
                                        {QStringLiteral("value"), static_cast<qint64>(c.int64(1))},
                                        {QStringLiteral("unit"), QStringLiteral("pages")},
                                        {QStringLiteral("readAt"), isoTime(c.int64(2))}});
        }
        out.insert(QStringLiteral("counters"), counters);

        QJsonArray alerts;
        QJsonArray conditions;
        storage::Statement a(m_c.db,
                             "SELECT code, severity, description, raised_at FROM device_alerts "
                             "WHERE device_id = ?1 AND cleared_at IS NULL ORDER BY "
                             "CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, raised_at");
        a.bind(1, id);
        while (a.step()) {
            alerts.append(QJsonObject{{QStringLiteral("code"), static_cast<qint64>(a.int64(0))},
                                      {QStringLiteral("severity"), a.text(1)},
                                      {QStringLiteral("description"), a.text(2)},
                                      {QStringLiteral("raisedAt"), isoTime(a.int64(3))}});
            conditions.append(a.text(2));
        }
        out.insert(QStringLiteral("openAlerts"), alerts);
        out.insert(QStringLiteral("conditions"), conditions);
        return Response::json(out);
    }

    Response history(Request &r)
    {
        rejectUnknownQuery(
            r, {QStringLiteral("kind"), QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("bucket")});
        const qint64 id = existingDevice(r);
        const QString kind =
            choiceQuery(r, QStringLiteral("kind"),
                        {QStringLiteral("counters"), QStringLiteral("alerts"), QStringLiteral("status")});
        if (kind.isEmpty()) {
            throw ApiError(400, QStringLiteral("missing_field"),
                           QStringLiteral("'kind' is required: counters, alerts or status"), QStringLiteral("kind"));
        }
        const QString bucket =
            choiceQuery(r, QStringLiteral("bucket"), {QStringLiteral("day"), QStringLiteral("month")});
        const qint64 to = timeQuery(r, QStringLiteral("to")).value_or(m_c.clock.nowSecs());
        const qint64 from = timeQuery(r, QStringLiteral("from")).value_or(to - kDefaultHistorySecs);
        if (from > to) {
            throw ApiError::badRequest(QStringLiteral("'from' must not be after 'to'"), QStringLiteral("from"));
        }
        QJsonObject out{{QStringLiteral("kind"), kind},
                        {QStringLiteral("from"), isoTime(from)},
                        {QStringLiteral("to"), isoTime(to)}};
        bool truncated = false;
        if (kind == QLatin1String("counters")) {
            QJsonArray points;
            // A bucket shows the last reading in it: counters only grow, so
            // the highest value is the bucket's end state.
            const char *sql =
                bucket.isEmpty()
                    ? "SELECT read_at, counter, value FROM counter_readings WHERE device_id = ?1 AND read_at >= ?2 "
                      "AND read_at <= ?3 ORDER BY read_at, counter LIMIT ?4"
                : bucket == QLatin1String("day")
                    ? "SELECT CAST(strftime('%s', date(read_at, 'unixepoch')) AS INTEGER) AS b, counter, max(value) "
                      "FROM counter_readings WHERE device_id = ?1 AND read_at >= ?2 AND read_at <= ?3 "
                      "GROUP BY b, counter ORDER BY b, counter LIMIT ?4"
                    : "SELECT CAST(strftime('%s', date(read_at, 'unixepoch', 'start of month')) AS INTEGER) AS b, "
                      "counter, max(value) FROM counter_readings WHERE device_id = ?1 AND read_at >= ?2 AND "
                      "read_at <= ?3 GROUP BY b, counter ORDER BY b, counter LIMIT ?4";
            storage::Statement st(m_c.db, sql);
            st.bind(1, id).bind(2, from).bind(3, to).bind(4, kMaxHistoryRows + 1);
            while (st.step()) {
                if (points.size() == kMaxHistoryRows) {
                    truncated = true;
                    break;
                }
                points.append(QJsonObject{{QStringLiteral("t"), isoTime(st.int64(0))},
                                          {QStringLiteral("name"), st.text(1)},
                                          {QStringLiteral("value"), static_cast<qint64>(st.int64(2))}});
            }
            out.insert(QStringLiteral("points"), points);
        } else if (kind == QLatin1String("alerts")) {
            QJsonArray items;
            storage::Statement st(m_c.db, "SELECT code, severity, description, raised_at, cleared_at FROM "
                                          "device_alerts WHERE device_id = ?1 AND raised_at <= ?3 AND "
                                          "(cleared_at IS NULL OR cleared_at >= ?2) ORDER BY raised_at, id LIMIT ?4");
            st.bind(1, id).bind(2, from).bind(3, to).bind(4, kMaxHistoryRows + 1);
            while (st.step()) {
                if (items.size() == kMaxHistoryRows) {
                    truncated = true;
                    break;
                }
                items.append(QJsonObject{
                    {QStringLiteral("code"), static_cast<qint64>(st.int64(0))},
                    {QStringLiteral("severity"), st.text(1)},
                    {QStringLiteral("description"), st.text(2)},
                    {QStringLiteral("raisedAt"), isoTime(st.int64(3))},
                    {QStringLiteral("clearedAt"), st.isNull(4) ? QJsonValue(QJsonValue::Null) : isoTime(st.int64(4))}});
            }
            out.insert(QStringLiteral("items"), items);
        } else {
            QJsonArray items;
            storage::Statement st(m_c.db, "SELECT at, status, detail FROM device_status_events WHERE device_id = ?1 "
                                          "AND at >= ?2 AND at <= ?3 ORDER BY id LIMIT ?4");
            st.bind(1, id).bind(2, from).bind(3, to).bind(4, kMaxHistoryRows + 1);
            while (st.step()) {
                if (items.size() == kMaxHistoryRows) {
                    truncated = true;
                    break;
                }
                items.append(QJsonObject{{QStringLiteral("t"), isoTime(st.int64(0))},
                                         {QStringLiteral("status"), apiStatus(st.text(1), textOrEmpty(st, 2))}});
            }
            out.insert(QStringLiteral("items"), items);
        }
        out.insert(QStringLiteral("truncated"), truncated);
        return Response::json(out);
    }

    Response pin(Request &r)
    {
        JsonFields f(r.json());
        if (!f.has(QStringLiteral("category"))) {
            throw ApiError(400, QStringLiteral("missing_field"),
                           QStringLiteral("the field 'category' is required: veryHigh, high, middle, low, or null "
                                          "to unpin"),
                           QStringLiteral("category"));
        }
        const auto name = f.optionalString(QStringLiteral("category"), 16);
        f.finish();
        std::optional<polling::Priority> category;
        if (name) {
            static const QStringList allowed{QStringLiteral("veryHigh"), QStringLiteral("high"),
                                             QStringLiteral("middle"), QStringLiteral("low")};
            if (!allowed.contains(*name)) {
                throw ApiError(400, QStringLiteral("invalid_value"),
                               QStringLiteral("the field 'category' must be one of: veryHigh, high, middle, low, or "
                                              "null to unpin"),
                               QStringLiteral("category"));
            }
            category = polling::priorityFromName(storedPriority(*name));
        }
        const qint64 id = existingDevice(r);
        auto &scheduler = requireScheduler();
        if (!scheduler.pinCategory(id, category)) {
            throw notPolled(id);
        }
        if (const auto info = scheduler.deviceInfo(id)) {
            storeCategory(id, polling::priorityName(info->category));
        }
        m_c.audit.record(actorOf(r), r.source(), QStringLiteral("pin priority"),
                         QStringLiteral("device %1: %2").arg(id).arg(name.value_or(QStringLiteral("unpinned"))),
                         audit::Result::Success);
        return Response::json(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("priority"), priorityJson(id)}});
    }

    Response accept(Request &r)
    {
        JsonFields(r.json()).finish();
        const qint64 id = existingDevice(r);
        storage::Statement st(m_c.db, "UPDATE devices SET state = 'managed' WHERE id = ?1 AND state = 'pending'");
        st.bind(1, id);
        st.run();
        if (sqlite3Changes() == 0) {
            throw ApiError(409, QStringLiteral("already_managed"),
                           QStringLiteral("device %1 is already managed").arg(id));
        }
        if (m_c.services.scheduler) {
            m_c.services.scheduler->addDevice(id);
        }
        m_c.audit.record(actorOf(r), r.source(), QStringLiteral("accept device"), QStringLiteral("device %1").arg(id),
                         audit::Result::Success);
        return Response::json(
            QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("state"), QStringLiteral("managed")}});
    }

    Response remove(Request &r)
    {
        const qint64 id = existingDevice(r);
        storage::Statement describe(m_c.db, "SELECT address, serial_number FROM devices WHERE id = ?1");
        describe.bind(1, id);
        describe.step();
        const QString what = QStringLiteral("device %1 (%2%3)")
                                 .arg(id)
                                 .arg(describe.text(0))
                                 .arg(describe.isNull(1) ? QString() : QStringLiteral(", serial ") + describe.text(1));
        if (m_c.services.scheduler) {
            m_c.services.scheduler->removeDevice(id);
        }
        storage::Statement st(m_c.db, "DELETE FROM devices WHERE id = ?1");
        st.bind(1, id);
        st.run();
        m_c.audit.record(actorOf(r), r.source(), QStringLiteral("delete device"), what, audit::Result::Success);
        return Response::noContent();
    }

    int sqlite3Changes()
    {
        const auto v = m_c.db.scalar("SELECT changes()");
        return v ? v->toInt() : 0;
    }

    Context &m_c;
    QMetaObject::Connection m_categoryConnection;
    int m_syncedCount = -1;
};

} // namespace

std::unique_ptr<Controller> makeDevicesController(Context &context)
{
    return std::make_unique<DevicesController>(context);
}

} // namespace netgateway::core::api
