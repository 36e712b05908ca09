// The gateway's uplink against the real fleet-cloud-emulator process over
// real TLS on 127.0.0.1.
#include "EmulatorProcess.h"
#include "UplinkFixture.h"

#include <QSignalSpy>
#include <QTest>

using namespace netgateway;
using namespace netgateway::test;
using namespace std::chrono_literals;
using storage::OutboxKind;
using uplink::Uplink;
using uplink::UplinkFailure;

namespace {

struct Gateway {
    explicit Gateway(const EmulatorProcess &emu, const std::function<void(uplink::UplinkSettings &)> &tweak = {})
        : storage(dir.path())
    {
        uplink::UplinkSettings s;
        s.origin = QUrl(emu.origin());
        s.extraCaFile = emu.caFile();
        s.transferTimeoutMs = 10000;
        s.gatewayInfo = [] { return QJsonObject{{QStringLiteral("hostName"), QStringLiteral("gw-test")}}; };
        if (tweak) {
            tweak(s);
        }
        link = std::make_unique<Uplink>(*storage.db, *storage.vault, *storage.outbox, clock, audit, s);
        link->start();
    }

    bool registerWith(const QString &user = QStringLiteral("admin"),
                      const QString &password = QStringLiteral("admin-password"))
    {
        QSignalSpy done(link.get(), &Uplink::registrationFinished);
        link->registerGateway(QStringLiteral("DEMO-CODE"), user, password);
        if (!done.wait(15000)) {
            return false;
        }
        settle();
        return done.first().at(0).toBool();
    }

    // Lets queued ticks run until no request is in flight.
    void settle()
    {
        for (int i = 0; i < 3; ++i) {
            QTest::qWait(0);
            (void)QTest::qWaitFor([this] { return !link->isBusy(); }, 15000);
        }
    }

    bool syncAndDrain()
    {
        QSignalSpy drained(link.get(), &Uplink::drained);
        link->syncNow();
        return drained.wait(20000);
    }

    void enqueue(OutboxKind kind, const QString &device, const QJsonObject &data)
    {
        storage.outbox->enqueue(kind, device, toJson(data), clock.nowSecs());
    }

    TempDataDir dir;
    GatewayStorage storage;
    ManualClock clock;
    RecordingAuditSink audit;
    std::unique_ptr<Uplink> link;
};

QJsonArray receivedRecords(EmulatorProcess &emu)
{
    return emu.admin("GET", QStringLiteral("/admin/records")).value(QStringLiteral("records")).toArray();
}

} // namespace

class TestUplink : public QObject {
    Q_OBJECT
private slots:
    void endToEndValuesArriveExactly()
    {
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        Gateway gw(emu);
        const auto keyBefore = gw.storage.vault->activeKeyId();
        QVERIFY(gw.registerWith());
        QCOMPARE(gw.link->registration(), QStringLiteral("managed"));
        QVERIFY(gw.storage.vault->get(Uplink::kTokenSecret).has_value());
        QVERIFY(gw.storage.vault->activeKeyId() != keyBefore); // data key rotated at registration
        QVERIFY(gw.audit.actions.contains(QStringLiteral("uplink.registered")));

        QList<QJsonObject> sent;
        for (int d = 0; d < 3; ++d) {
            const QString sn = QStringLiteral("CNB00%1").arg(d);
            sent << countersRecord(sn, 1, 100000 + d * 7);
            gw.enqueue(OutboxKind::Counters, sn, sent.last());
            sent << consumablesRecord(sn, 1, 40 + d);
            gw.enqueue(OutboxKind::Consumables, sn, sent.last());
        }
        // An alert goes at once; counters and consumables wait for their slot.
        QSignalSpy attempts(gw.link.get(), &Uplink::attemptFinished);
        const QJsonObject alert = alertRecord(QStringLiteral("CNB001"), 1, QStringLiteral("paper_jam"));
        gw.enqueue(OutboxKind::Alert, QStringLiteral("CNB001"), alert);
        QVERIFY(attempts.wait(10000));
        gw.settle();
        QJsonArray got = receivedRecords(emu);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("alert"));
        QCOMPARE(got.at(0).toObject().value(QStringLiteral("data")).toObject(), alert);

        // The default schedule is once a day: the next day the rest goes.
        gw.clock.advance(24h);
        QVERIFY(QTest::qWaitFor([&] { return gw.storage.outbox->count() == 0; }, 15000));
        got = receivedRecords(emu);
        QCOMPARE(got.size(), 7);
        for (int i = 0; i < sent.size(); ++i) {
            const QJsonObject r = got.at(i + 1).toObject();
            QCOMPARE(r.value(QStringLiteral("data")).toObject(), sent.at(i));
            QCOMPARE(r.value(QStringLiteral("kind")).toString(),
                     QString(i % 2 == 0 ? QStringLiteral("counters") : QStringLiteral("consumables")));
            QCOMPARE(r.value(QStringLiteral("device")).toString(), QStringLiteral("CNB00%1").arg(i / 2));
        }
        QCOMPARE(gw.link->status().failure, UplinkFailure::None);
    }

    void alertIsNotHeldBehindWaitingCounters()
    {
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        Gateway gw(emu);
        QVERIFY(gw.registerWith());
        QList<storage::Outbox::NewRecord> poll;
        for (int i = 0; i < 3000; ++i) {
            const QString sn = QStringLiteral("SN%1").arg(i);
            poll.append({OutboxKind::Counters, sn, toJson(countersRecord(sn, 1, 1000 + i)), gw.clock.nowSecs()});
        }
        gw.storage.outbox->enqueueAll(poll);
        QSignalSpy attempts(gw.link.get(), &Uplink::attemptFinished);
        gw.enqueue(OutboxKind::Alert, QStringLiteral("SN7"),
                   alertRecord(QStringLiteral("SN7"), 1, QStringLiteral("door_open")));
        QVERIFY(attempts.wait(10000));
        gw.settle();
        const QJsonArray got = receivedRecords(emu);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("alert"));
        QCOMPARE(gw.storage.outbox->count(), 3000);
    }

    void fullUploadCycleUsesOneTlsConnection()
    {
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        Gateway gw(emu, [](uplink::UplinkSettings &s) { s.maxRecordsPerUpload = 50; });
        QVERIFY(gw.registerWith());
        for (int i = 0; i < 140; ++i) {
            const QString sn = QStringLiteral("SN%1").arg(i % 20);
            gw.enqueue(i % 2 ? OutboxKind::Counters : OutboxKind::Consumables, sn,
                       i % 2 ? countersRecord(sn, i, 1000 + i) : consumablesRecord(sn, i, 50));
        }
        emu.admin("POST", QStringLiteral("/admin/reset-stats"));
        QVERIFY(gw.syncAndDrain());
        const QJsonObject stats = emu.stats();
        QCOMPARE(stats.value(QStringLiteral("uploads")).toInt(), 3);
        QCOMPARE(stats.value(QStringLiteral("tlsConnections")).toInt(), 1);
        QCOMPARE(receivedRecords(emu).size(), 140);
    }

    void outageOfADayThenEverythingArrivesOnceInOrder()
    {
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        Gateway gw(emu);
        QVERIFY(gw.registerWith());
        QVERIFY(emu.fault(QStringLiteral("refuse")));
        QSignalSpy attempts(gw.link.get(), &Uplink::attemptFinished);
        QHash<QString, int> seq;
        int enqueued = 0;
        for (int step = 0; step < 144; ++step) { // 24 h in 10-minute steps
            const QString sn = QStringLiteral("SN%1").arg(step % 4);
            gw.enqueue(OutboxKind::Alert, sn,
                       alertRecord(sn, ++seq[sn + QStringLiteral("/alert")], QStringLiteral("toner_low")));
            ++enqueued;
            if (step % 6 == 0) {
                for (int d = 0; d < 4; ++d) {
                    const QString dev = QStringLiteral("SN%1").arg(d);
                    gw.enqueue(OutboxKind::Counters, dev,
                               countersRecord(dev, ++seq[dev + QStringLiteral("/counters")], 1000 + step));
                    ++enqueued;
                }
            }
            gw.clock.advance(10min);
            gw.settle();
        }
        // Backoff keeps the attempts far below one per step, and the status says why.
        QVERIFY2(attempts.size() > 5 && attempts.size() < 100, qPrintable(QString::number(attempts.size())));
        QCOMPARE(gw.link->status().failure, UplinkFailure::Tcp);
        QVERIFY2(gw.link->status().message.contains(QStringLiteral("refused")), qPrintable(gw.link->status().message));
        QCOMPARE(gw.storage.outbox->count(), enqueued);

        // Back, but the first acknowledgement is lost: the replay must be deduplicated.
        QVERIFY(emu.fault(QStringLiteral("ack-lost"), 1));
        for (int i = 0; i < 200 && gw.storage.outbox->count() > 0; ++i) {
            gw.clock.advance(1min);
            gw.settle();
        }
        QCOMPARE(gw.storage.outbox->count(), 0);
        const QJsonArray got = receivedRecords(emu);
        QCOMPARE(got.size(), enqueued);
        QSet<QString> keys;
        QHash<QString, int> last;
        for (const QJsonValue &v : got) {
            const QJsonObject r = v.toObject();
            keys.insert(r.value(QStringLiteral("key")).toString());
            const QString stream = r.value(QStringLiteral("device")).toString() + QLatin1Char('/') +
                                   r.value(QStringLiteral("kind")).toString();
            const int s = r.value(QStringLiteral("data")).toObject().value(QStringLiteral("seq")).toInt();
            QCOMPARE(s, last.value(stream) + 1); // in order per device, nothing missing
            last[stream] = s;
        }
        QCOMPARE(keys.size(), enqueued);
        QVERIFY(emu.stats().value(QStringLiteral("duplicates")).toInt() >= 1);
    }

    void failureClassesAreReportedPlainly()
    {
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        {
            // No extra CA: the emulator's certificate is not trusted.
            Gateway untrusted(emu, [](uplink::UplinkSettings &s) { s.extraCaFile.clear(); });
            QVERIFY(!untrusted.registerWith());
            const auto st = untrusted.link->status();
            QCOMPARE(st.failure, UplinkFailure::Tls);
            QVERIFY2(st.message.startsWith(QStringLiteral("TLS:")) &&
                         st.message.contains(QStringLiteral("certificate")),
                     qPrintable(st.message));
            QVERIFY(!untrusted.storage.vault->get(Uplink::kTokenSecret).has_value());
        }
        {
            // An answer slower than the transfer timeout.
            Gateway impatient(emu, [](uplink::UplinkSettings &s) { s.transferTimeoutMs = 300; });
            QVERIFY(impatient.registerWith());
            QVERIFY(emu.fault(QStringLiteral("slow"), 1, 3000));
            QSignalSpy attempt(impatient.link.get(), &Uplink::attemptFinished);
            impatient.enqueue(OutboxKind::Alert, QStringLiteral("SN1"),
                              alertRecord(QStringLiteral("SN1"), 1, QStringLiteral("slow")));
            QVERIFY(attempt.wait(10000));
            QCOMPARE(impatient.link->status().failure, UplinkFailure::Timeout);
            QCOMPARE(impatient.storage.outbox->count(), 1);
        }
        Gateway gw(emu);
        QVERIFY(gw.registerWith());
        auto attemptWith = [&](const QString &fault, int count) {
            if (!fault.isEmpty()) {
                emu.fault(fault, count);
            }
            gw.clock.advance(2h); // past any backoff
            QSignalSpy attempt(gw.link.get(), &Uplink::attemptFinished);
            gw.enqueue(OutboxKind::Alert, QStringLiteral("SN1"), alertRecord(QStringLiteral("SN1"), 1, fault));
            (void)attempt.wait(15000);
            gw.settle();
            return gw.link->status();
        };
        auto st = attemptWith(QStringLiteral("5xx"), 1);
        QCOMPARE(st.failure, UplinkFailure::Server);
        QCOMPARE(st.httpStatus, 503);
        st = attemptWith(QStringLiteral("drop"), -1);
        QCOMPARE(st.failure, UplinkFailure::Tcp);
        QVERIFY2(st.message.contains(QStringLiteral("closed")), qPrintable(st.message));
        st = attemptWith(QStringLiteral("refuse"), -1);
        QCOMPARE(st.failure, UplinkFailure::Tcp);
        QVERIFY2(st.message.contains(QStringLiteral("refused")), qPrintable(st.message));
        QVERIFY(emu.fault(QStringLiteral("none")));
        emu.admin("POST", QStringLiteral("/admin/revoke"));
        st = attemptWith(QString(), 0);
        QCOMPARE(st.failure, UplinkFailure::TokenRevoked);
        QCOMPARE(st.httpStatus, 401);
        QCOMPARE(gw.link->registration(), QStringLiteral("revoked"));
        QVERIFY(gw.storage.outbox->count() > 0); // nothing is thrown away
        QVERIFY(gw.audit.actions.contains(QStringLiteral("uplink.token.revoked")));
    }

    void pendingUntilApproved()
    {
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        Gateway gw(emu);
        QVERIFY(gw.registerWith(QString(), QString()));
        QCOMPARE(gw.link->registration(), QStringLiteral("pending"));
        gw.enqueue(OutboxKind::Alert, QStringLiteral("SN1"),
                   alertRecord(QStringLiteral("SN1"), 1, QStringLiteral("a")));
        gw.clock.advance(1min);
        gw.settle();
        QCOMPARE(receivedRecords(emu).size(), 0);
        emu.admin("POST", QStringLiteral("/admin/approve"));
        gw.clock.advance(5min);
        QVERIFY(QTest::qWaitFor([&] { return gw.storage.outbox->count() == 0; }, 15000));
        QCOMPARE(gw.link->registration(), QStringLiteral("managed"));
        QCOMPARE(receivedRecords(emu).size(), 1);
    }

    void anonymousModeSendsNoneOfTheProtectedValues()
    {
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        Gateway gw(emu, [](uplink::UplinkSettings &s) {
            s.anonymousAtInstall = true;
            s.gatewayInfo = [] {
                return QJsonObject{{QStringLiteral("hostName"), QStringLiteral("gw-secret-host")},
                                   {QStringLiteral("ipAddress"), QStringLiteral("10.77.1.5")},
                                   {QStringLiteral("subnetMask"), QStringLiteral("255.255.252.0")},
                                   {QStringLiteral("defaultGateway"), QStringLiteral("10.77.0.1")},
                                   {QStringLiteral("primaryDns"), QStringLiteral("10.77.0.53")},
                                   {QStringLiteral("secondaryDns"), QStringLiteral("10.77.0.54")}};
            };
        });
        QVERIFY(gw.link->isAnonymous());
        QVERIFY(gw.registerWith());
        QJsonObject counters = countersRecord(QStringLiteral("CNB777"), 1, 424242);
        QJsonObject device = counters.value(QStringLiteral("device")).toObject();
        device.insert(QStringLiteral("ipAddress"), QStringLiteral("10.88.4.21"));
        device.insert(QStringLiteral("subnetMask"), QStringLiteral("255.255.255.128"));
        device.insert(QStringLiteral("defaultGateway"), QStringLiteral("10.88.4.1"));
        device.insert(QStringLiteral("dnsServers"), QJsonArray{QStringLiteral("10.88.0.9")});
        device.insert(QStringLiteral("hostName"), QStringLiteral("prn-secret-floor"));
        device.insert(QStringLiteral("location"), QStringLiteral("Secret Lab 12"));
        counters.insert(QStringLiteral("device"), device);
        gw.enqueue(OutboxKind::Counters, QStringLiteral("CNB777"), counters);
        QJsonObject alert = alertRecord(QStringLiteral("CNB777"), 1, QStringLiteral("jam"));
        alert.insert(QStringLiteral("device"), device);
        alert.insert(QStringLiteral("description"), QStringLiteral("prn-secret-floor (10.88.4.21) jammed"));
        gw.enqueue(OutboxKind::Alert, QStringLiteral("CNB777"), alert);
        gw.enqueue(OutboxKind::Discovery, QString(),
                   QJsonObject{{QStringLiteral("ranges"), QJsonArray{QStringLiteral("10.99.0.0/16")}}});
        QVERIFY(gw.syncAndDrain());
        QCOMPARE(gw.storage.outbox->count(), 0);
        const QByteArray captured = TempDataDir::readAll(emu.captureFile());
        QVERIFY(captured.contains("424242")); // the counters did arrive
        for (const char *secret :
             {"gw-secret-host", "10.77.1.5", "255.255.252.0", "10.77.0.1", "10.77.0.53", "10.77.0.54", "10.88.4.21",
              "255.255.255.128", "10.88.4.1", "10.88.0.9", "prn-secret-floor", "Secret Lab", "10.99.0.0"}) {
            QVERIFY2(!captured.contains(secret), secret);
        }
        for (const QJsonValue &v : receivedRecords(emu)) {
            QVERIFY(v.toObject().value(QStringLiteral("kind")).toString() != QLatin1String("discovery"));
        }
        QString error;
        QVERIFY(!gw.link->setAnonymous(false, error));
        QVERIFY(!error.isEmpty());
        QVERIFY(gw.audit.actions.contains(QStringLiteral("uplink.anonymization.change_refused")));
        QVERIFY(gw.link->isAnonymous());
    }

    void manageModeKeepsAliveAndExpiresToMonitor()
    {
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        Gateway gw(emu);
        QVERIFY(gw.registerWith());
        emu.admin("POST", QStringLiteral("/admin/tasks"),
                  {{QStringLiteral("task"), QJsonObject{{QStringLiteral("id"), QStringLiteral("t1")},
                                                        {QStringLiteral("type"), QStringLiteral("refresh")}}}});
        emu.admin("POST", QStringLiteral("/admin/reset-stats"));
        QSignalSpy tasks(gw.link.get(), &Uplink::taskReceived);
        QSignalSpy modes(gw.link.get(), &Uplink::modeChanged);
        gw.link->setMode(uplink::ConnectionMode::Manage, gw.clock.nowUtc().addSecs(3600));
        gw.link->syncNow();
        QVERIFY(tasks.wait(10000));
        QCOMPARE(tasks.first().at(0).toJsonObject().value(QStringLiteral("id")).toString(), QStringLiteral("t1"));
        gw.settle();
        const int before = emu.stats().value(QStringLiteral("requests")).toInt();
        gw.clock.advance(4min); // keep-alive
        gw.settle();
        QVERIFY(
            QTest::qWaitFor([&] { return emu.stats().value(QStringLiteral("requests")).toInt() == before + 1; }, 5000));
        gw.clock.advance(3min); // not yet due again
        gw.settle();
        QCOMPARE(emu.stats().value(QStringLiteral("requests")).toInt(), before + 1);
        // The task channel stays on one persistent connection.
        QCOMPARE(emu.stats().value(QStringLiteral("tlsConnections")).toInt(), 1);
        gw.clock.advance(1h);
        gw.settle();
        QCOMPARE(gw.link->status().mode, uplink::ConnectionMode::Monitor);
        QCOMPARE(modes.size(), 2); // to Manage, then back to Monitor
        QVERIFY(gw.audit.actions.contains(QStringLiteral("uplink.mode.expired")));
    }
};

QTEST_GUILESS_MAIN(TestUplink)
#include "TestUplink.moc"
