#pragma once

#include <QJsonObject>
#include <QString>

namespace netgateway::core {

// Where configuration changes are reported for the audit trail. The default
// writes them to the system log; the audit log plugs in its own sink. Details
// never contain secrets.
class AuditSink {
public:
    virtual ~AuditSink() = default;
    // action: what was done, e.g. "create discovery setting"; subject: what it
    // was done to, e.g. the setting's name.
    virtual void record(const QString &action, const QString &subject, const QJsonObject &details) = 0;
};

class LoggingAuditSink final : public AuditSink {
public:
    void record(const QString &action, const QString &subject, const QJsonObject &details) override;
};

} // namespace netgateway::core
