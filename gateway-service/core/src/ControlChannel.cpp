#include <netgateway/core/ControlChannel.h>

#include <stdexcept>

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLocalSocket>

namespace netgateway::core {

QString control::socketPath(const QString &dataDirectory)
{
#ifdef Q_OS_WIN
    // A named pipe per data directory, so test instances do not collide.
    const QByteArray id =
        QCryptographicHash::hash(QDir(dataDirectory).absolutePath().toLower().toUtf8(), QCryptographicHash::Sha256)
            .toHex()
            .left(16);
    return QStringLiteral("netgateway-control-") + QString::fromLatin1(id);
#else
    return QDir(dataDirectory).absoluteFilePath(QStringLiteral("netgatewayd.sock"));
#endif
}

ControlServer::ControlServer(QObject *parent) : QObject(parent)
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, &ControlServer::onNewConnection);
}

ControlServer::~ControlServer()
{
    close();
}

void ControlServer::addCommand(const QString &name, Handler handler)
{
    m_handlers.insert(name, std::move(handler));
}

bool ControlServer::listen(const QString &dataDirectory, QString &error)
{
    m_path = control::socketPath(dataDirectory);
    // Only called while holding the instance lock, so a socket file left here
    // belongs to a process that no longer runs.
    QLocalServer::removeServer(m_path);
    if (!m_server.listen(m_path)) {
        error = QStringLiteral("cannot open the control socket %1: %2").arg(m_path, m_server.errorString());
        return false;
    }
#ifndef Q_OS_WIN
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
#endif
    return true;
}

void ControlServer::close()
{
    if (m_server.isListening()) {
        m_server.close();
    }
}

void ControlServer::onNewConnection()
{
    while (QLocalSocket *socket = m_server.nextPendingConnection()) {
        socket->setReadBufferSize(control::kMaxLineBytes + 1);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void ControlServer::onReadyRead(QLocalSocket *socket)
{
    while (socket->canReadLine()) {
        const QByteArray line = socket->readLine(control::kMaxLineBytes + 1);
        socket->write(handleLine(line.trimmed()));
    }
    if (socket->bytesAvailable() > control::kMaxLineBytes) {
        QJsonObject error{{QStringLiteral("ok"), false},
                          {QStringLiteral("error"), QStringLiteral("request larger than 64 KiB refused")}};
        socket->write(QJsonDocument(error).toJson(QJsonDocument::Compact) + '\n');
        socket->disconnectFromServer();
    }
}

QJsonObject ControlServer::invoke(const QString &name, const QJsonObject &request) const
{
    const auto it = m_handlers.constFind(name);
    if (it == m_handlers.constEnd()) {
        throw std::invalid_argument("unknown control command");
    }
    QJsonObject withCommand = request;
    withCommand.insert(QStringLiteral("command"), name);
    return it.value()(withCommand);
}

QByteArray ControlServer::handleLine(const QByteArray &line)
{
    QJsonObject reply;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    const QString command = doc.object().value(QStringLiteral("command")).toString();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        reply = {{QStringLiteral("ok"), false},
                 {QStringLiteral("error"), QStringLiteral("request is not a JSON object")}};
    } else if (!m_handlers.contains(command)) {
        reply = {{QStringLiteral("ok"), false},
                 {QStringLiteral("error"), QStringLiteral("unknown command '%1'").arg(command.left(64))}};
    } else {
        try {
            reply = {{QStringLiteral("ok"), true}, {QStringLiteral("result"), m_handlers.value(command)(doc.object())}};
        } catch (const std::exception &e) {
            qWarning("control command %s failed: %s", qPrintable(command), e.what());
            reply = {{QStringLiteral("ok"), false}, {QStringLiteral("error"), QString::fromUtf8(e.what())}};
        }
    }
    return QJsonDocument(reply).toJson(QJsonDocument::Compact) + '\n';
}

ControlClient::ControlClient(QString dataDirectory) : m_dataDirectory(std::move(dataDirectory))
{
}

bool ControlClient::call(const QJsonObject &request, QJsonObject &response, QString &error, int timeoutMs)
{
    QLocalSocket socket;
    const QString path = control::socketPath(m_dataDirectory);
    socket.connectToServer(path);
    if (!socket.waitForConnected(timeoutMs)) {
        if (socket.error() == QLocalSocket::SocketAccessError) {
            error =
                QStringLiteral("permission denied on %1: run netgatewayctl as the service account or root").arg(path);
        } else {
            error = QStringLiteral("netgatewayd is not running for data directory %1")
                        .arg(QDir::toNativeSeparators(m_dataDirectory));
        }
        return false;
    }
    socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    const QDeadlineTimer deadline(timeoutMs);
    while (!socket.canReadLine()) {
        if (deadline.hasExpired() || !socket.waitForReadyRead(static_cast<int>(deadline.remainingTime()))) {
            error = QStringLiteral("netgatewayd did not answer within %1 ms").arg(timeoutMs);
            return false;
        }
        if (socket.bytesAvailable() > control::kMaxLineBytes * 16) {
            error = QStringLiteral("netgatewayd sent an oversized answer");
            return false;
        }
    }
    const QJsonDocument doc = QJsonDocument::fromJson(socket.readLine());
    if (!doc.isObject()) {
        error = QStringLiteral("netgatewayd sent an answer that is not JSON");
        return false;
    }
    const QJsonObject reply = doc.object();
    if (!reply.value(QStringLiteral("ok")).toBool()) {
        error = reply.value(QStringLiteral("error")).toString();
        return false;
    }
    response = reply.value(QStringLiteral("result")).toObject();
    return true;
}

} // namespace netgateway::core
