#pragma once

#include <QString>

#include <chrono>

namespace netgateway::app {

// Tells the service manager about the daemon's state: systemd's sd_notify
// (READY, STOPPING, WATCHDOG, STATUS) on Linux, the SCM on Windows.
class ServiceNotifier {
public:
    static void ready(const QString &status);
    static void stopping();
    static void watchdog();
    // The interval at which watchdog() must be called, or zero when the
    // service manager does not watch us.
    static std::chrono::milliseconds watchdogInterval();
};

} // namespace netgateway::app
