#include <netgateway/storage/Database.h>

#include <QFileInfo>

#include <sqlite3.h>

namespace netgateway::storage {

namespace {

StorageError::Kind kindFor(int code)
{
    switch (code & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return StorageError::Kind::Corrupt;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return StorageError::Kind::Busy;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return StorageError::Kind::Io;
    case SQLITE_CANTOPEN:
        return StorageError::Kind::Open;
    default:
        return StorageError::Kind::Io;
    }
}

QString adviceFor(int code)
{
    switch (code & 0xff) {
    case SQLITE_FULL:
        return QStringLiteral(" (the disk is full: free space on the data directory's volume)");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return QStringLiteral(" (the database file is damaged: restore a backup with 'netgatewayctl restore FILE')");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return QStringLiteral(" (another process holds the database locked)");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        return QStringLiteral(" (check that the data directory exists and the service account may write to it)");
    default:
        return {};
    }
}

} // namespace

Statement::Statement(Database &db, const char *sql) : m_db(&db)
{
    const int rc = sqlite3_prepare_v2(db.handle(), sql, -1, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        db.fail(rc, QStringLiteral("preparing a statement"));
    }
}

Statement::Statement(Statement &&other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt)
{
    other.m_stmt = nullptr;
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bindInt64(int index, std::int64_t value)
{
    const int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK) {
        m_db->fail(rc, QStringLiteral("binding a parameter"));
    }
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    const int rc = sqlite3_bind_double(m_stmt, index, value);
    if (rc != SQLITE_OK) {
        m_db->fail(rc, QStringLiteral("binding a parameter"));
    }
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    const int rc = sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        m_db->fail(rc, QStringLiteral("binding a parameter"));
    }
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &blob)
{
    const int rc = sqlite3_bind_blob(m_stmt, index, blob.constData(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        m_db->fail(rc, QStringLiteral("binding a parameter"));
    }
    return *this;
}

Statement &Statement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK) {
        m_db->fail(rc, QStringLiteral("binding a parameter"));
    }
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    sqlite3_reset(m_stmt);
    m_db->fail(rc, QStringLiteral("executing a statement"));
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *data = sqlite3_column_text(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return QString::fromUtf8(reinterpret_cast<const char *>(data), size);
}

QByteArray Statement::blob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return QByteArray(static_cast<const char *>(data), size);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Database::Database(sqlite3 *db, QString path) : m_db(db), m_path(std::move(path))
{
}

Database::~Database()
{
    sqlite3_close_v2(m_db);
}

std::unique_ptr<Database> Database::open(const QString &path, const Options &options)
{
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    flags |= options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (!options.readOnly && options.create) {
        flags |= SQLITE_OPEN_CREATE;
    }
    sqlite3 *raw = nullptr;
    const QByteArray nativePath = path.toUtf8();
    const int rc = sqlite3_open_v2(nativePath.constData(), &raw, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString detail = raw ? QString::fromUtf8(sqlite3_errmsg(raw)) : QStringLiteral("out of memory");
        sqlite3_close_v2(raw);
        throw StorageError(StorageError::Kind::Open,
                           QStringLiteral("cannot open database %1: %2%3").arg(path, detail, adviceFor(rc)));
    }
    std::unique_ptr<Database> db(new Database(raw, path));
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, static_cast<int>(options.busyTimeout.count()));
    // Reading the schema is the first access to the file: a file that is not a
    // database fails here with a clear message.
    db->exec("PRAGMA foreign_keys = ON");
    db->exec("PRAGMA trusted_schema = OFF");
    if (!options.readOnly) {
        if (options.writeAheadLog) {
            db->exec("PRAGMA journal_mode = WAL");
        }
        db->exec(options.synchronous == Synchronous::Full ? "PRAGMA synchronous = FULL"
                                                          : "PRAGMA synchronous = NORMAL");
    }
    db->scalar("SELECT count(*) FROM sqlite_schema");
    return db;
}

void Database::fail(int resultCode, const QString &context)
{
    const QString message =
        QStringLiteral("database %1: %2 failed: %3%4")
            .arg(QFileInfo(m_path).fileName(), context, QString::fromUtf8(sqlite3_errmsg(m_db)), adviceFor(resultCode));
    throw StorageError(kindFor(resultCode), message);
}

void Database::exec(const char *sql)
{
    char *error = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) {
        fail(rc, QStringLiteral("executing SQL"));
    }
}

void Database::exec(const QString &sql)
{
    exec(sql.toUtf8().constData());
}

std::optional<QVariant> Database::scalar(const char *sql)
{
    Statement st(*this, sql);
    if (!st.step()) {
        return std::nullopt;
    }
    if (st.isNull(0)) {
        return QVariant();
    }
    return QVariant::fromValue(st.text(0));
}

int Database::changes()
{
    return sqlite3_changes(m_db);
}

std::int64_t Database::lastInsertId()
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::userVersion()
{
    Statement st(*this, "PRAGMA user_version");
    st.step();
    return static_cast<int>(st.int64(0));
}

void Database::setUserVersion(int version)
{
    exec(QStringLiteral("PRAGMA user_version = %1").arg(version));
}

QStringList Database::integrityCheck()
{
    QStringList problems;
    try {
        Statement st(*this, "PRAGMA integrity_check");
        while (st.step()) {
            const QString line = st.text(0);
            if (line != QLatin1String("ok")) {
                problems << line;
            }
        }
    } catch (const StorageError &e) {
        problems << e.message();
    }
    return problems;
}

void Database::backupTo(const QString &destinationPath)
{
    sqlite3 *dest = nullptr;
    const QByteArray nativePath = destinationPath.toUtf8();
    int rc = sqlite3_open_v2(nativePath.constData(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        const QString detail = dest ? QString::fromUtf8(sqlite3_errmsg(dest)) : QString();
        sqlite3_close_v2(dest);
        throw StorageError(StorageError::Kind::Open,
                           QStringLiteral("cannot create backup file %1: %2").arg(destinationPath, detail));
    }
    sqlite3_backup *backup = sqlite3_backup_init(dest, "main", m_db, "main");
    if (!backup) {
        const QString detail = QString::fromUtf8(sqlite3_errmsg(dest));
        sqlite3_close_v2(dest);
        throw StorageError(StorageError::Kind::Io, QStringLiteral("cannot start backup: %1").arg(detail));
    }
    // Copy in steps so writers are never blocked for long; a busy or locked
    // source simply retries the step.
    do {
        rc = sqlite3_backup_step(backup, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            sqlite3_sleep(20);
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    const int finalCode = sqlite3_errcode(dest);
    const QString detail = QString::fromUtf8(sqlite3_errmsg(dest));
    sqlite3_close_v2(dest);
    if (rc != SQLITE_DONE || (finalCode != SQLITE_OK && finalCode != SQLITE_DONE)) {
        throw StorageError(kindFor(rc),
                           QStringLiteral("backup to %1 failed: %2%3").arg(destinationPath, detail, adviceFor(rc)));
    }
}

Transaction::Transaction(Database &db, Mode mode) : m_db(db)
{
    if (sqlite3_get_autocommit(m_db.handle()) == 0) {
        m_savepoint = true;
        m_db.exec("SAVEPOINT netgateway_nested");
        return;
    }
    m_db.exec(mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction()
{
    if (m_done) {
        return;
    }
    if (m_savepoint) {
        sqlite3_exec(m_db.handle(), "ROLLBACK TO netgateway_nested; RELEASE netgateway_nested", nullptr, nullptr,
                     nullptr);
    } else {
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit()
{
    m_db.exec(m_savepoint ? "RELEASE netgateway_nested" : "COMMIT");
    m_done = true;
}

} // namespace netgateway::storage
