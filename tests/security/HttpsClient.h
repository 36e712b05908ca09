#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSsl>
#include <QSslCertificate>

namespace netgateway::test {

struct HttpResponse {
    int status = 0;                               // 0: no answer (connection refused, closed or timed out)
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case
    QByteArray body;
    QSsl::SslProtocol protocol = QSsl::UnknownProtocol;
    QString cipher;
    QSslCertificate peerCertificate;

    [[nodiscard]] QByteArray header(const QByteArray &lowerName) const;
    [[nodiscard]] QJsonObject json() const;
};

// A minimal HTTPS/1.1 client over a real TLS connection, one connection per
// request, that can choose its source address on the loopback network (so
// tests can play several clients), keeps the console's session cookie and
// sends the CSRF token and a same-origin Origin on state-changing requests.
class HttpsClient {
public:
    HttpsClient(quint16 port, QList<QSslCertificate> trusted,
                QHostAddress source = QHostAddress(QStringLiteral("127.0.0.1")));

    HttpResponse get(const QByteArray &path, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpResponse post(const QByteArray &path, const QJsonObject &body,
                      const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpResponse send(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                      QList<QPair<QByteArray, QByteArray>> headers, bool addDefaults = true);
    // Sends `raw` bytes (request line and all) as they are.
    HttpResponse raw(const QByteArray &bytes, int timeoutMs = 10000);

    // The certificate a server presents, without verifying it (for trusting
    // a freshly generated self-signed certificate in a test).
    static QSslCertificate fetchCertificate(quint16 port);

    // Logs in and keeps the session cookie and CSRF token; returns the answer.
    HttpResponse login(const QString &user, const QString &password, const QString &code = {});

    void setProtocol(QSsl::SslProtocol protocol) { m_protocol = protocol; }
    void setCookie(const QByteArray &cookie) { m_cookie = cookie; }
    [[nodiscard]] const QByteArray &cookie() const { return m_cookie; }
    void setCsrfToken(const QByteArray &token) { m_csrf = token; }
    [[nodiscard]] const QByteArray &csrfToken() const { return m_csrf; }
    [[nodiscard]] QByteArray hostHeader() const;

private:
    quint16 m_port;
    QList<QSslCertificate> m_trusted;
    QHostAddress m_source;
    QSsl::SslProtocol m_protocol = QSsl::TlsV1_2OrLater;
    QByteArray m_cookie;
    QByteArray m_csrf;
};

} // namespace netgateway::test
