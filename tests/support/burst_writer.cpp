// Writes rows through the gateway's storage layer as fast as it can, one
// transaction per row, printing each id only after its COMMIT returned. A test
// kills it with SIGKILL mid-burst and checks that every printed id survived.
#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>

using namespace netgateway::storage;

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: ng_burst_writer DATABASE COUNT\n");
        return 2;
    }
    const long count = std::strtol(argv[2], nullptr, 10);
    auto db = Database::open(QString::fromLocal8Bit(argv[1]));
    Migrations::apply(*db);
    db->exec("CREATE TABLE IF NOT EXISTS burst (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
    const QByteArray payload(512, 'x');
    Statement insert(*db, "INSERT INTO burst(id, payload) VALUES(?1, ?2)");
    std::printf("started\n");
    std::fflush(stdout);
    for (long id = 1; id <= count; ++id) {
        Transaction tx(*db);
        insert.bind(1, static_cast<std::int64_t>(id)).bind(2, payload);
        insert.run();
        tx.commit();
        std::printf("%ld\n", id);
        std::fflush(stdout);
    }
    return 0;
}
