// The console password policy (each rule and its message), password hashing
// and the TOTP algorithm against the RFC 6238 test vectors.
#include <netgateway/core/auth/Password.h>
#include <netgateway/core/auth/Totp.h>

#include <QTest>

using namespace netgateway::core::auth;

class TestPasswordPolicy : public QObject {
    Q_OBJECT
private:
    static PolicyViolation refused(const QString &password, const QStringList &history = {})
    {
        const auto v = PasswordPolicy::check(password, QStringLiteral("admin"), history);
        return v.value_or(PolicyViolation{});
    }

private slots:
    void lengthRule()
    {
        PolicyViolation v = refused(QStringLiteral("Ab3$xyz"));
        QCOMPARE(v.rule, QStringLiteral("length"));
        QCOMPARE(v.message, QStringLiteral("The password must be 8 to 64 characters long; this one has 7."));
        v = refused(QString(65, QLatin1Char('q')) + QStringLiteral("w"));
        QCOMPARE(v.rule, QStringLiteral("length"));
        QVERIFY(v.message.contains(QStringLiteral("this one has 66")));
        QVERIFY(!PasswordPolicy::check(QStringLiteral("Zq7#mWp2"), QStringLiteral("admin"), {}));
        QVERIFY(!PasswordPolicy::check(QString(64, QLatin1Char('z')), QStringLiteral("admin"), {}));
        // Characters, not bytes: 8 non-ASCII characters are long enough.
        QVERIFY(!PasswordPolicy::check(QStringLiteral("ÄÖÜßäöü€"), QStringLiteral("admin"), {}));
    }

    void userIdRule()
    {
        const PolicyViolation v = refused(QStringLiteral("xx-ADMIN-yy-42"));
        QCOMPARE(v.rule, QStringLiteral("userId"));
        QCOMPARE(v.message, QStringLiteral("The password must not contain the user ID \"admin\"."));
    }

    void blockedWordsRule_data()
    {
        QTest::addColumn<QString>("word");
        for (const QString &w : PasswordPolicy::blockedWords()) {
            QTest::newRow(qPrintable(w)) << w;
        }
    }
    void blockedWordsRule()
    {
        QFETCH(QString, word);
        QCOMPARE(PasswordPolicy::blockedWords().size(), 17);
        // Upper case, inside other characters.
        const PolicyViolation v = refused(QStringLiteral("Zq7#") + word.toUpper() + QStringLiteral("#p2W"));
        QCOMPARE(v.rule, QStringLiteral("blockedWord"));
        QVERIFY2(v.message.contains(QLatin1Char('"') + word + QLatin1Char('"')), qPrintable(v.message));
        QVERIFY(v.message.contains(QStringLiteral("must not contain the word")));
    }

    void commonPasswordsRule()
    {
        QCOMPARE(PasswordPolicy::commonPasswords().size(), 10000);
        for (const char *p : {"password", "12345678", "qwerty123", "Sunshine", "iloveyou"}) {
            const PolicyViolation v = refused(QString::fromLatin1(p));
            QCOMPARE(v.rule, QStringLiteral("common"));
            QCOMPARE(v.message, QStringLiteral("The password is one of the 10,000 most common passwords; choose one "
                                               "that is harder to guess."));
        }
    }

    void historyRule()
    {
        const ScryptParams cheap{10, 8, 1};
        QStringList history; // newest first
        for (int i = 5; i >= 0; --i) {
            history.prepend(hashPassword(QStringLiteral("Old-Secret-%1!").arg(i), cheap));
        }
        // history[0] is "Old-Secret-0!" (newest) ... history[5] is the sixth oldest.
        for (int i = 0; i < 5; ++i) {
            const PolicyViolation v = refused(QStringLiteral("Old-Secret-%1!").arg(i), history);
            QCOMPARE(v.rule, QStringLiteral("history"));
            QCOMPARE(v.message, QStringLiteral("The password must differ from the last 5 passwords."));
        }
        QVERIFY(!PasswordPolicy::check(QStringLiteral("Old-Secret-5!"), QStringLiteral("admin"), history));
    }

    void hashing()
    {
        // The production parameters: scrypt N = 2^15, r = 8, p = 3 (32 MiB).
        const ScryptParams production;
        QCOMPARE(production.log2N, 15);
        QCOMPARE(production.r, 8);
        QCOMPARE(production.p, 3);
        const QString a = hashPassword(QStringLiteral("Zq7#mWp2"));
        const QString b = hashPassword(QStringLiteral("Zq7#mWp2"));
        QVERIFY(a.startsWith(QLatin1String("scrypt$15$8$3$")));
        QVERIFY(a != b); // a unique salt each
        QVERIFY(verifyPassword(QStringLiteral("Zq7#mWp2"), a));
        QVERIFY(verifyPassword(QStringLiteral("Zq7#mWp2"), b));
        QVERIFY(!verifyPassword(QStringLiteral("Zq7#mWp3"), a));
        QVERIFY(!a.contains(QStringLiteral("Zq7#mWp2")));
        QVERIFY(!verifyPassword(QStringLiteral("x"), QStringLiteral("scrypt$40$8$1$AAAA$BBBB")));
        QVERIFY(!verifyPassword(QStringLiteral("x"), QStringLiteral("sha256$abc")));
        QVERIFY(!verifyPassword(QStringLiteral("x"), QString()));
    }

    void totpRfc6238Vectors()
    {
        const QByteArray secret("12345678901234567890");
        QCOMPARE(totp::code(secret, totp::stepAt(59)), QStringLiteral("287082"));
        QCOMPARE(totp::code(secret, totp::stepAt(1111111109)), QStringLiteral("081804"));
        QCOMPARE(totp::code(secret, totp::stepAt(1234567890)), QStringLiteral("005924"));
        QCOMPARE(totp::code(secret, totp::stepAt(2000000000)), QStringLiteral("279037"));
        // Accepted within one step either way, and each step only once.
        const qint64 step = totp::match(secret, QStringLiteral("005924"), 1234567890 + 30, 0);
        QCOMPARE(step, totp::stepAt(1234567890));
        QCOMPARE(totp::match(secret, QStringLiteral("005924"), 1234567890, step), qint64(-1));
        QCOMPARE(totp::match(secret, QStringLiteral("005924"), 1234567890 + 90, 0), qint64(-1));
        QCOMPARE(totp::match(secret, QStringLiteral("12345"), 1234567890, 0), qint64(-1));
    }

    void base32()
    {
        QCOMPARE(totp::base32Encode("foobar"), QStringLiteral("MZXW6YTBOI"));
        bool ok = false;
        QCOMPARE(totp::base32Decode(QStringLiteral("MZXW6YTBOI"), &ok), QByteArray("foobar"));
        QVERIFY(ok);
        totp::base32Decode(QStringLiteral("MZ!W"), &ok);
        QVERIFY(!ok);
        const QString uri = totp::otpauthUri(QStringLiteral("netgateway"), QStringLiteral("admin"), "foobar");
        QCOMPARE(uri, QStringLiteral("otpauth://totp/netgateway%3Aadmin?secret=MZXW6YTBOI&issuer=netgateway&"
                                     "algorithm=SHA1&digits=6&period=30"));
        QVERIFY(totp::qrSvg(uri).startsWith("<svg"));
    }
};

QTEST_GUILESS_MAIN(TestPasswordPolicy)
#include "TestPasswordPolicy.moc"
