#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/InstallProperties.h>
#include <netgateway/storage/Outbox.h>
#include <netgateway/uplink/AuditSink.h>
#include <netgateway/uplink/GatewayLogUpload.h>
#include <netgateway/uplink/Uplink.h>

#include <QJsonObject>

#include <memory>

namespace netgateway::storage {
class Database;
class SecretVault;
} // namespace netgateway::storage

namespace netgateway::uplink {

// The uplink as the daemon runs it: owns the outbox and, once an origin is
// configured, the Uplink. Off by default: with no origin and no registration
// nothing touches the network. Configuration lives in uplink_state (the proxy
// password in the vault) and is changed through control commands:
//   uplink.status
//   uplink.configure {origin, caFile?, proxyHost?, proxyPort?, proxyUser?, proxyPassword?, countersPerDay?,
//                     mode? (monitor|manage), manageUntil? (ISO 8601)}
//   uplink.register  {accessCode, user?, password?}
//   uplink.sync
class UplinkService : public QObject {
    Q_OBJECT
public:
    UplinkService(storage::Database &db, storage::SecretVault &vault, core::Clock &clock, const QString &databasePath,
                  AuditSink *audit = nullptr, QObject *parent = nullptr);
    ~UplinkService() override;

    // The access code an installer left for the first start (the MSI's
    // ACCESSCODE): <data directory>/install-access-code, moved into the vault.
    static inline const QString kInstallAccessCodeFile = QStringLiteral("install-access-code");
    static inline const QString kInstallAccessCodeSecret = QStringLiteral("uplink.install.access_code");

    // Chooses the anonymization mode on first initialization (from the
    // installer's NETGATEWAY_ANONYMOUS=1 or the MSI's ANONYMIZE=1), takes the
    // MSI's PROXY as the uplink proxy on first initialization, moves an installer's access code into
    // the vault, and starts the uplink if configured. With a stored access code
    // and no registration yet, the uplink registers with it as soon as an origin
    // is configured (the code leaves the vault once registered).
    void start();
    void addControlCommands(core::ControlServer &control);
    // Where the daily gateway-log upload reads the two logs; it runs while
    // the uplink is configured. Call before start().
    void setLogSources(GatewayLogSources sources) { m_logSources = std::move(sources); }
    [[nodiscard]] GatewayLogUpload *logUpload() { return m_logUpload.get(); }
    // Where the install-time properties come from (default: the platform's,
    // the registry on Windows). Tests give a fake. Call before start().
    void setInstallPropertySource(core::InstallProperties::Source source)
    {
        m_installSource = std::move(source);
        m_installSourceSet = true;
    }

    // Producers (polling, alerts, audit, task runner) enqueue here.
    [[nodiscard]] storage::Outbox &outbox() { return *m_outbox; }
    [[nodiscard]] Uplink *uplink() { return m_uplink.get(); }
    [[nodiscard]] QJsonObject status() const;

signals:
    // A task from the cloud's task channel, whichever Uplink is current.
    void taskReceived(const QJsonObject &task);

private:
    QJsonObject configure(const QJsonObject &request);
    void rebuild();
    void adoptInstallAccessCode();
    void adoptInstallProxy(const core::InstallProperties &install);

    storage::Database &m_db;
    storage::SecretVault &m_vault;
    core::Clock &m_clock;
    std::unique_ptr<LoggingAuditSink> m_defaultAudit;
    AuditSink *m_audit;
    std::unique_ptr<storage::Outbox> m_outbox;
    std::unique_ptr<Uplink> m_uplink;
    GatewayLogSources m_logSources;
    core::InstallProperties::Source m_installSource;
    bool m_installSourceSet = false;
    std::unique_ptr<GatewayLogUpload> m_logUpload;
    bool m_anonymous = false;
    QString m_dataDirectory;
};

} // namespace netgateway::uplink
