#pragma once

#include <netgateway/core/polling/PollingPolicy.h>

#include <QString>

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace netgateway::core::polling {

// How device activity turns into a rating and the rating into a category.
//
// The rating rises as soon as something changes on the device (alerts weigh
// far more than printed pages) and falls only when all ratings are halved,
// once every 24 hours, so it rises faster than it falls.
//
// Categories are assigned by rank. Devices are taken in order of falling
// rating (ties: lower device id first) and each gets the highest category
// whose rating threshold it meets and that still has a free slot:
//   Very High: rating >= veryHighMin, at most veryHighShare of all managed
//              devices (at least 1 slot)
//   High:      rating >= highMin, at most highShare of all managed devices
//              (at least 1 slot)
//   Middle:    rating >= middleMin, no slot limit
//   Low:       everything else
// Pinned devices keep their pinned category and occupy a slot of it. A new
// device is at least High during its first newcomerPeriod (it "starts High").
struct RatingRules {
    double newDeviceRating = 16.0;
    double alertRaised = 32.0;
    double alertUpdated = 4.0;
    double alertCleared = 2.0;
    double statusChanged = 2.0;
    double supplyChanged = 1.0;
    double perPage = 0.01;           // pages printed since the previous reading
    double maxPagesPerReading = 8.0; // cap of the page contribution per reading
    double maxRating = 10000.0;

    double veryHighMin = 48.0;
    double highMin = 12.0;
    double middleMin = 3.0;
    double veryHighShare = 0.10;
    double highShare = 0.30;

    std::chrono::hours halvingPeriod{24};
    std::chrono::hours newcomerPeriod{24};
};

struct RatingInput {
    std::int64_t deviceId = 0;
    double rating = 0.0;
    std::optional<Priority> pinned;
    bool newcomer = false;
};

struct CategoryAssignment {
    enum class Reason { Pinned, Ranked, Newcomer };
    std::int64_t deviceId = 0;
    Priority category = Priority::Low;
    Reason reason = Reason::Ranked;
    int rank = 0;        // 1-based among unpinned devices
    int rankedCount = 0; // number of unpinned devices
    // The highest category whose threshold the rating met but whose slots
    // were all taken, if that is why the device got a lower one.
    std::optional<Priority> slotsTaken;
    int slotsOfTaken = 0;
};

// Human-readable reason for an assignment ("why").
QString explain(const CategoryAssignment &a, double rating, const RatingRules &rules);

// Slot counts per category for `deviceCount` managed devices (Middle and Low
// are unlimited and reported as deviceCount).
int slotsFor(Priority p, int deviceCount, const RatingRules &rules);

// Assigns a category to every input, in the input's order.
std::vector<CategoryAssignment> assignCategories(const std::vector<RatingInput> &devices, const RatingRules &rules);

// The rating after `halvings` 24-hour periods.
double halved(double rating, int halvings);

// Adds `delta` (>= 0) and clamps to the rules' maximum.
double raised(double rating, double delta, const RatingRules &rules);

} // namespace netgateway::core::polling
