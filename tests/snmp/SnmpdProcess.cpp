#include "SnmpdProcess.h"

#include <netgateway/snmp/SnmpEngine.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>
#include <QUdpSocket>

using namespace netgateway::snmp;

SnmpdProcess::SnmpdProcess() = default;

SnmpdProcess::~SnmpdProcess()
{
    stop();
}

QString SnmpdProcess::snmpdPath()
{
    QString path = QStandardPaths::findExecutable(QStringLiteral("snmpd"),
                                                  {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin")});
    if (path.isEmpty()) {
        path = QStandardPaths::findExecutable(QStringLiteral("snmpd"));
    }
    return path;
}

QList<SnmpdProcess::User> SnmpdProcess::allUsers()
{
    const QList<std::pair<const char *, AuthProtocol>> auths{
        {"md5", AuthProtocol::MD5},       {"sha", AuthProtocol::SHA1},      {"sha224", AuthProtocol::SHA224},
        {"sha256", AuthProtocol::SHA256}, {"sha384", AuthProtocol::SHA384}, {"sha512", AuthProtocol::SHA512}};
    const QList<std::pair<const char *, PrivProtocol>> privs{
        {"nopriv", PrivProtocol::None},    {"des", PrivProtocol::DES},       {"aes128", PrivProtocol::AES128},
        {"aes192", PrivProtocol::AES192},  {"aes256", PrivProtocol::AES256}, {"aes192c", PrivProtocol::AES192C},
        {"aes256c", PrivProtocol::AES256C}};
    QList<User> users{{QByteArrayLiteral("noauth"), AuthProtocol::None, PrivProtocol::None}};
    for (const auto &[an, a] : auths) {
        for (const auto &[pn, p] : privs) {
            users.append({QByteArray(an) + '_' + pn, a, p});
        }
    }
    return users;
}

Credentials SnmpdProcess::credentials(const User &user) const
{
    Credentials c;
    c.version = Version::V3;
    c.user = user.name;
    c.authProtocol = user.auth;
    c.privProtocol = user.priv;
    if (user.auth != AuthProtocol::None) {
        c.authPassphrase = authPassphrase(user);
    }
    if (user.priv != PrivProtocol::None) {
        c.privPassphrase = privPassphrase(user);
    }
    return c;
}

QJsonObject SnmpdProcess::loadFixture(const QString &name)
{
    QFile file(QStringLiteral(NETGATEWAY_SOURCE_DIR "/tests/snmp/data/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

namespace {

QString overrideLine(const QJsonObject &v)
{
    const QString type = v.value(QStringLiteral("type")).toString();
    QString value;
    if (v.contains(QStringLiteral("hex"))) {
        value = QStringLiteral("0x") + v.value(QStringLiteral("hex")).toString();
    } else if (type == QLatin1String("octet_str")) {
        value = u'"' + v.value(QStringLiteral("value")).toString() + u'"';
    } else if (type == QLatin1String("object_id")) {
        value = u'.' + v.value(QStringLiteral("value")).toString();
    } else {
        value = QString::number(v.value(QStringLiteral("value")).toInteger());
    }
    return QStringLiteral("override .%1 %2 %3\n").arg(v.value(QStringLiteral("oid")).toString(), type, value);
}

quint16 freeUdpPort()
{
    QUdpSocket probe;
    if (!probe.bind(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return probe.localPort();
}

} // namespace

bool SnmpdProcess::start(const QJsonObject &fixture, const QList<User> &users, QString *error)
{
    QStringList lines;
    for (const QJsonValue &v : fixture.value(QStringLiteral("values")).toArray()) {
        lines.append(overrideLine(v.toObject()));
    }
    return startWithOverrides(lines, users, error);
}

bool SnmpdProcess::startWithOverrides(const QStringList &overrideLines, const QList<User> &users, QString *error)
{
    const QString snmpd = snmpdPath();
    if (snmpd.isEmpty()) {
        *error = QStringLiteral("snmpd not found (install the Debian package snmpd)");
        return false;
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_dir = std::make_unique<QTemporaryDir>();
        m_port = freeUdpPort();
        QString conf;
        conf += QStringLiteral("agentAddress udp:127.0.0.1:%1\n").arg(m_port);
        conf += QStringLiteral("rocommunity public 127.0.0.1\n");
        for (const User &u : users) {
            QString line = QStringLiteral("createUser %1").arg(QString::fromLatin1(u.name));
            if (u.auth != AuthProtocol::None) {
                line += QStringLiteral(" %1 %2").arg(toString(u.auth), QString::fromLatin1(authPassphrase(u)));
                if (u.priv != PrivProtocol::None) {
                    line += QStringLiteral(" %1 %2").arg(toString(u.priv), QString::fromLatin1(privPassphrase(u)));
                }
            }
            conf += line + u'\n';
            const char *level = u.auth == AuthProtocol::None   ? "noauth"
                                : u.priv == PrivProtocol::None ? "auth"
                                                               : "priv";
            conf += QStringLiteral("rouser %1 %2\n").arg(QString::fromLatin1(u.name), QLatin1String(level));
        }
        for (const QString &line : overrideLines) {
            conf += line.trimmed() + u'\n';
        }
        for (const QString &line : m_extraConfig) {
            conf += line.trimmed() + u'\n';
        }
        QFile file(m_dir->filePath(QStringLiteral("snmpd.conf")));
        if (!file.open(QIODevice::WriteOnly) || file.write(conf.toUtf8()) < 0) {
            *error = QStringLiteral("cannot write snmpd.conf");
            return false;
        }
        file.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SNMP_PERSISTENT_DIR"), m_dir->filePath(QStringLiteral("persist")));
        env.insert(QStringLiteral("MIBS"), QString());
        env.insert(QStringLiteral("MIBDIRS"), m_dir->path());
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(snmpd, {QStringLiteral("-f"), QStringLiteral("-Lf"), m_dir->filePath(QStringLiteral("log")),
                                QStringLiteral("-C"), QStringLiteral("-c"), file.fileName(), QStringLiteral("-I"),
                                QStringLiteral("override,vacm_conf,vacm_vars,usmUser,usmConf,snmpv3mibs,"
                                               "snmpMPDStats,snmpEngine") +
                                    (m_extraModules.isEmpty() ? QString() : QLatin1Char(',') + m_extraModules),
                                QStringLiteral("-n"), QStringLiteral("netgateway-test")});
        if (!m_process.waitForStarted(5000)) {
            *error = QStringLiteral("snmpd did not start: %1").arg(m_process.errorString());
            return false;
        }
        // Ready when a v2c GET is answered.
        SnmpEngine engine;
        engine.start();
        Target t;
        t.address = QHostAddress::LocalHost;
        t.port = m_port;
        t.timeoutMs = 100;
        t.retries = 0;
        bool ready = false;
        bool waiting = false;
        QDeadlineTimer deadline(10000);
        while (!ready && !deadline.hasExpired() && m_process.state() == QProcess::Running) {
            if (!waiting) {
                waiting = true;
                engine.get(t, {*Oid::parse(u"1.3.6.1.2.1.1.1.0")}, [&](const Response &r) {
                    waiting = false;
                    ready = r.outcome == Outcome::Ok;
                });
            }
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        }
        if (ready) {
            return true;
        }
        stop();
    }
    *error = QStringLiteral("snmpd did not answer on its port: %1").arg(log());
    return false;
}

void SnmpdProcess::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
}

QString SnmpdProcess::log() const
{
    if (!m_dir) {
        return {};
    }
    QFile file(m_dir->filePath(QStringLiteral("log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
