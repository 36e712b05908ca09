#include <netgateway/storage/Migrations.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace netgateway::storage {

namespace {

QList<Migration> loadMigrations()
{
    QList<Migration> result;
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    const QDir dir(QStringLiteral(":/netgateway/migrations"));
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const auto match = pattern.match(file);
        if (!match.hasMatch()) {
            qFatal("migration file name %s does not follow NNNN_name.sql", qPrintable(file));
        }
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly)) {
            qFatal("cannot read built-in migration %s", qPrintable(file));
        }
        result.append(Migration{match.captured(1).toInt(), match.captured(2), f.readAll()});
    }
    std::sort(result.begin(), result.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    // Numbers are unique and increasing; a number may be missing, because
    // areas developed side by side each own their numbers.
    for (int i = 0; i < result.size(); ++i) {
        if (result.at(i).version < 1 || (i > 0 && result.at(i).version <= result.at(i - 1).version)) {
            qFatal("migrations must have unique increasing numbers; found %d at position %d", result.at(i).version,
                   i + 1);
        }
    }
    return result;
}

} // namespace

const QList<Migration> &Migrations::all()
{
    static const QList<Migration> migrations = loadMigrations();
    return migrations;
}

int Migrations::latestVersion()
{
    return all().isEmpty() ? 0 : all().constLast().version;
}

int Migrations::apply(Database &db, int targetVersion)
{
    const int latest = latestVersion();
    if (targetVersion < 0) {
        targetVersion = latest;
    }
    const int current = db.userVersion();
    if (current > latest) {
        throw StorageError(StorageError::Kind::TooNew,
                           QStringLiteral("database %1 has schema version %2, but this netgateway only knows up to "
                                          "version %3: it was written by a newer release. Install that release "
                                          "again, or restore a backup made with this one.")
                               .arg(db.path())
                               .arg(current)
                               .arg(latest));
    }
    if (current >= targetVersion) {
        return 0;
    }
    Transaction tx(db);
    int applied = 0;
    for (const Migration &m : all()) {
        if (m.version <= current || m.version > targetVersion) {
            continue;
        }
        try {
            db.exec(m.sql.constData());
        } catch (const StorageError &e) {
            throw StorageError(StorageError::Kind::Migration,
                               QStringLiteral("schema migration %1 (%2) failed, nothing was changed: %3")
                                   .arg(m.version)
                                   .arg(m.name, e.message()));
        }
        ++applied;
    }
    db.setUserVersion(targetVersion);
    tx.commit();
    return applied;
}

} // namespace netgateway::storage
