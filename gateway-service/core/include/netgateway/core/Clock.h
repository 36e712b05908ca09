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
