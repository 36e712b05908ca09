// libFuzzer target: the control socket's request lines. Only local
// administrators can reach the socket, but the parser must still never crash,
// always answer exactly one JSON line with "ok", and turn a failing command
// into an error answer instead of a dead service.
#include <netgateway/core/ControlChannel.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>

using namespace netgateway::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static ControlServer *server = [] {
        auto *s = new ControlServer;
        s->addCommand(QStringLiteral("status"), [](const QJsonObject &) { return QJsonObject{{"running", true}}; });
        s->addCommand(QStringLiteral("echo"), [](const QJsonObject &request) { return request; });
        s->addCommand(QStringLiteral("fail"),
                      [](const QJsonObject &) -> QJsonObject { throw std::runtime_error("refused"); });
        return s;
    }();
    if (size > static_cast<std::size_t>(control::kMaxLineBytes)) {
        return 0; // longer lines are refused before parsing
    }
    const QByteArray line(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QByteArray reply = server->handleLine(line.trimmed());
    if (!reply.endsWith('\n') || reply.count('\n') != 1) {
        std::abort();
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(reply, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject() || !doc.object().value("ok").isBool()) {
        std::abort();
    }
    if (!doc.object().value("ok").toBool() && doc.object().value("error").toString().isEmpty()) {
        std::abort();
    }
    return 0;
}
