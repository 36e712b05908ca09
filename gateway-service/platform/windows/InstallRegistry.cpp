#include "InstallRegistry.h"

#include <windows.h>

#include <vector>

namespace netgateway::platform::windows {

namespace {

constexpr wchar_t kInstallKey[] = L"SOFTWARE\\netgateway\\Install";
constexpr DWORD kMaxChars = 1024;

} // namespace

std::optional<std::string> readInstallValue(const std::wstring &name)
{
    std::vector<wchar_t> buffer(kMaxChars + 1, L'\0');
    DWORD bytes = static_cast<DWORD>(buffer.size() * sizeof(wchar_t));
    DWORD type = 0;
    // RRF_RT_REG_SZ refuses other types; the 64-bit view is where the x64 MSI writes.
    const LSTATUS status = RegGetValueW(HKEY_LOCAL_MACHINE, kInstallKey, name.c_str(),
                                        RRF_RT_REG_SZ | RRF_SUBKEY_WOW6464KEY, &type, buffer.data(), &bytes);
    if (status != ERROR_SUCCESS) {
        return std::nullopt;
    }
    const std::wstring wide(buffer.data());
    if (wide.empty()) {
        return std::string();
    }
    const int size =
        WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), nullptr, 0, nullptr, nullptr);
    if (size <= 0) {
        return std::nullopt;
    }
    std::string out(static_cast<size_t>(size), '\0');
    WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), out.data(), size, nullptr, nullptr);
    return out;
}

} // namespace netgateway::platform::windows
