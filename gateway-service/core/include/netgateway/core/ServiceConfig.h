#pragma once

#include <QString>

#include <optional>

namespace netgateway::core {

enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 };

std::optional<LogLevel> parseLogLevel(const QString &text);
QString logLevelName(LogLevel level);

// The service's start-up configuration: an INI file (--config) whose values the
// command line overrides. Everything else lives in the database.
struct ServiceConfig {
    static constexpr quint16 kDefaultUiPort = 9797;
    static constexpr quint16 kDefaultRelayPort = 8081;

    QString dataDirectory;
    quint16 uiPort = kDefaultUiPort;
    quint16 relayPort = kDefaultRelayPort;
    bool relayEnabled = true; // [relay] enabled; the relay also stays off while no cloud origin is configured
    LogLevel logLevel = LogLevel::Info;
    qint64 logMaxBytes = 10 * 1024 * 1024;
    int logFiles = 5;

    // The platform's default data directory, or $NETGATEWAY_DATA_DIR if set.
    static QString defaultDataDirectory();

    // Reads `path` into `config`. Keys absent from the file keep their current
    // values. On error returns false and a message that names the file, the
    // key and the accepted values.
    static bool loadFile(const QString &path, ServiceConfig &config, QString &error);
};

} // namespace netgateway::core
