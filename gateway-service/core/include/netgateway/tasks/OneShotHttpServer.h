#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>

class QTcpSocket;

namespace netgateway::tasks {

// Serves one file once, for a device that pulls its firmware over HTTP: it
// listens on the first free port of a range (800-899 in production), answers
// only the expected device's address and only a GET of an unguessable path,
// and closes the listener as soon as the file was sent or the time ran out.
class OneShotHttpServer : public QObject {
    Q_OBJECT
public:
    explicit OneShotHttpServer(QObject *parent = nullptr);
    ~OneShotHttpServer() override;

    // Returns false with `error` when no port of the range can be bound.
    bool start(const QHostAddress &listen, quint16 firstPort, quint16 lastPort, const QHostAddress &device,
               const QByteArray &data, const QString &fileName, int timeoutMs, QString &error);
    // The URL the device must fetch (valid after start()).
    [[nodiscard]] QString url() const { return m_url; }
    [[nodiscard]] bool isListening() const { return m_server.isListening(); }
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }

signals:
    void finished(bool ok, const QString &message);

private:
    void onConnection();
    void onRequest(QTcpSocket *socket);
    void finish(bool ok, const QString &message);

    QTcpServer m_server;
    QTimer m_timeout;
    QHostAddress m_device;
    QByteArray m_data;
    QByteArray m_path;
    QString m_url;
    bool m_serving = false;
    bool m_done = false;
};

} // namespace netgateway::tasks
