#include "BerCheck.h"

namespace netgateway::snmp {

bool readBerElement(const unsigned char *&p, const unsigned char *end, BerElement &e)
{
    if (end - p < 2) {
        return false;
    }
    e.tag = *p++;
    if ((e.tag & 0x1F) == 0x1F) {
        return false; // multi-byte tags are not used by SNMP
    }
    std::size_t length = *p++;
    if (length & 0x80) {
        const std::size_t bytes = length & 0x7F;
        if (bytes == 0 || bytes > 4 || static_cast<std::size_t>(end - p) < bytes) {
            return false; // indefinite or oversized length
        }
        length = 0;
        for (std::size_t i = 0; i < bytes; ++i) {
            length = (length << 8) | *p++;
        }
    }
    if (length > static_cast<std::size_t>(end - p)) {
        return false;
    }
    e.content = p;
    e.length = length;
    p += length;
    return true;
}

namespace {

constexpr int kMaxDepth = 16;

// Every element of [p, end) and, for constructed ones, their contents.
bool sequenceWellFormed(const unsigned char *p, const unsigned char *end, int depth)
{
    if (depth > kMaxDepth) {
        return false;
    }
    while (p < end) {
        BerElement e;
        if (!readBerElement(p, end, e)) {
            return false;
        }
        if ((e.tag & 0x20) && !sequenceWellFormed(e.content, e.content + e.length, depth + 1)) {
            return false;
        }
    }
    return true;
}

} // namespace

bool berMessageWellFormed(const unsigned char *data, std::size_t size)
{
    const unsigned char *p = data;
    const unsigned char *const end = data + size;
    BerElement message;
    if (!data || !readBerElement(p, end, message) || message.tag != 0x30 ||
        !sequenceWellFormed(message.content, message.content + message.length, 1)) {
        return false;
    }
    // SNMPv3: version 3, msgGlobalData, then msgSecurityParameters, whose
    // OCTET STRING holds BER of its own.
    const unsigned char *q = message.content;
    const unsigned char *const messageEnd = message.content + message.length;
    BerElement version;
    if (!readBerElement(q, messageEnd, version) || version.tag != 0x02 || version.length != 1 ||
        version.content[0] != 3) {
        return true; // v1/v2c: checked above
    }
    BerElement global;
    BerElement security;
    if (!readBerElement(q, messageEnd, global) || !readBerElement(q, messageEnd, security)) {
        return false;
    }
    return security.tag != 0x04 || sequenceWellFormed(security.content, security.content + security.length, 1);
}

} // namespace netgateway::snmp
