#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>

#include <functional>

namespace fleetcloud {

struct HttpRequest {
    QByteArray method;
    QByteArray path; // without the query
    QByteArray query;
    QMap<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QByteArray raw; // every byte of the request as received (after TLS)
    [[nodiscard]] QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

struct HttpResponse {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

// HTTP/1.1 with keep-alive over one socket, strictly request by request.
// Sizes are bounded: a request with oversized headers or body is answered
// with 431/413 and the connection closed.
class HttpConnection : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype kMaxHeaderBytes = 16 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 32 * 1024 * 1024;

    // The handler either answers through respond() now or later (slow or
    // stalled responses), or drops the connection.
    using Handler = std::function<void(HttpConnection *, const HttpRequest &)>;
    // Called once the headers are in, before the body: returns false to drop
    // the connection mid-request.
    using HeaderHook = std::function<bool(const HttpRequest &)>;

    HttpConnection(QTcpSocket *socket, Handler handler, HeaderHook hook, QObject *parent = nullptr);

    void respond(const HttpResponse &response);
    // Sends the head (with the full Content-Length) and only the first `bodyBytes`
    // of the body, then closes: a download interrupted mid-way.
    void respondTruncated(const HttpResponse &response, qsizetype bodyBytes);
    void drop();
    [[nodiscard]] QTcpSocket *socket() const { return m_socket; }

signals:
    void closed();

private:
    void onReadyRead();
    bool parseHeaders();

    QPointer<QTcpSocket> m_socket;
    Handler m_handler;
    HeaderHook m_hook;
    QByteArray m_buffer;
    HttpRequest m_current;
    qsizetype m_contentLength = -1;
    bool m_waitingForResponse = false;
    bool m_closeAfter = false;
};

} // namespace fleetcloud
