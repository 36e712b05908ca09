#pragma once

#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/core/discovery/AuditSink.h>
#include <netgateway/uplink/AuditSink.h>

namespace netgateway::core::audit {

// Puts the decisions and configuration changes that discovery and the uplink
// report into the tamper-evident audit log, as actor "system" from "local".
// An action whose name says it was refused, or whose details carry
// "result": "failure", is recorded as a failure.
class AuditRecorder final : public core::AuditSink, public uplink::AuditSink {
public:
    explicit AuditRecorder(AuditLog &log) : m_log(log) {}

    // From discovery: what was done, to what, and details without secrets.
    void record(const QString &action, const QString &subject, const QJsonObject &details) override;
    // From the uplink: what happened, and details without secrets.
    void record(const QString &action, const QJsonObject &details) override;

private:
    AuditLog &m_log;
};

} // namespace netgateway::core::audit
