#include "MainWindow.h"

#include "CertificateProbe.h"
#include "ConsoleModel.h"
#include "LoginDialog.h"

#include <netgateway/i18n/Translations.h>

#include <QAction>
#include <QActionGroup>
#include <QDesktopServices>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

namespace netgateway::desktop {

MainWindow::MainWindow(ConsoleModel &model, ServiceControl &service, QSettings &settings, QWidget *parent)
    : QMainWindow(parent), m_model(model), m_service(service), m_settings(settings)
{
    m_sessionMenu = menuBar()->addMenu(QString());
    m_logInAction = m_sessionMenu->addAction(QString());
    connect(m_logInAction, &QAction::triggered, this, &MainWindow::showLoginDialog);
    m_logOutAction = m_sessionMenu->addAction(QString());
    connect(m_logOutAction, &QAction::triggered, this, [this] { m_model.logOut(); });
    m_sessionMenu->addSeparator();
    m_quitAction = m_sessionMenu->addAction(QString());
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languages = new QActionGroup(this);
    for (const QString &code : i18n::Translations::languages()) {
        // Each language in its own name, so it can be found from any other.
        QAction *a = m_languageMenu->addAction(i18n::Translations::nativeName(code));
        a->setObjectName(QStringLiteral("language_") + code);
        a->setData(code);
        a->setCheckable(true);
        m_languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); });
    }

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    m_serviceBox = new QGroupBox(central);
    m_serviceStateLabel = new QLabel(m_serviceBox);
    m_serviceState = value("serviceState");
    m_start = new QPushButton(m_serviceBox);
    m_start->setObjectName(QStringLiteral("start"));
    m_stop = new QPushButton(m_serviceBox);
    m_stop->setObjectName(QStringLiteral("stop"));
    m_restart = new QPushButton(m_serviceBox);
    m_restart->setObjectName(QStringLiteral("restart"));
    m_serviceResult = value("serviceResult");
    m_serviceResult->setWordWrap(true);
    auto *serviceLayout = new QGridLayout(m_serviceBox);
    serviceLayout->addWidget(m_serviceStateLabel, 0, 0);
    serviceLayout->addWidget(m_serviceState, 0, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_restart);
    buttons->addStretch();
    serviceLayout->addLayout(buttons, 1, 0, 1, 2);
    serviceLayout->addWidget(m_serviceResult, 2, 0, 1, 2);
    layout->addWidget(m_serviceBox);

    auto *counts = new QHBoxLayout;
    m_devicesBox = new QGroupBox(central);
    auto *devicesLayout = new QGridLayout(m_devicesBox);
    const auto row = [&](QGridLayout *grid, int r, QLabel *&label, QLabel *&field, const char *name) {
        label = new QLabel(grid->parentWidget());
        field = value(name);
        field->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        label->setBuddy(field);
        grid->addWidget(label, r, 0);
        grid->addWidget(field, r, 1);
    };
    row(devicesLayout, 0, m_totalLabel, m_total, "devicesTotal");
    row(devicesLayout, 1, m_onlineLabel, m_online, "devicesOnline");
    row(devicesLayout, 2, m_offlineLabel, m_offline, "devicesOffline");
    row(devicesLayout, 3, m_errorLabel, m_error, "devicesInError");
    row(devicesLayout, 4, m_alertsLabel, m_alerts, "openAlerts");
    counts->addWidget(m_devicesBox);
    m_uplinkBox = new QGroupBox(central);
    auto *uplinkLayout = new QGridLayout(m_uplinkBox);
    row(uplinkLayout, 0, m_uplinkStateLabel, m_uplinkState, "uplinkState");
    row(uplinkLayout, 1, m_queueLabel, m_queue, "queueDepth");
    m_uplinkState->setWordWrap(true);
    uplinkLayout->setRowStretch(2, 1);
    counts->addWidget(m_uplinkBox);
    layout->addLayout(counts);

    m_alertsBox = new QGroupBox(central);
    m_recentAlerts = new QTableWidget(0, 4, m_alertsBox);
    m_recentAlerts->setObjectName(QStringLiteral("recentAlerts"));
    m_recentAlerts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_recentAlerts->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_recentAlerts->verticalHeader()->hide();
    m_recentAlerts->horizontalHeader()->setStretchLastSection(true);
    for (int column = 0; column < 3; ++column) {
        m_recentAlerts->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    auto *alertsLayout = new QVBoxLayout(m_alertsBox);
    alertsLayout->addWidget(m_recentAlerts);
    layout->addWidget(m_alertsBox, 1);

    auto *bottom = new QHBoxLayout;
    m_status = value("statusMessage");
    m_status->setWordWrap(true);
    m_busy = new QProgressBar(central);
    m_busy->setObjectName(QStringLiteral("busy"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_openWebConsole = new QPushButton(central);
    m_openWebConsole->setObjectName(QStringLiteral("openWebConsole"));
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_busy);
    bottom->addWidget(m_openWebConsole);
    layout->addLayout(bottom);
    setCentralWidget(central);

    connect(m_openWebConsole, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(m_model.webConsoleUrl()); });
    connect(m_start, &QPushButton::clicked, this, [this] {
        m_requested = ServiceControl::Action::Start;
        m_service.run(m_requested);
        refresh();
    });
    connect(m_stop, &QPushButton::clicked, this, [this] {
        m_requested = ServiceControl::Action::Stop;
        m_service.run(m_requested);
        refresh();
    });
    connect(m_restart, &QPushButton::clicked, this, [this] {
        m_requested = ServiceControl::Action::Restart;
        m_service.run(m_requested);
        refresh();
    });
    connect(&m_service, &ServiceControl::finished, this, [this](bool ok, const QString &message) {
        m_serviceMessage = message;
        refresh();
        // A service started from here has no session for this window yet.
        if (ok && m_requested != ServiceControl::Action::Stop && !m_model.hasSession() &&
            m_model.state() != ConsoleModel::State::LoggingIn && m_promptForLogin) {
            showLoginDialog();
        }
    });
    connect(&m_model, &ConsoleModel::changed, this, &MainWindow::refresh);
    connect(&m_model, &ConsoleModel::changed, this, [this] {
        if (m_trust && !m_offeringTrust && m_model.state() == ConsoleModel::State::CertificateMissing) {
            offerTrust();
        }
    });
    connect(&m_model, &ConsoleModel::loginNeeded, this, [this] {
        if (m_promptForLogin) {
            showLoginDialog();
        }
    });

    resize(820, 600);
    retranslate();
}

QLabel *MainWindow::value(const char *objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(QLatin1String(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void MainWindow::setLanguage(const QString &code)
{
    const QString used = i18n::Translations::install(code);
    m_settings.setValue(QLatin1String(kLanguageKey), used);
    // Installing a translator sends LanguageChange to every widget; the
    // explicit call covers a catalog that did not change.
    retranslate();
}

void MainWindow::setTrustHandler(TrustHandler trust, const QString &certificateFile)
{
    m_trust = std::move(trust);
    m_certificateFile = certificateFile;
}

void MainWindow::offerTrust()
{
    m_offeringTrust = true;
    auto *probe = new CertificateProbe(m_model.webConsoleUrl(), this);
    connect(probe, &CertificateProbe::finished, this, [this, probe](const QSslCertificate &presented, const QString &) {
        probe->deleteLater();
        if (presented.isNull()) {
            m_offeringTrust = false;
            return; // the state's message already says what is wrong
        }
        QMessageBox box(this);
        box.setObjectName(QStringLiteral("trustCertificate"));
        box.setIcon(QMessageBox::Warning);
        box.setWindowTitle(tr("Unknown certificate"));
        box.setText(
            tr("The gateway's certificate file %1 cannot be read, so the console cannot tell by itself that "
               "it talks to the gateway. The service on %2 presents a certificate with this SHA-256 "
               "fingerprint:\n\n%3\n\nCompare it with the fingerprint on the web console's certificate "
               "page, or with what 'openssl x509 -noout -fingerprint -sha256 -in %1' shows when run as an "
               "administrator. Trust it only when they are the same.")
                .arg(m_certificateFile, m_model.webConsoleUrl().authority(), CertificateProbe::fingerprint(presented)));
        QPushButton *trust = box.addButton(tr("Trust this certificate"), QMessageBox::AcceptRole);
        box.addButton(tr("Cancel"), QMessageBox::RejectRole);
        box.exec();
        m_offeringTrust = false;
        if (box.clickedButton() == trust) {
            m_trust(presented);
            showLoginDialog();
        }
    });
    probe->start();
}

void MainWindow::showLoginDialog()
{
    if (!m_login) {
        m_login = new LoginDialog(this);
        m_login->setObjectName(QStringLiteral("loginDialog"));
        connect(m_login, &QDialog::accepted, this, [this] { m_model.logIn(m_login->user(), m_login->takePassword()); });
    }
    const auto state = m_model.state();
    const bool explain = state == ConsoleModel::State::LoginFailed || state == ConsoleModel::State::Locked ||
                         state == ConsoleModel::State::SessionExpired || state == ConsoleModel::State::PasswordNotSet;
    m_login->setMessage(explain ? m_model.message() : QString());
    m_login->open();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("netgateway console"));
    m_sessionMenu->setTitle(tr("&Session"));
    m_logInAction->setText(tr("&Log in..."));
    m_logOutAction->setText(tr("Log &out"));
    m_quitAction->setText(tr("&Quit"));
    m_languageMenu->setTitle(tr("&Language"));
    for (QAction *a : m_languages->actions()) {
        a->setChecked(a->data().toString() == i18n::Translations::current());
    }
    m_serviceBox->setTitle(tr("Gateway service"));
    m_serviceStateLabel->setText(tr("State:"));
    m_start->setText(tr("St&art"));
    m_stop->setText(tr("St&op"));
    m_restart->setText(tr("&Restart"));
    m_devicesBox->setTitle(tr("Devices"));
    m_totalLabel->setText(tr("Total:"));
    m_onlineLabel->setText(tr("Online:"));
    m_offlineLabel->setText(tr("Offline:"));
    m_errorLabel->setText(tr("In error:"));
    m_alertsLabel->setText(tr("Open alerts:"));
    m_uplinkBox->setTitle(tr("Cloud uplink"));
    m_uplinkStateLabel->setText(tr("State:"));
    m_queueLabel->setText(tr("Records waiting:"));
    m_alertsBox->setTitle(tr("Recent alerts"));
    m_recentAlerts->setHorizontalHeaderLabels({tr("Raised"), tr("Device"), tr("Severity"), tr("Alert")});
    m_openWebConsole->setText(tr("Open the &web console"));
    m_openWebConsole->setToolTip(m_model.webConsoleUrl().toString());
    refresh();
}

QString MainWindow::severityText(const QString &severity) const
{
    if (severity == QLatin1String("critical")) {
        return tr("critical");
    }
    if (severity == QLatin1String("warning")) {
        return tr("warning");
    }
    return tr("other");
}

QString MainWindow::uplinkText() const
{
    const DashboardSnapshot &d = m_model.dashboard();
    if (d.uplinkState == QLatin1String("ok")) {
        return tr("connected");
    }
    if (d.uplinkState == QLatin1String("error")) {
        return d.uplinkError.isEmpty() ? tr("failing") : tr("failing: %1").arg(d.uplinkError);
    }
    return tr("off (no cloud configured)");
}

void MainWindow::refresh()
{
    using State = ConsoleModel::State;
    const State state = m_model.state();
    const bool connected = state == State::Connected && m_model.hasDashboard();
    switch (state) {
    case State::Connected:
        m_serviceState->setText(tr("running"));
        break;
    case State::NotRunning:
        m_serviceState->setText(tr("not running"));
        break;
    default:
        m_serviceState->setText(tr("unknown (not connected)"));
        break;
    }
    // Numbers and times in the console's language, not the process's locale.
    const QLocale locale(i18n::Translations::current());
    const DashboardSnapshot &d = m_model.dashboard();
    const auto show = [&](QLabel *label, qint64 n) { label->setText(connected ? locale.toString(n) : tr("-")); };
    show(m_total, d.devicesTotal);
    show(m_online, d.devicesOnline);
    show(m_offline, d.devicesOffline);
    show(m_error, d.devicesInError);
    show(m_alerts, d.openAlerts());
    show(m_queue, d.queueDepth);
    m_uplinkState->setText(connected ? uplinkText() : tr("-"));

    const auto &alerts = connected ? d.recentAlerts : QList<DashboardSnapshot::Alert>();
    m_recentAlerts->setRowCount(int(alerts.size()));
    for (int i = 0; i < alerts.size(); ++i) {
        const auto &a = alerts.at(i);
        const QString device = a.device.isEmpty() ? a.address : QStringLiteral("%1 (%2)").arg(a.device, a.address);
        const QStringList cells{locale.toString(a.raisedAt.toLocalTime(), QLocale::ShortFormat), device,
                                severityText(a.severity), a.description};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = m_recentAlerts->item(i, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_recentAlerts->setItem(i, c, item);
            }
            item->setText(cells.at(c));
        }
    }

    m_start->setEnabled(!m_service.busy());
    m_stop->setEnabled(!m_service.busy());
    m_restart->setEnabled(!m_service.busy());
    m_serviceResult->setText(m_serviceMessage);
    m_serviceResult->setVisible(!m_serviceMessage.isEmpty());
    m_logOutAction->setEnabled(state == State::Connected || state == State::NotRunning);
    m_status->setText(m_model.message());
    m_busy->setVisible(m_model.busy());
}

} // namespace netgateway::desktop
