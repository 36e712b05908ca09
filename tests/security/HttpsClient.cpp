#include "HttpsClient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace netgateway::test {

QByteArray HttpResponse::header(const QByteArray &lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName) {
            return value;
        }
    }
    return {};
}

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpsClient::HttpsClient(quint16 port, QList<QSslCertificate> trusted, QHostAddress source)
    : m_port(port), m_trusted(std::move(trusted)), m_source(std::move(source))
{
}

QByteArray HttpsClient::hostHeader() const
{
    return "localhost:" + QByteArray::number(m_port);
}

QSslCertificate HttpsClient::fetchCertificate(quint16 port)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QSslSocket::encrypted, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QAbstractSocket::errorOccurred, &loop, &QEventLoop::quit);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    deadline.start(10000);
    loop.exec();
    return socket.peerCertificate();
}

HttpResponse HttpsClient::raw(const QByteArray &bytes, int timeoutMs)
{
    HttpResponse response;
    QSslSocket socket;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(m_trusted);
    config.setProtocol(m_protocol);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket.setSslConfiguration(config);
    if (!socket.bind(m_source)) {
        return response;
    }
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port, QStringLiteral("localhost"));
    // Wait in an event loop (the server may live in this thread), woken by the
    // socket's own signals rather than by polling.
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QSslSocket::encrypted, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QSslSocket::readyRead, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QAbstractSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QAbstractSocket::errorOccurred, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    while (!socket.isEncrypted() && socket.state() != QAbstractSocket::UnconnectedState && deadline.isActive()) {
        loop.exec();
    }
    if (!socket.isEncrypted()) {
        return response;
    }
    response.protocol = socket.sessionProtocol();
    response.cipher = socket.sessionCipher().name();
    response.peerCertificate = socket.peerCertificate();
    socket.write(bytes);
    QByteArray data;
    qsizetype headerEnd = -1;
    qint64 contentLength = -1;
    auto complete = [&] {
        data += socket.readAll();
        if (headerEnd < 0) {
            headerEnd = data.indexOf("\r\n\r\n");
            if (headerEnd >= 0) {
                const QList<QByteArray> lines = data.left(headerEnd).split('\n');
                const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
                response.status = statusLine.value(1).toInt();
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines[i].trimmed();
                    const auto colon = line.indexOf(':');
                    if (colon > 0) {
                        response.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
                    }
                }
                const QByteArray length = response.header("content-length");
                contentLength = length.isEmpty() ? 0 : length.toLongLong();
            }
        }
        return headerEnd >= 0 && data.size() - headerEnd - 4 >= contentLength;
    };
    bool done = false;
    while (!(done = complete()) && socket.state() != QAbstractSocket::UnconnectedState && deadline.isActive()) {
        loop.exec();
    }
    done = done || complete();
    if (headerEnd >= 0) {
        response.body = data.mid(headerEnd + 4, contentLength);
        if (!done || data.size() - headerEnd - 4 < contentLength) {
            response.status = 0; // incomplete
        }
    }
    socket.disconnectFromHost();
    return response;
}

HttpResponse HttpsClient::send(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                               QList<QPair<QByteArray, QByteArray>> headers, bool addDefaults)
{
    auto has = [&headers](const QByteArray &name) {
        for (const auto &h : headers) {
            if (h.first.toLower() == name) {
                return true;
            }
        }
        return false;
    };
    if (addDefaults) {
        if (!has("host")) {
            headers.append(qMakePair(QByteArray("Host"), hostHeader()));
        }
        if (!m_cookie.isEmpty() && !has("cookie")) {
            headers.append(qMakePair(QByteArray("Cookie"), QByteArray("__Host-ngsid=" + m_cookie)));
        }
        if (method != "GET") {
            if (!has("origin")) {
                headers.append(qMakePair(QByteArray("Origin"), QByteArray("https://" + hostHeader())));
            }
            if (!m_csrf.isEmpty() && !has("x-csrf-token")) {
                headers.append(qMakePair(QByteArray("X-CSRF-Token"), QByteArray(m_csrf)));
            }
            if (!body.isEmpty() && !has("content-type")) {
                headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
            }
        }
    }
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\n";
    for (const auto &[name, value] : headers) {
        request += name + ": " + value + "\r\n";
    }
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return raw(request);
}

HttpResponse HttpsClient::get(const QByteArray &path, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return send("GET", path, {}, headers);
}

HttpResponse HttpsClient::post(const QByteArray &path, const QJsonObject &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

HttpResponse HttpsClient::login(const QString &user, const QString &password, const QString &code)
{
    QJsonObject body{{QStringLiteral("username"), user}, {QStringLiteral("password"), password}};
    if (!code.isEmpty()) {
        body.insert(QStringLiteral("code"), code);
    }
    const QByteArray savedCsrf = m_csrf;
    m_csrf.clear();
    HttpResponse r = post("/api/v1/auth/login", body);
    m_csrf = savedCsrf;
    if (r.status == 200) {
        const QByteArray setCookie = r.header("set-cookie");
        const auto start = setCookie.indexOf('=') + 1;
        m_cookie = setCookie.mid(start, setCookie.indexOf(';') - start);
        m_csrf = r.json().value(QStringLiteral("csrfToken")).toString().toLatin1();
    }
    return r;
}

} // namespace netgateway::test
