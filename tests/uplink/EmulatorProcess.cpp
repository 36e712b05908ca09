#include "EmulatorProcess.h"

#include <QDir>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

namespace netgateway::test {

EmulatorProcess::EmulatorProcess(QString directory) : m_dir(std::move(directory))
{
}

EmulatorProcess::~EmulatorProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString EmulatorProcess::caFile() const
{
    return QDir(m_dir).filePath(QStringLiteral("cloud-ca.pem"));
}

QString EmulatorProcess::captureFile() const
{
    return QDir(m_dir).filePath(QStringLiteral("capture.bin"));
}

bool EmulatorProcess::start(const QStringList &extraArguments)
{
    m_process.setProgram(QStringLiteral(FLEET_CLOUD_EMULATOR_PATH));
    m_process.setArguments(
        QStringList{QStringLiteral("--ca-out"), caFile(), QStringLiteral("--capture"), captureFile()} + extraArguments);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start();
    QByteArray out;
    static const QRegularExpression ready(QStringLiteral("ready port=(\\d+) admin-port=(\\d+)"));
    const bool ok = QTest::qWaitFor(
        [&] {
            out += m_process.readAllStandardOutput();
            return out.contains('\n') || m_process.state() == QProcess::NotRunning;
        },
        15000);
    const auto m = ready.match(QString::fromUtf8(out));
    if (!ok || !m.hasMatch()) {
        qWarning("emulator did not become ready: %s", out.constData());
        return false;
    }
    m_port = static_cast<quint16>(m.captured(1).toUInt());
    m_adminPort = static_cast<quint16>(m.captured(2).toUInt());
    return true;
}

QJsonObject EmulatorProcess::admin(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_adminPort).arg(path)));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    req.setTransferTimeout(10000);
    QNetworkReply *reply =
        method == "GET" ? nam.get(req) : nam.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(10000)) {
        delete reply;
        return {};
    }
    const QJsonObject result = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return result;
}

bool EmulatorProcess::fault(const QString &mode, int count, int delayMs)
{
    const QJsonObject r =
        admin("POST", QStringLiteral("/admin/fault"),
              {{QStringLiteral("mode"), mode}, {QStringLiteral("count"), count}, {QStringLiteral("delayMs"), delayMs}});
    return r.value(QStringLiteral("fault")).toString() == mode;
}

} // namespace netgateway::test
