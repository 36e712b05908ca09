#pragma once

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QRandomGenerator>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

namespace netgateway::test {

// A real fleetsim process on its own 127.x loopback range, with its control
// socket. The v3 user comes from a users file, so no passphrase is on a
// command line.
class FleetsimProcess {
public:
    // Starts `devices` printers with a frozen clock and no dynamics. Returns
    // an empty string, else what went wrong.
    QString start(int devices, const QString &v3UserSpec, const QStringList &extra = {})
    {
        if (!m_dir.isValid()) {
            return QStringLiteral("no temporary directory");
        }
        QFile users(m_dir.filePath(QStringLiteral("users.txt")));
        if (!users.open(QIODevice::WriteOnly)) {
            return QStringLiteral("cannot write the users file");
        }
        users.write(v3UserSpec.toUtf8() + '\n');
        users.close();
        const auto pid = static_cast<quint32>(QCoreApplication::applicationPid());
        m_base = (127u << 24) | ((60u + pid % 150u) << 16) | ((pid / 150u % 200u) << 8) | 1u;
        const QStringList args =
            QStringList{QStringLiteral("--devices"),       QString::number(devices),
                        QStringLiteral("--base"),          address(0),
                        QStringLiteral("--speed"),         QStringLiteral("0"),
                        QStringLiteral("--seed"),          QStringLiteral("5"),
                        QStringLiteral("--v3-users-file"), users.fileName(),
                        QStringLiteral("--control"),       m_dir.filePath(QStringLiteral("ctl.sock"))} +
            extra;
        for (int attempt = 0; attempt < 5; ++attempt) {
            m_port = static_cast<quint16>(20000 + QRandomGenerator::global()->bounded(30000));
            m_process.setProcessChannelMode(QProcess::SeparateChannels);
            m_process.start(QStringLiteral(FLEETSIM_PATH),
                            args + QStringList{QStringLiteral("--port"), QString::number(m_port)});
            if (!m_process.waitForStarted()) {
                return QStringLiteral("fleetsim did not start");
            }
            if (!QTest::qWaitFor([&] { return m_process.canReadLine() || m_process.state() == QProcess::NotRunning; },
                                 60000)) {
                return QStringLiteral("fleetsim printed no ready line");
            }
            if (m_process.canReadLine()) {
                break;
            }
            m_process.waitForFinished();
        }
        const QByteArray ready = m_process.readLine();
        if (!ready.startsWith("fleetsim ready:")) {
            return QString::fromUtf8(ready + m_process.readAllStandardError());
        }
        m_control.connectToServer(m_dir.filePath(QStringLiteral("ctl.sock")));
        if (!m_control.waitForConnected(5000)) {
            return QStringLiteral("cannot connect to the control socket");
        }
        return {};
    }

    ~FleetsimProcess()
    {
        m_control.disconnectFromServer();
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            m_process.waitForFinished(10000);
        }
    }

    [[nodiscard]] QString address(int device) const
    {
        return QHostAddress(m_base + static_cast<quint32>(device)).toString();
    }
    [[nodiscard]] quint16 port() const { return m_port; }

    QJsonObject control(const QJsonObject &command)
    {
        m_control.write(QJsonDocument(command).toJson(QJsonDocument::Compact) + '\n');
        m_control.flush();
        if (!QTest::qWaitFor([&] { return m_control.canReadLine(); }, 10000)) {
            return QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("error"), QStringLiteral("no reply")}};
        }
        return QJsonDocument::fromJson(m_control.readLine()).object();
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QLocalSocket m_control;
    quint32 m_base = 0;
    quint16 m_port = 0;
};

} // namespace netgateway::test
