// Runs the gateway's uplink against an origin until the outbox is drained,
// registering first when needed. Prints "registered" and "drained". A test
// kills it with SIGKILL mid-upload and runs it again.
#include <netgateway/core/Clock.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/Outbox.h>
#include <netgateway/storage/SecretVault.h>
#include <netgateway/uplink/Uplink.h>

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace netgateway;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: ng_uplink_runner DATADIR ORIGIN CAFILE\n");
        return 2;
    }
    const QString dbPath = args.at(1) + QStringLiteral("/netgateway.db");
    auto db = storage::Database::open(dbPath);
    storage::Migrations::apply(*db);
    storage::FileKeyStore keys(args.at(1) + QStringLiteral("/vault.key"));
    storage::SecretVault vault(*db, keys);
    storage::Outbox outbox(dbPath);
    core::SystemClock clock;
    uplink::LoggingAuditSink audit;
    uplink::UplinkSettings settings;
    settings.origin = QUrl(args.at(2));
    settings.extraCaFile = args.at(3);
    settings.backoffBase = std::chrono::milliseconds(100);
    settings.backoffCap = std::chrono::milliseconds(1000);
    settings.maxRecordsPerUpload = 50;
    settings.tickIntervalMs = 50;
    uplink::Uplink link(*db, vault, outbox, clock, audit, settings);
    QObject::connect(&link, &uplink::Uplink::drained, &app, [&] {
        if (outbox.count() == 0) {
            std::printf("drained\n");
            std::fflush(stdout);
            QCoreApplication::exit(0);
        }
    });
    QObject::connect(&link, &uplink::Uplink::registrationFinished, &app, [&](bool ok, const QString &message) {
        if (!ok) {
            std::fprintf(stderr, "registration failed: %s\n", qPrintable(message));
            QCoreApplication::exit(1);
            return;
        }
        std::printf("registered\n");
        std::fflush(stdout);
        link.syncNow();
    });
    link.start();
    if (link.registration() == QLatin1String("unregistered")) {
        link.registerGateway(QStringLiteral("DEMO-CODE"), QStringLiteral("admin"), QStringLiteral("admin-password"));
    } else {
        link.syncNow();
    }
    return QCoreApplication::exec();
}
