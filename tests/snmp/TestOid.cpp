#include <netgateway/snmp/Oid.h>

#include <QTest>

using netgateway::snmp::Oid;

class TestOid : public QObject {
    Q_OBJECT
private slots:
    void parsesAndPrints()
    {
        const auto oid = Oid::parse(u".1.3.6.1.2.1.43.10.2.1.4.1.1");
        QVERIFY(oid);
        QCOMPARE(oid->size(), 13);
        QCOMPARE(oid->toString(), QStringLiteral("1.3.6.1.2.1.43.10.2.1.4.1.1"));
        QCOMPARE(Oid::parse(u"1.3.6.1.4.1.4294967295")->parts().last(), 4294967295u);
    }

    void refusesMalformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("dot") << QStringLiteral(".");
        QTest::newRow("double dot") << QStringLiteral("1..3");
        QTest::newRow("trailing") << QStringLiteral("1.3.");
        QTest::newRow("letters") << QStringLiteral("1.3.six");
        QTest::newRow("sign") << QStringLiteral("1.+3");
        QTest::newRow("overflow") << QStringLiteral("1.4294967296");
        QStringList many;
        for (int i = 0; i < 129; ++i) {
            many << QStringLiteral("1");
        }
        QTest::newRow("too long") << many.join(u'.');
    }

    void refusesMalformed()
    {
        QFETCH(QString, text);
        QVERIFY(!Oid::parse(text));
    }

    void ordersLikeAnAgent()
    {
        const Oid a = *Oid::parse(u"1.3.6.1.2");
        const Oid b = *Oid::parse(u"1.3.6.1.2.1");
        const Oid c = *Oid::parse(u"1.3.6.1.10");
        QVERIFY(a < b);
        QVERIFY(b < c);
        QVERIFY(b.startsWith(a));
        QVERIFY(!c.startsWith(b));
        QCOMPARE(a.child(1), b);
    }

    void linksNetSnmp() { QVERIFY(netgateway::snmp::netSnmpVersion().startsWith(QStringLiteral("5.9"))); }
};

QTEST_GUILESS_MAIN(TestOid)
#include "TestOid.moc"
