#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <cstdint>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;

namespace netgateway::snmp {
class SnmpEngine;
}
namespace netgateway::core::polling {
class CredentialSource;
class DeviceReader;
} // namespace netgateway::core::polling

namespace netgateway::tasks {

struct SnapshotOptions {
    quint16 snmpPort = 161;
    quint16 httpPort = 80;
    quint16 httpsPort = 443;
    int snmpTimeoutMs = 2000;
    int webTimeoutMs = 10000;
    qint64 webMaxBytes = 1024 * 1024;
};

// Collects what a technician asks for when a device misbehaves: status, the
// alert table, supplies, counters and input trays over SNMP, plus the
// device's own status web page (HTTP on port 80, else HTTPS on 443, bounded
// in size and time), and packs them into one ZIP archive. Parts that cannot
// be read are listed in the archive's manifest.json instead of failing the
// whole snapshot; only a device that answers nothing at all fails it.
class SnapshotCollector : public QObject {
    Q_OBJECT
public:
    SnapshotCollector(core::polling::DeviceReader *reader, snmp::SnmpEngine *engine,
                      core::polling::CredentialSource *credentials, SnapshotOptions options, QObject *parent = nullptr);
    ~SnapshotCollector() override;

    void collect(std::int64_t deviceId, const QString &address, const QString &deviceKey, bool webPage);

    // Builds a ZIP archive (deflated) of the named files; empty on failure.
    static QByteArray zip(const QList<std::pair<QString, QByteArray>> &files);

signals:
    void finished(bool ok, const QByteArray &archive, const QJsonObject &summary, const QString &message);

private:
    void readStatus();
    void readAlerts();
    void readCounters();
    void readTrays();
    void fetchPage(bool tls);
    void pack();
    void addJson(const QString &name, const QJsonObject &o);
    void missing(const QString &part, const QString &why);

    core::polling::DeviceReader *m_reader;
    snmp::SnmpEngine *m_engine;
    core::polling::CredentialSource *m_credentials;
    SnapshotOptions m_options;
    QNetworkAccessManager *m_nam = nullptr;
    QPointer<QNetworkReply> m_page;
    QTimer m_pageTimer;
    std::int64_t m_deviceId = 0;
    QString m_address;
    QString m_deviceKey;
    bool m_webPage = true;
    int m_answered = 0;
    QList<std::pair<QString, QByteArray>> m_files;
    QJsonArray m_missing;
    bool m_done = false;
};

} // namespace netgateway::tasks
