#pragma once

#include <netgateway/core/Clock.h>

#include <QElapsedTimer>

namespace netgateway::core {

// A clock whose time runs `speed` times faster than real time, from the real
// time at construction: soak tests run days of schedules, daily uploads and
// rating halvings in an hour against real devices and a real cloud. Only for
// tests (netgatewayd --clock-speed); timers that follow Clock::timerDelay()
// fire at the compressed times.
class ScaledClock final : public Clock {
    Q_OBJECT
public:
    explicit ScaledClock(double speed, QObject *parent = nullptr);
    [[nodiscard]] QDateTime nowUtc() const override;
    [[nodiscard]] std::chrono::milliseconds monotonic() const override;
    [[nodiscard]] double speed() const override { return m_speed; }

private:
    double m_speed;
    QDateTime m_startUtc;
    QElapsedTimer m_elapsed;
};

} // namespace netgateway::core
