#include <netgateway/core/ServiceConfig.h>

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace netgateway::core {

std::optional<LogLevel> parseLogLevel(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("debug")) {
        return LogLevel::Debug;
    }
    if (t == QLatin1String("info")) {
        return LogLevel::Info;
    }
    if (t == QLatin1String("warning")) {
        return LogLevel::Warning;
    }
    if (t == QLatin1String("error")) {
        return LogLevel::Error;
    }
    return std::nullopt;
}

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return QStringLiteral("debug");
    case LogLevel::Info:
        return QStringLiteral("info");
    case LogLevel::Warning:
        return QStringLiteral("warning");
    case LogLevel::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

QString ServiceConfig::defaultDataDirectory()
{
    const QString fromEnv = qEnvironmentVariable("NETGATEWAY_DATA_DIR");
    if (!fromEnv.isEmpty()) {
        return fromEnv;
    }
#ifdef Q_OS_WIN
    const QString programData = qEnvironmentVariable("ProgramData", QStringLiteral("C:/ProgramData"));
    return QDir::fromNativeSeparators(programData) + QStringLiteral("/netgateway");
#else
    return QStringLiteral("/var/lib/netgateway");
#endif
}

namespace {

bool readPort(QSettings &ini, const QString &key, quint16 &out, QString &error, const QString &file)
{
    if (!ini.contains(key)) {
        return true;
    }
    bool ok = false;
    const int value = ini.value(key).toString().toInt(&ok);
    if (!ok || value < 1 || value > 65535) {
        error = QStringLiteral("%1: %2 = '%3' is not a TCP port; use a number from 1 to 65535")
                    .arg(file, key, ini.value(key).toString());
        return false;
    }
    out = static_cast<quint16>(value);
    return true;
}

} // namespace

bool ServiceConfig::loadFile(const QString &path, ServiceConfig &config, QString &error)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        error = QStringLiteral("configuration file %1 does not exist or is not readable").arg(path);
        return false;
    }
    if (info.size() > 1024 * 1024) {
        error = QStringLiteral("configuration file %1 is larger than 1 MiB; is it the right file?").arg(path);
        return false;
    }
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError) {
        error = QStringLiteral("configuration file %1 is not a valid INI file").arg(path);
        return false;
    }
    ServiceConfig next = config;
    if (ini.contains(QStringLiteral("service/data_dir"))) {
        const QVariant value = ini.value(QStringLiteral("service/data_dir"));
        // QSettings reads an unquoted value with a comma as a list, whose
        // toString() is empty: the service would then silently use its working
        // directory. Refuse instead, and say how to write it.
        if (value.typeId() == QMetaType::QStringList) {
            error = QStringLiteral("%1: service/data_dir contains a comma; write the path in double quotes, e.g. "
                                   "data_dir = \"/srv/netgateway,1\"")
                        .arg(path);
            return false;
        }
        if (value.toString().trimmed().isEmpty()) {
            error = QStringLiteral("%1: service/data_dir is empty; give the data directory's path or remove the key")
                        .arg(path);
            return false;
        }
        next.dataDirectory = value.toString();
    }
    if (!readPort(ini, QStringLiteral("ui/port"), next.uiPort, error, path) ||
        !readPort(ini, QStringLiteral("relay/port"), next.relayPort, error, path)) {
        return false;
    }
    if (ini.contains(QStringLiteral("relay/enabled"))) {
        const QString text = ini.value(QStringLiteral("relay/enabled")).toString().trimmed().toLower();
        if (text == QLatin1String("true") || text == QLatin1String("1") || text == QLatin1String("yes")) {
            next.relayEnabled = true;
        } else if (text == QLatin1String("false") || text == QLatin1String("0") || text == QLatin1String("no")) {
            next.relayEnabled = false;
        } else {
            error = QStringLiteral("%1: relay/enabled = '%2' is not a boolean; use true or false").arg(path, text);
            return false;
        }
    }
    if (ini.contains(QStringLiteral("log/level"))) {
        const QString text = ini.value(QStringLiteral("log/level")).toString();
        const auto level = parseLogLevel(text);
        if (!level) {
            error = QStringLiteral("%1: log/level = '%2' is not a log level; use debug, info, warning or error")
                        .arg(path, text);
            return false;
        }
        next.logLevel = *level;
    }
    if (ini.contains(QStringLiteral("log/max_size_mb"))) {
        bool ok = false;
        const int mb = ini.value(QStringLiteral("log/max_size_mb")).toString().toInt(&ok);
        if (!ok || mb < 1 || mb > 1024) {
            error = QStringLiteral("%1: log/max_size_mb must be a number from 1 to 1024").arg(path);
            return false;
        }
        next.logMaxBytes = qint64(mb) * 1024 * 1024;
    }
    if (ini.contains(QStringLiteral("log/files"))) {
        bool ok = false;
        const int files = ini.value(QStringLiteral("log/files")).toString().toInt(&ok);
        if (!ok || files < 1 || files > 100) {
            error = QStringLiteral("%1: log/files must be a number from 1 to 100").arg(path);
            return false;
        }
        next.logFiles = files;
    }
    config = next;
    return true;
}

} // namespace netgateway::core
