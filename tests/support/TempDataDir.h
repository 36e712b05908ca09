#pragma once

#include <QString>
#include <QTemporaryDir>

namespace netgateway::test {

// A fresh, private data directory removed at the end of the test. Kept short
// so Unix socket paths inside it stay below the 108-byte limit.
class TempDataDir {
public:
    TempDataDir();
    [[nodiscard]] bool isValid() const { return m_dir.isValid(); }
    [[nodiscard]] QString path() const { return m_dir.path(); }
    [[nodiscard]] QString filePath(const QString &name) const { return m_dir.filePath(name); }
    // Reads a whole file, for byte searches.
    [[nodiscard]] static QByteArray readAll(const QString &path);

private:
    QTemporaryDir m_dir;
};

} // namespace netgateway::test
