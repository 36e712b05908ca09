#include <netgateway/core/discovery/AuditSink.h>

#include <QJsonDocument>

namespace netgateway::core {

void LoggingAuditSink::record(const QString &action, const QString &subject, const QJsonObject &details)
{
    qInfo("audit: %s '%s' %s", qPrintable(action), qPrintable(subject),
          QJsonDocument(details).toJson(QJsonDocument::Compact).constData());
}

} // namespace netgateway::core
