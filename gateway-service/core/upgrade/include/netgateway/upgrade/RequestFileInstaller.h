#pragma once

#include <netgateway/upgrade/UpgradeFlow.h>

#include <QByteArray>
#include <QString>

#include <functional>

namespace netgateway::upgrade {

// The service's side of installing on Linux: the unprivileged service cannot
// run dpkg, so it hands the verified package to the root helper
// (PrivilegedInstaller, started by netgateway-upgrade.path) by writing
// package.deb and then request.json (atomically, last) into the request
// directory. The helper verifies everything again, installs and restarts the
// service, which continues in probation (UpgradeFlow::resume). A rollback is
// asked as {"action": "rollback"}: the helper reinstalls the package it kept.
class RequestFileInstaller final : public InstallerRunner {
public:
    // `manifest` returns the signed manifest document of the upgrade at hand.
    RequestFileInstaller(QString requestDirectory, std::function<QByteArray()> manifest);

    bool install(const QString &packageFile, QString &error) override;

private:
    QString m_dir;
    std::function<QByteArray()> m_manifest;
};

} // namespace netgateway::upgrade
