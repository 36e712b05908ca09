#include "HttpConnection.h"

namespace fleetcloud {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, Handler handler, HeaderHook hook, QObject *parent)
    : QObject(parent), m_socket(socket), m_handler(std::move(handler)), m_hook(std::move(hook))
{
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        emit closed();
        deleteLater();
    });
    if (socket->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
    }
}

bool HttpConnection::parseHeaders()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > kMaxHeaderBytes) {
            m_closeAfter = true;
            respond(HttpResponse{431, "application/json", R"({"error":"headers_too_large"})", {}});
        }
        return false;
    }
    const QByteArray head = m_buffer.left(end);
    m_current = HttpRequest{};
    m_current.raw = m_buffer.left(end + 4);
    m_buffer.remove(0, end + 4);
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3) {
        m_closeAfter = true;
        respond(HttpResponse{400, "application/json", R"({"error":"bad_request_line"})", {}});
        return false;
    }
    m_current.method = requestLine.at(0);
    const QByteArray target = requestLine.at(1);
    const qsizetype q = target.indexOf('?');
    m_current.path = q < 0 ? target : target.left(q);
    m_current.query = q < 0 ? QByteArray() : target.mid(q + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            m_current.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
    }
    bool ok = true;
    const QByteArray cl = m_current.header("content-length");
    m_contentLength = cl.isEmpty() ? 0 : cl.toLongLong(&ok);
    if (!ok || m_contentLength < 0 || m_contentLength > kMaxBodyBytes) {
        m_closeAfter = true;
        respond(HttpResponse{413, "application/json", R"({"error":"body_too_large"})", {}});
        return false;
    }
    if (!m_current.header("transfer-encoding").isEmpty()) {
        m_closeAfter = true;
        respond(HttpResponse{400, "application/json", R"({"error":"chunked_not_supported"})", {}});
        return false;
    }
    if (m_hook && !m_hook(m_current)) {
        drop();
        return false;
    }
    return true;
}

void HttpConnection::onReadyRead()
{
    if (!m_socket) {
        return;
    }
    m_buffer += m_socket->readAll();
    while (!m_waitingForResponse && m_socket && !m_closeAfter) {
        if (m_contentLength < 0) {
            if (!parseHeaders()) {
                return;
            }
        }
        if (m_buffer.size() < m_contentLength) {
            return;
        }
        m_current.body = m_buffer.left(m_contentLength);
        m_current.raw += m_current.body;
        m_buffer.remove(0, m_contentLength);
        m_contentLength = -1;
        m_waitingForResponse = true;
        m_handler(this, m_current);
    }
}

void HttpConnection::respond(const HttpResponse &response)
{
    if (!m_socket) {
        return;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &h : response.headers) {
        out += h.first + ": " + h.second + "\r\n";
    }
    out += m_closeAfter ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    out += "\r\n";
    out += response.body;
    m_socket->write(out);
    m_waitingForResponse = false;
    if (m_closeAfter) {
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_buffer.isEmpty()) {
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
    }
}

void HttpConnection::respondTruncated(const HttpResponse &response, qsizetype bodyBytes)
{
    if (!m_socket) {
        return;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &h : response.headers) {
        out += h.first + ": " + h.second + "\r\n";
    }
    out += "\r\n";
    out += response.body.left(bodyBytes);
    m_socket->write(out);
    m_closeAfter = true;
    m_socket->disconnectFromHost();
}

void HttpConnection::drop()
{
    if (m_socket) {
        m_closeAfter = true;
        m_socket->abort();
    }
}

} // namespace fleetcloud
