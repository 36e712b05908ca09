#include <netgateway/upgrade/CloudPackageFetcher.h>

#include <netgateway/uplink/Uplink.h>

#include <QEventLoop>
#include <QFile>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QUrlQuery>

#include <memory>

namespace netgateway::upgrade {

namespace {

// The reply belongs to the uplink's network access manager, which goes away
// when the uplink is reconfigured while the local loop runs: hold it weakly.
class ReplyGuard {
public:
    explicit ReplyGuard(QNetworkReply *reply) : m_reply(reply) {}
    ~ReplyGuard()
    {
        if (m_reply) {
            m_reply->abort();
            m_reply->deleteLater();
        }
    }
    ReplyGuard(const ReplyGuard &) = delete;
    ReplyGuard &operator=(const ReplyGuard &) = delete;
    QNetworkReply *get() const { return m_reply.data(); }
    QNetworkReply *operator->() const { return m_reply.data(); }
    explicit operator bool() const { return !m_reply.isNull(); }

private:
    QPointer<QNetworkReply> m_reply;
};

void waitFor(QNetworkReply *reply)
{
    if (reply->isFinished()) {
        return;
    }
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QObject::destroyed, &loop, &QEventLoop::quit);
    loop.exec();
}

const QString kGone = QStringLiteral("the cloud connection was reconfigured during the transfer; it is retried at the "
                                     "next check");

} // namespace

CloudPackageFetcher::CloudPackageFetcher(std::function<uplink::Uplink *()> uplink) : m_uplink(std::move(uplink))
{
}

bool CloudPackageFetcher::fetchManifest(const QString &platform, const QString &runningVersion, QByteArray &document,
                                        QString &error)
{
    uplink::Uplink *link = m_uplink ? m_uplink() : nullptr;
    if (link == nullptr) {
        error = QStringLiteral("no cloud origin is configured");
        return false;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("platform"), platform);
    query.addQueryItem(QStringLiteral("version"), runningVersion);
    ReplyGuard reply(link->get(QStringLiteral("/v1/upgrade/manifest?") + query.toString(QUrl::FullyEncoded)));
    QByteArray body;
    bool tooLarge = false;
    QObject::connect(reply.get(), &QNetworkReply::readyRead, reply.get(), [&] {
        body += reply->readAll();
        if (body.size() > ManifestVerifier::kMaxManifestBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    waitFor(reply.get());
    if (!reply) {
        error = kGone;
        return false;
    }
    body += reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (tooLarge || body.size() > ManifestVerifier::kMaxManifestBytes) {
        error = QStringLiteral("the upgrade manifest is larger than %1 bytes; refused")
                    .arg(ManifestVerifier::kMaxManifestBytes);
        return false;
    }
    if (status == 204 || status == 404) {
        document.clear();
        return true;
    }
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        error = QStringLiteral("the upgrade manifest could not be fetched: %1")
                    .arg(status != 0 ? QStringLiteral("HTTP %1").arg(status) : reply->errorString());
        return false;
    }
    document = body;
    return true;
}

bool CloudPackageFetcher::fetch(const Manifest &manifest, const QString &destination, QString &error)
{
    uplink::Uplink *link = m_uplink ? m_uplink() : nullptr;
    if (link == nullptr) {
        error = QStringLiteral("no cloud origin is configured");
        return false;
    }
    QFile file(destination);
    if (!file.open(QIODevice::ReadWrite)) {
        error = QStringLiteral("cannot write %1: %2").arg(destination, file.errorString());
        return false;
    }
    qint64 offset = file.size();
    if (offset >= manifest.packageSize) {
        return true; // complete already; the hash check decides
    }
    file.seek(offset);
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (offset > 0) {
        headers.append({QByteArrayLiteral("Range"), "bytes=" + QByteArray::number(offset) + '-'});
    }
    ReplyGuard reply(link->get(manifest.packagePath, headers));
    bool started = false;
    QString problem;
    auto take = [&] {
        if (!problem.isEmpty()) {
            reply->readAll();
            return;
        }
        if (!started) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 200 && offset > 0) {
                // The origin ignored the range: start over.
                file.resize(0);
                file.seek(0);
                offset = 0;
            } else if (status == 206) {
                static const QRegularExpression contentRange(QStringLiteral("^bytes (\\d+)-\\d+/(\\d+|\\*)$"));
                const auto m = contentRange.match(QString::fromLatin1(reply->rawHeader("Content-Range")));
                if (!m.hasMatch() || m.captured(1).toLongLong() != offset) {
                    problem = QStringLiteral("the cloud answered the resumed download with a different range (%1)")
                                  .arg(QString::fromLatin1(reply->rawHeader("Content-Range").left(80)));
                    reply->abort();
                    return;
                }
            } else if (status != 200) {
                return; // an error status: reported when finished
            }
            started = true;
        }
        const QByteArray chunk = reply->readAll();
        if (file.pos() + chunk.size() > manifest.packageSize) {
            problem = QStringLiteral("the package is larger than the %1 bytes the manifest announces; download "
                                     "stopped")
                          .arg(manifest.packageSize);
            reply->abort();
            return;
        }
        if (file.write(chunk) != chunk.size()) {
            problem = QStringLiteral("cannot write %1: %2").arg(destination, file.errorString());
            reply->abort();
        }
    };
    QObject::connect(reply.get(), &QNetworkReply::readyRead, reply.get(), take);
    waitFor(reply.get());
    if (!reply) {
        error = kGone;
        return false;
    }
    if (reply->bytesAvailable() > 0) {
        take();
    }
    file.flush();
    const qint64 have = file.size();
    file.close();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!problem.isEmpty()) {
        error = problem;
        return false;
    }
    if (status == 416) {
        // What is on disk is not a prefix the origin knows: start afresh next time.
        QFile::remove(destination);
        error = QStringLiteral("the cloud refused to resume the download (HTTP 416); it starts over at the next check");
        return false;
    }
    if (reply->error() != QNetworkReply::NoError || (status != 200 && status != 206)) {
        error = QStringLiteral("download of %1 interrupted after %2 of %3 bytes: %4; it resumes at the next check")
                    .arg(manifest.packagePath)
                    .arg(have)
                    .arg(manifest.packageSize)
                    .arg(status >= 300 ? QStringLiteral("HTTP %1").arg(status) : reply->errorString());
        return false;
    }
    return true;
}

} // namespace netgateway::upgrade
