#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/storage/Outbox.h>
#include <netgateway/uplink/AuditSink.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkReply;

namespace netgateway::storage {
class Database;
class SecretVault;
} // namespace netgateway::storage

namespace netgateway::uplink {

// Monitor: connections are opened only to upload and closed when the outbox
// is drained; nothing comes in. Manage: the connection stays open and the
// task channel is polled on it every keep-alive interval.
enum class ConnectionMode { Monitor, Manage };
QString connectionModeName(ConnectionMode mode);

struct UplinkSettings {
    QUrl origin;         // https://host[:port]; the one place all cloud traffic goes
    QString extraCaFile; // PEM bundle trusted in addition to the system store
    QString proxyHost;   // optional HTTP proxy (CONNECT); empty for none
    quint16 proxyPort = 0;
    QString proxyUser; // the password is the vault secret kProxyPasswordSecret
    ConnectionMode mode = ConnectionMode::Monitor;
    std::optional<QDateTime> manageUntil; // Manage falls back to Monitor at this time
    int countersPerDay = 1;               // 1..4 upload slots a day for counters and consumables
    int discoveryPerDay = 1;              // 1..6 slots a day for discovery settings
    bool anonymousAtInstall = false;      // used only at first initialization
    int maxRecordsPerUpload = 500;
    qint64 maxBytesPerUpload = 1024 * 1024; // uncompressed payload bytes per request
    std::chrono::milliseconds backoffBase{std::chrono::seconds(10)};
    std::chrono::milliseconds backoffCap{std::chrono::minutes(30)};
    std::chrono::milliseconds keepAliveInterval{std::chrono::minutes(4)};
    std::chrono::milliseconds pendingPollInterval{std::chrono::minutes(5)};
    int transferTimeoutMs = 60000;
    int tickIntervalMs = 1000;
    // The gateway's own network identity (IP, mask, gateway, DNS, host name).
    // Defaults to what the operating system reports.
    std::function<QJsonObject()> gatewayInfo;

    [[nodiscard]] bool validate(QString &error) const;
};

enum class UplinkFailure {
    None,
    NotConfigured,
    NotRegistered,
    PendingApproval,
    Dns,
    Tcp,
    Tls,
    Proxy,
    ProxyAuth,
    TokenRevoked,
    Server,
    Protocol,
    Timeout,
};
QString failureName(UplinkFailure failure);

struct UplinkStatus {
    QString registration; // unregistered, pending, managed, revoked
    ConnectionMode mode = ConnectionMode::Monitor;
    bool anonymous = false;
    UplinkFailure failure = UplinkFailure::None;
    QString message; // plain words for the administrator
    int httpStatus = 0;
    int consecutiveFailures = 0;
    QDateTime lastSuccessAt;
    int outboxRecords = 0;
    qint64 outboxBytes = 0;
    [[nodiscard]] QJsonObject toJson() const;
};

// The gateway's side of the cloud link. It drains the outbox to one origin
// over one TLS connection at a time (requests are strictly serialized, HTTP/2
// is off, so Qt keeps a single keep-alive connection), retries with
// exponential backoff and jitter on the injectable clock, and runs every
// request body through the Anonymizer when the mode is on.
class Uplink : public QObject {
    Q_OBJECT
public:
    static inline const QString kTokenSecret = QStringLiteral("uplink.token");
    static inline const QString kProxyPasswordSecret = QStringLiteral("uplink.proxy.password");

    Uplink(storage::Database &db, storage::SecretVault &vault, storage::Outbox &outbox, core::Clock &clock,
           AuditSink &audit, UplinkSettings settings, QObject *parent = nullptr);
    ~Uplink() override;

    // Starts the schedule. Does nothing on the network until registered.
    void start();
    void stop();

    // Registers with an access code; with user credentials the gateway becomes
    // Managed at once, with the code alone it is Pending until approved.
    // Emits registrationFinished. The credentials are sent once, never stored.
    void registerGateway(const QString &accessCode, const QString &user = {}, const QString &password = {});

    // Uploads everything waiting now, whatever the schedule says.
    void syncNow();
    void setMode(ConnectionMode mode, std::optional<QDateTime> until = std::nullopt);
    // Always refused when it differs from the installed mode; audited.
    bool setAnonymous(bool anonymous, QString &error);

    // A GET of a file on the origin (e.g. a firmware package under
    // /v1/packages/) on the uplink's own network settings: the same trust
    // store, proxy and token, and never any other host. The caller owns the
    // reply and must bound what it reads.
    [[nodiscard]] QNetworkReply *download(const QString &path);
    [[nodiscard]] ConnectionMode mode() const { return m_settings.mode; }

    [[nodiscard]] UplinkStatus status() const;
    [[nodiscard]] bool isAnonymous() const { return m_anonymous; }
    // A request of the uplink's own, or a download through get(), is running.
    [[nodiscard]] bool isBusy() const { return !m_inFlight.isNull() || m_downloads > 0; }
    [[nodiscard]] QString registration() const;
    [[nodiscard]] QString gatewayId() const;
    // When the gateway first registered (invalid if never): the default time
    // of day of the daily upgrade check.
    [[nodiscard]] QDateTime registeredAt() const;

    // A GET on the cloud origin with the uplink's own connection settings
    // (proxy, trust store plus extra CA, token, transfer timeout), for
    // downloads such as upgrade manifests and packages. `path` may carry a
    // query. The caller owns the reply.
    QNetworkReply *get(const QString &path, const QList<std::pair<QByteArray, QByteArray>> &headers = {});

public slots:
    // Decides what is due and starts at most one request.
    void tick();

signals:
    void statusChanged();
    void registrationFinished(bool ok, const QString &message);
    // One request ended (ok or not).
    void attemptFinished(bool ok);
    // Nothing due is waiting: the outbox holds only records for later slots.
    void drained();
    void taskReceived(const QJsonObject &task);
    void modeChanged(netgateway::uplink::ConnectionMode mode);

private:
    struct Response {
        bool ok = false;
        int httpStatus = 0;
        QJsonObject body;
    };
    using Handler = std::function<void(const Response &)>;

    void buildNetwork();
    void send(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &idempotencyKey,
              Handler handler);
    void onFinished(QNetworkReply *reply, const Handler &handler);
    void fail(UplinkFailure failure, const QString &message, int httpStatus);
    void succeed();
    void scheduleRetry();
    void checkManageExpiry();
    void uploadBatch(bool force);
    void pollRegistration();
    void pollTasks();
    [[nodiscard]] QList<std::pair<storage::OutboxKind, qint64>> dueKinds(bool force) const;
    [[nodiscard]] qint64 slotStart(int perDay) const;
    [[nodiscard]] QJsonObject gatewayIdentity() const;
    void setState(const QString &key, const QString &value);
    [[nodiscard]] QString state(const QString &key) const;

    storage::Database &m_db;
    storage::SecretVault &m_vault;
    storage::Outbox &m_outbox;
    core::Clock &m_clock;
    AuditSink &m_audit;
    UplinkSettings m_settings;
    bool m_anonymous = false;
    bool m_running = false;
    bool m_forceSync = false;

    QNetworkAccessManager *m_nam = nullptr;
    QSslConfiguration m_ssl;
    QPointer<QNetworkReply> m_inFlight;
    QList<QSslError> m_sslErrors;
    bool m_proxyAuthTried = false;
    QTimer m_timer;

    UplinkStatus m_status;
    std::chrono::milliseconds m_nextAttempt{0};
    std::chrono::milliseconds m_nextKeepAlive{0};
    std::chrono::milliseconds m_nextPendingPoll{0};
    bool m_connectionOpen = false;
    int m_downloads = 0; // replies handed out by get() and not yet finished
};

} // namespace netgateway::uplink
