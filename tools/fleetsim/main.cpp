// fleetsim: a fleet of simulated SNMP printers on loopback addresses.

#include "Control.h"
#include "UdpServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace fleetsim;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &c, 1);
}

int usageError(const QString &msg)
{
    std::fprintf(stderr, "fleetsim: %s\n", qPrintable(msg));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fleetsim"));
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Simulated fleet of SNMP printers answering on 127.x.y.z addresses."));
    p.addHelpOption();
    p.addOptions({
        {"devices", "Number of simulated printers (1..100000).", "N", "10"},
        {"base", "First device address in 127.0.0.0/8.", "ADDR", "127.20.0.1"},
        {"port", "UDP port every device answers on.", "PORT", "16100"},
        {"community", "Read community (v1/v2c).", "C", "public"},
        {"write-community", "Write community (SET of sysName/sysLocation/sysContact/prtGeneralReset); empty disables.",
         "C", "private"},
        {"v3-user", "SNMPv3 user NAME[:AUTH:AUTHPASS[:PRIV:PRIVPASS]] (repeatable).", "SPEC"},
        {"v3-users-file", "File with one --v3-user SPEC per line (keeps passphrases out of the process list).", "PATH"},
        {"speed", "Simulated seconds per real second (0 freezes the clock).", "F", "1"},
        {"seed", "Seed of the deterministic simulation.", "S", "1"},
        {"control", "Unix socket path for JSON-lines control commands.", "PATH"},
        {"templates", "Directory of *.tmpl printer templates.", "DIR", QStringLiteral(FLEETSIM_TEMPLATE_DIR)},
        {"template", "Use only this template name (repeatable); devices cycle through the selected ones.", "NAME"},
        {"threads", "Network threads (each with its own SO_REUSEPORT socket).", "N", "1"},
        {"no-dynamics", "Keep counters, supplies and alerts still (only control commands change them)."},
        {"exec", "Control command (JSON object) applied before the ready line (repeatable).", "JSON"},
        {"snmpd-overrides", "Print snmpd.conf override lines with device INDEX's values and exit.", "INDEX"},
    });
    p.process(app);

    FleetConfig cfg;
    bool ok = false;
    cfg.devices = p.value("devices").toInt(&ok);
    if (!ok || cfg.devices < 1 || cfg.devices > 100000)
        return usageError(QStringLiteral("--devices must be 1..100000"));
    if (!parseAddress(p.value("base").toStdString(), cfg.base) || (cfg.base >> 24) != 127)
        return usageError(QStringLiteral("--base must be an address in 127.0.0.0/8"));
    if (((cfg.base + static_cast<std::uint32_t>(cfg.devices) - 1) >> 24) != 127 ||
        cfg.base + static_cast<std::uint32_t>(cfg.devices) - 1 < cfg.base)
        return usageError(QStringLiteral("--base plus --devices leaves 127.0.0.0/8"));
    const int port = p.value("port").toInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return usageError(QStringLiteral("--port must be 1..65535"));
    cfg.port = static_cast<std::uint16_t>(port);
    cfg.community = p.value("community").toStdString();
    cfg.writeCommunity = p.value("write-community").toStdString();
    cfg.speed = p.value("speed").toDouble(&ok);
    if (!ok || cfg.speed < 0 || cfg.speed > 100000)
        return usageError(QStringLiteral("--speed must be 0..100000"));
    cfg.seed = p.value("seed").toULongLong(&ok);
    if (!ok)
        return usageError(QStringLiteral("--seed must be a non-negative integer"));
    cfg.dynamics = !p.isSet("no-dynamics");
    QStringList userSpecs = p.values("v3-user");
    if (p.isSet("v3-users-file")) {
        QFile f(p.value("v3-users-file"));
        if (f.size() > (1 << 20) || !f.open(QIODevice::ReadOnly | QIODevice::Text))
            return usageError(QStringLiteral("cannot read --v3-users-file %1").arg(f.fileName()));
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QString l = QString::fromUtf8(line).trimmed();
            if (!l.isEmpty() && !l.startsWith('#'))
                userSpecs << l;
        }
    }
    for (const QString &spec : userSpecs) {
        User u;
        std::string err;
        if (!parseUser(spec.toStdString(), u, err))
            return usageError(QString::fromStdString(err));
        cfg.users.push_back(std::move(u));
    }
    std::vector<Template> all;
    std::string err;
    if (!loadTemplateDir(p.value("templates").toStdString(), all, err))
        return usageError(QString::fromStdString(err));
    const QStringList only = p.values("template");
    for (Template &t : all)
        if (only.isEmpty() || only.contains(QString::fromStdString(t.name)))
            cfg.templates.push_back(std::move(t));
    if (cfg.templates.empty())
        return usageError(QStringLiteral("no template matches --template"));
    const int threads = p.value("threads").toInt(&ok);
    if (!ok || threads < 1 || threads > 16)
        return usageError(QStringLiteral("--threads must be 1..16"));

    Fleet fleet(std::move(cfg));
    for (const QString &json : p.values("exec")) {
        const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
        if (!doc.isObject())
            return usageError(QStringLiteral("--exec needs a JSON object: %1").arg(json));
        const QJsonObject reply = executeCommand(fleet, doc.object());
        if (!reply.value("ok").toBool())
            return usageError(QStringLiteral("--exec %1: %2").arg(json, reply.value("error").toString()));
    }
    if (p.isSet("snmpd-overrides")) {
        const int index = p.value("snmpd-overrides").toInt(&ok);
        if (!ok || index < 0 || static_cast<std::size_t>(index) >= fleet.size())
            return usageError(QStringLiteral("--snmpd-overrides needs a device index below --devices"));
        for (const std::string &line : snmpdOverrides(fleet.device(static_cast<std::size_t>(index))))
            std::printf("%s\n", line.c_str());
        return 0;
    }
    ControlServer control(fleet);
    if (p.isSet("control")) {
        QString cerr;
        if (!control.listen(p.value("control"), cerr))
            return usageError(cerr);
    }
    UdpServer server(fleet, fleet.config().port, threads);
    if (!server.start(err)) {
        std::fprintf(stderr, "fleetsim: %s\n", err.c_str());
        return 1;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return 1;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    QSocketNotifier sn(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&sn, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });

    const FleetConfig &c = fleet.config();
    std::printf("fleetsim ready: %d devices on %s-%s port %u (%zu templates, %zu v3 users, speed %g, control %s)\n",
                c.devices, addressToString(c.base).c_str(),
                addressToString(c.base + static_cast<std::uint32_t>(c.devices) - 1).c_str(), c.port, c.templates.size(),
                c.users.size(), c.speed, p.isSet("control") ? qPrintable(p.value("control")) : "none");
    std::fflush(stdout);
    const int rc = QCoreApplication::exec();
    server.stop();
    return rc;
}
