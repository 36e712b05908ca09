#pragma once

#include <QDateTime>
#include <QTime>

namespace netgateway::upgrade {

// When the daily upgrade check runs: once a day at a time of day the
// administrator sets (UTC; by default the time of day of the gateway's first
// registration with the cloud).
struct UpgradeSchedule {
    bool enabled = false;
    QTime timeOfDayUtc;

    // The first check time strictly after `lastCheckUtc` (or, when there was
    // no check yet, at or after `nowUtc`) that falls on timeOfDayUtc. A check
    // missed while the gateway was off is due at once (the result is <= now).
    // Invalid when auto-upgrade is off or no time is set.
    [[nodiscard]] QDateTime nextCheck(const QDateTime &nowUtc, const QDateTime &lastCheckUtc) const;
};

} // namespace netgateway::upgrade
