// The status read against Debian's snmpd serving an SNMPv1 printer that has
// the Host-Resources printer objects but not the Printer-MIB alert event
// counters (as many older printers): SNMPv1 refuses the whole GET with
// noSuchName for each missing object, so the reader must leave those out
// and still report the device online, once per device.
#include "SnmpdProcess.h"

#include <netgateway/core/polling/SnmpDeviceReader.h>

#include <QNetworkDatagram>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace netgateway;
using namespace netgateway::core::polling;

namespace {

class FixedCredentials final : public CredentialSource {
public:
    snmp::Credentials value;
    std::optional<snmp::Credentials> credentials(std::int64_t, QString &) override { return value; }
    void invalidate(std::int64_t) override {}
};

// An engine and a reader with a fixed community for one snmpd.
struct Rig {
    snmp::SnmpEngine engine;
    FixedCredentials credentials;
    std::unique_ptr<SnmpDeviceReader> reader;

    Rig(snmp::Version version, quint16 port)
    {
        engine.start();
        credentials.value.version = version;
        credentials.value.community = "public";
        SnmpReaderOptions options;
        options.port = port;
        options.timeoutMs = 3000;
        reader = std::make_unique<SnmpDeviceReader>(engine, credentials, options);
    }
};

const QStringList kOldPrinter = {
    QStringLiteral("override .1.3.6.1.2.1.1.3.0 timeticks 424242"),
    QStringLiteral("override .1.3.6.1.2.1.25.3.2.1.5.1 integer 2"),        // hrDeviceStatus running
    QStringLiteral("override .1.3.6.1.2.1.25.3.5.1.1.1 integer 3"),        // hrPrinterStatus idle
    QStringLiteral("override .1.3.6.1.2.1.25.3.5.1.2.1 octet_str 0x0000"), // no error bits
};

} // namespace

class TestSnmpV1Status : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_snmpd.startWithOverrides(kOldPrinter, {}, &error), qPrintable(error));
    }

    void v1PrinterWithoutAlertCountersIsOnline_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("SNMPv1") << static_cast<int>(snmp::Version::V1);
        QTest::newRow("SNMPv2c") << static_cast<int>(snmp::Version::V2c);
    }

    void v1PrinterWithoutAlertCountersIsOnline()
    {
        QFETCH(int, version);
        Rig rig(static_cast<snmp::Version>(version), m_snmpd.port());
        snmp::SnmpEngine &engine = rig.engine;
        SnmpDeviceReader &reader = *rig.reader;
        const DeviceTarget target{7, QStringLiteral("127.0.0.1")};

        const auto read = [&] {
            std::optional<StatusResult> result;
            reader.readStatus(target, [&](StatusResult r) { result = std::move(r); });
            [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000); }();
            return result.value_or(StatusResult{});
        };
        const quint64 before = engine.statistics().requestsSent;
        const StatusResult first = read();
        QCOMPARE(first.outcome, ReadOutcome::Ok);
        QCOMPARE(first.power, DevicePowerState::Online);
        QCOMPARE(first.detail, QStringLiteral("hrDeviceStatus 2, hrPrinterStatus 3"));
        // Boot generation / critical events / all events / hrDeviceStatus / error bits.
        QCOMPARE(first.alertMarker, QByteArray("0/-1/-1/2/0000"));
        const quint64 firstRequests = engine.statistics().requestsSent - before;
        // v1: the full GET, then without prtAlertCriticalEvents, then also
        // without prtAlertAllEvents. v2c: one GET (noSuchObject per value).
        QCOMPARE(firstRequests, version == static_cast<int>(snmp::Version::V1) ? quint64(3) : quint64(1));

        const quint64 between = engine.statistics().requestsSent;
        const StatusResult second = read();
        QCOMPARE(second.outcome, ReadOutcome::Ok);
        QCOMPARE(second.alertMarker, first.alertMarker);
        QCOMPARE(engine.statistics().requestsSent - between, quint64(1)); // remembered per device
    }

    void agentWithNoStatusObjectGivesAClearError()
    {
        SnmpdProcess empty;
        QString error;
        QVERIFY2(empty.startWithOverrides({}, {}, &error), qPrintable(error));
        Rig rig(snmp::Version::V1, empty.port());
        snmp::SnmpEngine &engine = rig.engine;
        SnmpDeviceReader &reader = *rig.reader;
        std::optional<StatusResult> result;
        reader.readStatus(DeviceTarget{8, QStringLiteral("127.0.0.1")}, [&](StatusResult r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        // One object left out per answer, and no endless retrying: with one
        // object left, noSuchName is the answer.
        QCOMPARE(result->outcome, ReadOutcome::Malformed);
        QVERIFY2(result->detail.contains(QStringLiteral("error-status 2")), qPrintable(result->detail));
        QCOMPARE(engine.statistics().requestsSent, quint64(6));
    }

    void cancelledReadDoesNotRetry()
    {
        // A relay in front of snmpd holds the first request until the read
        // is cancelled, then passes snmpd's noSuchName answer back.
        QUdpSocket relay;
        QVERIFY(relay.bind(QHostAddress::LocalHost, 0));
        QUdpSocket upstream;
        QVERIFY(upstream.bind(QHostAddress::LocalHost, 0));
        QList<QNetworkDatagram> held;
        connect(&relay, &QUdpSocket::readyRead, this, [&] {
            while (relay.hasPendingDatagrams()) {
                held.append(relay.receiveDatagram());
            }
        });
        Rig rig(snmp::Version::V1, relay.localPort());
        bool called = false;
        rig.reader->readStatus(DeviceTarget{9, QStringLiteral("127.0.0.1")}, [&](StatusResult) { called = true; });
        QTRY_COMPARE_WITH_TIMEOUT(held.size(), 1, 10000);
        rig.reader->cancelAll();
        QVERIFY(upstream.writeDatagram(held.first().data(), QHostAddress::LocalHost, m_snmpd.port()) > 0);
        QVERIFY(upstream.waitForReadyRead(10000));
        const QNetworkDatagram answer = upstream.receiveDatagram();
        QVERIFY(relay.writeDatagram(answer.data(), held.first().senderAddress(), held.first().senderPort()) > 0);
        // The answer of a cancelled request is dropped: nothing more is sent
        // and nothing is reported.
        QTRY_COMPARE_WITH_TIMEOUT(rig.engine.statistics().datagramsDiscarded, quint64(1), 10000);
        QVERIFY(!called);
        QCOMPARE(rig.engine.statistics().requestsSent, quint64(1));
        QCOMPARE(held.size(), 1);
    }

private:
    SnmpdProcess m_snmpd;
};

QTEST_GUILESS_MAIN(TestSnmpV1Status)
#include "TestSnmpV1Status.moc"
