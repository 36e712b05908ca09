#pragma once

#include <netgateway/core/api/Api.h>
#include <netgateway/core/auth/AuthService.h>

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>
#include <vector>

namespace netgateway::storage {
class Database;
class SecretVault;
} // namespace netgateway::storage

namespace netgateway::core {
class Clock;
class ControlServer;
struct ServiceConfig;
namespace audit {
class AuditLog;
}
namespace auth {
class SessionManager;
}
namespace polling {
class PollScheduler;
}
namespace discovery {
class DiscoveryControl;
}
} // namespace netgateway::core

namespace netgateway::core::api {

class CertificateStore;
class HttpsServer;
class TlsListener;

struct ConsoleOptions {
    QHostAddress listenAddress = QHostAddress::Any;
    // Overrides ServiceConfig::uiPort when set; 0 picks a free port (tests).
    std::optional<quint16> port;
    auth::AuthService::Options auth;
    // Host names accepted in the Host header besides the machine's own names
    // and addresses (also settable in the security settings).
    QStringList extraHostNames;
};

// The daemon's domain services that the area controllers (devices,
// discovery, polling, cloud) work through; null where a service is absent.
struct DomainServices {
    ControlServer *control = nullptr;
    polling::PollScheduler *scheduler = nullptr;
    discovery::DiscoveryControl *discovery = nullptr;
};

// What controllers get to work with.
struct Context {
    storage::Database &db;
    storage::SecretVault &vault;
    const Clock &clock;
    const ServiceConfig &config;
    audit::AuditLog &audit;
    auth::AuthService &auth;
    auth::SessionManager &sessions;
    CertificateStore &certificates;
    std::function<QJsonObject()> status;
    // Re-applies the TLS identity to new connections after a replacement.
    std::function<void()> reloadTls;
    // Re-reads the security settings (inactivity timeout, allowed hosts).
    std::function<void()> reloadSettings;
    DomainServices services;
};

// Checks the password of the session's account again before a sensitive
// change; throws 401 (wrong) or 429 (locked) otherwise.
void requireReauthentication(Context &context, const Request &request, const QString &password);

// Adds every controller of the product to the server: the one place where a
// new area's endpoints are registered.
void registerControllers(Context &context, Router &router);

// The local console: administrator account, sessions, audit log and the
// HTTPS /api/v1 server on the UI port.
class Console : public QObject {
    Q_OBJECT
public:
    Console(storage::Database &db, storage::SecretVault &vault, const Clock &clock, const ServiceConfig &config,
            ConsoleOptions options, QObject *parent = nullptr);
    ~Console() override;

    // Prepares the account (printing the setup token on first start), the
    // certificate and the listener, and adds the control-channel commands.
    // A port that cannot be bound is reported in `error` but is not fatal.
    bool start(ControlServer &control, std::function<QJsonObject()> status, QString &error);
    // Before start(): the domain services the area controllers use.
    void setServices(const DomainServices &services) { m_services = services; }
    void stop();

    [[nodiscard]] quint16 port() const;
    [[nodiscard]] bool listening() const;
    // Set when the configured port was taken and another was chosen: says which and why.
    [[nodiscard]] QString portNote() const { return m_portNote; }
    // Ports tried after the configured one when it is taken, before any free port.
    static constexpr int kFallbackPorts = 20;
    [[nodiscard]] audit::AuditLog &auditLog() { return *m_audit; }
    [[nodiscard]] auth::AuthService &auth() { return *m_auth; }
    [[nodiscard]] auth::SessionManager &sessions() { return *m_sessions; }
    [[nodiscard]] CertificateStore &certificates() { return *m_certificates; }
    [[nodiscard]] Router &router() { return m_router; }
    [[nodiscard]] QSet<QString> allowedHosts() const { return m_allowedHosts; }

    // Settings keys in the settings table.
    static constexpr char kInactivityKey[] = "security.sessionInactivityMinutes";
    static constexpr char kAllowedHostsKey[] = "security.allowedHosts";
    // The certificate the console presents, as PEM in the data directory
    // (public; the key stays in the vault). The desktop console pins it.
    static constexpr char kCertificateFileName[] = "console-certificate.pem";

private:
    friend class HttpsServer;
    void loadSettings();
    QStringList machineNames() const;

    storage::Database &m_db;
    storage::SecretVault &m_vault;
    const Clock &m_clock;
    const ServiceConfig &m_config;
    ConsoleOptions m_options;
    std::unique_ptr<audit::AuditLog> m_audit;
    std::unique_ptr<auth::AuthService> m_auth;
    std::unique_ptr<auth::SessionManager> m_sessions;
    std::unique_ptr<CertificateStore> m_certificates;
    std::unique_ptr<Context> m_context;
    Router m_router;
    TlsListener *m_listener = nullptr;
    std::unique_ptr<HttpsServer> m_http;
    QSet<QString> m_allowedHosts;
    QTimer m_pruneTimer;
    DomainServices m_services;
    QString m_portNote;
};

} // namespace netgateway::core::api
