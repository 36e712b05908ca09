#include <netgateway/tasks/OneShotHttpServer.h>

#include <QRandomGenerator>
#include <QTcpSocket>

namespace netgateway::tasks {

namespace {
constexpr qsizetype kMaxRequestBytes = 8192;
}

OneShotHttpServer::OneShotHttpServer(QObject *parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(false,
               QStringLiteral("the device did not fetch the package within %1 s").arg(m_timeout.interval() / 1000));
    });
    connect(&m_server, &QTcpServer::newConnection, this, &OneShotHttpServer::onConnection);
}

OneShotHttpServer::~OneShotHttpServer()
{
    m_server.close();
}

bool OneShotHttpServer::start(const QHostAddress &listen, quint16 firstPort, quint16 lastPort,
                              const QHostAddress &device, const QByteArray &data, const QString &fileName,
                              int timeoutMs, QString &error)
{
    m_device = device;
    m_data = data;
    QByteArray token(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(token.data()), token.size() / 4);
    m_path = "/" + token.toHex() + "/" + fileName.toUtf8();
    for (quint32 port = firstPort; port <= lastPort; ++port) {
        if (m_server.listen(listen, static_cast<quint16>(port))) {
            break;
        }
    }
    if (!m_server.isListening()) {
        error = QStringLiteral("no free port in %1-%2 for the device to fetch the package from")
                    .arg(firstPort)
                    .arg(lastPort);
        return false;
    }
    const QString host = listen.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(listen.toString())
                             : listen.toString();
    m_url = QStringLiteral("http://%1:%2%3").arg(host).arg(m_server.serverPort()).arg(QString::fromUtf8(m_path));
    m_timeout.start(timeoutMs);
    return true;
}

void OneShotHttpServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QHostAddress peer = socket->peerAddress();
        bool ok = false;
        const quint32 v4 = peer.toIPv4Address(&ok);
        if (ok) {
            peer = QHostAddress(v4);
        }
        if (m_done || m_serving || peer != m_device) {
            // Anyone but the device, or a second fetch: nothing is served.
            socket->abort();
            socket->deleteLater();
            continue;
        }
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRequest(socket); });
    }
}

void OneShotHttpServer::onRequest(QTcpSocket *socket)
{
    if (m_serving || m_done) {
        return;
    }
    const QByteArray head = socket->peek(kMaxRequestBytes + 1);
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() > kMaxRequestBytes) {
            socket->abort();
        }
        return;
    }
    const QList<QByteArray> line = head.left(head.indexOf("\r\n")).split(' ');
    if (line.size() != 3 || line[0] != "GET" || line[1] != m_path || !line[2].startsWith("HTTP/1.")) {
        socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        return;
    }
    m_serving = true;
    m_server.close(); // one fetch only: nobody else may connect from now on
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                  QByteArray::number(m_data.size()) + "\r\nConnection: close\r\n\r\n");
    socket->write(m_data);
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] {
        if (socket->bytesToWrite() == 0) {
            socket->disconnectFromHost();
            finish(true, QStringLiteral("the device fetched %1 bytes").arg(m_data.size()));
        }
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] {
        if (socket->bytesToWrite() > 0) {
            finish(false, QStringLiteral("the device broke off the download: %1").arg(socket->errorString()));
        }
    });
}

void OneShotHttpServer::finish(bool ok, const QString &message)
{
    if (m_done) {
        return;
    }
    m_done = true;
    m_timeout.stop();
    m_server.close();
    emit finished(ok, message);
}

} // namespace netgateway::tasks
