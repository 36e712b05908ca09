#pragma once

#include <QObject>
#include <QSslCertificate>
#include <QSslSocket>
#include <QUrl>

namespace netgateway::desktop {

// Reads the certificate a console presents, for trust on first use when the
// service's certificate file cannot be read (the data directory is closed to
// desktop users). The handshake is verified and fails: nothing is ignored and
// nothing is sent; only the presented certificate is kept, for the
// administrator to compare its fingerprint before it becomes the pin.
class CertificateProbe : public QObject {
    Q_OBJECT
public:
    explicit CertificateProbe(QUrl base, QObject *parent = nullptr);

    void start();
    // "ab:cd:..." (SHA-256), as the web console's certificate page shows it.
    static QString fingerprint(const QSslCertificate &certificate);

signals:
    // An empty certificate with a reason when nothing could be read.
    void finished(const QSslCertificate &certificate, const QString &error);

private:
    void finish(const QSslCertificate &certificate, const QString &error);

    QUrl m_base;
    QSslSocket m_socket;
    bool m_done = false;
};

} // namespace netgateway::desktop
