#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace netgateway::tasks {

enum class TaskType { PollNow, Snapshot, Restart, Settings, SendFile, Firmware };
QString taskTypeName(TaskType type);
std::optional<TaskType> parseTaskType(const QString &name);

// How a firmware package reaches the device.
enum class Delivery { Raw, HttpPull };

// One maintenance task as the cloud sent it, after validation. Every field is
// checked by Task::parse() before anything runs, so a task is either refused
// as a whole or started with parameters known to be well formed.
struct Task {
    static constexpr qsizetype kMaxIdLength = 64;
    static constexpr qsizetype kMaxSettingBytes = 255;
    static constexpr qint64 kMaxPackageBytes = 256LL * 1024 * 1024;

    QString id; // [A-Za-z0-9._-], 1..64: the idempotency key
    TaskType type = TaskType::PollNow;
    QString deviceKey; // serial number or MAC address, as the gateway reports devices
    QJsonObject parameters;

    // Settings: the values to write (empty = leave alone).
    std::optional<QByteArray> sysName;
    std::optional<QByteArray> sysLocation;
    std::optional<QByteArray> sysContact;
    // SendFile, Firmware: a package on the cloud origin and its SHA-256.
    QString package;   // a file name under /v1/packages/ on the origin
    QByteArray sha256; // 32 bytes
    qint64 size = -1;  // expected size when given
    Delivery delivery = Delivery::Raw;
    // Snapshot: also fetch the device's status web page.
    bool webPage = true;

    // Parses and validates a task object. `id` is filled as soon as it is
    // valid, so a refusal can be recorded under it; `error` says what is wrong
    // in words for the cloud operator.
    static std::optional<Task> parse(const QJsonObject &object, QString &id, QString &error);
    // True when `id` is usable as a task id.
    static bool isValidId(const QString &id);
};

} // namespace netgateway::tasks
