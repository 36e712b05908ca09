#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QObject>
#include <QPointer>

class QNetworkReply;

namespace netgateway::tasks {

// Reads one package from the cloud origin into memory, bounded in size, and
// checks its SHA-256 against the digest the task gave. finished(true, ...)
// means the bytes are exactly the ones the cloud vouched for; anything else
// (wrong digest, wrong size, too large, HTTP error) is a failure and the bytes
// are dropped, so they can never be delivered.
class PackageDownload : public QObject {
    Q_OBJECT
public:
    PackageDownload(QNetworkReply *reply, QByteArray expectedSha256, qint64 expectedSize, qint64 maxBytes,
                    QObject *parent = nullptr);
    ~PackageDownload() override;

signals:
    void progress(qint64 received, qint64 total);
    void finished(bool ok, const QByteArray &data, const QString &message);

private:
    void onReadyRead();
    void onFinished();
    void fail(const QString &message);

    QPointer<QNetworkReply> m_reply;
    QByteArray m_expected;
    qint64 m_expectedSize;
    qint64 m_maxBytes;
    QByteArray m_data;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    bool m_done = false;
};

} // namespace netgateway::tasks
