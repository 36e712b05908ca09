#pragma once

#include <netgateway/upgrade/AuditLogUpgradeAudit.h>
#include <netgateway/upgrade/CloudPackageFetcher.h>
#include <netgateway/upgrade/Manifest.h>
#include <netgateway/upgrade/RequestFileInstaller.h>
#include <netgateway/upgrade/UpgradeChecker.h>

#include <QObject>
#include <QTimer>

#include <memory>

namespace netgateway::core {
class GatewayService;
}

namespace netgateway::upgrade {

// The auto-upgrade as netgatewayd runs it: the daily UpgradeChecker with the
// built-in trusted keys, downloads over the uplink, the hand-off to the
// privileged helper (RequestFileInstaller into <data>/upgrade: package.deb on
// Linux, package.msi on Windows), a health probe on the running service, and
// the audit log (including the helper's result.json). Created by the host after
// GatewayService::start().
class UpgradeService : public QObject {
    Q_OBJECT
public:
    explicit UpgradeService(core::GatewayService &service, QObject *parent = nullptr);
    ~UpgradeService() override;
    void start();
    [[nodiscard]] UpgradeChecker *checker() const { return m_checker.get(); }

private:
    class ServiceHealthProbe;
    core::GatewayService &m_service;
    std::unique_ptr<ManifestVerifier> m_verifier;
    std::unique_ptr<CloudPackageFetcher> m_fetcher;
    std::unique_ptr<RequestFileInstaller> m_installer;
    std::unique_ptr<ServiceHealthProbe> m_probe;
    std::unique_ptr<AuditLogUpgradeAudit> m_audit;
    std::unique_ptr<UpgradeChecker> m_checker;
    QTimer m_resultTimer;
};

} // namespace netgateway::upgrade
