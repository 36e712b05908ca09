#pragma once

#include <QString>

#include <stdexcept>

namespace netgateway::storage {

// Thrown by the storage layer. The message is written for an administrator:
// it says what failed and, where possible, what to do. It never contains a
// secret value.
class StorageError : public std::runtime_error {
public:
    enum class Kind {
        Open,      // the file could not be opened or created
        Corrupt,   // integrity_check failed or the file is not a database
        TooNew,    // written by a newer netgateway than this one
        Migration, // a migration failed; nothing was changed
        Io,        // a read or write failed (disk full, permissions)
        Busy,      // locked by another process beyond the busy timeout
        Crypto,    // the vault could not encrypt or authenticate a value
        NotFound,
    };

    StorageError(Kind kind, const QString &message)
        : std::runtime_error(message.toStdString()), m_kind(kind), m_message(message)
    {
    }

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] const QString &message() const { return m_message; }

private:
    Kind m_kind;
    QString m_message;
};

} // namespace netgateway::storage
