// Runs the poll scheduler over many devices at the fastest tier (1-minute
// alerts, hourly counters) against an in-process fake device reader and
// prints CPU time, memory and poll-start lateness.
//
//   scheduler_load [--devices N] [--dead-percent P] [--latency-ms L]
//                  [--simulate-hours H --step-ms S] [--realtime-seconds T]
//                  [--warmup-seconds W]
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

#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

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
    const QStringList args = app.arguments();
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
    const bool realtime = realtimeSeconds > 0;

    QTemporaryDir dir;
    auto db = storage::Database::open(dir.filePath(QStringLiteral("bench.db")));
    storage::Migrations::apply(*db);
    {
        storage::Transaction tx(*db);
        storage::Statement dev(*db, "INSERT INTO devices(id, address, first_seen, last_seen) VALUES(?1, ?2, 0, 0)");
        storage::Statement act(*db, "INSERT INTO device_activity(device_id, rating, pinned_category, added_at) "
                                    "VALUES(?1, 16, 'very_high', 0)");
        for (int id = 1; id <= devices; ++id) {
            dev.bind(1, id).bind(2, QStringLiteral("127.0.%1.%2").arg(id / 250).arg(id % 250 + 1));
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
    BenchReader reader(clock, milliseconds(latencyMs), deadPercent, realtime);
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
    QElapsedTimer wall;
    wall.start();
    scheduler.start();
    double simulatedSeconds = 0;
    if (realtime) {
        QTimer::singleShot(std::chrono::seconds(warmupSeconds), &app, [&] {
            cpuAtWarmup = cpuSeconds();
            secondsAtWarmup = static_cast<double>(wall.elapsed()) / 1000.0;
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
            reader.deliverDue();
        }
        QCoreApplication::processEvents(); // pending prune batches
        simulatedSeconds = static_cast<double>(total.count()) / 1000.0;
    }
    const double cpuEnd = cpuSeconds();
    const double cpu = cpuEnd - cpuBefore;
    scheduler.stop();

    const double hours = simulatedSeconds / 3600.0;
    std::printf("mode                 %s\n",
                realtime ? "realtime (system clock, real timers)" : "simulated (manual clock)");
    std::printf("devices              %d (%d%% dead), reader latency %d ms%s\n", devices, deadPercent, latencyMs,
                realtime ? "" : qPrintable(QStringLiteral(", clock step %1 ms").arg(stepMs)));
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
    return 0;
}
