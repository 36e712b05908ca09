// The BER structure check in front of Net-SNMP's decoder.
#include "BerCheck.h"

#include <QByteArray>
#include <QTest>

using netgateway::snmp::berMessageWellFormed;

namespace {

bool check(const QByteArray &hex)
{
    const QByteArray bytes = QByteArray::fromHex(hex);
    return berMessageWellFormed(reinterpret_cast<const unsigned char *>(bytes.constData()),
                                static_cast<std::size_t>(bytes.size()));
}

} // namespace

class TestBerCheck : public QObject {
    Q_OBJECT

private slots:
    void soundMessagesPass()
    {
        // v2c response: version, community, GetResponse { id, 0, 0, { { 1.3, NULL } } }.
        QVERIFY(check("301f02010104067075626c6963a212020101020100020100300730050601"
                      "2b0500"));
        // Bytes after the message are allowed.
        QVERIFY(check("301f02010104067075626c6963a212020101020100020100300730050601"
                      "2b0500ffff"));
        // v3 with a sound security parameters SEQUENCE inside the OCTET STRING.
        QVERIFY(check("3027020103300e020107020300ffe3040103020103"
                      "0412301004088000000000000001020101020105"));
    }

    void unsoundMessagesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("hex");
        // The fuzz find: the OCTET STRING of the security parameters claims 33
        // bytes where 18 are left; Net-SNMP read past the datagram.
        QTest::newRow("security parameters past the end") << QByteArray("30270201033"
                                                                        "00e020107020300ffe3040103020103"
                                                                        "0421301f0411800000000000b224484f4d451805");
        QTest::newRow("element longer than its parent") << QByteArray("3005020101040570");
        QTest::newRow("message longer than the datagram") << QByteArray("301d020101");
        QTest::newRow("indefinite length") << QByteArray("3080020101 0000").replace(' ', "");
        QTest::newRow("multi-byte tag") << QByteArray("3003 1f8101").replace(' ', "");
        QTest::newRow("not a sequence") << QByteArray("0201 01").replace(' ', "");
        QTest::newRow("empty") << QByteArray();
        QByteArray deep;
        for (int i = 0; i < 20; ++i) {
            deep = "30" + QByteArray::number(deep.size() / 2, 16).rightJustified(2, '0') + deep;
        }
        QTest::newRow("nested too deep") << deep;
    }

    void unsoundMessagesAreRefused()
    {
        QFETCH(QByteArray, hex);
        QVERIFY(!check(hex));
    }
};

QTEST_GUILESS_MAIN(TestBerCheck)
#include "TestBerCheck.moc"
