#pragma once

#include <QString>

#include <array>
#include <chrono>
#include <optional>

namespace netgateway::core::polling {

// Priority categories, highest first. The order matters: it is the order in
// which slots are filled and the row order of the interval tables.
enum class Priority { VeryHigh = 0, High = 1, Middle = 2, Low = 3 };
inline constexpr std::array<Priority, 4> kAllPriorities{Priority::VeryHigh, Priority::High, Priority::Middle,
                                                        Priority::Low};

// "adaptive" (default): intervals depend on the number of managed devices
// (the tier) and the category. "fixed": intervals depend on the category only.
enum class PolicyKind { Adaptive, Fixed };

QString priorityName(Priority p);  // "very_high", "high", "middle", "low"
QString priorityLabel(Priority p); // "Very High", "High", "Middle", "Low"
std::optional<Priority> priorityFromName(const QString &name);
QString policyName(PolicyKind k); // "adaptive", "fixed"
std::optional<PolicyKind> policyFromName(const QString &name);

// Tier index for the alert table: 0 = 2000-1001 (and above 2000), 1 = 1000-301,
// 2 = 300-101, 3 = 100-26, 4 = 25-1 (and 0 devices).
int alertTier(int deviceCount);
// Tier index for the counter/consumables table: 0 = 2000-1001 (and above),
// 1 = 1000-601, 2 = 600-201, 3 = 200-101, 4 = 100 and below.
int counterTier(int deviceCount);
// Human-readable device-count range of a tier, e.g. "1000-301".
QString alertTierLabel(int tier);
QString counterTierLabel(int tier);

// The alert/status polling interval for a device of category `p` when the
// gateway manages `deviceCount` devices.
std::chrono::seconds alertInterval(PolicyKind policy, int deviceCount, Priority p);
// The counter/consumables polling interval.
std::chrono::seconds counterInterval(PolicyKind policy, int deviceCount, Priority p);

} // namespace netgateway::core::polling
