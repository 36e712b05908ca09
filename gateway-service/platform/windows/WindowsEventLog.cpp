#include "WindowsEventLog.h"

#include <windows.h>

#include <mutex>

namespace netgateway::platform::windows {

namespace {

constexpr wchar_t kSourceName[] = L"netgateway";
// Event ids are not used for message lookup: the installer registers a
// generic message file whose %1 inserts the text.
constexpr DWORD kGenericEventId = 1000;

std::wstring widen(const std::string &utf8)
{
    if (utf8.empty()) {
        return {};
    }
    const int size = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring out(static_cast<size_t>(size > 0 ? size : 0), L'\0');
    if (size > 0) {
        MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), size);
    }
    return out;
}

HANDLE source()
{
    static std::once_flag once;
    static HANDLE handle = nullptr;
    std::call_once(once, [] { handle = RegisterEventSourceW(nullptr, kSourceName); });
    return handle;
}

} // namespace

bool reportEvent(EventSeverity severity, const std::string &utf8Message)
{
    HANDLE h = source();
    if (!h) {
        return false;
    }
    WORD type = EVENTLOG_INFORMATION_TYPE;
    if (severity == EventSeverity::Warning) {
        type = EVENTLOG_WARNING_TYPE;
    } else if (severity == EventSeverity::Error) {
        type = EVENTLOG_ERROR_TYPE;
    }
    const std::wstring text = widen(utf8Message);
    LPCWSTR strings[] = {text.c_str()};
    return ReportEventW(h, type, 0, kGenericEventId, nullptr, 1, 0, strings, nullptr) != 0;
}

} // namespace netgateway::platform::windows
