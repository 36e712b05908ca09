#include <netgateway/storage/Database.h>
#include <netgateway/tasks/TaskStore.h>

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>

namespace netgateway::tasks {

namespace {

constexpr const char *kColumns =
    "id, type, device_key, parameters, state, progress, message, result, received_at, finished_at";

TaskState parseState(const QString &s)
{
    if (s == QLatin1String("refused")) {
        return TaskState::Refused;
    }
    if (s == QLatin1String("succeeded")) {
        return TaskState::Succeeded;
    }
    if (s == QLatin1String("failed")) {
        return TaskState::Failed;
    }
    return TaskState::Running;
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

TaskRecord readRow(const storage::Statement &st)
{
    TaskRecord r;
    r.id = st.text(0);
    r.type = st.text(1);
    r.deviceKey = st.text(2);
    r.parameters = QJsonDocument::fromJson(st.text(3).toUtf8()).object();
    r.state = parseState(st.text(4));
    r.progress = static_cast<int>(st.int64(5));
    r.message = st.text(6);
    r.result = QJsonDocument::fromJson(st.text(7).toUtf8()).object();
    r.receivedAt = st.int64(8);
    if (!st.isNull(9)) {
        r.finishedAt = st.int64(9);
    }
    return r;
}

QString isoTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

QString taskStateName(TaskState state)
{
    switch (state) {
    case TaskState::Refused:
        return QStringLiteral("refused");
    case TaskState::Running:
        return QStringLiteral("running");
    case TaskState::Succeeded:
        return QStringLiteral("succeeded");
    case TaskState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QJsonObject TaskRecord::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("type"), type},
                  {QStringLiteral("device"), deviceKey},
                  {QStringLiteral("parameters"), parameters},
                  {QStringLiteral("state"), taskStateName(state)},
                  {QStringLiteral("progress"), progress},
                  {QStringLiteral("message"), message},
                  {QStringLiteral("receivedAt"), isoTime(receivedAt)},
                  {QStringLiteral("finishedAt"), finishedAt ? QJsonValue(isoTime(*finishedAt)) : QJsonValue()}};
    // The snapshot archive itself is for the cloud; history shows its size and digest only.
    QJsonObject shown = result;
    shown.remove(QStringLiteral("archive"));
    o.insert(QStringLiteral("result"), shown);
    return o;
}

bool TaskStore::insert(const TaskRecord &r)
{
    storage::Statement st(m_db, "INSERT INTO tasks(id, type, device_key, parameters, state, progress, message, "
                                "result, received_at, finished_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                                "ON CONFLICT(id) DO NOTHING");
    st.bind(1, r.id).bind(2, r.type).bind(3, r.deviceKey).bind(4, compact(r.parameters));
    st.bind(5, taskStateName(r.state)).bind(6, r.progress).bind(7, r.message).bind(8, compact(r.result));
    st.bind(9, r.receivedAt);
    if (r.finishedAt) {
        st.bind(10, *r.finishedAt);
    } else {
        st.bindNull(10);
    }
    st.run();
    return m_db.changes() > 0;
}

std::optional<TaskRecord> TaskStore::find(const QString &id) const
{
    storage::Statement st(m_db, (QByteArray("SELECT ") + kColumns + " FROM tasks WHERE id = ?1").constData());
    st.bind(1, id);
    if (!st.step()) {
        return std::nullopt;
    }
    return readRow(st);
}

void TaskStore::setProgress(const QString &id, int progress, const QString &message)
{
    storage::Statement st(m_db, "UPDATE tasks SET progress = ?2, message = ?3 WHERE id = ?1 AND state = 'running'");
    st.bind(1, id).bind(2, std::clamp(progress, 0, 100)).bind(3, message);
    st.run();
}

void TaskStore::finish(const QString &id, TaskState state, const QString &message, const QJsonObject &result,
                       qint64 finishedAt)
{
    storage::Statement st(m_db, "UPDATE tasks SET state = ?2, message = ?3, result = ?4, finished_at = ?5, "
                                "progress = CASE WHEN ?2 = 'succeeded' THEN 100 ELSE progress END WHERE id = ?1");
    st.bind(1, id).bind(2, taskStateName(state)).bind(3, message).bind(4, compact(result)).bind(5, finishedAt);
    st.run();
}

QList<TaskRecord> TaskStore::recent(int limit, int offset) const
{
    storage::Statement st(m_db, (QByteArray("SELECT ") + kColumns +
                                 " FROM tasks ORDER BY received_at DESC, rowid DESC LIMIT ?1 OFFSET ?2")
                                    .constData());
    st.bind(1, std::clamp(limit, 1, 1000)).bind(2, std::max(0, offset));
    QList<TaskRecord> out;
    while (st.step()) {
        out.append(readRow(st));
    }
    return out;
}

int TaskStore::count() const
{
    storage::Statement st(m_db, "SELECT count(*) FROM tasks");
    return st.step() ? static_cast<int>(st.int64(0)) : 0;
}

QStringList TaskStore::failInterrupted(qint64 now)
{
    QStringList ids;
    {
        storage::Statement st(m_db, "SELECT id FROM tasks WHERE state = 'running'");
        while (st.step()) {
            ids << st.text(0);
        }
    }
    for (const QString &id : ids) {
        finish(id, TaskState::Failed,
               QStringLiteral("interrupted by a restart of the gateway; send the task again with a new id to retry"),
               {}, now);
    }
    return ids;
}

} // namespace netgateway::tasks
