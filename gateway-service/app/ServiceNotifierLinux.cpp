#include "ServiceNotifier.h"

#include <systemd/sd-daemon.h>

namespace netgateway::app {

void ServiceNotifier::ready(const QString &status)
{
    const QByteArray message = "READY=1\nSTATUS=" + status.toUtf8();
    sd_notify(0, message.constData());
}

void ServiceNotifier::stopping()
{
    sd_notify(0, "STOPPING=1\nSTATUS=stopping");
}

void ServiceNotifier::watchdog()
{
    sd_notify(0, "WATCHDOG=1");
}

std::chrono::milliseconds ServiceNotifier::watchdogInterval()
{
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        // Ping at half the configured timeout, as systemd recommends.
        return std::chrono::milliseconds(usec / 2000);
    }
    return std::chrono::milliseconds(0);
}

} // namespace netgateway::app
