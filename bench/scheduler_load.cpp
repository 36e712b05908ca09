// Runs the poll scheduler over many devices at the fastest tier (1-minute
// alerts, hourly counters) against an in-process fake device reader and
// prints CPU time, memory and poll-start lateness.
//
//   scheduler_load [--devices N] [--dead-percent P] [--latency-ms L]
//                  [--simulate-hours H --step-ms S] [--realtime-seconds T]
//                  [--warmup-seconds W]
//   scheduler_load --reader snmp --fleetsim [--devices N] [--dead-percent P]
//                  [--realtime-seconds T] [--warmup-seconds W]
//
// --reader snmp --fleetsim starts fleetsim with N printers on loopback
// (SNMPv2c, its clock at real speed with its dynamics) and polls them with the
// real SnmpDeviceReader on the SNMP engine, in real time; dead devices are
// made silent in fleetsim. fleetsim's own CPU time is printed apart.
//
// --simulate-hours runs on a manual clock stepped by S ms (no waiting): the
// CPU time covers the scheduler, the database writes and the stepping itself.
// --realtime-seconds runs on the system clock with real timers for T seconds:
// lateness is then measured against real time.
// --warmup-seconds excludes the first W seconds (the first poll of every
// device walks its alert table and records its first status) from the CPU
// and lateness figures; the whole run is also reported.

#include <netgateway/core/Clock.h>
#include <netgateway/core/polling/PollScheduler.h>
#include <netgateway/core/polling/SnmpDeviceReader.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <vector>

using namespace netgateway;
using namespace netgateway::core::polling;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

class BenchClock final : public core::Clock {
public:
    [[nodiscard]] QDateTime nowUtc() const override { return m_start.addMSecs(m_mono.count()); }
    [[nodiscard]] milliseconds monotonic() const override { return m_mono; }
    void advance(milliseconds by)
    {
        m_mono += by;
        emit jumped();
    }

private:
    QDateTime m_start{QDate(2026, 1, 1), QTime(0, 0), Qt::UTC};
    milliseconds m_mono{0};
};

// Answers after a fixed latency (FIFO), never for dead devices. The alert
// marker changes on one status read in a thousand, so walks stay rare.
class BenchReader final : public DeviceReader {
public:
    BenchReader(core::Clock &clock, milliseconds latency, int deadPercent, bool realtime)
        : m_clock(clock), m_latency(latency), m_deadPercent(deadPercent), m_realtime(realtime)
    {
    }

    void readStatus(const DeviceTarget &t, StatusDone done) override
    {
        if (dead(t.deviceId)) {
            return;
        }
        // Each device's alert table changes on one read in a thousand.
        const auto index = static_cast<std::size_t>(t.deviceId);
        if (index >= m_reads.size()) {
            m_reads.resize(index + 1);
        }
        const std::uint32_t reads = ++m_reads[index];
        StatusResult r;
        r.outcome = ReadOutcome::Ok;
        r.alertMarker = QByteArray::number((reads + static_cast<std::uint32_t>(t.deviceId)) / 1000);
        answer([done = std::move(done), r] { done(r); });
    }
    void walkAlertTable(const DeviceTarget &t, AlertTableDone done) override
    {
        AlertTableResult r;
        r.outcome = ReadOutcome::Ok;
        const auto index = static_cast<std::size_t>(t.deviceId);
        const std::uint32_t reads = index < m_reads.size() ? m_reads[index] : 0;
        if (((reads + static_cast<std::uint32_t>(t.deviceId)) / 1000) % 2 == 1) {
            r.alerts.push_back(AlertEntry{QStringLiteral("1:8"), AlertSeverity::Warning, 8, QStringLiteral("Jam")});
        }
        answer([done = std::move(done), r] { done(r); });
    }
    void readCounters(const DeviceTarget &t, CountersDone done) override
    {
        if (dead(t.deviceId)) {
            return;
        }
        CountersResult r;
        r.outcome = ReadOutcome::Ok;
        const auto pages = m_clock.monotonic().count() / 60000 + t.deviceId;
        r.counters = {{QStringLiteral("total"), pages * 3},
                      {QStringLiteral("print.mono"), pages * 2},
                      {QStringLiteral("copy.mono"), pages}};
        r.supplies = {{QStringLiteral("toner.black"), QString(), static_cast<int>(100 - (pages / 50) % 100), 100}};
        answer([done = std::move(done), r] { done(r); });
    }
    void cancelAll() override { m_pending.clear(); }

    void deliverDue()
    {
        const auto now = m_clock.monotonic();
        while (!m_pending.empty() && m_pending.front().first <= now) {
            auto fn = std::move(m_pending.front().second);
            m_pending.pop_front();
            fn();
        }
    }

private:
    bool dead(std::int64_t id) const { return m_deadPercent > 0 && id % 100 < m_deadPercent; }
    void answer(std::function<void()> fn)
    {
        if (m_realtime) {
            QTimer::singleShot(m_latency, std::move(fn));
        } else {
            m_pending.emplace_back(m_clock.monotonic() + m_latency, std::move(fn));
        }
    }

    core::Clock &m_clock;
    milliseconds m_latency;
    int m_deadPercent;
    bool m_realtime;
    std::vector<std::uint32_t> m_reads; // status reads per device id
    std::deque<std::pair<milliseconds, std::function<void()>>> m_pending;
};

class FixedCredentials final : public CredentialSource {
public:
    explicit FixedCredentials(snmp::Credentials c) : m_c(std::move(c)) {}
    std::optional<snmp::Credentials> credentials(std::int64_t, QString &) override { return m_c; }
    void invalidate(std::int64_t) override {}

private:
    snmp::Credentials m_c;
};

// CPU seconds (user + system) of another process, from /proc/PID/stat.
double processCpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray stat = f.readAll();
    // Fields after the command name (which may hold spaces) start at ") ".
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / ticks; // utime, stime
}

double cpuSeconds()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

long statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field)) {
            return line.mid(static_cast<qsizetype>(qstrlen(field))).trimmed().split(' ').value(0).toLong();
        }
    }
    return -1;
}

double percentile(std::vector<milliseconds::rep> &v, double p)
{
    if (v.empty()) {
        return 0.0;
    }
    const auto idx = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(idx), v.end());
    return static_cast<double>(v[idx]);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int devices = 10000;
    int deadPercent = 0;
    int latencyMs = 20;
    double simulateHours = 1.0;
    int stepMs = 10;
    int realtimeSeconds = 0;
    int warmupSeconds = 0;
    QStringList args = app.arguments();
    bool snmpReader = false;
    bool fleetsim = false;
    if (const auto at = args.indexOf(QStringLiteral("--reader")); at > 0 && at + 1 < args.size()) {
        if (args[at + 1] != QLatin1String("snmp") && args[at + 1] != QLatin1String("fake")) {
            std::fprintf(stderr, "--reader is fake or snmp\n");
            return 2;
        }
        snmpReader = args[at + 1] == QLatin1String("snmp");
        args.remove(at, 2);
    }
    if (const auto at = args.indexOf(QStringLiteral("--fleetsim")); at > 0) {
        fleetsim = true;
        args.remove(at);
    }
    if (snmpReader != fleetsim) {
        std::fprintf(stderr, "--reader snmp goes with --fleetsim (the only SNMP fleet the bench starts)\n");
        return 2;
    }
    if ((args.size() - 1) % 2 != 0) {
        std::fprintf(stderr, "options take one value each\n");
        return 2;
    }
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const QString &k = args[i];
        bool ok = false;
        const double v = args[i + 1].toDouble(&ok);
        if (!ok || v < 0) {
            std::fprintf(stderr, "bad value for %s\n", qPrintable(k));
            return 2;
        }
        if (k == QLatin1String("--devices")) {
            devices = std::clamp(static_cast<int>(v), 1, 100000);
        } else if (k == QLatin1String("--dead-percent")) {
            deadPercent = std::clamp(static_cast<int>(v), 0, 100);
        } else if (k == QLatin1String("--latency-ms")) {
            latencyMs = static_cast<int>(v);
        } else if (k == QLatin1String("--simulate-hours")) {
            simulateHours = v;
        } else if (k == QLatin1String("--step-ms")) {
            stepMs = std::max(1, static_cast<int>(v));
        } else if (k == QLatin1String("--realtime-seconds")) {
            realtimeSeconds = static_cast<int>(v);
        } else if (k == QLatin1String("--warmup-seconds")) {
            warmupSeconds = static_cast<int>(v);
        } else {
            std::fprintf(stderr, "unknown option %s\n", qPrintable(k));
            return 2;
        }
    }
    if (snmpReader && realtimeSeconds <= 0) {
        realtimeSeconds = 180; // real devices answer in real time only
    }
    const bool realtime = realtimeSeconds > 0;

    // The simulated fleet: device id i answers on base + i - 1.
    QTemporaryDir simDir;
    QProcess sim;
    quint32 simBase = 0;
    quint16 simPort = 0;
    const QString community = QStringLiteral("bench-") + QString::number(QRandomGenerator::global()->generate(), 16);
    if (fleetsim) {
        const auto pid = static_cast<quint32>(QCoreApplication::applicationPid());
        simBase = (127u << 24) | ((30u + pid % 190u) << 16) | 1u;
        sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        for (int attempt = 0; attempt < 5 && simPort == 0; ++attempt) {
            const auto port = static_cast<quint16>(20000 + QRandomGenerator::global()->bounded(30000));
            sim.start(QStringLiteral(FLEETSIM_PATH),
                      {QStringLiteral("--devices"), QString::number(devices), QStringLiteral("--base"),
                       QHostAddress(simBase).toString(), QStringLiteral("--port"), QString::number(port),
                       QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--community"), community,
                       QStringLiteral("--control"), simDir.filePath(QStringLiteral("ctl.sock"))});
            if (!sim.waitForStarted()) {
                std::fprintf(stderr, "fleetsim did not start\n");
                return 1;
            }
            QElapsedTimer waited;
            waited.start();
            while (!sim.canReadLine() && sim.state() != QProcess::NotRunning && waited.elapsed() < 120000) {
                sim.waitForReadyRead(1000);
            }
            if (sim.canReadLine()) {
                std::printf("%s", sim.readLine().constData());
                simPort = port;
            } else {
                sim.waitForFinished();
            }
        }
        if (simPort == 0) {
            std::fprintf(stderr, "fleetsim found no free port\n");
            return 1;
        }
        if (deadPercent > 0) {
            QJsonArray dead;
            for (int id = 1; id <= devices; ++id) {
                if (id % 100 < deadPercent) {
                    dead.append(id - 1);
                }
            }
            QLocalSocket control;
            control.connectToServer(simDir.filePath(QStringLiteral("ctl.sock")));
            if (!control.waitForConnected(5000)) {
                std::fprintf(stderr, "cannot reach fleetsim's control socket\n");
                return 1;
            }
            control.write(QJsonDocument(QJsonObject{{"cmd", "fault"}, {"devices", dead}, {"silent", true}})
                              .toJson(QJsonDocument::Compact) +
                          '\n');
            control.flush();
            while (!control.canReadLine() && control.waitForReadyRead(10000)) {
            }
            const QJsonObject answer = QJsonDocument::fromJson(control.readLine()).object();
            if (!answer.value(QStringLiteral("ok")).toBool()) {
                std::fprintf(stderr, "fleetsim refused the fault: %s\n",
                             QJsonDocument(answer).toJson(QJsonDocument::Compact).constData());
                return 1;
            }
        }
    }

    QTemporaryDir dir;
    auto db = storage::Database::open(dir.filePath(QStringLiteral("bench.db")));
    storage::Migrations::apply(*db);
    {
        storage::Transaction tx(*db);
        storage::Statement dev(*db, "INSERT INTO devices(id, address, first_seen, last_seen) VALUES(?1, ?2, 0, 0)");
        storage::Statement act(*db, "INSERT INTO device_activity(device_id, rating, pinned_category, added_at) "
                                    "VALUES(?1, 16, 'very_high', 0)");
        for (int id = 1; id <= devices; ++id) {
            dev.bind(1, id).bind(2, fleetsim ? QHostAddress(simBase + static_cast<quint32>(id - 1)).toString()
                                             : QStringLiteral("127.0.%1.%2").arg(id / 250).arg(id % 250 + 1));
            dev.run();
            act.bind(1, id);
            act.run();
        }
        tx.commit();
    }

    BenchClock manual;
    core::SystemClock system;
    core::Clock &clock = realtime ? static_cast<core::Clock &>(system) : manual;
    SchedulerOptions options;
    options.tierDeviceCountOverride = 1; // fastest tier: 1-minute alerts, hourly counters (Very High)
    options.pollDeadline = 10s;
    BenchReader fakeReader(clock, milliseconds(latencyMs), deadPercent, realtime);
    snmp::Credentials v2c;
    v2c.community = community.toUtf8();
    FixedCredentials credentials(v2c);
    snmp::SnmpEngine engine;
    std::unique_ptr<SnmpDeviceReader> snmpDeviceReader;
    if (snmpReader) {
        QString error;
        if (!engine.start(&error)) {
            std::fprintf(stderr, "the SNMP engine did not start: %s\n", qPrintable(error));
            return 1;
        }
        SnmpReaderOptions readerOptions;
        readerOptions.port = simPort;
        snmpDeviceReader = std::make_unique<SnmpDeviceReader>(engine, credentials, readerOptions);
    }
    DeviceReader &reader = snmpReader ? static_cast<DeviceReader &>(*snmpDeviceReader) : fakeReader;
    PollScheduler scheduler(*db, clock, options);
    std::vector<milliseconds::rep> lateness;
    std::vector<milliseconds::rep> steadyLateness;
    lateness.reserve(static_cast<std::size_t>(devices) * 70);
    const auto warmupEnd = clock.monotonic() + std::chrono::seconds(warmupSeconds);
    double cpuAtWarmup = -1;
    double secondsAtWarmup = 0;
    std::uint64_t alertStarts = 0;
    std::uint64_t counterStarts = 0;
    scheduler.onPollStarted = [&](std::int64_t id, PollKind k, milliseconds late) {
        if (deadPercent > 0 && id % 100 < deadPercent) {
            return; // lateness of the live devices only
        }
        lateness.push_back(late.count());
        if (clock.monotonic() >= warmupEnd) {
            steadyLateness.push_back(late.count());
        }
        (k == PollKind::Alert ? alertStarts : counterStarts) += 1;
    };
    scheduler.setReader(&reader);

    const double cpuBefore = cpuSeconds();
    const double simCpuBefore = fleetsim ? processCpuSeconds(sim.processId()) : 0.0;
    double simCpuAtWarmup = simCpuBefore;
    QElapsedTimer wall;
    wall.start();
    scheduler.start();
    double simulatedSeconds = 0;
    if (realtime) {
        QTimer::singleShot(std::chrono::seconds(warmupSeconds), &app, [&] {
            cpuAtWarmup = cpuSeconds();
            secondsAtWarmup = static_cast<double>(wall.elapsed()) / 1000.0;
            if (fleetsim) {
                simCpuAtWarmup = processCpuSeconds(sim.processId());
            }
        });
        QTimer::singleShot(std::chrono::seconds(realtimeSeconds), &app, &QCoreApplication::quit);
        app.exec();
        simulatedSeconds = static_cast<double>(wall.elapsed()) / 1000.0;
    } else {
        const auto total = milliseconds(static_cast<long long>(simulateHours * 3600 * 1000));
        for (milliseconds t{0}; t < total; t += milliseconds(stepMs)) {
            if (cpuAtWarmup < 0 && t >= std::chrono::seconds(warmupSeconds)) {
                cpuAtWarmup = cpuSeconds();
                secondsAtWarmup = static_cast<double>(t.count()) / 1000.0;
            }
            manual.advance(milliseconds(stepMs));
            fakeReader.deliverDue();
        }
        QCoreApplication::processEvents(); // pending prune batches
        simulatedSeconds = static_cast<double>(total.count()) / 1000.0;
    }
    const double cpuEnd = cpuSeconds();
    const double cpu = cpuEnd - cpuBefore;
    const double simCpuEnd = fleetsim ? processCpuSeconds(sim.processId()) : 0.0;
    scheduler.stop();
    if (fleetsim) {
        sim.terminate();
        sim.waitForFinished(10000);
    }

    const double hours = simulatedSeconds / 3600.0;
    std::printf("mode                 %s\n",
                realtime ? "realtime (system clock, real timers)" : "simulated (manual clock)");
    if (snmpReader) {
        std::printf("devices              %d (%d%% dead: silent in fleetsim), real SnmpDeviceReader (SNMPv2c) against "
                    "fleetsim on loopback\n",
                    devices, deadPercent);
    } else {
        std::printf("devices              %d (%d%% dead), reader latency %d ms%s\n", devices, deadPercent, latencyMs,
                    realtime ? "" : qPrintable(QStringLiteral(", clock step %1 ms").arg(stepMs)));
    }
    std::printf("time covered         %.0f s\n", simulatedSeconds);
    std::printf("polls started        %llu alert, %llu counter (live devices)\n",
                static_cast<unsigned long long>(alertStarts), static_cast<unsigned long long>(counterStarts));
    std::printf("alert walks          %llu\n", static_cast<unsigned long long>(scheduler.stats().alertWalks));
    std::printf("CPU time (whole run) %.2f s total, %.2f s per hour = %.2f%% of one core\n", cpu, cpu / hours,
                cpu / simulatedSeconds * 100.0);
    std::printf("RSS                  %ld KB now, %ld KB peak\n", statusKb("VmRSS:"), statusKb("VmHWM:"));
    std::printf("lateness, whole run  (ms) p50 %.0f  p90 %.0f  p99 %.0f  max %.0f\n", percentile(lateness, 50),
                percentile(lateness, 90), percentile(lateness, 99), percentile(lateness, 100));
    if (warmupSeconds > 0 && cpuAtWarmup >= 0 && simulatedSeconds > secondsAtWarmup) {
        const double steadySeconds = simulatedSeconds - secondsAtWarmup;
        const double steadyCpu = cpuEnd - cpuAtWarmup;
        std::printf("after %d s warm-up    CPU %.2f s per hour = %.2f%% of one core; lateness (ms) p50 %.0f  p90 %.0f  "
                    "p99 %.0f  max %.0f\n",
                    warmupSeconds, steadyCpu / steadySeconds * 3600.0, steadyCpu / steadySeconds * 100.0,
                    percentile(steadyLateness, 50), percentile(steadyLateness, 90), percentile(steadyLateness, 99),
                    percentile(steadyLateness, 100));
    }
    std::printf("deadline expiries    %llu, storage errors %llu\n",
                static_cast<unsigned long long>(scheduler.stats().deadlineExpired),
                static_cast<unsigned long long>(scheduler.stats().storageErrors));
    const SchedulerStats &st = scheduler.stats();
    std::printf("missed polls         %llu (moved to a later slot %llu, skipped because still running %llu); failed "
                "reads %llu\n",
                static_cast<unsigned long long>(st.resloted + st.skippedBusy),
                static_cast<unsigned long long>(st.resloted), static_cast<unsigned long long>(st.skippedBusy),
                static_cast<unsigned long long>(st.failures));
    if (fleetsim) {
        std::printf("fleetsim (apart)     %.2f%% of one core whole run, %.2f%% after warm-up\n",
                    (simCpuEnd - simCpuBefore) / simulatedSeconds * 100.0,
                    secondsAtWarmup > 0 && simulatedSeconds > secondsAtWarmup
                        ? (simCpuEnd - simCpuAtWarmup) / (simulatedSeconds - secondsAtWarmup) * 100.0
                        : 0.0);
        const snmp::EngineStatistics es = engine.statistics();
        std::printf("SNMP engine          %llu requests, %llu retransmissions, %llu timeouts\n",
                    static_cast<unsigned long long>(es.requestsSent),
                    static_cast<unsigned long long>(es.retransmissions), static_cast<unsigned long long>(es.timeouts));
    }
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    const QByteArray load = loadavg.open(QIODevice::ReadOnly) ? loadavg.readAll().trimmed() : QByteArray("?");
    std::printf("load average         %s\n", load.constData());
    return 0;
}
