#include <netgateway/core/discovery/Inventory.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include "ManualClock.h"
#include "TempDataDir.h"

#include <QTest>

using namespace netgateway;
using namespace netgateway::core::discovery;
using namespace std::chrono_literals;
using Outcome = InventoryRepository::Outcome;

class TestInventory : public QObject {
    Q_OBJECT
private:
    test::TempDataDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    test::ManualClock m_clock;
    std::unique_ptr<InventoryRepository> m_inv;

    qint64 deviceCount() { return m_db->scalar("SELECT count(*) FROM devices")->toLongLong(); }

    static DeviceObservation seen(const QString &address, const QString &serial, const QString &mac = {})
    {
        DeviceObservation o;
        o.address = address;
        o.serialNumber = serial;
        o.macAddress = mac;
        o.manufacturer = QStringLiteral("Acme");
        o.model = QStringLiteral("LaserJet 9");
        o.via = {QStringLiteral("snmp")};
        return o;
    }

private slots:
    void init()
    {
        m_inv.reset();
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("netgateway.db")));
        storage::Migrations::apply(*m_db);
        m_db->exec("DELETE FROM devices");
        m_inv = std::make_unique<InventoryRepository>(*m_db, m_clock);
    }

    void movedDeviceKeepsIdStateAndHistory()
    {
        const auto first =
            m_inv->upsert(seen(QStringLiteral("192.0.2.10"), QStringLiteral("CN12345")), Registration::Pending);
        QCOMPARE(first.outcome, Outcome::New);
        QCOMPARE(m_db->scalar("SELECT hex(address_key) FROM devices")->toString(), QStringLiteral("04C000020A"));
        // The administrator accepts it, and some history is attached to the id.
        m_db->exec("UPDATE devices SET state = 'managed'");
        m_db->exec("CREATE TEMP TABLE history(device_id INTEGER, value INTEGER)");
        storage::Statement h(*m_db, "INSERT INTO history VALUES(?1, 42)");
        h.bind(1, first.id);
        h.run();
        const qint64 firstSeen = m_inv->find(first.id)->firstSeen;

        m_clock.advance(24h);
        // DHCP gave it another address; a run with Managed registration must
        // not change its state either.
        const auto second =
            m_inv->upsert(seen(QStringLiteral("192.0.2.77"), QStringLiteral(" CN12345 ")), Registration::Managed);
        QCOMPARE(second.outcome, Outcome::Moved);
        QCOMPARE(second.id, first.id);
        QCOMPARE(second.previousAddress, QStringLiteral("192.0.2.10"));
        QCOMPARE(deviceCount(), 1);
        const auto record = m_inv->find(first.id);
        QCOMPARE(record->address, QStringLiteral("192.0.2.77"));
        QCOMPARE(record->previousAddress, QStringLiteral("192.0.2.10"));
        QCOMPARE(record->state, QStringLiteral("managed"));
        QCOMPARE(record->firstSeen, firstSeen);
        QCOMPARE(record->lastSeen, firstSeen + 24 * 3600);
        QCOMPARE(m_db->scalar("SELECT device_id FROM history WHERE value = 42")->toLongLong(), first.id);
        // The sort key follows the address.
        QCOMPARE(m_db->scalar("SELECT hex(address_key) FROM devices")->toString(), QStringLiteral("04C000024D"));

        const auto third =
            m_inv->upsert(seen(QStringLiteral("192.0.2.77"), QStringLiteral("CN12345")), Registration::Pending);
        QCOMPARE(third.outcome, Outcome::Seen);
        QCOMPARE(third.id, first.id);
    }

    void macIdentifiesDeviceWithoutSerial()
    {
        const auto a = m_inv->upsert(seen(QStringLiteral("192.0.2.1"), {}, QStringLiteral("00-1B-A9-0C-11-22")),
                                     Registration::Managed);
        const auto b =
            m_inv->upsert(seen(QStringLiteral("192.0.2.2"), QStringLiteral("unknown"), QStringLiteral("001ba90c1122")),
                          Registration::Managed);
        QCOMPARE(b.id, a.id);
        QCOMPARE(b.outcome, Outcome::Moved);
        QCOMPARE(m_inv->find(a.id)->macAddress, QStringLiteral("00:1b:a9:0c:11:22"));
        // Learning the serial later fills it in on the same record.
        const auto c = m_inv->upsert(
            seen(QStringLiteral("192.0.2.2"), QStringLiteral("SN-9"), QStringLiteral("00:1b:a9:0c:11:22")),
            Registration::Managed);
        QCOMPARE(c.id, a.id);
        QCOMPARE(m_inv->find(a.id)->serialNumber, QStringLiteral("SN-9"));
        QCOMPARE(deviceCount(), 1);
    }

    void overlappingSettingsCreateNoDuplicates()
    {
        // Two settings covering the same subnet find the same three printers,
        // one of them through WS-Discovery as well.
        for (qint64 setting : {1, 2}) {
            for (int i = 0; i < 3; ++i) {
                auto o = seen(QStringLiteral("192.0.2.%1").arg(20 + i), QStringLiteral("SER%1").arg(i),
                              QStringLiteral("00:00:5e:00:53:%1").arg(i, 2, 10, QChar(u'0')));
                if (setting == 2 && i == 0) {
                    o.via = {QStringLiteral("wsd")};
                }
                const auto r = m_inv->upsert(o, Registration::Pending);
                QCOMPARE(r.outcome, setting == 1 ? Outcome::New : Outcome::Seen);
            }
        }
        QCOMPARE(deviceCount(), 3);
        const auto one = m_inv->findByPhysicalKey(QStringLiteral("SER0"), {});
        QCOMPARE(one->via, (QStringList{QStringLiteral("snmp"), QStringLiteral("wsd")}));
    }

    void differentSerialWithSameMacIsAnotherDevice()
    {
        const auto a =
            m_inv->upsert(seen(QStringLiteral("192.0.2.1"), QStringLiteral("A1"), QStringLiteral("00:00:5e:00:53:01")),
                          Registration::Managed);
        const auto b =
            m_inv->upsert(seen(QStringLiteral("192.0.2.2"), QStringLiteral("B2"), QStringLiteral("00:00:5e:00:53:01")),
                          Registration::Managed);
        QVERIFY(a.id != b.id);
        QCOMPARE(deviceCount(), 2);
        QVERIFY(m_inv->find(b.id)->macAddress.isEmpty());
    }

    void anonymousDeviceIsKeyedByAddress()
    {
        const auto a = m_inv->upsert(seen(QStringLiteral("192.0.2.5"), {}), Registration::Pending);
        const auto b = m_inv->upsert(seen(QStringLiteral("192.0.2.5"), QStringLiteral("n/a")), Registration::Pending);
        QCOMPARE(b.id, a.id);
        QCOMPARE(b.outcome, Outcome::Seen);
        QVERIFY_THROWS_EXCEPTION(DiscoveryError, m_inv->upsert(seen(QStringLiteral("not-an-ip"), QStringLiteral("X")),
                                                               Registration::Pending));
        QCOMPARE(deviceCount(), 1);
    }

    void normalisesKeys()
    {
        QCOMPARE(InventoryRepository::normalizeMac(QStringLiteral("AA:BB:CC:DD:EE:0F")),
                 QStringLiteral("aa:bb:cc:dd:ee:0f"));
        QCOMPARE(InventoryRepository::normalizeMac(QStringLiteral("aabb.ccdd.ee0f")),
                 QStringLiteral("aa:bb:cc:dd:ee:0f"));
        QVERIFY(InventoryRepository::normalizeMac(QStringLiteral("00:00:00:00:00:00")).isEmpty());
        QVERIFY(InventoryRepository::normalizeMac(QStringLiteral("ff:ff:ff:ff:ff:ff")).isEmpty());
        QVERIFY(InventoryRepository::normalizeMac(QStringLiteral("aa:bb:cc:dd:ee")).isEmpty());
        QVERIFY(InventoryRepository::normalizeMac(QStringLiteral("aa;bb:cc:dd:ee:ff")).isEmpty());
        QVERIFY(InventoryRepository::normalizeSerial(QStringLiteral("0000")).isEmpty());
        QCOMPARE(InventoryRepository::normalizeSerial(QStringLiteral("  X12 ")), QStringLiteral("X12"));
    }

    void credentialThatWorkedIsRemembered()
    {
        m_db->exec("INSERT INTO discovery_settings(id, name, wsd_enabled, schedule, registration, created_at, "
                   "updated_at) VALUES(5, 's', 0, 'manual', 'pending', 0, 0)");
        auto o = seen(QStringLiteral("192.0.2.8"), QStringLiteral("K1"));
        o.settingId = 5;
        o.credentialPosition = 2;
        const auto r = m_inv->upsert(o, Registration::Pending);
        const auto rec = m_inv->find(r.id);
        QCOMPARE(rec->credentialSetting, 5);
        QCOMPARE(rec->credentialPosition, 2);
        QCOMPARE(rec->foundBy, 5);
        QCOMPARE(m_inv->recordMissedPoll(r.id), 1);
        QCOMPARE(m_inv->recordMissedPoll(r.id), 2);
        m_inv->upsert(seen(QStringLiteral("192.0.2.8"), QStringLiteral("K1")), Registration::Pending);
        QCOMPARE(m_inv->find(r.id)->missedPolls, 0);
        QCOMPARE(m_inv->find(r.id)->credentialPosition, 2);
        m_db->exec("DELETE FROM discovery_settings");
    }
};

QTEST_GUILESS_MAIN(TestInventory)
#include "TestInventory.moc"
