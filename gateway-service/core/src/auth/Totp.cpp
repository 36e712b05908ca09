#include <netgateway/core/auth/Totp.h>

#include <QUrl>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <qrencode.h>

#include <memory>

namespace netgateway::core::auth::totp {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

QByteArray randomSecret(int bytes)
{
    QByteArray out(bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), bytes) != 1) {
        return {};
    }
    return out;
}

QString base32Encode(const QByteArray &data)
{
    QString out;
    quint32 buffer = 0;
    int bits = 0;
    for (const char c : data) {
        buffer = (buffer << 8) | static_cast<quint8>(c);
        bits += 8;
        while (bits >= 5) {
            out += QLatin1Char(kAlphabet[(buffer >> (bits - 5)) & 31u]);
            bits -= 5;
        }
    }
    if (bits > 0) {
        out += QLatin1Char(kAlphabet[(buffer << (5 - bits)) & 31u]);
    }
    return out;
}

QByteArray base32Decode(const QString &text, bool *ok)
{
    QByteArray out;
    quint32 buffer = 0;
    int bits = 0;
    for (const QChar ch : text) {
        if (ch == QLatin1Char('=') || ch == QLatin1Char(' ')) {
            continue;
        }
        const char *pos = std::strchr(kAlphabet, ch.toUpper().toLatin1());
        if (ch.unicode() > 127 || ch.isNull() || pos == nullptr) {
            if (ok) {
                *ok = false;
            }
            return {};
        }
        buffer = (buffer << 5) | static_cast<quint32>(pos - kAlphabet);
        bits += 5;
        if (bits >= 8) {
            out += static_cast<char>((buffer >> (bits - 8)) & 0xffu);
            bits -= 8;
        }
    }
    if (ok) {
        *ok = true;
    }
    return out;
}

qint64 stepAt(qint64 unixSeconds)
{
    return unixSeconds / kStepSeconds;
}

QString code(const QByteArray &secret, qint64 step)
{
    unsigned char counter[8];
    auto value = static_cast<quint64>(step);
    for (int i = 7; i >= 0; --i) {
        counter[i] = static_cast<unsigned char>(value & 0xffu);
        value >>= 8;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t macLength = 0;
    if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA1", nullptr, secret.constData(), static_cast<size_t>(secret.size()),
                  counter, sizeof counter, mac, sizeof mac, &macLength) == nullptr ||
        macLength < 20) {
        return {};
    }
    const unsigned offset = mac[macLength - 1] & 0x0fu;
    const quint32 binary = (static_cast<quint32>(mac[offset] & 0x7fu) << 24) |
                           (static_cast<quint32>(mac[offset + 1]) << 16) |
                           (static_cast<quint32>(mac[offset + 2]) << 8) | static_cast<quint32>(mac[offset + 3]);
    return QStringLiteral("%1").arg(binary % 1000000u, kDigits, 10, QLatin1Char('0'));
}

qint64 match(const QByteArray &secret, const QString &given, qint64 unixSeconds, qint64 lastUsedStep, int window)
{
    if (given.size() != kDigits) {
        return -1;
    }
    const QByteArray givenBytes = given.toLatin1();
    const qint64 now = stepAt(unixSeconds);
    qint64 found = -1;
    for (qint64 step = now - window; step <= now + window; ++step) {
        const QByteArray expected = code(secret, step).toLatin1();
        if (expected.size() == kDigits &&
            CRYPTO_memcmp(expected.constData(), givenBytes.constData(), static_cast<size_t>(kDigits)) == 0 &&
            step > lastUsedStep) {
            found = step;
        }
    }
    return found;
}

QString otpauthUri(const QString &issuer, const QString &account, const QByteArray &secret)
{
    const QString label = QString::fromLatin1(QUrl::toPercentEncoding(issuer + QLatin1Char(':') + account));
    return QStringLiteral("otpauth://totp/") + label + QStringLiteral("?secret=") + base32Encode(secret) +
           QStringLiteral("&issuer=") + QString::fromLatin1(QUrl::toPercentEncoding(issuer)) +
           QStringLiteral("&algorithm=SHA1&digits=%1&period=%2").arg(kDigits).arg(kStepSeconds);
}

QByteArray qrSvg(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M),
                                                       &QRcode_free);
    if (!qr) {
        return {};
    }
    const int width = qr->width;
    const int margin = 4;
    const int size = width + 2 * margin;
    QByteArray svg = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %1 %1\" "
                                    "shape-rendering=\"crispEdges\"><rect width=\"%1\" height=\"%1\" "
                                    "fill=\"#fff\"/><path fill=\"#000\" d=\"")
                         .arg(size)
                         .toUtf8();
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            if (qr->data[y * width + x] & 1) {
                svg += QStringLiteral("M%1 %2h1v1h-1z").arg(x + margin).arg(y + margin).toUtf8();
            }
        }
    }
    svg += "\"/></svg>";
    return svg;
}

} // namespace netgateway::core::auth::totp
