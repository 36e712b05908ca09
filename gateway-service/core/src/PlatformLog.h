#pragma once

#include <netgateway/core/ServiceConfig.h>

#include <QByteArray>

namespace netgateway::core {
// Sends one message to the platform's log: journald on Linux, the Event Log
// on Windows. A no-op elsewhere.
void platformLog(LogLevel level, const QByteArray &utf8Message);
// True when the process was started by a service manager whose log should get
// our messages (systemd's journal, or the Windows Service Control Manager).
bool platformLogAvailable();
} // namespace netgateway::core
