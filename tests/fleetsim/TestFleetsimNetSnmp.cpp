#include <QTest>
class TestFleetsimNetSnmp : public QObject {
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TestFleetsimNetSnmp)
#include "TestFleetsimNetSnmp.moc"
