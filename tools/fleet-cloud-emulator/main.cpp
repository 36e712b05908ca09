// fleet-cloud-emulator: the cloud side of the gateway's upstream protocol for
// tests and the demo. Listens on 127.0.0.1 only.
#include "CloudEmulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>

#include <cstdio>

namespace {

int inspect(quint16 adminPort, const QString &what)
{
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/admin/%2").arg(adminPort).arg(what)));
    req.setTransferTimeout(10000);
    QNetworkReply *reply = nam.get(req);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (reply->error() != QNetworkReply::NoError) {
        std::fprintf(stderr, "fleet-cloud-emulator: cannot reach the admin port %u: %s\n", adminPort,
                     qPrintable(reply->errorString()));
        return 1;
    }
    const QByteArray out = QJsonDocument::fromJson(reply->readAll()).toJson(QJsonDocument::Indented);
    std::fwrite(out.constData(), 1, static_cast<size_t>(out.size()), stdout);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fleet-cloud-emulator"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Cloud emulator for netgateway. Run without a command to serve; 'inspect stats|records|gateways|logs' prints "
        "what a running emulator received."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("serve (default) or inspect"));
    QCommandLineOption port(QStringLiteral("port"), QStringLiteral("HTTPS port on 127.0.0.1 (0: any free)"),
                            QStringLiteral("port"), QStringLiteral("0"));
    QCommandLineOption adminPort(QStringLiteral("admin-port"),
                                 QStringLiteral("plain-HTTP admin port on 127.0.0.1 (0: any free)"),
                                 QStringLiteral("port"), QStringLiteral("0"));
    QCommandLineOption caOut(QStringLiteral("ca-out"), QStringLiteral("file the test CA certificate is written to"),
                             QStringLiteral("file"), QStringLiteral("fleet-cloud-ca.pem"));
    QCommandLineOption captureOut(QStringLiteral("capture"),
                                  QStringLiteral("append every request byte received (after TLS) to this file"),
                                  QStringLiteral("file"));
    QCommandLineOption packages(QStringLiteral("packages-dir"), QStringLiteral("directory served as packages"),
                                QStringLiteral("dir"));
    QCommandLineOption accessCode(QStringLiteral("access-code"), QStringLiteral("accepted access code (repeatable)"),
                                  QStringLiteral("code"));
    QCommandLineOption user(QStringLiteral("user"), QStringLiteral("accepted user as name:password (repeatable)"),
                            QStringLiteral("name:password"));
    parser.addOptions({port, adminPort, caOut, captureOut, packages, accessCode, user});
    parser.process(app);

    auto toPort = [](const QString &text, quint16 &out) {
        bool ok = false;
        const uint v = text.toUInt(&ok);
        if (!ok || v > 65535) {
            return false;
        }
        out = static_cast<quint16>(v);
        return true;
    };
    fleetcloud::CloudEmulator::Options options;
    if (!toPort(parser.value(port), options.port) || !toPort(parser.value(adminPort), options.adminPort)) {
        std::fprintf(stderr, "fleet-cloud-emulator: ports are numbers from 0 to 65535\n");
        return 2;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.value(0) == QLatin1String("inspect")) {
        return inspect(options.adminPort, positional.value(1, QStringLiteral("stats")));
    }
    options.caFile = parser.value(caOut);
    options.captureFile = parser.value(captureOut);
    options.packagesDir = parser.value(packages);
    if (parser.isSet(accessCode)) {
        options.accessCodes = parser.values(accessCode);
    }
    if (parser.isSet(user)) {
        options.users.clear();
        for (const QString &u : parser.values(user)) {
            const qsizetype colon = u.indexOf(QLatin1Char(':'));
            if (colon <= 0) {
                std::fprintf(stderr, "fleet-cloud-emulator: --user takes name:password\n");
                return 2;
            }
            options.users.insert(u.left(colon), u.mid(colon + 1));
        }
    }
    fleetcloud::CloudEmulator emulator(options);
    QString error;
    if (!emulator.start(error)) {
        std::fprintf(stderr, "fleet-cloud-emulator: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("fleet-cloud-emulator ready port=%u admin-port=%u ca=%s\n", emulator.port(), emulator.adminPort(),
                qPrintable(options.caFile));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
