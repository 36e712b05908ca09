#pragma once

// SNMP v1/v2c/v3 request processing for one simulated device: bytes in, bytes out.

#include "Ber.h"
#include "Fleet.h"

#include <string>
#include <string_view>

namespace fleetsim {

class Agent {
public:
    explicit Agent(Fleet &fleet) : m_fleet(fleet) {}

    // Handles one datagram addressed to `device` (whose mutex the caller holds).
    // Returns true and fills `response` when something must be sent back.
    bool handle(Device &device, std::string_view request, std::string &response);

    // Largest response the simulator sends.
    static constexpr std::size_t kMaxDatagram = 65507;

private:
    bool handleCommunity(Device &d, int version, BerReader &msg, std::string &response);
    bool handleV3(Device &d, std::string_view request, BerReader &msg, std::string &response);
    // Fills `out` with the response PDU for `in`; returns false when the request is not answered.
    bool process(Device &d, int version, bool canWrite, const Pdu &in, Pdu &out, std::size_t budget);

    Fleet &m_fleet;
    BerWriter m_w;
};

} // namespace fleetsim
