#include <netgateway/storage/Database.h>
#include <netgateway/storage/Maintenance.h>
#include <netgateway/storage/Migrations.h>

#include <QFile>
#include <QFileInfo>

namespace netgateway::storage {

namespace {

// Opens `path` read-only-in-spirit and verifies it can serve as a gateway
// database; returns its schema version.
int verifyDatabase(const QString &path, const QString &role)
{
    Database::Options options;
    options.create = false;
    options.writeAheadLog = false;
    auto db = Database::open(path, options);
    const QStringList problems = db->integrityCheck();
    if (!problems.isEmpty()) {
        throw StorageError(StorageError::Kind::Corrupt,
                           QStringLiteral("%1 %2 failed its integrity check: %3").arg(role, path, problems.first()));
    }
    const int version = db->userVersion();
    if (version > Migrations::latestVersion()) {
        throw StorageError(StorageError::Kind::TooNew,
                           QStringLiteral("%1 %2 has schema version %3; this netgateway knows up to %4. Use the "
                                          "release that made it.")
                               .arg(role, path)
                               .arg(version)
                               .arg(Migrations::latestVersion()));
    }
    return version;
}

void removeDatabaseFiles(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
        QFile::remove(path + QLatin1String(suffix));
    }
}

} // namespace

BackupInfo backupDatabase(const QString &databasePath, const QString &destination)
{
    if (!QFileInfo::exists(databasePath)) {
        throw StorageError(StorageError::Kind::NotFound,
                           QStringLiteral("no database at %1: check --data-dir").arg(databasePath));
    }
    if (QFileInfo::exists(destination)) {
        throw StorageError(StorageError::Kind::Io,
                           QStringLiteral("%1 already exists; choose a new file name").arg(destination));
    }
    Database::Options options;
    options.create = false;
    {
        auto db = Database::open(databasePath, options);
        try {
            db->backupTo(destination);
        } catch (...) {
            removeDatabaseFiles(destination);
            throw;
        }
    }
    QFile::setPermissions(destination, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    {
        // The copy inherits the WAL flag from the source; make the backup one
        // self-contained file.
        Database::Options backupOptions = options;
        backupOptions.writeAheadLog = false;
        auto db = Database::open(destination, backupOptions);
        db->exec("PRAGMA journal_mode = DELETE");
    }
    BackupInfo info;
    info.path = destination;
    info.schemaVersion = verifyDatabase(destination, QStringLiteral("backup"));
    info.bytes = QFileInfo(destination).size();
    return info;
}

BackupInfo restoreDatabase(const QString &source, const QString &databasePath)
{
    if (!QFileInfo::exists(source)) {
        throw StorageError(StorageError::Kind::NotFound, QStringLiteral("backup file %1 does not exist").arg(source));
    }
    BackupInfo info;
    info.path = databasePath;
    info.schemaVersion = verifyDatabase(source, QStringLiteral("backup"));

    const QString previous = databasePath + QStringLiteral(".before-restore");
    if (QFileInfo::exists(databasePath)) {
        removeDatabaseFiles(previous);
        for (const char *suffix : {"", "-wal", "-shm"}) {
            const QString from = databasePath + QLatin1String(suffix);
            if (QFileInfo::exists(from) && !QFile::rename(from, previous + QLatin1String(suffix))) {
                throw StorageError(StorageError::Kind::Io,
                                   QStringLiteral("cannot move the current database aside to %1; nothing was "
                                                  "changed")
                                       .arg(previous));
            }
        }
    }
    try {
        Database::Options options;
        options.create = false;
        options.writeAheadLog = false;
        auto src = Database::open(source, options);
        src->backupTo(databasePath);
    } catch (...) {
        // Put the previous database back so a failed restore changes nothing.
        removeDatabaseFiles(databasePath);
        for (const char *suffix : {"", "-wal", "-shm"}) {
            QFile::rename(previous + QLatin1String(suffix), databasePath + QLatin1String(suffix));
        }
        throw;
    }
    QFile::setPermissions(databasePath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    info.bytes = QFileInfo(databasePath).size();
    return info;
}

} // namespace netgateway::storage
