#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

namespace netgateway::core::api {

// The TCP listener under the console's HTTP server. It speaks TLS only: a
// connection whose first byte is not a TLS handshake record (plain HTTP, for
// instance) gets a short plain-text 400 answer telling to use https:// and is
// closed. Handshakes must finish within a few seconds, idle connections are
// closed after a minute, the number of open
// connections is bounded, and a client that sends more than one request body
// limit before its request completes is cut off with 413.
class TlsListener : public QTcpServer {
    Q_OBJECT
public:
    static constexpr int kMaxConnections = 128;
    static constexpr int kHandshakeTimeoutMs = 10000;
    static constexpr int kIdleTimeoutMs = 60000;
    static constexpr qint64 kMaxRequestBytes = 1024 * 1024 + 64 * 1024; // body limit plus headers

    explicit TlsListener(QObject *parent = nullptr);
    void setConfiguration(const QSslConfiguration &configuration) { m_configuration = configuration; }

    // Called by the HTTP layer when a request was complete, so the byte count
    // for the next request on the same connection starts from zero.
    static void requestCompleted(QObject *socket);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void startTls(qintptr descriptor);
    void refusePlain(qintptr descriptor);

    QSslConfiguration m_configuration;
    int m_open = 0;
};

} // namespace netgateway::core::api
