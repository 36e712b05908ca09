#include <netgateway/core/ScaledClock.h>

namespace netgateway::core {

ScaledClock::ScaledClock(double speed, QObject *parent)
    : Clock(parent), m_speed(speed > 0.0 ? speed : 1.0), m_startUtc(QDateTime::currentDateTimeUtc())
{
    m_elapsed.start();
}

std::chrono::milliseconds ScaledClock::monotonic() const
{
    return std::chrono::milliseconds(
        static_cast<qint64>(static_cast<double>(m_elapsed.nsecsElapsed()) / 1e6 * m_speed));
}

QDateTime ScaledClock::nowUtc() const
{
    return m_startUtc.addMSecs(monotonic().count());
}

} // namespace netgateway::core
