#include <netgateway/core/polling/PollScheduler.h>

#include <netgateway/storage/Database.h>

#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace netgateway::core::polling {

using namespace std::chrono_literals;

namespace {

const QString kPolicySetting = QStringLiteral("polling.policy");
const QString kHalvedAtSetting = QStringLiteral("polling.ratings_halved_at");
const QString kRetentionCounters = QStringLiteral("polling.retention.counters_days");
const QString kRetentionSupplies = QStringLiteral("polling.retention.supplies_days");
const QString kRetentionStatus = QStringLiteral("polling.retention.status_days");
const QString kRetentionAlerts = QStringLiteral("polling.retention.alerts_days");
constexpr int kMaxRetentionDays = 36500;

// A stored retention setting, or `fallback` when absent or invalid.
int retentionDays(TelemetryStore &store, const QString &key, int fallback)
{
    bool ok = false;
    const int v = store.setting(key, QString()).toInt(&ok);
    if (!ok || v < 0 || v > kMaxRetentionDays) {
        return fallback;
    }
    return v;
}

QString outcomeName(ReadOutcome o)
{
    switch (o) {
    case ReadOutcome::Ok:
        return QStringLiteral("ok");
    case ReadOutcome::Timeout:
        return QStringLiteral("no answer (timeout)");
    case ReadOutcome::Unreachable:
        return QStringLiteral("unreachable");
    case ReadOutcome::AuthFailure:
        return QStringLiteral("authentication failed");
    case ReadOutcome::Malformed:
        return QStringLiteral("malformed answer");
    }
    return QStringLiteral("unknown");
}

} // namespace

QJsonObject DevicePollInfo::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("deviceId"), static_cast<qint64>(deviceId));
    o.insert(QStringLiteral("address"), address);
    o.insert(QStringLiteral("rating"), std::round(rating * 10.0) / 10.0);
    o.insert(QStringLiteral("category"), priorityName(category));
    o.insert(QStringLiteral("pinned"), pinned ? QJsonValue(priorityName(*pinned)) : QJsonValue());
    o.insert(QStringLiteral("status"), status ? QJsonValue(deviceStatusName(*status)) : QJsonValue());
    o.insert(QStringLiteral("alertIntervalSeconds"), static_cast<qint64>(alertInterval.count()));
    o.insert(QStringLiteral("counterIntervalSeconds"), static_cast<qint64>(counterInterval.count()));
    o.insert(QStringLiteral("nextAlertPoll"), nextAlertPoll.toString(Qt::ISODate));
    o.insert(QStringLiteral("nextCounterPoll"), nextCounterPoll.toString(Qt::ISODate));
    o.insert(QStringLiteral("why"), why);
    o.insert(QStringLiteral("lastEvent"), lastEvent);
    return o;
}

PollScheduler::PollScheduler(storage::Database &db, Clock &clock, SchedulerOptions options, QObject *parent)
    : QObject(parent), m_db(db), m_clock(clock), m_options(std::move(options)), m_store(db),
      m_alive(std::make_shared<int>(0))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &PollScheduler::tick);
    connect(&m_clock, &Clock::jumped, this, &PollScheduler::tick);
}

PollScheduler::~PollScheduler()
{
    try {
        stop();
    } catch (const storage::StorageError &e) {
        qWarning("polling: while stopping: %s", qPrintable(e.message()));
    }
}

void PollScheduler::setReader(DeviceReader *reader)
{
    if (m_reader && m_reader != reader) {
        m_reader->cancelAll();
        m_flights.clear();
        m_deadlines.clear();
        m_slowChecks.clear();
        m_readyHealthy.clear();
        m_readySuspect.clear();
        m_inFlightHealthy = 0;
        m_inFlightSuspect = 0;
        for (auto &[id, d] : m_devices) {
            d.cadence[0].busy = false;
            d.cadence[1].busy = false;
        }
    }
    m_reader = reader;
    if (m_running) {
        tick();
    }
}

void PollScheduler::start()
{
    if (m_running) {
        return;
    }
    const QString policy = m_store.setting(kPolicySetting, QString());
    if (const auto p = policyFromName(policy)) {
        m_options.policy = *p;
    }
    Retention &r = m_options.retention;
    r.counterDays = retentionDays(m_store, kRetentionCounters, r.counterDays);
    r.supplyDays = retentionDays(m_store, kRetentionSupplies, r.supplyDays);
    r.statusDays = retentionDays(m_store, kRetentionStatus, r.statusDays);
    r.clearedAlertDays = retentionDays(m_store, kRetentionAlerts, r.clearedAlertDays);
    const qint64 nowS = m_clock.nowSecs();
    bool ok = false;
    m_lastHalvedAt = m_store.setting(kHalvedAtSetting, QString()).toLongLong(&ok);
    if (!ok || m_lastHalvedAt <= 0) {
        m_lastHalvedAt = nowS;
        m_store.setSetting(kHalvedAtSetting, QString::number(m_lastHalvedAt), nowS);
    }
    m_running = true;
    const ms now = m_clock.monotonic();
    m_lastRecategorize = now;
    m_lastFlush = now;
    m_lastPrune = now;
    reloadDevices();
    tick();
}

void PollScheduler::stop()
{
    if (!m_running) {
        return;
    }
    m_running = false;
    m_timer.stop();
    if (m_reader) {
        m_reader->cancelAll();
    }
    m_alive = std::make_shared<int>(0); // late callbacks of the old run are ignored
    m_flights.clear();
    m_deadlines.clear();
    m_slowChecks.clear();
    m_readyHealthy.clear();
    m_readySuspect.clear();
    m_inFlightHealthy = 0;
    m_inFlightSuspect = 0;
    for (auto &[id, d] : m_devices) {
        d.cadence[0].busy = false;
        d.cadence[1].busy = false;
    }
    flushRatings();
}

void PollScheduler::reloadDevices()
{
    const auto rows = m_store.loadManagedDevices(m_options.rules.newDeviceRating, m_clock.nowSecs());
    std::unordered_map<std::int64_t, const TelemetryStore::ActivityRow *> byId;
    for (const auto &r : rows) {
        byId.emplace(r.deviceId, &r);
    }
    for (auto it = m_devices.begin(); it != m_devices.end();) {
        if (byId.find(it->first) == byId.end()) {
            it = m_devices.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto &r : rows) {
        const auto it = m_devices.find(r.deviceId);
        if (it == m_devices.end()) {
            insertDevice(r);
        } else {
            it->second.target.address = r.address;
        }
    }
    recategorize();
}

void PollScheduler::insertDevice(const TelemetryStore::ActivityRow &row)
{
    Device d;
    d.target = DeviceTarget{row.deviceId, row.address};
    d.rating = row.rating;
    d.pinned = row.pinned;
    d.category = row.pinned.value_or(Priority::High);
    d.addedAt = row.addedAt;
    d.lastEvent = row.lastEvent;
    d.lastEventAt = row.lastEventAt;
    m_devices.emplace(row.deviceId, std::move(d));
}

void PollScheduler::addDevice(std::int64_t deviceId)
{
    const auto row = m_store.ensureActivity(deviceId, m_options.rules.newDeviceRating, m_clock.nowSecs());
    if (m_devices.find(deviceId) != m_devices.end()) {
        m_devices.at(deviceId).target.address = row.address;
        return;
    }
    insertDevice(row);
    recategorize();
}

void PollScheduler::removeDevice(std::int64_t deviceId)
{
    if (m_devices.erase(deviceId) > 0) {
        recategorize();
    }
}

void PollScheduler::setPolicy(PolicyKind policy)
{
    m_store.setSetting(kPolicySetting, policyName(policy), m_clock.nowSecs());
    m_options.policy = policy;
    applyIntervals();
    if (m_running) {
        arm();
    }
}

void PollScheduler::setRetention(const Retention &retention)
{
    const auto bounded = [](int days) { return std::clamp(days, 0, kMaxRetentionDays); };
    Retention r{bounded(retention.counterDays), bounded(retention.supplyDays), bounded(retention.statusDays),
                bounded(retention.clearedAlertDays)};
    const qint64 nowS = m_clock.nowSecs();
    m_store.setSetting(kRetentionCounters, QString::number(r.counterDays), nowS);
    m_store.setSetting(kRetentionSupplies, QString::number(r.supplyDays), nowS);
    m_store.setSetting(kRetentionStatus, QString::number(r.statusDays), nowS);
    m_store.setSetting(kRetentionAlerts, QString::number(r.clearedAlertDays), nowS);
    m_options.retention = r;
}

bool PollScheduler::pinCategory(std::int64_t deviceId, std::optional<Priority> category)
{
    const auto it = m_devices.find(deviceId);
    if (it == m_devices.end()) {
        return false;
    }
    m_store.setPin(deviceId, category);
    it->second.pinned = category;
    recategorize();
    if (m_running) {
        arm();
    }
    return true;
}

bool PollScheduler::pollNow(std::int64_t deviceId)
{
    const auto it = m_devices.find(deviceId);
    if (it == m_devices.end()) {
        return false;
    }
    const ms now = m_clock.monotonic();
    for (PollKind k : {PollKind::Alert, PollKind::Counter}) {
        Cadence &c = cad(it->second, k);
        if (!c.busy) {
            schedule(it->second, k, now);
            c.mustRun = true;
        }
    }
    if (m_running) {
        tick();
    }
    return true;
}

void PollScheduler::pollAllNow()
{
    const ms now = m_clock.monotonic();
    for (auto &[id, d] : m_devices) {
        for (PollKind k : {PollKind::Alert, PollKind::Counter}) {
            Cadence &c = cad(d, k);
            if (!c.busy) {
                schedule(d, k, now);
                c.mustRun = true;
            }
        }
    }
    if (m_running) {
        tick();
    }
}

PollScheduler::ms PollScheduler::intervalFor(const Device &d, PollKind k) const
{
    const int count = m_options.tierDeviceCountOverride.value_or(static_cast<int>(m_devices.size()));
    const auto s = k == PollKind::Alert ? alertInterval(m_options.policy, count, d.category)
                                        : counterInterval(m_options.policy, count, d.category);
    return std::chrono::duration_cast<ms>(s);
}

PollScheduler::ms PollScheduler::phaseOf(std::int64_t deviceId, PollKind k, ms interval)
{
    // Weyl sequence on the golden ratio: consecutive ids land far apart and
    // any set of ids covers the interval evenly.
    constexpr double kGolden = 0.6180339887498949;
    const double offset = k == PollKind::Counter ? 0.5 : 0.0;
    double frac = std::fmod(static_cast<double>(deviceId) * kGolden + offset, 1.0);
    if (frac < 0) {
        frac += 1.0;
    }
    const auto phase = static_cast<ms::rep>(frac * static_cast<double>(interval.count()));
    return ms(std::clamp<ms::rep>(phase, 0, std::max<ms::rep>(0, interval.count() - 1)));
}

PollScheduler::ms PollScheduler::slotAfter(ms t, ms interval, ms phase)
{
    const ms::rep i = std::max<ms::rep>(1, interval.count());
    const ms::rep x = t.count() - phase.count();
    ms::rep n = x / i;
    if (x % i != 0 && x < 0) {
        --n; // floor division
    }
    return ms((n + 1) * i + phase.count());
}

void PollScheduler::schedule(Device &d, PollKind k, ms due)
{
    Cadence &c = cad(d, k);
    ++c.generation;
    c.due = due;
    c.mustRun = false;
    m_heap.push(HeapEntry{due, d.target.deviceId, k, c.generation});
}

void PollScheduler::scheduleNext(Device &d, PollKind k, ms from, bool fromIsPoll)
{
    Cadence &c = cad(d, k);
    const ms phase = phaseOf(d.target.deviceId, k, c.interval);
    ms next = slotAfter(from, c.interval, phase);
    // Never poll again less than half an interval after the previous poll
    // (after "poll now" or an interval change).
    const ms previous = fromIsPoll ? std::max(from, c.lastStart) : c.lastStart;
    if (previous != ms::min()) {
        while (next - previous < c.interval / 2) {
            next += c.interval;
        }
    }
    schedule(d, k, next);
}

void PollScheduler::applyIntervals()
{
    const int count = m_options.tierDeviceCountOverride.value_or(static_cast<int>(m_devices.size()));
    const int aTier = alertTier(count);
    const int cTier = counterTier(count);
    if (aTier != m_alertTier || cTier != m_counterTier) {
        if (m_alertTier >= 0) {
            qInfo("polling: %d devices: alert tier %s, counter tier %s", count, qPrintable(alertTierLabel(aTier)),
                  qPrintable(counterTierLabel(cTier)));
        }
        m_alertTier = aTier;
        m_counterTier = cTier;
    }
    const ms now = m_clock.monotonic();
    for (auto &[id, d] : m_devices) {
        for (PollKind k : {PollKind::Alert, PollKind::Counter}) {
            Cadence &c = cad(d, k);
            const ms interval = intervalFor(d, k);
            if (interval == c.interval) {
                continue;
            }
            c.interval = interval;
            if (!c.mustRun) {
                scheduleNext(d, k, now, false);
            }
        }
    }
    // Stale heap entries are skipped lazily; rebuild when they dominate.
    if (m_heap.size() > 8 * m_devices.size() + 1024) {
        std::vector<HeapEntry> entries;
        entries.reserve(2 * m_devices.size());
        for (const auto &[id, d] : m_devices) {
            for (PollKind k : {PollKind::Alert, PollKind::Counter}) {
                const Cadence &c = cad(d, k);
                entries.push_back(HeapEntry{c.due, id, k, c.generation});
            }
        }
        m_heap = decltype(m_heap)(std::greater<>(), std::move(entries));
    }
}

void PollScheduler::recategorize()
{
    std::vector<std::int64_t> ids;
    ids.reserve(m_devices.size());
    for (const auto &[id, d] : m_devices) {
        ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    const qint64 nowS = m_clock.nowSecs();
    const qint64 newcomerSecs =
        std::chrono::duration_cast<std::chrono::seconds>(m_options.rules.newcomerPeriod).count();
    std::vector<RatingInput> inputs;
    inputs.reserve(ids.size());
    for (std::int64_t id : ids) {
        const Device &d = m_devices.at(id);
        inputs.push_back(RatingInput{id, d.rating, d.pinned, nowS - d.addedAt < newcomerSecs});
    }
    const auto assignments = assignCategories(inputs, m_options.rules);
    for (const CategoryAssignment &a : assignments) {
        Device &d = m_devices.at(a.deviceId);
        d.assignment = a;
        if (d.category != a.category) {
            d.category = a.category;
            emit categoryChanged(a.deviceId, a.category);
        }
    }
    m_categoriesDirty = false;
    m_recategorizeSoon = false;
    m_lastRecategorize = m_clock.monotonic();
    applyIntervals();
}

void PollScheduler::halveIfDue()
{
    const qint64 nowS = m_clock.nowSecs();
    const qint64 period = std::chrono::duration_cast<std::chrono::seconds>(m_options.rules.halvingPeriod).count();
    if (period <= 0 || m_lastHalvedAt <= 0) {
        return;
    }
    if (nowS < m_lastHalvedAt - period) {
        // The wall clock went back by more than a period: restart the count
        // rather than stop halving for that long.
        m_lastHalvedAt = nowS;
        m_store.setSetting(kHalvedAtSetting, QString::number(m_lastHalvedAt), nowS);
        return;
    }
    const qint64 periods = (nowS - m_lastHalvedAt) / period;
    if (periods <= 0) {
        return;
    }
    const int n = static_cast<int>(std::min<qint64>(periods, 64));
    for (auto &[id, d] : m_devices) {
        d.rating = halved(d.rating, n);
        d.ratingDirty = true;
    }
    m_lastHalvedAt += periods * period;
    m_store.setSetting(kHalvedAtSetting, QString::number(m_lastHalvedAt), nowS);
    flushRatings();
    recategorize();
}

void PollScheduler::bumpRating(Device &d, double delta, const QString &event)
{
    if (!(delta > 0.0)) {
        return;
    }
    d.rating = raised(d.rating, delta, m_options.rules);
    d.lastEvent = event;
    d.lastEventAt = m_clock.nowSecs();
    d.ratingDirty = true;
    m_categoriesDirty = true;
}

void PollScheduler::flushRatings()
{
    std::vector<TelemetryStore::RatingUpdate> updates;
    for (auto &[id, d] : m_devices) {
        if (d.ratingDirty) {
            updates.push_back(TelemetryStore::RatingUpdate{id, d.rating, d.lastEvent, d.lastEventAt});
            d.ratingDirty = false;
        }
    }
    m_lastFlush = m_clock.monotonic();
    m_store.saveRatings(updates);
}

bool PollScheduler::pruneOnce()
{
    try {
        const auto step = m_store.pruneStep(m_options.retention, m_clock.nowSecs(), m_options.pruneBatchRows);
        ++m_stats.pruneSteps;
        return step.more;
    } catch (const storage::StorageError &e) {
        ++m_stats.storageErrors;
        qWarning("polling: pruning old telemetry failed, will retry later: %s", qPrintable(e.message()));
        return false;
    }
}

void PollScheduler::schedulePrune()
{
    m_pruning = true;
    std::weak_ptr<int> alive = m_alive;
    QTimer::singleShot(0, this, [this, alive] {
        if (alive.expired() || !m_running) {
            m_pruning = false;
            return;
        }
        if (pruneOnce()) {
            schedulePrune();
        } else {
            m_pruning = false;
        }
    });
}

void PollScheduler::tick()
{
    if (m_inTick) {
        return;
    }
    m_inTick = true;
    try {
        halveIfDue();
    } catch (const storage::StorageError &e) {
        ++m_stats.storageErrors;
        qWarning("polling: %s", qPrintable(e.message()));
    }
    if (m_running && m_reader) {
        const ms now = m_clock.monotonic();
        expireDeadlines();
        demoteSlowPolls();
        while (!m_heap.empty() && m_heap.top().due <= now) {
            const HeapEntry e = m_heap.top();
            m_heap.pop();
            const auto it = m_devices.find(e.deviceId);
            if (it == m_devices.end()) {
                continue;
            }
            Device &d = it->second;
            Cadence &c = cad(d, e.kind);
            if (c.generation != e.generation) {
                continue;
            }
            if (c.busy) {
                ++m_stats.skippedBusy;
                scheduleNext(d, e.kind, c.due, false);
                continue;
            }
            const ms lateness = now - c.due;
            const ms grace = std::clamp<ms>(c.interval / 10, ms(2s), ms(5min));
            if (!c.mustRun && lateness > grace) {
                // Missed (clock jump, stopped process): take the next slot of
                // this device instead of joining a burst.
                ++m_stats.resloted;
                schedule(d, e.kind, slotAfter(now, c.interval, phaseOf(e.deviceId, e.kind, c.interval)));
                c.mustRun = true;
                continue;
            }
            c.busy = true;
            auto &queue = d.suspect ? m_readySuspect : m_readyHealthy;
            queue.push_back(Ready{e.deviceId, e.kind, c.due});
            scheduleNext(d, e.kind, c.due, true);
        }
        dispatch();
    }
    periodic();
    arm();
    m_inTick = false;
}

void PollScheduler::periodic()
{
    const ms now = m_clock.monotonic();
    try {
        if ((m_categoriesDirty && now - m_lastRecategorize >= m_options.recategorizeEvery) ||
            (m_recategorizeSoon && now - m_lastRecategorize >= ms(1s))) {
            recategorize();
        }
        if (now - m_lastFlush >= m_options.ratingFlushEvery) {
            flushRatings();
        }
    } catch (const storage::StorageError &e) {
        ++m_stats.storageErrors;
        qWarning("polling: %s", qPrintable(e.message()));
    }
    if (m_running && !m_pruning && now - m_lastPrune >= m_options.pruneEvery) {
        m_lastPrune = now;
        schedulePrune();
    }
}

void PollScheduler::arm()
{
    if (!m_running || !m_reader) {
        m_timer.stop();
        return;
    }
    // Drop stale entries at the top so the timer aims at a real poll.
    while (!m_heap.empty()) {
        const HeapEntry &e = m_heap.top();
        const auto it = m_devices.find(e.deviceId);
        if (it != m_devices.end() && cad(it->second, e.kind).generation == e.generation) {
            break;
        }
        m_heap.pop();
    }
    const ms now = m_clock.monotonic();
    ms next = now + ms(60s); // housekeeping: halving, flushes, pruning
    if (!m_heap.empty()) {
        next = std::min(next, m_heap.top().due);
    }
    if (!m_deadlines.empty()) {
        next = std::min(next, m_deadlines.front().first);
    }
    if (!m_slowChecks.empty()) {
        next = std::min(next, m_slowChecks.front().first);
    }
    if (m_recategorizeSoon) {
        next = std::min(next, std::max(now, m_lastRecategorize + ms(1s)));
    }
    const auto delay = std::max<ms::rep>(0, (next - now).count());
    m_timer.start(static_cast<int>(m_clock.timerDelay(ms(std::min<ms::rep>(delay, 24L * 3600 * 1000))).count()));
}

void PollScheduler::dispatch()
{
    if (m_dispatching || !m_reader || !m_running) {
        return;
    }
    m_dispatching = true;
    bool progress = true;
    while (progress) {
        progress = false;
        if (!m_readyHealthy.empty() && m_inFlightHealthy < std::max(1, m_options.maxConcurrentPolls)) {
            const Ready r = m_readyHealthy.front();
            m_readyHealthy.pop_front();
            startPoll(r, false);
            progress = true;
        }
        if (!m_readySuspect.empty() && m_inFlightSuspect < std::max(1, m_options.maxConcurrentSuspectPolls)) {
            const Ready r = m_readySuspect.front();
            m_readySuspect.pop_front();
            startPoll(r, true);
            progress = true;
        }
    }
    m_dispatching = false;
}

std::uint64_t PollScheduler::beginFlight(std::int64_t deviceId, PollKind kind, bool suspectLane)
{
    const std::uint64_t token = ++m_nextToken;
    const ms deadline = m_clock.monotonic() + m_options.pollDeadline;
    m_flights.emplace(token, Flight{deviceId, kind, suspectLane, deadline, {}, false});
    m_deadlines.emplace_back(deadline, token);
    if (!suspectLane) {
        m_slowChecks.emplace_back(m_clock.monotonic() + m_options.slowPollAfter, token);
    }
    (suspectLane ? m_inFlightSuspect : m_inFlightHealthy) += 1;
    return token;
}

std::optional<PollScheduler::Flight> PollScheduler::endFlight(std::uint64_t token)
{
    const auto it = m_flights.find(token);
    if (it == m_flights.end()) {
        return std::nullopt;
    }
    Flight f = std::move(it->second);
    m_flights.erase(it);
    (f.suspectLane ? m_inFlightSuspect : m_inFlightHealthy) -= 1;
    return f;
}

void PollScheduler::startPoll(const Ready &ready, bool suspectLane)
{
    const auto it = m_devices.find(ready.deviceId);
    if (it == m_devices.end()) {
        return;
    }
    const std::int64_t deviceId = ready.deviceId;
    const PollKind kind = ready.kind;
    Device &d = it->second;
    Cadence &c = cad(d, kind);
    const ms now = m_clock.monotonic();
    c.lastStart = now;
    if (onPollStarted) {
        onPollStarted(deviceId, kind, std::max(ms(0), now - ready.due));
    }
    const std::uint64_t token = beginFlight(deviceId, kind, suspectLane);
    std::weak_ptr<int> alive = m_alive;
    if (kind == PollKind::Alert) {
        ++m_stats.alertPolls;
        m_reader->readStatus(d.target, [this, alive, token](StatusResult r) {
            if (!alive.expired()) {
                onStatus(token, r);
            }
        });
    } else {
        ++m_stats.counterPolls;
        m_reader->readCounters(d.target, [this, alive, token](CountersResult r) {
            if (!alive.expired()) {
                onCounters(token, r);
            }
        });
    }
}

void PollScheduler::finishPoll(const Flight &flight)
{
    const auto it = m_devices.find(flight.deviceId);
    if (it != m_devices.end()) {
        cad(it->second, flight.kind).busy = false;
    }
    emit pollFinished(flight.deviceId, flight.kind);
    if (!m_inTick) {
        dispatch();
        arm();
    }
}

void PollScheduler::recordFailure(Device &d, ReadOutcome outcome, const QString &detail)
{
    ++m_stats.failures;
    const qint64 nowS = m_clock.nowSecs();
    const QString text = detail.isEmpty() ? outcomeName(outcome) : outcomeName(outcome) + QStringLiteral(": ") + detail;
    switch (outcome) {
    case ReadOutcome::Timeout:
    case ReadOutcome::Unreachable:
        d.suspect = true;
        emit deviceMissedPoll(d.target.deviceId);
        m_store.recordStatus(d.target.deviceId, DeviceStatus::Offline, nowS, text);
        break;
    case ReadOutcome::AuthFailure:
        d.suspect = false;
        m_store.recordStatus(d.target.deviceId, DeviceStatus::AuthFailure, nowS, text);
        break;
    case ReadOutcome::Malformed:
    case ReadOutcome::Ok:
        d.suspect = false;
        qWarning("polling: device %lld: %s", static_cast<long long>(d.target.deviceId), qPrintable(text.left(200)));
        break;
    }
}

void PollScheduler::expireDeadlines()
{
    const ms now = m_clock.monotonic();
    while (!m_deadlines.empty() && m_deadlines.front().first <= now) {
        const std::uint64_t token = m_deadlines.front().second;
        m_deadlines.pop_front();
        const auto f = endFlight(token);
        if (!f) {
            continue; // completed in time
        }
        ++m_stats.deadlineExpired;
        settle(*f, ReadOutcome::Timeout, QStringLiteral("the reader did not complete"), {});
    }
}

void PollScheduler::demoteSlowPolls()
{
    const ms now = m_clock.monotonic();
    while (!m_slowChecks.empty() && m_slowChecks.front().first <= now) {
        const std::uint64_t token = m_slowChecks.front().second;
        m_slowChecks.pop_front();
        const auto it = m_flights.find(token);
        if (it == m_flights.end() || it->second.suspectLane) {
            continue;
        }
        it->second.suspectLane = true;
        --m_inFlightHealthy;
        ++m_inFlightSuspect;
        ++m_stats.demotedSlow;
    }
}

void PollScheduler::onStatus(std::uint64_t token, const StatusResult &result)
{
    const auto f = endFlight(token);
    if (!f) {
        return; // expired or cancelled
    }
    const auto it = m_devices.find(f->deviceId);
    if (it == m_devices.end()) {
        finishPoll(*f);
        return;
    }
    Device &d = it->second;
    try {
        if (result.outcome != ReadOutcome::Ok) {
            recordFailure(d, result.outcome, result.detail);
            finishPoll(*f);
            return;
        }
        d.suspect = false;
        emit deviceAnswered(d.target.deviceId);
        const DeviceStatus status =
            result.power == DevicePowerState::Sleeping ? DeviceStatus::Sleeping : DeviceStatus::Online;
        const auto previous = m_store.lastStatus(d.target.deviceId);
        if (m_store.recordStatus(d.target.deviceId, status, m_clock.nowSecs(), result.detail) && previous) {
            bumpRating(d, m_options.rules.statusChanged,
                       QStringLiteral("status %1 -> %2").arg(deviceStatusName(*previous), deviceStatusName(status)));
        }
        const bool markerValid = result.alertMarker.size() <= StatusResult::kMaxMarkerBytes;
        if (markerValid && d.markerKnown && d.marker == result.alertMarker) {
            finishPoll(*f);
            return;
        }
        // The alert table changed (or is unknown): walk it within the same poll.
        Flight walk = *f;
        const std::uint64_t walkToken = beginFlight(walk.deviceId, walk.kind, walk.suspectLane);
        m_flights.at(walkToken).marker = markerValid ? result.alertMarker : QByteArray();
        m_flights.at(walkToken).markerValid = markerValid;
        ++m_stats.alertWalks;
        std::weak_ptr<int> alive = m_alive;
        m_reader->walkAlertTable(d.target, [this, alive, walkToken](AlertTableResult r) {
            if (!alive.expired()) {
                onAlertTable(walkToken, r);
            }
        });
    } catch (const storage::StorageError &e) {
        ++m_stats.storageErrors;
        qWarning("polling: %s", qPrintable(e.message()));
        finishPoll(*f);
    }
}

void PollScheduler::settle(const Flight &flight, ReadOutcome outcome, const QString &detail,
                           const std::function<void(Device &)> &apply)
{
    const auto it = m_devices.find(flight.deviceId);
    if (it != m_devices.end()) {
        try {
            if (outcome != ReadOutcome::Ok) {
                recordFailure(it->second, outcome, detail);
            } else {
                emit deviceAnswered(flight.deviceId);
                if (apply) {
                    apply(it->second);
                }
            }
        } catch (const storage::StorageError &e) {
            ++m_stats.storageErrors;
            qWarning("polling: %s", qPrintable(e.message()));
        }
    }
    finishPoll(flight);
}

void PollScheduler::onAlertTable(std::uint64_t token, const AlertTableResult &result)
{
    const auto f = endFlight(token);
    if (!f) {
        return;
    }
    settle(*f, result.outcome, result.detail, [&](Device &d) {
        const auto changes = m_store.applyAlertTable(d.target.deviceId, result.alerts, m_clock.nowSecs());
        const auto &rules = m_options.rules;
        if (changes.raised > 0) {
            bumpRating(d, rules.alertRaised * changes.raised,
                       QStringLiteral("alert raised: %1").arg(changes.firstRaised.left(80)));
            m_recategorizeSoon = true; // an alert moves the device up within a second
        }
        if (changes.updated > 0) {
            bumpRating(d, rules.alertUpdated * changes.updated, QStringLiteral("alert updated"));
        }
        if (changes.cleared > 0) {
            bumpRating(d, rules.alertCleared * changes.cleared, QStringLiteral("alert cleared"));
        }
        if (changes.rejected > 0) {
            qWarning("polling: device %lld: %d alert entries were invalid and dropped",
                     static_cast<long long>(d.target.deviceId), changes.rejected);
        }
        if (f->markerValid) {
            d.marker = f->marker;
            d.markerKnown = true;
        }
    });
}

void PollScheduler::onCounters(std::uint64_t token, const CountersResult &result)
{
    const auto f = endFlight(token);
    if (!f) {
        return;
    }
    settle(*f, result.outcome, result.detail, [&](Device &d) {
        d.suspect = false;
        const auto changes = m_store.recordCounters(d.target.deviceId, result, m_clock.nowSecs());
        const auto &rules = m_options.rules;
        if (changes.usage > 0) {
            const double pages = std::min(rules.maxPagesPerReading, static_cast<double>(changes.usage) * rules.perPage);
            bumpRating(d, pages, QStringLiteral("%1 pages printed").arg(changes.usage));
        }
        if (changes.supplyChanges > 0) {
            bumpRating(d, rules.supplyChanged * changes.supplyChanges, QStringLiteral("supply level changed"));
        }
        if (changes.resets > 0) {
            bumpRating(d, rules.alertUpdated, QStringLiteral("counter reset"));
        }
    });
}

std::optional<DevicePollInfo> PollScheduler::deviceInfo(std::int64_t deviceId) const
{
    const auto it = m_devices.find(deviceId);
    if (it == m_devices.end()) {
        return std::nullopt;
    }
    const Device &d = it->second;
    DevicePollInfo info;
    info.deviceId = deviceId;
    info.address = d.target.address;
    info.rating = d.rating;
    info.category = d.category;
    info.pinned = d.pinned;
    info.status = m_store.lastStatus(deviceId);
    info.alertInterval = std::chrono::duration_cast<std::chrono::seconds>(cad(d, PollKind::Alert).interval);
    info.counterInterval = std::chrono::duration_cast<std::chrono::seconds>(cad(d, PollKind::Counter).interval);
    const QDateTime wall = m_clock.nowUtc();
    const ms mono = m_clock.monotonic();
    info.nextAlertPoll = wall.addMSecs((cad(d, PollKind::Alert).due - mono).count());
    info.nextCounterPoll = wall.addMSecs((cad(d, PollKind::Counter).due - mono).count());
    const int count = m_options.tierDeviceCountOverride.value_or(static_cast<int>(m_devices.size()));
    info.why = QStringLiteral("%1: %2. Policy %3, %4 devices: alert tier %5, counter tier %6.")
                   .arg(priorityLabel(d.category), explain(d.assignment, d.rating, m_options.rules),
                        policyName(m_options.policy))
                   .arg(count)
                   .arg(alertTierLabel(alertTier(count)), counterTierLabel(counterTier(count)));
    if (!d.lastEvent.isEmpty()) {
        info.why += QStringLiteral(" Last rating change: %1 at %2.")
                        .arg(d.lastEvent, QDateTime::fromSecsSinceEpoch(d.lastEventAt, Qt::UTC).toString(Qt::ISODate));
    }
    info.lastEvent = d.lastEvent;
    return info;
}

std::vector<DevicePollInfo> PollScheduler::allDeviceInfo() const
{
    std::vector<std::int64_t> ids;
    ids.reserve(m_devices.size());
    for (const auto &[id, d] : m_devices) {
        ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    std::vector<DevicePollInfo> out;
    out.reserve(ids.size());
    for (std::int64_t id : ids) {
        out.push_back(*deviceInfo(id));
    }
    return out;
}

} // namespace netgateway::core::polling
