#include <netgateway/core/Clock.h>

#include <QDeadlineTimer>

namespace netgateway::core {

std::chrono::milliseconds SystemClock::monotonic() const
{
    return std::chrono::milliseconds(QDeadlineTimer::current().deadline());
}

} // namespace netgateway::core
