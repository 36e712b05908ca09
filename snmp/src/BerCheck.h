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

} // namespace netgateway::snmp
