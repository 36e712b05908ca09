#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/core/discovery/DiscoveryRepository.h>

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace netgateway::core::discovery {

// Starts discovery settings at their scheduled times (1 to 6 a day, HH:MM in
// the gateway's local time) on the service's Clock. Each check runs every
// setting that has a scheduled time in (last check, now] once, however many
// times were passed (a gateway that slept through two times runs once, not
// twice). A setting that is already running is not started again; a setting
// due while another one runs starts when that one has finished. A wall clock
// that goes backwards starts nothing and the schedule continues from there.
class DiscoveryScheduler : public QObject {
    Q_OBJECT
public:
    struct Runner {
        // Starts a run of the setting; false when a run is going.
        std::function<bool(qint64 settingId)> start;
        // The setting whose run is going, 0 for none.
        std::function<qint64()> runningSetting;
    };

    DiscoveryScheduler(DiscoveryRepository &settings, Clock &clock, Runner runner, QObject *parent = nullptr);

    // From now on (times already passed today are not caught up).
    void start();
    void stop();
    // Settings were added, changed or deleted.
    void reschedule();
    // The current run ended: starts a setting that was due meanwhile.
    void runFinished();
    // Runs what is due; called by the timer and when the clock jumps.
    void check();

    [[nodiscard]] std::optional<QDateTime> nextRun() const { return m_next; } // UTC

signals:
    void runStarted(qint64 settingId);
    void runSkipped(qint64 settingId, const QString &why);

private:
    void arm();
    void launch(qint64 settingId);

    DiscoveryRepository &m_settings;
    Clock &m_clock;
    Runner m_runner;
    bool m_running = false;
    QDateTime m_lastCheck; // UTC
    std::optional<QDateTime> m_next;
    QList<qint64> m_pending;
    QTimer m_timer;
};

} // namespace netgateway::core::discovery
