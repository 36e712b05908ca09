// Device addresses in the order an administrator expects.
#include <netgateway/core/discovery/AddressKey.h>

#include <QTest>

#include <algorithm>

using netgateway::core::discovery::addressSortKey;

class TestAddressKey : public QObject {
    Q_OBJECT

private slots:
    void sortsByNumberThenFamilyThenName()
    {
        const QStringList expected = {
            QStringLiteral("9.255.255.255"),  QStringLiteral("10.0.0.9"),      QStringLiteral("10.0.0.10"),
            QStringLiteral("10.0.0.100"),     QStringLiteral("192.168.1.2"),   QStringLiteral("::1"),
            QStringLiteral("2001:db8::9"),    QStringLiteral("2001:db8::10"),  QStringLiteral("fe80::1"),
            QStringLiteral("fe80::1%eth0"),   QStringLiteral("Alpha.example"), QStringLiteral("beta.example"),
            QStringLiteral("printer-10.lan"), QStringLiteral("printer-9.lan"),
        };
        QStringList shuffled = expected;
        std::reverse(shuffled.begin(), shuffled.end());
        std::stable_sort(shuffled.begin(), shuffled.end(),
                         [](const QString &a, const QString &b) { return addressSortKey(a) < addressSortKey(b); });
        QCOMPARE(shuffled, expected);
    }

    void ipv4MappedIpv6IsTheIpv4Address()
    {
        QCOMPARE(addressSortKey(QStringLiteral("::ffff:10.0.0.9")), addressSortKey(QStringLiteral("10.0.0.9")));
    }
};

QTEST_GUILESS_MAIN(TestAddressKey)
#include "TestAddressKey.moc"
