// The /api/v1 building blocks: body parsing, field-by-field validation,
// routing and the error format.
#include <netgateway/core/api/Api.h>

#include <QJsonDocument>
#include <QTest>

using namespace netgateway::core::api;

namespace {

Request jsonRequest(const QByteArray &body, const QByteArray &type = "application/json")
{
    Request r;
    r.body = body;
    r.headers.insert("content-type", type);
    return r;
}

// Runs `f` and returns the ApiError it throws (status 0 if none).
template<typename F>
ApiError errorOf(F &&f)
{
    try {
        f();
    } catch (const ApiError &e) {
        return e;
    }
    return ApiError(0, {}, {});
}

} // namespace

class TestApiFramework : public QObject {
    Q_OBJECT
private slots:
    void bodyParsing()
    {
        QCOMPARE(jsonRequest(R"({"a":1})").json().value(QStringLiteral("a")).toInt(), 1);
        QVERIFY(jsonRequest({}).json().isEmpty());
        QCOMPARE(errorOf([] { (void)jsonRequest("{").json(); }).code(), QStringLiteral("malformed_json"));
        QCOMPARE(errorOf([] { (void)jsonRequest("[1]").json(); }).code(), QStringLiteral("malformed_json"));
        QCOMPARE(errorOf([] { (void)jsonRequest("{\"a\":\"\xc3\x28\"}").json(); }).code(),
                 QStringLiteral("invalid_utf8"));
        const ApiError type = errorOf([] { (void)jsonRequest("a=1", "application/x-www-form-urlencoded").json(); });
        QCOMPARE(type.status(), 415);
        QCOMPARE(jsonRequest(R"({})", "application/json; charset=utf-8").json().size(), 0);
    }

    void fieldValidation()
    {
        const QJsonObject body =
            QJsonDocument::fromJson(R"({"name":"x","count":3,"flag":true,"list":["a"],"big":1.5,"ctl":"a\u0001"})")
                .object();
        {
            JsonFields f(body);
            QCOMPARE(f.string(QStringLiteral("name")), QStringLiteral("x"));
            QCOMPARE(f.integer(QStringLiteral("count"), 0, 10), 3);
            QCOMPARE(f.optionalBoolean(QStringLiteral("flag")), std::optional<bool>(true));
            QCOMPARE(f.optionalStringList(QStringLiteral("list"), 4, 10).value_or(QStringList{}),
                     QStringList{QStringLiteral("a")});
            const ApiError unknown = errorOf([&f] { f.finish(); });
            QCOMPARE(unknown.status(), 400);
            QCOMPARE(unknown.code(), QStringLiteral("unknown_field"));
            QVERIFY(unknown.field() == QLatin1String("big") || unknown.field() == QLatin1String("ctl"));
        }
        JsonFields f(body);
        ApiError e = errorOf([&f] { (void)f.integer(QStringLiteral("name"), 0, 1); });
        QCOMPARE(e.code(), QStringLiteral("invalid_type"));
        QCOMPARE(e.field(), QStringLiteral("name"));
        e = errorOf([&f] { (void)f.integer(QStringLiteral("big"), 0, 10); });
        QCOMPARE(e.code(), QStringLiteral("out_of_range"));
        e = errorOf([&f] { (void)f.integer(QStringLiteral("count"), 5, 10); });
        QCOMPARE(e.code(), QStringLiteral("out_of_range"));
        e = errorOf([&f] { (void)f.string(QStringLiteral("missing")); });
        QCOMPARE(e.code(), QStringLiteral("missing_field"));
        QCOMPARE(e.field(), QStringLiteral("missing"));
        e = errorOf([&f] { (void)f.string(QStringLiteral("ctl")); });
        QCOMPARE(e.code(), QStringLiteral("invalid_value"));
        e = errorOf([&f] { (void)f.string(QStringLiteral("name"), 0); });
        QCOMPARE(e.code(), QStringLiteral("too_long"));
        e = errorOf([&f] { (void)f.optionalBoolean(QStringLiteral("count")); });
        QCOMPARE(e.code(), QStringLiteral("invalid_type"));
        e = errorOf([&f] { (void)f.choice(QStringLiteral("name"), {QStringLiteral("pem")}); });
        QCOMPARE(e.code(), QStringLiteral("invalid_value"));
    }

    void errorFormat()
    {
        ApiError e(422, QStringLiteral("password_policy"), QStringLiteral("too short"), QStringLiteral("newPassword"));
        e.extra.insert(QStringLiteral("rule"), QStringLiteral("length"));
        const Response r = Response::error(e);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.contentType, QByteArray("application/json"));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(QStringLiteral("error")).toString(), QStringLiteral("password_policy"));
        QCOMPARE(body.value(QStringLiteral("message")).toString(), QStringLiteral("too short"));
        QCOMPARE(body.value(QStringLiteral("field")).toString(), QStringLiteral("newPassword"));
        QCOMPARE(body.value(QStringLiteral("rule")).toString(), QStringLiteral("length"));
        const QJsonObject noField =
            QJsonDocument::fromJson(Response::error(ApiError::notFound(QStringLiteral("x"))).body).object();
        QVERIFY(noField.value(QStringLiteral("field")).isNull());
        const Response file = Response::download("data", "text/plain", QStringLiteral("a\"b/../c.log"));
        QCOMPARE(file.headers.first().second, QByteArray("attachment; filename=\"ab..c.log\""));
    }

    void routing()
    {
        Router router;
        router.add(Method::Get, QStringLiteral("/sessions"), Access::Authenticated,
                   [](Request &) { return Response::noContent(); });
        router.add(Method::Delete, QStringLiteral("/sessions/{id}"), Access::Authenticated,
                   [](Request &) { return Response::noContent(); });
        QStringList params;
        bool known = false;
        const Route *route = router.match(Method::Delete, QStringLiteral("/sessions/abc"), params, known);
        QVERIFY(route != nullptr);
        QCOMPARE(params, QStringList{QStringLiteral("abc")});
        QVERIFY(router.match(Method::Post, QStringLiteral("/sessions"), params, known) == nullptr);
        QVERIFY(known); // 405, not 404
        QVERIFY(router.match(Method::Get, QStringLiteral("/nothing"), params, known) == nullptr);
        QVERIFY(!known);
        QVERIFY(router.match(Method::Get, QStringLiteral("/sessions/abc/more"), params, known) == nullptr);
    }
};

QTEST_GUILESS_MAIN(TestApiFramework)
#include "TestApiFramework.moc"
