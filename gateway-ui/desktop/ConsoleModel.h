#pragma once

#include "ConsoleApi.h"
#include "DashboardSnapshot.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace netgateway::desktop {

// The desktop console's state: the session, the last dashboard and what to
// tell the administrator. Polls the dashboard every interval while logged in
// (one request at a time) and keeps polling while the service is down, so
// the window recovers by itself when it comes back.
class ConsoleModel : public QObject {
    Q_OBJECT
public:
    enum class State {
        LoggedOut,
        LoggingIn,
        Connected,
        NotRunning,
        LoginFailed,
        Locked,
        PasswordNotSet,
        SessionExpired,
        CertificateMissing,
        CertificateChanged,
        Error,
    };
    Q_ENUM(State)

    ConsoleModel(ConsoleApi &api, std::chrono::milliseconds interval, QObject *parent = nullptr);

    // The password goes to the API for this one login and is not kept.
    void logIn(const QString &user, const QString &password);
    void logOut();

    [[nodiscard]] State state() const { return m_state; }
    // Logged in (the session may still turn out to have ended).
    [[nodiscard]] bool hasSession() const { return m_session; }
    [[nodiscard]] bool hasDashboard() const { return m_hasDashboard; }
    [[nodiscard]] const DashboardSnapshot &dashboard() const { return m_dashboard; }
    [[nodiscard]] QDateTime lastUpdate() const { return m_lastUpdate; }
    // A request is on its way (the window shows progress).
    [[nodiscard]] bool busy() const { return m_inFlight; }
    // What the state means and what to do, in the current language.
    [[nodiscard]] QString message() const;
    [[nodiscard]] QUrl webConsoleUrl() const { return m_api.webConsoleUrl(); }

signals:
    void changed();
    // The administrator has to log in (again).
    void loginNeeded();

private:
    void poll();
    void setState(State state, const QString &detail = {});

    ConsoleApi &m_api;
    QTimer m_timer;
    State m_state = State::LoggedOut;
    QString m_detail;
    DashboardSnapshot m_dashboard;
    bool m_hasDashboard = false;
    bool m_inFlight = false;
    bool m_session = false;
    QDateTime m_lastUpdate;
};

} // namespace netgateway::desktop
