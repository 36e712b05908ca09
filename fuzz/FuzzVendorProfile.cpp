// libFuzzer target: profile files are user input; parsing must never crash and
// every accepted profile must be internally valid.
#include <netgateway/snmp/VendorProfile.h>

#include <cstdlib>

using namespace netgateway::snmp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QString error;
    const auto profile =
        VendorProfile::parse(QStringLiteral("fuzz.profile"),
                             QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)), &error);
    if (profile) {
        for (auto it = profile->counters.cbegin(); it != profile->counters.cend(); ++it) {
            if (!VendorProfile::counterNames().contains(it.key()) || it.value().isEmpty()) {
                std::abort();
            }
        }
    } else if (!error.startsWith(QStringLiteral("fuzz.profile:"))) {
        std::abort(); // every rejection names the file and line
    }
    return 0;
}
