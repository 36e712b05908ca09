// Prints the cost of the console's security work: password hashing with the
// production scrypt parameters, audit-log append and verification, and HTTPS
// requests on a fresh TLS connection each (handshake included).
#include "ConsoleFixture.h"

#include <netgateway/core/auth/Password.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace netgateway;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int hashes = 5;
    const int auditEntries = 10000;
    const int requests = 200;

    QElapsedTimer timer;
    timer.start();
    QString hash;
    for (int i = 0; i < hashes; ++i) {
        hash = core::auth::hashPassword(QStringLiteral("Correct-Horse-Battery-9"));
    }
    const double hashMs = static_cast<double>(timer.elapsed()) / hashes;
    timer.restart();
    for (int i = 0; i < hashes; ++i) {
        if (!core::auth::verifyPassword(QStringLiteral("Correct-Horse-Battery-9"), hash)) {
            return 1;
        }
    }
    const double verifyMs = static_cast<double>(timer.elapsed()) / hashes;
    std::printf("scrypt N=2^15 r=8 p=3: hash %.0f ms, verify %.0f ms (mean of %d)\n", hashMs, verifyMs, hashes);

    test::TempDataDir dir;
    test::ManualClock clock;
    auto db = storage::Database::open(dir.filePath(QStringLiteral("bench.db")));
    storage::Migrations::apply(*db);
    core::audit::AuditLog audit(*db, clock);
    timer.restart();
    for (int i = 0; i < auditEntries; ++i) {
        audit.record(QStringLiteral("admin"), QStringLiteral("192.0.2.1"), QStringLiteral("bench"),
                     QStringLiteral("entry %1").arg(i), core::audit::Result::Success);
    }
    const double appendSecs = static_cast<double>(timer.elapsed()) / 1000.0;
    timer.restart();
    const auto verified = core::audit::AuditLog::verify(*db);
    const double verifySecs = static_cast<double>(timer.elapsed()) / 1000.0;
    std::printf("audit log: %d appends (one transaction each) in %.2f s = %.0f/s; verify %lld entries in %.3f s\n",
                auditEntries, appendSecs, auditEntries / appendSecs, static_cast<long long>(verified.checked),
                verifySecs);

    test::ManualClock consoleClock(QDateTime::currentDateTimeUtc());
    test::ConsoleFixture fixture(consoleClock);
    if (!fixture.start()) {
        return 1;
    }
    auto client = fixture.client();
    timer.restart();
    for (int i = 0; i < requests; ++i) {
        if (client.get("/api/v1/auth/setup").status != 200) {
            return 1;
        }
    }
    const double httpsSecs = static_cast<double>(timer.elapsed()) / 1000.0;
    std::printf("HTTPS: %d GET requests, new TLS connection each, client and server in one process: %.0f/s "
                "(%.1f ms each)\n",
                requests, requests / httpsSecs, 1000.0 * httpsSecs / requests);
    return 0;
}
