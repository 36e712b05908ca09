// Upstream volume of counters and consumables at the default schedule (one
// upload slot a day): enqueues one counters and one consumables snapshot per
// device, as the polling area does, lets the real uplink upload them to the
// real fleet-cloud-emulator over TLS on 127.0.0.1, and prints the bytes the
// emulator received per device per day.
//
//   upstream_volume [DEVICES]   (default 2000)
#include "EmulatorProcess.h"
#include "UplinkFixture.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>

using namespace netgateway;
using namespace netgateway::test;

namespace {

QJsonObject counters(const QString &serial, qint64 base)
{
    QJsonObject c;
    const char *names[] = {"total", "mono",         "color", "prints", "copies",     "faxes",
                           "scans", "duplexSheets", "a3",    "a4",     "largeColor", "smallColor"};
    for (const char *n : names) {
        c.insert(QString::fromLatin1(n), base);
        base = base * 7 / 10 + 13;
    }
    return QJsonObject{
        {QStringLiteral("device"), QJsonObject{{QStringLiteral("serialNumber"), serial},
                                               {QStringLiteral("model"), QStringLiteral("imageRUNNER C3226")},
                                               {QStringLiteral("manufacturer"), QStringLiteral("Canon")}}},
        {QStringLiteral("polledAt"), QStringLiteral("2026-01-01T10:00:00Z")},
        {QStringLiteral("counters"), c}};
}

QJsonObject consumables(const QString &serial, int seed)
{
    QJsonArray supplies;
    const char *parts[][2] = {{"toner", "black"}, {"toner", "cyan"},  {"toner", "magenta"}, {"toner", "yellow"},
                              {"drum", "black"},  {"wasteToner", ""}, {"fuser", ""}};
    int i = 0;
    for (const auto &p : parts) {
        QJsonObject s{{QStringLiteral("type"), QString::fromLatin1(p[0])},
                      {QStringLiteral("level"), (seed * 31 + i * 17) % 100},
                      {QStringLiteral("max"), 100},
                      {QStringLiteral("partNumber"), QStringLiteral("NPG-%1%2").arg(67 + i).arg(seed % 7)}};
        if (*p[1] != '\0') {
            s.insert(QStringLiteral("color"), QString::fromLatin1(p[1]));
        }
        supplies.append(s);
        ++i;
    }
    return QJsonObject{{QStringLiteral("device"), QJsonObject{{QStringLiteral("serialNumber"), serial}}},
                       {QStringLiteral("polledAt"), QStringLiteral("2026-01-01T10:00:00Z")},
                       {QStringLiteral("supplies"), supplies}};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int devices = argc > 1 ? std::max(1, std::atoi(argv[1])) : 2000;
    TempDataDir emuDir;
    EmulatorProcess emu(emuDir.path());
    if (!emu.start()) {
        std::fprintf(stderr, "upstream_volume: the emulator did not start\n");
        return 1;
    }
    TempDataDir gwDir;
    GatewayStorage storage(gwDir.path());
    ManualClock clock;
    RecordingAuditSink audit;
    uplink::UplinkSettings settings;
    settings.origin = QUrl(emu.origin());
    settings.extraCaFile = emu.caFile();
    uplink::Uplink link(*storage.db, *storage.vault, *storage.outbox, clock, audit, settings);
    link.start();
    QSignalSpy registered(&link, &uplink::Uplink::registrationFinished);
    link.registerGateway(QStringLiteral("DEMO-CODE"), QStringLiteral("admin"), QStringLiteral("admin-password"));
    if (!registered.wait(15000) || !registered.first().at(0).toBool()) {
        std::fprintf(stderr, "upstream_volume: registration failed\n");
        return 1;
    }
    qint64 payloadBytes = 0;
    QList<storage::Outbox::NewRecord> batch;
    for (int d = 0; d < devices; ++d) {
        const QString sn = QStringLiteral("CNB%1").arg(100000 + d);
        const QByteArray c = toJson(counters(sn, 100000 + d * 37));
        const QByteArray s = toJson(consumables(sn, d));
        payloadBytes += c.size() + s.size();
        batch.append({storage::OutboxKind::Counters, sn, c, clock.nowSecs()});
        batch.append({storage::OutboxKind::Consumables, sn, s, clock.nowSecs()});
    }
    storage.outbox->enqueueAll(batch); // one poll cycle, one durable commit
    const qint64 storedBytes = storage.outbox->usedBytes();
    QTest::qWait(0);
    (void)QTest::qWaitFor([&] { return !link.isBusy(); }, 10000);
    emu.admin("POST", QStringLiteral("/admin/reset-stats"));
    QSignalSpy drained(&link, &uplink::Uplink::drained);
    clock.advance(std::chrono::hours(24)); // the day's slot comes
    while (storage.outbox->count() > 0) {
        if (!drained.wait(60000)) {
            std::fprintf(stderr, "upstream_volume: the upload did not finish\n");
            return 1;
        }
    }
    const QJsonObject stats = emu.stats();
    const qint64 uploadBytes = stats.value(QStringLiteral("uploadBytes")).toInteger();
    const qint64 allBytes = stats.value(QStringLiteral("bytesReceived")).toInteger();
    std::printf("devices                          %d\n", devices);
    std::printf("records received                 %lld\n",
                static_cast<long long>(stats.value(QStringLiteral("records")).toInteger()));
    std::printf("upload requests                  %lld\n",
                static_cast<long long>(stats.value(QStringLiteral("uploads")).toInteger()));
    std::printf("TLS connections                  %lld\n",
                static_cast<long long>(stats.value(QStringLiteral("tlsConnections")).toInteger()));
    std::printf("JSON payload per device per day  %.0f bytes (uncompressed)\n",
                static_cast<double>(payloadBytes) / devices);
    std::printf("outbox storage per device per day %.0f bytes\n", static_cast<double>(storedBytes) / devices);
    std::printf("upstream per device per day      %.0f bytes (HTTP request bytes inside TLS: headers + gzip body)\n",
                static_cast<double>(allBytes) / devices);
    std::printf("  of which upload requests       %.0f bytes\n", static_cast<double>(uploadBytes) / devices);
    return 0;
}
