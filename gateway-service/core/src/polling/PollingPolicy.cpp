#include <netgateway/core/polling/PollingPolicy.h>

namespace netgateway::core::polling {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr int kTiers = 5;

// Alert intervals in minutes: rows Very High/High/Middle/Low, columns the
// tiers 2000-1001 / 1000-301 / 300-101 / 100-26 / 25-1.
constexpr std::array<std::array<int, kTiers>, 4> kAdaptiveAlertMinutes{{
    {120, 60, 15, 5, 1},
    {150, 75, 30, 10, 2},
    {180, 90, 45, 15, 3},
    {210, 105, 60, 20, 4},
}};

// Counter/consumables intervals in minutes: columns 2000-1001 / 1000-601 /
// 600-201 / 200-101 / 100 and below (24h/12h/6h/2h/60min for Very High ...).
constexpr std::array<std::array<int, kTiers>, 4> kAdaptiveCounterMinutes{{
    {24 * 60, 12 * 60, 6 * 60, 2 * 60, 60},
    {30 * 60, 15 * 60, 450, 150, 75},
    {36 * 60, 18 * 60, 9 * 60, 3 * 60, 90},
    {42 * 60, 21 * 60, 630, 210, 105},
}};

constexpr std::array<int, 4> kFixedAlertMinutes{5, 10, 15, 20};
constexpr std::array<int, 4> kFixedCounterMinutes{60, 75, 90, 105};

std::size_t row(Priority p)
{
    return static_cast<std::size_t>(p);
}

} // namespace

QString priorityName(Priority p)
{
    switch (p) {
    case Priority::VeryHigh:
        return QStringLiteral("very_high");
    case Priority::High:
        return QStringLiteral("high");
    case Priority::Middle:
        return QStringLiteral("middle");
    case Priority::Low:
        return QStringLiteral("low");
    }
    return QStringLiteral("low");
}

QString priorityLabel(Priority p)
{
    switch (p) {
    case Priority::VeryHigh:
        return QStringLiteral("Very High");
    case Priority::High:
        return QStringLiteral("High");
    case Priority::Middle:
        return QStringLiteral("Middle");
    case Priority::Low:
        return QStringLiteral("Low");
    }
    return QStringLiteral("Low");
}

std::optional<Priority> priorityFromName(const QString &name)
{
    for (Priority p : kAllPriorities) {
        if (name == priorityName(p)) {
            return p;
        }
    }
    return std::nullopt;
}

QString policyName(PolicyKind k)
{
    return k == PolicyKind::Fixed ? QStringLiteral("fixed") : QStringLiteral("adaptive");
}

std::optional<PolicyKind> policyFromName(const QString &name)
{
    if (name == QLatin1String("adaptive")) {
        return PolicyKind::Adaptive;
    }
    if (name == QLatin1String("fixed")) {
        return PolicyKind::Fixed;
    }
    return std::nullopt;
}

int alertTier(int deviceCount)
{
    if (deviceCount > 1000) {
        return 0;
    }
    if (deviceCount > 300) {
        return 1;
    }
    if (deviceCount > 100) {
        return 2;
    }
    if (deviceCount > 25) {
        return 3;
    }
    return 4;
}

int counterTier(int deviceCount)
{
    if (deviceCount > 1000) {
        return 0;
    }
    if (deviceCount > 600) {
        return 1;
    }
    if (deviceCount > 200) {
        return 2;
    }
    if (deviceCount > 100) {
        return 3;
    }
    return 4;
}

QString alertTierLabel(int tier)
{
    static const std::array<const char *, kTiers> labels{"2000-1001", "1000-301", "300-101", "100-26", "25-1"};
    return QString::fromLatin1(labels.at(static_cast<std::size_t>(tier)));
}

QString counterTierLabel(int tier)
{
    static const std::array<const char *, kTiers> labels{"2000-1001", "1000-601", "600-201", "200-101", "100-1"};
    return QString::fromLatin1(labels.at(static_cast<std::size_t>(tier)));
}

seconds alertInterval(PolicyKind policy, int deviceCount, Priority p)
{
    if (policy == PolicyKind::Fixed) {
        return minutes(kFixedAlertMinutes.at(row(p)));
    }
    return minutes(kAdaptiveAlertMinutes.at(row(p)).at(static_cast<std::size_t>(alertTier(deviceCount))));
}

seconds counterInterval(PolicyKind policy, int deviceCount, Priority p)
{
    if (policy == PolicyKind::Fixed) {
        return minutes(kFixedCounterMinutes.at(row(p)));
    }
    return minutes(kAdaptiveCounterMinutes.at(row(p)).at(static_cast<std::size_t>(counterTier(deviceCount))));
}

} // namespace netgateway::core::polling
