#pragma once

#include <QByteArray>
#include <QString>

namespace netgateway::core::auth {

// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1,
// 6 digits, 30-second steps.
namespace totp {
constexpr int kDigits = 6;
constexpr qint64 kStepSeconds = 30;

QByteArray randomSecret(int bytes = 20);
QString base32Encode(const QByteArray &data);
QByteArray base32Decode(const QString &text, bool *ok = nullptr);

qint64 stepAt(qint64 unixSeconds);
QString code(const QByteArray &secret, qint64 step);

// Returns the matching step within +-`window` steps of `unixSeconds` that is
// later than `lastUsedStep` (each code is accepted once), or -1.
qint64 match(const QByteArray &secret, const QString &code, qint64 unixSeconds, qint64 lastUsedStep, int window = 1);

QString otpauthUri(const QString &issuer, const QString &account, const QByteArray &secret);
// An SVG image of a QR code for `text` (no script, safe to serve as image/svg+xml).
QByteArray qrSvg(const QString &text);
} // namespace totp

} // namespace netgateway::core::auth
