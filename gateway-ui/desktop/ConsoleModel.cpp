#include "ConsoleModel.h"

#include <netgateway/i18n/Translations.h>

#include <QLocale>

namespace netgateway::desktop {

ConsoleModel::ConsoleModel(ConsoleApi &api, std::chrono::milliseconds interval, QObject *parent)
    : QObject(parent), m_api(api)
{
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, &ConsoleModel::poll);
    connect(&m_api, &ConsoleApi::loggedIn, this, [this] {
        m_inFlight = false;
        m_session = true;
        setState(State::Connected);
        m_timer.start();
        poll();
    });
    connect(&m_api, &ConsoleApi::dashboardReceived, this, [this](const DashboardSnapshot &snapshot) {
        m_inFlight = false;
        if (!m_session) {
            return; // logged out while the request was on its way
        }
        m_dashboard = snapshot;
        m_hasDashboard = true;
        m_lastUpdate = QDateTime::currentDateTime();
        setState(State::Connected);
    });
    connect(&m_api, &ConsoleApi::failed, this, [this](ConsoleApi::Failure failure, const QString &detail) {
        m_inFlight = false;
        switch (failure) {
        case ConsoleApi::Failure::NotRunning:
            // Keep polling: the service may be restarted from this window.
            // Its sessions live in memory, so a restart asks for a new login.
            setState(State::NotRunning, detail);
            if (!m_session) {
                m_timer.stop();
            }
            return;
        case ConsoleApi::Failure::LoginFailed:
            setState(State::LoginFailed, detail);
            break;
        case ConsoleApi::Failure::Locked:
            setState(State::Locked, detail);
            break;
        case ConsoleApi::Failure::PasswordNotSet:
            setState(State::PasswordNotSet, detail);
            break;
        case ConsoleApi::Failure::SessionExpired:
            setState(State::SessionExpired, detail);
            break;
        case ConsoleApi::Failure::CertificateMissing:
            setState(State::CertificateMissing, detail);
            break;
        case ConsoleApi::Failure::CertificateChanged:
            // Nothing more goes to that peer until the administrator acts.
            m_session = false;
            m_timer.stop();
            setState(State::CertificateChanged, detail);
            return;
        case ConsoleApi::Failure::Network:
        case ConsoleApi::Failure::BadAnswer:
            setState(State::Error, detail);
            return; // transient: the next poll tries again
        }
        m_session = false;
        m_timer.stop();
        emit loginNeeded();
    });
}

void ConsoleModel::logIn(const QString &user, const QString &password)
{
    m_session = false;
    m_timer.stop();
    m_inFlight = true;
    setState(State::LoggingIn);
    m_api.login(user, password);
}

void ConsoleModel::logOut()
{
    m_timer.stop();
    m_session = false;
    m_hasDashboard = false;
    m_dashboard = DashboardSnapshot();
    m_api.logout();
    setState(State::LoggedOut);
}

void ConsoleModel::poll()
{
    if (m_inFlight) {
        return;
    }
    m_inFlight = true;
    emit changed();
    m_api.fetchDashboard();
}

void ConsoleModel::setState(State state, const QString &detail)
{
    m_state = state;
    m_detail = detail;
    emit changed();
}

QString ConsoleModel::message() const
{
    switch (m_state) {
    case State::LoggedOut:
        return tr("Not logged in. Log in with the administrator password.");
    case State::LoggingIn:
        return tr("Logging in...");
    case State::Connected:
        if (!m_hasDashboard) {
            return tr("Logged in; reading the gateway's state...");
        }
        return tr("Connected to the gateway service %1; last update %2.")
            .arg(m_dashboard.version,
                 QLocale(i18n::Translations::current()).toString(m_lastUpdate.time(), QLocale::ShortFormat));
    case State::NotRunning:
        return tr("The gateway service is not running. Start it with the Start button (needs administrator rights).");
    case State::LoginFailed:
        return tr("Login failed: wrong user name or password.");
    case State::Locked:
        return tr("Login failed too often: logins from this computer are locked for a while. Try again later.");
    case State::PasswordNotSet:
        return tr("The administrator password is not set yet. Set it in the web console with the setup token, or "
                  "with 'netgatewayctl admin set-password'.");
    case State::SessionExpired:
        return tr("The session ended. Log in again.");
    case State::CertificateMissing:
        return tr("The gateway's certificate (%1) cannot be read, so the connection cannot be verified. Run the "
                  "console as a user who may read the gateway's data directory.")
            .arg(m_detail);
    case State::CertificateChanged:
        return tr("Certificate changed: %1. Not connected. If the certificate was replaced on purpose, log in "
                  "again.")
            .arg(m_detail);
    case State::Error:
        return tr("Cannot reach the gateway service: %1").arg(m_detail);
    }
    return {};
}

} // namespace netgateway::desktop
