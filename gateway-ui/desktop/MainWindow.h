#pragma once

#include "ServiceControl.h"

#include <QMainWindow>
#include <QPointer>
#include <QSslCertificate>

#include <functional>

class QAction;
class QActionGroup;
class QGroupBox;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSettings;
class QTableWidget;

namespace netgateway::desktop {

class ConsoleModel;
class LoginDialog;

// The desktop console's window: service state with start/stop/restart, the
// device and alert counts, the cloud uplink, the newest open alerts, a button
// to the web console, and a language menu (the choice is kept in the settings).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    static constexpr char kLanguageKey[] = "language";

    MainWindow(ConsoleModel &model, ServiceControl &service, QSettings &settings, QWidget *parent = nullptr);

    // Installs the language's catalog, keeps the choice and retranslates.
    void setLanguage(const QString &code);
    // Opens the login dialog (also whenever the model needs a new login).
    void showLoginDialog();
    // Off in tests that log in directly.
    void setPromptForLogin(bool prompt) { m_promptForLogin = prompt; }
    // When the service's certificate file cannot be read, the window offers
    // the certificate the service presents, with its fingerprint, and hands
    // it to `trust` once the administrator has compared and accepted it.
    using TrustHandler = std::function<void(const QSslCertificate &)>;
    void setTrustHandler(TrustHandler trust, const QString &certificateFile);

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *value(const char *objectName);
    void retranslate();
    void refresh();
    QString severityText(const QString &severity) const;
    QString uplinkText() const;
    void offerTrust();

    ConsoleModel &m_model;
    ServiceControl &m_service;
    QSettings &m_settings;
    bool m_promptForLogin = true;
    QPointer<LoginDialog> m_login;
    QString m_serviceMessage;
    ServiceControl::Action m_requested = ServiceControl::Action::Start;
    TrustHandler m_trust;
    QString m_certificateFile;
    bool m_offeringTrust = false;

    QMenu *m_sessionMenu;
    QMenu *m_languageMenu;
    QAction *m_logInAction;
    QAction *m_logOutAction;
    QAction *m_quitAction;
    QActionGroup *m_languages;

    QGroupBox *m_serviceBox;
    QLabel *m_serviceStateLabel;
    QLabel *m_serviceState;
    QPushButton *m_start;
    QPushButton *m_stop;
    QPushButton *m_restart;
    QLabel *m_serviceResult;

    QGroupBox *m_devicesBox;
    QLabel *m_totalLabel;
    QLabel *m_onlineLabel;
    QLabel *m_offlineLabel;
    QLabel *m_errorLabel;
    QLabel *m_alertsLabel;
    QLabel *m_total;
    QLabel *m_online;
    QLabel *m_offline;
    QLabel *m_error;
    QLabel *m_alerts;

    QGroupBox *m_uplinkBox;
    QLabel *m_uplinkStateLabel;
    QLabel *m_queueLabel;
    QLabel *m_uplinkState;
    QLabel *m_queue;

    QGroupBox *m_alertsBox;
    QTableWidget *m_recentAlerts;

    QPushButton *m_openWebConsole;
    QLabel *m_status;
    QProgressBar *m_busy;
};

} // namespace netgateway::desktop
