#pragma once

#include <netgateway/upgrade/UpgradeFlow.h>

#include <QByteArray>
#include <QString>

#include <functional>

namespace netgateway::uplink {
class Uplink;
}

namespace netgateway::upgrade {

// Fetches upgrade manifests and packages from the gateway's one cloud origin
// through the uplink's own network access (same proxy, trust settings and
// token). An interrupted package download is continued with "Range: bytes=N-"
// from what is already on disk; an origin that ignores the range (200) makes
// it start over. UpgradeFlow's interface is synchronous, so each call runs a
// local event loop until the transfer ends (the uplink's transfer timeout ends
// a stalled one).
class CloudPackageFetcher final : public PackageFetcher {
public:
    // `uplink` returns the current uplink, or null when none is configured.
    explicit CloudPackageFetcher(std::function<uplink::Uplink *()> uplink);

    bool fetch(const Manifest &manifest, const QString &destination, QString &error) override;

    // GET /v1/upgrade/manifest?platform=P&version=V. True with an empty
    // document when the cloud offers nothing (204).
    bool fetchManifest(const QString &platform, const QString &runningVersion, QByteArray &document, QString &error);

private:
    std::function<uplink::Uplink *()> m_uplink;
};

} // namespace netgateway::upgrade
