#pragma once

#include <cstddef>

namespace netgateway::snmp {

// True when an SNMP message's BER structure is sound: definite lengths only,
// every element inside its parent, constructed elements (SEQUENCE, PDUs)
// checked down to their contents, and for SNMPv3 the security parameters
// (BER inside an OCTET STRING) too. Bytes after the message are allowed.
// Net-SNMP 5.9's decoder trusts some inner lengths (e.g. of the USM
// parameters) beyond the end of the datagram; nothing reaches it unchecked.
bool berMessageWellFormed(const unsigned char *data, std::size_t size);

struct BerElement {
    unsigned char tag = 0;
    const unsigned char *content = nullptr;
    std::size_t length = 0;
};
// Reads the element at p and moves p past it; false when its header or
// content would pass end (or its length is indefinite, or its tag multi-byte).
bool readBerElement(const unsigned char *&p, const unsigned char *end, BerElement &e);

} // namespace netgateway::snmp
