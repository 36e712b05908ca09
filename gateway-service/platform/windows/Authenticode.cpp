#include "Authenticode.h"

#include <windows.h>

#include <softpub.h>
#include <wincrypt.h>
#include <wintrust.h>

#include <cstdio>
#include <vector>

namespace netgateway::platform::windows {

namespace {

std::string narrow(const std::wstring &wide)
{
    if (wide.empty()) {
        return {};
    }
    const int size =
        WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<size_t>(size > 0 ? size : 0), '\0');
    if (size > 0) {
        WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), out.data(), size, nullptr, nullptr);
    }
    return out;
}

std::wstring signerName(HANDLE stateData)
{
    CRYPT_PROVIDER_DATA *provider = WTHelperProvDataFromStateData(stateData);
    if (!provider) {
        return {};
    }
    CRYPT_PROVIDER_SGNR *signer = WTHelperGetProvSignerFromChain(provider, 0, FALSE, 0);
    if (!signer || signer->csCertChain == 0 || !signer->pasCertChain || !signer->pasCertChain[0].pCert) {
        return {};
    }
    PCCERT_CONTEXT cert = signer->pasCertChain[0].pCert;
    const DWORD length = CertGetNameStringW(cert, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, nullptr, nullptr, 0);
    if (length <= 1) {
        return {};
    }
    std::vector<wchar_t> name(length, L'\0');
    CertGetNameStringW(cert, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, nullptr, name.data(), length);
    return std::wstring(name.data());
}

} // namespace

bool verifyAuthenticode(const std::wstring &path, const std::wstring &expectedPublisher, std::string &error)
{
    WINTRUST_FILE_INFO file{};
    file.cbStruct = sizeof(file);
    file.pcwszFilePath = path.c_str();

    WINTRUST_DATA data{};
    data.cbStruct = sizeof(data);
    data.dwUIChoice = WTD_UI_NONE;
    data.fdwRevocationChecks = WTD_REVOKE_NONE;
    data.dwUnionChoice = WTD_CHOICE_FILE;
    data.pFile = &file;
    data.dwStateAction = WTD_STATEACTION_VERIFY;
    data.dwProvFlags = WTD_CACHE_ONLY_URL_RETRIEVAL;

    GUID action = WINTRUST_ACTION_GENERIC_VERIFY_V2;
    const LONG status = WinVerifyTrust(static_cast<HWND>(INVALID_HANDLE_VALUE), &action, &data);
    bool ok = false;
    if (status != ERROR_SUCCESS) {
        char code[16];
        std::snprintf(code, sizeof(code), "0x%08lX", static_cast<unsigned long>(status));
        error = "the upgrade package " + narrow(path) + " has no valid Authenticode signature (WinVerifyTrust " + code +
                "); it was not installed";
    } else {
        const std::wstring signer = signerName(data.hWVTStateData);
        if (signer != expectedPublisher) {
            error = "the upgrade package is signed by '" + narrow(signer) + "', not by '" + narrow(expectedPublisher) +
                    "'; it was not installed";
        } else {
            ok = true;
        }
    }
    data.dwStateAction = WTD_STATEACTION_CLOSE;
    WinVerifyTrust(static_cast<HWND>(INVALID_HANDLE_VALUE), &action, &data);
    return ok;
}

} // namespace netgateway::platform::windows
