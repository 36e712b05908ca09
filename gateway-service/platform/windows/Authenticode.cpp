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

std::string hex(const std::vector<BYTE> &bytes)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (const BYTE b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0f]);
    }
    return out;
}

std::string thumbprint(PCCERT_CONTEXT cert, DWORD property)
{
    DWORD size = 0;
    if (!CertGetCertificateContextProperty(cert, property, nullptr, &size) || size == 0 || size > 64) {
        return {};
    }
    std::vector<BYTE> hash(size);
    if (!CertGetCertificateContextProperty(cert, property, hash.data(), &size)) {
        return {};
    }
    hash.resize(size);
    return hex(hash);
}

// The subject as "CN=..., O=..., C=..." (the order Windows' certificate
// dialogs and PowerShell show), so a pin can be copied from there.
std::string subjectOf(PCCERT_CONTEXT cert)
{
    const DWORD flags = CERT_X500_NAME_STR | CERT_NAME_STR_REVERSE_FLAG;
    const DWORD length = CertNameToStrW(X509_ASN_ENCODING, &cert->pCertInfo->Subject, flags, nullptr, 0);
    if (length <= 1 || length > 4096) {
        return {};
    }
    std::vector<wchar_t> name(length, L'\0');
    CertNameToStrW(X509_ASN_ENCODING, &cert->pCertInfo->Subject, flags, name.data(), length);
    return narrow(std::wstring(name.data()));
}

bool readSigner(HANDLE stateData, SignerIdentity &signer)
{
    CRYPT_PROVIDER_DATA *provider = WTHelperProvDataFromStateData(stateData);
    if (!provider) {
        return false;
    }
    CRYPT_PROVIDER_SGNR *sgnr = WTHelperGetProvSignerFromChain(provider, 0, FALSE, 0);
    if (!sgnr || sgnr->csCertChain == 0 || !sgnr->pasCertChain || !sgnr->pasCertChain[0].pCert) {
        return false;
    }
    PCCERT_CONTEXT cert = sgnr->pasCertChain[0].pCert;
    signer.subject = subjectOf(cert);
    signer.sha1Thumbprint = thumbprint(cert, CERT_SHA1_HASH_PROP_ID);
    signer.sha256Thumbprint = thumbprint(cert, CERT_SHA256_HASH_PROP_ID);
    return true;
}

// WinVerifyTrust's HRESULTs (winerror.h), as plain numbers: the header's
// macros cast in C style.
constexpr unsigned long kNoSignature = 0x800B0100UL;       // TRUST_E_NOSIGNATURE
constexpr unsigned long kBadDigest = 0x80096010UL;         // TRUST_E_BAD_DIGEST
constexpr unsigned long kRevoked = 0x800B010CUL;           // CERT_E_REVOKED
constexpr unsigned long kRevocationOffline = 0x80092013UL; // CRYPT_E_REVOCATION_OFFLINE
constexpr unsigned long kRevocationFailure = 0x800B010EUL; // CERT_E_REVOCATION_FAILURE
constexpr unsigned long kExpired = 0x800B0101UL;           // CERT_E_EXPIRED
constexpr unsigned long kUntrustedRoot = 0x800B0109UL;     // CERT_E_UNTRUSTEDROOT
constexpr unsigned long kChaining = 0x800B010AUL;          // CERT_E_CHAINING
constexpr unsigned long kExplicitDistrust = 0x800B0111UL;  // TRUST_E_EXPLICIT_DISTRUST

std::string trustError(LONG status)
{
    const auto value = static_cast<unsigned long>(status);
    char code[16];
    std::snprintf(code, sizeof(code), "0x%08lX", value);
    const std::string suffix = std::string(" (") + code + ")";
    switch (value) {
    case kNoSignature:
        return "it is not signed" + suffix;
    case kBadDigest:
        return "its contents do not match its signature" + suffix;
    case kRevoked:
        return "a certificate of its signature was revoked" + suffix;
    case kRevocationOffline:
    case kRevocationFailure:
        return "the revocation of its certificates could not be checked; allow the gateway to reach the "
               "certificate authority's revocation servers (CRL/OCSP) and the next check tries again" +
               suffix;
    case kExpired:
        return "a certificate of its signature has expired" + suffix;
    case kUntrustedRoot:
    case kChaining:
        return "its signature does not chain to a trusted root" + suffix;
    case kExplicitDistrust:
        return "its certificate is explicitly distrusted on this computer" + suffix;
    default:
        return "WinVerifyTrust refused it" + suffix;
    }
}

} // namespace

bool verifyAuthenticode(const std::wstring &path, const PublisherPins &pins, SignerIdentity &signer, std::string &error)
{
    signer = SignerIdentity{};
    if (pins.empty()) {
        error = "this build pins no publisher for upgrade packages, so none is installed; install the release "
                "manually";
        return false;
    }
    WINTRUST_FILE_INFO file{};
    file.cbStruct = sizeof(file);
    file.pcwszFilePath = path.c_str();

    WINTRUST_DATA data{};
    data.cbStruct = sizeof(data);
    data.dwUIChoice = WTD_UI_NONE;
    // Every certificate of the chain, not only the signer's.
    data.fdwRevocationChecks = WTD_REVOKE_WHOLECHAIN;
    data.dwUnionChoice = WTD_CHOICE_FILE;
    data.pFile = &file;
    data.dwStateAction = WTD_STATEACTION_VERIFY;
    data.dwProvFlags = WTD_REVOCATION_CHECK_CHAIN;

    GUID action = WINTRUST_ACTION_GENERIC_VERIFY_V2;
    const LONG status = WinVerifyTrust(static_cast<HWND>(INVALID_HANDLE_VALUE), &action, &data);
    bool ok = false;
    const bool haveSigner = data.hWVTStateData != nullptr && readSigner(data.hWVTStateData, signer);
    if (status != ERROR_SUCCESS) {
        error = "the upgrade package " + narrow(path) + " was not installed: " + trustError(status);
    } else if (!haveSigner) {
        error = "the upgrade package " + narrow(path) + " was not installed: its signer certificate cannot be read";
    } else if (!pins.matches(signer)) {
        error = "the upgrade package was not installed: it is signed by '" + signer.subject + "' (sha256 " +
                signer.sha256Thumbprint + "), which is not a pinned publisher (" + pins.describe() + ")";
    } else {
        ok = true;
    }
    data.dwStateAction = WTD_STATEACTION_CLOSE;
    WinVerifyTrust(static_cast<HWND>(INVALID_HANDLE_VALUE), &action, &data);
    return ok;
}

} // namespace netgateway::platform::windows
