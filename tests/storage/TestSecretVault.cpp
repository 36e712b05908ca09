#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>

#include "TempDataDir.h"

#include <QFile>
#include <QTest>

using namespace netgateway::storage;
using netgateway::test::TempDataDir;

namespace {

// A key store that keeps the ring in memory and can fail on demand, to
// interrupt a rotation at its most delicate point.
class MemoryKeyStore final : public KeyStore {
public:
    bool load(KeyRing &out) override
    {
        if (!m_has) {
            return false;
        }
        out = m_ring;
        return true;
    }
    void save(const KeyRing &ring) override
    {
        ++saves;
        if (failOnSave == saves) {
            throw StorageError(StorageError::Kind::Io, QStringLiteral("simulated crash"));
        }
        m_ring = ring;
        m_has = true;
    }
    [[nodiscard]] QString describe() const override { return QStringLiteral("memory"); }
    int saves = 0;
    int failOnSave = -1;
    KeyRing m_ring;
    bool m_has = false;
};

} // namespace

class TestSecretVault : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<Database> openDb(const TempDataDir &dir)
    {
        auto db = Database::open(dir.filePath(QStringLiteral("netgateway.db")));
        Migrations::apply(*db);
        return db;
    }

private slots:
    void storedSecretIsNotInDatabaseOrWal()
    {
        TempDataDir dir;
        const QByteArray secret = "Pr1vate-Community-7f3e9a";
        auto db = openDb(dir);
        FileKeyStore keys(dir.filePath(QStringLiteral("vault.key")));
        SecretVault vault(*db, keys);
        vault.put(QStringLiteral("snmp/community/1"), secret);
        vault.put(QStringLiteral("cloud/token"), QByteArray(300, 'T'));

        // While open: the newest data sits in the WAL.
        const QByteArray dbBytes = TempDataDir::readAll(dir.filePath(QStringLiteral("netgateway.db")));
        const QByteArray walBytes = TempDataDir::readAll(dir.filePath(QStringLiteral("netgateway.db-wal")));
        QVERIFY(!walBytes.isEmpty());
        QVERIFY(!dbBytes.contains(secret));
        QVERIFY(!walBytes.contains(secret));
        QVERIFY(!walBytes.contains(QByteArray(300, 'T')));
        QCOMPARE(vault.get(QStringLiteral("snmp/community/1")).value(), secret);

        // After a checkpoint the main file holds it all, still encrypted.
        db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        QVERIFY(!TempDataDir::readAll(dir.filePath(QStringLiteral("netgateway.db"))).contains(secret));
        // And the key file is private to the service account.
        const auto perms = QFile::permissions(dir.filePath(QStringLiteral("vault.key")));
        QVERIFY(perms & QFileDevice::ReadOwner);
        QCOMPARE(perms & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                          QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther),
                 QFileDevice::Permissions());
    }

    void readsBackAfterReopen()
    {
        TempDataDir dir;
        {
            auto db = openDb(dir);
            FileKeyStore keys(dir.filePath(QStringLiteral("vault.key")));
            SecretVault vault(*db, keys);
            vault.put(QStringLiteral("proxy/password"), QByteArray("p\x00q\xffz", 5));
            vault.put(QStringLiteral("empty"), QByteArray());
        }
        auto db = openDb(dir);
        FileKeyStore keys(dir.filePath(QStringLiteral("vault.key")));
        SecretVault vault(*db, keys);
        QCOMPARE(vault.get(QStringLiteral("proxy/password")).value(), QByteArray("p\x00q\xffz", 5));
        QCOMPARE(vault.get(QStringLiteral("empty")).value(), QByteArray());
        QVERIFY(!vault.get(QStringLiteral("absent")).has_value());
        QCOMPARE(vault.names(), (QStringList{QStringLiteral("empty"), QStringLiteral("proxy/password")}));
        QVERIFY(vault.remove(QStringLiteral("empty")));
        QVERIFY(!vault.remove(QStringLiteral("empty")));
    }

    void everyValueGetsAFreshNonce()
    {
        TempDataDir dir;
        auto db = openDb(dir);
        MemoryKeyStore keys;
        SecretVault vault(*db, keys);
        vault.put(QStringLiteral("a"), "same");
        vault.put(QStringLiteral("b"), "same");
        Statement st(*db, "SELECT nonce, ciphertext FROM secrets ORDER BY name");
        QVERIFY(st.step());
        const QByteArray nonceA = st.blob(0);
        const QByteArray cipherA = st.blob(1);
        QVERIFY(st.step());
        QVERIFY(nonceA != st.blob(0));
        QVERIFY(cipherA != st.blob(1));
    }

    void tamperingIsDetectedWithoutRevealingTheValue()
    {
        TempDataDir dir;
        auto db = openDb(dir);
        MemoryKeyStore keys;
        SecretVault vault(*db, keys);
        vault.put(QStringLiteral("a"), "secret-value-a");
        vault.put(QStringLiteral("b"), "secret-value-b");
        // Swapping ciphertexts between names fails: the name is authenticated.
        db->exec("UPDATE secrets SET name = 'tmp' WHERE name = 'a'");
        db->exec("UPDATE secrets SET name = 'a' WHERE name = 'b'");
        try {
            (void)vault.get(QStringLiteral("a"));
            QFAIL("a swapped value was accepted");
        } catch (const StorageError &e) {
            QCOMPARE(e.kind(), StorageError::Kind::Crypto);
            QVERIFY(!e.message().contains(QStringLiteral("secret-value")));
        }
        // Flipping one ciphertext bit fails too.
        db->exec("UPDATE secrets SET ciphertext = zeroblob(length(ciphertext)) WHERE name = 'tmp'");
        QVERIFY_THROWS_EXCEPTION(StorageError, (void)vault.get(QStringLiteral("tmp")));
    }

    void rotationReencryptsEverything()
    {
        TempDataDir dir;
        auto db = openDb(dir);
        FileKeyStore keys(dir.filePath(QStringLiteral("vault.key")));
        SecretVault vault(*db, keys);
        for (int i = 0; i < 20; ++i) {
            vault.put(QStringLiteral("s%1").arg(i), QByteArray::number(i * 7919));
        }
        const QByteArray before = TempDataDir::readAll(dir.filePath(QStringLiteral("vault.key")));
        const auto oldId = vault.activeKeyId();
        vault.rotateKey();
        QVERIFY(vault.activeKeyId() != oldId);
        QVERIFY(TempDataDir::readAll(dir.filePath(QStringLiteral("vault.key"))) != before);
        QCOMPARE(db->scalar("SELECT count(*) FROM secrets WHERE key_id <> (SELECT max(key_id) FROM secrets)")->toInt(),
                 0);
        // The key file now holds only the new key, and everything still reads.
        KeyRing ring;
        QVERIFY(keys.load(ring));
        QCOMPARE(ring.keys.size(), 1);
        QCOMPARE(ring.activeId, vault.activeKeyId());
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(vault.get(QStringLiteral("s%1").arg(i)).value(), QByteArray::number(i * 7919));
        }
    }

    void interruptedRotationIsFinishedAtNextStart()
    {
        TempDataDir dir;
        auto db = openDb(dir);
        MemoryKeyStore keys;
        {
            SecretVault vault(*db, keys);
            vault.put(QStringLiteral("token"), "abc");
            // First save of the rotation (both keys) succeeds; the final save,
            // after the database commit, "crashes".
            keys.failOnSave = keys.saves + 2;
            QVERIFY_THROWS_EXCEPTION(StorageError, vault.rotateKey());
        }
        QCOMPARE(keys.m_ring.keys.size(), 2);
        keys.failOnSave = -1;
        SecretVault reopened(*db, keys);
        QCOMPARE(keys.m_ring.keys.size(), 1);
        QCOMPARE(reopened.get(QStringLiteral("token")).value(), QByteArray("abc"));
    }

    void lostKeyFileGivesClearError()
    {
        TempDataDir dir;
        auto db = openDb(dir);
        {
            FileKeyStore keys(dir.filePath(QStringLiteral("vault.key")));
            SecretVault vault(*db, keys);
            vault.put(QStringLiteral("token"), "abc");
        }
        QFile::remove(dir.filePath(QStringLiteral("vault.key")));
        FileKeyStore keys(dir.filePath(QStringLiteral("vault.key")));
        SecretVault vault(*db, keys); // a new key is made; the old value cannot be read
        try {
            (void)vault.get(QStringLiteral("token"));
            QFAIL("read a secret without its key");
        } catch (const StorageError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("restore the key file")) ||
                         e.message().contains(QStringLiteral("another key file")),
                     qPrintable(e.message()));
        }
    }

    void widelyReadableKeyFileIsRefused()
    {
        TempDataDir dir;
        const QString path = dir.filePath(QStringLiteral("vault.key"));
        auto db = openDb(dir);
        {
            FileKeyStore keys(path);
            SecretVault vault(*db, keys);
        }
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        FileKeyStore keys(path);
        KeyRing ring;
        try {
            keys.load(ring);
            QFAIL("a world-readable key file was accepted");
        } catch (const StorageError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("chmod 600")), qPrintable(e.message()));
        }
    }

    void damagedKeyFileIsRefused()
    {
        TempDataDir dir;
        const QString path = dir.filePath(QStringLiteral("vault.key"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("NGKR garbage");
        f.close();
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        FileKeyStore keys(path);
        KeyRing ring;
        QVERIFY_THROWS_EXCEPTION(StorageError, keys.load(ring));
    }

    void keyRingRoundTrip()
    {
        KeyRing ring;
        ring.activeId = 7;
        ring.keys.insert(7, QByteArray(32, 'k'));
        ring.keys.insert(3, QByteArray(32, 'o'));
        KeyRing parsed;
        QVERIFY(KeyRing::parse(ring.serialize(), parsed));
        QCOMPARE(parsed.activeId, 7u);
        QCOMPARE(parsed.keys, ring.keys);
        QByteArray truncated = ring.serialize();
        truncated.chop(1);
        QVERIFY(!KeyRing::parse(truncated, parsed));
        QVERIFY(!KeyRing::parse(ring.serialize() + "x", parsed));
    }
};

QTEST_GUILESS_MAIN(TestSecretVault)
#include "TestSecretVault.moc"
