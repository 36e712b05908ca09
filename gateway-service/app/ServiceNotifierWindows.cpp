#include "ServiceNotifier.h"

#include "../platform/windows/WindowsServiceHost.h"

namespace netgateway::app {

void ServiceNotifier::ready(const QString &)
{
    platform::windows::reportRunning();
}

void ServiceNotifier::stopping()
{
    platform::windows::reportStopPending(10000);
}

void ServiceNotifier::watchdog()
{
}

std::chrono::milliseconds ServiceNotifier::watchdogInterval()
{
    return std::chrono::milliseconds(0);
}

} // namespace netgateway::app
