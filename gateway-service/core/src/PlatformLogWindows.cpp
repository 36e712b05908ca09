#include "PlatformLog.h"

#include "../../platform/windows/WindowsEventLog.h"

namespace netgateway::core {

void platformLog(LogLevel level, const QByteArray &utf8Message)
{
    using platform::windows::EventSeverity;
    if (level == LogLevel::Debug) {
        return; // debug output stays in the file log
    }
    const EventSeverity severity = level == LogLevel::Error     ? EventSeverity::Error
                                   : level == LogLevel::Warning ? EventSeverity::Warning
                                                                : EventSeverity::Information;
    platform::windows::reportEvent(severity, utf8Message.toStdString());
}

bool platformLogAvailable()
{
    // Under the SCM there is no console; the Event Log is the platform log.
    return qEnvironmentVariableIsEmpty("NETGATEWAY_NO_EVENTLOG");
}

} // namespace netgateway::core
