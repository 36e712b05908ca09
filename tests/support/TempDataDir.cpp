#include "TempDataDir.h"

#include <QDir>
#include <QFile>

namespace netgateway::test {

TempDataDir::TempDataDir() : m_dir(QDir::tempPath() + QStringLiteral("/ngt-XXXXXX"))
{
}

QByteArray TempDataDir::readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

} // namespace netgateway::test
