#pragma once

#include <netgateway/upgrade/UpgradeFlow.h>

namespace netgateway::core::audit {
class AuditLog;
}

namespace netgateway::upgrade {

// Every upgrade step into the tamper-evident audit log: action "upgrade",
// actor "system", target "<event>: <detail>"; refusals, failed or interrupted
// steps and rollbacks are recorded as failures.
class AuditLogUpgradeAudit final : public UpgradeAudit {
public:
    explicit AuditLogUpgradeAudit(core::audit::AuditLog &log) : m_log(log) {}
    void record(const QString &event, const QString &detail) override;

private:
    core::audit::AuditLog &m_log;
};

} // namespace netgateway::upgrade
