#include "KeyProtector.h"

#include <windows.h>

#include <dpapi.h>

namespace netgateway::storage::platform {

namespace {

// Ties the protected blob to this product so other DPAPI users on the
// machine cannot be tricked into unwrapping it for us by accident.
const wchar_t kDescription[] = L"netgateway data key";
const char kEntropy[] = "netgateway/vault/v1";

std::string lastErrorText(const char *what)
{
    return std::string(what) + " failed with Windows error " + std::to_string(GetLastError());
}

bool transform(bool protect, const std::vector<unsigned char> &in, std::vector<unsigned char> &out, std::string &error)
{
    DATA_BLOB input{static_cast<DWORD>(in.size()), const_cast<BYTE *>(in.data())};
    DATA_BLOB entropy{static_cast<DWORD>(sizeof(kEntropy) - 1), reinterpret_cast<BYTE *>(const_cast<char *>(kEntropy))};
    DATA_BLOB output{0, nullptr};
    const DWORD flags = CRYPTPROTECT_UI_FORBIDDEN | CRYPTPROTECT_LOCAL_MACHINE;
    const BOOL ok = protect ? CryptProtectData(&input, kDescription, &entropy, nullptr, nullptr, flags, &output)
                            : CryptUnprotectData(&input, nullptr, &entropy, nullptr, nullptr, flags, &output);
    if (!ok) {
        error = lastErrorText(protect ? "CryptProtectData" : "CryptUnprotectData");
        return false;
    }
    out.assign(output.pbData, output.pbData + output.cbData);
    SecureZeroMemory(output.pbData, output.cbData);
    LocalFree(output.pbData);
    return true;
}

} // namespace

bool protectKeyMaterial(const std::vector<unsigned char> &plain, std::vector<unsigned char> &wrapped,
                        std::string &error)
{
    return transform(true, plain, wrapped, error);
}

bool unprotectKeyMaterial(const std::vector<unsigned char> &wrapped, std::vector<unsigned char> &plain,
                          std::string &error)
{
    return transform(false, wrapped, plain, error);
}

} // namespace netgateway::storage::platform
