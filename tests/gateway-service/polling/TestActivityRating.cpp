#include <netgateway/core/polling/ActivityRating.h>

#include <QTest>

using namespace netgateway::core::polling;

namespace {

std::vector<RatingInput> ratings(const std::vector<double> &values)
{
    std::vector<RatingInput> out;
    std::int64_t id = 1;
    for (double v : values) {
        out.push_back(RatingInput{id++, v, std::nullopt, false});
    }
    return out;
}

int countOf(const std::vector<CategoryAssignment> &a, Priority p)
{
    return static_cast<int>(std::count_if(a.begin(), a.end(), [p](const auto &x) { return x.category == p; }));
}

} // namespace

class TestActivityRating : public QObject {
    Q_OBJECT
private slots:
    void slotSizes()
    {
        const RatingRules rules;
        QCOMPARE(slotsFor(Priority::VeryHigh, 100, rules), 10);
        QCOMPARE(slotsFor(Priority::High, 100, rules), 30);
        QCOMPARE(slotsFor(Priority::VeryHigh, 5, rules), 1); // at least one
        QCOMPARE(slotsFor(Priority::High, 2, rules), 1);
        QCOMPARE(slotsFor(Priority::Middle, 100, rules), 100);
        QCOMPARE(slotsFor(Priority::Low, 100, rules), 100);
    }

    void thresholdsDecideWhenSlotsAreFree()
    {
        const RatingRules rules;
        const auto a = assignCategories(ratings({100, 20, 5, 1}), rules);
        QCOMPARE(a[0].category, Priority::VeryHigh);
        QCOMPARE(a[1].category, Priority::High);
        QCOMPARE(a[2].category, Priority::Middle);
        QCOMPARE(a[3].category, Priority::Low);
        const QString why = explain(a[3], 1, rules);
        QVERIFY2(why.contains(QStringLiteral("below the Middle threshold")), qPrintable(why));
    }

    void highSlotsAreFilledFirstAndOverflowDown()
    {
        const RatingRules rules;
        // 20 devices all rated 100: 2 Very High slots, 6 High slots, rest Middle.
        std::vector<double> values(20, 100.0);
        const auto a = assignCategories(ratings(values), rules);
        QCOMPARE(countOf(a, Priority::VeryHigh), 2);
        QCOMPARE(countOf(a, Priority::High), 6);
        QCOMPARE(countOf(a, Priority::Middle), 12);
        // Ties go to the lower device id.
        QCOMPARE(a[0].category, Priority::VeryHigh);
        QCOMPARE(a[1].category, Priority::VeryHigh);
        QCOMPARE(a[2].category, Priority::High);
        QCOMPARE(a[19].slotsTaken, std::optional<Priority>(Priority::VeryHigh));
        const QString why = explain(a[19], 100, rules);
        QVERIFY2(why.contains(QStringLiteral("Very High but its 2 slot(s) are taken")), qPrintable(why));
    }

    void higherRatingWinsTheSlot()
    {
        const RatingRules rules;
        std::vector<double> values(10, 60.0);
        values[7] = 61.0;
        const auto a = assignCategories(ratings(values), rules);
        QCOMPARE(a[7].category, Priority::VeryHigh);
        QCOMPARE(a[0].category, Priority::High);
        QCOMPARE(countOf(a, Priority::VeryHigh), 1);
    }

    void pinnedDevicesStayAndHoldTheirSlot()
    {
        const RatingRules rules;
        auto in = ratings({100, 100, 100, 100, 100, 100, 100, 100, 100, 0.1});
        in[9].pinned = Priority::VeryHigh; // the only Very High slot of 10 devices
        in[0].pinned = Priority::Low;      // highest rating, pinned down
        const auto a = assignCategories(in, rules);
        QCOMPARE(a[9].category, Priority::VeryHigh);
        QCOMPARE(a[0].category, Priority::Low);
        QCOMPARE(countOf(a, Priority::VeryHigh), 1);
        QVERIFY(explain(a[9], 0.1, rules).contains(QStringLiteral("pinned")));
    }

    void newDevicesStartHigh()
    {
        const RatingRules rules;
        std::vector<RatingInput> in;
        for (std::int64_t id = 1; id <= 50; ++id) {
            in.push_back(RatingInput{id, rules.newDeviceRating, std::nullopt, true});
        }
        const auto a = assignCategories(in, rules);
        QCOMPARE(countOf(a, Priority::High), 50); // more than the 15 High slots: newcomers are kept High
        in[0].rating = 1000;
        QCOMPARE(assignCategories(in, rules)[0].category, Priority::VeryHigh);
        // Once no longer new, the rank decides.
        for (auto &d : in) {
            d.newcomer = false;
        }
        const auto later = assignCategories(in, rules);
        QCOMPARE(countOf(later, Priority::High), 15);
    }

    void halvingAndRaising()
    {
        const RatingRules rules;
        QCOMPARE(halved(16.0, 0), 16.0);
        QCOMPARE(halved(16.0, 1), 8.0);
        QCOMPARE(halved(16.0, 3), 2.0);
        QCOMPARE(halved(16.0, 200), 0.0);
        QCOMPARE(raised(1.0, rules.alertRaised, rules), 33.0);
        QCOMPARE(raised(1.0, -5.0, rules), 1.0);
        QCOMPARE(raised(rules.maxRating - 1, 100.0, rules), rules.maxRating);
        // An alert weighs far more than a full reading's worth of pages.
        QVERIFY(rules.alertRaised >= 4 * rules.maxPagesPerReading);
        // Rises faster than it falls: one alert outweighs a day's decay of a
        // busy device (rating 32 loses 16 in 24 h).
        QVERIFY(rules.alertRaised > halved(32.0, 1));
    }
};

QTEST_GUILESS_MAIN(TestActivityRating)
#include "TestActivityRating.moc"
