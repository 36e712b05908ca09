// libFuzzer target: device values -> printer model. Whatever a device sends,
// mapping must not crash, hang or read out of bounds, and its invariants hold.
#include "FuzzInput.h"

#include <netgateway/snmp/PrinterModel.h>
#include <netgateway/snmp/VendorProfile.h>

#include <QJsonDocument>

#include <cstdlib>

using namespace netgateway::snmp;

namespace {

const VendorProfile &profile(int which)
{
    static const VendorProfile kyocera = *VendorProfile::parse(
        QStringLiteral("kyocera.profile"),
        "manufacturer = Kyocera\nenterprise = 1347\n[identity]\nserialNumber = 1.3.6.1.4.1.1347.43.5.1.1.28.1\n"
        "[counters]\ntotal = 1.3.6.1.4.1.1347.43.10.1.1.12.1.1\nprintMono = 1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1\n",
        nullptr);
    static const VendorProfile generic =
        *VendorProfile::parse(QStringLiteral("generic.profile"), "manufacturer = Generic\nenterprise = 0\n", nullptr);
    return which == 1 ? kyocera : generic;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    int which = 0;
    const ValueMap values = fuzzinput::decode(data, size, which);
    const PrinterModel model = mapPrinter(values, which == 2 ? nullptr : &profile(which));
    for (const Supply &s : model.supplies) {
        if (s.percent && (*s.percent < 0 || *s.percent > 100)) {
            std::abort(); // percent must stay within 0..100
        }
    }
    if (model.sysDescr.size() > 1024 || model.errorStates.size() > errorStateNames().size()) {
        std::abort();
    }
    const QByteArray json = QJsonDocument(toJson(model)).toJson(QJsonDocument::Compact);
    if (json.isEmpty()) {
        std::abort();
    }
    (void)diffAlerts(model.alerts, {});
    return 0;
}
