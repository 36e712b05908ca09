#pragma once

#include <netgateway/storage/StorageError.h>

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace netgateway::storage {

class Database;

// A prepared statement. Bind parameters by 1-based index, step, read columns.
class Statement {
public:
    Statement(Database &db, const char *sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&) = delete;

    template<std::integral T>
    Statement &bind(int index, T value)
    {
        return bindInt64(index, static_cast<std::int64_t>(value));
    }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value);
    Statement &bind(int index, const QByteArray &blob);
    Statement &bindNull(int index);

    // Returns true while a row is available, false when done. Throws on error.
    bool step();
    // Runs to completion (for INSERT/UPDATE/DELETE) and resets.
    void run();
    void reset();

    [[nodiscard]] std::int64_t int64(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] QString text(int column) const;
    [[nodiscard]] QByteArray blob(int column) const;
    [[nodiscard]] bool isNull(int column) const;

private:
    Statement &bindInt64(int index, std::int64_t value);
    Database *m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

// One SQLite connection configured the way the gateway needs it: WAL journal,
// foreign keys on, a busy timeout, and durable commits.
class Database {
public:
    enum class Synchronous { Normal, Full };
    struct Options {
        bool readOnly = false;
        bool create = true;
        // Switch the file to write-ahead logging (the service's mode). Off for
        // backup files, which stay single self-contained files.
        bool writeAheadLog = true;
        std::chrono::milliseconds busyTimeout{5000};
        // NORMAL in WAL mode keeps every committed transaction across a process
        // crash; FULL also across power loss (used for the outbox).
        Synchronous synchronous = Synchronous::Normal;
    };

    static std::unique_ptr<Database> open(const QString &path, const Options &options);
    static std::unique_ptr<Database> open(const QString &path) { return open(path, Options{}); }
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    [[nodiscard]] const QString &path() const { return m_path; }

    void exec(const char *sql);
    void exec(const QString &sql);
    // Convenience for single-value queries; empty when no row.
    std::optional<QVariant> scalar(const char *sql);

    // Rows changed by the most recent INSERT, UPDATE or DELETE.
    [[nodiscard]] int changes();
    [[nodiscard]] std::int64_t lastInsertId();

    [[nodiscard]] int userVersion();
    void setUserVersion(int version);

    // Runs PRAGMA integrity_check; an empty list means the database is sound.
    QStringList integrityCheck();

    // Copies a consistent snapshot into destination with SQLite's online
    // backup API; the source stays usable by other connections meanwhile.
    void backupTo(const QString &destinationPath);

    // Throws StorageError with the connection's last message, prefixed by context.
    [[noreturn]] void fail(int resultCode, const QString &context);

    sqlite3 *handle() { return m_db; }

private:
    Database(sqlite3 *db, QString path);
    sqlite3 *m_db;
    QString m_path;
};

// RAII transaction: rolls back unless commit() was called. Inside an open
// transaction it becomes a savepoint, so code that needs atomicity can be
// called both on its own and from within a larger transaction.
class Transaction {
public:
    enum class Mode { Deferred, Immediate };
    explicit Transaction(Database &db, Mode mode = Mode::Immediate);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Database &m_db;
    bool m_done = false;
    bool m_savepoint = false;
};

} // namespace netgateway::storage
