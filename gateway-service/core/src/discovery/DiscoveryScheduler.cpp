#include <netgateway/core/discovery/DiscoveryScheduler.h>

#include <netgateway/storage/Database.h>

#include <algorithm>
#include <chrono>

namespace netgateway::core::discovery {

namespace {

// The timer is re-armed at least this often, so a changed time zone or a
// drifting wall clock is noticed.
constexpr qint64 kMaxSleepMs = 15 * 60 * 1000;

// The first occurrence of local time `time` after `after` (UTC).
QDateTime nextOccurrence(const QDateTime &after, const QTime &time)
{
    const QDate day = after.toLocalTime().date();
    for (int d = 0; d < 3; ++d) {
        const QDateTime at = QDateTime(day.addDays(d), time, Qt::LocalTime).toUTC();
        if (at.isValid() && at > after) {
            return at;
        }
    }
    return {};
}

} // namespace

DiscoveryScheduler::DiscoveryScheduler(DiscoveryRepository &settings, Clock &clock, Runner runner, QObject *parent)
    : QObject(parent), m_settings(settings), m_clock(clock), m_runner(std::move(runner))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DiscoveryScheduler::check);
    connect(&m_clock, &Clock::jumped, this, [this] {
        if (m_running) {
            check();
        }
    });
}

void DiscoveryScheduler::start()
{
    m_running = true;
    m_lastCheck = m_clock.nowUtc();
    arm();
}

void DiscoveryScheduler::stop()
{
    m_running = false;
    m_timer.stop();
    m_pending.clear();
}

void DiscoveryScheduler::reschedule()
{
    if (m_running) {
        arm();
    }
}

void DiscoveryScheduler::check()
{
    if (!m_running) {
        return;
    }
    const QDateTime now = m_clock.nowUtc();
    if (now < m_lastCheck) {
        m_lastCheck = now; // the wall clock went back: nothing is due twice
        arm();
        return;
    }
    QList<qint64> due;
    try {
        for (const DiscoverySettings &s : m_settings.list()) {
            for (const QTime &t : s.schedule.times) {
                const QDateTime at = nextOccurrence(m_lastCheck, t);
                if (at.isValid() && at <= now) {
                    due.append(s.id);
                    break; // once per check, however many of its times passed
                }
            }
        }
    } catch (const storage::StorageError &e) {
        qWarning("discovery schedule: %s", qPrintable(e.message()));
    }
    m_lastCheck = now;
    for (qint64 id : due) {
        launch(id);
    }
    arm();
}

void DiscoveryScheduler::launch(qint64 settingId)
{
    const qint64 running = m_runner.runningSetting ? m_runner.runningSetting() : 0;
    if (running == settingId) {
        emit runSkipped(settingId, QStringLiteral("its previous run is still going"));
        return;
    }
    if (running != 0) {
        if (!m_pending.contains(settingId)) {
            m_pending.append(settingId); // after the run that is going
        }
        return;
    }
    if (!m_runner.start(settingId)) {
        emit runSkipped(settingId, QStringLiteral("the run could not start"));
        return;
    }
    emit runStarted(settingId);
}

void DiscoveryScheduler::runFinished()
{
    if (!m_running || m_pending.isEmpty()) {
        return;
    }
    launch(m_pending.takeFirst());
}

void DiscoveryScheduler::arm()
{
    m_next.reset();
    try {
        for (const DiscoverySettings &s : m_settings.list()) {
            for (const QTime &t : s.schedule.times) {
                const QDateTime at = nextOccurrence(m_lastCheck, t);
                if (at.isValid() && (!m_next || at < *m_next)) {
                    m_next = at;
                }
            }
        }
    } catch (const storage::StorageError &e) {
        qWarning("discovery schedule: %s", qPrintable(e.message()));
    }
    m_timer.stop();
    if (!m_next) {
        return;
    }
    const qint64 ms = std::clamp<qint64>(m_clock.nowUtc().msecsTo(*m_next), 0, kMaxSleepMs);
    // A timer that fires early finds nothing due and re-arms for the rest.
    m_timer.start(std::chrono::milliseconds(ms));
}

} // namespace netgateway::core::discovery
