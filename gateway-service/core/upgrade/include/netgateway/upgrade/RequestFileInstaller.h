#pragma once

#include <netgateway/upgrade/UpgradeFlow.h>

#include <QByteArray>
#include <QString>

#include <functional>

namespace netgateway::upgrade {

// The service's side of installing: the unprivileged service cannot run dpkg
// or msiexec, so it hands the verified package to the privileged helper
// (PrivilegedInstaller; Linux: started by netgateway-upgrade.path, Windows: the
// "netgateway upgrade" scheduled task) by writing package.deb / package.msi and
// then request.json (atomically, last) into the request directory. The helper verifies everything again, installs and
// restarts the service, which continues in probation (UpgradeFlow::resume). A rollback is asked as {"action":
// "rollback"}: the helper reinstalls the package it kept.
class RequestFileInstaller final : public InstallerRunner {
public:
    // `manifest` returns the signed manifest document of the upgrade at hand.
    // `packageName` defaults to the platform's (package.deb; package.msi on Windows).
    RequestFileInstaller(QString requestDirectory, std::function<QByteArray()> manifest,
                         QString packageName = defaultPackageName());

    bool install(const QString &packageFile, QString &error) override;

    // Audits the helper's result.json, if one is there, and removes it:
    // "upgrade.helper-<result>" with the helper's message (a refused package,
    // a failed msiexec...). Returns whether there was one.
    bool collectResult(UpgradeAudit &audit);

    static QString defaultPackageName();

private:
    QString m_dir;
    QString m_packageName;
    std::function<QByteArray()> m_manifest;
};

} // namespace netgateway::upgrade
