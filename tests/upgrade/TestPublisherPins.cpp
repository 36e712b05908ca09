#include <PublisherPins.h>

#include <netgateway/upgrade/TrustedPublishers.h>

#include <QTest>

using netgateway::platform::PublisherPins;
using netgateway::platform::SignerIdentity;

namespace {

const std::string kSha256 = "3f5e1a0c9b2d4e6f8a7b1c3d5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f";
const std::string kSha1 = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

} // namespace

class TestPublisherPins : public QObject {
    Q_OBJECT
private slots:
    void matchesBySubjectOrThumbprint()
    {
        PublisherPins pins;
        std::string error;
        QVERIFY(
            PublisherPins::parse("# release certificates\n"
                                 "subject CN=netgateway Release, O=netgateway, C=DE\n"
                                 "sha256 3F:5E:1A:0C:9B:2D:4E:6F:8A:7B:1C:3D:5E:7F:9A:0B:2C:4D:6E:8F:0A:1B:3C:5D:7E:"
                                 "9F:1A:2B:4C:6D:8E:0F\n"
                                 "\n"
                                 "sha1 A1B2 C3D4 E5F6 0718 293A 4B5C 6D7E 8F90 1234 5678\n",
                                 pins, error));
        QVERIFY(!pins.empty());
        QVERIFY(pins.matches({"CN=netgateway Release, O=netgateway, C=DE", "", ""}));
        QVERIFY(pins.matches({"CN=Someone Else", "", kSha256}));
        QVERIFY(pins.matches({"CN=Someone Else", kSha1, ""}));
        // A subject matches exactly: case, a missing part or a look-alike does not.
        QVERIFY(!pins.matches({"CN=netgateway release, O=netgateway, C=DE", "", ""}));
        QVERIFY(!pins.matches({"CN=netgateway Release", "", ""}));
        QVERIFY(!pins.matches({"CN=netgateway Release, O=netgateway, C=DE, OU=x", "", ""}));
        QVERIFY(!pins.matches({"", "", std::string(64, '0')}));
        QVERIFY(!pins.matches({"", "", ""}));
        QVERIFY(pins.describe().find("subject CN=netgateway Release") != std::string::npos);
    }

    void emptyPinsMatchNothing()
    {
        PublisherPins pins;
        std::string error;
        QVERIFY(PublisherPins::parse("# nothing pinned\n\n", pins, error));
        QVERIFY(pins.empty());
        QVERIFY(!pins.matches({"CN=anyone", kSha1, kSha256}));
        QVERIFY(pins.describe().find("accepts no upgrade package") != std::string::npos);
    }

    void malformedLinesAreRefusedWithTheLineNumber_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("says");
        QTest::newRow("unknown kind") << QByteArray("# c\nissuer CN=x\n") << QByteArray("line 2: expected");
        QTest::newRow("short sha256") << QByteArray("sha256 abcd\n") << QByteArray("64 hex digits");
        QTest::newRow("sha1 not hex") << QByteArray("sha1 zz" + QByteArray(38, 'a') + "\n")
                                      << QByteArray("40 hex digits");
        QTest::newRow("no value") << QByteArray("subject\n") << QByteArray("has no value");
        QTest::newRow("too long") << QByteArray("subject " + QByteArray(2000, 'x') + "\n") << QByteArray("longer than");
    }
    void malformedLinesAreRefusedWithTheLineNumber()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, says);
        PublisherPins pins;
        std::string error;
        QVERIFY(PublisherPins::parse("subject CN=kept", pins, error));
        QVERIFY(!PublisherPins::parse(text.toStdString(), pins, error));
        QVERIFY2(error.find(says.toStdString()) != std::string::npos, error.c_str());
        // A refused text leaves the pins as they were.
        QVERIFY(pins.matches({"CN=kept", "", ""}));
    }

    void builtInPinsParse()
    {
        PublisherPins pins;
        std::string error;
        QVERIFY2(PublisherPins::parse(netgateway::upgrade::builtInPublisherPinsText(), pins, error), error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestPublisherPins)
#include "TestPublisherPins.moc"
