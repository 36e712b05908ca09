#include <netgateway/core/api/Api.h>
#include <netgateway/core/api/TlsListener.h>

#include <QPointer>
#include <QSocketNotifier>
#include <QSslSocket>
#include <QTimer>

#ifndef Q_OS_WIN
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace netgateway::core::api {

namespace {
constexpr char kReceivedProperty[] = "netgateway.received";
constexpr char kPlainAnswer[] = "HTTP/1.1 400 Bad Request\r\n"
                                "Content-Type: text/plain; charset=utf-8\r\n"
                                "Connection: close\r\n"
                                "Content-Length: 65\r\n"
                                "\r\n"
                                "This port accepts HTTPS only: open it with https:// in the URL.\r\n";
QByteArray tooLargeAnswer()
{
    const QByteArray body =
        R"({"error":"payload_too_large","message":"request bodies are limited to 1 MB","field":null})";
    QByteArray answer = "HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nConnection: close\r\n";
    for (const auto &[name, value] : securityHeaders()) {
        answer += name + ": " + value + "\r\n";
    }
    return answer + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}
} // namespace

TlsListener::TlsListener(QObject *parent) : QTcpServer(parent)
{
}

void TlsListener::requestCompleted(QObject *socket)
{
    if (socket != nullptr) {
        socket->setProperty(kReceivedProperty, qint64(0));
    }
}

void TlsListener::incomingConnection(qintptr descriptor)
{
    if (m_open >= kMaxConnections) {
#ifndef Q_OS_WIN
        ::close(static_cast<int>(descriptor));
#endif
        return;
    }
#ifdef Q_OS_WIN
    startTls(descriptor);
#else
    ++m_open;
    // Look at the first byte before any TLS processing, without consuming it.
    auto *notifier = new QSocketNotifier(descriptor, QSocketNotifier::Read, this);
    auto *timer = new QTimer(notifier);
    timer->setSingleShot(true);
    auto finish = [notifier]() {
        notifier->setEnabled(false);
        notifier->deleteLater();
    };
    connect(timer, &QTimer::timeout, notifier, [this, notifier, descriptor, finish] {
        finish();
        --m_open;
        ::close(static_cast<int>(descriptor));
    });
    connect(notifier, &QSocketNotifier::activated, this, [this, descriptor, finish, timer] {
        timer->stop();
        finish();
        unsigned char first = 0;
        const ssize_t n = ::recv(static_cast<int>(descriptor), &first, 1, MSG_PEEK | MSG_DONTWAIT);
        --m_open;
        if (n == 1 && first == 0x16) {
            startTls(descriptor);
        } else if (n == 1) {
            refusePlain(descriptor);
        } else {
            ::close(static_cast<int>(descriptor));
        }
    });
    timer->start(kHandshakeTimeoutMs);
#endif
}

void TlsListener::refusePlain(qintptr descriptor)
{
#ifndef Q_OS_WIN
    [[maybe_unused]] const ssize_t sent =
        ::send(static_cast<int>(descriptor), kPlainAnswer, sizeof kPlainAnswer - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(static_cast<int>(descriptor), SHUT_RDWR);
    ::close(static_cast<int>(descriptor));
#else
    Q_UNUSED(descriptor);
#endif
}

void TlsListener::startTls(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    socket->setSslConfiguration(m_configuration);
    // Responses go out as several small writes; do not let Nagle hold them.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setProperty(kReceivedProperty, qint64(0));
    auto *timer = new QTimer(socket);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, socket, [socket] {
        if (socket->isEncrypted()) {
            socket->disconnectFromHost(); // idle: the HTTP server cleans it up
        } else {
            socket->abort(); // handshake too slow
            socket->deleteLater();
        }
    });
    connect(socket, &QSslSocket::encrypted, this, [this, socket, timer] {
        // From now on the timer closes connections that stay idle.
        timer->start(kIdleTimeoutMs);
        addPendingConnection(socket);
    });
    connect(socket, &QAbstractSocket::errorOccurred, socket, [socket, timer] {
        if (!socket->isEncrypted()) {
            timer->stop();
            socket->abort();
            socket->deleteLater();
        }
    });
    connect(socket, &QSslSocket::readyRead, socket, [socket, timer] {
        if (!socket->isEncrypted()) {
            return;
        }
        timer->start(kIdleTimeoutMs);
        if (socket->property("netgateway.refused").toBool()) {
            socket->readAll();
            return;
        }
        const qint64 received = socket->property(kReceivedProperty).toLongLong() + socket->bytesAvailable();
        socket->setProperty(kReceivedProperty, received);
        if (received > kMaxRequestBytes) {
            socket->readAll();
            socket->setProperty("netgateway.refused", true);
            socket->write(tooLargeAnswer());
            socket->flush();
            // Keep draining for a moment so the client, still sending, reads the
            // answer instead of a connection reset.
            QTimer::singleShot(2000, socket, [socket] { socket->disconnectFromHost(); });
        }
    });
    timer->start(kHandshakeTimeoutMs);
    socket->startServerEncryption();
}

} // namespace netgateway::core::api
