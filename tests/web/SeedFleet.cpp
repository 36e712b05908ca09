// Writes a fleet into a data directory the way discovery and polling leave
// it, for the web console's end-to-end tests: one discovery setting (SNMP
// v2c, community "public") and N managed devices at consecutive loopback
// addresses (where fleetsim answers), each with a serial number, MAC,
// vendor and model; the first devices also get daily counter readings and
// supply levels for the past days, so their history charts have data.
//
//   webui_seed_fleet DATA_DIR COUNT BASE_ADDRESS HISTORY_DAYS
#include <netgateway/core/Clock.h>
#include <netgateway/core/GatewayService.h>
#include <netgateway/core/discovery/AuditSink.h>
#include <netgateway/core/discovery/DiscoveryRepository.h>
#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/core/polling/TelemetryStore.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>
#include <netgateway/tasks/TaskStore.h>

#include <QCoreApplication>
#include <QHostAddress>

#include <cstdio>

using namespace netgateway;

namespace {

class NoAudit final : public core::AuditSink {
public:
    void record(const QString &, const QString &, const QJsonObject &) override {}
};

int usage(const char *why)
{
    std::fprintf(stderr, "webui_seed_fleet: %s\nusage: webui_seed_fleet DATA_DIR COUNT BASE_ADDRESS HISTORY_DAYS\n",
                 why);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5) {
        return usage("four arguments are needed");
    }
    const QString dataDir = args[1];
    bool ok = false;
    const int count = args[2].toInt(&ok);
    if (!ok || count < 1 || count > 100000) {
        return usage("COUNT must be 1..100000");
    }
    const QHostAddress base(args[3]);
    if (base.protocol() != QAbstractSocket::IPv4Protocol || !base.isLoopback()) {
        return usage("BASE_ADDRESS must be an IPv4 loopback address");
    }
    const int days = args[4].toInt(&ok);
    if (!ok || days < 0 || days > 800) {
        return usage("HISTORY_DAYS must be 0..800");
    }
    try {
        core::SystemClock clock;
        NoAudit audit;
        auto db = storage::Database::open(core::GatewayService::databasePath(dataDir));
        storage::Migrations::apply(*db);
        storage::FileKeyStore keys(core::GatewayService::keyFilePath(dataDir));
        storage::SecretVault vault(*db, keys);

        core::discovery::DiscoverySettings setting;
        setting.name = QStringLiteral("simulated fleet");
        const QString last = QHostAddress(base.toIPv4Address() + quint32(count - 1)).toString();
        setting.targets = {count == 1 ? base.toString() : base.toString() + QLatin1Char('-') + last};
        core::discovery::Credential v2c;
        v2c.version = core::discovery::Credential::Version::V2c;
        v2c.community = QStringLiteral("public");
        setting.credentials = {v2c};
        setting.registration = core::discovery::Registration::Managed;
        const qint64 settingId = core::discovery::DiscoveryRepository(*db, vault, clock, audit).add(setting);

        static const char *const vendors[][2] = {{"Brother", "HL-L8360CDW"}, {"Canon", "iR-ADV C5535"},
                                                 {"HP", "LaserJet M507"},    {"Kyocera", "ECOSYS M3655idn"},
                                                 {"Lexmark", "MS823"},       {"Ricoh", "IM C3000"},
                                                 {"Xerox", "VersaLink C405"}};
        core::discovery::InventoryRepository inventory(*db, clock);
        core::polling::TelemetryStore telemetry(*db);
        const qint64 now = clock.nowSecs();
        std::vector<qint64> ids;
        for (int i = 0; i < count; ++i) {
            core::discovery::DeviceObservation seen;
            seen.address = QHostAddress(base.toIPv4Address() + quint32(i)).toString();
            seen.serialNumber = QStringLiteral("SEED%1").arg(i + 1, 7, 10, QLatin1Char('0'));
            seen.macAddress = QStringLiteral("02:5e:ed:%1:%2:%3")
                                  .arg((i >> 16) & 0xff, 2, 16, QLatin1Char('0'))
                                  .arg((i >> 8) & 0xff, 2, 16, QLatin1Char('0'))
                                  .arg(i & 0xff, 2, 16, QLatin1Char('0'));
            seen.manufacturer = QString::fromLatin1(vendors[i % 7][0]);
            seen.model = QString::fromLatin1(vendors[i % 7][1]);
            seen.via = {QStringLiteral("snmp")};
            seen.settingId = settingId;
            seen.credentialPosition = 0;
            ids.push_back(inventory.upsert(seen, core::discovery::Registration::Managed).id);
        }
        // Daily readings for the first devices: pages grow every day, toner
        // falls, so the counters chart has one point per day.
        const int withHistory = std::min<int>(count, 5);
        for (int d = 0; d < withHistory; ++d) {
            for (int day = days; day >= 1; --day) {
                core::polling::CountersResult r;
                r.outcome = core::polling::ReadOutcome::Ok;
                const std::int64_t printed = std::int64_t(days - day + 1) * (120 + 17 * d);
                r.counters = {{QStringLiteral("total"), 10000 + printed},
                              {QStringLiteral("mono"), 8000 + printed * 2 / 3}};
                r.supplies = {{QStringLiteral("toner.black"), QStringLiteral("Black Toner"),
                               std::max(0, 100 - (days - day) * 90 / std::max(1, days)), 100}};
                telemetry.recordCounters(ids[std::size_t(d)], r, now - qint64(day) * 86400);
            }
        }
        // Two finished maintenance tasks for the console's task history.
        tasks::TaskStore taskStore(*db);
        tasks::TaskRecord settingsTask;
        settingsTask.id = QStringLiteral("seed-task-settings");
        settingsTask.type = QStringLiteral("settings");
        settingsTask.deviceKey = QStringLiteral("SEED0000001");
        settingsTask.receivedAt = now - 3600;
        if (taskStore.insert(settingsTask)) {
            taskStore.finish(settingsTask.id, tasks::TaskState::Succeeded,
                             QStringLiteral("sysLocation written and read back"), {}, now - 3590);
        }
        tasks::TaskRecord firmwareTask;
        firmwareTask.id = QStringLiteral("seed-task-firmware");
        firmwareTask.type = QStringLiteral("firmware");
        firmwareTask.deviceKey = QStringLiteral("SEED0000002");
        firmwareTask.receivedAt = now - 60;
        if (taskStore.insert(firmwareTask)) {
            taskStore.finish(firmwareTask.id, tasks::TaskState::Failed,
                             QStringLiteral("the package's SHA-256 does not match the task; nothing was delivered"), {},
                             now - 55);
        }
        std::printf("seeded %d devices (%s - %s), setting %lld, %d days of history for %d devices\n", count,
                    qPrintable(base.toString()), qPrintable(last), static_cast<long long>(settingId), days,
                    withHistory);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "webui_seed_fleet: %s\n", e.what());
        return 1;
    }
    return 0;
}
