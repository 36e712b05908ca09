#include "ManualClock.h"

namespace netgateway::test {

ManualClock::ManualClock(QDateTime start) : m_now(std::move(start))
{
}

void ManualClock::advance(std::chrono::milliseconds by)
{
    m_now = m_now.addMSecs(by.count());
    m_monotonic += by;
    emit jumped();
}

void ManualClock::setWallClock(const QDateTime &now)
{
    m_now = now;
    emit jumped();
}

} // namespace netgateway::test
