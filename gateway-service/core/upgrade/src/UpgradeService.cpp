#include <netgateway/upgrade/UpgradeService.h>

#include <netgateway/core/GatewayService.h>
#include <netgateway/core/Version.h>
#include <netgateway/storage/Database.h>
#include <netgateway/uplink/UplinkService.h>

#include <QDir>

namespace netgateway::upgrade {

// Healthy when the new version came up far enough to answer from its
// database (start-up already refused a damaged one).
class UpgradeService::ServiceHealthProbe final : public HealthProbe {
public:
    explicit ServiceHealthProbe(core::GatewayService &service) : m_service(service) {}
    bool healthy(QString &reason) override
    {
        storage::Database *db = m_service.database();
        if (db == nullptr) {
            reason = QStringLiteral("the database is not open");
            return false;
        }
        try {
            storage::Statement st(*db, "SELECT count(*) FROM sqlite_master");
            st.step();
            return true;
        } catch (const storage::StorageError &e) {
            reason = e.message();
            return false;
        }
    }

private:
    core::GatewayService &m_service;
};

UpgradeService::UpgradeService(core::GatewayService &service, QObject *parent) : QObject(parent), m_service(service)
{
}

UpgradeService::~UpgradeService() = default;

void UpgradeService::start()
{
    const QString data = m_service.config().dataDirectory;
    const auto running = Version::parse(QString::fromLatin1(core::kVersion));
    if (!running || m_service.database() == nullptr || m_service.auditLog() == nullptr) {
        qWarning("upgrade: the daily upgrade check is off: this build's version %s is not X.Y.Z", core::kVersion);
        return;
    }
    // Only the keys compiled in from trusted-keys.txt: no file or variable can add one.
    m_verifier = std::make_unique<ManifestVerifier>(builtInKeys(), m_service.clock(),
                                                    ManifestVerifier::Options{*running, currentPlatform()});
    m_fetcher = std::make_unique<CloudPackageFetcher>([this]() -> uplink::Uplink * {
        return m_service.uplinkService() ? m_service.uplinkService()->uplink() : nullptr;
    });
    m_installer = std::make_unique<RequestFileInstaller>(QDir(data).filePath(QStringLiteral("upgrade")), [this] {
        return m_checker ? m_checker->currentManifest() : QByteArray();
    });
    m_probe = std::make_unique<ServiceHealthProbe>(m_service);
    m_audit = std::make_unique<AuditLogUpgradeAudit>(*m_service.auditLog());
    UpgradeChecker::Options o;
    o.workDirectory = QDir(data).filePath(QStringLiteral("upgrade-work"));
    o.runningVersion = *running;
    o.probationNeedsNewVersion = true;
    o.registeredAt = [this]() -> QDateTime {
        uplink::Uplink *link = m_service.uplinkService() ? m_service.uplinkService()->uplink() : nullptr;
        return link ? link->registeredAt() : QDateTime();
    };
    m_checker = std::make_unique<UpgradeChecker>(*m_service.database(), m_service.clock(), *m_verifier, *m_fetcher,
                                                 *m_installer, *m_probe, *m_audit, o);
    m_checker->start();
    // The helper's verdict (installed, refused with the reason, failed) goes
    // to the audit log: at start, which follows an install, and every minute,
    // since a refused package leaves this process running.
    m_installer->collectResult(*m_audit);
    m_resultTimer.setInterval(std::chrono::minutes(1));
    connect(&m_resultTimer, &QTimer::timeout, this, [this] { m_installer->collectResult(*m_audit); });
    m_resultTimer.start();
}

} // namespace netgateway::upgrade
