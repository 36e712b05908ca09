// libFuzzer target: every WS-Discovery datagram on UDP 3702 comes from anyone
// on the LAN. Parsing must never crash, must stay within MessageLimits and
// must explain every refusal.
#include <netgateway/wsd/WsdCodec.h>

#include <cstdint>
#include <cstdlib>

using namespace netgateway::wsd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const WsdCodec codec;
    const QByteArray datagram(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QString error;
    const auto message = codec.parse(datagram, error);
    if (!message) {
        if (error.isEmpty()) {
            std::abort(); // a refusal always says why
        }
        return 0;
    }
    const MessageLimits &limits = codec.limits();
    if (static_cast<std::size_t>(message->endpoints.size()) > limits.maxRepeats) {
        std::abort();
    }
    for (const WsdEndpoint &e : message->endpoints) {
        if (e.endpointReference.size() > limits.maxStringLength ||
            static_cast<std::size_t>(e.xaddrs.size()) > limits.maxRepeats ||
            static_cast<std::size_t>(e.types.size()) > limits.maxRepeats) {
            std::abort();
        }
    }
    return 0;
}
