#pragma once

#include "HttpConnection.h"
#include "TestAuthority.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QSslServer>
#include <QTcpServer>

namespace fleetcloud {

// The cloud side of the gateway's upstream protocol (docs/cloud-protocol.md),
// kept in memory, with an admin API on a second, plain-HTTP loopback port for
// inspection and fault injection.
class CloudEmulator : public QObject {
    Q_OBJECT
public:
    struct Options {
        quint16 port = 0;
        quint16 adminPort = 0;
        QString caFile;      // where the test CA certificate is written (PEM)
        QString captureFile; // every request byte received is appended here (optional)
        QString packagesDir; // files served under /v1/packages/NAME (optional)
        QStringList accessCodes{QStringLiteral("DEMO-CODE")};
        QHash<QString, QString> users{{QStringLiteral("admin"), QStringLiteral("admin-password")}};
    };

    explicit CloudEmulator(Options options, QObject *parent = nullptr);
    bool start(QString &error);
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] quint16 adminPort() const { return m_admin.serverPort(); }

private:
    struct Gateway {
        QString id;
        QString state; // pending, managed, revoked
        QJsonArray tasks;
    };
    struct Fault {
        QString mode = QStringLiteral("none"); // none, refuse, 5xx, ack-lost, slow, drop, stall
        int remaining = -1;                    // requests affected; -1 for all until cleared
        int delayMs = 0;
    };

    bool listenTls(QString &error);
    void onTlsConnection();
    void onAdminConnection();
    void handleCloud(HttpConnection *c, const HttpRequest &req);
    void handleAdmin(HttpConnection *c, const HttpRequest &req);
    bool headerHook(const HttpRequest &req);
    HttpResponse upload(Gateway &gw, const HttpRequest &req);
    void storeLogs(const Gateway &gw, QJsonObject &record);
    HttpResponse registerGateway(const HttpRequest &req);
    Gateway *authenticate(const HttpRequest &req);
    bool consumeFault(const QString &mode);
    void capture(const QByteArray &bytes);
    static HttpResponse json(int status, const QJsonObject &body);

    Options m_options;
    TestAuthority m_authority;
    QSslServer m_tls;
    QTcpServer m_admin;
    quint16 m_port = 0;
    Fault m_fault;
    QFile m_capture;

    QHash<QString, Gateway> m_gatewaysByToken;
    QSet<QString> m_seenKeys;
    QSet<QString> m_seenBatches;
    QJsonArray m_records;
    QMap<QString, qint64> m_recordsByKind; // for long runs: counts without fetching every record
    QJsonArray m_logs;                     // unpacked gateway-log zips (GET /admin/logs)
    QJsonArray m_events;
    qint64 m_tlsConnections = 0;
    qint64 m_requests = 0;
    qint64 m_uploads = 0;
    qint64 m_duplicates = 0;
    qint64 m_replayedBatches = 0;
    qint64 m_bytesReceived = 0;
    qint64 m_uploadBytes = 0;
    int m_nextGateway = 1;
};

} // namespace fleetcloud
