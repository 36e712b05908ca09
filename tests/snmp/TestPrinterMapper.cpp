#include "Fixture.h"
#include "QTestPrinters.h"
#include "SnmpdProcess.h"

#include <netgateway/snmp/PrinterModel.h>
#include <netgateway/snmp/VendorProfile.h>

#include <QJsonArray>
#include <QTest>

using namespace netgateway::snmp;

namespace {

Oid o(const QString &text)
{
    return *Oid::parse(text);
}

ValueMap supplyRow(int cls, int type, int unit, qint64 max, qint64 level)
{
    ValueMap v;
    const QString base = QStringLiteral("1.3.6.1.2.1.43.11.1.1.%1.1.1");
    v.insert(o(base.arg(4)), Value::fromInteger(cls));
    v.insert(o(base.arg(5)), Value::fromInteger(type));
    v.insert(o(base.arg(6)), Value::fromBytes("Supply"));
    v.insert(o(base.arg(7)), Value::fromInteger(unit));
    v.insert(o(base.arg(8)), Value::fromInteger(max));
    v.insert(o(base.arg(9)), Value::fromInteger(level));
    return v;
}

bool hasError(const PrinterModel &m, const QString &field, const QString &text)
{
    for (const FieldError &e : m.errors) {
        if (e.field == field && e.message.contains(text)) {
            return true;
        }
    }
    return false;
}

ValueMap statusValues(int deviceStatus, int printerStatus, const QByteArray &errorState)
{
    ValueMap v;
    v.insert(o(QStringLiteral("1.3.6.1.2.1.25.3.2.1.2.1")), Value::fromOid(o(QStringLiteral("1.3.6.1.2.1.25.3.1.5"))));
    v.insert(o(QStringLiteral("1.3.6.1.2.1.25.3.2.1.5.1")), Value::fromInteger(deviceStatus));
    v.insert(o(QStringLiteral("1.3.6.1.2.1.25.3.5.1.1.1")), Value::fromInteger(printerStatus));
    v.insert(o(QStringLiteral("1.3.6.1.2.1.25.3.5.1.2.1")), Value::fromBytes(errorState));
    return v;
}

} // namespace

class TestPrinterMapper : public QObject {
    Q_OBJECT
private slots:
    void fixtureMapsToExpected()
    {
        const QJsonObject fx = SnmpdProcess::loadFixture(QStringLiteral("printer-kyocera.json"));
        QVERIFY(!fx.isEmpty());
        const ValueMap values = fixture::values(fx);
        const PrinterModel m = mapPrinter(values, ProfileRegistry::builtIn().forEnterprise(1347));
        const QStringList diff = fixture::differences(toJson(m), fx.value(QStringLiteral("expected")));
        QVERIFY2(diff.isEmpty(), qPrintable(diff.join(u'\n')));
        QVERIFY2(m.errors.isEmpty(), qPrintable(m.errors.value(0).message));
        QCOMPARE(m.profile, QStringLiteral("kyocera"));
        QCOMPARE(m.configChanges, 7u);
        QCOMPARE(m.alertEvents, 42u);
    }

    void everyErrorStateBit_data()
    {
        QTest::addColumn<int>("bit");
        QTest::addColumn<QString>("name");
        const QStringList names{"lowPaper",
                                "noPaper",
                                "lowToner",
                                "noToner",
                                "doorOpen",
                                "jammed",
                                "offline",
                                "serviceRequested",
                                "inputTrayMissing",
                                "outputTrayMissing",
                                "markerSupplyMissing",
                                "outputNearFull",
                                "outputFull",
                                "inputTrayEmpty",
                                "overduePreventMaint"};
        for (int bit = 0; bit < names.size(); ++bit) {
            QTest::newRow(qPrintable(names.at(bit))) << bit << names.at(bit);
        }
    }

    void everyErrorStateBit()
    {
        QFETCH(int, bit);
        QFETCH(QString, name);
        QByteArray bits(2, '\0');
        bits[bit / 8] = char(0x80u >> (bit % 8));
        QCOMPARE(decodeErrorState(bits), QStringList{name});
        const PrinterModel m = mapPrinter(statusValues(2, 3, bits), nullptr);
        QCOMPARE(m.errorStates, QStringList{name});
    }

    void errorStateEdgeCases()
    {
        QCOMPARE(decodeErrorState(QByteArray()), QStringList());
        QCOMPARE(decodeErrorState(QByteArray::fromHex("01")), QStringList{QStringLiteral("serviceRequested")});
        // Bit 15 is undefined and ignored; a longer string is tolerated.
        QCOMPARE(decodeErrorState(QByteArray::fromHex("0001ff")), QStringList());
        QCOMPARE(decodeErrorState(QByteArray::fromHex("fffe")).size(), 15);
        const PrinterModel m = mapPrinter(statusValues(2, 3, QByteArray(40, '\xff')), nullptr);
        QVERIFY(hasError(m, QStringLiteral("errorStates"), QStringLiteral("only the first two")));
        QCOMPARE(m.errorStates.size(), 15);
    }

    void status_data()
    {
        QTest::addColumn<int>("device");
        QTest::addColumn<int>("printer");
        QTest::addColumn<QByteArray>("bits");
        QTest::addColumn<QString>("status");
        QTest::newRow("idle") << 2 << 3 << QByteArray(2, '\0') << "idle";
        QTest::newRow("printing") << 2 << 4 << QByteArray(2, '\0') << "printing";
        QTest::newRow("warmup") << 2 << 5 << QByteArray(2, '\0') << "warmup";
        QTest::newRow("sleeping") << 2 << 1 << QByteArray(2, '\0') << "sleeping";
        QTest::newRow("sleeping with warning") << 3 << 1 << QByteArray::fromHex("2000") << "sleeping";
        QTest::newRow("warning") << 3 << 3 << QByteArray::fromHex("2000") << "warning";
        QTest::newRow("offline bit") << 3 << 1 << QByteArray::fromHex("0200") << "offline";
        QTest::newRow("down") << 5 << 1 << QByteArray::fromHex("0400") << "down";
        QTest::newRow("testing") << 4 << 2 << QByteArray(2, '\0') << "testing";
        QTest::newRow("unknown") << 1 << 2 << QByteArray(2, '\0') << "unknown";
    }

    void status()
    {
        QFETCH(int, device);
        QFETCH(int, printer);
        QFETCH(QByteArray, bits);
        QFETCH(QString, status);
        QCOMPARE(mapPrinter(statusValues(device, printer, bits), nullptr).status, status);
    }

    void powerSaverAlertMeansSleeping()
    {
        ValueMap v = statusValues(2, 3, QByteArray(2, '\0'));
        v.insert(o(QStringLiteral("1.3.6.1.2.1.43.18.1.1.7.1.1")), Value::fromInteger(23));
        QCOMPARE(mapPrinter(v, nullptr).status, QStringLiteral("sleeping"));
    }

    void supplies_data()
    {
        QTest::addColumn<int>("cls");
        QTest::addColumn<int>("unit");
        QTest::addColumn<qint64>("max");
        QTest::addColumn<qint64>("level");
        QTest::addColumn<int>("percent"); // -1: none
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("className");
        QTest::newRow("half") << 3 << 7 << qint64(20000) << qint64(10000) << 50 << "ok"
                              << "consumed";
        QTest::newRow("empty") << 3 << 19 << qint64(100) << qint64(0) << 0 << "empty"
                               << "consumed";
        QTest::newRow("other -1") << 3 << 19 << qint64(100) << qint64(-1) << -1 << "other"
                                  << "consumed";
        QTest::newRow("unknown -2") << 3 << 19 << qint64(100) << qint64(-2) << -1 << "unknown"
                                    << "consumed";
        QTest::newRow("some remaining -3") << 3 << 19 << qint64(100) << qint64(-3) << -1 << "someRemaining"
                                           << "consumed";
        QTest::newRow("max capacity -1") << 3 << 7 << qint64(-1) << qint64(500) << -1 << "ok"
                                         << "consumed";
        QTest::newRow("max capacity -2") << 3 << 7 << qint64(-2) << qint64(500) << -1 << "ok"
                                         << "consumed";
        QTest::newRow("percent unit without max") << 3 << 19 << qint64(-1) << qint64(35) << 35 << "ok"
                                                  << "consumed";
        QTest::newRow("level above max") << 3 << 7 << qint64(100) << qint64(250) << 100 << "ok"
                                         << "consumed";
        QTest::newRow("receptacle filling") << 4 << 19 << qint64(100) << qint64(30) << 30 << "ok"
                                            << "receptacle";
        QTest::newRow("receptacle full") << 4 << 19 << qint64(100) << qint64(100) << 100 << "full"
                                         << "receptacle";
        QTest::newRow("receptacle some space") << 4 << 19 << qint64(100) << qint64(-3) << -1 << "someRemaining"
                                               << "receptacle";
        QTest::newRow("class other") << 1 << 19 << qint64(100) << qint64(10) << 10 << "ok"
                                     << "other";
        QTest::newRow("zero capacity") << 3 << 7 << qint64(0) << qint64(0) << -1 << "empty"
                                       << "consumed";
        // Found by the fuzzer: level x 100 overflowed 32 bits.
        QTest::newRow("huge level and max") << 3 << 7 << qint64(2147483647) << qint64(2147483000) << 99 << "ok"
                                            << "consumed";
        QTest::newRow("64-bit level") << 3 << 7 << qint64(9000000000000000000) << qint64(648806418522046464) << 7
                                      << "ok"
                                      << "consumed";
    }

    void supplies()
    {
        QFETCH(int, cls);
        QFETCH(int, unit);
        QFETCH(qint64, max);
        QFETCH(qint64, level);
        QFETCH(int, percent);
        QFETCH(QString, state);
        QFETCH(QString, className);
        const PrinterModel m = mapPrinter(supplyRow(cls, 3, unit, max, level), nullptr);
        QCOMPARE(m.supplies.size(), 1);
        const Supply &s = m.supplies.first();
        QCOMPARE(s.level, level);
        QCOMPARE(s.state, state);
        QCOMPARE(s.supplyClass, className);
        QCOMPARE(s.percent.value_or(-1), percent);
        QVERIFY(s.percent.value_or(0) <= 100);
        QCOMPARE(s.typeName, QStringLiteral("toner"));
    }

    void invalidSupplyLevelIsAFieldError()
    {
        const PrinterModel m = mapPrinter(supplyRow(3, 3, 19, 100, -7), nullptr);
        QCOMPARE(m.supplies.first().state, QStringLiteral("invalid"));
        QVERIFY(!m.supplies.first().percent);
        QVERIFY(hasError(m, QStringLiteral("supplies[1.1].level"), QStringLiteral("invalid value -7")));
    }

    void wrongTypesGiveFieldErrorsAndKeepTheRest()
    {
        ValueMap v = fixture::values(SnmpdProcess::loadFixture(QStringLiteral("printer-kyocera.json")));
        v.insert(o(QStringLiteral("1.3.6.1.2.1.1.1.0")), Value::fromInteger(5));               // sysDescr
        v.insert(o(QStringLiteral("1.3.6.1.2.1.1.2.0")), Value::fromBytes("not an oid"));      // sysObjectID
        v.insert(o(QStringLiteral("1.3.6.1.2.1.43.11.1.1.9.1.1")), Value::fromBytes("forty")); // level
        v.insert(o(QStringLiteral("1.3.6.1.2.1.25.3.5.1.2.1")), Value::fromInteger(1));        // error state
        v.insert(o(QStringLiteral("1.3.6.1.2.1.2.2.1.6.1")), Value::fromInteger(1));           // MAC
        const PrinterModel m = mapPrinter(v, ProfileRegistry::builtIn().forEnterprise(1347));
        QVERIFY(hasError(m, QStringLiteral("sysDescr"), QStringLiteral("expected OCTET STRING, got INTEGER")));
        QVERIFY(hasError(m, QStringLiteral("sysObjectId"), QStringLiteral("expected OBJECT IDENTIFIER")));
        QVERIFY(hasError(m, QStringLiteral("supplies[1.1].level"), QStringLiteral("expected INTEGER")));
        QVERIFY(hasError(m, QStringLiteral("errorStates"), QStringLiteral("expected OCTET STRING")));
        QVERIFY(hasError(m, QStringLiteral("macAddress"), QStringLiteral("expected OCTET STRING")));
        QCOMPARE(m.sysDescr, QString());
        QCOMPARE(m.serialNumber, QStringLiteral("VCF9X12345"));
        QCOMPARE(m.model, QStringLiteral("ECOSYS M6230cidn"));
        QCOMPARE(m.supplies.size(), 4);
        QCOMPARE(m.supplies.at(0).state, QStringLiteral("unknown"));
        QCOMPARE(m.supplies.at(2).percent, 100);
        QCOMPARE(m.trays.size(), 2);
        QCOMPARE(m.alerts.size(), 2);
    }

    void hugeAndNonUtf8StringsAndControlCharacters()
    {
        ValueMap v;
        v.insert(o(QStringLiteral("1.3.6.1.2.1.1.1.0")), Value::fromBytes(QByteArray(100000, 'x')));
        v.insert(o(QStringLiteral("1.3.6.1.2.1.1.5.0")), Value::fromBytes(QByteArray("Caf\xe9 \xff\xfe")));
        v.insert(o(QStringLiteral("1.3.6.1.2.1.1.6.0")), Value::fromBytes(QByteArray("Room\n1\x1b[31m\0\0", 14)));
        v.insert(o(QStringLiteral("1.3.6.1.2.1.43.5.1.1.17.1")), Value::fromBytes("SER\xc3\xa9"));
        const PrinterModel m = mapPrinter(v, nullptr);
        QCOMPARE(m.sysDescr.size(), 1024);
        QVERIFY(hasError(m, QStringLiteral("sysDescr"), QStringLiteral("100000 bytes long")));
        QCOMPARE(m.sysName, QStringLiteral("Caf\u00e9 \u00ff\u00fe"));
        QVERIFY(hasError(m, QStringLiteral("sysName"), QStringLiteral("not valid UTF-8")));
        QCOMPARE(m.location, QStringLiteral("Room 1 [31m"));
        QCOMPARE(m.serialNumber, QStringLiteral("SER\u00e9"));
        QVERIFY(!hasError(m, QStringLiteral("serialNumber"), QString()));
    }

    void negativeCountersAreFieldErrors()
    {
        ValueMap v;
        v.insert(o(QStringLiteral("1.3.6.1.2.1.43.10.2.1.4.1.1")), Value::fromInteger(-5));
        v.insert(o(QStringLiteral("1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1")), Value::fromInteger(-1));
        v.insert(o(QStringLiteral("1.3.6.1.4.1.1347.42.3.1.2.1.1.2.1")), Value::fromInteger(12));
        v.insert(o(QStringLiteral("1.3.6.1.2.1.1.2.0")), Value::fromOid(o(QStringLiteral("1.3.6.1.4.1.1347.41"))));
        const PrinterModel m = mapPrinter(v, ProfileRegistry::builtIn().forEnterprise(1347));
        QVERIFY(!m.totalCount);
        QVERIFY(hasError(m, QStringLiteral("counters.total"), QStringLiteral("negative counter value -5")));
        QVERIFY(hasError(m, QStringLiteral("counters.printMono"), QStringLiteral("negative counter value -1")));
        QVERIFY(!m.counters.contains(QStringLiteral("printMono")));
        QCOMPARE(m.counters.value(QStringLiteral("copyMono")), 12u);
        QCOMPARE(m.manufacturer, QStringLiteral("Kyocera"));
    }

    void truncatedTableReportsMissingColumns()
    {
        ValueMap v;
        v.insert(o(QStringLiteral("1.3.6.1.2.1.43.11.1.1.6.1.1")), Value::fromBytes("Black toner"));
        v.insert(o(QStringLiteral("1.3.6.1.2.1.43.11.1.1.6.1.2")), Value::fromBytes("Cyan toner"));
        v.insert(o(QStringLiteral("1.3.6.1.2.1.43.11.1.1.9.1.1")), Value::fromInteger(10));
        const PrinterModel m = mapPrinter(v, nullptr);
        QCOMPARE(m.supplies.size(), 2);
        QCOMPARE(m.supplies.at(0).description, QStringLiteral("Black toner"));
        QCOMPARE(m.supplies.at(1).state, QStringLiteral("unknown"));
        QVERIFY(hasError(m, QStringLiteral("supplies[1.2].level"), QStringLiteral("missing")));
    }

    void manufacturerFromEnterpriseNumber()
    {
        ValueMap v;
        v.insert(o(QStringLiteral("1.3.6.1.2.1.1.2.0")), Value::fromOid(o(QStringLiteral("1.3.6.1.4.1.2435.2.3.9.1"))));
        PrinterModel m = mapPrinter(v, ProfileRegistry::builtIn().forEnterprise(2435));
        QCOMPARE(m.enterprise, 2435u);
        QCOMPARE(m.manufacturer, QStringLiteral("Brother"));
        QCOMPARE(m.profile, QStringLiteral("brother"));
        v.insert(o(QStringLiteral("1.3.6.1.2.1.1.2.0")), Value::fromOid(o(QStringLiteral("1.3.6.1.4.1.99999.1"))));
        m = mapPrinter(v, ProfileRegistry::builtIn().forEnterprise(99999));
        QCOMPARE(m.manufacturer, QString());
        QCOMPARE(m.profile, QStringLiteral("generic"));
    }

    void alertChanges()
    {
        Alert jam;
        jam.index = QStringLiteral("1.1");
        jam.code = 8;
        jam.group = QStringLiteral("mediaPath");
        Alert door;
        door.index = QStringLiteral("1.2");
        door.code = 501;
        door.group = QStringLiteral("cover");
        Alert toner;
        toner.index = QStringLiteral("1.3");
        toner.code = 1104;
        toner.group = QStringLiteral("markerSupplies");
        const AlertChanges c = diffAlerts({jam, door}, {door, toner});
        QCOMPARE(c.raised.size(), 1);
        QCOMPARE(c.raised.first().code, 1104);
        QCOMPARE(c.cleared.size(), 1);
        QCOMPARE(c.cleared.first().code, 8);
        QVERIFY(diffAlerts({door}, {door}).raised.isEmpty());
    }

    void emptyInputGivesEmptyModel()
    {
        const PrinterModel m = mapPrinter({}, nullptr);
        QVERIFY(m.errors.isEmpty());
        QCOMPARE(m.status, QStringLiteral("unknown"));
        QVERIFY(m.supplies.isEmpty());
        QVERIFY(!m.totalCount);
        QVERIFY(toJson(m).value(QStringLiteral("counters")).toObject().value(QStringLiteral("total")).isNull());
    }
};

QTEST_GUILESS_MAIN(TestPrinterMapper)
#include "TestPrinterMapper.moc"
