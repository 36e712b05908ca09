// libFuzzer target: the metadata (WS-Transfer GetResponse) a device returns
// over HTTP is device-controlled XML; the parser must bound it and refuse DTDs.
#include <netgateway/wsd/WsdMetadata.h>

#include <cstdint>
#include <cstdlib>

using namespace netgateway::wsd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const MessageLimits limits;
    const QByteArray xml(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QString error;
    const auto metadata = parseMetadata(xml, limits, error);
    if (!metadata) {
        if (error.isEmpty()) {
            std::abort();
        }
        return 0;
    }
    if (static_cast<std::size_t>(size) > limits.maxMessageBytes) {
        std::abort(); // oversized documents are refused before parsing
    }
    for (const QString *field :
         {&metadata->manufacturer, &metadata->modelName, &metadata->modelNumber, &metadata->serialNumber,
          &metadata->friendlyName, &metadata->firmwareVersion, &metadata->presentationUrl}) {
        if (field->size() > limits.maxStringLength) {
            std::abort();
        }
    }
    return 0;
}
