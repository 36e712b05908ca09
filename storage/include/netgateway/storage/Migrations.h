#pragma once

#include <netgateway/storage/Database.h>

#include <QList>
#include <QString>

namespace netgateway::storage {

struct Migration {
    int version = 0;
    QString name;
    QByteArray sql;
};

// Forward-only schema migrations, one SQL file each under storage/migrations/
// (NNNN_name.sql), compiled into the binary.
class Migrations {
public:
    // All migrations known to this binary, ordered by version. Versions are
    // contiguous from 1; the list is validated when first loaded.
    static const QList<Migration> &all();
    static int latestVersion();

    // Brings the database to `targetVersion` (default: latest) in one
    // transaction. Throws StorageError::TooNew when the database was written
    // by a newer binary, and StorageError::Migration when a step fails (the
    // database is then left exactly as it was). Returns the number applied.
    static int apply(Database &db, int targetVersion = -1);
};

} // namespace netgateway::storage
