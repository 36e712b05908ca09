#pragma once

#include <QHash>
#include <QJsonObject>
#include <QLocalServer>
#include <QObject>
#include <QString>

#include <functional>

class QLocalSocket;

namespace netgateway::core {

// The local control channel between netgatewayctl and netgatewayd: a Unix
// socket with mode 0600 in the data directory (a named pipe restricted to
// the service account and Administrators on Windows), never a TCP port.
// One JSON object per line each way: {"command": "...", ...} is answered by
// {"ok": true, "result": {...}} or {"ok": false, "error": "..."}.
namespace control {
constexpr qsizetype kMaxLineBytes = 64 * 1024;
QString socketPath(const QString &dataDirectory);
} // namespace control

class ControlServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<QJsonObject(const QJsonObject &request)>;

    explicit ControlServer(QObject *parent = nullptr);
    ~ControlServer() override;

    void addCommand(const QString &name, Handler handler);
    // Runs a registered command in this process (the REST API reuses the
    // commands' domain logic). Throws std::invalid_argument for an unknown
    // command; the handler's own exceptions pass through.
    QJsonObject invoke(const QString &name, const QJsonObject &request) const;
    bool listen(const QString &dataDirectory, QString &error);
    void close();
    [[nodiscard]] QString path() const { return m_path; }
    // Answers one request line (without its newline) with one reply line.
    // Public so the request parsing can be exercised without a socket.
    QByteArray handleLine(const QByteArray &line);

private:
    void onNewConnection();
    void onReadyRead(QLocalSocket *socket);

    QLocalServer m_server;
    QHash<QString, Handler> m_handlers;
    QString m_path;
};

// Blocking client for the CLI.
class ControlClient {
public:
    explicit ControlClient(QString dataDirectory);
    // Sends one request and waits for the answer. Returns false and sets
    // `error` when the service is not running or does not answer in time.
    bool call(const QJsonObject &request, QJsonObject &response, QString &error, int timeoutMs = 5000);

private:
    QString m_dataDirectory;
};

} // namespace netgateway::core
