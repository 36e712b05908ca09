#include "HttpsConsoleApi.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <memory>

namespace netgateway::desktop {

namespace {

constexpr char kCookieName[] = "__Host-ngsid";
constexpr int kTimeoutMs = 10000;
constexpr qint64 kMaxCertificateBytes = 64 * 1024;

QString apiMessage(const QJsonObject &body, const QByteArray &raw)
{
    const QString m = body.value(QLatin1String("message")).toString();
    return (m.isEmpty() ? QString::fromUtf8(raw.left(200)) : m).left(512);
}

} // namespace

HttpsConsoleApi::HttpsConsoleApi(QUrl base, QString certificateFile, QObject *parent)
    : ConsoleApi(parent), m_base(std::move(base)), m_certificateFile(std::move(certificateFile))
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

bool HttpsConsoleApi::loadPin()
{
    QSslCertificate pin;
    QFile file(m_certificateFile);
    if (file.open(QIODevice::ReadOnly) && file.size() <= kMaxCertificateBytes) {
        pin = QSslCertificate::fromData(file.readAll(), QSsl::Pem).value(0);
    }
    if (pin.isNull()) {
        pin = m_trusted;
    }
    if (pin.isNull()) {
        return false;
    }
    if (pin != m_pin) {
        // A new pin: connections verified against the old one must not be reused.
        m_network.clearConnectionCache();
        m_pin = pin;
    }
    return true;
}

QNetworkRequest HttpsConsoleApi::request(const QString &path) const
{
    QUrl url = m_base;
    url.setPath(QStringLiteral("/api/v1") + path);
    QNetworkRequest r(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({m_pin});
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    r.setSslConfiguration(tls);
    r.setTransferTimeout(kTimeoutMs);
    r.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    r.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    r.setRawHeader("Accept", "application/json");
    if (!m_session.isEmpty()) {
        r.setRawHeader("Cookie", QByteArray(kCookieName) + '=' + m_session);
    }
    return r;
}

void HttpsConsoleApi::watch(QNetworkReply *reply, Handler handler)
{
    auto certificateChanged = std::make_shared<bool>(false);
    const QByteArray pinDigest = m_pin.digest(QCryptographicHash::Sha256);
    // A certificate that verifies against the pin is the pinned one; check
    // the digest anyway, so a pin that is a CA could not vouch for another.
    connect(reply, &QNetworkReply::encrypted, reply, [reply, pinDigest, certificateChanged] {
        if (reply->sslConfiguration().peerCertificate().digest(QCryptographicHash::Sha256) != pinDigest) {
            *certificateChanged = true;
            reply->abort();
        }
    });
    // Errors are never ignored: the reply fails. They only tell whether it
    // failed because another certificate was presented.
    connect(reply, &QNetworkReply::sslErrors, reply,
            [reply, pinDigest, certificateChanged](const QList<QSslError> &errors) {
                QSslCertificate peer = reply->sslConfiguration().peerCertificate();
                if (peer.isNull() && !errors.isEmpty()) {
                    peer = errors.first().certificate();
                }
                if (!peer.isNull() && peer.digest(QCryptographicHash::Sha256) != pinDigest) {
                    *certificateChanged = true;
                }
            });
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxAnswerBytes) {
            reply->setProperty("tooLarge", true);
            reply->abort();
        }
    });
    QPointer<HttpsConsoleApi> self(this);
    connect(reply, &QNetworkReply::finished, this, [self, reply, handler, certificateChanged] {
        reply->deleteLater();
        if (!self) {
            return;
        }
        if (*certificateChanged) {
            emit self->failed(Failure::CertificateChanged,
                              tr("the service on %1 presents a certificate other than the one in %2")
                                  .arg(self->m_base.authority(), self->m_certificateFile));
            return;
        }
        if (reply->property("tooLarge").toBool()) {
            emit self->failed(Failure::BadAnswer, tr("the answer is larger than %1 bytes").arg(kMaxAnswerBytes));
            return;
        }
        const QNetworkReply::NetworkError error = reply->error();
        if (error == QNetworkReply::ConnectionRefusedError || error == QNetworkReply::HostNotFoundError) {
            emit self->failed(Failure::NotRunning, reply->errorString());
            return;
        }
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!status.isValid()) {
            emit self->failed(Failure::Network, reply->errorString());
            return;
        }
        // The session cookie first: the handler may send the next request at once.
        if (status.toInt() >= 200 && status.toInt() < 300) {
            const QByteArray cookie = reply->rawHeader("Set-Cookie");
            if (cookie.startsWith(QByteArray(kCookieName) + '=')) {
                const qsizetype start = qsizetype(sizeof(kCookieName));
                const qsizetype end = cookie.indexOf(';');
                self->m_session = cookie.mid(start, end < 0 ? -1 : end - start).left(512);
            }
        }
        const QByteArray raw = reply->read(kMaxAnswerBytes);
        const QJsonObject body = QJsonDocument::fromJson(raw).object();
        handler(status.toInt(), body, raw);
    });
}

void HttpsConsoleApi::login(const QString &user, const QString &password)
{
    if (!loadPin()) {
        emit failed(Failure::CertificateMissing, m_certificateFile);
        return;
    }
    m_session.clear();
    m_csrf.clear();
    QNetworkRequest r = request(QStringLiteral("/auth/login"));
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    r.setRawHeader("Origin", "https://" + m_base.authority().toUtf8());
    QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("username"), user}, {QStringLiteral("password"), password}})
            .toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_network.post(r, body);
    body.fill(0); // this copy of the password is wiped; the request holds the only other
    watch(reply, [this](int status, const QJsonObject &json, const QByteArray &raw) {
        const QString code = json.value(QLatin1String("error")).toString();
        if (status == 200) {
            m_csrf = json.value(QLatin1String("csrfToken")).toString().toLatin1().left(256);
            emit loggedIn();
        } else if (status == 429 || code == QLatin1String("locked")) {
            emit failed(Failure::Locked, apiMessage(json, raw));
        } else if (code == QLatin1String("setup_required")) {
            emit failed(Failure::PasswordNotSet, apiMessage(json, raw));
        } else if (status == 401) {
            emit failed(Failure::LoginFailed, apiMessage(json, raw));
        } else {
            emit failed(Failure::Network, QStringLiteral("HTTP %1: %2").arg(status).arg(apiMessage(json, raw)));
        }
    });
}

void HttpsConsoleApi::fetchDashboard()
{
    if (!loadPin()) {
        emit failed(Failure::CertificateMissing, m_certificateFile);
        return;
    }
    watch(m_network.get(request(QStringLiteral("/dashboard"))),
          [this](int status, const QJsonObject &json, const QByteArray &raw) {
              if (status == 401) {
                  m_session.clear();
                  emit failed(Failure::SessionExpired, apiMessage(json, raw));
                  return;
              }
              if (status != 200) {
                  emit failed(Failure::Network, QStringLiteral("HTTP %1: %2").arg(status).arg(apiMessage(json, raw)));
                  return;
              }
              const auto snapshot = DashboardSnapshot::fromJson(json);
              if (!snapshot) {
                  emit failed(Failure::BadAnswer, tr("the dashboard answer lacks fields or has values out of range"));
                  return;
              }
              emit dashboardReceived(*snapshot);
          });
}

void HttpsConsoleApi::logout()
{
    if (!m_session.isEmpty() && loadPin()) {
        QNetworkRequest r = request(QStringLiteral("/auth/logout"));
        r.setRawHeader("Origin", "https://" + m_base.authority().toUtf8());
        r.setRawHeader("X-CSRF-Token", m_csrf);
        QNetworkReply *reply = m_network.post(r, QByteArray());
        connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    }
    m_session.clear();
    m_csrf.clear();
}

} // namespace netgateway::desktop
