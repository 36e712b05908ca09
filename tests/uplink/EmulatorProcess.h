#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace netgateway::test {

// Runs the real fleet-cloud-emulator on 127.0.0.1 and talks to its admin port.
class EmulatorProcess {
public:
    explicit EmulatorProcess(QString directory);
    ~EmulatorProcess();

    // Starts it and waits for its "ready" line.
    bool start(const QStringList &extraArguments = {});
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString caFile() const;
    [[nodiscard]] QString captureFile() const;
    [[nodiscard]] QString origin() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }

    // GET or POST on the admin API; returns the JSON answer (empty on failure).
    QJsonObject admin(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    QJsonObject stats() { return admin("GET", QStringLiteral("/admin/stats")); }
    bool fault(const QString &mode, int count = -1, int delayMs = 0);

private:
    QString m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    quint16 m_adminPort = 0;
};

} // namespace netgateway::test
