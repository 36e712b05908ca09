#include <netgateway/tasks/Task.h>

#include <QJsonValue>
#include <QRegularExpression>

namespace netgateway::tasks {

namespace {

struct TypeName {
    TaskType type;
    const char *name;
};
constexpr TypeName kTypes[] = {
    {TaskType::PollNow, "poll-now"},  {TaskType::Snapshot, "snapshot"},  {TaskType::Restart, "restart"},
    {TaskType::Settings, "settings"}, {TaskType::SendFile, "send-file"}, {TaskType::Firmware, "firmware"},
};

// Only printable text goes into a device's identity objects: control
// characters would end up in other systems' logs and displays.
bool printable(const QString &s)
{
    for (const QChar c : s) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) {
            return false;
        }
    }
    return true;
}

bool onlyKeys(const QJsonObject &o, const QStringList &allowed, QString &error)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!allowed.contains(it.key())) {
            error = QStringLiteral("unknown parameter \"%1\"").arg(it.key().left(64));
            return false;
        }
    }
    return true;
}

bool parsePackage(const QJsonObject &p, Task &t, QString &error)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9._-]{1,128}$"));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    t.package = p.value(QStringLiteral("package")).toString();
    if (!name.match(t.package).hasMatch() || t.package.startsWith(QLatin1Char('.'))) {
        error = QStringLiteral("\"package\" must be a package name on the cloud origin (letters, digits, . _ -)");
        return false;
    }
    const QString digest = p.value(QStringLiteral("sha256")).toString();
    if (!hex.match(digest).hasMatch()) {
        error = QStringLiteral("\"sha256\" must be the package's SHA-256 as 64 hexadecimal digits");
        return false;
    }
    t.sha256 = QByteArray::fromHex(digest.toLatin1());
    if (p.contains(QStringLiteral("size"))) {
        const double size = p.value(QStringLiteral("size")).toDouble(-1);
        if (size < 0 || size > static_cast<double>(Task::kMaxPackageBytes) || size != static_cast<qint64>(size)) {
            error = QStringLiteral("\"size\" must be a byte count up to %1").arg(Task::kMaxPackageBytes);
            return false;
        }
        t.size = static_cast<qint64>(size);
    }
    return true;
}

} // namespace

QString taskTypeName(TaskType type)
{
    for (const auto &t : kTypes) {
        if (t.type == type) {
            return QLatin1String(t.name);
        }
    }
    return {};
}

std::optional<TaskType> parseTaskType(const QString &name)
{
    for (const auto &t : kTypes) {
        if (name == QLatin1String(t.name)) {
            return t.type;
        }
    }
    return std::nullopt;
}

bool Task::isValidId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return pattern.match(id).hasMatch();
}

std::optional<Task> Task::parse(const QJsonObject &object, QString &id, QString &error)
{
    id.clear();
    const QString candidate = object.value(QStringLiteral("id")).toString();
    if (!isValidId(candidate)) {
        error = QStringLiteral("the task has no valid \"id\" (1 to 64 letters, digits, . _ -)");
        return std::nullopt;
    }
    id = candidate;
    Task t;
    t.id = candidate;
    const auto type = parseTaskType(object.value(QStringLiteral("type")).toString());
    if (!type) {
        error = QStringLiteral("unknown task type \"%1\"; known: poll-now, snapshot, restart, settings, send-file, "
                               "firmware")
                    .arg(object.value(QStringLiteral("type")).toString().left(64));
        return std::nullopt;
    }
    t.type = *type;
    t.deviceKey = object.value(QStringLiteral("device")).toString();
    if (t.deviceKey.isEmpty() || t.deviceKey.size() > 128 || !printable(t.deviceKey)) {
        error = QStringLiteral("\"device\" must be the serial number or MAC address of a managed device");
        return std::nullopt;
    }
    // "params" is the name the task channel's first schema used.
    const QJsonValue params = object.contains(QStringLiteral("parameters")) ? object.value(QStringLiteral("parameters"))
                                                                            : object.value(QStringLiteral("params"));
    if (!params.isUndefined() && !params.isObject()) {
        error = QStringLiteral("\"parameters\" must be an object");
        return std::nullopt;
    }
    t.parameters = params.toObject();
    const QJsonObject &p = t.parameters;
    switch (t.type) {
    case TaskType::PollNow:
    case TaskType::Restart:
        if (!onlyKeys(p, {}, error)) {
            return std::nullopt;
        }
        break;
    case TaskType::Snapshot:
        if (!onlyKeys(p, {QStringLiteral("webPage")}, error)) {
            return std::nullopt;
        }
        if (p.contains(QStringLiteral("webPage")) && !p.value(QStringLiteral("webPage")).isBool()) {
            error = QStringLiteral("\"webPage\" must be true or false");
            return std::nullopt;
        }
        t.webPage = p.value(QStringLiteral("webPage")).toBool(true);
        break;
    case TaskType::Settings: {
        const QStringList keys{QStringLiteral("sysName"), QStringLiteral("sysLocation"), QStringLiteral("sysContact")};
        if (!onlyKeys(p, keys, error)) {
            return std::nullopt;
        }
        if (p.isEmpty()) {
            error = QStringLiteral("a settings task needs at least one of sysName, sysLocation, sysContact");
            return std::nullopt;
        }
        for (const QString &key : keys) {
            if (!p.contains(key)) {
                continue;
            }
            const QJsonValue v = p.value(key);
            const QByteArray bytes = v.toString().toUtf8();
            if (!v.isString() || bytes.size() > kMaxSettingBytes || !printable(v.toString())) {
                error =
                    QStringLiteral("\"%1\" must be printable text of at most %2 bytes").arg(key).arg(kMaxSettingBytes);
                return std::nullopt;
            }
            (key == keys[0] ? t.sysName : key == keys[1] ? t.sysLocation : t.sysContact) = bytes;
        }
        break;
    }
    case TaskType::SendFile:
        if (!onlyKeys(p, {QStringLiteral("package"), QStringLiteral("sha256"), QStringLiteral("size")}, error) ||
            !parsePackage(p, t, error)) {
            return std::nullopt;
        }
        break;
    case TaskType::Firmware: {
        if (!onlyKeys(p,
                      {QStringLiteral("package"), QStringLiteral("sha256"), QStringLiteral("size"),
                       QStringLiteral("delivery")},
                      error) ||
            !parsePackage(p, t, error)) {
            return std::nullopt;
        }
        const QString delivery = p.value(QStringLiteral("delivery")).toString(QStringLiteral("raw"));
        if (delivery == QLatin1String("raw")) {
            t.delivery = Delivery::Raw;
        } else if (delivery == QLatin1String("http-pull")) {
            t.delivery = Delivery::HttpPull;
        } else {
            error = QStringLiteral("\"delivery\" must be \"raw\" (port 9100) or \"http-pull\"");
            return std::nullopt;
        }
        break;
    }
    }
    return t;
}

} // namespace netgateway::tasks
