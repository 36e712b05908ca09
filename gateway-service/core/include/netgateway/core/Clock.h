#pragma once

#include <QDateTime>
#include <QObject>

#include <chrono>

namespace netgateway::core {

// The one source of time for the domain. Production uses SystemClock; tests
// inject a manual clock and jump hours or days without waiting.
class Clock : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~Clock() override = default;

    // Wall-clock time in UTC.
    [[nodiscard]] virtual QDateTime nowUtc() const = 0;
    // Monotonic time since an arbitrary origin; never goes backwards.
    [[nodiscard]] virtual std::chrono::milliseconds monotonic() const = 0;

    [[nodiscard]] qint64 nowSecs() const { return nowUtc().toSecsSinceEpoch(); }

    // How many of this clock's seconds pass in one real second: 1 except for
    // ScaledClock (soak tests compress days into hours).
    [[nodiscard]] virtual double speed() const { return 1.0; }
    // The real time a QTimer must wait for `clockTime` of this clock to pass.
    [[nodiscard]] std::chrono::milliseconds timerDelay(std::chrono::milliseconds clockTime) const
    {
        const double s = speed();
        return s == 1.0 ? clockTime
                        : std::chrono::milliseconds(static_cast<qint64>(static_cast<double>(clockTime.count()) / s));
    }
    // The inverse: this clock's time that passes while `realTime` passes
    // (network timeouts are real time whatever the clock's speed).
    [[nodiscard]] std::chrono::milliseconds fromRealTime(std::chrono::milliseconds realTime) const
    {
        const double s = speed();
        return s == 1.0 ? realTime
                        : std::chrono::milliseconds(static_cast<qint64>(static_cast<double>(realTime.count()) * s));
    }

signals:
    // Emitted by clocks that can jump (tests, or a detected wall-clock step),
    // so schedulers re-arm their timers.
    void jumped();
};

class SystemClock final : public Clock {
    Q_OBJECT
public:
    using Clock::Clock;
    [[nodiscard]] QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
    [[nodiscard]] std::chrono::milliseconds monotonic() const override;
};

} // namespace netgateway::core
