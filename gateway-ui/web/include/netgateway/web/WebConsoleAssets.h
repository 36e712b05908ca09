#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace netgateway::web {

// One file of the built web console.
struct Asset {
    QByteArray body;
    QByteArray contentType;
};

// The web console's files, compiled in as Qt resources. `path` is the URL
// path ("/app.js"); paths that name no file (the single-page application's
// own routes such as "/devices/12") give index.html. Returns nothing only
// when the path is malformed (".." segments, over-long) or the console was
// built without its assets.
std::optional<Asset> findAsset(const QString &path);

} // namespace netgateway::web
