#pragma once

// Qt-free Event Log writer; compiled only on Windows.
#include <string>

namespace netgateway::platform::windows {

enum class EventSeverity { Information, Warning, Error };

// Writes one UTF-8 message to the Application log under the event source
// registered by the installer ("netgateway"). Returns false if the source
// cannot be opened; the file log still has the message.
bool reportEvent(EventSeverity severity, const std::string &utf8Message);

} // namespace netgateway::platform::windows
