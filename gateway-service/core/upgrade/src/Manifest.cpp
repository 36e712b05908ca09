#include <netgateway/upgrade/Manifest.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSysInfo>

#include <openssl/evp.h>

#include <memory>

namespace netgateway::upgrade {

namespace {

constexpr int kMaxVersionPart = 999999;
constexpr qsizetype kMaxPathLength = 512;
constexpr qsizetype kEd25519KeyBytes = 32;
constexpr qsizetype kEd25519SignatureBytes = 64;
constexpr int kFormat = 1;

using Refusal = ManifestVerifier::Refusal;

struct PkeyFree {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};

bool ed25519Verify(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature)
{
    if (publicKey.size() != kEd25519KeyBytes || signature.size() != kEd25519SignatureBytes) {
        return false;
    }
    std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(publicKey.constData()),
        static_cast<size_t>(publicKey.size())));
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
        return false;
    }
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                            static_cast<size_t>(signature.size()),
                            reinterpret_cast<const unsigned char *>(message.constData()),
                            static_cast<size_t>(message.size())) == 1;
}

std::optional<QByteArray> strictBase64(const QJsonValue &value)
{
    if (!value.isString()) {
        return std::nullopt;
    }
    const auto decoded =
        QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return std::nullopt;
    }
    return *decoded;
}

Refusal malformed(QString &error, const QString &what)
{
    error =
        QStringLiteral("upgrade manifest refused: %1; ask the fleet service to publish a correct manifest").arg(what);
    return Refusal::Malformed;
}

} // namespace

std::optional<Version> Version::parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    Version v{match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt()};
    if (v.major > kMaxVersionPart || v.minor > kMaxVersionPart || v.patch > kMaxVersionPart) {
        return std::nullopt;
    }
    return v;
}

QString Version::toString() const
{
    return QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(patch);
}

QString keyIdFor(const QByteArray &rawPublicKey)
{
    return QString::fromLatin1(QCryptographicHash::hash(rawPublicKey, QCryptographicHash::Sha256).left(8).toHex());
}

QString currentPlatform()
{
#ifdef Q_OS_WIN
    const QString os = QStringLiteral("windows");
#else
    const QString os = QStringLiteral("linux");
#endif
    const QString arch = QSysInfo::buildCpuArchitecture();
    if (arch == QLatin1String("x86_64")) {
        return os + (os == QLatin1String("windows") ? QStringLiteral("-x64") : QStringLiteral("-amd64"));
    }
    return os + QLatin1Char('-') + arch;
}

QString refusalName(ManifestVerifier::Refusal refusal)
{
    switch (refusal) {
    case Refusal::None:
        return QStringLiteral("accepted");
    case Refusal::Malformed:
        return QStringLiteral("malformed");
    case Refusal::UnknownKey:
        return QStringLiteral("unknown-key");
    case Refusal::RetiredKey:
        return QStringLiteral("retired-key");
    case Refusal::BadSignature:
        return QStringLiteral("bad-signature");
    case Refusal::WrongProduct:
        return QStringLiteral("wrong-product");
    case Refusal::WrongPlatform:
        return QStringLiteral("wrong-platform");
    case Refusal::NotNewer:
        return QStringLiteral("not-newer");
    case Refusal::Expired:
        return QStringLiteral("expired");
    case Refusal::Oversized:
        return QStringLiteral("oversized");
    }
    return QStringLiteral("unknown");
}

ManifestVerifier::ManifestVerifier(QList<TrustedKey> keys, const core::Clock &clock, Options options)
    : m_keys(std::move(keys)), m_clock(clock), m_options(std::move(options))
{
}

ManifestVerifier::Refusal ManifestVerifier::verify(const QByteArray &document, Manifest &manifest, QString &error) const
{
    if (document.size() > kMaxManifestBytes) {
        return malformed(error, QStringLiteral("it is %1 bytes, more than the %2 bytes a manifest may have")
                                    .arg(document.size())
                                    .arg(kMaxManifestBytes));
    }
    QJsonParseError parseError{};
    const QJsonDocument json = QJsonDocument::fromJson(document, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return malformed(error, QStringLiteral("it is not valid JSON (%1 at offset %2)")
                                    .arg(parseError.errorString())
                                    .arg(parseError.offset));
    }
    if (!json.isObject()) {
        return malformed(error, QStringLiteral("it is not a JSON object"));
    }
    const QJsonObject envelope = json.object();
    if (envelope.value(QStringLiteral("format")).toInt(-1) != kFormat) {
        return malformed(error,
                         QStringLiteral("\"format\" is not %1; this gateway may be too old for it").arg(kFormat));
    }
    const QString keyId = envelope.value(QStringLiteral("keyId")).toString();
    static const QRegularExpression keyIdPattern(QStringLiteral("^[0-9a-f]{16}$"));
    if (!keyIdPattern.match(keyId).hasMatch()) {
        return malformed(error, QStringLiteral("\"keyId\" is missing or not 16 lower-case hex digits"));
    }
    const auto payload = strictBase64(envelope.value(QStringLiteral("payload")));
    if (!payload || payload->isEmpty()) {
        return malformed(error, QStringLiteral("\"payload\" is missing or not base64"));
    }
    const auto signature = strictBase64(envelope.value(QStringLiteral("signature")));
    if (!signature || signature->size() != kEd25519SignatureBytes) {
        return malformed(error, QStringLiteral("\"signature\" is missing or not a base64 Ed25519 signature"));
    }

    const TrustedKey *key = nullptr;
    for (const TrustedKey &candidate : m_keys) {
        if (candidate.keyId == keyId) {
            key = &candidate;
            break;
        }
    }
    if (!key) {
        QStringList known;
        for (const TrustedKey &candidate : m_keys) {
            known << candidate.keyId;
        }
        error = QStringLiteral("upgrade manifest refused: signed with key %1, which this gateway does not trust "
                               "(trusted: %2); install the new release manually from a verified source")
                    .arg(keyId, known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", ")));
        return Refusal::UnknownKey;
    }
    if (!ed25519Verify(key->publicKey, *payload, *signature)) {
        error = QStringLiteral("upgrade manifest refused: the signature does not match key %1; the manifest was "
                               "altered or corrupted in transit, so nothing was downloaded")
                    .arg(keyId);
        return Refusal::BadSignature;
    }
    const QDateTime now = m_clock.nowUtc();
    if (key->validUntil && now > *key->validUntil) {
        error = QStringLiteral("upgrade manifest refused: key %1 was retired on %2; install the new release "
                               "manually from a verified source")
                    .arg(keyId, key->validUntil->toString(Qt::ISODate));
        return Refusal::RetiredKey;
    }
    return verifyPayload(*payload, keyId, manifest, error);
}

ManifestVerifier::Refusal ManifestVerifier::verifyPayload(const QByteArray &payload, const QString &keyId,
                                                          Manifest &manifest, QString &error) const
{
    QJsonParseError parseError{};
    const QJsonDocument json = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError || !json.isObject()) {
        return malformed(error, QStringLiteral("the signed payload is not a JSON object"));
    }
    const QJsonObject body = json.object();
    if (body.value(QStringLiteral("keyId")).toString() != keyId) {
        return malformed(error, QStringLiteral("the signed \"keyId\" differs from the envelope's"));
    }
    if (body.value(QStringLiteral("product")).toString() != QLatin1String("netgateway")) {
        error = QStringLiteral("upgrade manifest refused: it is for product '%1', not netgateway")
                    .arg(body.value(QStringLiteral("product")).toString().left(64));
        return Refusal::WrongProduct;
    }
    const QString platform = body.value(QStringLiteral("platform")).toString();
    if (platform != m_options.platform) {
        error = QStringLiteral("upgrade manifest refused: it is for platform '%1', this gateway runs on '%2'")
                    .arg(platform.left(64), m_options.platform);
        return Refusal::WrongPlatform;
    }
    const auto version = Version::parse(body.value(QStringLiteral("version")).toString());
    if (!version) {
        return malformed(error, QStringLiteral("\"version\" is not MAJOR.MINOR.PATCH"));
    }
    const QString expiresText = body.value(QStringLiteral("expires")).toString();
    QDateTime expires = QDateTime::fromString(expiresText, Qt::ISODate);
    if (!expires.isValid() || !expiresText.endsWith(QLatin1Char('Z'))) {
        return malformed(error, QStringLiteral("\"expires\" is not a UTC time like 2026-12-31T00:00:00Z"));
    }
    expires = expires.toUTC();
    const QJsonObject package = body.value(QStringLiteral("package")).toObject();
    const QString path = package.value(QStringLiteral("path")).toString();
    static const QRegularExpression pathPattern(QStringLiteral("^/[A-Za-z0-9._~+/-]*$"));
    if (path.size() > kMaxPathLength || !pathPattern.match(path).hasMatch() || path.startsWith(QLatin1String("//")) ||
        path.contains(QLatin1String("/../")) || path.endsWith(QLatin1String("/.."))) {
        return malformed(error, QStringLiteral("\"package.path\" is not a plain path on the cloud origin"));
    }
    static const QRegularExpression hashPattern(QStringLiteral("^[0-9a-fA-F]{64}$"));
    const QString sha = package.value(QStringLiteral("sha256")).toString();
    if (!hashPattern.match(sha).hasMatch()) {
        return malformed(error, QStringLiteral("\"package.sha256\" is not 64 hex digits"));
    }
    const QJsonValue sizeValue = package.value(QStringLiteral("size"));
    const double sizeDouble = sizeValue.toDouble(-1);
    // JSON numbers are doubles: sizes above 2^53 cannot be exact, and the bound is far below.
    if (!sizeValue.isDouble() || sizeDouble < 1 || sizeDouble > 9007199254740992.0 ||
        sizeDouble != static_cast<double>(static_cast<qint64>(sizeDouble))) {
        return malformed(error, QStringLiteral("\"package.size\" is not a positive whole number of bytes"));
    }
    const auto size = static_cast<qint64>(sizeDouble);

    if (*version <= m_options.runningVersion) {
        error = QStringLiteral("upgrade manifest refused: version %1 is not newer than the running %2; "
                               "a gateway never downgrades itself")
                    .arg(version->toString(), m_options.runningVersion.toString());
        return Refusal::NotNewer;
    }
    if (m_clock.nowUtc() >= expires) {
        error = QStringLiteral("upgrade manifest refused: it expired at %1 (now %2); if the gateway clock is "
                               "right, the fleet service must publish a fresh manifest")
                    .arg(expires.toString(Qt::ISODate), m_clock.nowUtc().toString(Qt::ISODate));
        return Refusal::Expired;
    }
    if (size > m_options.maxPackageBytes) {
        error = QStringLiteral("upgrade manifest refused: the package is %1 bytes, more than the %2 bytes "
                               "allowed for an upgrade package")
                    .arg(size)
                    .arg(m_options.maxPackageBytes);
        return Refusal::Oversized;
    }
    manifest.version = *version;
    manifest.expiresUtc = expires;
    manifest.platform = platform;
    manifest.packagePath = path;
    manifest.packageSha256 = QByteArray::fromHex(sha.toLatin1());
    manifest.packageSize = size;
    manifest.keyId = keyId;
    return Refusal::None;
}

} // namespace netgateway::upgrade
