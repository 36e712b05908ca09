#include <netgateway/tasks/PackageDownload.h>

#include <QNetworkReply>

namespace netgateway::tasks {

PackageDownload::PackageDownload(QNetworkReply *reply, QByteArray expectedSha256, qint64 expectedSize, qint64 maxBytes,
                                 QObject *parent)
    : QObject(parent), m_reply(reply), m_expected(std::move(expectedSha256)), m_expectedSize(expectedSize),
      m_maxBytes(maxBytes)
{
    connect(reply, &QNetworkReply::readyRead, this, &PackageDownload::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &PackageDownload::onFinished);
    connect(reply, &QNetworkReply::downloadProgress, this, &PackageDownload::progress);
    // The uplink's network manager (and with it the reply) goes away when the
    // uplink is reconfigured: fail instead of waiting forever.
    connect(reply, &QObject::destroyed, this, [this] {
        if (!m_done) {
            fail(QStringLiteral("the cloud connection was reconfigured during the download; send the task again"));
        }
    });
}

PackageDownload::~PackageDownload()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void PackageDownload::onReadyRead()
{
    if (m_done || !m_reply) {
        return;
    }
    const qint64 limit = m_expectedSize >= 0 ? std::min(m_expectedSize, m_maxBytes) : m_maxBytes;
    const QByteArray chunk = m_reply->readAll();
    if (m_data.size() + chunk.size() > limit) {
        fail(QStringLiteral("the package is larger than %1 bytes; nothing was delivered").arg(limit));
        return;
    }
    m_hash.addData(chunk);
    m_data.append(chunk);
}

void PackageDownload::onFinished()
{
    if (m_done || !m_reply) {
        return;
    }
    onReadyRead();
    if (m_done) {
        return;
    }
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_reply->error() != QNetworkReply::NoError || status != 200) {
        fail(QStringLiteral("the package could not be downloaded from the cloud origin (HTTP %1: %2)")
                 .arg(status)
                 .arg(m_reply->errorString()));
        return;
    }
    if (m_expectedSize >= 0 && m_data.size() != m_expectedSize) {
        fail(QStringLiteral("the package has %1 bytes, the task announced %2; nothing was delivered")
                 .arg(m_data.size())
                 .arg(m_expectedSize));
        return;
    }
    const QByteArray digest = m_hash.result();
    if (digest != m_expected) {
        fail(QStringLiteral("the package's SHA-256 %1 differs from the task's %2: it was altered or is the wrong "
                            "file; nothing was delivered")
                 .arg(QString::fromLatin1(digest.toHex()), QString::fromLatin1(m_expected.toHex())));
        return;
    }
    m_done = true;
    m_reply->deleteLater();
    m_reply.clear();
    emit finished(true, m_data, QStringLiteral("downloaded %1 bytes, SHA-256 verified").arg(m_data.size()));
}

void PackageDownload::fail(const QString &message)
{
    m_done = true;
    m_data.clear();
    m_data.squeeze();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply.clear();
    }
    emit finished(false, {}, message);
}

} // namespace netgateway::tasks
