// The hash-chained audit log: append, query, export, pruning, and tamper
// detection through `netgatewayctl audit verify`.
#include <DaemonProcess.h>
#include <ManualClock.h>
#include <TempDataDir.h>

#include <netgateway/core/GatewayService.h>
#include <netgateway/core/audit/AuditLog.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include <QTest>

using namespace netgateway;
using namespace netgateway::test;
using core::audit::AuditLog;
using core::audit::Result;
using namespace std::chrono_literals;

class TestAuditLog : public QObject {
    Q_OBJECT
private:
    struct Log {
        TempDataDir dir;
        ManualClock clock;
        std::unique_ptr<storage::Database> db;
        std::unique_ptr<AuditLog> audit;
        Log()
        {
            db = storage::Database::open(core::GatewayService::databasePath(dir.path()));
            storage::Migrations::apply(*db);
            audit = std::make_unique<AuditLog>(*db, clock);
        }
        void fill(int n)
        {
            for (int i = 0; i < n; ++i) {
                audit->record(QStringLiteral("admin"), QStringLiteral("192.0.2.%1").arg(i),
                              QStringLiteral("action %1").arg(i), QStringLiteral("target %1").arg(i),
                              i % 2 ? Result::Failure : Result::Success);
                clock.advance(1s);
            }
        }
        CommandResult verifyWithCli()
        {
            return DaemonProcess::run(
                QStringLiteral(NETGATEWAYCTL_PATH),
                {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("audit"), QStringLiteral("verify")});
        }
    };

private slots:
    void recordsEntriesWithAllFields()
    {
        Log log;
        log.fill(3);
        const auto entries = log.audit->query({});
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.first().id, 3); // newest first
        QCOMPARE(entries.first().at, QStringLiteral("2026-01-01T00:00:02.000Z"));
        QCOMPARE(entries.first().actor, QStringLiteral("admin"));
        QCOMPARE(entries.first().source, QStringLiteral("192.0.2.2"));
        QCOMPARE(entries.first().action, QStringLiteral("action 2"));
        QCOMPARE(entries.first().target, QStringLiteral("target 2"));
        QCOMPARE(entries.first().result, Result::Success);
        core::audit::Query failures;
        failures.result = Result::Failure;
        QCOMPARE(log.audit->count(failures), 1);
        const auto v = AuditLog::verify(*log.db);
        QVERIFY2(v.ok, qPrintable(v.message));
        QCOMPARE(v.checked, 3);
        const CommandResult cli = log.verifyWithCli();
        QCOMPARE(cli.exitCode, 0);
        QVERIFY(cli.out.contains("intact: 3 entries"));
    }

    void editedRowIsNamed()
    {
        Log log;
        log.fill(5);
        log.db->exec("UPDATE audit_log SET result = 'success' WHERE id = 4");
        const auto v = AuditLog::verify(*log.db);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBadId, 4);
        const CommandResult cli = log.verifyWithCli();
        QCOMPARE(cli.exitCode, 1);
        QVERIFY2(cli.err.contains("entry 4 was changed"), cli.err.constData());
    }

    void deletedRowIsNamed()
    {
        Log log;
        log.fill(5);
        log.db->exec("DELETE FROM audit_log WHERE id = 2");
        const CommandResult cli = log.verifyWithCli();
        QCOMPARE(cli.exitCode, 1);
        QVERIFY2(cli.err.contains("entry 2 is missing"), cli.err.constData());
    }

    void deletedNewestRowsAreFound()
    {
        Log log;
        log.fill(5);
        log.db->exec("DELETE FROM audit_log WHERE id >= 4");
        const auto v = AuditLog::verify(*log.db);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBadId, 4);
        QVERIFY(v.message.contains(QStringLiteral("entry 4 is missing")));
    }

    void rewrittenChainIsFound()
    {
        Log log;
        log.fill(4);
        // Replace a row wholesale, with a hash that fits its own new content
        // but not the chain.
        log.db->exec("UPDATE audit_log SET prev_hash = zeroblob(32) WHERE id = 3");
        const auto v = AuditLog::verify(*log.db);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBadId, 3);
    }

    void pruningKeepsTheChainVerifiable()
    {
        Log log;
        log.fill(4);
        log.clock.advance(std::chrono::hours(24 * 60));
        log.fill(3); // ids 5..7, 60 days later
        log.clock.advance(std::chrono::hours(24 * 8));
        // Now ids 1..4 are 68 days old, ids 5..7 about 8 days.
        QCOMPARE(log.audit->prune(), 4);
        QCOMPARE(log.audit->count({}), 3);
        auto v = AuditLog::verify(*log.db);
        QVERIFY2(v.ok, qPrintable(v.message));
        QCOMPARE(v.checked, 3);
        log.fill(1);
        QVERIFY(AuditLog::verify(*log.db).ok);
        // Tampering after pruning is still found, also at the first kept row.
        log.db->exec("UPDATE audit_log SET actor = 'someone' WHERE id = 5");
        v = AuditLog::verify(*log.db);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBadId, 5);
        const CommandResult cli = log.verifyWithCli();
        QCOMPARE(cli.exitCode, 1);
        QVERIFY(cli.err.contains("entry 5"));
    }

    void exportForUploadAndDownload()
    {
        Log log;
        log.audit->record(QStringLiteral("admin"), QStringLiteral("192.0.2.1"), QStringLiteral("=cmd|' /C calc'!A0"),
                          QStringLiteral("a \"quoted\" target"), Result::Success);
        const QDateTime from = log.clock.nowUtc().addDays(-1);
        const QDateTime to = log.clock.nowUtc().addDays(1);
        const QByteArray jsonl = log.audit->exportJsonLines(from, to);
        QCOMPARE(jsonl.count('\n'), 1);
        QVERIFY(jsonl.contains("\"actor\":\"admin\""));
        const QByteArray csv = log.audit->exportCsv(from, to);
        QVERIFY(csv.startsWith("id,time,actor,source,action,target,result\r\n"));
        QVERIFY(csv.contains("\"'=cmd|' /C calc'!A0\"")); // no spreadsheet formula
        QVERIFY(csv.contains("\"a \"\"quoted\"\" target\""));
        QVERIFY(log.audit->exportJsonLines(to, to.addDays(1)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
