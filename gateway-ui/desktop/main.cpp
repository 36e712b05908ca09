// netgateway-console: the desktop console for the machine that runs the
// gateway. Talks to the service through the console's REST API over HTTPS,
// pinning the certificate the service writes into its data directory.
//
//   netgateway-console [--url https://localhost:9797] [--data-dir DIR] [--certificate FILE] [--language CODE]
#include "ConsoleModel.h"
#include "HttpsConsoleApi.h"
#include "MainWindow.h"
#include "ServiceControl.h"

#include <netgateway/core/ServiceConfig.h>
#include <netgateway/core/Version.h>
#include <netgateway/core/api/Console.h>
#include <netgateway/i18n/Translations.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QSettings>
#include <QSslCertificate>
#include <QTimer>

#include <cstdio>

using namespace netgateway;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("netgateway"));
    QApplication::setApplicationName(QStringLiteral("netgateway-console"));
    QApplication::setApplicationVersion(QString::fromLatin1(core::kVersion));
    QSettings settings;

    // The language before any text is made: --language, else the choice kept
    // from the menu, else the system locale, else English.
    const QStringList raw = app.arguments();
    QString language;
    for (qsizetype i = 1; i + 1 < raw.size(); ++i) {
        if (raw.at(i) == QLatin1String("--language")) {
            language = raw.at(i + 1);
        }
    }
    if (language.isEmpty()) {
        language = settings.value(QLatin1String(desktop::MainWindow::kLanguageKey)).toString();
    }
    i18n::Translations::install(language.isEmpty() ? i18n::Translations::forLocale(QLocale::system()) : language);

    QCommandLineParser parser;
    parser.setApplicationDescription(desktop::MainWindow::tr("Desktop console of the netgateway service"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption url(QStringLiteral("url"), desktop::MainWindow::tr("Address of the gateway's console."),
                                 QStringLiteral("URL"), QStringLiteral("https://localhost:9797"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     desktop::MainWindow::tr("The gateway's data directory (for its certificate)."),
                                     QStringLiteral("DIR"), core::ServiceConfig::defaultDataDirectory());
    const QCommandLineOption certificate(QStringLiteral("certificate"),
                                         desktop::MainWindow::tr("The gateway's certificate file to pin."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption languageOption(QStringLiteral("language"),
                                            desktop::MainWindow::tr("Language: en, de, fr, it, es or ja."),
                                            QStringLiteral("CODE"));
    parser.addOptions({url, dataDir, certificate, languageOption});
    parser.process(app);

    const QUrl base(parser.value(url), QUrl::StrictMode);
    if (!base.isValid() || base.scheme() != QLatin1String("https") || base.host().isEmpty()) {
        std::fprintf(stderr, "netgateway-console: %s\n",
                     qPrintable(desktop::MainWindow::tr("--url must be an https:// address, such as "
                                                        "https://localhost:9797")));
        return 2;
    }
    const QString pin =
        parser.isSet(certificate)
            ? parser.value(certificate)
            : QDir(parser.value(dataDir)).filePath(QString::fromLatin1(core::api::Console::kCertificateFileName));

    desktop::HttpsConsoleApi api(base, pin);
    // A certificate accepted earlier by its fingerprint, per console address.
    const QString trustedKey = QStringLiteral("trustedCertificates/") + base.authority();
    api.setTrustedCertificate(
        QSslCertificate::fromData(settings.value(trustedKey).toByteArray().left(64 * 1024), QSsl::Pem).value(0));
    desktop::ConsoleModel model(api, std::chrono::seconds(3));
    desktop::ServiceControl service;
    desktop::MainWindow window(model, service, settings);
    window.setTrustHandler(
        [&](const QSslCertificate &accepted) {
            settings.setValue(trustedKey, accepted.toPem());
            api.setTrustedCertificate(accepted);
        },
        pin);
    window.show();
    QTimer::singleShot(0, &window, &desktop::MainWindow::showLoginDialog);
    return app.exec();
}
