#pragma once

#include "ConsoleApi.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QSslCertificate>

#include <functional>

class QNetworkReply;

namespace netgateway::desktop {

// ConsoleApi over HTTPS to the service's /api/v1. The service is verified by
// pinning: the only trusted certificate is the one the service writes into
// its data directory (console-certificate.pem), read again before each
// request, so a replaced certificate is followed and anything else presented
// on the port is refused as "certificate changed". TLS errors are never
// ignored. The session cookie and CSRF token live in memory only.
class HttpsConsoleApi final : public ConsoleApi {
    Q_OBJECT
public:
    // Answers larger than this are cut off as bad answers.
    static constexpr qint64 kMaxAnswerBytes = 1024 * 1024;

    HttpsConsoleApi(QUrl base, QString certificateFile, QObject *parent = nullptr);

    // The certificate to pin when the file cannot be read: one the
    // administrator confirmed by its fingerprint (trust on first use).
    void setTrustedCertificate(const QSslCertificate &certificate) { m_trusted = certificate; }

    void login(const QString &user, const QString &password) override;
    void fetchDashboard() override;
    void logout() override;
    [[nodiscard]] QUrl webConsoleUrl() const override { return m_base; }

private:
    using Handler = std::function<void(int status, const QJsonObject &body, const QByteArray &raw)>;
    bool loadPin();
    QNetworkRequest request(const QString &path) const;
    void watch(QNetworkReply *reply, Handler handler);

    QNetworkAccessManager m_network;
    QUrl m_base;
    QString m_certificateFile;
    QSslCertificate m_pin;
    QSslCertificate m_trusted;
    QByteArray m_session;
    QByteArray m_csrf;
};

} // namespace netgateway::desktop
