#include <netgateway/upgrade/UpgradeSchedule.h>

namespace netgateway::upgrade {

QDateTime UpgradeSchedule::nextCheck(const QDateTime &nowUtc, const QDateTime &lastCheckUtc) const
{
    if (!enabled || !timeOfDayUtc.isValid() || !nowUtc.isValid()) {
        return {};
    }
    const QDateTime from = lastCheckUtc.isValid() ? lastCheckUtc.toUTC() : nowUtc.toUTC();
    QDateTime candidate(from.date(), timeOfDayUtc, Qt::UTC);
    if (lastCheckUtc.isValid() ? candidate <= from : candidate < from) {
        candidate = candidate.addDays(1);
    }
    // A last check in the future (the wall clock was stepped back): do not
    // wait for it, check at the next slot from now.
    if (lastCheckUtc.isValid() && lastCheckUtc > nowUtc) {
        return UpgradeSchedule{enabled, timeOfDayUtc}.nextCheck(nowUtc, {});
    }
    return candidate;
}

} // namespace netgateway::upgrade
