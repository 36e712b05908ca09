#pragma once

// Qt-free Authenticode check of a downloaded MSI before msiexec runs it;
// compiled only on Windows (and type-checked with mingw-w64 on Linux).
#include <string>

namespace netgateway::platform::windows {

// True if `path` carries a valid Authenticode signature that chains to a
// trusted root and whose signer's display name is exactly `expectedPublisher`.
// The upgrade manifest's SHA-256 is checked first; this adds the publisher's
// identity. Revocation is not checked online: the gateway reaches only its
// cloud origin. On failure, `error` says why.
bool verifyAuthenticode(const std::wstring &path, const std::wstring &expectedPublisher, std::string &error);

} // namespace netgateway::platform::windows
