#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>

namespace netgateway::desktop {

// Starts, stops and restarts the gateway's system service with the system's
// own tool: `systemctl start|stop|restart netgateway` on Linux (a desktop
// session's polkit agent may ask for a password), `sc start|stop netgateway`
// on Windows. Refusals for lack of rights get a message saying what to do.
class ServiceControl : public QObject {
    Q_OBJECT
public:
    enum class Action { Start, Stop, Restart };
    Q_ENUM(Action)

    explicit ServiceControl(QObject *parent = nullptr);
    // Runs `program prefix... VERB netgateway` instead (tests).
    ServiceControl(QString program, QStringList prefix, QObject *parent = nullptr);

    void run(Action action);
    [[nodiscard]] bool busy() const { return m_process.state() != QProcess::NotRunning || !m_queue.isEmpty(); }

signals:
    void finished(bool ok, const QString &message);

private:
    void next();

    QString m_program;
    QStringList m_prefix;
    QProcess m_process;
    QList<QStringList> m_queue;
    QStringList m_current;
    Action m_action = Action::Start;
};

} // namespace netgateway::desktop
