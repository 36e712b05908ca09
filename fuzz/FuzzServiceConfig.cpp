// libFuzzer target: the service's INI configuration (--config) is edited by
// hand and imported by installers; loading must never crash, must name the
// problem, and must leave the configuration untouched when it refuses.
#include <netgateway/core/ServiceConfig.h>

#include <QDir>
#include <QFile>

#include <cstdint>
#include <cstdlib>
#include <unistd.h>

using namespace netgateway::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // One scratch file per process, rewritten for every input.
    static const QString path =
        QDir::temp().filePath(QStringLiteral("netgateway-fuzz-config-%1.ini").arg(static_cast<qint64>(::getpid())));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            std::abort();
        }
        file.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size));
    }
    ServiceConfig config;
    config.dataDirectory = QStringLiteral("/unchanged");
    const ServiceConfig before = config;
    QString error;
    if (!ServiceConfig::loadFile(path, config, error)) {
        if (error.isEmpty() || config.dataDirectory != before.dataDirectory || config.uiPort != before.uiPort ||
            config.relayPort != before.relayPort || config.logFiles != before.logFiles ||
            config.logMaxBytes != before.logMaxBytes) {
            std::abort();
        }
    } else if (config.dataDirectory.trimmed().isEmpty() || config.uiPort == 0 || config.relayPort == 0 ||
               config.logFiles < 1 || config.logFiles > 100 || config.logMaxBytes < 1024 * 1024 ||
               config.logMaxBytes > 1024LL * 1024 * 1024) {
        std::abort();
    }
    QFile::remove(path);
    return 0;
}
