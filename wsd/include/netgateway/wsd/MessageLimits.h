#pragma once

#include <QString>

#include <chrono>
#include <cstddef>

namespace netgateway::wsd {

// Bounds applied to every SOAP message the gateway receives over
// WS-Discovery and metadata exchange, so a hostile or broken device cannot
// exhaust memory or stack (the "Devil's Ivy" class of bugs).
struct MessageLimits {
    std::size_t maxMessageBytes = 64 * 1024;
    int maxElementDepth = 32;
    std::chrono::milliseconds receiveTimeout{3000};
    std::chrono::milliseconds sendTimeout{3000};
    // Longest string (an address list, a scope list) taken from a message.
    long maxStringLength = 8192;
    // Most repetitions of one element (ProbeMatch entries, list items).
    std::size_t maxRepeats = 256;
    // Most datagrams handled, and endpoints kept, in one discovery window:
    // a flood cannot hold the gateway's CPU or memory.
    int maxDatagramsPerWindow = 4096;
    int maxEndpoints = 4096;

    // Returns an empty string when the limits are usable, otherwise why not.
    [[nodiscard]] QString validate() const;
};

// WS-Discovery's well-known multicast endpoints.
inline constexpr char kMulticastIPv4[] = "239.255.255.250";
inline constexpr char kMulticastIPv6[] = "FF02::C";
inline constexpr int kDiscoveryPort = 3702;

} // namespace netgateway::wsd
