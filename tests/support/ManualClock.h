#pragma once

#include <netgateway/core/Clock.h>

#include <chrono>

namespace netgateway::test {

// A clock that only moves when a test says so.
class ManualClock final : public core::Clock {
    Q_OBJECT
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));

    [[nodiscard]] QDateTime nowUtc() const override { return m_now; }
    [[nodiscard]] std::chrono::milliseconds monotonic() const override { return m_monotonic; }

    // Moves both clocks forward and emits jumped().
    void advance(std::chrono::milliseconds by);
    // Sets the wall clock only (it may go backwards, as after an NTP step).
    void setWallClock(const QDateTime &now);

private:
    QDateTime m_now;
    std::chrono::milliseconds m_monotonic{0};
};

} // namespace netgateway::test
