#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class QSocketNotifier;

namespace netgateway::test {

struct CommandResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs the real netgatewayd binary for end-to-end tests. Readiness is observed
// the way systemd observes it: through a NOTIFY_SOCKET datagram socket that
// receives READY=1 and STOPPING=1.
class DaemonProcess : public QObject {
    Q_OBJECT
public:
    explicit DaemonProcess(QString dataDirectory, QObject *parent = nullptr);
    ~DaemonProcess() override;

    // Extra environment for the next start (e.g. WATCHDOG_USEC).
    void setEnvironmentVariable(const QString &name, const QString &value) { m_extraEnv.insert(name, value); }

    // Starts the daemon and waits for READY=1 or its exit. Returns true when ready.
    bool start(const QStringList &extraArguments = {}, int timeoutMs = 15000);
    // Waits for the process to exit; returns false on timeout.
    bool waitForExit(int timeoutMs);
    void signal(int signalNumber);

    [[nodiscard]] qint64 pid() const { return m_process.processId(); }
    [[nodiscard]] int exitCode() const { return m_process.exitCode(); }
    [[nodiscard]] QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    [[nodiscard]] bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    [[nodiscard]] const QStringList &notifications() const { return m_notifications; }
    [[nodiscard]] QByteArray standardError();
    [[nodiscard]] const QString &dataDirectory() const { return m_dataDirectory; }

    // Runs netgatewayctl with --data-dir set to this daemon's directory.
    [[nodiscard]] CommandResult ctl(const QStringList &arguments, int timeoutMs = 15000) const;
    static CommandResult run(const QString &program, const QStringList &arguments, int timeoutMs = 15000);

signals:
    void notified(const QString &message);

private:
    void readNotifications();

    QString m_dataDirectory;
    QProcess m_process;
    QTemporaryDir m_socketDir;
    int m_notifyFd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QStringList m_notifications;
    QByteArray m_stderr;
    QProcessEnvironment m_extraEnv;
};

} // namespace netgateway::test
