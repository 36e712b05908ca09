#include "CertificateProbe.h"

#include <QSslConfiguration>
#include <QTimer>

namespace netgateway::desktop {

namespace {

constexpr int kTimeoutMs = 10000;

} // namespace

CertificateProbe::CertificateProbe(QUrl base, QObject *parent) : QObject(parent), m_base(std::move(base))
{
    // Trusting nothing makes every handshake fail with the peer's chain in
    // the errors; that is all this needs.
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({});
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket.setSslConfiguration(tls);
    connect(&m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QSslCertificate presented = m_socket.peerCertificate();
        if (presented.isNull() && !errors.isEmpty()) {
            presented = errors.first().certificate();
        }
        m_socket.abort();
        finish(presented, presented.isNull() ? tr("the service presented no certificate") : QString());
    });
    connect(&m_socket, &QSslSocket::encrypted, this, [this] {
        // Only a certificate from a CA this machine trusts gets here; it is
        // still just shown, not trusted.
        const QSslCertificate presented = m_socket.peerCertificate();
        m_socket.abort();
        finish(presented, QString());
    });
    connect(&m_socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError) { finish(QSslCertificate(), m_socket.errorString()); });
}

void CertificateProbe::start()
{
    m_done = false;
    QTimer::singleShot(kTimeoutMs, this, [this] {
        m_socket.abort();
        finish(QSslCertificate(), tr("no answer within %1 seconds").arg(kTimeoutMs / 1000));
    });
    m_socket.connectToHostEncrypted(m_base.host(), quint16(m_base.port(443)));
}

QString CertificateProbe::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':'));
}

void CertificateProbe::finish(const QSslCertificate &certificate, const QString &error)
{
    if (m_done) {
        return;
    }
    m_done = true;
    emit finished(certificate, error);
}

} // namespace netgateway::desktop
