// libFuzzer target: a maintenance task as the cloud sends it (Manage mode).
// Task::parse either refuses the task with a message, or accepts it with
// every field inside its documented limits; a task id is only ever reported
// when it is a valid id (it becomes a database key and part of file names).
#include <netgateway/tasks/Task.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdlib>

using namespace netgateway::tasks;

namespace {

bool printableBytes(const QByteArray &bytes)
{
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            return false;
        }
    }
    return true;
}

void check(const std::optional<Task> &task, const QString &id, const QString &error)
{
    if (!id.isEmpty() && !Task::isValidId(id)) {
        std::abort(); // an invalid id must never be used to record anything
    }
    if (!task) {
        if (error.isEmpty()) {
            std::abort(); // a refusal always says why
        }
        return;
    }
    const Task &t = *task;
    if (!Task::isValidId(t.id) || t.id != id || t.deviceKey.isEmpty() || t.deviceKey.size() > 128) {
        std::abort();
    }
    for (const auto &value : {t.sysName, t.sysLocation, t.sysContact}) {
        if (value && (value->size() > Task::kMaxSettingBytes || !printableBytes(*value))) {
            std::abort();
        }
    }
    if (t.type == TaskType::Settings && !t.sysName && !t.sysLocation && !t.sysContact) {
        std::abort();
    }
    if (t.type == TaskType::SendFile || t.type == TaskType::Firmware) {
        if (t.sha256.size() != 32 || t.package.isEmpty() || t.package.contains(u'/') || t.package.startsWith(u'.') ||
            t.size > Task::kMaxPackageBytes) {
            std::abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 64 * 1024) {
        return 0; // the uplink refuses larger task batches before parsing
    }
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    QJsonArray tasks;
    if (doc.isObject()) {
        tasks.append(doc.object());
    } else if (doc.isArray()) {
        tasks = doc.array();
    }
    for (const QJsonValue &value : std::as_const(tasks)) {
        QString id;
        QString error;
        check(Task::parse(value.toObject(), id, error), id, error);
    }
    return 0;
}
