#include <netgateway/wsd/MessageLimits.h>

#include <QTest>

using netgateway::wsd::MessageLimits;
using namespace std::chrono_literals;

class TestMessageLimits : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreBounded()
    {
        const MessageLimits limits;
        QVERIFY(limits.validate().isEmpty());
        QCOMPARE(limits.maxMessageBytes, std::size_t{64 * 1024});
        QCOMPARE(limits.maxElementDepth, 32);
    }

    void unboundedSettingsAreRefused()
    {
        MessageLimits limits;
        limits.maxMessageBytes = 0;
        QVERIFY(limits.validate().contains(QStringLiteral("size limit")));
        limits = {};
        limits.maxElementDepth = 100000;
        QVERIFY(limits.validate().contains(QStringLiteral("depth")));
        limits = {};
        limits.receiveTimeout = 0ms;
        QVERIFY(limits.validate().contains(QStringLiteral("timeouts")));
    }
};

QTEST_GUILESS_MAIN(TestMessageLimits)
#include "TestMessageLimits.moc"
