// libFuzzer target: upgrade manifests come from the cloud, which the gateway
// must not trust blindly. The first input byte selects what is fuzzed:
//   even: the whole envelope as received (format, keyId, payload, signature);
//   odd:  the signed payload JSON, signed here with a key the verifier trusts,
//         so the fuzzer reaches the payload checks behind the signature.
// Verification must never crash, every refusal must say why, and an accepted
// manifest must satisfy every rule the upgrade flow relies on.
#include <netgateway/upgrade/Manifest.h>
#include <netgateway/upgrade/ManifestSigner.h>

#include <netgateway/core/Clock.h>

#include <cstdint>
#include <cstdlib>

using namespace netgateway;
using namespace netgateway::upgrade;

namespace {

class FixedClock final : public core::Clock {
public:
    [[nodiscard]] QDateTime nowUtc() const override { return QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC); }
    [[nodiscard]] std::chrono::milliseconds monotonic() const override { return std::chrono::milliseconds(0); }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    static const SigningKey key = SigningKey::generate();
    static const FixedClock clock;
    static const ManifestVerifier verifier({key.trusted()}, clock,
                                           ManifestVerifier::Options{Version{1, 2, 3}, QStringLiteral("linux-amd64"),
                                                                     ManifestVerifier::kDefaultMaxPackageBytes});
    const QByteArray rest(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));
    const QByteArray document = (data[0] & 1) ? signPayload(rest, key) : rest;
    Manifest manifest;
    QString error;
    const auto refusal = verifier.verify(document, manifest, error);
    if (refusal != ManifestVerifier::Refusal::None) {
        if (error.isEmpty() || refusalName(refusal).isEmpty()) {
            std::abort();
        }
        return 0;
    }
    if (!(manifest.version > Version{1, 2, 3}) || manifest.platform != QLatin1String("linux-amd64") ||
        !manifest.packagePath.startsWith(QLatin1Char('/')) || manifest.packagePath.contains(QLatin1String("/../")) ||
        manifest.packageSha256.size() != 32 || manifest.packageSize < 1 ||
        manifest.packageSize > ManifestVerifier::kDefaultMaxPackageBytes || manifest.expiresUtc <= clock.nowUtc() ||
        manifest.keyId != key.keyId) {
        std::abort();
    }
    return 0;
}
