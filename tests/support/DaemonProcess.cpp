#include "DaemonProcess.h"

#include <QSocketNotifier>
#include <QTest>

#include <csignal>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace netgateway::test {

DaemonProcess::DaemonProcess(QString dataDirectory, QObject *parent)
    : QObject(parent), m_dataDirectory(std::move(dataDirectory)), m_socketDir(QStringLiteral("/tmp/ngn-XXXXXX"))
{
    m_process.setProgram(QStringLiteral(NETGATEWAYD_PATH_FROM_SUPPORT));
}

DaemonProcess::~DaemonProcess()
{
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    if (m_notifyFd >= 0) {
        ::close(m_notifyFd);
    }
}

bool DaemonProcess::start(const QStringList &extraArguments, int timeoutMs)
{
    const QString socketPath = m_socketDir.filePath(QStringLiteral("notify"));
    if (m_notifyFd < 0) {
        m_notifyFd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray native = socketPath.toLocal8Bit();
        if (native.size() >= static_cast<qsizetype>(sizeof(address.sun_path))) {
            return false;
        }
        memcpy(address.sun_path, native.constData(), static_cast<size_t>(native.size()));
        if (::bind(m_notifyFd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0) {
            return false;
        }
        m_notifier = new QSocketNotifier(m_notifyFd, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &DaemonProcess::readNotifications);
    }
    m_notifications.clear();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NOTIFY_SOCKET"), socketPath);
    env.remove(QStringLiteral("JOURNAL_STREAM"));
    env.remove(QStringLiteral("NETGATEWAY_DATA_DIR"));
    env.insert(m_extraEnv);
    m_process.setProcessEnvironment(env);
    QStringList args{QStringLiteral("--foreground"), QStringLiteral("--data-dir"), m_dataDirectory};
    args += extraArguments;
    m_process.setArguments(args);
    m_process.start();
    if (!m_process.waitForStarted(timeoutMs)) {
        return false;
    }
    (void)QTest::qWaitFor([this] { return m_notifications.contains(QStringLiteral("READY=1")) || !isRunning(); },
                          timeoutMs);
    return m_notifications.contains(QStringLiteral("READY=1")) && isRunning();
}

void DaemonProcess::readNotifications()
{
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::recv(m_notifyFd, buffer, sizeof(buffer), 0);
        if (n <= 0) {
            break;
        }
        const QString message = QString::fromUtf8(buffer, n);
        for (const QString &line : message.split(u'\n', Qt::SkipEmptyParts)) {
            m_notifications << line;
            emit notified(line);
        }
    }
}

bool DaemonProcess::waitForExit(int timeoutMs)
{
    const bool exited = !isRunning() || m_process.waitForFinished(timeoutMs);
    // waitForFinished does not run the event loop: collect what the daemon
    // sent to the notify socket before it exited.
    if (m_notifyFd >= 0) {
        readNotifications();
    }
    return exited;
}

void DaemonProcess::signal(int signalNumber)
{
    ::kill(static_cast<pid_t>(m_process.processId()), signalNumber);
}

QByteArray DaemonProcess::standardError()
{
    m_stderr += m_process.readAllStandardError();
    return m_stderr;
}

CommandResult DaemonProcess::ctl(const QStringList &arguments, int timeoutMs) const
{
    return run(QStringLiteral(NETGATEWAYCTL_PATH_FROM_SUPPORT),
               QStringList{QStringLiteral("--data-dir"), m_dataDirectory} + arguments, timeoutMs);
}

CommandResult DaemonProcess::run(const QString &program, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("NOTIFY_SOCKET"));
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    CommandResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace netgateway::test
