// UsmCrypto against OpenSSL's EVP reference (HMAC, AES-CFB128) for every
// authentication protocol, every AES key size and lengths around the block
// boundaries, including in-place use.
#include "UsmCrypto.h"

#include <QRandomGenerator>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <vector>

using namespace netgateway::snmp;

namespace {

std::vector<unsigned char> randomBytes(size_t n, QRandomGenerator &rng)
{
    std::vector<unsigned char> v(n);
    for (auto &b : v) {
        b = static_cast<unsigned char>(rng.bounded(256));
    }
    return v;
}

const EVP_MD *evpDigest(AuthProtocol p)
{
    switch (p) {
    case AuthProtocol::MD5:
        return EVP_md5();
    case AuthProtocol::SHA1:
        return EVP_sha1();
    case AuthProtocol::SHA224:
        return EVP_sha224();
    case AuthProtocol::SHA256:
        return EVP_sha256();
    case AuthProtocol::SHA384:
        return EVP_sha384();
    case AuthProtocol::SHA512:
        return EVP_sha512();
    case AuthProtocol::None:
        break;
    }
    return nullptr;
}

std::vector<unsigned char> evpCfb(bool encrypt, const std::vector<unsigned char> &key, const unsigned char *iv,
                                  const std::vector<unsigned char> &in)
{
    const EVP_CIPHER *c = key.size() == 16   ? EVP_aes_128_cfb128()
                          : key.size() == 24 ? EVP_aes_192_cfb128()
                                             : EVP_aes_256_cfb128();
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    std::vector<unsigned char> out(in.size() + 16);
    int n = 0;
    int tail = 0;
    EVP_CipherInit_ex2(ctx, c, key.data(), iv, encrypt ? 1 : 0, nullptr);
    EVP_CipherUpdate(ctx, out.data(), &n, in.data(), static_cast<int>(in.size()));
    EVP_CipherFinal_ex(ctx, out.data() + n, &tail);
    EVP_CIPHER_CTX_free(ctx);
    out.resize(static_cast<size_t>(n + tail));
    return out;
}

} // namespace

class TestUsmCrypto : public QObject {
    Q_OBJECT

private slots:
    void hmacMatchesOpenSsl_data()
    {
        QTest::addColumn<int>("protocol");
        QTest::addColumn<int>("keyLength");
        const std::pair<const char *, AuthProtocol> protocols[] = {
            {"MD5", AuthProtocol::MD5},        {"SHA-1", AuthProtocol::SHA1},     {"SHA-224", AuthProtocol::SHA224},
            {"SHA-256", AuthProtocol::SHA256}, {"SHA-384", AuthProtocol::SHA384}, {"SHA-512", AuthProtocol::SHA512}};
        for (const auto &[name, p] : protocols) {
            for (const int keyLength : {16, 20, 32, 64, 129, 200}) {
                QTest::addRow("%s key %d", name, keyLength) << static_cast<int>(p) << keyLength;
            }
        }
    }

    void hmacMatchesOpenSsl()
    {
        QFETCH(int, protocol);
        QFETCH(int, keyLength);
        const auto p = static_cast<AuthProtocol>(protocol);
        QRandomGenerator rng(static_cast<quint32>(protocol * 1000 + keyLength));
        const auto key = randomBytes(static_cast<size_t>(keyLength), rng);
        UsmCrypto crypto;
        QVERIFY(crypto.setAuthKey(p, key.data(), key.size()));
        QCOMPARE(crypto.digestSize(), static_cast<size_t>(EVP_MD_get_size(evpDigest(p))));
        for (const size_t size : {size_t(0), size_t(1), size_t(55), size_t(64), size_t(111), size_t(128), size_t(150),
                                  size_t(1500), size_t(65000)}) {
            const auto message = randomBytes(size, rng);
            unsigned char expected[EVP_MAX_MD_SIZE];
            unsigned int expectedSize = 0;
            HMAC(evpDigest(p), key.data(), static_cast<int>(key.size()), message.data(), message.size(), expected,
                 &expectedSize);
            // In three parts, as the message layout of USM is hashed.
            const size_t a = size / 3;
            const size_t b = size / 2;
            const UsmCrypto::Part parts[] = {
                {message.data(), a}, {message.data() + a, b - a}, {message.data() + b, size - b}};
            unsigned char got[EVP_MAX_MD_SIZE] = {};
            QVERIFY(crypto.hmac(parts, 3, got));
            QCOMPARE(QByteArray(reinterpret_cast<const char *>(got), static_cast<qsizetype>(expectedSize)),
                     QByteArray(reinterpret_cast<const char *>(expected), static_cast<qsizetype>(expectedSize)));
            // The keyed state is reused: a second message gives the same again.
            unsigned char again[EVP_MAX_MD_SIZE] = {};
            QVERIFY(crypto.hmac(parts, 3, again));
            QCOMPARE(std::memcmp(got, again, expectedSize), 0);
        }
    }

    void noAuthenticationIsRefused()
    {
        UsmCrypto crypto;
        const unsigned char key[16] = {};
        QVERIFY(!crypto.setAuthKey(AuthProtocol::None, key, sizeof key));
        QVERIFY(!crypto.setPrivKey(key, 15));
        QVERIFY(!crypto.hasPrivacy());
        unsigned char out[16];
        QVERIFY(!crypto.encrypt(key, key, sizeof key, out));
        QVERIFY(!crypto.decrypt(key, key, sizeof key, out));
    }

    void aesCfbMatchesOpenSsl_data()
    {
        QTest::addColumn<int>("keyLength");
        QTest::newRow("AES-128") << 16;
        QTest::newRow("AES-192") << 24;
        QTest::newRow("AES-256") << 32;
    }

    void aesCfbMatchesOpenSsl()
    {
        QFETCH(int, keyLength);
        QRandomGenerator rng(static_cast<quint32>(keyLength));
        const auto key = randomBytes(static_cast<size_t>(keyLength), rng);
        UsmCrypto crypto;
        QVERIFY(crypto.setPrivKey(key.data(), key.size()));
        QVERIFY(crypto.hasPrivacy());
        for (const size_t size : {size_t(0), size_t(1), size_t(15), size_t(16), size_t(17), size_t(100), size_t(1023),
                                  size_t(1024), size_t(1025), size_t(1040), size_t(4097), size_t(65000)}) {
            const auto plain = randomBytes(size, rng);
            const auto iv = randomBytes(16, rng);
            const auto expected = evpCfb(true, key, iv.data(), plain);
            std::vector<unsigned char> cipher(size);
            QVERIFY(crypto.encrypt(iv.data(), plain.data(), size, cipher.data()));
            QVERIFY2(cipher == expected, qPrintable(QStringLiteral("encrypting %1 bytes").arg(size)));
            QVERIFY(evpCfb(false, key, iv.data(), cipher) == plain);
            std::vector<unsigned char> back(size);
            QVERIFY(crypto.decrypt(iv.data(), cipher.data(), size, back.data()));
            QVERIFY2(back == plain, qPrintable(QStringLiteral("decrypting %1 bytes").arg(size)));
            // In place, both ways.
            std::vector<unsigned char> buffer = plain;
            QVERIFY(crypto.encrypt(iv.data(), buffer.data(), size, buffer.data()));
            QVERIFY(buffer == expected);
            QVERIFY(crypto.decrypt(iv.data(), buffer.data(), size, buffer.data()));
            QVERIFY(buffer == plain);
        }
    }
};

QTEST_GUILESS_MAIN(TestUsmCrypto)
#include "TestUsmCrypto.moc"
