#include <netgateway/core/Clock.h>
#include <netgateway/core/audit/AuditLog.h>

#include <netgateway/storage/Database.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QtEndian>

namespace netgateway::core::audit {

namespace {

constexpr int kHashBytes = 32;

QByteArray zeroHash()
{
    return QByteArray(kHashBytes, '\0');
}

void addField(QCryptographicHash &hash, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    char length[4];
    qToBigEndian(static_cast<quint32>(utf8.size()), length);
    hash.addData(QByteArrayView(length, 4));
    hash.addData(utf8);
}

QByteArray entryHash(const QByteArray &previous, const Entry &e)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(previous);
    char id[8];
    qToBigEndian(static_cast<quint64>(e.id), id);
    hash.addData(QByteArrayView(id, 8));
    addField(hash, e.at);
    addField(hash, e.actor);
    addField(hash, e.source);
    addField(hash, e.action);
    addField(hash, e.target);
    addField(hash, AuditLog::resultName(e.result));
    return hash.result();
}

QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

struct Chain {
    qint64 anchorId = 0;
    QByteArray anchorHash = zeroHash();
    qint64 headId = 0;
    QByteArray headHash = zeroHash();
    bool present = false;
};

Chain readChain(storage::Database &db)
{
    Chain c;
    storage::Statement st(db, "SELECT anchor_id, anchor_hash, head_id, head_hash FROM audit_chain WHERE id = 1");
    if (st.step()) {
        c.anchorId = st.int64(0);
        c.anchorHash = st.blob(1);
        c.headId = st.int64(2);
        c.headHash = st.blob(3);
        c.present = true;
    }
    return c;
}

void writeChain(storage::Database &db, const Chain &c)
{
    storage::Statement st(db, "INSERT INTO audit_chain(id, anchor_id, anchor_hash, head_id, head_hash) "
                              "VALUES(1, ?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET anchor_id = excluded.anchor_id, "
                              "anchor_hash = excluded.anchor_hash, head_id = excluded.head_id, "
                              "head_hash = excluded.head_hash");
    st.bind(1, c.anchorId).bind(2, c.anchorHash).bind(3, c.headId).bind(4, c.headHash);
    st.run();
}

Entry readEntry(const storage::Statement &st)
{
    Entry e;
    e.id = st.int64(0);
    e.at = st.text(1);
    e.actor = st.text(2);
    e.source = st.text(3);
    e.action = st.text(4);
    e.target = st.text(5);
    e.result = st.text(6) == QLatin1String("failure") ? Result::Failure : Result::Success;
    return e;
}

QString whereClause(const Query &q)
{
    QStringList parts;
    if (q.from) {
        parts << QStringLiteral("at >= ?1");
    }
    if (q.to) {
        parts << QStringLiteral("at < ?2");
    }
    if (!q.actor.isEmpty()) {
        parts << QStringLiteral("actor = ?3");
    }
    if (!q.action.isEmpty()) {
        parts << QStringLiteral("action = ?4");
    }
    if (q.result) {
        parts << QStringLiteral("result = ?5");
    }
    return parts.isEmpty() ? QString() : QStringLiteral(" WHERE ") + parts.join(QStringLiteral(" AND "));
}

void bindQuery(storage::Statement &st, const Query &q)
{
    if (q.from) {
        st.bind(1, isoUtc(*q.from));
    }
    if (q.to) {
        st.bind(2, isoUtc(*q.to));
    }
    if (!q.actor.isEmpty()) {
        st.bind(3, q.actor);
    }
    if (!q.action.isEmpty()) {
        st.bind(4, q.action);
    }
    if (q.result) {
        st.bind(5, AuditLog::resultName(*q.result));
    }
}

QString csvField(const QString &value)
{
    QString v = value;
    // Neutralise spreadsheet formulas in exported text.
    if (!v.isEmpty() && QStringLiteral("=+-@").contains(v.front())) {
        v.prepend(QLatin1Char('\''));
    }
    v.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + v + QLatin1Char('"');
}

} // namespace

QJsonObject Entry::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("time"), at},
            {QStringLiteral("actor"), actor},
            {QStringLiteral("source"), source},
            {QStringLiteral("action"), action},
            {QStringLiteral("target"), target},
            {QStringLiteral("result"), AuditLog::resultName(result)}};
}

QString AuditLog::resultName(Result result)
{
    return result == Result::Success ? QStringLiteral("success") : QStringLiteral("failure");
}

AuditLog::AuditLog(storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock)
{
}

qint64 AuditLog::record(const QString &actor, const QString &source, const QString &action, const QString &target,
                        Result result)
{
    storage::Transaction tx(m_db);
    Chain chain = readChain(m_db);
    Entry e;
    e.id = chain.headId + 1;
    e.at = isoUtc(m_clock.nowUtc());
    e.actor = actor.left(256);
    e.source = source.left(256);
    e.action = action.left(256);
    e.target = target.left(1024);
    e.result = result;
    const QByteArray hash = entryHash(chain.headHash, e);
    storage::Statement st(m_db, "INSERT INTO audit_log(id, at, actor, source, action, target, result, prev_hash, hash) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    st.bind(1, e.id).bind(2, e.at).bind(3, e.actor).bind(4, e.source).bind(5, e.action).bind(6, e.target);
    st.bind(7, resultName(result)).bind(8, chain.headHash).bind(9, hash);
    st.run();
    chain.headId = e.id;
    chain.headHash = hash;
    writeChain(m_db, chain);
    tx.commit();
    return e.id;
}

QList<Entry> AuditLog::query(const Query &q) const
{
    const QString sql = QStringLiteral("SELECT id, at, actor, source, action, target, result FROM audit_log") +
                        whereClause(q) + QStringLiteral(" ORDER BY id DESC LIMIT ?6 OFFSET ?7");
    const QByteArray utf8 = sql.toUtf8();
    storage::Statement st(m_db, utf8.constData());
    bindQuery(st, q);
    st.bind(6, std::clamp(q.limit, 1, kMaxQueryLimit)).bind(7, std::max(q.offset, 0));
    QList<Entry> out;
    while (st.step()) {
        out.append(readEntry(st));
    }
    return out;
}

qint64 AuditLog::count(const Query &q) const
{
    const QByteArray sql = (QStringLiteral("SELECT count(*) FROM audit_log") + whereClause(q)).toUtf8();
    storage::Statement st(m_db, sql.constData());
    bindQuery(st, q);
    st.step();
    return st.int64(0);
}

QByteArray AuditLog::exportJsonLines(const QDateTime &since, const QDateTime &until) const
{
    storage::Statement st(m_db, "SELECT id, at, actor, source, action, target, result FROM audit_log "
                                "WHERE at >= ?1 AND at < ?2 ORDER BY id");
    st.bind(1, isoUtc(since)).bind(2, isoUtc(until));
    QByteArray out;
    while (st.step()) {
        out += QJsonDocument(readEntry(st).toJson()).toJson(QJsonDocument::Compact);
        out += '\n';
    }
    return out;
}

QByteArray AuditLog::exportCsv(const QDateTime &since, const QDateTime &until) const
{
    storage::Statement st(m_db, "SELECT id, at, actor, source, action, target, result FROM audit_log "
                                "WHERE at >= ?1 AND at < ?2 ORDER BY id");
    st.bind(1, isoUtc(since)).bind(2, isoUtc(until));
    QByteArray out = "id,time,actor,source,action,target,result\r\n";
    while (st.step()) {
        const Entry e = readEntry(st);
        out += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\r\n")
                   .arg(e.id)
                   .arg(csvField(e.at), csvField(e.actor), csvField(e.source), csvField(e.action), csvField(e.target),
                        csvField(resultName(e.result)))
                   .toUtf8();
    }
    return out;
}

int AuditLog::prune(int retentionDays)
{
    const QString cutoff = isoUtc(m_clock.nowUtc().addDays(-retentionDays));
    storage::Transaction tx(m_db);
    storage::Statement last(m_db, "SELECT id, hash FROM audit_log WHERE at < ?1 ORDER BY id DESC LIMIT 1");
    last.bind(1, cutoff);
    if (!last.step()) {
        return 0;
    }
    const qint64 anchorId = last.int64(0);
    const QByteArray anchorHash = last.blob(1);
    storage::Statement del(m_db, "DELETE FROM audit_log WHERE id <= ?1");
    del.bind(1, anchorId);
    del.run();
    const int removed = m_db.changes();
    Chain chain = readChain(m_db);
    chain.anchorId = anchorId;
    chain.anchorHash = anchorHash;
    writeChain(m_db, chain);
    tx.commit();
    return removed;
}

VerifyResult AuditLog::verify(storage::Database &db)
{
    VerifyResult r;
    const Chain chain = readChain(db);
    storage::Statement st(db, "SELECT id, at, actor, source, action, target, result, prev_hash, hash FROM audit_log "
                              "ORDER BY id");
    qint64 expectedId = chain.anchorId + 1;
    QByteArray expectedPrev = chain.anchorHash;
    auto fail = [&r](qint64 id, const QString &message) {
        r.ok = false;
        r.firstBadId = id;
        r.message = message;
        return r;
    };
    while (st.step()) {
        Entry e = readEntry(st);
        const QString rawResult = st.text(6);
        if (e.id < expectedId) {
            return fail(e.id, QStringLiteral("entry %1 lies before the start of the chain (entry %2): it was "
                                             "inserted afterwards")
                                  .arg(e.id)
                                  .arg(expectedId));
        }
        if (e.id > expectedId) {
            return fail(expectedId, QStringLiteral("entry %1 is missing: it was deleted (the next entry present is %2)")
                                        .arg(expectedId)
                                        .arg(e.id));
        }
        if (st.blob(7) != expectedPrev) {
            return fail(
                e.id,
                QStringLiteral("entry %1 does not follow entry %2: the chain was rewritten").arg(e.id).arg(e.id - 1));
        }
        const QByteArray computed = entryHash(expectedPrev, e);
        if (computed != st.blob(8) ||
            (rawResult != QLatin1String("success") && rawResult != QLatin1String("failure"))) {
            return fail(e.id, QStringLiteral("entry %1 was changed after it was written").arg(e.id));
        }
        expectedPrev = computed;
        ++expectedId;
        ++r.checked;
    }
    const qint64 lastId = expectedId - 1;
    if (chain.present && (lastId != chain.headId || expectedPrev != chain.headHash)) {
        if (lastId < chain.headId) {
            return fail(lastId + 1, QStringLiteral("entry %1 is missing: the newest entries up to %2 were deleted")
                                        .arg(lastId + 1)
                                        .arg(chain.headId));
        }
        return fail(chain.headId, QStringLiteral("the chain head no longer matches entry %1").arg(chain.headId));
    }
    r.message = QStringLiteral("audit log intact: %1 entries checked").arg(r.checked);
    return r;
}

} // namespace netgateway::core::audit
