#pragma once

#include <QString>

namespace netgateway::storage {

struct BackupInfo {
    QString path;
    qint64 bytes = 0;
    int schemaVersion = 0;
};

// Online backup of the database at `databasePath` into `destination` with
// SQLite's backup API; the service may keep running and writing meanwhile.
// The copy is checked with integrity_check before this returns.
BackupInfo backupDatabase(const QString &databasePath, const QString &destination);

// Replaces the database at `databasePath` with the backup `source`, after
// checking that the backup is sound and not newer than this binary. The
// previous database is kept beside it as `<name>.before-restore`. The caller
// must hold the instance lock (the service must not be running).
BackupInfo restoreDatabase(const QString &source, const QString &databasePath);

} // namespace netgateway::storage
