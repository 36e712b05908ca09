#pragma once

#include <netgateway/core/auth/SessionManager.h>

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

// The /api/v1 framework: requests, responses, errors, JSON validation and
// routing. Every area adds its endpoints as one Controller registered in
// api/Controllers.cpp (registerControllers).
namespace netgateway::core::api {

constexpr qsizetype kMaxBodyBytes = 1024 * 1024;

enum class Method { Get, Post, Put, Patch, Delete };

// Thrown by handlers and the validation code; becomes {"error", "message", "field"}.
class ApiError : public std::runtime_error {
public:
    ApiError(int status, QString code, QString message, QString field = {});
    [[nodiscard]] int status() const { return m_status; }
    [[nodiscard]] const QString &code() const { return m_code; }
    [[nodiscard]] const QString &message() const { return m_message; }
    [[nodiscard]] const QString &field() const { return m_field; }
    // Extra members for the error body (for example the failed password rule).
    QJsonObject extra;
    // When set, the answer is sent only after this delay (failed credentials).
    std::chrono::milliseconds delay{0};

    static ApiError badRequest(const QString &message, const QString &field = {});
    static ApiError notFound(const QString &message);
    static ApiError forbidden(const QString &code, const QString &message);

private:
    int m_status;
    QString m_code;
    QString m_message;
    QString m_field;
};

struct Request {
    Method method = Method::Get;
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QHostAddress remoteAddress;
    QStringList params; // the {placeholders} of the matched route, in order
    // The caller's session as it was when the request arrived (a copy, so it
    // stays valid while the handler ends sessions); null without one.
    const auth::Session *session = nullptr;
    std::optional<auth::Session> sessionSnapshot;
    QString sessionCookie;

    [[nodiscard]] QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    // The client's address as recorded in the audit log and lockouts.
    [[nodiscard]] QString source() const;
    // The body as a JSON object (400 for malformed JSON or bad UTF-8, 415 for
    // another content type). An empty body gives an empty object.
    [[nodiscard]] QJsonObject json() const;
    // A query parameter; empty when absent.
    [[nodiscard]] QString queryValue(const QString &name) const;
};

struct Response {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    // When set, the answer is sent only after this delay (failed logins).
    std::chrono::milliseconds delay{0};

    static Response json(const QJsonObject &object, int status = 200);
    static Response json(const QJsonArray &array, int status = 200);
    static Response noContent();
    static Response download(const QByteArray &data, const QByteArray &contentType, const QString &fileName);
    static Response error(const ApiError &error);
};

// Field-by-field validation of a JSON object. Each accessor marks its field
// as known; finish() rejects any field nobody asked for. Errors are 400 with
// the field named.
class JsonFields {
public:
    explicit JsonFields(QJsonObject object) : m_object(std::move(object)) {}

    QString string(const QString &name, int maxLength = 1024, int minLength = 1);
    std::optional<QString> optionalString(const QString &name, int maxLength = 1024);
    qint64 integer(const QString &name, qint64 min, qint64 max);
    std::optional<qint64> optionalInteger(const QString &name, qint64 min, qint64 max);
    std::optional<bool> optionalBoolean(const QString &name);
    std::optional<QStringList> optionalStringList(const QString &name, int maxItems, int maxLength);
    // One of `allowed`.
    QString choice(const QString &name, const QStringList &allowed);
    // Nested values, to be checked with a JsonFields of their own (see nested()).
    std::optional<QJsonObject> optionalObject(const QString &name);
    std::optional<QJsonArray> optionalArray(const QString &name, int maxItems);
    // Whether the field is present (null counts as present).
    [[nodiscard]] bool has(const QString &name) const { return m_object.contains(name); }
    void finish() const;

    // Runs `check` on a nested value; its refusals name the field as
    // "<prefix>.<field>" so the client knows where in the document it is.
    template<typename F>
    static auto nested(const QString &prefix, F &&check) -> decltype(check())
    {
        try {
            return check();
        } catch (ApiError &e) {
            ApiError prefixed(e.status(), e.code(), e.message(),
                              e.field().isEmpty() ? prefix : prefix + QLatin1Char('.') + e.field());
            prefixed.extra = e.extra;
            throw prefixed;
        }
    }

private:
    QJsonValue take(const QString &name, bool required);
    QJsonObject m_object;
    QStringList m_known;
};

enum class Access {
    Public,        // no session needed (login, setup)
    Authenticated, // a live session; state-changing methods also need the CSRF token
};

using Handler = std::function<Response(Request &)>;

struct Route {
    Method method;
    QStringList segments; // "{}" marks a placeholder
    Access access;
    Handler handler;
};

class Controller;

class Router {
public:
    Router();
    ~Router();
    Router(const Router &) = delete;
    Router &operator=(const Router &) = delete;

    // Registers the controller's routes and keeps it alive with the router.
    void addController(std::unique_ptr<Controller> controller);

    // `pattern` is a path under /api/v1 such as "/sessions/{id}".
    void add(Method method, const QString &pattern, Access access, Handler handler);
    // Finds the route for a path; sets `methodAllowed` to false when the path
    // exists with other methods only.
    const Route *match(Method method, const QString &path, QStringList &params, bool &pathKnown) const;

private:
    QList<Route> m_routes;
    std::vector<std::unique_ptr<Controller>> m_controllers;
};

// A group of endpoints, typically one area's. Register new controllers in
// registerControllers() (api/Controllers.cpp).
class Controller {
public:
    virtual ~Controller() = default;
    virtual void registerRoutes(Router &router) = 0;
};

QString methodName(Method method);

// The headers every console response carries (CSP, framing, sniffing,
// referrer, caching, HSTS).
const QList<QPair<QByteArray, QByteArray>> &securityHeaders();

} // namespace netgateway::core::api
