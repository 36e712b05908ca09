// The product areas' REST endpoints (dashboard, devices, discovery, polling,
// cloud) over real TLS to an in-process service with a real SQLite file, a
// simulated fleet (fleetsim) on loopback and the cloud emulator.
#include "ConsoleFixture.h"
#include "EmulatorProcess.h"

#include <netgateway/core/discovery/DiscoveryControl.h>
#include <netgateway/core/polling/PollScheduler.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/SecretVault.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace netgateway;
using namespace netgateway::test;
using namespace std::chrono_literals;

namespace {

const QString kPassword = QString::fromLatin1(ConsoleFixture::kPassword);
// Secrets sent in requests; no answer may ever contain one.
const QStringList kSecrets{QStringLiteral("lab-community-73"), QStringLiteral("v3-auth-pass-991"),
                           QStringLiteral("v3-priv-pass-992"), QStringLiteral("Proxy-Secret-5521"),
                           QStringLiteral("admin-password")};

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// A logged-in client whose every answer is checked for secrets.
class Api {
public:
    explicit Api(ConsoleFixture &f) : m_client(f.client())
    {
        f.setAdminPassword();
        const HttpResponse r = m_client.login(QStringLiteral("admin"), kPassword);
        QVERIFY2(r.status == 200, r.body.constData());
    }
    HttpResponse get(const QByteArray &path) { return checked(m_client.get(path)); }
    HttpResponse post(const QByteArray &path, const QJsonObject &body = {})
    {
        return checked(m_client.post(path, body));
    }
    HttpResponse put(const QByteArray &path, const QJsonObject &body)
    {
        return checked(m_client.send("PUT", path, json(body), {}));
    }
    HttpResponse del(const QByteArray &path) { return checked(m_client.send("DELETE", path, {}, {})); }
    HttpResponse raw(const QByteArray &method, const QByteArray &path, const QByteArray &body)
    {
        return checked(m_client.send(method, path, body, {}));
    }

private:
    HttpResponse checked(HttpResponse r)
    {
        for (const QString &s : kSecrets) {
            if (r.body.contains(s.toUtf8())) {
                qFatal("a response contains the secret %s: %s", qPrintable(s), r.body.constData());
            }
        }
        return r;
    }
    HttpsClient m_client;
};

// A second connection to the service's database, to seed and inspect it as
// the service's own code paths would have left it.
std::unique_ptr<storage::Database> openDb(ConsoleFixture &f)
{
    return storage::Database::open(core::GatewayService::databasePath(f.dir().path()));
}

void exec(storage::Database &db, const QString &sql)
{
    db.exec(sql);
}

QStringList ids(const QJsonObject &page)
{
    QStringList out;
    for (const QJsonValue &v : page.value(QStringLiteral("items")).toArray()) {
        out << QString::number(v.toObject().value(QStringLiteral("id")).toInteger());
    }
    return out;
}

// Seeds six devices with telemetry, through the tables the pollers write (the
// summary columns follow through the migration's triggers).
void seedFleet(ConsoleFixture &f)
{
    auto db = openDb(f);
    exec(*db,
         QStringLiteral(
             "INSERT INTO devices(id, serial_number, mac_address, address, manufacturer, model, state, first_seen, "
             "last_seen, name) VALUES "
             "(1, 'SER1', '00:17:C8:00:00:01', '127.77.0.1', 'Kyocera', 'ECOSYS M3655', 'managed', 100, 1000, "
             "'front-desk'),"
             "(2, 'SER2', '00:17:C8:00:00:02', '127.77.0.2', 'Kyocera', 'TASKalfa 2554', 'managed', 100, 3000, "
             "'accounting'),"
             "(3, 'SER3', '00:00:AA:00:00:03', '127.77.0.3', 'HP', 'LaserJet M507', 'managed', 100, 2000, "
             "'basement'),"
             "(4, 'SER4', '00:00:AA:00:00:04', '127.77.0.4', 'HP', 'LaserJet M404', 'managed', 100, 4000, "
             "'warehouse'),"
             "(5, 'SER5', NULL, '127.77.0.5', 'Brother', 'HL-L6400', 'pending', 100, 5000, 'lobby'),"
             "(6, 'SER6', NULL, '127.77.0.6', 'Kyocera', 'ECOSYS P2040', 'managed', 100, 6000, 'canteen')"));
    exec(*db, QStringLiteral("INSERT INTO device_status_events(device_id, at, status, detail) VALUES "
                             "(1, 500, 'offline', 'no answer (timeout)'), (1, 900, 'online', NULL),"
                             "(2, 900, 'sleeping', NULL), (3, 900, 'offline', 'unreachable'),"
                             "(4, 900, 'auth_failure', 'authentication failed'), (6, 900, 'online', NULL)"));
    exec(*db, QStringLiteral(
                  "INSERT INTO device_alerts(device_id, alert_key, severity, code, description, raised_at, updated_at, "
                  "cleared_at) VALUES "
                  "(1, 'a1', 'critical', 808, 'Paper jam', 600, 600, NULL),"
                  "(1, 'a2', 'warning', 1101, 'Toner low', 700, 700, 800),"
                  "(6, 'a3', 'warning', 1101, 'Toner low', 700, 700, NULL)"));
    exec(*db, QStringLiteral("INSERT INTO supply_latest(device_id, supply, level, max_capacity, read_at) VALUES "
                             "(1, 'toner.black', 40, 100, 900), (1, 'toner.cyan', 8, 100, 900),"
                             "(6, 'toner.black', 300, 1000, 900), (2, 'wasteToner.1', -3, 100, 900)"));
    exec(*db, QStringLiteral("INSERT INTO counter_readings(device_id, counter, read_at, value, usage, reset) VALUES "
                             "(1, 'total', 86400, 100, NULL, 0), (1, 'total', 90000, 150, 50, 0),"
                             "(1, 'total', 172800, 220, 70, 0), (1, 'color', 86400, 10, NULL, 0)"));
    exec(*db, QStringLiteral("INSERT INTO counter_latest(device_id, counter, value, read_at) VALUES "
                             "(1, 'total', 220, 172800), (1, 'color', 10, 86400)"));
    f.service().pollScheduler()->reloadDevices();
}

} // namespace

class TestRestApi : public QObject {
    Q_OBJECT
private slots:
    void deviceListFilterSortPaging();
    void dashboardCounts();
    void deviceDetailAndHistory();
    void pinIsVisibleInPolling();
    void pollNowAcceptAndDelete();
    void discoverySettingsRoundTrip();
    void discoveryRefusalsStoreNothing();
    void discoveryRunProgressAndCancel();
    void pollingPolicy();
    void cloudRegisterModeAndProxy();
    void malformedInputGetsOnly4xx();
};

void TestRestApi::deviceListFilterSortPaging()
{
    ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    seedFleet(f);
    Api api(f);

    QJsonObject page = api.get("/api/v1/devices").json();
    QCOMPARE(page.value("total").toInt(), 6);
    QCOMPARE(page.value("limit").toInt(), 50);
    QCOMPARE(ids(page), QStringList({"1", "2", "3", "4", "5", "6"}));
    const QJsonObject first = page.value("items").toArray().at(0).toObject();
    QCOMPARE(first.value("name").toString(), QStringLiteral("front-desk"));
    QCOMPARE(first.value("vendor").toString(), QStringLiteral("Kyocera"));
    QCOMPARE(first.value("status").toString(), QStringLiteral("online"));
    QCOMPARE(first.value("openAlerts").toInt(), 1);
    QCOMPARE(first.value("lowestSupplyPercent").toInt(), 8);
    QCOMPARE(first.value("lastSeen").toString(), QStringLiteral("1970-01-01T00:16:40Z"));
    QCOMPARE(first.value("state").toString(), QStringLiteral("managed"));
    QCOMPARE(first.value("pinned").toBool(), false);
    QVERIFY(page.value("items").toArray().at(1).toObject().value("lowestSupplyPercent").isNull());

    // Filters.
    QCOMPARE(ids(api.get("/api/v1/devices?status=online").json()), QStringList({"1", "6"}));
    QCOMPARE(ids(api.get("/api/v1/devices?status=unreachable").json()), QStringList({"3"}));
    QCOMPARE(ids(api.get("/api/v1/devices?status=error").json()), QStringList({"4"}));
    QCOMPARE(ids(api.get("/api/v1/devices?status=sleeping").json()), QStringList({"2"}));
    QCOMPARE(ids(api.get("/api/v1/devices?vendor=kyocera").json()), QStringList({"1", "2", "6"}));
    QCOMPARE(ids(api.get("/api/v1/devices?state=pending").json()), QStringList({"5"}));
    QCOMPARE(ids(api.get("/api/v1/devices?alerts=open").json()), QStringList({"1", "6"}));
    QCOMPARE(ids(api.get("/api/v1/devices?search=laserjet").json()), QStringList({"3", "4"}));
    QCOMPARE(ids(api.get("/api/v1/devices?search=00:17:C8").json()), QStringList({"1", "2"}));
    QCOMPARE(ids(api.get("/api/v1/devices?search=%25").json()), QStringList()); // a literal '%' matches nothing
    QCOMPARE(ids(api.get("/api/v1/devices?vendor=Kyocera&status=online&alerts=open").json()), QStringList({"1", "6"}));

    // Sorting, both directions, and paging.
    QCOMPARE(ids(api.get("/api/v1/devices?sort=name").json()), QStringList({"2", "3", "6", "1", "5", "4"}));
    QCOMPARE(ids(api.get("/api/v1/devices?sort=lastSeen&order=desc").json()),
             QStringList({"6", "5", "4", "2", "3", "1"}));
    QCOMPARE(ids(api.get("/api/v1/devices?sort=vendor").json()), QStringList({"5", "3", "4", "1", "2", "6"}));
    QCOMPARE(ids(api.get("/api/v1/devices?sort=model&order=desc").json()), QStringList({"2", "3", "4", "5", "6", "1"}));
    page = api.get("/api/v1/devices?sort=name&offset=2&limit=2").json();
    QCOMPARE(page.value("total").toInt(), 6);
    QCOMPARE(page.value("offset").toInt(), 2);
    QCOMPARE(ids(page), QStringList({"6", "1"}));
    QCOMPARE(ids(api.get("/api/v1/devices?offset=6").json()), QStringList());

    // Addresses sort as numbers, IPv4 before IPv6 before host names, whatever
    // wrote the rows (these are written without their sort key, as rows from
    // before the key existed).
    {
        auto db = openDb(f);
        exec(*db, QStringLiteral("UPDATE devices SET address = CASE id WHEN 1 THEN '127.77.0.10' WHEN 2 THEN "
                                 "'2001:db8::2' WHEN 3 THEN '127.77.0.9' WHEN 4 THEN 'lobby-printer.example' "
                                 "WHEN 5 THEN '127.77.0.100' ELSE '10.1.0.1' END, address_key = NULL"));
    }
    QCOMPARE(ids(api.get("/api/v1/devices?sort=address").json()), QStringList({"6", "3", "1", "5", "2", "4"}));
    QCOMPARE(ids(api.get("/api/v1/devices?sort=address&order=desc").json()),
             QStringList({"4", "2", "5", "1", "3", "6"}));

    // Priority: all managed devices start High (newcomers); a pin shows up.
    QCOMPARE(ids(api.get("/api/v1/devices?priority=high").json()), QStringList({"1", "2", "3", "4", "6"}));
    QCOMPARE(api.put("/api/v1/devices/3/priority", {{"category", "low"}}).status, 200);
    QCOMPARE(ids(api.get("/api/v1/devices?priority=low").json()), QStringList({"3"}));
    QCOMPARE(ids(api.get("/api/v1/devices?sort=priority&order=desc").json()),
             QStringList({"5", "3", "6", "4", "2", "1"}));

    // The summary follows the telemetry tables as the pollers change them.
    {
        auto db = openDb(f);
        exec(*db, QStringLiteral("UPDATE device_alerts SET cleared_at = 950, updated_at = 950 WHERE alert_key = 'a1'"));
        exec(*db, QStringLiteral("UPDATE supply_latest SET level = 55, read_at = 950 WHERE device_id = 1 AND "
                                 "supply = 'toner.cyan'"));
        exec(*db, QStringLiteral("INSERT INTO device_status_events(device_id, at, status, detail) VALUES "
                                 "(6, 950, 'sleeping', NULL)"));
    }
    QCOMPARE(ids(api.get("/api/v1/devices?alerts=open").json()), QStringList({"6"}));
    QCOMPARE(api.get("/api/v1/devices?limit=1")
                 .json()
                 .value("items")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value("lowestSupplyPercent")
                 .toInt(),
             40);
    QCOMPARE(ids(api.get("/api/v1/devices?status=sleeping").json()), QStringList({"2", "6"}));

    // Bounds and refusals name the parameter.
    for (const QByteArray &bad :
         {QByteArray("limit=0"), QByteArray("limit=501"), QByteArray("offset=-1"), QByteArray("sort=colour"),
          QByteArray("status=asleep"), QByteArray("order=up"), QByteArray("priority=urgent"), QByteArray("bogus=1")}) {
        const HttpResponse r = api.get("/api/v1/devices?" + bad);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value("field").toString(), QString::fromLatin1(bad.left(bad.indexOf('='))));
    }
    QCOMPARE(api.get("/api/v1/devices?limit=500").status, 200);
    QCOMPARE(api.get("/api/v1/devices?search=" + QByteArray(101, 'a')).status, 400);
}

void TestRestApi::dashboardCounts()
{
    ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    seedFleet(f);
    Api api(f);
    const HttpResponse r = api.get("/api/v1/dashboard");
    QCOMPARE(r.status, 200);
    const QJsonObject d = r.json();
    const QJsonObject devices = d.value("devices").toObject();
    QCOMPARE(devices.value("total").toInt(), 6);
    QCOMPARE(devices.value("online").toInt(), 2);
    QCOMPARE(devices.value("sleeping").toInt(), 1);
    QCOMPARE(devices.value("offline").toInt(), 1);
    QCOMPARE(devices.value("error").toInt(), 1);
    QCOMPARE(devices.value("pending").toInt(), 1);
    QCOMPARE(d.value("alerts").toObject().value("critical").toInt(), 1);
    QCOMPARE(d.value("alerts").toObject().value("warning").toInt(), 1);
    QCOMPARE(d.value("suppliesLow").toInt(), 1);
    QCOMPARE(d.value("uplink").toObject().value("state").toString(), QStringLiteral("off"));
    QVERIFY(d.value("lastDiscovery").isNull());
    QVERIFY(!d.value("version").toString().isEmpty());
    // The newest open alerts (the desktop console's list): the two open ones.
    const QJsonArray recent = d.value("recentAlerts").toArray();
    QCOMPARE(recent.size(), 2);
    QStringList severities;
    for (const QJsonValue &a : recent) {
        QVERIFY(!a.toObject().value("address").toString().isEmpty());
        QVERIFY(!a.toObject().value("description").toString().isEmpty());
        severities << a.toObject().value("severity").toString();
    }
    severities.sort();
    QCOMPARE(severities, (QStringList{QStringLiteral("critical"), QStringLiteral("warning")}));
}

void TestRestApi::deviceDetailAndHistory()
{
    ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    seedFleet(f);
    Api api(f);

    HttpResponse r = api.get("/api/v1/devices/1");
    QCOMPARE(r.status, 200);
    const QJsonObject d = r.json();
    QCOMPARE(d.value("serialNumber").toString(), QStringLiteral("SER1"));
    QCOMPARE(d.value("model").toString(), QStringLiteral("ECOSYS M3655"));
    QCOMPARE(d.value("status").toString(), QStringLiteral("online"));
    QCOMPARE(d.value("priority").toObject().value("category").toString(), QStringLiteral("high"));
    QCOMPARE(d.value("priority").toObject().value("pinned").toBool(), false);
    QVERIFY(d.value("nextPoll").toObject().value("alerts").toString().startsWith(QLatin1String("2026-03-01T")));
    const QJsonArray supplies = d.value("supplies").toArray();
    QCOMPARE(supplies.size(), 2);
    QCOMPARE(supplies.at(0).toObject().value("kind").toString(), QStringLiteral("toner"));
    QCOMPARE(supplies.at(0).toObject().value("colour").toString(), QStringLiteral("black"));
    QCOMPARE(supplies.at(0).toObject().value("percent").toInt(), 40);
    QCOMPARE(supplies.at(1).toObject().value("percent").toInt(), 8);
    const QJsonArray counters = d.value("counters").toArray();
    QCOMPARE(counters.size(), 2);
    QCOMPARE(counters.at(1).toObject().value("name").toString(), QStringLiteral("total"));
    QCOMPARE(counters.at(1).toObject().value("value").toInt(), 220);
    const QJsonArray alerts = d.value("openAlerts").toArray();
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.at(0).toObject().value("code").toInt(), 808);
    QCOMPARE(alerts.at(0).toObject().value("severity").toString(), QStringLiteral("critical"));
    QCOMPARE(d.value("conditions").toArray().at(0).toString(), QStringLiteral("Paper jam"));
    QCOMPARE(api.get("/api/v1/devices/99").status, 404);
    QCOMPARE(api.get("/api/v1/devices/abc").status, 404);

    // Counter history: raw readings, then one point per day (the day's last value).
    const QByteArray range = "&from=1970-01-01T00:00:00Z&to=1970-01-03T00:00:00Z";
    QJsonArray points = api.get("/api/v1/devices/1/history?kind=counters" + range).json().value("points").toArray();
    QCOMPARE(points.size(), 4);
    points = api.get("/api/v1/devices/1/history?kind=counters&bucket=day" + range).json().value("points").toArray();
    QCOMPARE(points.size(), 3);
    QCOMPARE(points.at(0).toObject().value("t").toString(), QStringLiteral("1970-01-02T00:00:00Z"));
    QCOMPARE(points.at(0).toObject().value("name").toString(), QStringLiteral("color"));
    QCOMPARE(points.at(1).toObject().value("value").toInt(), 150);
    QCOMPARE(points.at(2).toObject().value("value").toInt(), 220);
    QCOMPARE(points.at(2).toObject().value("t").toString(), QStringLiteral("1970-01-03T00:00:00Z"));

    const QJsonArray alertHistory =
        api.get("/api/v1/devices/1/history?kind=alerts" + range).json().value("items").toArray();
    QCOMPARE(alertHistory.size(), 2);
    QVERIFY(alertHistory.at(0).toObject().value("clearedAt").isNull());
    QCOMPARE(alertHistory.at(1).toObject().value("clearedAt").toString(), QStringLiteral("1970-01-01T00:13:20Z"));

    const QJsonArray status = api.get("/api/v1/devices/1/history?kind=status" + range).json().value("items").toArray();
    QCOMPARE(status.size(), 2);
    QCOMPARE(status.at(0).toObject().value("status").toString(), QStringLiteral("unreachable"));
    QCOMPARE(status.at(1).toObject().value("status").toString(), QStringLiteral("online"));

    QCOMPARE(api.get("/api/v1/devices/1/history").json().value("field").toString(), QStringLiteral("kind"));
    QCOMPARE(api.get("/api/v1/devices/1/history?kind=counters&from=yesterday").json().value("field").toString(),
             QStringLiteral("from"));
    QCOMPARE(api.get("/api/v1/devices/1/history?kind=counters&bucket=week").status, 400);
}

void TestRestApi::pinIsVisibleInPolling()
{
    ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    seedFleet(f);
    Api api(f);
    auto *scheduler = f.service().pollScheduler();

    HttpResponse r = api.put("/api/v1/devices/2/priority", {{"category", "veryHigh"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("priority").toObject().value("category").toString(), QStringLiteral("veryHigh"));
    QCOMPARE(r.json().value("priority").toObject().value("pinned").toBool(), true);
    QCOMPARE(scheduler->deviceInfo(2)->pinned, std::optional(core::polling::Priority::VeryHigh));
    QCOMPARE(scheduler->deviceInfo(2)->category, core::polling::Priority::VeryHigh);
    QCOMPARE(
        api.get("/api/v1/devices?sort=name").json().value("items").toArray().at(0).toObject().value("pinned").toBool(),
        true);
    QCOMPARE(f.audit(QStringLiteral("pin priority")).size(), 1);
    QCOMPARE(f.audit(QStringLiteral("pin priority")).first().target, QStringLiteral("device 2: veryHigh"));

    r = api.put("/api/v1/devices/2/priority", QJsonObject{{"category", QJsonValue::Null}});
    QCOMPARE(r.status, 200);
    QVERIFY(!scheduler->deviceInfo(2)->pinned.has_value());
    QCOMPARE(r.json().value("priority").toObject().value("pinned").toBool(), false);

    QCOMPARE(api.put("/api/v1/devices/2/priority", {{"category", "urgent"}}).json().value("field").toString(),
             QStringLiteral("category"));
    QCOMPARE(api.put("/api/v1/devices/2/priority", {}).json().value("field").toString(), QStringLiteral("category"));
    QCOMPARE(api.put("/api/v1/devices/5/priority", {{"category", "low"}}).status, 409); // pending
    QCOMPARE(api.put("/api/v1/devices/77/priority", {{"category", "low"}}).status, 404);
}

void TestRestApi::pollNowAcceptAndDelete()
{
    ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    seedFleet(f);
    Api api(f);
    auto *scheduler = f.service().pollScheduler();

    const auto before = scheduler->stats().alertPolls;
    HttpResponse r = api.post("/api/v1/devices/1/poll");
    QCOMPARE(r.status, 202);
    QCOMPARE(r.json().value("queued").toBool(), true);
    QTRY_VERIFY(scheduler->stats().alertPolls > before);
    QCOMPARE(api.post("/api/v1/devices/5/poll").status, 409);
    r = api.post("/api/v1/devices/poll");
    QCOMPARE(r.status, 202);
    QCOMPARE(r.json().value("queued").toInt(), 5);

    // Accepting a pending device puts it under polling.
    QVERIFY(!scheduler->deviceInfo(5));
    r = api.post("/api/v1/devices/5/accept");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("state").toString(), QStringLiteral("managed"));
    QVERIFY(scheduler->deviceInfo(5));
    QCOMPARE(api.get("/api/v1/devices/5").json().value("state").toString(), QStringLiteral("managed"));
    QCOMPARE(api.post("/api/v1/devices/5/accept").status, 409);
    QCOMPARE(f.audit(QStringLiteral("accept device")).size(), 1);

    // Deleting removes the device, its telemetry and its polling.
    QCOMPARE(api.del("/api/v1/devices/1").status, 204);
    QCOMPARE(api.get("/api/v1/devices/1").status, 404);
    QVERIFY(!scheduler->deviceInfo(1));
    QCOMPARE(api.get("/api/v1/devices").json().value("total").toInt(), 5);
    auto db = openDb(f);
    QCOMPARE(db->scalar("SELECT count(*) FROM counter_readings WHERE device_id = 1")->toInt(), 0);
    QCOMPARE(api.del("/api/v1/devices/1").status, 404);
    const auto deleted = f.audit(QStringLiteral("delete device"));
    QCOMPARE(deleted.size(), 1);
    QCOMPARE(deleted.first().target, QStringLiteral("device 1 (127.77.0.1, serial SER1)"));
    QCOMPARE(deleted.first().actor, QStringLiteral("admin"));
}

void TestRestApi::discoverySettingsRoundTrip()
{
    ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    Api api(f);

    const QJsonObject body{
        {"name", "Head office"},
        {"targets", QJsonArray{"192.0.2.0/24", "198.51.100.10-198.51.100.20"}},
        {"exclusions", QJsonArray{"192.0.2.7"}},
        {"credentials", QJsonArray{QJsonObject{{"version", "v2c"}, {"community", "lab-community-73"}},
                                   QJsonObject{{"version", "v3"},
                                               {"user", "ops"},
                                               {"authProtocol", "SHA256"},
                                               {"authPassword", "v3-auth-pass-991"},
                                               {"privProtocol", "AES128"},
                                               {"privPassword", "v3-priv-pass-992"},
                                               {"context", ""}}}},
        {"wsd", true},
        {"schedule", QJsonObject{{"times", QJsonArray{"13:30", "08:00"}}}},
        {"register", "managed"}};
    HttpResponse r = api.post("/api/v1/discovery/settings", body);
    QCOMPARE(r.status, 201);
    QJsonObject s = r.json();
    const qint64 id = s.value("id").toInteger();
    QVERIFY(id > 0);
    QCOMPARE(s.value("name").toString(), QStringLiteral("Head office"));
    QCOMPARE(s.value("targets").toArray().size(), 2);
    QCOMPARE(s.value("exclusions").toArray().at(0).toString(), QStringLiteral("192.0.2.7"));
    QCOMPARE(s.value("wsd").toBool(), true);
    QCOMPARE(s.value("register").toString(), QStringLiteral("managed"));
    QCOMPARE(s.value("schedule").toObject().value("times").toArray(), (QJsonArray{"08:00", "13:30"}));
    QJsonArray creds = s.value("credentials").toArray();
    QCOMPARE(creds.at(0).toObject(), (QJsonObject{{"version", "v2c"}, {"community", "***"}}));
    QCOMPARE(creds.at(1).toObject().value("user").toString(), QStringLiteral("ops"));
    QCOMPARE(creds.at(1).toObject().value("authPassword").toString(), QStringLiteral("***"));
    QCOMPARE(creds.at(1).toObject().value("privPassword").toString(), QStringLiteral("***"));

    const QByteArray path = "/api/v1/discovery/settings/" + QByteArray::number(id);
    QCOMPARE(api.get(path).json(), s);
    QCOMPARE(api.get("/api/v1/discovery/settings").json().value("items").toArray().size(), 1);

    // An edit that sends the masked secrets back keeps the stored ones.
    QJsonObject edited = s;
    edited.insert("name", "Head office 2");
    edited.insert("schedule", QJsonObject{{"times", QJsonArray{}}});
    r = api.put(path, edited);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("name").toString(), QStringLiteral("Head office 2"));
    QCOMPARE(r.json().value("schedule").toObject().value("times").toArray().size(), 0);
    {
        // The secrets are in the vault, unchanged.
        auto db = openDb(f);
        storage::FileKeyStore keys(core::GatewayService::keyFilePath(f.dir().path()));
        storage::SecretVault vault(*db, keys);
        QCOMPARE(vault.get(QStringLiteral("discovery/%1/credential/0/community").arg(id)),
                 std::optional(QByteArray("lab-community-73")));
        QCOMPARE(vault.get(QStringLiteral("discovery/%1/credential/1/auth").arg(id)),
                 std::optional(QByteArray("v3-auth-pass-991")));
        QCOMPARE(vault.get(QStringLiteral("discovery/%1/credential/1/priv").arg(id)),
                 std::optional(QByteArray("v3-priv-pass-992")));
        QCOMPARE(db->scalar("SELECT count(*) FROM discovery_credentials WHERE community_secret LIKE '%lab-community%'")
                     ->toInt(),
                 0);
    }
    QCOMPARE(f.audit(QStringLiteral("configure discovery settings")).isEmpty(), false);
    bool sawAdd = false;
    for (const auto &e : f.audit(QStringLiteral("configure discovery settings"))) {
        sawAdd = sawAdd || (e.actor == QLatin1String("admin") && e.target.startsWith(QLatin1String("added setting")));
    }
    QVERIFY(sawAdd);

    QCOMPARE(api.del(path).status, 204);
    QCOMPARE(api.get(path).status, 404);
    QCOMPARE(api.get("/api/v1/discovery/settings").json().value("items").toArray().size(), 0);
}

void TestRestApi::discoveryRefusalsStoreNothing()
{
    ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    Api api(f);
    const QJsonObject good{
        {"name", "Lab"},
        {"targets", QJsonArray{"127.0.0.1"}},
        {"credentials", QJsonArray{QJsonObject{{"version", "v2c"}, {"community", "lab-community-73"}}}}};
    QCOMPARE(api.post("/api/v1/discovery/settings", good).status, 201);

    struct Case {
        const char *field;
        QJsonObject body;
    };
    const auto with = [&good](const char *key, const QJsonValue &v) {
        QJsonObject o = good;
        o.insert(QLatin1String(key), v);
        o.insert("name", "Other");
        return o;
    };
    const QList<Case> cases{
        {"targets", with("targets", QJsonArray{"300.1.1.1"})},
        {"targets", with("targets", QJsonArray{"10.0.0.0/8"})},
        {"exclusions", with("exclusions", QJsonArray{"not an address!"})},
        {"name", QJsonObject{{"name", "  "}, {"targets", QJsonArray{"127.0.0.1"}}}},
        {"name", good}, // the name exists already
        {"credentials[0].version", with("credentials", QJsonArray{QJsonObject{{"version", "v4"}}})},
        {"credentials[0].community", with("credentials", QJsonArray{QJsonObject{{"version", "v1"}}})},
        {"credentials[0].user", with("credentials", QJsonArray{QJsonObject{{"version", "v3"}}})},
        {"credentials[0].authProtocol",
         with("credentials", QJsonArray{QJsonObject{{"version", "v3"}, {"user", "u"}, {"authProtocol", "SHA999"}}})},
        {"credentials[0].colour",
         with("credentials", QJsonArray{QJsonObject{{"version", "v2c"}, {"community", "x"}, {"colour", "red"}}})},
        {"schedule.times", with("schedule", QJsonObject{{"times", QJsonArray{"25:00"}}})},
        {"schedule.times", with("schedule", QJsonObject{{"times", QJsonArray{"01:00", "02:00", "03:00", "04:00",
                                                                             "05:00", "06:00", "07:00"}}})},
        {"register", with("register", "sometimes")},
        {"wsd", with("wsd", "yes")},
        {"surprise", with("surprise", 1)},
    };
    auto db = openDb(f);
    const auto countAll = [&db] {
        return db->scalar("SELECT (SELECT count(*) FROM discovery_settings) * 1000 + (SELECT count(*) FROM secrets)")
            ->toInt();
    };
    const int before = countAll();
    for (const Case &c : cases) {
        const HttpResponse r = api.post("/api/v1/discovery/settings", c.body);
        QVERIFY2(r.status == 400 || r.status == 409, r.body.constData());
        QCOMPARE(r.json().value("field").toString(), QString::fromLatin1(c.field));
        QVERIFY2(!r.json().value("message").toString().isEmpty(), r.body.constData());
        QCOMPARE(countAll(), before);
    }
    // A refused edit leaves the stored setting as it was.
    const qint64 id =
        api.get("/api/v1/discovery/settings").json().value("items").toArray().at(0).toObject().value("id").toInteger();
    const QByteArray path = "/api/v1/discovery/settings/" + QByteArray::number(id);
    const QJsonObject saved = api.get(path).json();
    QCOMPARE(api.put(path, with("targets", QJsonArray{"300.1.1.1"})).status, 400);
    QCOMPARE(api.get(path).json(), saved);
    QCOMPARE(countAll(), before);
    QCOMPARE(api.put("/api/v1/discovery/settings/999", good).status, 404);
}

void TestRestApi::discoveryRunProgressAndCancel()
{
    QTemporaryDir simDir;
    const quint16 port = static_cast<quint16>(20000 + QRandomGenerator::global()->bounded(20000));
    const int net = 100 + QRandomGenerator::global()->bounded(100);
    const QString base = QStringLiteral("127.%1.9.1").arg(net);
    QProcess sim;
    sim.setProcessChannelMode(QProcess::SeparateChannels);
    sim.start(QStringLiteral(FLEETSIM_PATH),
              {"--devices", "6", "--base", base, "--port", QString::number(port), "--community", "lab-community-73",
               "--no-dynamics", "--templates", QStringLiteral(FLEETSIM_TEMPLATES)});
    QVERIFY(QTest::qWaitFor([&] { return sim.canReadLine() || sim.state() == QProcess::NotRunning; }, 30000));
    const auto stopSim = qScopeGuard([&sim] {
        sim.terminate();
        sim.waitForFinished(10000);
    });
    QVERIFY2(sim.readLine().startsWith("fleetsim ready: 6 devices"), "fleetsim did not start");

    qputenv("NETGATEWAY_SNMP_PORT", QByteArray::number(port));
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    qunsetenv("NETGATEWAY_SNMP_PORT");
    Api api(f);

    QCOMPARE(api.get("/api/v1/discovery/runs/current").json().value("running").toBool(), false);
    HttpResponse r =
        api.post("/api/v1/discovery/settings",
                 {{"name", "Loopback"},
                  {"targets", QJsonArray{QStringLiteral("127.%1.9.1-127.%1.9.10").arg(net)}},
                  {"credentials", QJsonArray{QJsonObject{{"version", "v2c"}, {"community", "wrong-community"}},
                                             QJsonObject{{"version", "v2c"}, {"community", "lab-community-73"}}}},
                  {"register", "managed"}});
    QCOMPARE(r.status, 201);
    const QByteArray id = QByteArray::number(r.json().value("id").toInteger());
    r = api.post("/api/v1/discovery/settings/" + id + "/run");
    QCOMPARE(r.status, 202);
    QCOMPARE(r.json().value("runId").toInteger(), id.toLongLong());
    QJsonObject progress;
    QVERIFY(QTest::qWaitFor(
        [&] {
            progress = api.get("/api/v1/discovery/runs/current").json();
            return !progress.value("running").toBool(true);
        },
        60000));
    const QJsonObject summary = progress.value("summary").toObject();
    QCOMPARE(summary.value("found").toInt(), 6);
    QCOMPARE(summary.value("new").toInt(), 6);
    QCOMPARE(summary.value("unreachable").toInt(), 4);
    QCOMPARE(progress.value("settingId").toInteger(), id.toLongLong());
    QCOMPARE(api.get("/api/v1/devices?state=managed").json().value("total").toInt(), 6);
    QCOMPARE(api.get("/api/v1/dashboard").json().value("lastDiscovery").toObject().value("found").toInt(), 6);

    // Polling a device just found fills its identity and summary in the list.
    const QJsonObject found = api.get("/api/v1/devices?sort=address").json().value("items").toArray().at(0).toObject();
    QVERIFY(found.value("serialNumber").toString().size() > 3);
    const QByteArray device = "/api/v1/devices/" + QByteArray::number(found.value("id").toInteger());
    QCOMPARE(api.post(device + "/poll").status, 202);
    QJsonObject detail;
    QVERIFY(QTest::qWaitFor(
        [&] {
            detail = api.get(device).json();
            return !detail.value("counters").toArray().isEmpty() && detail.value("status").toString() != "unknown";
        },
        30000));
    QVERIFY2(detail.value("name").toString().startsWith(QLatin1String("prn-")),
             qPrintable(detail.value("name").toString()));
    QVERIFY(!detail.value("supplies").toArray().isEmpty());
    const QString status = detail.value("status").toString();
    QVERIFY2(status == QLatin1String("online") || status == QLatin1String("sleeping"), qPrintable(status));
    QCOMPARE(api.get("/api/v1/devices?status=" + status.toUtf8()).json().value("total").toInt(), 1);

    // A big run reports progress and can be cancelled.
    r = api.post("/api/v1/discovery/settings",
                 {{"name", "Big"},
                  {"targets", QJsonArray{QStringLiteral("127.%1.0.0/16").arg(net + 1)}},
                  {"credentials", QJsonArray{QJsonObject{{"version", "v2c"}, {"community", "lab-community-73"}}}}});
    QCOMPARE(r.status, 201);
    const QByteArray big = QByteArray::number(r.json().value("id").toInteger());
    QCOMPARE(api.post("/api/v1/discovery/settings/" + big + "/run").status, 202);
    progress = api.get("/api/v1/discovery/runs/current").json();
    QCOMPARE(progress.value("running").toBool(), true);
    QCOMPARE(progress.value("settingId").toInteger(), big.toLongLong());
    QVERIFY(progress.value("total").toInteger() > 60000);
    QVERIFY(!progress.value("startedAt").toString().isEmpty());
    // Only one run at a time.
    QCOMPARE(api.post("/api/v1/discovery/settings/" + id + "/run").status, 409);
    r = api.post("/api/v1/discovery/runs/current/cancel");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("cancelled").toBool(), true);
    QVERIFY(QTest::qWaitFor(
        [&] {
            progress = api.get("/api/v1/discovery/runs/current").json();
            return !progress.value("running").toBool(true);
        },
        30000));
    QCOMPARE(progress.value("summary").toObject().value("cancelled").toBool(), true);
    QVERIFY(!f.audit(QStringLiteral("run discovery")).isEmpty());
    QVERIFY(!f.audit(QStringLiteral("cancel discovery")).isEmpty());
}

void TestRestApi::pollingPolicy()
{
    ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    seedFleet(f);
    Api api(f);

    QJsonObject p = api.get("/api/v1/polling/policy").json();
    QCOMPARE(p.value("policy").toString(), QStringLiteral("adaptive"));
    QCOMPARE(p.value("deviceCount").toInt(), 5);
    QCOMPARE(p.value("tier").toObject().value("alerts").toString(), QStringLiteral("25-1"));
    QVERIFY(p.value("intervals").toObject().value("veryHigh").toObject().value("alertsMinutes").toDouble() > 0);
    QCOMPARE(p.value("retention").toObject().value("countersDays").toInt(), 400);

    HttpResponse r =
        api.put("/api/v1/polling/policy",
                {{"policy", "fixed"}, {"retention", QJsonObject{{"countersDays", 100}, {"statusDays", 30}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("policy").toString(), QStringLiteral("fixed"));
    QCOMPARE(f.service().pollScheduler()->policy(), core::polling::PolicyKind::Fixed);
    QCOMPARE(f.service().pollScheduler()->retention().counterDays, 100);
    QCOMPARE(f.service().pollScheduler()->retention().statusDays, 30);
    QCOMPARE(f.service().pollScheduler()->retention().supplyDays, 400);
    p = api.get("/api/v1/polling/policy").json();
    QCOMPARE(p.value("policy").toString(), QStringLiteral("fixed"));
    QCOMPARE(p.value("retention").toObject().value("countersDays").toInt(), 100);
    QCOMPARE(f.audit(QStringLiteral("configure polling")).size(), 1);

    QCOMPARE(api.put("/api/v1/polling/policy", {{"policy", "sometimes"}}).json().value("field").toString(),
             QStringLiteral("policy"));
    QCOMPARE(api.put("/api/v1/polling/policy", {{"policy", "fixed"}, {"retention", QJsonObject{{"countersDays", -1}}}})
                 .json()
                 .value("field")
                 .toString(),
             QStringLiteral("retention.countersDays"));
    QCOMPARE(f.service().pollScheduler()->retention().counterDays, 100);
}

void TestRestApi::cloudRegisterModeAndProxy()
{
    QTemporaryDir emuDir;
    EmulatorProcess emu(emuDir.path());
    QVERIFY(emu.start());
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    Api api(f);

    QJsonObject c = api.get("/api/v1/cloud").json();
    QCOMPARE(c.value("state").toString(), QStringLiteral("off"));
    QCOMPARE(c.value("registered").toBool(), false);
    QCOMPARE(c.value("registration").toString(), QStringLiteral("none"));
    QCOMPARE(c.value("mode").toString(), QStringLiteral("monitor"));
    QVERIFY(c.value("proxy").isNull());
    QCOMPARE(api.put("/api/v1/cloud/mode", {{"mode", "manage"}}).status, 409);

    // The emulator's test CA, as the installer would configure it.
    {
        auto db = openDb(f);
        storage::Statement st(*db, "INSERT INTO uplink_state(key, value, updated_at) VALUES('ca_file', ?1, 0)");
        st.bind(1, emu.caFile());
        st.run();
    }
    QCOMPARE(api.post("/api/v1/cloud/register", {{"origin", "http://127.0.0.1:1"}, {"accessCode", "DEMO-CODE"}})
                 .json()
                 .value("field")
                 .toString(),
             QStringLiteral("origin"));
    QCOMPARE(api.post("/api/v1/cloud/register", {{"origin", emu.origin()}}).json().value("field").toString(),
             QStringLiteral("accessCode"));
    HttpResponse r = api.post(
        "/api/v1/cloud/register",
        {{"origin", emu.origin()}, {"accessCode", "DEMO-CODE"}, {"user", "admin"}, {"password", "admin-password"}});
    QCOMPARE(r.status, 202);
    QVERIFY(QTest::qWaitFor(
        [&] {
            c = api.get("/api/v1/cloud").json();
            return c.value("registration").toString() == QLatin1String("managed");
        },
        30000));
    QCOMPARE(c.value("registered").toBool(), true);
    QCOMPARE(c.value("origin").toString(), emu.origin());
    bool registrationAudited = false;
    for (const auto &e : f.audit(QStringLiteral("registration"))) {
        registrationAudited =
            registrationAudited || (e.actor == QLatin1String("admin") && e.target.startsWith(emu.origin()));
    }
    QVERIFY(registrationAudited);

    // Mode.
    const QString until = clock.nowUtc().addDays(2).toString(Qt::ISODate);
    r = api.put("/api/v1/cloud/mode", {{"mode", "manage"}, {"expiresAt", until}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("mode").toString(), QStringLiteral("manage"));
    QCOMPARE(r.json().value("manageExpiresAt").toString(), until);
    QCOMPARE(api.get("/api/v1/cloud").json().value("registration").toString(), QStringLiteral("managed"));
    QCOMPARE(f.audit(QStringLiteral("mode change")).first().target,
             QStringLiteral("monitor -> manage until %1").arg(until));
    QCOMPARE(api.put("/api/v1/cloud/mode", {{"mode", "manage"}, {"expiresAt", "2001-01-01T00:00:00Z"}})
                 .json()
                 .value("field")
                 .toString(),
             QStringLiteral("expiresAt"));
    QCOMPARE(api.put("/api/v1/cloud/mode", {{"mode", "turbo"}}).json().value("field").toString(),
             QStringLiteral("mode"));
    QCOMPARE(api.put("/api/v1/cloud/mode", {{"mode", "monitor"}}).json().value("mode").toString(),
             QStringLiteral("monitor"));

    // Proxy: the password goes to the vault and never comes back.
    r = api.put("/api/v1/cloud/proxy",
                {{"host", "127.0.0.1"}, {"port", 3128}, {"user", "gw"}, {"password", "Proxy-Secret-5521"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("proxy").toObject(), (QJsonObject{{"host", "127.0.0.1"}, {"port", 3128}, {"user", "gw"}}));
    QCOMPARE(api.get("/api/v1/cloud").json().value("proxy").toObject().value("port").toInt(), 3128);
    {
        auto db = openDb(f);
        storage::FileKeyStore keys(core::GatewayService::keyFilePath(f.dir().path()));
        storage::SecretVault vault(*db, keys);
        QCOMPARE(vault.get(QStringLiteral("uplink.proxy.password")), std::optional(QByteArray("Proxy-Secret-5521")));
        QCOMPARE(db->scalar("SELECT count(*) FROM uplink_state WHERE value LIKE '%Proxy-Secret%'")->toInt(), 0);
    }
    QCOMPARE(api.put("/api/v1/cloud/proxy", {{"host", "127.0.0.1"}}).json().value("field").toString(),
             QStringLiteral("port"));
    QCOMPARE(api.put("/api/v1/cloud/proxy", {{"host", "bad host!"}, {"port", 1}}).json().value("field").toString(),
             QStringLiteral("host"));
    QCOMPARE(api.put("/api/v1/cloud/proxy", {{"host", "127.0.0.1"}, {"port", 70000}}).json().value("field").toString(),
             QStringLiteral("port"));
    r = api.put("/api/v1/cloud/proxy", {});
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value("proxy").isNull());
    {
        auto db = openDb(f);
        storage::FileKeyStore keys(core::GatewayService::keyFilePath(f.dir().path()));
        storage::SecretVault vault(*db, keys);
        QVERIFY(!vault.get(QStringLiteral("uplink.proxy.password")).has_value());
    }
    QCOMPARE(f.audit(QStringLiteral("configure proxy")).size(), 2);
}

void TestRestApi::malformedInputGetsOnly4xx()
{
    ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    ConsoleFixture f(clock);
    QVERIFY(f.start());
    seedFleet(f);
    Api api(f);
    QCOMPARE(api.post("/api/v1/discovery/settings",
                      {{"name", "Lab"},
                       {"targets", QJsonArray{"127.0.0.1"}},
                       {"credentials", QJsonArray{QJsonObject{{"version", "v2c"}, {"community", "lab-community-73"}}}}})
                 .status,
             201);
    const QList<QPair<QByteArray, QByteArray>> endpoints{
        {"PUT", "/api/v1/devices/1/priority"},
        {"POST", "/api/v1/devices/1/poll"},
        {"POST", "/api/v1/devices/5/accept"},
        {"POST", "/api/v1/devices/poll"},
        {"POST", "/api/v1/discovery/settings"},
        {"PUT", "/api/v1/discovery/settings/1"},
        {"POST", "/api/v1/discovery/settings/1/run"},
        {"POST", "/api/v1/discovery/runs/current/cancel"},
        {"PUT", "/api/v1/polling/policy"},
        {"POST", "/api/v1/cloud/register"},
        {"PUT", "/api/v1/cloud/mode"},
        {"PUT", "/api/v1/cloud/proxy"},
    };
    const QList<QByteArray> bodies{
        "{",
        "[]",
        "null",
        "\"text\"",
        "{\"name\": \"\xff\xfe\"}",
        "{\"category\": {\"a\": 1}, \"policy\": [1], \"mode\": 7, \"host\": [], \"origin\": false}",
        "{\"name\": \"x\", \"targets\": \"127.0.0.1\", \"credentials\": [1, 2]}",
        "{\"name\": \"x\", \"credentials\": [{\"version\": \"v3\", \"user\": {}}]}",
        "{\"policy\": \"fixed\", \"retention\": [1]}",
        "{\"host\": \"127.0.0.1\", \"port\": \"80\"}",
        "{\"name\": \"" + QByteArray(5000, 'n') + "\", \"origin\": \"https://" + QByteArray(5000, 'h') + "\"}",
        QByteArray(2000, '[') + QByteArray(2000, ']'),
        "{\"unknown\": 1}",
    };
    for (const auto &[method, path] : endpoints) {
        for (const QByteArray &body : bodies) {
            const HttpResponse r = api.raw(method, path, body);
            QVERIFY2(r.status >= 400 && r.status < 500,
                     qPrintable(QStringLiteral("%1 %2 %3 -> %4 %5")
                                    .arg(QString::fromLatin1(method), QString::fromLatin1(path),
                                         QString::fromLatin1(body.left(60)))
                                    .arg(r.status)
                                    .arg(QString::fromUtf8(r.body))));
            QVERIFY(r.json().contains(QStringLiteral("error")));
        }
    }
    for (const QByteArray &query : {QByteArray("limit=abc"), QByteArray("offset=99999999999999999999"),
                                    QByteArray("sort=%00"), QByteArray("search=%FF%FE"), QByteArray("status=")}) {
        const HttpResponse r = api.get("/api/v1/devices?" + query);
        QVERIFY2(r.status == 200 || r.status == 400, query.constData());
    }
    // Still serving, nothing stored by the refusals.
    QCOMPARE(api.get("/api/v1/devices").json().value("total").toInt(), 6);
    QCOMPARE(api.get("/api/v1/discovery/settings").json().value("items").toArray().size(), 1);
    QCOMPARE(api.get("/api/v1/polling/policy").json().value("policy").toString(), QStringLiteral("adaptive"));
    QVERIFY(api.get("/api/v1/cloud").json().value("proxy").isNull());
}

QTEST_GUILESS_MAIN(TestRestApi)
#include "TestRestApi.moc"
