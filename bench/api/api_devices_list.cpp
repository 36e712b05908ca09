// Prints the latency of GET /api/v1/devices over HTTPS against a real SQLite
// file holding 10,000 devices with telemetry, for several filter and sort
// combinations: p50 and p99 of N requests, each on a fresh TLS connection
// (handshake included), and of the same requests on the server side alone
// (the handler, measured through the router).
#include "ConsoleFixture.h"

#include <netgateway/core/polling/PollScheduler.h>
#include <netgateway/storage/Database.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace netgateway;

namespace {

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(index, v.size() - 1)];
}

void seed(storage::Database &db, int devices)
{
    static const char *vendors[] = {"Kyocera", "HP", "Brother", "Canon", "Ricoh"};
    static const char *statuses[] = {"online", "online", "online", "sleeping", "offline"};
    storage::Transaction tx(db);
    storage::Statement d(db,
                         "INSERT INTO devices(id, serial_number, mac_address, address, manufacturer, model, state, "
                         "first_seen, last_seen, name, location) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9, ?10)");
    storage::Statement s(db, "INSERT INTO device_status_events(device_id, at, status, detail) VALUES(?1, 0, ?2, ?3)");
    storage::Statement a(db, "INSERT INTO device_alerts(device_id, alert_key, severity, code, description, raised_at, "
                             "updated_at) VALUES(?1, 'k', ?2, 808, 'Paper jam', 0, 0)");
    storage::Statement sup(db, "INSERT INTO supply_latest(device_id, supply, level, max_capacity, read_at) "
                               "VALUES(?1, ?2, ?3, 100, 0)");
    for (int i = 1; i <= devices; ++i) {
        // Loopback addresses only: nothing is ever sent to a real network.
        d.bind(1, i)
            .bind(2, QStringLiteral("SER%1").arg(i, 7, 10, QLatin1Char('0')))
            .bind(3, QStringLiteral("00:17:C8:%1:%2:%3")
                         .arg((i >> 16) & 0xff, 2, 16, QLatin1Char('0'))
                         .arg((i >> 8) & 0xff, 2, 16, QLatin1Char('0'))
                         .arg(i & 0xff, 2, 16, QLatin1Char('0')))
            .bind(4, QStringLiteral("127.90.%1.%2").arg(i / 250).arg(i % 250 + 1))
            .bind(5, QString::fromLatin1(vendors[i % 5]))
            .bind(6, QStringLiteral("Model %1").arg(i % 37))
            .bind(7, i % 20 == 0 ? QStringLiteral("pending") : QStringLiteral("managed"))
            .bind(8, static_cast<qint64>(1'700'000'000 + (i * 7919) % 100000))
            .bind(9, QStringLiteral("prn-%1").arg((i * 104729) % 1000003, 7, 10, QLatin1Char('0')))
            .bind(10, QStringLiteral("Floor %1").arg(i % 12));
        d.run();
        s.bind(1, i).bind(2, QString::fromLatin1(statuses[i % 5]));
        if (i % 5 == 4) {
            s.bind(3, QStringLiteral("unreachable"));
        } else {
            s.bindNull(3);
        }
        s.run();
        if (i % 10 == 0) {
            a.bind(1, i).bind(2, i % 20 == 0 ? QStringLiteral("critical") : QStringLiteral("warning"));
            a.run();
        }
        for (const char *colour : {"black", "cyan", "magenta", "yellow"}) {
            sup.bind(1, i).bind(2, QStringLiteral("toner.%1").arg(QLatin1String(colour))).bind(3, (i * 13) % 101);
            sup.run();
        }
    }
    tx.commit();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int devices = argc > 1 ? QString::fromLatin1(argv[1]).toInt() : 10000;
    const int requests = argc > 2 ? QString::fromLatin1(argv[2]).toInt() : 200;

    test::ManualClock clock(QDateTime::currentDateTimeUtc());
    test::ConsoleFixture fixture(clock);
    QString error;
    if (!fixture.start(&error)) {
        std::fprintf(stderr, "the console does not start: %s\n", qPrintable(error));
        return 1;
    }
    {
        auto db = storage::Database::open(core::GatewayService::databasePath(fixture.dir().path()));
        QElapsedTimer t;
        t.start();
        seed(*db, devices);
        std::printf("seeded %d devices (4 supplies, 1 status each, 10%% with an open alert) in %.1f s\n", devices,
                    static_cast<double>(t.elapsed()) / 1000.0);
    }
    fixture.service().pollScheduler()->reloadDevices();
    fixture.setAdminPassword();
    test::HttpsClient client = fixture.client();
    if (client.login(QStringLiteral("admin"), QString::fromLatin1(test::ConsoleFixture::kPassword)).status != 200) {
        std::fprintf(stderr, "login failed\n");
        return 1;
    }

    const QList<QByteArray> queries{
        "/api/v1/devices",
        "/api/v1/devices?sort=name",
        "/api/v1/devices?sort=lastSeen&order=desc&offset=5000",
        "/api/v1/devices?status=online&sort=vendor",
        "/api/v1/devices?vendor=Kyocera&alerts=open&sort=model",
        "/api/v1/devices?search=SER000012",
        "/api/v1/devices?priority=high&sort=priority",
        "/api/v1/devices?state=pending&sort=address&order=desc",
        "/api/v1/devices?sort=name&limit=500",
    };
    std::printf("%-58s %8s %9s %9s %9s %9s\n", "request", "total", "https p50", "https p99", "server p50",
                "server p99");
    for (const QByteArray &q : queries) {
        std::vector<double> https;
        std::vector<double> server;
        qint64 total = -1;
        for (int i = 0; i < requests; ++i) {
            QElapsedTimer t;
            t.start();
            const test::HttpResponse r = client.get(q);
            https.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            if (r.status != 200) {
                std::fprintf(stderr, "%s: status %d %s\n", q.constData(), r.status, r.body.constData());
                return 1;
            }
            total = r.json().value(QStringLiteral("total")).toInteger();

            // The handler alone, without TLS and HTTP.
            core::api::Request req;
            const QUrl url(QString::fromLatin1(q));
            req.path = url.path().mid(QStringLiteral("/api/v1").size());
            req.query = QUrlQuery(url.query());
            QStringList params;
            bool known = false;
            const auto *route = fixture.console().router().match(core::api::Method::Get, req.path, params, known);
            t.restart();
            route->handler(req);
            server.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
        std::printf("%-58s %8lld %7.2f ms %7.2f ms %7.2f ms %7.2f ms\n", q.constData(), static_cast<long long>(total),
                    percentile(https, 0.5), percentile(https, 0.99), percentile(server, 0.5), percentile(server, 0.99));
    }
    return 0;
}
