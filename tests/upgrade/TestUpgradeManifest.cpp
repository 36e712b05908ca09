#include "ManualClock.h"

#include <netgateway/upgrade/ManifestSigner.h>
#include <netgateway/upgrade/PackageCheck.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace netgateway;
using upgrade::ManifestVerifier;
using Refusal = ManifestVerifier::Refusal;

namespace {

const QByteArray kPackage = QByteArray("netgateway package bytes ").repeated(100);

upgrade::ManifestContent content(const QString &version = QStringLiteral("1.3.0"))
{
    upgrade::ManifestContent c;
    c.platform = QStringLiteral("linux-amd64");
    c.version = version;
    c.expires = QStringLiteral("2026-02-01T00:00:00Z");
    c.packagePath = QStringLiteral("/packages/netgateway_1.3.0_amd64.deb");
    c.packageSha256Hex = QString::fromLatin1(QCryptographicHash::hash(kPackage, QCryptographicHash::Sha256).toHex());
    c.packageSize = kPackage.size();
    return c;
}

QByteArray replaceField(const QByteArray &document, const char *field, const QJsonValue &value)
{
    QJsonObject o = QJsonDocument::fromJson(document).object();
    o.insert(QLatin1String(field), value);
    return QJsonDocument(o).toJson();
}

} // namespace

class TestUpgradeManifest : public QObject {
    Q_OBJECT
private:
    upgrade::SigningKey m_key;
    upgrade::SigningKey m_otherKey;
    test::ManualClock m_clock; // 2026-01-01T00:00:00Z

    ManifestVerifier verifier(QList<upgrade::TrustedKey> keys = {}, qint64 maxBytes = 1024 * 1024) const
    {
        if (keys.isEmpty()) {
            keys = {m_otherKey.trusted(), m_key.trusted()};
        }
        return ManifestVerifier(keys, m_clock, {{1, 2, 3}, QStringLiteral("linux-amd64"), maxBytes});
    }
    Refusal check(const QByteArray &doc, QString &error, upgrade::Manifest *out = nullptr) const
    {
        upgrade::Manifest manifest;
        const Refusal r = verifier().verify(doc, manifest, error);
        if (out) {
            *out = manifest;
        }
        return r;
    }

private slots:
    void initTestCase()
    {
        m_key = upgrade::SigningKey::generate();
        m_otherKey = upgrade::SigningKey::generate();
        QVERIFY(!m_key.isNull());
        QCOMPARE(m_key.publicKey.size(), 32);
        QCOMPARE(m_key.keyId.size(), 16);
        QVERIFY(m_key.keyId != m_otherKey.keyId);
    }

    void versionParsingAndOrder()
    {
        QCOMPARE(upgrade::Version::parse(QStringLiteral("1.10.2"))->toString(), QStringLiteral("1.10.2"));
        QVERIFY(*upgrade::Version::parse(QStringLiteral("1.10.0")) > *upgrade::Version::parse(QStringLiteral("1.9.9")));
        QVERIFY(!upgrade::Version::parse(QStringLiteral("1.2")));
        QVERIFY(!upgrade::Version::parse(QStringLiteral("1.2.3-rc1")));
        QVERIFY(!upgrade::Version::parse(QStringLiteral("1.2.9999999")));
        QVERIFY(!upgrade::Version::parse(QStringLiteral(" 1.2.3")));
    }

    void acceptsAValidManifest()
    {
        QString error;
        upgrade::Manifest m;
        QCOMPARE(check(upgrade::signManifest(content(), m_key), error, &m), Refusal::None);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(m.version.toString(), QStringLiteral("1.3.0"));
        QCOMPARE(m.packageSize, kPackage.size());
        QCOMPARE(m.packageSha256, QCryptographicHash::hash(kPackage, QCryptographicHash::Sha256));
        QCOMPARE(m.packagePath, QStringLiteral("/packages/netgateway_1.3.0_amd64.deb"));
        QCOMPARE(m.keyId, m_key.keyId);
        QCOMPARE(m.expiresUtc, QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC));
    }

    void refusesOlderOrEqualVersion_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("equal") << QStringLiteral("1.2.3");
        QTest::newRow("older patch") << QStringLiteral("1.2.2");
        QTest::newRow("older major") << QStringLiteral("0.9.9");
    }
    void refusesOlderOrEqualVersion()
    {
        QFETCH(QString, version);
        QString error;
        QCOMPARE(check(upgrade::signManifest(content(version), m_key), error), Refusal::NotNewer);
        QVERIFY2(error.contains(QStringLiteral("not newer than the running 1.2.3")), qPrintable(error));
    }

    void refusesExpiredManifest()
    {
        const QByteArray doc = upgrade::signManifest(content(), m_key);
        QString error;
        QCOMPARE(check(doc, error), Refusal::None);
        m_clock.setWallClock(QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC));
        QCOMPARE(check(doc, error), Refusal::Expired);
        QVERIFY2(error.contains(QStringLiteral("expired at 2026-02-01T00:00:00Z")), qPrintable(error));
        m_clock.setWallClock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
    }

    void refusesUnknownKey()
    {
        const upgrade::SigningKey stranger = upgrade::SigningKey::generate();
        QString error;
        QCOMPARE(check(upgrade::signManifest(content(), stranger), error), Refusal::UnknownKey);
        QVERIFY2(error.contains(stranger.keyId) && error.contains(m_key.keyId), qPrintable(error));
        upgrade::Manifest m;
        QCOMPARE(ManifestVerifier({}, m_clock, {{1, 2, 3}, QStringLiteral("linux-amd64")})
                     .verify(upgrade::signManifest(content(), m_key), m, error),
                 Refusal::UnknownKey);
        QVERIFY2(error.contains(QStringLiteral("trusted: none")), qPrintable(error));
    }

    void refusesForgedSignatures()
    {
        QString error;
        // A stranger's signature presented under a trusted key id.
        const upgrade::SigningKey stranger = upgrade::SigningKey::generate();
        QByteArray forged = upgrade::signPayload(upgrade::payloadJson(content(), m_key.keyId), stranger);
        forged = replaceField(forged, "keyId", m_key.keyId);
        QCOMPARE(check(forged, error), Refusal::BadSignature);
        QVERIFY2(error.contains(QStringLiteral("signature does not match")), qPrintable(error));

        // A payload altered after signing (a newer version slipped in).
        const QByteArray genuine = upgrade::signManifest(content(), m_key);
        QByteArray payload = QByteArray::fromBase64(QJsonDocument::fromJson(genuine)["payload"].toString().toLatin1());
        payload.replace("1.3.0", "9.3.0");
        QCOMPARE(check(replaceField(genuine, "payload", QString::fromLatin1(payload.toBase64())), error),
                 Refusal::BadSignature);

        // One flipped signature bit.
        QByteArray sig = QByteArray::fromBase64(QJsonDocument::fromJson(genuine)["signature"].toString().toLatin1());
        sig[10] = static_cast<char>(sig[10] ^ 0x01);
        QCOMPARE(check(replaceField(genuine, "signature", QString::fromLatin1(sig.toBase64())), error),
                 Refusal::BadSignature);

        // Signed with the other trusted key but claiming this one: the key id inside the payload
        // is bound by the signature.
        QByteArray swapped = upgrade::signPayload(upgrade::payloadJson(content(), m_key.keyId), m_otherKey);
        swapped = replaceField(swapped, "keyId", m_otherKey.keyId);
        QCOMPARE(check(swapped, error), Refusal::Malformed);
    }

    void keyRotation()
    {
        // Both keys verify while the old one is valid; after its retirement date only the new one does.
        upgrade::TrustedKey old = m_otherKey.trusted();
        old.validUntil = QDateTime(QDate(2026, 1, 15), QTime(0, 0), Qt::UTC);
        const QList<upgrade::TrustedKey> keys{old, m_key.trusted()};
        upgrade::Manifest m;
        QString error;
        const QByteArray byOld = upgrade::signManifest(content(), m_otherKey);
        const QByteArray byNew = upgrade::signManifest(content(), m_key);
        QCOMPARE(verifier(keys).verify(byOld, m, error), Refusal::None);
        QCOMPARE(verifier(keys).verify(byNew, m, error), Refusal::None);
        m_clock.setWallClock(QDateTime(QDate(2026, 1, 20), QTime(0, 0), Qt::UTC));
        QCOMPARE(verifier(keys).verify(byOld, m, error), Refusal::RetiredKey);
        QVERIFY2(error.contains(QStringLiteral("retired")), qPrintable(error));
        QCOMPARE(verifier(keys).verify(byNew, m, error), Refusal::None);
        m_clock.setWallClock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
    }

    void refusesOversizedPackage()
    {
        upgrade::ManifestContent c = content();
        c.packageSize = 2 * 1024 * 1024;
        QString error;
        QCOMPARE(check(upgrade::signManifest(c, m_key), error), Refusal::Oversized);
        QVERIFY2(error.contains(QStringLiteral("more than the 1048576 bytes")), qPrintable(error));
    }

    void refusesWrongPlatformAndProduct()
    {
        upgrade::ManifestContent c = content();
        c.platform = QStringLiteral("windows-x64");
        QString error;
        QCOMPARE(check(upgrade::signManifest(c, m_key), error), Refusal::WrongPlatform);
        c = content();
        c.product = QStringLiteral("otherproduct");
        QCOMPARE(check(upgrade::signManifest(c, m_key), error), Refusal::WrongProduct);
    }

    void refusesMalformedDocuments_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("expected");
        const QByteArray good = upgrade::signManifest(content(), m_key);
        QTest::newRow("not json") << QByteArray("{\"format\": 1,") << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a JSON object");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not valid JSON");
        QTest::newRow("format") << replaceField(good, "format", 2) << QStringLiteral("\"format\"");
        QTest::newRow("key id") << replaceField(good, "keyId", QStringLiteral("XYZ")) << QStringLiteral("\"keyId\"");
        QTest::newRow("payload b64") << replaceField(good, "payload", QStringLiteral("@@@"))
                                     << QStringLiteral("\"payload\"");
        QTest::newRow("short sig") << replaceField(good, "signature", QStringLiteral("AAAA"))
                                   << QStringLiteral("\"signature\"");
        QTest::newRow("huge") << QByteArray(ManifestVerifier::kMaxManifestBytes + 1, ' ')
                              << QStringLiteral("more than the 65536 bytes");

        const auto signedWith = [this](upgrade::ManifestContent c) { return upgrade::signManifest(c, m_key); };
        upgrade::ManifestContent c = content();
        c.version = QStringLiteral("2.0");
        QTest::newRow("version") << signedWith(c) << QStringLiteral("\"version\"");
        c = content();
        c.expires = QStringLiteral("tomorrow");
        QTest::newRow("expires") << signedWith(c) << QStringLiteral("\"expires\"");
        c = content();
        c.packagePath = QStringLiteral("https://elsewhere.invalid/p.deb");
        QTest::newRow("absolute url") << signedWith(c) << QStringLiteral("\"package.path\"");
        c.packagePath = QStringLiteral("/packages/../../etc/passwd");
        QTest::newRow("dot dot") << signedWith(c) << QStringLiteral("\"package.path\"");
        c.packagePath = QStringLiteral("//elsewhere.invalid/p.deb");
        QTest::newRow("network path") << signedWith(c) << QStringLiteral("\"package.path\"");
        c = content();
        c.packageSha256Hex = QStringLiteral("abc");
        QTest::newRow("sha") << signedWith(c) << QStringLiteral("\"package.sha256\"");
        c = content();
        c.packageSize = 0;
        QTest::newRow("size zero") << signedWith(c) << QStringLiteral("\"package.size\"");
        c.packageSize = -5;
        QTest::newRow("size negative") << signedWith(c) << QStringLiteral("\"package.size\"");
        QTest::newRow("signed garbage") << upgrade::signPayload("not json", m_key)
                                        << QStringLiteral("signed payload is not a JSON object");
    }
    void refusesMalformedDocuments()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, expected);
        QString error;
        QCOMPARE(check(document, error), Refusal::Malformed);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.startsWith(QStringLiteral("upgrade manifest refused: ")), qPrintable(error));
    }

    void packageCheckStreamsWithinBound()
    {
        QString error;
        upgrade::Manifest m;
        QCOMPARE(check(upgrade::signManifest(content(), m_key), error, &m), Refusal::None);

        upgrade::PackageCheck ok(m);
        QVERIFY(ok.addData(QByteArrayView(kPackage).first(100), error));
        QVERIFY(!ok.finish(error)); // incomplete
        QVERIFY2(error.contains(QStringLiteral("100 of 2500 bytes")), qPrintable(error));
        QVERIFY(ok.addData(QByteArrayView(kPackage).sliced(100), error));
        QVERIFY2(ok.finish(error), qPrintable(error));

        upgrade::PackageCheck tooLong(m);
        QVERIFY(tooLong.addData(kPackage, error));
        QVERIFY(!tooLong.addData("x", error));
        QVERIFY2(error.contains(QStringLiteral("larger than the 2500 bytes")), qPrintable(error));
        QCOMPARE(tooLong.received(), kPackage.size());

        QByteArray tampered = kPackage;
        tampered[7] = 'X';
        upgrade::PackageCheck wrongHash(m);
        QVERIFY(wrongHash.addData(tampered, error));
        QVERIFY(!wrongHash.finish(error));
        QVERIFY2(error.contains(QStringLiteral("differs from the signed manifest")), qPrintable(error));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.deb"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kPackage);
        file.close();
        QVERIFY2(upgrade::PackageCheck::checkFile(m, path, error), qPrintable(error));
        QVERIFY(file.open(QIODevice::Append));
        file.write("trailing");
        file.close();
        QVERIFY(!upgrade::PackageCheck::checkFile(m, path, error));
        QVERIFY(!upgrade::PackageCheck::checkFile(m, dir.filePath(QStringLiteral("missing")), error));
    }

    void signToolRoundTrip()
    {
        QTemporaryDir dir;
        const QString keyFile = dir.filePath(QStringLiteral("test-signing-key.pem"));
        QProcess genkey;
        genkey.start(QStringLiteral(SIGN_MANIFEST_PATH), {QStringLiteral("genkey"), keyFile});
        QVERIFY(genkey.waitForFinished(30000));
        QCOMPARE(genkey.exitCode(), 0);
        const QStringList line = QString::fromLatin1(genkey.readAllStandardOutput()).trimmed().split(QLatin1Char(' '));
        QCOMPARE(line.size(), 2);
        QCOMPARE(QFile::permissions(keyFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        const upgrade::TrustedKey trusted{line[0], QByteArray::fromBase64(line[1].toLatin1()), std::nullopt};
        QCOMPARE(upgrade::keyIdFor(trusted.publicKey), trusted.keyId);

        const QString packageFile = dir.filePath(QStringLiteral("pkg.deb"));
        QFile pkg(packageFile);
        QVERIFY(pkg.open(QIODevice::WriteOnly));
        pkg.write(kPackage);
        pkg.close();
        const QString manifestFile = dir.filePath(QStringLiteral("manifest.json"));
        QProcess sign;
        sign.start(QStringLiteral(SIGN_MANIFEST_PATH),
                   {QStringLiteral("sign"), keyFile, QStringLiteral("--version"), QStringLiteral("1.4.0"),
                    QStringLiteral("--expires"), QStringLiteral("2026-03-01T00:00:00Z"), QStringLiteral("--platform"),
                    QStringLiteral("linux-amd64"), QStringLiteral("--path"), QStringLiteral("/packages/pkg.deb"),
                    QStringLiteral("--package"), packageFile, QStringLiteral("--out"), manifestFile});
        QVERIFY(sign.waitForFinished(30000));
        QVERIFY2(sign.exitCode() == 0, sign.readAllStandardError().constData());
        QFile manifestIn(manifestFile);
        QVERIFY(manifestIn.open(QIODevice::ReadOnly));
        upgrade::Manifest m;
        QString error;
        QCOMPARE(verifier({trusted}).verify(manifestIn.readAll(), m, error), Refusal::None);
        QCOMPARE(m.version.toString(), QStringLiteral("1.4.0"));
        QVERIFY2(upgrade::PackageCheck::checkFile(m, packageFile, error), qPrintable(error));

        QProcess again;
        again.start(QStringLiteral(SIGN_MANIFEST_PATH), {QStringLiteral("genkey"), keyFile});
        QVERIFY(again.waitForFinished(30000));
        QCOMPARE(again.exitCode(), 1); // never overwrites a key
    }

    void builtInKeysAreWellFormed()
    {
        for (const upgrade::TrustedKey &key : upgrade::builtInKeys()) {
            QCOMPARE(key.publicKey.size(), 32);
            QCOMPARE(upgrade::keyIdFor(key.publicKey), key.keyId);
        }
        QCOMPARE(upgrade::currentPlatform(), QStringLiteral("linux-amd64"));
    }
};

QTEST_GUILESS_MAIN(TestUpgradeManifest)
#include "TestUpgradeManifest.moc"
