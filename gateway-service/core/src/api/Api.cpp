#include <netgateway/core/api/Api.h>

#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringDecoder>

namespace netgateway::core::api {

ApiError::ApiError(int status, QString code, QString message, QString field)
    : std::runtime_error("api error"), m_status(status), m_code(std::move(code)), m_message(std::move(message)),
      m_field(std::move(field))
{
}

ApiError ApiError::badRequest(const QString &message, const QString &field)
{
    return ApiError(400, QStringLiteral("bad_request"), message, field);
}

ApiError ApiError::notFound(const QString &message)
{
    return ApiError(404, QStringLiteral("not_found"), message);
}

ApiError ApiError::forbidden(const QString &code, const QString &message)
{
    return ApiError(403, code, message);
}

QString Request::source() const
{
    QHostAddress address = remoteAddress;
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped) {
        address = QHostAddress(v4);
    }
    return address.toString();
}

QString Request::queryValue(const QString &name) const
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

QJsonObject Request::json() const
{
    if (body.isEmpty()) {
        return {};
    }
    const QByteArray type = header("content-type").split(';').first().trimmed().toLower();
    if (type != "application/json") {
        throw ApiError(415, QStringLiteral("unsupported_media_type"),
                       QStringLiteral("send the request body as application/json"));
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(body);
    if (decoder.hasError()) {
        throw ApiError(400, QStringLiteral("invalid_utf8"), QStringLiteral("the request body is not valid UTF-8"));
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        throw ApiError(400, QStringLiteral("malformed_json"),
                       QStringLiteral("the request body is not valid JSON (%1 at offset %2)")
                           .arg(error.errorString())
                           .arg(error.offset));
    }
    if (!doc.isObject()) {
        throw ApiError(400, QStringLiteral("malformed_json"), QStringLiteral("the request body must be a JSON object"));
    }
    return doc.object();
}

Response Response::json(const QJsonObject &object, int status)
{
    Response r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

Response Response::json(const QJsonArray &array, int status)
{
    Response r;
    r.status = status;
    r.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return r;
}

Response Response::noContent()
{
    Response r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

Response Response::download(const QByteArray &data, const QByteArray &contentType, const QString &fileName)
{
    Response r;
    r.contentType = contentType;
    r.body = data;
    QString safe = fileName;
    safe.remove(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")));
    r.headers.append({"Content-Disposition", "attachment; filename=\"" + safe.toLatin1() + "\""});
    return r;
}

Response Response::error(const ApiError &e)
{
    QJsonObject body = e.extra;
    body.insert(QStringLiteral("error"), e.code());
    body.insert(QStringLiteral("message"), e.message());
    body.insert(QStringLiteral("field"), e.field().isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.field()));
    Response r = json(body, e.status());
    r.delay = e.delay;
    return r;
}

QJsonValue JsonFields::take(const QString &name, bool required)
{
    m_known << name;
    const QJsonValue v = m_object.value(name);
    if (required && (v.isUndefined() || v.isNull())) {
        throw ApiError(400, QStringLiteral("missing_field"), QStringLiteral("the field '%1' is required").arg(name),
                       name);
    }
    return v;
}

namespace {
[[noreturn]] void wrongType(const QString &name, const char *expected)
{
    throw ApiError(400, QStringLiteral("invalid_type"),
                   QStringLiteral("the field '%1' must be %2").arg(name, QLatin1String(expected)), name);
}

QString checkedString(const QString &name, const QJsonValue &v, int maxLength)
{
    if (!v.isString()) {
        wrongType(name, "a string");
    }
    const QString s = v.toString();
    if (s.size() > maxLength) {
        throw ApiError(400, QStringLiteral("too_long"),
                       QStringLiteral("the field '%1' is longer than %2 characters").arg(name).arg(maxLength), name);
    }
    for (const QChar c : s) {
        if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\r') && c != QLatin1Char('\t')) {
            throw ApiError(400, QStringLiteral("invalid_value"),
                           QStringLiteral("the field '%1' contains control characters").arg(name), name);
        }
    }
    return s;
}

qint64 checkedInteger(const QString &name, const QJsonValue &v, qint64 min, qint64 max)
{
    if (!v.isDouble()) {
        wrongType(name, "a number");
    }
    const double d = v.toDouble();
    if (d != static_cast<double>(static_cast<qint64>(d)) || d < static_cast<double>(min) ||
        d > static_cast<double>(max)) {
        throw ApiError(
            400, QStringLiteral("out_of_range"),
            QStringLiteral("the field '%1' must be a whole number from %2 to %3").arg(name).arg(min).arg(max), name);
    }
    return static_cast<qint64>(d);
}
} // namespace

QString JsonFields::string(const QString &name, int maxLength, int minLength)
{
    const QString s = checkedString(name, take(name, true), maxLength);
    if (s.size() < minLength) {
        throw ApiError(400, QStringLiteral("missing_field"),
                       QStringLiteral("the field '%1' must not be empty").arg(name), name);
    }
    return s;
}

std::optional<QString> JsonFields::optionalString(const QString &name, int maxLength)
{
    const QJsonValue v = take(name, false);
    if (v.isUndefined() || v.isNull()) {
        return std::nullopt;
    }
    return checkedString(name, v, maxLength);
}

qint64 JsonFields::integer(const QString &name, qint64 min, qint64 max)
{
    return checkedInteger(name, take(name, true), min, max);
}

std::optional<qint64> JsonFields::optionalInteger(const QString &name, qint64 min, qint64 max)
{
    const QJsonValue v = take(name, false);
    if (v.isUndefined() || v.isNull()) {
        return std::nullopt;
    }
    return checkedInteger(name, v, min, max);
}

std::optional<bool> JsonFields::optionalBoolean(const QString &name)
{
    const QJsonValue v = take(name, false);
    if (v.isUndefined() || v.isNull()) {
        return std::nullopt;
    }
    if (!v.isBool()) {
        wrongType(name, "true or false");
    }
    return v.toBool();
}

std::optional<QStringList> JsonFields::optionalStringList(const QString &name, int maxItems, int maxLength)
{
    const QJsonValue v = take(name, false);
    if (v.isUndefined() || v.isNull()) {
        return std::nullopt;
    }
    if (!v.isArray()) {
        wrongType(name, "an array of strings");
    }
    const QJsonArray array = v.toArray();
    if (array.size() > maxItems) {
        throw ApiError(400, QStringLiteral("too_long"),
                       QStringLiteral("the field '%1' has more than %2 items").arg(name).arg(maxItems), name);
    }
    QStringList out;
    for (const QJsonValue &item : array) {
        out << checkedString(name, item, maxLength);
    }
    return out;
}

QString JsonFields::choice(const QString &name, const QStringList &allowed)
{
    const QString s = string(name, 64);
    if (!allowed.contains(s)) {
        throw ApiError(
            400, QStringLiteral("invalid_value"),
            QStringLiteral("the field '%1' must be one of: %2").arg(name, allowed.join(QStringLiteral(", "))), name);
    }
    return s;
}

std::optional<QJsonObject> JsonFields::optionalObject(const QString &name)
{
    const QJsonValue v = take(name, false);
    if (v.isUndefined() || v.isNull()) {
        return std::nullopt;
    }
    if (!v.isObject()) {
        wrongType(name, "an object");
    }
    return v.toObject();
}

std::optional<QJsonArray> JsonFields::optionalArray(const QString &name, int maxItems)
{
    const QJsonValue v = take(name, false);
    if (v.isUndefined() || v.isNull()) {
        return std::nullopt;
    }
    if (!v.isArray()) {
        wrongType(name, "an array");
    }
    if (v.toArray().size() > maxItems) {
        throw ApiError(400, QStringLiteral("too_long"),
                       QStringLiteral("the field '%1' has more than %2 items").arg(name).arg(maxItems), name);
    }
    return v.toArray();
}

void JsonFields::finish() const
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!m_known.contains(it.key())) {
            throw ApiError(400, QStringLiteral("unknown_field"),
                           QStringLiteral("the field '%1' is not accepted here").arg(it.key().left(64)),
                           it.key().left(64));
        }
    }
}

Router::Router() = default;
Router::~Router() = default;

void Router::addController(std::unique_ptr<Controller> controller)
{
    controller->registerRoutes(*this);
    m_controllers.push_back(std::move(controller));
}

void Router::add(Method method, const QString &pattern, Access access, Handler handler)
{
    QStringList segments = pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (QString &s : segments) {
        if (s.startsWith(QLatin1Char('{')) && s.endsWith(QLatin1Char('}'))) {
            s = QStringLiteral("{}");
        }
    }
    m_routes.append(Route{method, segments, access, std::move(handler)});
}

const Route *Router::match(Method method, const QString &path, QStringList &params, bool &pathKnown) const
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    pathKnown = false;
    for (const Route &route : m_routes) {
        if (route.segments.size() != parts.size()) {
            continue;
        }
        QStringList captured;
        bool ok = true;
        for (qsizetype i = 0; i < parts.size() && ok; ++i) {
            if (route.segments[i] == QLatin1String("{}")) {
                captured << parts[i];
            } else {
                ok = route.segments[i] == parts[i];
            }
        }
        if (!ok) {
            continue;
        }
        pathKnown = true;
        if (route.method == method) {
            params = captured;
            return &route;
        }
    }
    return nullptr;
}

const QList<QPair<QByteArray, QByteArray>> &securityHeaders()
{
    static const QList<QPair<QByteArray, QByteArray>> headers{
        {"Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                                    "frame-ancestors 'none'"},
        {"X-Frame-Options", "DENY"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"Cache-Control", "no-store"},
        {"Pragma", "no-cache"},
        {"Strict-Transport-Security", "max-age=31536000"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
        {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
    };
    return headers;
}

QString methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return QStringLiteral("GET");
    case Method::Post:
        return QStringLiteral("POST");
    case Method::Put:
        return QStringLiteral("PUT");
    case Method::Patch:
        return QStringLiteral("PATCH");
    case Method::Delete:
        return QStringLiteral("DELETE");
    }
    return {};
}

} // namespace netgateway::core::api
