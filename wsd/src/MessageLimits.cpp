#include <netgateway/wsd/MessageLimits.h>

namespace netgateway::wsd {

QString MessageLimits::validate() const
{
    if (maxMessageBytes < 1024 || maxMessageBytes > 4 * 1024 * 1024) {
        return QStringLiteral("the SOAP message size limit must be between 1 KiB and 4 MiB");
    }
    if (maxElementDepth < 8 || maxElementDepth > 256) {
        return QStringLiteral("the XML depth limit must be between 8 and 256");
    }
    if (receiveTimeout.count() <= 0 || sendTimeout.count() <= 0) {
        return QStringLiteral("SOAP timeouts must be positive");
    }
    if (maxStringLength < 256 || maxStringLength > 1024 * 1024) {
        return QStringLiteral("the SOAP string length limit must be between 256 bytes and 1 MiB");
    }
    if (maxRepeats < 1 || maxRepeats > 65536) {
        return QStringLiteral("the repeated-element limit must be between 1 and 65536");
    }
    if (maxDatagramsPerWindow < 1 || maxEndpoints < 1) {
        return QStringLiteral("the datagram and endpoint limits must be positive");
    }
    return {};
}

} // namespace netgateway::wsd
