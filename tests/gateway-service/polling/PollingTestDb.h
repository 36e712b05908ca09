#pragma once

#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include "TempDataDir.h"

#include <memory>

namespace netgateway::test {

// A migrated gateway database in a temporary directory with `devices`
// managed devices (ids 1..n).
struct PollingTestDb {
    TempDataDir dir;
    std::unique_ptr<storage::Database> db;

    explicit PollingTestDb(int devices = 0)
    {
        db = storage::Database::open(dir.filePath(QStringLiteral("netgateway.db")));
        storage::Migrations::apply(*db);
        addDevices(1, devices);
    }

    void addDevices(int firstId, int count)
    {
        storage::Transaction tx(*db);
        storage::Statement st(*db, "INSERT INTO devices(id, serial_number, address, state, first_seen, last_seen) "
                                   "VALUES(?1, ?2, ?3, 'managed', 0, 0)");
        for (int id = firstId; id < firstId + count; ++id) {
            st.bind(1, id)
                .bind(2, QStringLiteral("SN%1").arg(id))
                .bind(3, QStringLiteral("127.0.%1.%2").arg(id / 250).arg(id % 250 + 1));
            st.run();
        }
        tx.commit();
    }

    qint64 count(const char *sql) { return db->scalar(sql)->toLongLong(); }
};

} // namespace netgateway::test
