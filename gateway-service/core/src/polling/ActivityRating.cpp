#include <netgateway/core/polling/ActivityRating.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace netgateway::core::polling {

namespace {

double thresholdFor(Priority p, const RatingRules &rules)
{
    switch (p) {
    case Priority::VeryHigh:
        return rules.veryHighMin;
    case Priority::High:
        return rules.highMin;
    case Priority::Middle:
        return rules.middleMin;
    case Priority::Low:
        return 0.0;
    }
    return 0.0;
}

QString number(double v)
{
    return QString::number(v, 'f', 1);
}

} // namespace

int slotsFor(Priority p, int deviceCount, const RatingRules &rules)
{
    const auto share = [deviceCount](double s) {
        return std::max(1, static_cast<int>(std::floor(static_cast<double>(deviceCount) * s)));
    };
    switch (p) {
    case Priority::VeryHigh:
        return share(rules.veryHighShare);
    case Priority::High:
        return share(rules.highShare);
    case Priority::Middle:
    case Priority::Low:
        return deviceCount;
    }
    return deviceCount;
}

std::vector<CategoryAssignment> assignCategories(const std::vector<RatingInput> &devices, const RatingRules &rules)
{
    const int n = static_cast<int>(devices.size());
    std::vector<CategoryAssignment> out(devices.size());
    std::array<int, 4> used{};
    std::array<int, 4> capacity{};
    for (Priority p : kAllPriorities) {
        capacity.at(static_cast<std::size_t>(p)) = slotsFor(p, n, rules);
    }

    // Pinned devices first: they hold their slot whatever their rating.
    std::vector<std::size_t> order;
    order.reserve(devices.size());
    for (std::size_t i = 0; i < devices.size(); ++i) {
        out[i].deviceId = devices[i].deviceId;
        if (devices[i].pinned) {
            const Priority p = *devices[i].pinned;
            ++used.at(static_cast<std::size_t>(p));
            out[i].category = p;
            out[i].reason = CategoryAssignment::Reason::Pinned;
        } else {
            order.push_back(i);
        }
    }
    std::sort(order.begin(), order.end(), [&devices](std::size_t a, std::size_t b) {
        if (devices[a].rating != devices[b].rating) {
            return devices[a].rating > devices[b].rating;
        }
        return devices[a].deviceId < devices[b].deviceId;
    });

    int rank = 0;
    const int rankedCount = static_cast<int>(order.size());
    for (std::size_t i : order) {
        const RatingInput &d = devices[i];
        CategoryAssignment &a = out[i];
        a.rank = ++rank;
        a.rankedCount = rankedCount;
        Priority chosen = Priority::Low;
        for (Priority p : kAllPriorities) {
            const auto idx = static_cast<std::size_t>(p);
            if (d.rating < thresholdFor(p, rules)) {
                continue;
            }
            if (used.at(idx) >= capacity.at(idx)) {
                if (!a.slotsTaken) {
                    a.slotsTaken = p;
                    a.slotsOfTaken = capacity.at(idx);
                }
                continue;
            }
            chosen = p;
            break;
        }
        if (d.newcomer && chosen > Priority::High) {
            chosen = Priority::High;
            a.reason = CategoryAssignment::Reason::Newcomer;
        }
        ++used.at(static_cast<std::size_t>(chosen));
        a.category = chosen;
    }
    return out;
}

QString explain(const CategoryAssignment &a, double rating, const RatingRules &rules)
{
    if (a.reason == CategoryAssignment::Reason::Pinned) {
        return QStringLiteral("pinned to %1 by an administrator (rating %2 is not used)")
            .arg(priorityLabel(a.category), number(rating));
    }
    QString why =
        QStringLiteral("rating %1 ranks %2 of %3 unpinned devices").arg(number(rating)).arg(a.rank).arg(a.rankedCount);
    if (a.slotsTaken) {
        why += QStringLiteral("; qualifies for %1 but its %2 slot(s) are taken by higher-rated or pinned devices")
                   .arg(priorityLabel(*a.slotsTaken))
                   .arg(a.slotsOfTaken);
    }
    if (a.reason == CategoryAssignment::Reason::Newcomer) {
        why += QStringLiteral("; new device, kept at High during its first %1 h")
                   .arg(std::chrono::duration_cast<std::chrono::hours>(rules.newcomerPeriod).count());
    } else if (a.category == Priority::Low) {
        why += QStringLiteral("; below the Middle threshold %1, so Low").arg(number(rules.middleMin));
    } else {
        why += QStringLiteral("; meets the %1 threshold %2")
                   .arg(priorityLabel(a.category), number(thresholdFor(a.category, rules)));
    }
    return why;
}

double halved(double rating, int halvings)
{
    if (halvings <= 0) {
        return rating;
    }
    if (halvings >= 64) {
        return 0.0;
    }
    return std::ldexp(rating, -halvings);
}

double raised(double rating, double delta, const RatingRules &rules)
{
    if (!(delta > 0.0)) {
        return rating;
    }
    return std::min(rules.maxRating, rating + delta);
}

} // namespace netgateway::core::polling
