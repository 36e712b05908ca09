// The desktop console's model with a fake API: what each answer of the
// service turns into (state, message, polling), that polling runs one
// request at a time and keeps going while the service is down, and that the
// window shows the model (counts, alerts, German after the language switch).
#include "ConsoleModel.h"
#include "FakeConsoleApi.h"
#include "MainWindow.h"
#include "ServiceControl.h"

#include <netgateway/i18n/Translations.h>

#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace netgateway;
using namespace netgateway::desktop;
using namespace std::chrono_literals;

namespace {

DashboardSnapshot snapshot()
{
    DashboardSnapshot s;
    s.devicesTotal = 7;
    s.devicesOnline = 4;
    s.devicesOffline = 2;
    s.devicesInError = 1;
    s.alertsCritical = 1;
    s.alertsWarning = 2;
    s.uplinkState = QStringLiteral("ok");
    s.queueDepth = 17;
    s.version = QStringLiteral("9.9.9");
    s.recentAlerts = {{QStringLiteral("floor2"), QStringLiteral("192.0.2.7"), QStringLiteral("critical"),
                       QStringLiteral("Door open"), QDateTime::currentDateTimeUtc()}};
    return s;
}

} // namespace

class TestConsoleModel : public QObject {
    Q_OBJECT
private slots:
    void init() { i18n::Translations::install(QStringLiteral("en")); }

    void loginThenPolls()
    {
        test::FakeConsoleApi api;
        ConsoleModel model(api, 20ms);
        model.logIn(QStringLiteral("admin"), QStringLiteral("secret-1"));
        QCOMPARE(model.state(), ConsoleModel::State::LoggingIn);
        QCOMPARE(api.calls, QStringList{QStringLiteral("login")});
        QCOMPARE(api.lastPassword, QStringLiteral("secret-1"));

        emit api.loggedIn();
        QCOMPARE(model.state(), ConsoleModel::State::Connected);
        QCOMPARE(api.calls.count(QStringLiteral("dashboard")), qsizetype(1));
        // One request at a time: no second fetch before the first is answered.
        QTest::qWait(100);
        QCOMPARE(api.calls.count(QStringLiteral("dashboard")), qsizetype(1));
        emit api.dashboardReceived(snapshot());
        QVERIFY(model.hasDashboard());
        QCOMPARE(model.dashboard().devicesTotal, qint64(7));
        QVERIFY2(model.message().contains(QStringLiteral("9.9.9")), qPrintable(model.message()));
        QTRY_COMPARE(api.calls.count(QStringLiteral("dashboard")), qsizetype(2));
    }

    void failuresBecomeStates_data()
    {
        QTest::addColumn<ConsoleApi::Failure>("failure");
        QTest::addColumn<ConsoleModel::State>("state");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("loginNeeded");
        QTest::newRow("wrong password") << ConsoleApi::Failure::LoginFailed << ConsoleModel::State::LoginFailed
                                        << QStringLiteral("Login failed") << true;
        QTest::newRow("locked") << ConsoleApi::Failure::Locked << ConsoleModel::State::Locked
                                << QStringLiteral("locked") << true;
        QTest::newRow("session") << ConsoleApi::Failure::SessionExpired << ConsoleModel::State::SessionExpired
                                 << QStringLiteral("Log in again") << true;
        QTest::newRow("not running") << ConsoleApi::Failure::NotRunning << ConsoleModel::State::NotRunning
                                     << QStringLiteral("not running") << false;
        QTest::newRow("certificate") << ConsoleApi::Failure::CertificateChanged
                                     << ConsoleModel::State::CertificateChanged << QStringLiteral("Certificate changed")
                                     << false;
        QTest::newRow("network") << ConsoleApi::Failure::Network << ConsoleModel::State::Error
                                 << QStringLiteral("Cannot reach") << false;
    }
    void failuresBecomeStates()
    {
        QFETCH(ConsoleApi::Failure, failure);
        QFETCH(ConsoleModel::State, state);
        QFETCH(QString, text);
        QFETCH(bool, loginNeeded);
        test::FakeConsoleApi api;
        ConsoleModel model(api, 1h);
        QSignalSpy needed(&model, &ConsoleModel::loginNeeded);
        model.logIn(QStringLiteral("admin"), QStringLiteral("x"));
        emit api.failed(failure, QStringLiteral("detail"));
        QCOMPARE(model.state(), state);
        QVERIFY2(model.message().contains(text), qPrintable(model.message()));
        QCOMPARE(needed.size(), qsizetype(loginNeeded ? 1 : 0));
        QVERIFY(!model.busy());
    }

    void keepsPollingWhileTheServiceIsDown()
    {
        test::FakeConsoleApi api;
        ConsoleModel model(api, 20ms);
        model.logIn(QStringLiteral("admin"), QStringLiteral("x"));
        emit api.loggedIn();
        emit api.dashboardReceived(snapshot());
        QTRY_COMPARE(api.calls.count(QStringLiteral("dashboard")), qsizetype(2));
        emit api.failed(ConsoleApi::Failure::NotRunning, QStringLiteral("Connection refused"));
        QCOMPARE(model.state(), ConsoleModel::State::NotRunning);
        QTRY_COMPARE(api.calls.count(QStringLiteral("dashboard")), qsizetype(3));
        emit api.dashboardReceived(snapshot());
        QCOMPARE(model.state(), ConsoleModel::State::Connected);
    }

    void logoutForgetsTheDashboard()
    {
        test::FakeConsoleApi api;
        ConsoleModel model(api, 1h);
        model.logIn(QStringLiteral("admin"), QStringLiteral("x"));
        emit api.loggedIn();
        emit api.dashboardReceived(snapshot());
        model.logOut();
        QCOMPARE(model.state(), ConsoleModel::State::LoggedOut);
        QVERIFY(!model.hasDashboard());
        QVERIFY(api.calls.contains(QStringLiteral("logout")));
        // An answer still on its way after the logout is dropped.
        emit api.dashboardReceived(snapshot());
        QVERIFY(!model.hasDashboard());
    }

    void windowShowsTheModelInTheChosenLanguage()
    {
        test::FakeConsoleApi api;
        ConsoleModel model(api, 1h);
        ServiceControl service(QStringLiteral("/bin/true"), {});
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
        MainWindow window(model, service, settings);
        window.setPromptForLogin(false);
        model.logIn(QStringLiteral("admin"), QStringLiteral("x"));
        emit api.loggedIn();
        emit api.dashboardReceived(snapshot());
        const auto text = [&](const char *name) { return window.findChild<QLabel *>(QLatin1String(name))->text(); };
        QCOMPARE(text("devicesTotal"), QStringLiteral("7"));
        QCOMPARE(text("devicesOnline"), QStringLiteral("4"));
        QCOMPARE(text("devicesOffline"), QStringLiteral("2"));
        QCOMPARE(text("devicesInError"), QStringLiteral("1"));
        QCOMPARE(text("openAlerts"), QStringLiteral("3"));
        QCOMPARE(text("queueDepth"), QStringLiteral("17"));
        QCOMPARE(text("uplinkState"), QStringLiteral("connected"));
        auto *table = window.findChild<QTableWidget *>(QStringLiteral("recentAlerts"));
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("floor2 (192.0.2.7)"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("critical"));

        window.setLanguage(QStringLiteral("de"));
        QCOMPARE(settings.value(QStringLiteral("language")).toString(), QStringLiteral("de"));
        QCOMPARE(text("uplinkState"), QStringLiteral("verbunden"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("kritisch"));
        QCOMPARE(window.findChild<QPushButton *>(QStringLiteral("openWebConsole"))->text(),
                 QStringLiteral("&Web-Konsole öffnen"));
        window.setLanguage(QStringLiteral("xx"));
        QCOMPARE(settings.value(QStringLiteral("language")).toString(), QStringLiteral("en"));
        QCOMPARE(text("uplinkState"), QStringLiteral("connected"));
    }
};

QTEST_MAIN(TestConsoleModel)
#include "TestConsoleModel.moc"
