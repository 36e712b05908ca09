#include <netgateway/storage/Outbox.h>

#include <QSet>
#include <QUuid>

#include <array>

namespace netgateway::storage {

namespace {

struct KindName {
    OutboxKind kind;
    const char *name;
};

constexpr std::array<KindName, 7> kKindNames{{
    {OutboxKind::Counters, "counters"},
    {OutboxKind::Consumables, "consumables"},
    {OutboxKind::Alert, "alert"},
    {OutboxKind::Discovery, "discovery"},
    {OutboxKind::Logs, "logs"},
    {OutboxKind::Audit, "audit"},
    {OutboxKind::TaskResult, "task_result"},
}};

OutboxRecord readRecord(const Statement &st)
{
    OutboxRecord r;
    r.id = st.int64(0);
    r.kind = parseOutboxKind(st.text(1)).value_or(OutboxKind::Counters);
    r.deviceKey = st.text(2);
    r.idempotencyKey = st.text(3);
    r.createdAt = st.int64(4);
    r.payload = st.blob(5);
    r.attempts = static_cast<int>(st.int64(6));
    return r;
}

} // namespace

QString outboxKindName(OutboxKind kind)
{
    for (const auto &k : kKindNames) {
        if (k.kind == kind) {
            return QString::fromLatin1(k.name);
        }
    }
    return {};
}

std::optional<OutboxKind> parseOutboxKind(const QString &name)
{
    for (const auto &k : kKindNames) {
        if (name == QLatin1String(k.name)) {
            return k.kind;
        }
    }
    return std::nullopt;
}

Outbox::Outbox(const QString &databasePath, qint64 quotaBytes, QObject *parent)
    : QObject(parent), m_quotaBytes(quotaBytes)
{
    Database::Options options;
    options.create = false;
    // Every enqueue and every acknowledgement reaches the disk before it returns.
    options.synchronous = Database::Synchronous::Full;
    m_db = Database::open(databasePath, options);
    recount();
}

Outbox::~Outbox() = default;

void Outbox::recount()
{
    m_usedBytes = m_db->scalar("SELECT coalesce(sum(bytes), 0) FROM uplink_outbox").value_or(0).toLongLong();
}

int Outbox::synchronousLevel()
{
    return m_db->scalar("PRAGMA synchronous").value_or(0).toInt();
}

void Outbox::setQuotaBytes(qint64 bytes)
{
    m_quotaBytes = bytes;
}

OutboxRecord Outbox::enqueue(OutboxKind kind, const QString &deviceKey, const QByteArray &jsonPayload, qint64 createdAt)
{
    return enqueueAll({NewRecord{kind, deviceKey, jsonPayload, createdAt}}).first();
}

QList<OutboxRecord> Outbox::enqueueAll(const QList<NewRecord> &records)
{
    QList<OutboxRecord> out;
    if (records.isEmpty()) {
        return out;
    }
    for (const NewRecord &n : records) {
        if (n.jsonPayload.size() > kMaxRecordBytes) {
            throw StorageError(StorageError::Kind::Io,
                               QStringLiteral("outbox record of %1 bytes refused: the limit is %2 bytes per record")
                                   .arg(n.jsonPayload.size())
                                   .arg(kMaxRecordBytes));
        }
    }
    qint64 added = 0;
    qint64 newest = 0;
    {
        Transaction tx(*m_db);
        Statement st(*m_db, "INSERT INTO uplink_outbox(kind, device_key, idempotency_key, created_at, payload, bytes) "
                            "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        for (const NewRecord &n : records) {
            OutboxRecord r;
            r.kind = n.kind;
            r.deviceKey = n.deviceKey;
            r.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
            r.createdAt = n.createdAt;
            r.payload = n.jsonPayload;
            const qint64 bytes = accountedBytes(n.jsonPayload.size());
            st.bind(1, outboxKindName(n.kind))
                .bind(2, n.deviceKey)
                .bind(3, r.idempotencyKey)
                .bind(4, n.createdAt)
                .bind(5, n.jsonPayload)
                .bind(6, bytes);
            st.run();
            r.id = m_db->lastInsertId();
            added += bytes;
            newest = std::max(newest, n.createdAt);
            out.append(std::move(r));
        }
        tx.commit();
    }
    m_usedBytes += added;
    if (m_usedBytes > m_quotaBytes) {
        const EvictionReport report = enforceQuota(newest);
        if (report.total() > 0) {
            emit evicted(report);
        }
    }
    QSet<OutboxKind> kinds;
    for (const NewRecord &n : records) {
        kinds.insert(n.kind);
    }
    for (OutboxKind k : std::as_const(kinds)) {
        emit enqueued(k);
    }
    return out;
}

QList<OutboxRecord> Outbox::peek(const QList<OutboxKind> &kinds, int maxRecords, qint64 maxBytes)
{
    QList<OutboxRecord> out;
    if (kinds.isEmpty() || maxRecords <= 0) {
        return out;
    }
    QStringList names;
    for (OutboxKind k : kinds) {
        names << QLatin1Char('\'') + outboxKindName(k) + QLatin1Char('\'');
    }
    // The kind names come from the fixed table above, never from input.
    const QString sql = QStringLiteral("SELECT id, kind, device_key, idempotency_key, created_at, payload, attempts "
                                       "FROM uplink_outbox WHERE kind IN (%1) ORDER BY id LIMIT ?1")
                            .arg(names.join(QLatin1Char(',')));
    const QByteArray sqlUtf8 = sql.toUtf8();
    Statement st(*m_db, sqlUtf8.constData());
    st.bind(1, maxRecords);
    qint64 total = 0;
    while (st.step()) {
        OutboxRecord r = readRecord(st);
        total += r.payload.size();
        if (!out.isEmpty() && total > maxBytes) {
            break;
        }
        out.append(std::move(r));
    }
    return out;
}

QList<OutboxRecord> Outbox::peekDue(const QList<std::pair<OutboxKind, qint64>> &cutoffs, int maxRecords,
                                    qint64 maxBytes)
{
    QList<OutboxRecord> out;
    if (cutoffs.isEmpty() || maxRecords <= 0) {
        return out;
    }
    QStringList terms;
    for (qsizetype i = 0; i < cutoffs.size(); ++i) {
        // Kind names come from the fixed table above; cutoffs are bound.
        terms
            << QStringLiteral("(kind = '%1' AND created_at < ?%2)").arg(outboxKindName(cutoffs.at(i).first)).arg(i + 2);
    }
    const QByteArray sql = QStringLiteral("SELECT id, kind, device_key, idempotency_key, created_at, payload, attempts "
                                          "FROM uplink_outbox WHERE %1 ORDER BY id LIMIT ?1")
                               .arg(terms.join(QStringLiteral(" OR ")))
                               .toUtf8();
    Statement st(*m_db, sql.constData());
    st.bind(1, maxRecords);
    for (qsizetype i = 0; i < cutoffs.size(); ++i) {
        st.bind(static_cast<int>(i + 2), cutoffs.at(i).second);
    }
    qint64 total = 0;
    while (st.step()) {
        OutboxRecord r = readRecord(st);
        total += r.payload.size();
        if (!out.isEmpty() && total > maxBytes) {
            break;
        }
        out.append(std::move(r));
    }
    return out;
}

int Outbox::acknowledge(const QStringList &idempotencyKeys)
{
    if (idempotencyKeys.isEmpty()) {
        return 0;
    }
    int removed = 0;
    Transaction tx(*m_db);
    Statement size(*m_db, "SELECT bytes FROM uplink_outbox WHERE idempotency_key = ?1");
    Statement del(*m_db, "DELETE FROM uplink_outbox WHERE idempotency_key = ?1");
    qint64 freed = 0;
    for (const QString &key : idempotencyKeys) {
        size.bind(1, key);
        if (size.step()) {
            freed += size.int64(0);
        }
        size.reset();
        del.bind(1, key);
        del.run();
        removed += m_db->changes();
    }
    tx.commit();
    m_usedBytes -= freed;
    return removed;
}

int Outbox::discard(const QList<std::int64_t> &ids)
{
    int removed = 0;
    Transaction tx(*m_db);
    Statement del(*m_db, "DELETE FROM uplink_outbox WHERE id = ?1");
    for (std::int64_t id : ids) {
        del.bind(1, id);
        del.run();
        removed += m_db->changes();
    }
    tx.commit();
    recount();
    return removed;
}

void Outbox::recordAttempt(const QList<std::int64_t> &ids)
{
    Transaction tx(*m_db);
    Statement st(*m_db, "UPDATE uplink_outbox SET attempts = attempts + 1 WHERE id = ?1");
    for (std::int64_t id : ids) {
        st.bind(1, id);
        st.run();
    }
    tx.commit();
}

int Outbox::count()
{
    return m_db->scalar("SELECT count(*) FROM uplink_outbox").value_or(0).toInt();
}

int Outbox::count(OutboxKind kind)
{
    Statement st(*m_db, "SELECT count(*) FROM uplink_outbox WHERE kind = ?1");
    st.bind(1, outboxKindName(kind));
    st.step();
    return static_cast<int>(st.int64(0));
}

int Outbox::deleteWhere(const char *sql, qint64 parameter)
{
    Transaction tx(*m_db);
    Statement st(*m_db, sql);
    st.bind(1, parameter);
    st.run();
    const int n = m_db->changes();
    tx.commit();
    recount();
    return n;
}

EvictionReport Outbox::enforceQuota(qint64 nowSecs)
{
    EvictionReport report;
    if (m_usedBytes <= m_quotaBytes) {
        return report;
    }
    // 1. Coalesce snapshots older than a day to the newest per device per day,
    //    then those older than a week to the newest per device per week.
    report.coalescedDaily = deleteWhere(
        "DELETE FROM uplink_outbox WHERE kind IN ('counters', 'consumables') AND created_at < ?1 AND id NOT IN ("
        " SELECT max(id) FROM uplink_outbox WHERE kind IN ('counters', 'consumables')"
        " GROUP BY kind, device_key, created_at / 86400)",
        nowSecs - 86400);
    if (m_usedBytes > m_quotaBytes) {
        report.coalescedWeekly = deleteWhere(
            "DELETE FROM uplink_outbox WHERE kind IN ('counters', 'consumables') AND created_at < ?1 AND id NOT IN ("
            " SELECT max(id) FROM uplink_outbox WHERE kind IN ('counters', 'consumables')"
            " GROUP BY kind, device_key, created_at / 604800)",
            nowSecs - 7 * 86400);
    }
    // 2-4. Drop whole records, lowest priority first, oldest first, in small
    //      steps so no more is lost than needed.
    static constexpr std::array<const char *, 4> kDropOrder{{
        "DELETE FROM uplink_outbox WHERE id IN (SELECT id FROM uplink_outbox WHERE kind IN ('logs', 'discovery') "
        "ORDER BY CASE kind WHEN 'logs' THEN 0 ELSE 1 END, id LIMIT ?1)",
        "DELETE FROM uplink_outbox WHERE id IN (SELECT id FROM uplink_outbox WHERE kind IN ('counters', "
        "'consumables') ORDER BY id LIMIT ?1)",
        "DELETE FROM uplink_outbox WHERE id IN (SELECT id FROM uplink_outbox WHERE kind IN ('task_result', 'alert') "
        "ORDER BY CASE kind WHEN 'task_result' THEN 0 ELSE 1 END, id LIMIT ?1)",
        "DELETE FROM uplink_outbox WHERE id IN (SELECT id FROM uplink_outbox ORDER BY id LIMIT ?1)",
    }};
    for (const char *sql : kDropOrder) {
        while (m_usedBytes > m_quotaBytes) {
            const int n = deleteWhere(sql, 64);
            report.dropped += n;
            if (n == 0) {
                break;
            }
        }
    }
    if (report.total() > 0) {
        qWarning("outbox over its quota of %lld bytes: coalesced %d daily and %d weekly snapshots, dropped %d records",
                 static_cast<long long>(m_quotaBytes), report.coalescedDaily, report.coalescedWeekly, report.dropped);
    }
    return report;
}

} // namespace netgateway::storage
