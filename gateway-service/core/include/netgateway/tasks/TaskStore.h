#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace netgateway::storage {
class Database;
}

namespace netgateway::tasks {

enum class TaskState { Refused, Running, Succeeded, Failed };
QString taskStateName(TaskState state);

struct TaskRecord {
    QString id;
    QString type;
    QString deviceKey;
    QJsonObject parameters;
    TaskState state = TaskState::Running;
    int progress = 0;
    QString message;
    QJsonObject result;
    qint64 receivedAt = 0;
    std::optional<qint64> finishedAt;
    [[nodiscard]] QJsonObject toJson() const;
};

// The tasks table (migration 0010): every task ever received, keyed by its
// id, so a task delivered again is recognised and not run twice.
class TaskStore {
public:
    explicit TaskStore(storage::Database &db) : m_db(db) {}

    // Inserts the task; false when a task with this id exists already.
    bool insert(const TaskRecord &record);
    [[nodiscard]] std::optional<TaskRecord> find(const QString &id) const;
    void setProgress(const QString &id, int progress, const QString &message);
    void finish(const QString &id, TaskState state, const QString &message, const QJsonObject &result,
                qint64 finishedAt);
    // Newest first.
    [[nodiscard]] QList<TaskRecord> recent(int limit, int offset = 0) const;
    [[nodiscard]] int count() const;
    // Tasks left running by a stopped process are marked failed: a half-done
    // device operation is never resumed blindly. Returns their ids.
    QStringList failInterrupted(qint64 now);

private:
    storage::Database &m_db;
};

} // namespace netgateway::tasks
