#include <netgateway/core/audit/AuditRecorder.h>

#include <QJsonDocument>

namespace netgateway::core::audit {

namespace {

Result resultOf(const QString &action, const QJsonObject &details)
{
    const bool failed = action.contains(QLatin1String("refused")) ||
                        details.value(QStringLiteral("result")).toString() == QLatin1String("failure");
    return failed ? Result::Failure : Result::Success;
}

QString describe(const QString &subject, const QJsonObject &details)
{
    const QString json =
        details.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
    if (subject.isEmpty()) {
        return json;
    }
    return json.isEmpty() ? subject : subject + QLatin1Char(' ') + json;
}

} // namespace

void AuditRecorder::record(const QString &action, const QString &subject, const QJsonObject &details)
{
    m_log.record(QStringLiteral("system"), QStringLiteral("local"), action, describe(subject, details),
                 resultOf(action, details));
}

void AuditRecorder::record(const QString &action, const QJsonObject &details)
{
    m_log.record(QStringLiteral("system"), QStringLiteral("local"), action, describe(QString(), details),
                 resultOf(action, details));
}

} // namespace netgateway::core::audit
