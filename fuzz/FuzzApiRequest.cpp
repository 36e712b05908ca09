// libFuzzer target: the /api/v1 request pipeline without sockets. The input is
// a request as a client could send it,
//   METHOD /api/v1/path?query\n
//   header: value\n ...\n
//   \n
//   body
// and goes through the same steps the console applies before a handler runs:
// route matching (on the console's real route patterns), body decoding
// (Request::json) and field validation (JsonFields). Every refusal must be a
// client error (4xx) with a JSON body; nothing may crash or throw anything else.
#include <netgateway/core/api/Api.h>

#include <QJsonDocument>
#include <QUrl>

#include <cstdint>
#include <cstdlib>

using namespace netgateway::core::api;

namespace {

const Router &consoleRoutes()
{
    static Router *router = [] {
        auto *r = new Router;
        const auto none = [](Request &) { return Response::noContent(); };
        // The patterns registered in api/Controllers.cpp.
        const QList<QPair<Method, const char *>> routes{{Method::Get, "/status"},
                                                        {Method::Get, "/auth/setup"},
                                                        {Method::Post, "/auth/setup"},
                                                        {Method::Post, "/auth/login"},
                                                        {Method::Post, "/auth/logout"},
                                                        {Method::Get, "/auth/session"},
                                                        {Method::Post, "/auth/password"},
                                                        {Method::Post, "/auth/totp/enrol"},
                                                        {Method::Post, "/auth/totp/verify"},
                                                        {Method::Post, "/auth/totp/disable"},
                                                        {Method::Get, "/sessions"},
                                                        {Method::Delete, "/sessions/{id}"},
                                                        {Method::Get, "/security/settings"},
                                                        {Method::Put, "/security/settings"},
                                                        {Method::Get, "/audit"},
                                                        {Method::Get, "/audit/export"},
                                                        {Method::Get, "/logs/system"},
                                                        {Method::Get, "/certificate"},
                                                        {Method::Put, "/certificate"},
                                                        {Method::Post, "/backup"},
                                                        {Method::Get, "/relay"}};
        for (const auto &[method, pattern] : routes) {
            r->add(method, QString::fromLatin1(pattern), Access::Authenticated, none);
        }
        return r;
    }();
    return *router;
}

Method methodOf(const QByteArray &name)
{
    if (name == "POST") {
        return Method::Post;
    }
    if (name == "PUT") {
        return Method::Put;
    }
    if (name == "PATCH") {
        return Method::Patch;
    }
    if (name == "DELETE") {
        return Method::Delete;
    }
    return Method::Get;
}

void checkRefusal(const ApiError &e)
{
    if (e.status() < 400 || e.status() > 499 || e.code().isEmpty() || e.message().isEmpty()) {
        std::abort();
    }
    const Response r = Response::error(e);
    if (r.status != e.status() || !QJsonDocument::fromJson(r.body).isObject()) {
        std::abort();
    }
}

// The validations the console's handlers run on their bodies (login,
// password change, security settings, certificate upload).
void validate(const QJsonObject &body, int schema)
{
    JsonFields f(body);
    switch (schema % 4) {
    case 0:
        f.string(QStringLiteral("account"), 64);
        f.string(QStringLiteral("password"), 1024);
        f.optionalString(QStringLiteral("totp"), 16);
        break;
    case 1:
        f.string(QStringLiteral("password"), 1024);
        f.optionalInteger(QStringLiteral("sessionInactivityMinutes"), 1, 720);
        f.optionalStringList(QStringLiteral("allowedHosts"), 32, 253);
        break;
    case 2:
        f.integer(QStringLiteral("limit"), 1, 1000);
        f.choice(QStringLiteral("format"), {QStringLiteral("csv"), QStringLiteral("json")});
        f.optionalBoolean(QStringLiteral("all"));
        break;
    default:
        f.string(QStringLiteral("certificate"), 64 * 1024);
        f.string(QStringLiteral("key"), 64 * 1024);
        f.optionalString(QStringLiteral("passphrase"), 1024);
        break;
    }
    f.finish();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > static_cast<std::size_t>(kMaxBodyBytes)) {
        return 0; // larger bodies are refused with 413 before parsing
    }
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    Request request;
    qsizetype pos = input.indexOf('\n');
    const QByteArray requestLine = input.left(pos < 0 ? input.size() : pos);
    const qsizetype space = requestLine.indexOf(' ');
    const Method method = methodOf(requestLine.left(space < 0 ? 0 : space));
    const QUrl url(QString::fromUtf8(requestLine.mid(space + 1)));
    request.path = url.path();
    request.query = QUrlQuery(url);
    while (pos >= 0) {
        const qsizetype next = input.indexOf('\n', pos + 1);
        const QByteArray line = input.mid(pos + 1, next < 0 ? -1 : next - pos - 1);
        pos = next;
        if (line.trimmed().isEmpty()) {
            break;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
    }
    request.body = pos < 0 ? QByteArray() : input.mid(pos + 1);

    static const QString prefix = QStringLiteral("/api/v1/");
    if (request.path.startsWith(prefix)) {
        bool pathKnown = false;
        const Route *route =
            consoleRoutes().match(method, request.path.mid(prefix.size() - 1), request.params, pathKnown);
        if (route != nullptr && (route->method != method || !pathKnown)) {
            std::abort();
        }
        if (route != nullptr && request.params.size() != route->segments.count(QStringLiteral("{}"))) {
            std::abort();
        }
    }
    (void)request.queryValue(QStringLiteral("limit"));
    (void)request.source();
    try {
        const QJsonObject body = request.json();
        validate(body, static_cast<int>(size));
    } catch (const ApiError &e) {
        checkRefusal(e);
    }
    return 0;
}
