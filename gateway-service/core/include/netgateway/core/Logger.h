#pragma once

#include <netgateway/core/ServiceConfig.h>

#include <QFile>
#include <QMutex>
#include <QString>

#include <functional>

namespace netgateway::core {

// The system log: every qDebug/qInfo/qWarning/qCritical of the process goes to
// a size-rotated file under the data directory (netgatewayd.log, .1 ... .N)
// and to the platform log (journald on Linux, the Event Log on Windows) or
// stderr in the foreground. The audit log is separate.
class Logger {
public:
    struct Options {
        QString directory; // where netgatewayd.log lives
        QString fileName = QStringLiteral("netgatewayd.log");
        qint64 maxBytes = 10 * 1024 * 1024;
        int files = 5; // rotated files kept besides the current one
        LogLevel level = LogLevel::Info;
        bool toStderr = false;
        bool toPlatformLog = false; // journald / Event Log
    };

    explicit Logger(Options options);
    ~Logger();
    Logger(const Logger &) = delete;
    Logger &operator=(const Logger &) = delete;

    // Routes Qt's message handler to this logger until destroyed.
    void install();

    void setLevel(LogLevel level);
    [[nodiscard]] LogLevel level() const;
    void write(LogLevel level, const QString &category, const QString &message);

    [[nodiscard]] QString filePath() const;

    // True when a service manager collects our platform log (journald via
    // JOURNAL_STREAM on Linux; the Event Log under the Windows SCM).
    static bool platformLogAvailable();

private:
    void rotateLocked();
    bool openLocked();

    Options m_options;
    mutable QMutex m_mutex;
    QFile m_file;
    qint64 m_size = 0;
    bool m_installed = false;
};

} // namespace netgateway::core
