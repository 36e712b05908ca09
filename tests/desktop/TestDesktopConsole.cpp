// netgateway-console against the real netgatewayd (DaemonProcess) polling a
// fleetsim fleet: after login the window shows the counts and the newest
// alerts the service has; a wrong password shows "login failed"; another
// certificate on the port is refused; the language switch shows German; a
// stopped service shows "not running". Screenshots of the window are saved
// under build/tests/desktop/artifacts/.
#include "CertificateProbe.h"
#include "ConsoleModel.h"
#include "DaemonProcess.h"
#include "FleetsimProcess.h"
#include "HttpsConsoleApi.h"
#include "MainWindow.h"
#include "ManualClock.h"
#include "ServiceControl.h"
#include "TempDataDir.h"

#include <netgateway/core/GatewayService.h>
#include <netgateway/core/api/Certificate.h>
#include <netgateway/core/api/Console.h>
#include <netgateway/core/discovery/AuditSink.h>
#include <netgateway/core/discovery/DiscoveryRepository.h>
#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/i18n/Translations.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>

#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>

#include <csignal>

using namespace netgateway;
using namespace netgateway::desktop;
using namespace netgateway::test;
using namespace std::chrono_literals;

namespace {

const QString kPassword = QStringLiteral("Kx7#desk-Pilot-42");

class SilentAudit final : public core::AuditSink {
public:
    void record(const QString &, const QString &, const QJsonObject &) override {}
};

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return server.serverPort();
}

} // namespace

class TestDesktopConsole : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        i18n::Translations::install(QStringLiteral("en"));
        QVERIFY(QDir().mkpath(QStringLiteral(DESKTOP_ARTIFACTS_DIR)));
        const QString started = m_sim.start(3, QStringLiteral("gw:SHA-256:gw-auth-pass:AES-128:gw-priv-pass"),
                                            {QStringLiteral("--no-dynamics")});
        QVERIFY2(started.isEmpty(), qPrintable(started));
        for (int device : {0, 1}) {
            QVERIFY(m_sim
                        .control({{"cmd", "alert"},
                                  {"devices", device},
                                  {"kind", "doorOpen"},
                                  {"action", "raise"},
                                  {"subunit", 1}})
                        .value("ok")
                        .toBool());
        }

        // Three printers that answer, one that does not (offline) and one
        // found but not accepted (pending): five devices in all.
        {
            ManualClock clock;
            SilentAudit audit;
            auto db = storage::Database::open(core::GatewayService::databasePath(m_data.path()));
            storage::Migrations::apply(*db);
            storage::FileKeyStore keys(core::GatewayService::keyFilePath(m_data.path()));
            storage::SecretVault vault(*db, keys);
            core::discovery::DiscoverySettings setting;
            setting.name = QStringLiteral("desk");
            setting.targets = {m_sim.address(0) + QLatin1Char('-') + m_sim.address(30)};
            core::discovery::Credential v3;
            v3.version = core::discovery::Credential::Version::V3;
            v3.user = QStringLiteral("gw");
            v3.auth = core::discovery::Credential::AuthProtocol::SHA256;
            v3.authPassphrase = QStringLiteral("gw-auth-pass");
            v3.priv = core::discovery::Credential::PrivProtocol::AES128;
            v3.privPassphrase = QStringLiteral("gw-priv-pass");
            setting.credentials = {v3};
            setting.registration = core::discovery::Registration::Managed;
            const qint64 settingId = core::discovery::DiscoveryRepository(*db, vault, clock, audit).add(setting);
            core::discovery::InventoryRepository inventory(*db, clock);
            for (int i : {0, 1, 2, 20, 21}) {
                core::discovery::DeviceObservation seen;
                seen.address = m_sim.address(i);
                seen.serialNumber = QStringLiteral("DESK%1").arg(i, 4, 10, QLatin1Char('0'));
                seen.via = {QStringLiteral("snmp")};
                seen.settingId = settingId;
                seen.credentialPosition = 0;
                inventory.upsert(seen, i == 21 ? core::discovery::Registration::Pending
                                               : core::discovery::Registration::Managed);
            }
        }

        m_daemon = std::make_unique<DaemonProcess>(m_data.path());
        m_daemon->setEnvironmentVariable(QStringLiteral("NETGATEWAY_SNMP_PORT"), QString::number(m_sim.port()));
        m_port = freePort();
        QVERIFY(m_port != 0);
        QVERIFY2(m_daemon->start({QStringLiteral("--ui-port"), QString::number(m_port), QStringLiteral("--relay-port"),
                                  QString::number(freePort())}),
                 m_daemon->standardError().constData());

        QProcess ctl;
        ctl.start(QStringLiteral(NETGATEWAYCTL_PATH), {QStringLiteral("--data-dir"), m_data.path(),
                                                       QStringLiteral("admin"), QStringLiteral("set-password")});
        QVERIFY(ctl.waitForStarted());
        ctl.write(kPassword.toUtf8() + '\n');
        ctl.closeWriteChannel();
        QVERIFY(ctl.waitForFinished(30000));
        QVERIFY2(ctl.exitCode() == 0, ctl.readAllStandardError().constData());
        const CommandResult poll = m_daemon->ctl({QStringLiteral("polling"), QStringLiteral("poll-now")});
        QVERIFY2(poll.exitCode == 0, poll.err.constData());

        const QString pin = QDir(m_data.path()).filePath(QString::fromLatin1(core::api::Console::kCertificateFileName));
        QVERIFY2(QFile::exists(pin), "the service wrote no certificate file");
        m_api = std::make_unique<HttpsConsoleApi>(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port)), pin);
        m_model = std::make_unique<ConsoleModel>(*m_api, 300ms);
        m_settings =
            std::make_unique<QSettings>(m_settingsDir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
        m_window = std::make_unique<MainWindow>(*m_model, m_service, *m_settings);
        m_window->setPromptForLogin(false);
        m_window->show();
    }

    void wrongPasswordShowsLoginFailed()
    {
        m_model->logIn(QStringLiteral("admin"), QStringLiteral("Not-the-password-1"));
        QTRY_COMPARE_WITH_TIMEOUT(m_model->state(), ConsoleModel::State::LoginFailed, 20000);
        QVERIFY2(label("statusMessage").contains(QStringLiteral("Login failed: wrong user name or password")),
                 qPrintable(label("statusMessage")));
        QCOMPARE(label("devicesTotal"), QStringLiteral("-"));
    }

    void loginShowsCountsAndRecentAlerts()
    {
        m_model->logIn(QStringLiteral("admin"), kPassword);
        QTRY_COMPARE_WITH_TIMEOUT(m_model->state(), ConsoleModel::State::Connected, 20000);
        QCOMPARE(label("serviceState"), QStringLiteral("running"));
        QTRY_COMPARE_WITH_TIMEOUT(label("devicesTotal"), QStringLiteral("5"), 20000);
        // The answering printers are read by the poll, the silent one times out.
        QTRY_COMPARE_WITH_TIMEOUT(label("devicesOnline"), QStringLiteral("3"), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(label("devicesOffline"), QStringLiteral("1"), 60000);
        QCOMPARE(label("devicesInError"), QStringLiteral("0"));
        QTRY_COMPARE_WITH_TIMEOUT(label("openAlerts"), QStringLiteral("2"), 60000);
        QCOMPARE(label("uplinkState"), QStringLiteral("off (no cloud configured)"));
        // Without a cloud the readings wait in the outbox: at least the three
        // printers' counters and consumables and the two alerts.
        QVERIFY2(m_model->dashboard().queueDepth >= 8, qPrintable(label("queueDepth")));
        QCOMPARE(label("queueDepth"), QString::number(m_model->dashboard().queueDepth));

        auto *table = m_window->findChild<QTableWidget *>(QStringLiteral("recentAlerts"));
        QTRY_COMPARE(table->rowCount(), 2);
        QStringList devices;
        for (int r = 0; r < table->rowCount(); ++r) {
            devices << table->item(r, 1)->text();
            QVERIFY(!table->item(r, 3)->text().isEmpty());
        }
        QVERIFY2(devices.join(QLatin1Char(' ')).contains(m_sim.address(0)), qPrintable(devices.join(u',')));
        QVERIFY2(devices.join(QLatin1Char(' ')).contains(m_sim.address(1)), qPrintable(devices.join(u',')));
        QVERIFY2(!devices.join(QLatin1Char(' ')).contains(m_sim.address(2) + QLatin1Char(')')),
                 qPrintable(devices.join(u',')));
        screenshot(QStringLiteral("main-window-en.png"));
    }

    void languageSwitchShowsGerman()
    {
        m_window->setLanguage(QStringLiteral("de"));
        QCOMPARE(m_settings->value(QStringLiteral("language")).toString(), QStringLiteral("de"));
        QCOMPARE(label("serviceState"), QStringLiteral("läuft"));
        QCOMPARE(label("uplinkState"), QStringLiteral("aus (keine Cloud eingerichtet)"));
        QVERIFY2(label("statusMessage").startsWith(QStringLiteral("Verbunden mit dem Gateway-Dienst")),
                 qPrintable(label("statusMessage")));
        QCOMPARE(m_window->findChild<QPushButton *>(QStringLiteral("openWebConsole"))->text(),
                 QStringLiteral("&Web-Konsole öffnen"));
        QCOMPARE(m_window->findChild<QPushButton *>(QStringLiteral("restart"))->text(), QStringLiteral("&Neu starten"));
        screenshot(QStringLiteral("main-window-de.png"));
        m_window->setLanguage(QStringLiteral("en"));
        QCOMPARE(label("serviceState"), QStringLiteral("running"));
    }

    void anotherCertificateIsRefused()
    {
        QByteArray cert;
        QByteArray key;
        QString error;
        QVERIFY2(core::api::CertificateStore::generateSelfSigned(
                     {QStringLiteral("127.0.0.1")}, QDateTime::currentDateTimeUtc().addDays(-1), 30, cert, key, error),
                 qPrintable(error));
        const QString other = m_settingsDir.filePath(QStringLiteral("other.pem"));
        QFile f(other);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(cert);
        f.close();
        HttpsConsoleApi api(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port)), other);
        ConsoleModel model(api, 300ms);
        model.logIn(QStringLiteral("admin"), kPassword);
        QTRY_COMPARE_WITH_TIMEOUT(model.state(), ConsoleModel::State::CertificateChanged, 20000);
        QVERIFY2(model.message().startsWith(QStringLiteral("Certificate changed")), qPrintable(model.message()));

        HttpsConsoleApi missing(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port)),
                                m_settingsDir.filePath(QStringLiteral("absent.pem")));
        ConsoleModel noPin(missing, 300ms);
        noPin.logIn(QStringLiteral("admin"), kPassword);
        QTRY_COMPARE(noPin.state(), ConsoleModel::State::CertificateMissing);
    }

    void trustOnFirstUseByFingerprint()
    {
        QFile file(QDir(m_data.path()).filePath(QString::fromLatin1(core::api::Console::kCertificateFileName)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QSslCertificate served = QSslCertificate::fromData(file.readAll()).value(0);
        QVERIFY(!served.isNull());
        const QUrl url(QStringLiteral("https://127.0.0.1:%1").arg(m_port));

        // What the administrator is shown: the presented certificate and its
        // fingerprint, in the web console's notation.
        CertificateProbe probe(url);
        QSslCertificate presented;
        bool done = false;
        connect(&probe, &CertificateProbe::finished, this, [&](const QSslCertificate &c, const QString &error) {
            presented = c;
            done = true;
            QVERIFY2(error.isEmpty(), qPrintable(error));
        });
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
        QCOMPARE(presented, served);
        QCOMPARE(CertificateProbe::fingerprint(presented),
                 QString::fromLatin1(served.digest(QCryptographicHash::Sha256).toHex(':')));

        // Without the file nothing is sent until that certificate is trusted.
        HttpsConsoleApi api(url, m_settingsDir.filePath(QStringLiteral("unreadable.pem")));
        ConsoleModel model(api, 300ms);
        model.logIn(QStringLiteral("admin"), kPassword);
        QTRY_COMPARE(model.state(), ConsoleModel::State::CertificateMissing);
        api.setTrustedCertificate(presented);
        model.logIn(QStringLiteral("admin"), kPassword);
        QTRY_COMPARE_WITH_TIMEOUT(model.state(), ConsoleModel::State::Connected, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(model.hasDashboard(), 20000);
        QCOMPARE(model.dashboard().devicesTotal, qint64(5));
    }

    void stoppedServiceShowsNotRunning()
    {
        m_daemon->signal(SIGTERM);
        QVERIFY(m_daemon->waitForExit(30000));
        QTRY_COMPARE_WITH_TIMEOUT(m_model->state(), ConsoleModel::State::NotRunning, 20000);
        QCOMPARE(label("serviceState"), QStringLiteral("not running"));
        QVERIFY2(label("statusMessage").contains(QStringLiteral("The gateway service is not running")),
                 qPrintable(label("statusMessage")));
        QCOMPARE(label("devicesTotal"), QStringLiteral("-"));
        screenshot(QStringLiteral("not-running.png"));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_model.reset();
        m_api.reset();
        if (m_daemon && m_daemon->isRunning()) {
            m_daemon->signal(SIGTERM);
            m_daemon->waitForExit(30000);
        }
    }

private:
    QString label(const char *name) const
    {
        auto *l = m_window->findChild<QLabel *>(QLatin1String(name));
        return l ? l->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
    }

    void screenshot(const QString &name)
    {
        const QPixmap shot = m_window->grab();
        QVERIFY(!shot.isNull());
        const QString path = QDir(QStringLiteral(DESKTOP_ARTIFACTS_DIR)).filePath(name);
        QVERIFY2(shot.save(path, "PNG"), qPrintable(path));
        qInfo("screenshot %s", qPrintable(path));
    }

    FleetsimProcess m_sim;
    TempDataDir m_data;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<DaemonProcess> m_daemon;
    quint16 m_port = 0;
    std::unique_ptr<HttpsConsoleApi> m_api;
    std::unique_ptr<ConsoleModel> m_model;
    ServiceControl m_service{QStringLiteral("/bin/false"), {}};
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestDesktopConsole)
#include "TestDesktopConsole.moc"
