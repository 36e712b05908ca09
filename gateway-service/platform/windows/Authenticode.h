#pragma once

// Qt-free Authenticode check of a downloaded MSI before msiexec runs it;
// compiled only on Windows (and type-checked with mingw-w64 on Linux).
#include "../PublisherPins.h"

#include <string>

namespace netgateway::platform::windows {

// True if `path` carries a valid Authenticode signature (WinVerifyTrust,
// WINTRUST_ACTION_GENERIC_VERIFY_V2) that chains to a trusted root, with
// revocation checked for every certificate of the chain, and whose signer
// certificate matches one of `pins` (subject or thumbprint). The upgrade
// manifest's Ed25519 signature and SHA-256 are checked first; this adds the
// publisher's identity as Windows sees it. A revocation server that cannot be
// reached fails the check (the package is not installed, the next check tries
// again): an unverifiable chain is not trusted. On failure, `error` says why
// and what to do; `signer` holds what was read of the signer either way.
bool verifyAuthenticode(const std::wstring &path, const PublisherPins &pins, SignerIdentity &signer,
                        std::string &error);

} // namespace netgateway::platform::windows
