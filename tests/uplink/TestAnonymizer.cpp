#include "UplinkFixture.h"

#include <netgateway/uplink/Anonymizer.h>

#include <QTest>

using namespace netgateway;
using namespace netgateway::test;
using uplink::AnonymizationMode;
using uplink::Anonymizer;

class TestAnonymizer : public QObject {
    Q_OBJECT
private slots:
    void stripsAddressesNamesAndLocationsAtAnyDepth()
    {
        const QJsonObject in{
            {QStringLiteral("gateway"), QJsonObject{{QStringLiteral("hostName"), QStringLiteral("gw-finance-01")},
                                                    {QStringLiteral("ipAddress"), QStringLiteral("10.20.30.40")},
                                                    {QStringLiteral("subnetMask"), QStringLiteral("255.255.254.0")},
                                                    {QStringLiteral("defaultGateway"), QStringLiteral("10.20.30.1")},
                                                    {QStringLiteral("primaryDns"), QStringLiteral("10.20.0.53")},
                                                    {QStringLiteral("secondaryDns"), QStringLiteral("10.20.0.54")}}},
            {QStringLiteral("records"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("device"),
                  QJsonObject{{QStringLiteral("serialNumber"), QStringLiteral("CNB1234567")},
                              {QStringLiteral("ipAddress"), QStringLiteral("10.20.31.77")},
                              {QStringLiteral("hostName"), QStringLiteral("prn-floor3")},
                              {QStringLiteral("location"), QStringLiteral("Building B, room 301")},
                              {QStringLiteral("dnsServers"), QJsonArray{QStringLiteral("10.20.0.53")}}}},
                 {QStringLiteral("description"), QStringLiteral("prn-floor3 at 10.20.31.77 (fe80::1:2) reports a jam")},
                 {QStringLiteral("total"), 12345}}}},
        };
        const QByteArray out = toJson(Anonymizer::strip(in));
        for (const char *secret : {"gw-finance-01", "10.20.30.40", "255.255.254.0", "10.20.30.1", "10.20.0.53",
                                   "10.20.0.54", "10.20.31.77", "prn-floor3", "Building B", "fe80::1:2"}) {
            QVERIFY2(!out.contains(secret), secret);
        }
        QVERIFY(out.contains("CNB1234567"));
        QVERIFY(out.contains("12345"));
        QVERIFY(out.contains("reports a jam"));
    }

    void modeIsChosenOnceAndChangesAreRefusedAndAudited()
    {
        TempDataDir dir;
        GatewayStorage s(dir.path());
        RecordingAuditSink audit;
        QVERIFY(!AnonymizationMode::stored(*s.db).has_value());
        QCOMPARE(AnonymizationMode::initialize(*s.db, true, 10, audit), true);
        QCOMPARE(audit.actions, QStringList{QStringLiteral("uplink.anonymization.chosen")});
        // A later initialization with another value keeps the stored mode.
        QCOMPARE(AnonymizationMode::initialize(*s.db, false, 20, audit), true);
        QVERIFY(audit.actions.contains(QStringLiteral("uplink.anonymization.change_refused")));
        QString error;
        QVERIFY(!AnonymizationMode::requestChange(*s.db, false, audit, error));
        QVERIFY2(error.contains(QStringLiteral("cannot be changed")), qPrintable(error));
        // Even a direct write to the table is refused by the database.
        QVERIFY_THROWS_EXCEPTION(storage::StorageError, s.db->exec("UPDATE uplink_install SET anonymous = 0"));
        QVERIFY_THROWS_EXCEPTION(storage::StorageError, s.db->exec("DELETE FROM uplink_install"));
        QCOMPARE(AnonymizationMode::stored(*s.db), std::optional<bool>(true));
    }
};

QTEST_GUILESS_MAIN(TestAnonymizer)
#include "TestAnonymizer.moc"
