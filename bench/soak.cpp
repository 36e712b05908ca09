// Soak run: a real netgatewayd on a compressed clock (--clock-speed K) polls a
// fleetsim fleet whose simulated clock runs at the same speed (jobs, jams,
// toner and paper alerts, counter changes) and uploads to the cloud emulator.
// Prints the daemon's RSS and open file descriptors after warm-up and at the
// end, the missed polls and the delivery check, and exits non-zero when a
// check fails:
//   - RSS at the end within 10% of RSS after warm-up
//   - no file-descriptor growth
//   - no missed polls (no poll moved to a later slot, skipped because the
//     previous one still ran, or ended by the deadline; no device overdue)
//   - every telemetry record the gateway queued is in the emulator and the
//     outbox is empty at the end.
//
//   soak [--devices N] [--minutes M] [--speed K] [--warmup-minutes W]
//        [--sample-seconds S]
#include "EmulatorProcess.h"

#include <DaemonProcess.h>
#include <TempDataDir.h>

#include <netgateway/core/Clock.h>
#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/GatewayService.h>
#include <netgateway/core/discovery/AuditSink.h>
#include <netgateway/core/discovery/DiscoveryRepository.h>
#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <functional>

using namespace netgateway;
using namespace netgateway::test;

namespace {

class SilentAudit final : public core::AuditSink {
public:
    void record(const QString &, const QString &, const QJsonObject &) override {}
};

// Wall-clock time for the harness's own records (it is not the service's clock).
class HarnessClock final : public core::Clock {
public:
    [[nodiscard]] QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
    [[nodiscard]] std::chrono::milliseconds monotonic() const override
    {
        return std::chrono::milliseconds(QDeadlineTimer::current().deadline());
    }
};

void say(const char *format, ...) __attribute__((format(printf, 1, 2)));
void say(const char *format, ...)
{
    std::printf("[%s] ", qPrintable(QDateTime::currentDateTimeUtc().toString(QStringLiteral("HH:mm:ss"))));
    va_list args;
    va_start(args, format);
    std::vprintf(format, args);
    va_end(args);
    std::printf("\n");
    std::fflush(stdout);
}

// Runs the event loop for `ms` without spinning (the daemon and emulator are
// other processes; this process only samples them).
void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired()) {
            return false;
        }
        pause(100);
    }
    return true;
}

long rssKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLong();
        }
    }
    return -1;
}

int fdCountNow(qint64 pid)
{
    return static_cast<int>(
        QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::System).size());
}

// The fewest open descriptors over five reads 0.2 s apart, so a connection
// that is open for one upload does not look like growth.
int fdCount(qint64 pid)
{
    int fewest = fdCountNow(pid);
    for (int i = 0; i < 4; ++i) {
        pause(200);
        fewest = std::min(fewest, fdCountNow(pid));
    }
    return fewest;
}

double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').value(0).toDouble() : -1.0;
}

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

int fail(const QString &what)
{
    std::fprintf(stderr, "soak: %s\n", qPrintable(what));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int devices = 10000;
    double minutes = 60;
    double speed = 48;
    double warmupMinutes = -1;
    int sampleSeconds = 30;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); i += 2) {
        bool ok = i + 1 < args.size();
        const double v = ok ? args[i + 1].toDouble(&ok) : 0;
        if (!ok || v <= 0) {
            return fail(QStringLiteral("usage: soak [--devices N] [--minutes M] [--speed K] [--warmup-minutes W] "
                                       "[--sample-seconds S]"));
        }
        if (args[i] == QLatin1String("--devices")) {
            devices = std::clamp(static_cast<int>(v), 1, 60000);
        } else if (args[i] == QLatin1String("--minutes")) {
            minutes = v;
        } else if (args[i] == QLatin1String("--speed")) {
            speed = std::clamp(v, 1.0, 1000.0);
        } else if (args[i] == QLatin1String("--warmup-minutes")) {
            warmupMinutes = v;
        } else if (args[i] == QLatin1String("--sample-seconds")) {
            sampleSeconds = std::max(1, static_cast<int>(v));
        } else {
            return fail(QStringLiteral("unknown option %1").arg(args[i]));
        }
    }
    if (warmupMinutes < 0) {
        warmupMinutes = std::min(10.0, minutes / 2.0);
    }
    if (warmupMinutes >= minutes) {
        return fail(QStringLiteral("--warmup-minutes must be shorter than --minutes"));
    }

    // fleetsim on its own 127.x range and port.
    QTemporaryDir simDir;
    const auto pid = static_cast<quint32>(QCoreApplication::applicationPid());
    const quint32 base = (127u << 24) | ((40u + pid % 180u) << 16) | 1u;
    const QString community = QStringLiteral("soak-") + QString::number(QRandomGenerator::global()->generate(), 16);
    QProcess sim;
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    quint16 simPort = 0;
    for (int attempt = 0; attempt < 5 && simPort == 0; ++attempt) {
        const auto port = static_cast<quint16>(20000 + QRandomGenerator::global()->bounded(30000));
        sim.start(QStringLiteral(FLEETSIM_PATH),
                  {QStringLiteral("--devices"), QString::number(devices), QStringLiteral("--base"),
                   QHostAddress(base).toString(), QStringLiteral("--port"), QString::number(port),
                   QStringLiteral("--speed"), QString::number(speed), QStringLiteral("--seed"), QStringLiteral("7"),
                   QStringLiteral("--community"), community, QStringLiteral("--control"),
                   simDir.filePath(QStringLiteral("ctl.sock"))});
        if (!sim.waitForStarted() ||
            !waitUntil([&] { return sim.canReadLine() || sim.state() == QProcess::NotRunning; }, 120000)) {
            return fail(QStringLiteral("fleetsim did not start"));
        }
        if (sim.canReadLine()) {
            say("%s", sim.readLine().trimmed().constData());
            simPort = port;
        } else {
            sim.waitForFinished();
        }
    }
    if (simPort == 0) {
        return fail(QStringLiteral("fleetsim found no free port"));
    }

    // The data directory a discovery run leaves behind: one setting (v2c) and
    // every device managed. v2c because fleetsim's v3 engine time runs at the
    // compressed speed, which real agents never do.
    TempDataDir dataDir;
    {
        say("preparing the inventory: %d devices", devices);
        HarnessClock clock;
        SilentAudit audit;
        auto db = storage::Database::open(core::GatewayService::databasePath(dataDir.path()));
        storage::Migrations::apply(*db);
        storage::FileKeyStore keys(core::GatewayService::keyFilePath(dataDir.path()));
        storage::SecretVault vault(*db, keys);
        core::discovery::DiscoverySettings setting;
        setting.name = QStringLiteral("soak");
        setting.targets = {QStringLiteral("%1-%2").arg(
            QHostAddress(base).toString(), QHostAddress(base + static_cast<quint32>(devices - 1)).toString())};
        core::discovery::Credential v2c;
        v2c.version = core::discovery::Credential::Version::V2c;
        v2c.community = community;
        setting.credentials = {v2c};
        setting.registration = core::discovery::Registration::Managed;
        const qint64 settingId = core::discovery::DiscoveryRepository(*db, vault, clock, audit).add(setting);
        core::discovery::InventoryRepository inventory(*db, clock);
        for (int i = 0; i < devices; ++i) {
            core::discovery::DeviceObservation seen;
            seen.address = QHostAddress(base + static_cast<quint32>(i)).toString();
            seen.serialNumber = QStringLiteral("SOAK%1").arg(i, 7, 10, QLatin1Char('0'));
            seen.via = {QStringLiteral("snmp")};
            seen.settingId = settingId;
            seen.credentialPosition = 0;
            inventory.upsert(seen, core::discovery::Registration::Managed);
        }
    }

    TempDataDir emuDir;
    EmulatorProcess emu(emuDir.path());
    if (!emu.start()) {
        return fail(QStringLiteral("the cloud emulator did not start"));
    }
    DaemonProcess daemon(dataDir.path());
    daemon.setEnvironmentVariable(QStringLiteral("NETGATEWAY_SNMP_PORT"), QString::number(simPort));
    daemon.setEnvironmentVariable(QStringLiteral("NETGATEWAY_ALLOW_TEST_OPTIONS"), QStringLiteral("1"));
    if (!daemon.start({QStringLiteral("--clock-speed"), QString::number(speed), QStringLiteral("--ui-port"),
                       QString::number(freePort()), QStringLiteral("--relay-port"), QString::number(freePort()),
                       QStringLiteral("--log-level"), QStringLiteral("warning")},
                      60000)) {
        return fail(QStringLiteral("netgatewayd did not start: ") + QString::fromUtf8(daemon.standardError()));
    }
    const qint64 daemonPid = daemon.pid();
    core::ControlClient client(dataDir.path());
    const auto call = [&](const QJsonObject &request) {
        QJsonObject response;
        QString error;
        if (!client.call(request, response, error)) {
            say("control call %s failed: %s", qPrintable(request.value("command").toString()), qPrintable(error));
        }
        return response;
    };
    call({{"command", "uplink.configure"}, {"origin", emu.origin()}, {"caFile", emu.caFile()}});
    call({{"command", "uplink.register"},
          {"accessCode", "DEMO-CODE"},
          {"user", "admin"},
          {"password", "admin-password"}});
    if (!waitUntil(
            [&] {
                return call({{"command", "uplink.status"}}).value("registration").toString() ==
                       QLatin1String("managed");
            },
            30000)) {
        return fail(
            QStringLiteral("the gateway did not register with the emulator: ") +
            QString::fromUtf8(QJsonDocument(call({{"command", "uplink.status"}})).toJson(QJsonDocument::Compact)));
    }
    say("netgatewayd pid %lld, clock speed %g: %g real minutes = %.1f simulated hours",
        static_cast<long long>(daemonPid), speed, minutes, minutes * speed / 60.0);

    // Sampling.
    QElapsedTimer wall;
    wall.start();
    const qint64 warmupMs = static_cast<qint64>(warmupMinutes * 60000);
    const qint64 totalMs = static_cast<qint64>(minutes * 60000);
    long warmRss = -1;
    int warmFd = -1;
    long maxRss = 0;
    QJsonObject warmStats;
    const QString serviceStart = call({{"command", "polling.stats"}}).value("now").toString();
    qint64 lastOutbox = 0;
    int drains = 0; // the outbox emptied by more than half between two samples: a daily upload slot
    while (wall.elapsed() < totalMs) {
        pause(static_cast<int>(std::min<qint64>(sampleSeconds * 1000LL, totalMs - wall.elapsed())));
        if (!daemon.isRunning()) {
            return fail(QStringLiteral("netgatewayd exited (code %1): %2")
                            .arg(daemon.exitCode())
                            .arg(QString::fromUtf8(daemon.standardError().right(4000))));
        }
        const long rss = rssKb(daemonPid);
        const int fds = fdCount(daemonPid);
        maxRss = std::max(maxRss, rss);
        const QJsonObject s = call({{"command", "polling.stats"}});
        const QJsonObject q = s.value("queued").toObject();
        const QJsonObject up = call({{"command", "uplink.status"}});
        say("t=%5.1f min sim=%s RSS %ld KB fds %d | polls alert %lld counter %lld walks %lld failures %lld | queued "
            "%lld/%lld/%lld outbox %lld | load %.1f",
            static_cast<double>(wall.elapsed()) / 60000.0, qPrintable(s.value("now").toString()), rss, fds,
            s.value("alertPolls").toInteger(), s.value("counterPolls").toInteger(), s.value("alertWalks").toInteger(),
            s.value("failures").toInteger(), q.value("counters").toInteger(), q.value("consumables").toInteger(),
            q.value("alerts").toInteger(), up.value("outboxRecords").toInteger(), loadAverage());
        const qint64 outboxNow = up.value("outboxRecords").toInteger();
        drains += (lastOutbox > 1000 && outboxNow < lastOutbox / 2) ? 1 : 0;
        lastOutbox = outboxNow;
        if (warmRss < 0 && wall.elapsed() >= warmupMs) {
            warmRss = rss;
            warmFd = fds;
            warmStats = s;
        }
    }
    const long endRss = rssKb(daemonPid);
    const int endFd = fdCount(daemonPid);
    const QJsonObject endStats = call({{"command", "polling.stats"}, {"overdue", true}});
    const QString simNow = endStats.value("now").toString();
    const qint64 overdue = endStats.value("overdue").toInteger(-1);

    // Delivery: freeze the fleet so nothing new is produced, upload
    // everything, compare the emulator's records with what the gateway queued.
    ::kill(static_cast<pid_t>(sim.processId()), SIGSTOP);
    // Reads in flight end (real SNMP timeouts): wait until nothing new is
    // queued for 15 s.
    QJsonObject queued = call({{"command", "polling.stats"}}).value("queued").toObject();
    for (int stable = 0; stable < 5;) {
        pause(3000);
        const QJsonObject q = call({{"command", "polling.stats"}}).value("queued").toObject();
        stable = q == queued ? stable + 1 : 0;
        queued = q;
    }
    QJsonObject upStatus;
    const bool drained = waitUntil(
        [&] {
            call({{"command", "uplink.sync"}});
            pause(1000);
            upStatus = call({{"command", "uplink.status"}});
            return upStatus.contains("outboxRecords") && upStatus.value("outboxRecords").toInteger() == 0;
        },
        600000);
    const QJsonObject emuStats = emu.stats();
    const QJsonObject byKind = emuStats.value("recordsByKind").toObject();
    // Anything queued while draining counts too.
    queued = call({{"command", "polling.stats"}}).value("queued").toObject();
    const qint64 got[3] = {byKind.value("counters").toInteger(), byKind.value("consumables").toInteger(),
                           byKind.value("alert").toInteger()};
    const qint64 want[3] = {queued.value("counters").toInteger(), queued.value("consumables").toInteger(),
                            queued.value("alerts").toInteger()};

    const auto n = [&](const char *k) { return endStats.value(QLatin1String(k)).toInteger(); };
    const auto w = [&](const char *k) { return warmStats.value(QLatin1String(k)).toInteger(); };
    const qint64 missed = n("resloted") + n("skippedBusy") + n("deadlineExpired");
    const double rssChange = warmRss > 0 ? (static_cast<double>(endRss) - warmRss) / warmRss * 100.0 : 0.0;
    const bool rssOk = warmRss > 0 && std::abs(rssChange) <= 10.0;
    const bool fdOk = warmFd >= 0 && endFd <= warmFd;
    const bool missedOk = missed == 0 && overdue == 0;
    const bool deliveredOk = drained && got[0] == want[0] && got[1] == want[1] && got[2] == want[2] &&
                             queued.value("notQueued").toInteger() == 0;

    std::printf("\nsoak: %d devices, clock speed %g, %.1f real minutes = %.1f simulated hours (service time now %s)\n",
                devices, speed, minutes, minutes * speed / 60.0, qPrintable(simNow));
    std::printf("  polls                alert %lld, counter %lld, alert walks %lld, failed reads %lld "
                "(after warm-up: alert %lld, counter %lld)\n",
                n("alertPolls"), n("counterPolls"), n("alertWalks"), n("failures"), n("alertPolls") - w("alertPolls"),
                n("counterPolls") - w("counterPolls"));
    std::printf(
        "  RSS                  %ld KB after %.0f min warm-up, %ld KB at the end (%+.1f%%), peak sampled %ld KB "
        "-> %s\n",
        warmRss, warmupMinutes, endRss, rssChange, maxRss, rssOk ? "ok" : "FAIL (more than 10%)");
    std::printf("  file descriptors     %d after warm-up, %d at the end (fewest of 5 reads 0.2 s apart; open upload "
                "connections come and go) -> %s\n",
                warmFd, endFd, fdOk ? "ok" : "FAIL (grew)");
    std::printf("  missed polls         %lld (moved to a later slot %lld, skipped busy %lld, deadline %lld), devices "
                "overdue %lld -> %s\n",
                missed, n("resloted"), n("skippedBusy"), n("deadlineExpired"), overdue, missedOk ? "ok" : "FAIL");
    std::printf("  delivered            counters %lld/%lld, consumables %lld/%lld, alerts %lld/%lld (queued/received), "
                "outbox %lld at the end, emulator duplicates %lld, uploads %lld -> %s\n",
                want[0], got[0], want[1], got[1], want[2], got[2], upStatus.value("outboxRecords").toInteger(-1),
                emuStats.value("duplicates").toInteger(), emuStats.value("uploads").toInteger(),
                deliveredOk ? "ok" : "FAIL");
    std::printf("  load average         %.2f at the end\n", loadAverage());

    // fleetsim stays frozen until the daemon has stopped, so nothing new is
    // queued after the delivery check.
    daemon.signal(SIGTERM);
    daemon.waitForExit(30000);
    ::kill(static_cast<pid_t>(sim.processId()), SIGCONT);
    sim.terminate();
    sim.waitForFinished(10000);
    // The stopped service's database is the last word on what is left to send.
    qint64 left = -1;
    QString halvedAt;
    {
        auto db = storage::Database::open(core::GatewayService::databasePath(dataDir.path()));
        storage::Statement count(*db, "SELECT count(*) FROM uplink_outbox");
        if (count.step()) {
            left = count.int64(0);
        }
        storage::Statement halved(*db, "SELECT value FROM settings WHERE key = 'polling.ratings_halved_at'");
        if (halved.step()) {
            halvedAt = QDateTime::fromSecsSinceEpoch(halved.text(0).toLongLong(), Qt::UTC).toString(Qt::ISODate);
        }
    }
    std::printf("  compressed time      service time %s -> %s; ratings last halved at %s; counter upload slots seen "
                "%d (outbox drained)\n",
                qPrintable(serviceStart), qPrintable(simNow), qPrintable(halvedAt), drains);
    std::printf("  outbox after stop    %lld records -> %s\n", static_cast<long long>(left), left == 0 ? "ok" : "FAIL");
    const bool ok = rssOk && fdOk && missedOk && deliveredOk && left == 0;
    std::printf("soak: %s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
