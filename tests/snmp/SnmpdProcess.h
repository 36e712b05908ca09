#pragma once

#include <netgateway/snmp/Credentials.h>

#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

// Runs Debian's snmpd on a free loopback port with its own configuration in a
// temporary directory: `override` lines serve a fixture's printer values, and
// one SNMPv3 user exists per authentication/privacy combination. Readiness is
// detected by polling an SNMP GET, never by sleeping.
class SnmpdProcess {
public:
    struct User {
        QByteArray name;
        netgateway::snmp::AuthProtocol auth = netgateway::snmp::AuthProtocol::None;
        netgateway::snmp::PrivProtocol priv = netgateway::snmp::PrivProtocol::None;
    };

    SnmpdProcess();
    ~SnmpdProcess();

    static QString snmpdPath();
    // Every combination of the six auth and six privacy protocols (plus none).
    static QList<User> allUsers();
    static QByteArray authPassphrase(const User &user) { return "auth-" + user.name + "-pass"; }
    static QByteArray privPassphrase(const User &user) { return "priv-" + user.name + "-pass"; }
    netgateway::snmp::Credentials credentials(const User &user) const;

    // Reads tests/snmp/data/<name> ("values" array).
    static QJsonObject loadFixture(const QString &name);

    bool start(const QJsonObject &fixture, const QList<User> &users, QString *error);
    // Same, with ready-made snmpd.conf `override` lines (e.g. from fleetsim
    // --snmpd-overrides) instead of a fixture.
    bool startWithOverrides(const QStringList &overrideLines, const QList<User> &users, QString *error);
    void stop();
    // Before start(): more snmpd.conf lines (e.g. rwcommunity, rwuser) and
    // more MIB modules to load (e.g. "system_mib" for a writable system group).
    void setExtraConfig(const QStringList &lines, const QString &modules = {})
    {
        m_extraConfig = lines;
        m_extraModules = modules;
    }
    quint16 port() const { return m_port; }
    QString log() const;

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QStringList m_extraConfig;
    QString m_extraModules;
};
