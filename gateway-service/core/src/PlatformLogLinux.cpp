#include "PlatformLog.h"

#include <syslog.h>
#include <systemd/sd-journal.h>

namespace netgateway::core {

void platformLog(LogLevel level, const QByteArray &utf8Message)
{
    int priority = LOG_INFO;
    switch (level) {
    case LogLevel::Debug:
        priority = LOG_DEBUG;
        break;
    case LogLevel::Info:
        priority = LOG_INFO;
        break;
    case LogLevel::Warning:
        priority = LOG_WARNING;
        break;
    case LogLevel::Error:
        priority = LOG_ERR;
        break;
    }
    sd_journal_send("MESSAGE=%s", utf8Message.constData(), "PRIORITY=%d", priority, "SYSLOG_IDENTIFIER=netgatewayd",
                    nullptr);
}

bool platformLogAvailable()
{
    // systemd sets JOURNAL_STREAM for services whose output goes to the journal.
    return !qEnvironmentVariableIsEmpty("JOURNAL_STREAM");
}

} // namespace netgateway::core
