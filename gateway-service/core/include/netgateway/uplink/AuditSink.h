#pragma once

#include <QJsonObject>
#include <QString>

namespace netgateway::uplink {

// Where the uplink reports security-relevant decisions (mode switches,
// refused changes, registration). The audit log implements this; until it is
// wired in, LoggingAuditSink writes them to the system log.
class AuditSink {
public:
    virtual ~AuditSink() = default;
    virtual void record(const QString &action, const QJsonObject &details) = 0;
};

class LoggingAuditSink final : public AuditSink {
public:
    void record(const QString &action, const QJsonObject &details) override;
};

} // namespace netgateway::uplink
