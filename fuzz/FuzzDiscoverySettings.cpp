// libFuzzer target: discovery settings arrive as JSON from the console and the
// control socket (an import of many settings at once), and their target lists
// are free text typed by administrators. Parsing and validation must never
// crash, must explain every refusal, and what they accept must stay within the
// documented limits.
#include <netgateway/core/discovery/DiscoverySettings.h>
#include <netgateway/core/discovery/Targets.h>

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

using namespace netgateway::core::discovery;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QJsonDocument doc = QJsonDocument::fromJson(input);
    if (doc.isObject()) {
        QString error;
        const auto settings = fromJson(doc.object(), error);
        if (!settings) {
            if (error.isEmpty()) {
                std::abort();
            }
            return 0;
        }
        ValidatedTargets targets;
        const QString problem = validate(*settings, &targets);
        if (problem.isEmpty() && targets.targets.size() != settings->targets.size()) {
            std::abort();
        }
        // Round trip: what toJson() writes must read back the same.
        QString again;
        const auto copy = fromJson(toJson(*settings), again);
        if (!copy || copy->targets != settings->targets || copy->exclusions != settings->exclusions ||
            copy->schedule.toText() != settings->schedule.toText()) {
            std::abort();
        }
        return 0;
    }
    // Otherwise: one target entry per line, as typed into the console.
    for (const QByteArray &line : input.split('\n')) {
        QString error;
        const auto spec = TargetSpec::parse(QString::fromUtf8(line), error);
        if (!spec) {
            if (error.isEmpty()) {
                std::abort();
            }
            continue;
        }
        // The canonical form is stable: parsing it again gives the same entry.
        QString again;
        const auto reparsed = TargetSpec::parse(spec->text, again);
        if (!reparsed || reparsed->text != spec->text || reparsed->kind != spec->kind) {
            std::abort();
        }
        if (spec->isAddressBlock() && !(spec->first.value <= spec->last.value)) {
            std::abort();
        }
    }
    return 0;
}
