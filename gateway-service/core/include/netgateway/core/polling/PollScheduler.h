#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/core/polling/ActivityRating.h>
#include <netgateway/core/polling/DeviceReader.h>
#include <netgateway/core/polling/PollingPolicy.h>
#include <netgateway/core/polling/TelemetryStore.h>

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

namespace netgateway::storage {
class Database;
} // namespace netgateway::storage

namespace netgateway::core::polling {

enum class PollKind { Alert = 0, Counter = 1 };

struct SchedulerOptions {
    PolicyKind policy = PolicyKind::Adaptive;
    // Polls in flight at once for responsive devices, and separately for
    // devices whose last poll timed out or was unreachable, so dead devices
    // only ever wait for each other.
    int maxConcurrentPolls = 256;
    int maxConcurrentSuspectPolls = 32;
    // Safety net beyond the reader's own timeout: a request not completed by
    // then counts as a timeout and frees its slot.
    std::chrono::milliseconds pollDeadline{30'000};
    // A poll of a responsive device still running after this long moves to
    // the suspect lane's account, freeing its slot for the others (a device
    // that has just died never holds a healthy slot for long).
    std::chrono::milliseconds slowPollAfter{5'000};
    // How often categories are re-ranked after rating changes (an alert
    // re-ranks at once) and dirty ratings are written to the database.
    std::chrono::milliseconds recategorizeEvery{60'000};
    std::chrono::milliseconds ratingFlushEvery{60'000};
    // Retention pruning: started this often, `pruneBatchRows` rows per
    // transaction, one batch per event-loop turn.
    std::chrono::milliseconds pruneEvery{3'600'000};
    int pruneBatchRows = 500;
    Retention retention;
    RatingRules rules;
    // For benches: pretend this many devices when choosing the tier.
    std::optional<int> tierDeviceCountOverride;
};

// What the API shows for one device.
struct DevicePollInfo {
    std::int64_t deviceId = 0;
    QString address;
    double rating = 0.0;
    Priority category = Priority::High;
    std::optional<Priority> pinned;
    std::optional<DeviceStatus> status;
    std::chrono::seconds alertInterval{0};
    std::chrono::seconds counterInterval{0};
    QDateTime nextAlertPoll;   // UTC
    QDateTime nextCounterPoll; // UTC
    QString why;
    QString lastEvent;
    [[nodiscard]] QJsonObject toJson() const;
};

struct SchedulerStats {
    std::uint64_t alertPolls = 0;      // status reads started
    std::uint64_t alertWalks = 0;      // alert-table walks started
    std::uint64_t counterPolls = 0;    // counter reads started
    std::uint64_t failures = 0;        // reads that ended other than Ok
    std::uint64_t deadlineExpired = 0; // reads the reader never completed
    std::uint64_t demotedSlow = 0;     // healthy-lane reads moved to the suspect lane's account
    std::uint64_t resloted = 0;        // polls moved to their next slot after a clock jump
    std::uint64_t skippedBusy = 0;     // polls skipped because the previous one was still running
    std::uint64_t storageErrors = 0;
    std::uint64_t pruneSteps = 0;
};

// Polls every managed device on two cadences (alerts/status and
// counters/consumables) chosen by the policy, the device count and each
// device's priority category.
//
// Timing runs on Clock::monotonic(). Each device has a fixed phase within
// each interval derived from its id (a low-discrepancy sequence), so polls
// are spread evenly over the interval and never bunch at the top of the hour.
// A poll found more than a grace period late (the clock jumped, the process
// was stopped) is not run at once but moved to the device's next slot, so a
// jump never causes a burst; a moved poll runs at that slot whatever happens,
// so nothing stalls either. Clock::jumped() re-arms the timer.
class PollScheduler : public QObject {
    Q_OBJECT
public:
    PollScheduler(storage::Database &db, Clock &clock, SchedulerOptions options, QObject *parent = nullptr);
    ~PollScheduler() override;

    // The reader is not owned. Without a reader the scheduler keeps its
    // device list and ratings but starts no polls.
    void setReader(DeviceReader *reader);
    // Loads managed devices and ratings from the database and starts polling.
    // Throws storage::StorageError when the database cannot be read.
    void start();
    void stop();
    [[nodiscard]] bool isRunning() const { return m_running; }

    // Inventory changes; the tier is re-evaluated on each.
    void addDevice(std::int64_t deviceId);
    void removeDevice(std::int64_t deviceId);
    void reloadDevices();

    void setPolicy(PolicyKind policy);
    [[nodiscard]] PolicyKind policy() const { return m_options.policy; }
    // Retention in effect. start() reads overrides from the settings
    // polling.retention.{counters,supplies,status,alerts}_days (0 to 36500;
    // 0 keeps forever).
    [[nodiscard]] const Retention &retention() const { return m_options.retention; }
    void setRetention(const Retention &retention);
    // Pins (or with nullopt unpins) a device's category; persisted. Returns
    // false for an unknown device.
    bool pinCategory(std::int64_t deviceId, std::optional<Priority> category);

    // Polls one device (both cadences) as soon as a slot is free. Returns
    // false for an unknown device.
    bool pollNow(std::int64_t deviceId);
    // Polls every device as soon as slots are free (bounded by the
    // concurrency caps).
    void pollAllNow();

    [[nodiscard]] int deviceCount() const { return static_cast<int>(m_devices.size()); }
    [[nodiscard]] std::optional<DevicePollInfo> deviceInfo(std::int64_t deviceId) const;
    [[nodiscard]] std::vector<DevicePollInfo> allDeviceInfo() const;
    [[nodiscard]] const SchedulerStats &stats() const { return m_stats; }
    [[nodiscard]] int inFlight() const { return m_inFlightHealthy + m_inFlightSuspect; }

    // Processes everything due now. Called by the timer and on Clock::jumped().
    void tick();
    // Writes dirty ratings now (also done periodically and on stop()).
    void flushRatings();
    // Runs one retention batch; returns true when more remain.
    bool pruneOnce();

    // Observer for benches: called when a poll starts, with its lateness.
    std::function<void(std::int64_t deviceId, PollKind, std::chrono::milliseconds lateness)> onPollStarted;

signals:
    void pollFinished(qint64 deviceId, netgateway::core::polling::PollKind kind);
    void categoryChanged(qint64 deviceId, netgateway::core::polling::Priority category);
    // A read of the device got no answer (timeout or unreachable) / an answer;
    // device recovery counts the misses in a row.
    void deviceMissedPoll(qint64 deviceId);
    void deviceAnswered(qint64 deviceId);

private:
    using ms = std::chrono::milliseconds;
    struct Cadence {
        ms interval{0};
        ms due{0};
        ms lastStart = ms::min(); // none yet
        std::uint64_t generation = 0;
        bool busy = false;    // queued or in flight
        bool mustRun = false; // already moved once, or requested now: run whatever the lateness
    };
    struct Device {
        DeviceTarget target;
        double rating = 0.0;
        std::optional<Priority> pinned;
        Priority category = Priority::High;
        CategoryAssignment assignment; // the "why", formatted on demand
        qint64 addedAt = 0;
        QString lastEvent;
        qint64 lastEventAt = 0;
        bool suspect = false;
        bool ratingDirty = false;
        QByteArray marker;
        bool markerKnown = false;
        Cadence cadence[2];
    };
    struct HeapEntry {
        ms due;
        std::int64_t deviceId;
        PollKind kind;
        std::uint64_t generation;
        bool operator>(const HeapEntry &o) const { return due > o.due; }
    };
    struct Flight {
        std::int64_t deviceId = 0;
        PollKind kind = PollKind::Alert;
        bool suspectLane = false;
        ms deadline{0};
        QByteArray marker; // alert walks: the marker to remember when the walk succeeds
        bool markerValid = false;
    };
    struct Ready {
        std::int64_t deviceId = 0;
        PollKind kind = PollKind::Alert;
        ms due{0};
    };

    static Cadence &cad(Device &d, PollKind k) { return d.cadence[static_cast<int>(k)]; }
    static const Cadence &cad(const Device &d, PollKind k) { return d.cadence[static_cast<int>(k)]; }
    [[nodiscard]] ms intervalFor(const Device &d, PollKind k) const;
    [[nodiscard]] static ms phaseOf(std::int64_t deviceId, PollKind k, ms interval);
    [[nodiscard]] static ms slotAfter(ms t, ms interval, ms phase);
    void schedule(Device &d, PollKind k, ms due);
    // Schedules the next slot after `from`; `fromIsPoll`: `from` is the time of a poll just queued.
    void scheduleNext(Device &d, PollKind k, ms from, bool fromIsPoll);
    void applyIntervals();
    void insertDevice(const TelemetryStore::ActivityRow &row);
    void recategorize();
    void halveIfDue();
    void bumpRating(Device &d, double delta, const QString &event);
    void dispatch();
    void startPoll(const Ready &ready, bool suspectLane);
    std::uint64_t beginFlight(std::int64_t deviceId, PollKind kind, bool suspectLane);
    std::optional<Flight> endFlight(std::uint64_t token);
    void finishPoll(const Flight &flight);
    void onStatus(std::uint64_t token, const StatusResult &result);
    void onAlertTable(std::uint64_t token, const AlertTableResult &result);
    void onCounters(std::uint64_t token, const CountersResult &result);
    void recordFailure(Device &d, ReadOutcome outcome, const QString &detail);
    // Ends a read of the flight's device: records the failure, or runs `apply` when the read succeeded;
    // storage errors are counted and logged; the poll is finished either way.
    void settle(const Flight &flight, ReadOutcome outcome, const QString &detail,
                const std::function<void(Device &)> &apply);
    void expireDeadlines();
    void demoteSlowPolls();
    void arm();
    void periodic();
    void schedulePrune();

    storage::Database &m_db;
    Clock &m_clock;
    SchedulerOptions m_options;
    mutable TelemetryStore m_store; // caches the last status per device
    DeviceReader *m_reader = nullptr;
    bool m_running = false;
    bool m_dispatching = false;
    bool m_inTick = false;
    std::unordered_map<std::int64_t, Device> m_devices;
    std::priority_queue<HeapEntry, std::vector<HeapEntry>, std::greater<>> m_heap;
    std::deque<Ready> m_readyHealthy;
    std::deque<Ready> m_readySuspect;
    int m_inFlightHealthy = 0;
    int m_inFlightSuspect = 0;
    std::uint64_t m_nextToken = 0;
    std::unordered_map<std::uint64_t, Flight> m_flights;
    std::deque<std::pair<ms, std::uint64_t>> m_deadlines;  // in start order
    std::deque<std::pair<ms, std::uint64_t>> m_slowChecks; // healthy-lane flights, in start order
    int m_alertTier = -1;
    int m_counterTier = -1;
    bool m_categoriesDirty = false;
    bool m_recategorizeSoon = false; // an alert was raised: re-rank within a second
    ms m_lastRecategorize{0};
    ms m_lastFlush{0};
    ms m_lastPrune{0};
    bool m_pruning = false;
    qint64 m_lastHalvedAt = 0;
    QTimer m_timer;
    std::shared_ptr<int> m_alive;
    SchedulerStats m_stats;
};

} // namespace netgateway::core::polling
