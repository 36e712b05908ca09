#pragma once

// Plain C++ (no Qt, no Windows headers): the pinned publishers of Windows
// upgrade packages. The Authenticode check on Windows uses it, and it is
// unit-tested on Linux.
#include <string>
#include <vector>

namespace netgateway::platform {

// Who signed a package, as read from its Authenticode signer certificate.
struct SignerIdentity {
    std::string subject;          // X.500 subject, e.g. "CN=Example Ltd, O=Example Ltd, C=DE"
    std::string sha1Thumbprint;   // hex, any case
    std::string sha256Thumbprint; // hex, any case
};

// The publishers an upgrade package may be signed by. A valid Authenticode
// chain alone only says that some CA vouches for the signer; the pin says it
// is our release certificate. Text format, one pin a line:
//   subject <exact X.500 subject of the signer certificate>
//   sha256 <certificate thumbprint, hex; spaces and colons ignored>
//   sha1 <certificate thumbprint, hex>
// '#' starts a comment line. A signer matches if any pin matches.
class PublisherPins {
public:
    // Returns false and a message naming the line on malformed input.
    static bool parse(const std::string &text, PublisherPins &pins, std::string &error);

    [[nodiscard]] bool empty() const { return m_subjects.empty() && m_sha1.empty() && m_sha256.empty(); }
    [[nodiscard]] bool matches(const SignerIdentity &signer) const;
    // For messages: what the pins accept.
    [[nodiscard]] std::string describe() const;

    // Lower-case hex without separators, or empty if `text` is not hex of
    // `bytes` bytes.
    static std::string normalizeThumbprint(const std::string &text, size_t bytes);

private:
    std::vector<std::string> m_subjects;
    std::vector<std::string> m_sha1;
    std::vector<std::string> m_sha256;
};

} // namespace netgateway::platform
