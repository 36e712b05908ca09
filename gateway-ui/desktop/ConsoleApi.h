#pragma once

#include "DashboardSnapshot.h"

#include <QObject>
#include <QString>
#include <QUrl>

namespace netgateway::desktop {

// The desktop console's way to the service: the same REST API as the web
// console. Asynchronous; each call ends in exactly one signal. Tests put a
// fake behind this interface where the network is not the point.
class ConsoleApi : public QObject {
    Q_OBJECT
public:
    enum class Failure {
        NotRunning,         // nothing listens on the console port
        LoginFailed,        // wrong user name or password
        Locked,             // too many failed logins from this address
        PasswordNotSet,     // the first password was never set
        SessionExpired,     // the session ended (timeout, restart, logout elsewhere)
        CertificateMissing, // the pinned certificate file cannot be read
        CertificateChanged, // the service presents another certificate than the pinned one
        Network,            // anything else on the way (timeouts, TLS, HTTP errors)
        BadAnswer,          // the answer is not what the API documents
    };
    Q_ENUM(Failure)

    using QObject::QObject;
    ~ConsoleApi() override = default;

    // The password is used for this one request and not kept.
    virtual void login(const QString &user, const QString &password) = 0;
    virtual void fetchDashboard() = 0;
    // Ends the session on the service (best effort) and forgets it here.
    virtual void logout() = 0;
    [[nodiscard]] virtual QUrl webConsoleUrl() const = 0;

signals:
    void loggedIn();
    void dashboardReceived(const netgateway::desktop::DashboardSnapshot &snapshot);
    void failed(netgateway::desktop::ConsoleApi::Failure failure, const QString &detail);
};

} // namespace netgateway::desktop
