// The console serves the built web console for every path outside /api/:
// its files with their content types, index.html for the application's own
// routes, the same security headers as the API, and nothing but reads.
#include "ConsoleFixture.h"

#include <QTest>

using namespace netgateway;
using namespace netgateway::test;

class TestWebConsoleServing : public QObject {
    Q_OBJECT
private slots:
    void filesRoutesAndHeaders()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        ConsoleFixture f(clock);
        QVERIFY(f.start());
        auto client = f.client();

        const HttpResponse index = client.get("/");
        QCOMPARE(index.status, 200);
        QCOMPARE(index.header("content-type"), QByteArray("text/html; charset=utf-8"));
        QVERIFY(index.body.contains("<script src=\"/app.js\" defer></script>"));
        QVERIFY2(!index.body.contains("<script>"), "an inline script would break the CSP");

        const HttpResponse js = client.get("/app.js");
        QCOMPARE(js.status, 200);
        QCOMPARE(js.header("content-type"), QByteArray("text/javascript; charset=utf-8"));
        QVERIFY(js.body.size() > 10000);
        const HttpResponse css = client.get("/app.css");
        QCOMPARE(css.status, 200);
        QCOMPARE(css.header("content-type"), QByteArray("text/css; charset=utf-8"));
        QVERIFY(css.body.contains(".uplot"));

        // Routes of the application get its page, so reloads and bookmarks work.
        for (const char *route : {"/devices", "/devices/42", "/security", "/no/such/page", "/missing.js"}) {
            const HttpResponse page = client.get(route);
            QCOMPARE(page.status, 200);
            QCOMPARE(page.body, index.body);
        }

        // The API keeps its own answers.
        const HttpResponse api = client.get("/api/v1/nothing");
        QCOMPARE(api.status, 404);
        QCOMPARE(api.json().value(QStringLiteral("error")).toString(), QStringLiteral("not_found"));
        QCOMPARE(client.get("/api/other").status, 404);
        QCOMPARE(client.get("/api").status, 404);

        // Only reads; traversal attempts do not reach the file system.
        QCOMPARE(client.send("POST", "/devices", "{}", {}).status, 405);
        QCOMPARE(client.send("DELETE", "/app.js", {}, {}).status, 405);
        const HttpResponse traversal = client.get("/../../etc/passwd");
        QVERIFY(traversal.status == 404 || traversal.body == index.body);
        QVERIFY(!traversal.body.contains("root:"));
        const HttpResponse encoded = client.get("/%2e%2e/%2e%2e/etc/passwd");
        QVERIFY(encoded.status == 404 || encoded.body == index.body);
        QCOMPARE(client.get("/" + QByteArray(600, 'a')).status, 404);

        // Same headers as the API, and the Host check applies.
        for (const HttpResponse &r : {index, js, css}) {
            QVERIFY(r.header("content-security-policy").contains("script-src 'self'"));
            QVERIFY(!r.header("content-security-policy").contains("unsafe-inline"));
            QCOMPARE(r.header("x-content-type-options"), QByteArray("nosniff"));
            QCOMPARE(r.header("x-frame-options"), QByteArray("DENY"));
        }
        QCOMPARE(client.get("/", {{"Host", "evil.example"}}).status, 421);
    }
};

QTEST_MAIN(TestWebConsoleServing)
#include "TestWebConsoleServing.moc"
