#include <netgateway/upgrade/AuditLogUpgradeAudit.h>

#include <netgateway/core/audit/AuditLog.h>
#include <netgateway/storage/StorageError.h>

namespace netgateway::upgrade {

void AuditLogUpgradeAudit::record(const QString &event, const QString &detail)
{
    static const QStringList failures{QStringLiteral("refused"),     QStringLiteral("failed"),
                                      QStringLiteral("interrupted"), QStringLiteral("rollback"),
                                      QStringLiteral("rolled-back"), QStringLiteral("unreadable"),
                                      QStringLiteral("unwritable")};
    bool failure = false;
    for (const QString &word : failures) {
        failure = failure || event.contains(word);
    }
    try {
        m_log.record(QStringLiteral("system"), QStringLiteral("local"),
                     QString::fromLatin1(core::audit::action::kUpgrade),
                     detail.isEmpty() ? event : event + QStringLiteral(": ") + detail.left(900),
                     failure ? core::audit::Result::Failure : core::audit::Result::Success);
    } catch (const storage::StorageError &e) {
        qWarning("upgrade: cannot write the audit log (%s): %s: %s", qPrintable(e.message()), qPrintable(event),
                 qPrintable(detail));
    }
}

} // namespace netgateway::upgrade
