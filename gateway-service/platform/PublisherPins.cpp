#include "PublisherPins.h"

#include <algorithm>
#include <sstream>

namespace netgateway::platform {

namespace {

constexpr size_t kMaxPins = 64;
constexpr size_t kMaxLineLength = 1024;

std::string trim(const std::string &s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

bool contains(const std::vector<std::string> &list, const std::string &value)
{
    return !value.empty() && std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

std::string PublisherPins::normalizeThumbprint(const std::string &text, size_t bytes)
{
    std::string out;
    for (const char c : text) {
        if (c == ' ' || c == ':') {
            continue;
        }
        if (c >= '0' && c <= '9') {
            out.push_back(c);
        } else if (c >= 'a' && c <= 'f') {
            out.push_back(c);
        } else if (c >= 'A' && c <= 'F') {
            out.push_back(static_cast<char>(c - 'A' + 'a'));
        } else {
            return {};
        }
    }
    return out.size() == bytes * 2 ? out : std::string();
}

bool PublisherPins::parse(const std::string &text, PublisherPins &pins, std::string &error)
{
    PublisherPins result;
    std::istringstream in(text);
    std::string raw;
    int number = 0;
    while (std::getline(in, raw)) {
        ++number;
        const std::string line = trim(raw);
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const std::string where = "publisher pins, line " + std::to_string(number) + ": ";
        if (line.size() > kMaxLineLength) {
            error = where + "longer than " + std::to_string(kMaxLineLength) + " characters";
            return false;
        }
        const auto space = line.find_first_of(" \t");
        const std::string kind = line.substr(0, space);
        const std::string value = space == std::string::npos ? std::string() : trim(line.substr(space));
        if (value.empty()) {
            error = where + "'" + kind + "' has no value";
            return false;
        }
        if (kind == "subject") {
            result.m_subjects.push_back(value);
        } else if (kind == "sha256" || kind == "sha1") {
            const size_t bytes = kind == "sha256" ? 32 : 20;
            const std::string hex = normalizeThumbprint(value, bytes);
            if (hex.empty()) {
                error = where + "a " + kind + " thumbprint is " + std::to_string(bytes * 2) + " hex digits";
                return false;
            }
            (kind == "sha256" ? result.m_sha256 : result.m_sha1).push_back(hex);
        } else {
            error = where + "expected 'subject', 'sha256' or 'sha1', not '" + kind + "'";
            return false;
        }
        if (result.m_subjects.size() + result.m_sha1.size() + result.m_sha256.size() > kMaxPins) {
            error = where + "more than " + std::to_string(kMaxPins) + " pins";
            return false;
        }
    }
    pins = std::move(result);
    return true;
}

bool PublisherPins::matches(const SignerIdentity &signer) const
{
    // Subjects compare exactly: a looser match (case, whitespace, a common
    // name alone) would let a certificate for a look-alike name through.
    return contains(m_subjects, signer.subject) ||
           contains(m_sha256, normalizeThumbprint(signer.sha256Thumbprint, 32)) ||
           contains(m_sha1, normalizeThumbprint(signer.sha1Thumbprint, 20));
}

std::string PublisherPins::describe() const
{
    if (empty()) {
        return "no pinned publisher (this build accepts no upgrade package)";
    }
    std::string out;
    auto add = [&out](const std::string &kind, const std::vector<std::string> &list) {
        for (const auto &v : list) {
            out += (out.empty() ? "" : ", ") + kind + " " + v;
        }
    };
    add("subject", m_subjects);
    add("sha256", m_sha256);
    add("sha1", m_sha1);
    return out;
}

} // namespace netgateway::platform
