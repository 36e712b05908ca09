#include <netgateway/core/Logger.h>

#include "PlatformLog.h"

#include <QDateTime>
#include <QDir>
#include <QMutexLocker>

#include <atomic>
#include <cstdio>

namespace netgateway::core {

namespace {

std::atomic<Logger *> g_logger{nullptr};

LogLevel levelFor(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return LogLevel::Debug;
    case QtInfoMsg:
        return LogLevel::Info;
    case QtWarningMsg:
        return LogLevel::Warning;
    case QtCriticalMsg:
    case QtFatalMsg:
        return LogLevel::Error;
    }
    return LogLevel::Info;
}

void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    Logger *logger = g_logger.load();
    const QString category = QString::fromUtf8(context.category ? context.category : "default");
    if (logger) {
        logger->write(levelFor(type), category, message);
    } else {
        std::fprintf(stderr, "%s\n", qPrintable(message));
    }
    if (type == QtFatalMsg) {
        std::abort();
    }
}

const char *levelTag(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return "DEBUG";
    case LogLevel::Info:
        return "INFO ";
    case LogLevel::Warning:
        return "WARN ";
    case LogLevel::Error:
        return "ERROR";
    }
    return "INFO ";
}

} // namespace

Logger::Logger(Options options) : m_options(std::move(options))
{
    QMutexLocker lock(&m_mutex);
    QDir().mkpath(m_options.directory);
    openLocked();
}

Logger::~Logger()
{
    if (m_installed) {
        g_logger.store(nullptr);
        qInstallMessageHandler(nullptr);
    }
}

void Logger::install()
{
    g_logger.store(this);
    qInstallMessageHandler(messageHandler);
    m_installed = true;
}

void Logger::setLevel(LogLevel level)
{
    QMutexLocker lock(&m_mutex);
    m_options.level = level;
}

LogLevel Logger::level() const
{
    QMutexLocker lock(&m_mutex);
    return m_options.level;
}

bool Logger::platformLogAvailable()
{
    return core::platformLogAvailable();
}

QString Logger::filePath() const
{
    return QDir(m_options.directory).filePath(m_options.fileName);
}

bool Logger::openLocked()
{
    m_file.setFileName(filePath());
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        return false;
    }
    m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_size = m_file.size();
    return true;
}

void Logger::rotateLocked()
{
    m_file.close();
    const QString base = filePath();
    QFile::remove(base + QLatin1Char('.') + QString::number(m_options.files));
    for (int i = m_options.files - 1; i >= 1; --i) {
        QFile::rename(base + QLatin1Char('.') + QString::number(i), base + QLatin1Char('.') + QString::number(i + 1));
    }
    QFile::rename(base, base + QStringLiteral(".1"));
    openLocked();
}

void Logger::write(LogLevel level, const QString &category, const QString &message)
{
    QMutexLocker lock(&m_mutex);
    if (level < m_options.level) {
        return;
    }
    const QString stamp = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QByteArray line =
        QStringLiteral("%1 %2 [%3] %4\n").arg(stamp, QString::fromLatin1(levelTag(level)), category, message).toUtf8();
    if (m_file.isOpen()) {
        if (m_size + line.size() > m_options.maxBytes && m_size > 0) {
            rotateLocked();
        }
        if (m_file.isOpen()) {
            const qint64 written = m_file.write(line);
            m_file.flush();
            if (written > 0) {
                m_size += written;
            }
        }
    }
    if (m_options.toStderr) {
        std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    }
    if (m_options.toPlatformLog) {
        platformLog(level, message.toUtf8());
    }
}

} // namespace netgateway::core
