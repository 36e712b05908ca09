#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/core/polling/DeviceReader.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace netgateway::test {

// A scripted device reader. Devices answer from their scripted state, either
// at once (latency 0, from inside the call) or after `latency` of the clock's
// monotonic time (delivered by deliverDue()). Dead devices never answer.
class FakeDeviceReader final : public core::polling::DeviceReader {
public:
    struct Device {
        bool dead = false;                                                   // never answers
        core::polling::ReadOutcome outcome = core::polling::ReadOutcome::Ok; // answers with this
        core::polling::DevicePowerState power = core::polling::DevicePowerState::Online;
        QByteArray marker = "0";
        std::vector<core::polling::AlertEntry> alerts;
        std::vector<core::polling::CounterValue> counters;
        std::vector<core::polling::SupplyLevel> supplies;
        core::polling::ReadOutcome walkOutcome = core::polling::ReadOutcome::Ok;
        int statusCalls = 0;
        int walkCalls = 0;
        int counterCalls = 0;
    };

    explicit FakeDeviceReader(core::Clock &clock) : m_clock(clock) {}

    std::map<std::int64_t, Device> devices;
    std::chrono::milliseconds latency{0};
    int statusCalls = 0;
    int walkCalls = 0;
    int counterCalls = 0;
    int hung = 0; // requests that will never be answered

    void readStatus(const core::polling::DeviceTarget &target, StatusDone done) override
    {
        ++statusCalls;
        Device &d = devices[target.deviceId];
        ++d.statusCalls;
        if (d.dead) {
            ++hung;
            return;
        }
        core::polling::StatusResult r;
        r.outcome = d.outcome;
        r.power = d.power;
        r.alertMarker = d.marker;
        answer([done = std::move(done), r] { done(r); });
    }

    void walkAlertTable(const core::polling::DeviceTarget &target, AlertTableDone done) override
    {
        ++walkCalls;
        Device &d = devices[target.deviceId];
        ++d.walkCalls;
        if (d.dead) {
            ++hung;
            return;
        }
        core::polling::AlertTableResult r;
        r.outcome = d.outcome == core::polling::ReadOutcome::Ok ? d.walkOutcome : d.outcome;
        r.alerts = d.alerts;
        answer([done = std::move(done), r] { done(r); });
    }

    void readCounters(const core::polling::DeviceTarget &target, CountersDone done) override
    {
        ++counterCalls;
        Device &d = devices[target.deviceId];
        ++d.counterCalls;
        if (d.dead) {
            ++hung;
            return;
        }
        core::polling::CountersResult r;
        r.outcome = d.outcome;
        r.counters = d.counters;
        r.supplies = d.supplies;
        answer([done = std::move(done), r] { done(r); });
    }

    void cancelAll() override { m_pending.clear(); }

    // Delivers the answers whose latency has elapsed.
    void deliverDue()
    {
        const auto now = m_clock.monotonic();
        while (!m_pending.empty() && m_pending.begin()->first <= now) {
            auto fn = std::move(m_pending.begin()->second);
            m_pending.erase(m_pending.begin());
            fn();
        }
    }

    [[nodiscard]] std::size_t pending() const { return m_pending.size(); }

private:
    void answer(std::function<void()> fn)
    {
        if (latency.count() == 0) {
            fn();
            return;
        }
        m_pending.emplace(m_clock.monotonic() + latency, std::move(fn));
    }

    core::Clock &m_clock;
    std::multimap<std::chrono::milliseconds, std::function<void()>> m_pending;
};

} // namespace netgateway::test
