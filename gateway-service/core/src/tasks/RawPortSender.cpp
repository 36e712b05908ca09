#include <netgateway/tasks/RawPortSender.h>

namespace netgateway::tasks {

namespace {
constexpr qint64 kChunk = 64 * 1024;
}

RawPortSender::RawPortSender(QObject *parent) : QObject(parent)
{
    m_idle.setSingleShot(true);
    m_idle.setInterval(30000);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        finish(false, QStringLiteral("the device stopped accepting data for %1 s").arg(m_idle.interval() / 1000));
    });
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        m_idle.start();
        writeMore();
    });
    connect(&m_socket, &QTcpSocket::bytesWritten, this, [this](qint64 n) {
        m_written += n;
        m_idle.start();
        const int percent = m_data.isEmpty() ? 100 : static_cast<int>(m_written * 100 / m_data.size());
        if (percent != m_lastPercent) {
            m_lastPercent = percent;
            emit progress(percent);
        }
        if (m_written >= m_data.size()) {
            m_socket.disconnectFromHost();
        } else {
            writeMore();
        }
    });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        if (m_written >= m_data.size()) {
            finish(true, QStringLiteral("%1 bytes delivered").arg(m_written));
        } else {
            finish(false, QStringLiteral("the device closed the connection after %1 of %2 bytes")
                              .arg(m_written)
                              .arg(m_data.size()));
        }
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::RemoteHostClosedError && m_written >= m_data.size()) {
            return; // disconnected() reports the success
        }
        finish(false, QStringLiteral("raw port: %1").arg(m_socket.errorString()));
    });
}

void RawPortSender::send(const QHostAddress &address, quint16 port, const QByteArray &data)
{
    m_data = data;
    m_offset = 0;
    m_written = 0;
    m_done = false;
    m_idle.start();
    m_socket.connectToHost(address, port);
}

void RawPortSender::writeMore()
{
    // Keep at most one chunk queued in the socket.
    if (m_socket.bytesToWrite() > 0 || m_offset >= m_data.size()) {
        if (m_data.isEmpty()) {
            m_socket.disconnectFromHost();
        }
        return;
    }
    const qint64 n = std::min(kChunk, m_data.size() - m_offset);
    m_socket.write(m_data.constData() + m_offset, n);
    m_offset += n;
}

void RawPortSender::finish(bool ok, const QString &message)
{
    if (m_done) {
        return;
    }
    m_done = true;
    m_idle.stop();
    m_socket.abort();
    emit finished(ok, message, m_written);
}

} // namespace netgateway::tasks
