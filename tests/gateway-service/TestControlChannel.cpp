#include <netgateway/core/ControlChannel.h>

#include "TempDataDir.h"

#include <QFile>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTest>

using namespace netgateway::core;
using netgateway::test::TempDataDir;

class TestControlChannel : public QObject {
    Q_OBJECT
private:
    // Sends raw bytes and returns the first answer line (the server runs on
    // this thread, so the client must not block).
    static QJsonObject exchange(const QString &path, const QByteArray &raw, bool *disconnected = nullptr)
    {
        QLocalSocket socket;
        socket.connectToServer(path);
        if (!QTest::qWaitFor([&] { return socket.state() == QLocalSocket::ConnectedState; }, 5000)) {
            return {};
        }
        socket.write(raw);
        (void)QTest::qWaitFor([&] { return socket.canReadLine() || socket.state() != QLocalSocket::ConnectedState; },
                              5000);
        if (disconnected) {
            (void)QTest::qWaitFor([&] { return socket.state() != QLocalSocket::ConnectedState; }, 5000);
            *disconnected = socket.state() != QLocalSocket::ConnectedState;
        }
        return QJsonDocument::fromJson(socket.readLine()).object();
    }

private slots:
    void answersRegisteredCommands()
    {
        TempDataDir dir;
        ControlServer server;
        server.addCommand(QStringLiteral("echo"), [](const QJsonObject &request) {
            return QJsonObject{{QStringLiteral("said"), request.value(QStringLiteral("text"))}};
        });
        QString error;
        QVERIFY2(server.listen(dir.path(), error), qPrintable(error));
        const QJsonObject reply = exchange(server.path(), R"({"command":"echo","text":"hello"})"
                                                          "\n");
        QCOMPARE(reply.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("said")).toString(),
                 QStringLiteral("hello"));
    }

    void socketIsPrivateToTheOwner()
    {
        TempDataDir dir;
        ControlServer server;
        QString error;
        QVERIFY(server.listen(dir.path(), error));
        const auto perms = QFile::permissions(server.path());
        QVERIFY(perms & QFileDevice::WriteOwner);
        QCOMPARE(perms & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
                          QFileDevice::WriteOther),
                 QFileDevice::Permissions());
    }

    void refusesBadRequestsAndStaysUp()
    {
        TempDataDir dir;
        ControlServer server;
        server.addCommand(QStringLiteral("boom"), [](const QJsonObject &) -> QJsonObject {
            throw std::runtime_error("handler failed plainly");
        });
        QString error;
        QVERIFY(server.listen(dir.path(), error));
        QJsonObject reply = exchange(server.path(), "not json\n");
        QCOMPARE(reply.value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(reply.value(QStringLiteral("error")).toString(), QStringLiteral("request is not a JSON object"));
        reply = exchange(server.path(), R"({"command":"nope"})"
                                        "\n");
        QCOMPARE(reply.value(QStringLiteral("error")).toString(), QStringLiteral("unknown command 'nope'"));
        reply = exchange(server.path(), R"({"command":"boom"})"
                                        "\n");
        QCOMPARE(reply.value(QStringLiteral("error")).toString(), QStringLiteral("handler failed plainly"));
        bool disconnected = false;
        reply = exchange(server.path(), QByteArray(control::kMaxLineBytes + 10, 'a'), &disconnected);
        QVERIFY(disconnected);
        QCOMPARE(reply.value(QStringLiteral("error")).toString(), QStringLiteral("request larger than 64 KiB refused"));
        // Still serving.
        reply = exchange(server.path(), R"({"command":"nope"})"
                                        "\n");
        QCOMPARE(reply.value(QStringLiteral("ok")).toBool(true), false);
    }
};

QTEST_GUILESS_MAIN(TestControlChannel)
#include "TestControlChannel.moc"
