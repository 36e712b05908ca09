// The daily gateway-log upload: two zips (audit log, system log) through the
// outbox and the real uplink to the real fleet-cloud-emulator, on a manual clock.
#include "EmulatorProcess.h"
#include "UplinkFixture.h"

#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/uplink/GatewayLogUpload.h>
#include <netgateway/uplink/ZipArchive.h>

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace netgateway;
using namespace netgateway::test;
using namespace std::chrono_literals;
using storage::OutboxKind;
using uplink::GatewayLogUpload;
using uplink::Uplink;

namespace {

QJsonObject logNamed(const QJsonArray &logs, const QString &kind)
{
    for (const QJsonValue &v : logs) {
        if (v.toObject().value(QStringLiteral("log")).toString() == kind) {
            return v.toObject();
        }
    }
    return {};
}

} // namespace

class TestGatewayLogUpload : public QObject {
    Q_OBJECT
private slots:
    void twoZipsArriveOnceADayWithoutSecrets()
    {
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());

        TempDataDir dir;
        GatewayStorage storage(dir.path());
        ManualClock clock(QDateTime(QDate(2026, 3, 10), QTime(9, 30), Qt::UTC));
        RecordingAuditSink sink;
        uplink::UplinkSettings s;
        s.origin = QUrl(emu.origin());
        s.extraCaFile = emu.caFile();
        s.transferTimeoutMs = 10000;
        s.tickIntervalMs = 200;
        s.gatewayInfo = [] { return QJsonObject{{QStringLiteral("hostName"), QStringLiteral("gw-test")}}; };
        Uplink link(*storage.db, *storage.vault, *storage.outbox, clock, sink, s);
        link.start();
        QSignalSpy registered(&link, &Uplink::registrationFinished);
        link.registerGateway(QStringLiteral("DEMO-CODE"), QStringLiteral("admin"), QStringLiteral("admin-password"));
        QVERIFY(registered.wait(15000));
        QVERIFY(registered.first().at(0).toBool());
        const QByteArray token = storage.vault->get(Uplink::kTokenSecret).value_or(QByteArray());
        QVERIFY(token.size() >= 16);
        storage.vault->put(QStringLiteral("discovery/1/credential/1/community"), QByteArrayLiteral("s3cret-community"));

        core::audit::AuditLog auditLog(*storage.db, clock);
        auditLog.record(QStringLiteral("admin"), QStringLiteral("127.0.0.1"), QStringLiteral("change password"),
                        QStringLiteral("admin"), core::audit::Result::Success);
        auditLog.record(QStringLiteral("system"), QStringLiteral("local"), QStringLiteral("registration"),
                        QStringLiteral("gw-1"), core::audit::Result::Success);

        // The system log as the Logger writes it: a line from the day before,
        // the day's lines (one carrying secrets, one continued), and nothing else.
        const QString logPath = dir.path() + QStringLiteral("/netgatewayd.log");
        {
            QFile rotated(logPath + QStringLiteral(".1"));
            QVERIFY(rotated.open(QIODevice::WriteOnly));
            rotated.write("2026-03-09T23:59:59.900Z INFO [default] yesterday's line\n"
                          "2026-03-10T08:00:00.000Z INFO [default] service started\n");
        }
        QFile current(logPath);
        QVERIFY(current.open(QIODevice::WriteOnly));
        current.write("2026-03-10T09:00:00.000Z WARN [default] uplink: bearer " + token +
                      " and community s3cret-community must never leave\n"
                      "2026-03-10T09:10:00.000Z INFO [default] a message\n  continued on a second line\n");
        current.flush();
        const QByteArray expectedSystem = "2026-03-10T08:00:00.000Z INFO [default] service started\n"
                                          "2026-03-10T09:00:00.000Z WARN [default] uplink: bearer [secret removed] "
                                          "and community [secret removed] must never leave\n"
                                          "2026-03-10T09:10:00.000Z INFO [default] a message\n"
                                          "  continued on a second line\n";

        uplink::GatewayLogSources sources;
        sources.auditJsonLines = [&auditLog](const QDateTime &a, const QDateTime &b) {
            return auditLog.exportJsonLines(a, b);
        };
        sources.systemLogPath = logPath;
        GatewayLogUpload logs(*storage.db, *storage.vault, *storage.outbox, clock, sources, false);
        QSignalSpy produced(&logs, &GatewayLogUpload::produced);
        logs.start();
        QCOMPARE(storage.outbox->count(OutboxKind::Logs), 0); // the day is still running

        // Written after midnight: belongs to the next day's upload.
        clock.advance(15h);
        current.write("2026-03-11T00:30:00.000Z INFO [default] after midnight\n");
        current.flush();
        const QByteArray expectedAudit = auditLog.exportJsonLines(QDateTime(QDate(2026, 3, 10), QTime(0, 0), Qt::UTC),
                                                                  QDateTime(QDate(2026, 3, 11), QTime(0, 0), Qt::UTC));
        QCOMPARE(expectedAudit.count('\n'), 2);
        QVERIFY(produced.count() == 1 || produced.wait(5000));

        QJsonArray received;
        QVERIFY(QTest::qWaitFor(
            [&] {
                received = emu.admin("GET", QStringLiteral("/admin/logs")).value(QStringLiteral("logs")).toArray();
                return received.size() >= 2;
            },
            15000));
        QCOMPARE(received.size(), 2);
        // The emulator stores before it answers: the acknowledgement reaches
        // the outbox a moment later.
        QTRY_COMPARE_WITH_TIMEOUT(storage.outbox->count(OutboxKind::Logs), 0, 15000);

        const QJsonObject audit = logNamed(received, QStringLiteral("audit"));
        QCOMPARE(audit.value(QStringLiteral("file")).toString(), QStringLiteral("audit-2026-03-10.zip"));
        QVERIFY(audit.value(QStringLiteral("sha256Matches")).toBool());
        const QJsonArray auditFiles = audit.value(QStringLiteral("entries")).toArray();
        QCOMPARE(auditFiles.size(), 1);
        QCOMPARE(auditFiles.at(0).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("audit-2026-03-10.jsonl"));
        QCOMPARE(auditFiles.at(0).toObject().value(QStringLiteral("text")).toString().toUtf8(), expectedAudit);

        const QJsonObject system = logNamed(received, QStringLiteral("system"));
        QCOMPARE(system.value(QStringLiteral("file")).toString(), QStringLiteral("netgatewayd-2026-03-10.zip"));
        QVERIFY(system.value(QStringLiteral("sha256Matches")).toBool());
        const QJsonArray systemFiles = system.value(QStringLiteral("entries")).toArray();
        QCOMPARE(systemFiles.size(), 1);
        const QByteArray systemText = systemFiles.at(0).toObject().value(QStringLiteral("text")).toString().toUtf8();
        QCOMPARE(systemText, expectedSystem);

        // Not a byte of either secret reached the cloud, compressed or not.
        QFile capture(emu.captureFile());
        QVERIFY(capture.open(QIODevice::ReadOnly));
        const QByteArray wire = capture.readAll();
        QVERIFY(!wire.contains("s3cret-community"));
        QVERIFY(!QJsonDocument::fromJson(wire).isObject()); // sanity: the capture holds many requests

        // Once a day: the same day is never packed twice.
        QVERIFY(!logs.runDue());
        QCOMPARE(storage.outbox->count(OutboxKind::Logs), 0);
    }

    void anonymousModeCutsAddresses()
    {
        TempDataDir dir;
        GatewayStorage storage(dir.path());
        ManualClock clock;
        GatewayLogUpload logs(*storage.db, *storage.vault, *storage.outbox, clock, {}, true);
        const QByteArray out = logs.scrub("2026-03-10T09:00:00.000Z INFO [snmp] 192.168.1.20 and fe80::1 and "
                                          "2001:db8:0:0:1:2:3:4 answered at 13:26:54\n");
        QCOMPARE(out, QByteArray("2026-03-10T09:00:00.000Z INFO [snmp] [address] and [address] and [address] "
                                 "answered at 13:26:54\n"));
    }

    void zipRoundTripAndBounds()
    {
        QString error;
        const QByteArray big(200000, 'a');
        const auto zip = uplink::ZipArchive::create({{QStringLiteral("a.txt"), big}}, error);
        QVERIFY2(zip.has_value(), qPrintable(error));
        QVERIFY(zip->size() < 5000);
        const auto back = uplink::ZipArchive::read(*zip, 1024 * 1024, 4, error);
        QVERIFY(back.has_value());
        QCOMPARE(back->at(0).data, big);
        // A bomb bound: the same zip refused when it unpacks to more than allowed.
        QVERIFY(!uplink::ZipArchive::read(*zip, 100000, 4, error).has_value());
        QVERIFY(error.contains(QStringLiteral("more than")));
        QVERIFY(!uplink::ZipArchive::read(QByteArray("not a zip"), 1024, 4, error).has_value());
    }
};

QTEST_GUILESS_MAIN(TestGatewayLogUpload)
#include "TestGatewayLogUpload.moc"
