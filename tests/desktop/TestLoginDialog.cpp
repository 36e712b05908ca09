// The login dialog hands the password out once and keeps nothing: after a
// login from the window the password field is empty and only the API saw
// the password, for that one request.
#include "ConsoleModel.h"
#include "FakeConsoleApi.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "ServiceControl.h"

#include <netgateway/i18n/Translations.h>

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace netgateway;
using namespace netgateway::desktop;
using namespace std::chrono_literals;

class TestLoginDialog : public QObject {
    Q_OBJECT
private slots:
    void init() { i18n::Translations::install(QStringLiteral("en")); }

    void passwordIsHandedOutOnce()
    {
        LoginDialog dialog;
        auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("password"));
        QVERIFY(password);
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QTest::keyClicks(password, QStringLiteral("Pw-one-time-7"));
        QCOMPARE(dialog.user(), QStringLiteral("admin"));
        QCOMPARE(dialog.takePassword(), QStringLiteral("Pw-one-time-7"));
        QVERIFY(password->text().isEmpty());
        QVERIFY(dialog.takePassword().isEmpty());
    }

    void windowLogsInAndForgetsThePassword()
    {
        test::FakeConsoleApi api;
        ConsoleModel model(api, 1h);
        ServiceControl service(QStringLiteral("/bin/true"), {});
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
        MainWindow window(model, service, settings);
        window.show();
        window.showLoginDialog();
        auto *dialog = window.findChild<LoginDialog *>(QStringLiteral("loginDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *password = dialog->findChild<QLineEdit *>(QStringLiteral("password"));
        QTest::keyClicks(password, QStringLiteral("Pw-one-time-7"));
        dialog->findChild<QPushButton *>(QStringLiteral("logIn"))->click();
        QCOMPARE(api.calls, QStringList{QStringLiteral("login")});
        QCOMPARE(api.lastPassword, QStringLiteral("Pw-one-time-7"));
        QVERIFY(password->text().isEmpty());
        QVERIFY(!dialog->isVisible());
        // Nothing of the password went into the settings.
        settings.sync();
        QFile ini(dir.filePath(QStringLiteral("console.ini")));
        if (ini.open(QIODevice::ReadOnly)) {
            QVERIFY(!ini.readAll().contains("Pw-one-time-7"));
        }

        // A failed login opens the dialog again and says why.
        emit api.failed(ConsoleApi::Failure::LoginFailed, QString());
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY2(dialog->findChild<QLabel *>(QStringLiteral("loginMessage"))
                     ->text()
                     .contains(QStringLiteral("Login failed")),
                 "no reason shown");
    }

    void startedServiceAsksForLogin()
    {
        test::FakeConsoleApi api;
        ConsoleModel model(api, 1h);
        ServiceControl service(QStringLiteral("/bin/true"), {});
        QSignalSpy done(&service, &ServiceControl::finished);
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
        MainWindow window(model, service, settings);
        window.show();
        window.findChild<QPushButton *>(QStringLiteral("stop"))->click();
        QVERIFY(done.wait(10000));
        QVERIFY(!window.findChild<LoginDialog *>(QStringLiteral("loginDialog")));
        window.findChild<QPushButton *>(QStringLiteral("start"))->click();
        QVERIFY(done.wait(10000));
        auto *dialog = window.findChild<LoginDialog *>(QStringLiteral("loginDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY2(
            window.findChild<QLabel *>(QStringLiteral("serviceResult"))->text().contains(QStringLiteral("was started")),
            qPrintable(window.findChild<QLabel *>(QStringLiteral("serviceResult"))->text()));
    }
};

QTEST_MAIN(TestLoginDialog)
#include "TestLoginDialog.moc"
