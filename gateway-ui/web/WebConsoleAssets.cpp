#include <netgateway/web/WebConsoleAssets.h>

#include <QFile>
#include <QRegularExpression>

namespace netgateway::web {

namespace {

constexpr int kMaxPathLength = 512;

QByteArray contentTypeOf(const QString &name)
{
    if (name.endsWith(QLatin1String(".html"))) {
        return "text/html; charset=utf-8";
    }
    if (name.endsWith(QLatin1String(".js"))) {
        return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(QLatin1String(".css"))) {
        return "text/css; charset=utf-8";
    }
    if (name.endsWith(QLatin1String(".svg"))) {
        return "image/svg+xml";
    }
    if (name.endsWith(QLatin1String(".json"))) {
        return "application/json";
    }
    return "application/octet-stream";
}

std::optional<Asset> readResource(const QString &name)
{
    QFile file(QStringLiteral(":/netgateway/web/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    return Asset{file.readAll(), contentTypeOf(name)};
}

} // namespace

std::optional<Asset> findAsset(const QString &path)
{
    if (path.size() > kMaxPathLength || !path.startsWith(QLatin1Char('/')) || path.contains(QLatin1String(".."))) {
        return std::nullopt;
    }
    const QString name = path.mid(1);
    // Only the flat names the bundler writes are files; everything else is a
    // route of the application and gets its page.
    static const QRegularExpression fileName(QStringLiteral("^[A-Za-z0-9_-]+\\.(js|css|svg|json)$"));
    if (fileName.match(name).hasMatch()) {
        if (auto asset = readResource(name)) {
            return asset;
        }
    }
    return readResource(QStringLiteral("index.html"));
}

} // namespace netgateway::web
