#pragma once

// Qt-free reader of the values the MSI writes for the service's first start
// (HKLM\SOFTWARE\netgateway\Install); compiled only on Windows (and
// type-checked with mingw-w64 on Linux).
#include <optional>
#include <string>

namespace netgateway::platform::windows {

// The string value `name` under HKLM\SOFTWARE\netgateway\Install in the 64-bit
// view, UTF-8; nullopt if the key or value is missing, is not a string or is
// longer than 1024 characters. Only administrators can write the key.
std::optional<std::string> readInstallValue(const std::wstring &name);

} // namespace netgateway::platform::windows
