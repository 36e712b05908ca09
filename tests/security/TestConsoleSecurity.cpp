// Acceptance tests of the local console's security over real TLS connections
// to an in-process service on a manual clock.
#include "ConsoleFixture.h"

#include <netgateway/core/auth/SessionManager.h>
#include <netgateway/core/auth/Totp.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace netgateway;
using namespace netgateway::test;
using namespace std::chrono_literals;

namespace {
const QString kPassword = QString::fromLatin1(ConsoleFixture::kPassword);
const QString kAdmin = QStringLiteral("admin");
} // namespace

class TestConsoleSecurity : public QObject {
    Q_OBJECT
private slots:
    void tlsOnlyWithGeneratedCertificate();
    void plainHttpIsRefused();
    void firstPasswordThroughSetupToken();
    void bruteForceLocksOneAddressOnlyAndSurvivesRestart();
    void failuresAreAnsweredAfterTheDelay();
    void inactivityLogoutIsAudited();
    void absoluteSessionExpiry();
    void logoutInvalidatesSession();
    void passwordChangeEndsOtherSessions();
    void passwordRulesOverApi();
    void crossSitePostRejected();
    void wrongHostRejected();
    void securityHeadersOnEveryResponse();
    void sessionsListAndEnd();
    void securitySettingsNeedReauthentication();
    void totpEnrolmentAndLogin();
    void certificateReplacement();
    void auditQueryAndExport();
    void fuzzGetsOnly4xx();
};

void TestConsoleSecurity::tlsOnlyWithGeneratedCertificate()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QString error;
    QVERIFY2(f.start(&error), qPrintable(error));
    auto client = f.client();
    const HttpResponse r = client.get("/api/v1/auth/setup");
    QCOMPARE(r.status, 200);
    QVERIFY(r.protocol == QSsl::TlsV1_3 || r.protocol == QSsl::TlsV1_2);

    // TLS 1.2 negotiates a forward-secret AEAD suite.
    client.setProtocol(QSsl::TlsV1_2);
    const HttpResponse r12 = client.get("/api/v1/auth/setup");
    QCOMPARE(r12.status, 200);
    QCOMPARE(r12.protocol, QSsl::TlsV1_2);
    QVERIFY2(r12.cipher.startsWith(QLatin1String("ECDHE-")), qPrintable(r12.cipher));
    QVERIFY2(r12.cipher.contains(QLatin1String("GCM")) || r12.cipher.contains(QLatin1String("CHACHA20")),
             qPrintable(r12.cipher));
    QCOMPARE(f.console().certificates().serverConfiguration().protocol(), QSsl::TlsV1_2OrLater);

    const QSslCertificate cert = r.peerCertificate;
    QCOMPARE(cert.publicKey().algorithm(), QSsl::Ec);
    QCOMPARE(cert.publicKey().length(), 256);
    const auto sans = cert.subjectAlternativeNames();
    QVERIFY(sans.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
    QVERIFY(sans.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
    const qint64 days = cert.effectiveDate().daysTo(cert.expiryDate());
    QVERIFY2(days >= 729 && days <= 731, qPrintable(QString::number(days)));

    // The key lives in the vault, so a restart serves the same certificate.
    const QByteArray fingerprint = cert.digest(QCryptographicHash::Sha256);
    f.stop();
    QVERIFY(f.start());
    QCOMPARE(f.client().get("/api/v1/auth/setup").peerCertificate.digest(QCryptographicHash::Sha256), fingerprint);
    QVERIFY(!QFile::exists(f.dir().filePath(QStringLiteral("console.key"))));
}

void TestConsoleSecurity::plainHttpIsRefused()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, f.console().port());
    QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000));
    socket.write("GET /api/v1/status HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QByteArray answer;
    QVERIFY(QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000));
    answer += socket.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
    QVERIFY(answer.contains("https://"));
    // Garbage that looks like the start of a TLS handshake, then nothing or
    // random bytes: the connection is dropped, nothing else happens.
    QRandomGenerator random(97);
    for (int i = 0; i < 20; ++i) {
        QTcpSocket junk;
        junk.connectToHost(QHostAddress::LocalHost, f.console().port());
        QVERIFY(QTest::qWaitFor([&] { return junk.state() == QAbstractSocket::ConnectedState; }, 5000));
        QByteArray bytes(static_cast<qsizetype>(random.bounded(1, 4096)), '\0');
        for (char &c : bytes) {
            c = static_cast<char>(random.bounded(256));
        }
        bytes[0] = i % 2 ? '\x16' : bytes[0];
        junk.write(bytes);
        QVERIFY(QTest::qWaitFor([&] { return junk.state() == QAbstractSocket::UnconnectedState; }, 15000));
    }
    // The service still answers HTTPS afterwards.
    QCOMPARE(f.client().get("/api/v1/auth/setup").status, 200);
}

void TestConsoleSecurity::firstPasswordThroughSetupToken()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    auto client = f.client();
    QCOMPARE(client.get("/api/v1/auth/setup").json().value(QStringLiteral("passwordSet")).toBool(), false);
    // No default password: nothing logs in before the setup.
    QCOMPARE(client.login(kAdmin, QStringLiteral("admin")).status, 409);
    const QString token = f.console().auth().setupToken();
    QVERIFY(token.size() >= 26);

    HttpResponse r = client.post("/api/v1/auth/setup", {{"token", "wrong"}, {"password", kPassword}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_setup_token"));
    r = client.post("/api/v1/auth/setup", {{"token", token}, {"password", "password"}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.json().value(QStringLiteral("rule")).toString(), QStringLiteral("common"));
    r = client.post("/api/v1/auth/setup", {{"token", token}, {"password", kPassword}});
    QCOMPARE(r.status, 204);
    QVERIFY(f.console().auth().setupToken().isEmpty());
    // The token is single use.
    QCOMPARE(client.post("/api/v1/auth/setup", {{"token", token}, {"password", "Other-Pass-Word-77"}}).status, 409);
    QCOMPARE(client.login(kAdmin, kPassword).status, 200);
    const auto resets = f.audit(QStringLiteral("local administrator password reset"));
    QVERIFY(std::any_of(resets.cbegin(), resets.cend(), [](const core::audit::Entry &e) {
        return e.result == core::audit::Result::Success && e.source == QLatin1String("127.0.0.1");
    }));
}

void TestConsoleSecurity::bruteForceLocksOneAddressOnlyAndSurvivesRestart()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto attacker = f.client("127.0.0.2");
    for (int i = 0; i < 3; ++i) {
        const HttpResponse r = attacker.login(kAdmin, QStringLiteral("Wrong-Guess-%1").arg(i));
        QVERIFY2(r.status == 401 || (i == 2 && r.status == 429), r.body.constData());
    }
    HttpResponse fourth = attacker.login(kAdmin, kPassword);
    QCOMPARE(fourth.status, 429);
    QCOMPARE(fourth.json().value(QStringLiteral("error")).toString(), QStringLiteral("locked"));
    QVERIFY(fourth.header("retry-after").toInt() > 29 * 60);

    // The console on the machine itself still logs in.
    auto local = f.client("127.0.0.1");
    QCOMPARE(local.login(kAdmin, kPassword).status, 200);

    const auto failures = f.audit(QStringLiteral("identification and authentication"));
    const auto failed = std::count_if(failures.cbegin(), failures.cend(), [](const core::audit::Entry &e) {
        return e.result == core::audit::Result::Failure && e.source == QLatin1String("127.0.0.2");
    });
    QCOMPARE(failed, 4);

    // The lock survives a restart.
    f.stop();
    QVERIFY(f.start());
    attacker = f.client("127.0.0.2");
    QCOMPARE(attacker.login(kAdmin, kPassword).status, 429);
    clock.advance(29min);
    QCOMPARE(attacker.login(kAdmin, kPassword).status, 429);
    clock.advance(1min + 1s);
    QCOMPARE(attacker.login(kAdmin, kPassword).status, 200);
}

void TestConsoleSecurity::failuresAreAnsweredAfterTheDelay()
{
    // A short injected delay stands in for the production second.
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock, 250ms);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(client.login(QStringLiteral("nobody"), kPassword).status, 401);
    QVERIFY2(timer.elapsed() >= 250, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(client.login(kAdmin, kPassword).status, 200);
    timer.restart();
    const HttpResponse r = client.post(
        "/api/v1/auth/password", {{"currentPassword", "Wrong-Password-11"}, {"newPassword", "Purple-Ocean-Lamp-42"}});
    QCOMPARE(r.status, 401);
    QVERIFY(timer.elapsed() >= 250);
    QCOMPARE(client.get("/api/v1/auth/session").status, 200);
}

void TestConsoleSecurity::inactivityLogoutIsAudited()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    QCOMPARE(client.login(kAdmin, kPassword).status, 200);
    clock.advance(14min);
    QCOMPARE(client.get("/api/v1/auth/session").status, 200); // activity restarts the timer
    clock.advance(14min);
    QCOMPARE(client.get("/api/v1/auth/session").status, 200);
    QVERIFY(f.audit(QStringLiteral("terminate inactive sessions")).isEmpty());
    clock.advance(15min);
    const auto ended = f.audit(QStringLiteral("terminate inactive sessions"));
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.first().actor, QStringLiteral("system"));
    QVERIFY(ended.first().target.contains(kAdmin));
    QCOMPARE(client.get("/api/v1/auth/session").status, 401);
}

void TestConsoleSecurity::absoluteSessionExpiry()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    QCOMPARE(client.login(kAdmin, kPassword).status, 200);
    // Active all the time: 71 requests 10 minutes apart keep it alive until 11 h 50.
    for (int i = 0; i < 71; ++i) {
        clock.advance(10min);
        QCOMPARE(client.get("/api/v1/auth/session").status, 200);
    }
    clock.advance(10min);
    QCOMPARE(client.get("/api/v1/auth/session").status, 401);
}

void TestConsoleSecurity::logoutInvalidatesSession()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    const HttpResponse login = client.login(kAdmin, kPassword);
    QCOMPARE(login.status, 200);
    const QByteArray cookie = login.header("set-cookie");
    QVERIFY(cookie.startsWith("__Host-ngsid="));
    QVERIFY(cookie.contains("; Secure"));
    QVERIFY(cookie.contains("; HttpOnly"));
    QVERIFY(cookie.contains("; SameSite=Strict"));
    QVERIFY(cookie.contains("; Path=/"));
    // At least 128 random bits in the id (32 bytes base64url here).
    QVERIFY(client.cookie().size() >= 43);
    const QByteArray oldCookie = client.cookie();
    const HttpResponse out = client.post("/api/v1/auth/logout", {});
    QCOMPARE(out.status, 204);
    QVERIFY(out.header("set-cookie").contains("Max-Age=0"));
    // The old cookie is dead on the server, not just in the browser.
    client.setCookie(oldCookie);
    QCOMPARE(client.get("/api/v1/auth/session").status, 401);
    QCOMPARE(f.audit(QStringLiteral("logout")).size(), 1);
}

void TestConsoleSecurity::passwordChangeEndsOtherSessions()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto a = f.client("127.0.0.1");
    auto b = f.client("127.0.0.3");
    QCOMPARE(a.login(kAdmin, kPassword).status, 200);
    QCOMPARE(b.login(kAdmin, kPassword).status, 200);
    // Re-authentication: the current password must be right.
    HttpResponse r = a.post("/api/v1/auth/password",
                            {{"currentPassword", "Not-The-Password-1"}, {"newPassword", "Purple-Ocean-Lamp-42"}});
    QCOMPARE(r.status, 401);
    r = a.post("/api/v1/auth/password", {{"currentPassword", kPassword}, {"newPassword", "Purple-Ocean-Lamp-42"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("sessionsEnded")).toInt(), 1);
    QCOMPARE(b.get("/api/v1/auth/session").status, 401);
    QCOMPARE(a.get("/api/v1/auth/session").status, 200);
    QCOMPARE(b.login(kAdmin, kPassword).status, 401);
    QCOMPARE(b.login(kAdmin, QStringLiteral("Purple-Ocean-Lamp-42")).status, 200);
}

void TestConsoleSecurity::passwordRulesOverApi()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    QCOMPARE(client.login(kAdmin, kPassword).status, 200);
    const QList<std::tuple<QString, QString, QString>> cases{
        {QStringLiteral("Sh0rt!"), QStringLiteral("length"), QStringLiteral("8 to 64 characters")},
        {QString(65, QLatin1Char('x')), QStringLiteral("length"), QStringLiteral("8 to 64 characters")},
        {QStringLiteral("my-Admin-pass-91"), QStringLiteral("userId"), QStringLiteral("user ID")},
        {QStringLiteral("Blue-KYOCERA-991"), QStringLiteral("blockedWord"), QStringLiteral("\"kyocera\"")},
        {QStringLiteral("qwerty123"), QStringLiteral("common"), QStringLiteral("most common passwords")},
        {kPassword, QStringLiteral("history"), QStringLiteral("last 5 passwords")},
    };
    for (const auto &[password, rule, text] : cases) {
        const HttpResponse r =
            client.post("/api/v1/auth/password", {{"currentPassword", kPassword}, {"newPassword", password}});
        QCOMPARE(r.status, 422);
        const QJsonObject body = r.json();
        QCOMPARE(body.value(QStringLiteral("error")).toString(), QStringLiteral("password_policy"));
        QCOMPARE(body.value(QStringLiteral("rule")).toString(), rule);
        QCOMPARE(body.value(QStringLiteral("field")).toString(), QStringLiteral("newPassword"));
        QVERIFY2(body.value(QStringLiteral("message")).toString().contains(text), r.body.constData());
    }
    // 64 characters are allowed.
    const QString longest = QStringLiteral("Lamp-") + QString(59, QLatin1Char('z'));
    QCOMPARE(client.post("/api/v1/auth/password", {{"currentPassword", kPassword}, {"newPassword", longest}}).status,
             200);
}

void TestConsoleSecurity::crossSitePostRejected()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    QCOMPARE(client.login(kAdmin, kPassword).status, 200);
    const QByteArray body = R"({})";
    HttpResponse r = client.send("POST", "/api/v1/auth/logout", body,
                                 {{"Origin", "https://evil.example"}, {"Content-Type", "application/json"}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("cross_site_request"));
    r = client.send("POST", "/api/v1/auth/logout", body,
                    {{"Sec-Fetch-Site", "cross-site"}, {"Content-Type", "application/json"}});
    QCOMPARE(r.status, 403);
    r = client.send("POST", "/api/v1/auth/logout", body,
                    {{"Origin", ""}, {"Referer", "https://evil.example/page"}, {"Content-Type", "application/json"}});
    QCOMPARE(r.status, 403);
    // Same origin but without the CSRF token.
    const QByteArray token = client.csrfToken();
    client.setCsrfToken({});
    r = client.post("/api/v1/auth/logout", {});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("csrf_token"));
    client.setCsrfToken("forged-token");
    QCOMPARE(client.post("/api/v1/auth/logout", {}).status, 403);
    // A cross-site login attempt is refused too.
    auto other = f.client("127.0.0.4");
    r = other.post("/api/v1/auth/login", {{"username", kAdmin}, {"password", kPassword}},
                   {{"Origin", "https://evil.example"}});
    QCOMPARE(r.status, 403);
    // The session survived all of that; with the token the logout works.
    client.setCsrfToken(token);
    QCOMPARE(client.get("/api/v1/auth/session").status, 200);
    QCOMPARE(client.post("/api/v1/auth/logout", {}).status, 204);
}

void TestConsoleSecurity::wrongHostRejected()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    HttpResponse r = client.get("/api/v1/auth/setup", {{"Host", "evil.example"}});
    QCOMPARE(r.status, 421);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("host_not_allowed"));
    r = client.post("/api/v1/auth/login", {{"username", kAdmin}, {"password", kPassword}},
                    {{"Host", "evil.example:9797"}, {"Origin", "https://evil.example:9797"}});
    QCOMPARE(r.status, 421);
    QCOMPARE(client.get("/api/v1/auth/setup", {{"Host", "127.0.0.1"}}).status, 200);
    QCOMPARE(client.get("/api/v1/auth/setup", {{"Host", "[::1]:9797"}}).status, 200);
}

void TestConsoleSecurity::securityHeadersOnEveryResponse()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    QList<HttpResponse> responses;
    responses << client.get("/api/v1/auth/setup");                                                       // 200
    responses << client.get("/api/v1/status");                                                           // 401
    responses << client.login(kAdmin, QStringLiteral("wrong-password"));                                 // 401
    responses << client.login(kAdmin, kPassword);                                                        // 200
    responses << client.get("/api/v1/status");                                                           // 200
    responses << client.get("/api/v1/nothing");                                                          // 404
    responses << client.get("/");                                                                        // 200
    responses << client.send("DELETE", "/api/v1/status", {}, {});                                        // 405
    responses << client.get("/api/v1/status", {{"Host", "evil.example"}});                               // 421
    responses << client.send("POST", "/api/v1/auth/logout", "{}", {{"Origin", "https://evil.example"}}); // 403
    responses << client.send("POST", "/api/v1/auth/login", QByteArray(2 * 1024 * 1024, 'a'), {});        // 413
    responses << client.post("/api/v1/auth/logout", {});                                                 // 204
    QSet<int> statuses;
    for (const HttpResponse &r : responses) {
        QVERIFY2(r.status != 0, "no answer");
        statuses.insert(r.status);
        const QByteArray csp = r.header("content-security-policy");
        QVERIFY2(csp.contains("frame-ancestors 'none'"), QByteArray::number(r.status).constData());
        QVERIFY(csp.contains("script-src 'self'"));
        QVERIFY(!csp.contains("unsafe-inline"));
        QCOMPARE(r.header("x-frame-options"), QByteArray("DENY"));
        QCOMPARE(r.header("x-content-type-options"), QByteArray("nosniff"));
        QCOMPARE(r.header("referrer-policy"), QByteArray("no-referrer"));
        QCOMPARE(r.header("cache-control"), QByteArray("no-store"));
    }
    QVERIFY(statuses.contains(413));
    QVERIFY(statuses.contains(421));
    QVERIFY(statuses.contains(405));
}

void TestConsoleSecurity::sessionsListAndEnd()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto a = f.client("127.0.0.1");
    auto b = f.client("127.0.0.5");
    QCOMPARE(a.login(kAdmin, kPassword).status, 200);
    QCOMPARE(b.login(kAdmin, kPassword).status, 200);
    const QJsonArray sessions = a.get("/api/v1/sessions").json().value(QStringLiteral("sessions")).toArray();
    QCOMPARE(sessions.size(), 2);
    QString otherId;
    for (const QJsonValue &v : sessions) {
        if (!v.toObject().value(QStringLiteral("current")).toBool()) {
            otherId = v.toObject().value(QStringLiteral("id")).toString();
            QCOMPARE(v.toObject().value(QStringLiteral("source")).toString(), QStringLiteral("127.0.0.5"));
        }
    }
    QVERIFY(!otherId.isEmpty());
    QCOMPARE(a.send("DELETE", "/api/v1/sessions/" + otherId.toLatin1(), {}, {}).status, 204);
    QCOMPARE(b.get("/api/v1/auth/session").status, 401);
    QCOMPARE(a.send("DELETE", "/api/v1/sessions/" + otherId.toLatin1(), {}, {}).status, 404);
    QCOMPARE(f.audit(QStringLiteral("end session")).size(), 1);
}

void TestConsoleSecurity::securitySettingsNeedReauthentication()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    QCOMPARE(client.login(kAdmin, kPassword).status, 200);
    HttpResponse r = client.send("PUT", "/api/v1/security/settings", R"({"sessionInactivityMinutes":5})", {});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(QStringLiteral("field")).toString(), QStringLiteral("password"));
    r = client.send("PUT", "/api/v1/security/settings", R"({"password":"Wrong-One-123","sessionInactivityMinutes":5})",
                    {});
    QCOMPARE(r.status, 401);
    r = client.send("PUT", "/api/v1/security/settings",
                    QJsonDocument(QJsonObject{{"password", kPassword},
                                              {"sessionInactivityMinutes", 5},
                                              {"allowedHosts", QJsonArray{"gateway.example.net"}}})
                        .toJson(),
                    {});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("sessionInactivityMinutes")).toInt(), 5);
    const auto changes = f.audit(QStringLiteral("configure security settings"));
    QCOMPARE(changes.size(), 1);
    QVERIFY(changes.first().target.contains(QStringLiteral("sessionInactivityMinutes=5")));
    QCOMPARE(client.get("/api/v1/auth/setup", {{"Host", "gateway.example.net"}}).status, 200);
    clock.advance(6min);
    QCOMPARE(client.get("/api/v1/auth/session").status, 401);
}

void TestConsoleSecurity::totpEnrolmentAndLogin()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    QCOMPARE(client.login(kAdmin, kPassword).status, 200);
    HttpResponse r = client.post("/api/v1/auth/totp/enrol", {{"password", kPassword}});
    QCOMPARE(r.status, 200);
    const QString uri = r.json().value(QStringLiteral("otpauthUri")).toString();
    QVERIFY(uri.startsWith(QLatin1String("otpauth://totp/")));
    QVERIFY(r.json().value(QStringLiteral("qrSvg")).toString().startsWith(QLatin1String("<svg")));
    QVERIFY(!r.json().value(QStringLiteral("qrSvg")).toString().contains(QLatin1String("script")));
    const QByteArray secret = core::auth::totp::base32Decode(r.json().value(QStringLiteral("secret")).toString());
    QCOMPARE(secret.size(), 20);
    auto codeNow = [&] { return core::auth::totp::code(secret, core::auth::totp::stepAt(clock.nowSecs())); };
    QCOMPARE(client.post("/api/v1/auth/totp/verify", {{"code", "000000"}}).status == 400 ||
                 codeNow() == QLatin1String("000000"),
             true);
    r = client.post("/api/v1/auth/totp/verify", {{"code", codeNow()}});
    QCOMPARE(r.status, 200);
    const QJsonArray recovery = r.json().value(QStringLiteral("recoveryCodes")).toArray();
    QCOMPARE(recovery.size(), 10);
    QCOMPARE(client.post("/api/v1/auth/logout", {}).status, 204);

    r = client.login(kAdmin, kPassword);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("second_factor_required"));
    // The code used for enrolment cannot be used again.
    QCOMPARE(client.login(kAdmin, kPassword, codeNow()).status, 401);
    clock.advance(30s);
    const QString next = codeNow();
    QCOMPARE(client.login(kAdmin, kPassword, next).status, 200);
    QCOMPARE(client.post("/api/v1/auth/logout", {}).status, 204);
    QCOMPARE(client.login(kAdmin, kPassword, next).status, 401); // each code once
    clock.advance(40min);                                        // past the lock from those failures
    const QString recoveryCode = recovery.first().toString();
    QCOMPARE(client.login(kAdmin, kPassword, recoveryCode).status, 200);
    QCOMPARE(client.post("/api/v1/auth/logout", {}).status, 204);
    QCOMPARE(client.login(kAdmin, kPassword, recoveryCode).status, 401);
}

void TestConsoleSecurity::certificateReplacement()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    QCOMPARE(client.login(kAdmin, kPassword).status, 200);
    QByteArray certPem;
    QByteArray keyPem;
    QString error;
    QVERIFY(core::api::CertificateStore::generateSelfSigned({QStringLiteral("localhost"), QStringLiteral("127.0.0.1")},
                                                            clock.nowUtc(), 90, certPem, keyPem, error));
    QByteArray otherCert;
    QByteArray otherKey;
    QVERIFY(core::api::CertificateStore::generateSelfSigned({QStringLiteral("localhost")}, clock.nowUtc(), 90,
                                                            otherCert, otherKey, error));
    // A key that does not belong to the certificate is refused.
    HttpResponse r = client.send("PUT", "/api/v1/certificate",
                                 QJsonDocument(QJsonObject{{"password", kPassword},
                                                           {"format", "pem"},
                                                           {"certificate", QString::fromLatin1(certPem)},
                                                           {"privateKey", QString::fromLatin1(otherKey)}})
                                     .toJson(),
                                 {});
    QCOMPARE(r.status, 422);
    QVERIFY(r.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("does not belong")));
    r = client.send("PUT", "/api/v1/certificate",
                    QJsonDocument(QJsonObject{{"password", kPassword},
                                              {"format", "pem"},
                                              {"certificate", QString::fromLatin1(certPem)},
                                              {"privateKey", QString::fromLatin1(keyPem)}})
                        .toJson(),
                    {});
    QCOMPARE(r.status, 200);
    const QSslCertificate expected = QSslCertificate::fromData(certPem).first();
    HttpsClient fresh(f.console().port(), {expected});
    const HttpResponse check = fresh.get("/api/v1/auth/setup");
    QCOMPARE(check.status, 200);
    QCOMPARE(check.peerCertificate, expected);
    // The copy the desktop console pins follows the replacement.
    QFile pinned(f.dir().filePath(QString::fromLatin1(core::api::Console::kCertificateFileName)));
    QVERIFY(pinned.open(QIODevice::ReadOnly));
    QCOMPARE(QSslCertificate::fromData(pinned.readAll()).value(0), expected);
    auto changes = f.audit(QStringLiteral("certificate change"));
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.first().result, core::audit::Result::Success);
    QCOMPARE(changes.last().result, core::audit::Result::Failure);

    // PKCS#12, made with the openssl command line from the other pair.
    QTemporaryDir tmp;
    QFile certFile(tmp.filePath(QStringLiteral("c.pem")));
    QFile keyFile(tmp.filePath(QStringLiteral("k.pem")));
    QVERIFY(certFile.open(QIODevice::WriteOnly) && certFile.write(otherCert) == otherCert.size());
    QVERIFY(keyFile.open(QIODevice::WriteOnly) && keyFile.write(otherKey) == otherKey.size());
    certFile.close();
    keyFile.close();
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"), certFile.fileName(),
                   QStringLiteral("-inkey"), keyFile.fileName(), QStringLiteral("-passout"),
                   QStringLiteral("pass:p12-pass"), QStringLiteral("-out"), tmp.filePath(QStringLiteral("id.p12"))});
    QVERIFY(openssl.waitForFinished(20000));
    QCOMPARE(openssl.exitCode(), 0);
    QFile p12(tmp.filePath(QStringLiteral("id.p12")));
    QVERIFY(p12.open(QIODevice::ReadOnly));
    const QString p12Base64 = QString::fromLatin1(p12.readAll().toBase64());
    // The console now presents the certificate installed above.
    HttpsClient admin(f.console().port(), {expected});
    admin.setCookie(client.cookie());
    admin.setCsrfToken(client.csrfToken());
    r = admin.send(
        "PUT", "/api/v1/certificate",
        QJsonDocument(
            QJsonObject{{"password", kPassword}, {"format", "pkcs12"}, {"pkcs12", p12Base64}, {"passphrase", "wrong"}})
            .toJson(),
        {});
    QCOMPARE(r.status, 422);
    r = admin.send("PUT", "/api/v1/certificate",
                   QJsonDocument(QJsonObject{{"password", kPassword},
                                             {"format", "pkcs12"},
                                             {"pkcs12", p12Base64},
                                             {"passphrase", "p12-pass"}})
                       .toJson(),
                   {});
    QCOMPARE(r.status, 200);
    const QSslCertificate fromP12 = QSslCertificate::fromData(otherCert).first();
    QCOMPARE(HttpsClient(f.console().port(), {fromP12}).get("/api/v1/auth/setup").peerCertificate, fromP12);
    changes = f.audit(QStringLiteral("certificate change"));
    QCOMPARE(changes.size(), 4);
}

void TestConsoleSecurity::auditQueryAndExport()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    QCOMPARE(client.login(kAdmin, QStringLiteral("wrong-password-1")).status, 401);
    QCOMPARE(client.login(kAdmin, kPassword).status, 200);
    HttpResponse r = client.get("/api/v1/audit?result=failure&limit=10");
    QCOMPARE(r.status, 200);
    const QJsonArray entries = r.json().value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 1);
    const QJsonObject e = entries.first().toObject();
    for (const char *key : {"time", "actor", "source", "action", "target", "result"}) {
        QVERIFY2(e.contains(QLatin1String(key)), key);
    }
    QVERIFY(e.value(QStringLiteral("time")).toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(e.value(QStringLiteral("source")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(client.get("/api/v1/audit?limit=abc").status, 400);
    QCOMPARE(client.get("/api/v1/audit?bogus=1").status, 400);
    QCOMPARE(client.get("/api/v1/audit?from=yesterday").status, 400);
    r = client.get("/api/v1/audit/export?format=csv");
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("content-disposition").startsWith("attachment;"));
    QVERIFY(r.body.startsWith("id,time,actor,source,action,target,result"));
    QVERIFY(r.body.contains("identification and authentication"));
    r = client.get("/api/v1/audit/export?format=jsonl");
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.split('\n').size() >= 3);
    r = client.get("/api/v1/logs/system");
    QCOMPARE(r.status, 200);
    r = client.post("/api/v1/backup", {{"password", kPassword}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.startsWith("SQLite format 3"));
}

void TestConsoleSecurity::fuzzGetsOnly4xx()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    f.setAdminPassword();
    auto client = f.client();
    QCOMPARE(client.login(kAdmin, kPassword).status, 200);
    QRandomGenerator random(20260101);
    const QList<QPair<QByteArray, QByteArray>> endpoints{
        {"POST", "/api/v1/auth/login"},
        {"POST", "/api/v1/auth/setup"},
        {"POST", "/api/v1/auth/password"},
        {"POST", "/api/v1/auth/totp/verify"},
        {"PUT", "/api/v1/security/settings"},
        {"PUT", "/api/v1/certificate"},
        {"POST", "/api/v1/backup"},
        {"POST", "/api/v1/auth/totp/enrol"},
        {"DELETE", "/api/v1/sessions/%00%ff"},
        {"GET", "/api/v1/audit?limit=%ff%fe&from=%00"},
    };
    const QList<QByteArray> bodies{
        "{",
        "[1,2,3]",
        "\"just a string\"",
        "{\"username\": 12, \"password\": []}",
        "{\"password\": {\"nested\": true}, \"sessionInactivityMinutes\": \"5\"}",
        "{\"sessionInactivityMinutes\": 1e300, \"password\": \"x\"}",
        "{\"sessionInactivityMinutes\": -1, \"password\": \"x\"}",
        "{\"unknownField\": 1}",
        "{\"username\": \"admin\", \"password\": \"x\", \"extra\": null, \"more\": 1}",
        "{\"username\": \"\xff\xfe\xfd\", \"password\": \"\xc3\x28\"}",
        "\xef\xbb\xbf{\"a\":1}",
        "{\"code\": \"\\u0000\\u0001\"}",
        "{\"token\": true, \"password\": 1}",
        "{\"format\": \"der\", \"password\": \"x\"}",
        "{\"allowedHosts\": [1, 2], \"password\": \"x\"}",
        "{\"allowedHosts\": \"a\", \"password\": \"x\"}",
        QByteArray(100000, '['),
        "{\"username\": \"" + QByteArray(900000, 'a') + "\"}",
        "null",
        "",
    };
    int requests = 0;
    for (int i = 0; i < 160; ++i) {
        const auto &[method, path] = endpoints[random.bounded(endpoints.size())];
        QByteArray body = bodies[random.bounded(bodies.size())];
        if (random.bounded(4) == 0 && !body.isEmpty()) {
            body[random.bounded(body.size())] = static_cast<char>(random.bounded(256));
        }
        QList<QPair<QByteArray, QByteArray>> headers;
        if (random.bounded(8) == 0) {
            headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("text/plain")));
        }
        const HttpResponse r = client.send(method, path, body, headers);
        ++requests;
        QVERIFY2(r.status >= 400 && r.status < 500,
                 qPrintable(QStringLiteral("%1 %2 -> %3 %4")
                                .arg(QString::fromLatin1(method), QString::fromLatin1(path))
                                .arg(r.status)
                                .arg(QString::fromUtf8(r.body.left(200)))));
        const QJsonObject error = r.json();
        QVERIFY(error.contains(QStringLiteral("error")) && error.contains(QStringLiteral("message")));
        QVERIFY(!r.body.contains("Exception") && !r.body.contains(".cpp"));
    }
    // Bodies over 1 MB, in one piece or announced and then streamed.
    for (int size : {1024 * 1024 + 1, 3 * 1024 * 1024}) {
        const HttpResponse r = client.send("POST", "/api/v1/auth/login", QByteArray(size, '{'), {});
        QCOMPARE(r.status, 413);
    }
    QCOMPARE(requests, 160);
    // Still up, and the session still works.
    QCOMPARE(client.get("/api/v1/auth/session").status, 200);
    QCOMPARE(f.client("127.0.0.9").get("/api/v1/auth/setup").status, 200);
}

QTEST_GUILESS_MAIN(TestConsoleSecurity)
#include "TestConsoleSecurity.moc"
