#include "ServiceControl.h"

namespace netgateway::desktop {

namespace {

constexpr char kServiceName[] = "netgateway";

// What systemctl (polkit) and sc.exe say when the user may not manage services.
bool notPermitted(int exitCode, const QString &output)
{
    static const char *const markers[] = {"Access denied",  "access denied", "Interactive authentication required",
                                          "authentication", "Authorization", "Access is denied",
                                          "OpenSCManager",  "error: 5"};
    for (const char *m : markers) {
        if (output.contains(QLatin1String(m))) {
            return true;
        }
    }
    return exitCode == 4; // LSB: insufficient privilege
}

} // namespace

ServiceControl::ServiceControl(QObject *parent)
#ifdef Q_OS_WIN
    : ServiceControl(QStringLiteral("sc"), {}, parent)
#else
    : ServiceControl(QStringLiteral("systemctl"), {}, parent)
#endif
{
}

ServiceControl::ServiceControl(QString program, QStringList prefix, QObject *parent)
    : QObject(parent), m_program(std::move(program)), m_prefix(std::move(prefix))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        const QString output = QString::fromLocal8Bit(m_process.readAll().left(4096)).trimmed();
        if (status != QProcess::NormalExit || exitCode != 0) {
            m_queue.clear();
            if (notPermitted(exitCode, output)) {
                emit finished(false, tr("Not permitted: starting and stopping the gateway service needs "
                                        "administrator rights. Run the console as an administrator, or run "
                                        "'%1' as one.")
                                         .arg(m_program + QLatin1Char(' ') + m_current.join(QLatin1Char(' '))));
            } else {
                emit finished(false, tr("'%1' failed (exit code %2): %3")
                                         .arg(m_program)
                                         .arg(exitCode)
                                         .arg(output.isEmpty() ? m_process.errorString() : output));
            }
            return;
        }
        if (!m_queue.isEmpty()) {
            next();
            return;
        }
        switch (m_action) {
        case Action::Start:
            emit finished(true, tr("The gateway service was started."));
            break;
        case Action::Stop:
            emit finished(true, tr("The gateway service was stopped."));
            break;
        case Action::Restart:
            emit finished(true, tr("The gateway service was restarted."));
            break;
        }
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            m_queue.clear();
            emit finished(false, tr("'%1' cannot be run: %2").arg(m_program, m_process.errorString()));
        }
    });
}

void ServiceControl::run(Action action)
{
    if (busy()) {
        return;
    }
    m_action = action;
    const QString service = QString::fromLatin1(kServiceName);
#ifdef Q_OS_WIN
    // sc.exe has no restart: stop, then start.
    switch (action) {
    case Action::Start:
        m_queue = {{QStringLiteral("start"), service}};
        break;
    case Action::Stop:
        m_queue = {{QStringLiteral("stop"), service}};
        break;
    case Action::Restart:
        m_queue = {{QStringLiteral("stop"), service}, {QStringLiteral("start"), service}};
        break;
    }
#else
    const QString verb = action == Action::Start  ? QStringLiteral("start")
                         : action == Action::Stop ? QStringLiteral("stop")
                                                  : QStringLiteral("restart");
    m_queue = {{verb, service}};
#endif
    next();
}

void ServiceControl::next()
{
    m_current = m_queue.takeFirst();
    m_process.start(m_program, m_prefix + m_current);
}

} // namespace netgateway::desktop
