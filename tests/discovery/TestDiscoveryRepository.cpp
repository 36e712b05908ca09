#include <netgateway/core/discovery/DiscoveryRepository.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>

#include "ManualClock.h"
#include "TempDataDir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace netgateway;
using namespace netgateway::core::discovery;

namespace {

class RecordingAudit final : public core::AuditSink {
public:
    void record(const QString &action, const QString &subject, const QJsonObject &details) override
    {
        entries.append({action, subject, details});
    }
    struct Entry {
        QString action;
        QString subject;
        QJsonObject details;
    };
    QList<Entry> entries;
};

const QByteArray kCommunity = "s3cret-Community-41";
const QByteArray kAuthPass = "auth-Passphrase-93";
const QByteArray kPrivPass = "priv-Passphrase-27";

DiscoverySettings validSettings()
{
    DiscoverySettings s;
    s.name = QStringLiteral("Head office");
    s.targets = {QStringLiteral("192.0.2.0/24"), QStringLiteral("198.51.100.10-198.51.100.20"),
                 QStringLiteral("printer-1.example.com"), QStringLiteral("2001:db8::10")};
    s.exclusions = {QStringLiteral("192.0.2.128/25")};
    Credential v2;
    v2.version = Credential::Version::V2c;
    v2.community = QString::fromLatin1(kCommunity);
    Credential v3;
    v3.version = Credential::Version::V3;
    v3.user = QStringLiteral("ops");
    v3.auth = Credential::AuthProtocol::SHA256;
    v3.authPassphrase = QString::fromLatin1(kAuthPass);
    v3.priv = Credential::PrivProtocol::AES128;
    v3.privPassphrase = QString::fromLatin1(kPrivPass);
    v3.context = QStringLiteral("ctx");
    s.credentials = {v2, v3};
    s.wsDiscovery = true;
    QString error;
    s.schedule = *Schedule::parse(QStringLiteral("13:30, 08:00"), error);
    s.registration = Registration::Managed;
    return s;
}

} // namespace

class TestDiscoveryRepository : public QObject {
    Q_OBJECT
private:
    test::TempDataDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::FileKeyStore> m_keys;
    std::unique_ptr<storage::SecretVault> m_vault;
    test::ManualClock m_clock;
    RecordingAudit m_audit;
    std::unique_ptr<DiscoveryRepository> m_repo;

    qint64 count(const char *table)
    {
        const QByteArray sql = QByteArray("SELECT count(*) FROM ") + table;
        return m_db->scalar(sql.constData())->toLongLong();
    }
    void verifyNothingStored()
    {
        QCOMPARE(count("discovery_settings"), 0);
        QCOMPARE(count("discovery_targets"), 0);
        QCOMPARE(count("discovery_credentials"), 0);
        QCOMPARE(count("secrets"), 0);
        QVERIFY(m_audit.entries.isEmpty());
    }

private slots:
    void init()
    {
        m_repo.reset();
        m_vault.reset();
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("netgateway.db")));
        storage::Migrations::apply(*m_db);
        m_db->exec("DELETE FROM discovery_settings; DELETE FROM secrets;");
        m_keys = std::make_unique<storage::FileKeyStore>(m_dir.filePath(QStringLiteral("vault.key")));
        m_vault = std::make_unique<storage::SecretVault>(*m_db, *m_keys);
        m_audit.entries.clear();
        m_repo = std::make_unique<DiscoveryRepository>(*m_db, *m_vault, m_clock, m_audit);
    }

    void refusedInputsStoreNothing_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<QString>("message");
        QTest::newRow("entry over /16") << "targets" << QStringList{QStringLiteral("10.0.0.0/15")}
                                        << "covers 131,072 addresses; one entry may cover at most 65,536 (a /16)";
        QTest::newRow("range over /16") << "targets" << QStringList{QStringLiteral("192.0.0.0-192.1.0.0")}
                                        << "covers 65,537 addresses; one entry may cover at most 65,536 (a /16)";
        QTest::newRow("v6 over /16") << "targets" << QStringList{QStringLiteral("2001:db8::/64")}
                                     << "one entry may cover at most 65,536 (a /16)";
        QStringList seventeen;
        for (int i = 0; i < 17; ++i) {
            seventeen.append(QStringLiteral("172.%1.0.0/16").arg(i));
        }
        QTest::newRow("setting over limit")
            << "targets" << seventeen << "covers 1,114,112 addresses in total; a setting may cover at most 1,048,576";
        QTest::newRow("reversed range") << "targets" << QStringList{QStringLiteral("192.0.2.50-192.0.2.1")}
                                        << "range '192.0.2.50-192.0.2.1' is reversed";
        QTest::newRow("bad host name") << "targets" << QStringList{QStringLiteral("printer_1.example.com")}
                                       << "'printer_1.example.com' is neither an address, a range, a subnet nor a "
                                          "valid host name";
        QTest::newRow("bad exclusion") << "exclusions" << QStringList{QStringLiteral("192.0.2.9-192.0.2.1")}
                                       << "exclusion: range '192.0.2.9-192.0.2.1' is reversed";
        QTest::newRow("empty credentials")
            << "credentials" << QStringList{} << "has an empty credential list; give at least one SNMP community";
        QTest::newRow("no targets") << "targets" << QStringList{} << "has no targets";
        QTest::newRow("empty name") << "name" << QStringList{QStringLiteral("  ")} << "needs a name";
        QTest::newRow("seven times") << "schedule" << QStringList{QStringLiteral("01:00"), QStringLiteral("02:00"),
                                                                  QStringLiteral("03:00"), QStringLiteral("04:00"),
                                                                  QStringLiteral("05:00"), QStringLiteral("06:00"),
                                                                  QStringLiteral("07:00")}
                                     << "1 to 6 times a day";
        QTest::newRow("short passphrase") << "authPassphrase" << QStringList{QStringLiteral("short")}
                                          << "credential 2: the authentication passphrase of SNMP v3 user 'ops' must "
                                             "be 8 to 1024 characters long";
    }
    void refusedInputsStoreNothing()
    {
        QFETCH(QString, field);
        QFETCH(QStringList, values);
        QFETCH(QString, message);
        DiscoverySettings s = validSettings();
        if (field == QLatin1String("targets")) {
            s.targets = values;
        } else if (field == QLatin1String("exclusions")) {
            s.exclusions = values;
        } else if (field == QLatin1String("credentials")) {
            s.credentials.clear();
        } else if (field == QLatin1String("name")) {
            s.name = values.first();
        } else if (field == QLatin1String("schedule")) {
            s.schedule.times.clear();
            for (const QString &t : values) {
                s.schedule.times.append(QTime::fromString(t, QStringLiteral("HH:mm")));
            }
        } else if (field == QLatin1String("authPassphrase")) {
            s.credentials[1].authPassphrase = values.first();
        }
        try {
            m_repo->add(s);
            QFAIL("the setting was accepted");
        } catch (const DiscoveryError &e) {
            QVERIFY2(e.message().contains(message), qPrintable(e.message()));
        }
        verifyNothingStored();
    }

    void scheduleParserRefusesBadTimes()
    {
        QString error;
        QVERIFY(!Schedule::parse(QStringLiteral("1:00,2:00,3:00,4:00,5:00,6:00,7:00"), error));
        QVERIFY(error.contains(QStringLiteral("1 to 6 times a day")));
        QVERIFY(!Schedule::parse(QStringLiteral("25:00"), error));
        QVERIFY(error.contains(QStringLiteral("HH:MM")));
        QVERIFY(!Schedule::parse(QStringLiteral("08:00,8:00"), error));
        QVERIFY(error.contains(QStringLiteral("twice")));
        QVERIFY(Schedule::parse(QStringLiteral("manual"), error)->isManual());
    }

    void storesReadsAndKeepsSecretsInTheVault()
    {
        const qint64 id = m_repo->add(validSettings());
        QVERIFY(id > 0);
        const auto plain = m_repo->find(id);
        QVERIFY(plain);
        QCOMPARE(plain->name, QStringLiteral("Head office"));
        QCOMPARE(plain->targets,
                 (QStringList{QStringLiteral("192.0.2.0/24"), QStringLiteral("198.51.100.10-198.51.100.20"),
                              QStringLiteral("printer-1.example.com"), QStringLiteral("2001:db8::10")}));
        QCOMPARE(plain->exclusions, QStringList{QStringLiteral("192.0.2.128/25")});
        QCOMPARE(plain->schedule.toText(), QStringLiteral("08:00,13:30"));
        QCOMPARE(plain->registration, Registration::Managed);
        QVERIFY(plain->wsDiscovery);
        QCOMPARE(plain->credentials.size(), 2);
        QVERIFY(plain->credentials[0].community.isEmpty());
        QCOMPARE(plain->credentials[1].user, QStringLiteral("ops"));
        QCOMPARE(plain->credentials[1].auth, Credential::AuthProtocol::SHA256);
        QCOMPARE(plain->credentials[1].priv, Credential::PrivProtocol::AES128);
        QVERIFY(plain->credentials[1].authPassphrase.isEmpty());

        const auto full = m_repo->find(id, DiscoveryRepository::Secrets::Include);
        QCOMPARE(full->credentials[0].community.toLatin1(), kCommunity);
        QCOMPARE(full->credentials[1].authPassphrase.toLatin1(), kAuthPass);
        QCOMPARE(full->credentials[1].privPassphrase.toLatin1(), kPrivPass);
        QCOMPARE(count("secrets"), 3);

        // No secret in any plain column, the JSON form or the audit trail.
        m_db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        const QByteArray file = test::TempDataDir::readAll(m_dir.filePath(QStringLiteral("netgateway.db")));
        for (const QByteArray &secret : {kCommunity, kAuthPass, kPrivPass}) {
            QVERIFY(!file.contains(secret));
            QVERIFY(!QJsonDocument(toJson(*full)).toJson().contains(secret));
            for (const auto &entry : m_audit.entries) {
                QVERIFY(!QJsonDocument(entry.details).toJson().contains(secret));
            }
        }
        QCOMPARE(m_audit.entries.size(), 1);
        QCOMPARE(m_audit.entries[0].action, QStringLiteral("create discovery setting"));
    }

    void duplicateNameIsRefused()
    {
        m_repo->add(validSettings());
        try {
            m_repo->add(validSettings());
            QFAIL("accepted a duplicate name");
        } catch (const DiscoveryError &e) {
            QVERIFY(e.message().contains(QStringLiteral("already exists")));
        }
        QCOMPARE(count("discovery_settings"), 1);
        QCOMPARE(count("secrets"), 3);
    }

    void updateReplacesAndRefusalKeepsOld()
    {
        const qint64 id = m_repo->add(validSettings());
        DiscoverySettings s = validSettings();
        s.id = id;
        s.credentials.removeLast();
        s.credentials[0].community = QStringLiteral("another-community");
        s.targets = {QStringLiteral("203.0.113.0/28")};
        m_repo->update(s);
        auto back = m_repo->find(id, DiscoveryRepository::Secrets::Include);
        QCOMPARE(back->targets, QStringList{QStringLiteral("203.0.113.0/28")});
        QCOMPARE(back->credentials.size(), 1);
        QCOMPARE(back->credentials[0].community, QStringLiteral("another-community"));
        QCOMPARE(count("secrets"), 1);

        s.targets = {QStringLiteral("203.0.113.9-203.0.113.1")};
        QVERIFY_THROWS_EXCEPTION(DiscoveryError, m_repo->update(s));
        back = m_repo->find(id);
        QCOMPARE(back->targets, QStringList{QStringLiteral("203.0.113.0/28")});
        QCOMPARE(count("secrets"), 1);
    }

    void deleteRemovesSecrets()
    {
        const qint64 id = m_repo->add(validSettings());
        QVERIFY(m_repo->remove(id));
        QVERIFY(!m_repo->remove(id));
        QVERIFY(!m_repo->find(id));
        QCOMPARE(count("discovery_targets"), 0);
        QCOMPARE(count("discovery_credentials"), 0);
        QCOMPARE(count("secrets"), 0);
        QCOMPARE(m_audit.entries.last().action, QStringLiteral("delete discovery setting"));
    }

    void listAndFindByName()
    {
        m_repo->add(validSettings());
        DiscoverySettings other = validSettings();
        other.name = QStringLiteral("Annex");
        m_repo->add(other);
        const auto all = m_repo->list();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].name, QStringLiteral("Annex"));
        QVERIFY(m_repo->findByName(QStringLiteral("Head office")));
        QVERIFY(!m_repo->findByName(QStringLiteral("nope")));
    }

    void jsonRoundTrip()
    {
        QJsonObject json = toJson(validSettings());
        QJsonArray creds = json.value(QStringLiteral("credentials")).toArray();
        QJsonObject c0 = creds[0].toObject();
        c0.insert(QStringLiteral("community"), QString::fromLatin1(kCommunity));
        creds[0] = c0;
        json.insert(QStringLiteral("credentials"), creds);
        QString error;
        const auto parsed = fromJson(json, error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->credentials[0].community.toLatin1(), kCommunity);
        QCOMPARE(parsed->schedule.toText(), QStringLiteral("08:00,13:30"));
        json.insert(QStringLiteral("registration"), QStringLiteral("maybe"));
        QVERIFY(!fromJson(json, error));
        QVERIFY(error.contains(QStringLiteral("managed")));
    }

    void deviceRecoverySettingsAreStoredAndAudited()
    {
        DeviceRecoveryStore store(*m_db, m_clock, m_audit);
        QCOMPARE(store.load().missedPolls, 3);
        store.save({true, 7});
        QCOMPARE(store.load().missedPolls, 7);
        QCOMPARE(m_audit.entries.last().action, QStringLiteral("configure device recovery settings"));
        QVERIFY_THROWS_EXCEPTION(DiscoveryError, store.save({true, 0}));
        QCOMPARE(store.load().missedPolls, 7);
    }
};

QTEST_GUILESS_MAIN(TestDiscoveryRepository)
#include "TestDiscoveryRepository.moc"
