#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QTcpSocket>
#include <QTimer>

namespace netgateway::tasks {

// Sends bytes to a device's raw print port (9100, "JetDirect"): connect,
// write everything, close. Devices accept print jobs and firmware files this
// way. Writes are paced by the socket's buffer so a large file is never held
// twice in memory, and a device that stops reading for idleTimeoutMs fails
// the transfer instead of hanging the task.
class RawPortSender : public QObject {
    Q_OBJECT
public:
    explicit RawPortSender(QObject *parent = nullptr);

    void send(const QHostAddress &address, quint16 port, const QByteArray &data);
    void setIdleTimeoutMs(int ms) { m_idle.setInterval(ms); }

signals:
    // Fraction of the bytes handed to the network, 0..100.
    void progress(int percent);
    void finished(bool ok, const QString &message, qint64 bytesWritten);

private:
    void writeMore();
    void finish(bool ok, const QString &message);

    QTcpSocket m_socket;
    QTimer m_idle;
    QByteArray m_data;
    qint64 m_offset = 0;
    qint64 m_written = 0;
    int m_lastPercent = -1;
    bool m_done = false;
};

} // namespace netgateway::tasks
