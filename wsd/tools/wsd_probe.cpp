// netgateway-wsd-probe: finds WS-Discovery devices (printers announce
// themselves as DPWS devices) from the command line and prints one JSON
// object per line.
//
//   netgateway-wsd-probe [--interface IF]... [--address IP]... [--timeout MS]
//   netgateway-wsd-probe --listen [--interface IF]...
//
// Without --listen it sends a multicast Probe (or directed Probes to the
// given addresses), collects answers for the timeout and exits. With --listen
// it also joins the multicast group for Hello/Bye, prints {"event":"ready"}
// and then reads commands from standard input: "probe", "probe ADDRESS",
// "quit" (or end of input).
#include <netgateway/wsd/WsdMetadata.h>
#include <netgateway/wsd/WsdProbe.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <cstdio>
#include <unistd.h>

using namespace netgateway::wsd;

namespace {

void emitLine(const QJsonObject &o)
{
    std::fprintf(stdout, "%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

QJsonObject describe(const char *event, const WsdDevice &d)
{
    return QJsonObject{
        {QStringLiteral("event"), QLatin1String(event)},
        {QStringLiteral("endpoint"), d.endpoint.endpointReference},
        {QStringLiteral("from"), d.from.toString()},
        {QStringLiteral("types"), QJsonArray::fromStringList(d.endpoint.types)},
        {QStringLiteral("scopes"), QJsonArray::fromStringList(d.endpoint.scopes)},
        {QStringLiteral("xaddrs"), QJsonArray::fromStringList(d.endpoint.xaddrs)},
        {QStringLiteral("metadataVersion"), static_cast<qint64>(d.endpoint.metadataVersion)},
    };
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("WS-Discovery probe of the netgateway"));
    parser.addHelpOption();
    const QCommandLineOption iface(QStringLiteral("interface"), QStringLiteral("interface to probe on"),
                                   QStringLiteral("IF"));
    const QCommandLineOption address(QStringLiteral("address"), QStringLiteral("directed probe to this address"),
                                     QStringLiteral("IP"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("collection window in ms"),
                                     QStringLiteral("MS"), QStringLiteral("3000"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("listen for Hello/Bye, commands on stdin"));
    const QCommandLineOption metadata(QStringLiteral("metadata"),
                                      QStringLiteral("fetch each device's metadata (WS-Transfer Get) from its XAddrs"));
    parser.addOptions({iface, address, timeout, listen, metadata});
    parser.process(app);

    bool ok = false;
    const int ms = parser.value(timeout).toInt(&ok);
    if (!ok || ms < 1 || ms > 60000) {
        std::fprintf(stderr, "netgateway-wsd-probe: --timeout must be 1 to 60000 ms\n");
        return 2;
    }
    QList<QHostAddress> targets;
    for (const QString &a : parser.values(address)) {
        QHostAddress h;
        if (!h.setAddress(a) || h.protocol() != QAbstractSocket::IPv4Protocol) {
            std::fprintf(stderr, "netgateway-wsd-probe: '%s' is not an IPv4 address\n", qPrintable(a));
            return 2;
        }
        targets.append(h);
    }

    WsdProbe::Options options;
    options.interfaces = parser.values(iface);
    options.window = std::chrono::milliseconds(ms);
    options.listenForAnnouncements = parser.isSet(listen);
    WsdProbe probe(options);
    QString error;
    if (!probe.open(error)) {
        std::fprintf(stderr, "netgateway-wsd-probe: %s\n", qPrintable(error));
        return 1;
    }
    WsdMetadataClient metadataClient(options.limits);
    const bool wantMetadata = parser.isSet(metadata);
    const auto fetchMetadata = [&](const WsdDevice &d) {
        if (!wantMetadata || d.endpoint.xaddrs.isEmpty()) {
            return;
        }
        const QString epr = d.endpoint.endpointReference;
        QString refused;
        const bool started = metadataClient.fetch(
            QUrl(d.endpoint.xaddrs.first()), d.from, epr,
            [epr](std::optional<DeviceMetadata> m, const QString &failure) {
                if (!m) {
                    emitLine(QJsonObject{{QStringLiteral("event"), QStringLiteral("metadata-error")},
                                         {QStringLiteral("endpoint"), epr},
                                         {QStringLiteral("error"), failure}});
                    return;
                }
                emitLine(QJsonObject{{QStringLiteral("event"), QStringLiteral("metadata")},
                                     {QStringLiteral("endpoint"), epr},
                                     {QStringLiteral("manufacturer"), m->manufacturer},
                                     {QStringLiteral("model"), m->modelName},
                                     {QStringLiteral("serialNumber"), m->serialNumber},
                                     {QStringLiteral("friendlyName"), m->friendlyName},
                                     {QStringLiteral("firmwareVersion"), m->firmwareVersion},
                                     {QStringLiteral("presentationUrl"), m->presentationUrl}});
            },
            refused);
        if (!started) {
            emitLine(QJsonObject{{QStringLiteral("event"), QStringLiteral("metadata-error")},
                                 {QStringLiteral("endpoint"), epr},
                                 {QStringLiteral("error"), refused}});
        }
    };
    QObject::connect(&probe, &WsdProbe::probeMatch, [&](const WsdDevice &d) {
        emitLine(describe("match", d));
        fetchMetadata(d);
    });
    QObject::connect(&probe, &WsdProbe::resolved, [&](const WsdDevice &d) {
        emitLine(describe("resolved", d));
        fetchMetadata(d);
    });
    QObject::connect(&probe, &WsdProbe::hello, [&](const WsdDevice &d) {
        emitLine(describe("hello", d));
        fetchMetadata(d);
    });
    QObject::connect(&probe, &WsdProbe::bye, [](const WsdDevice &d) { emitLine(describe("bye", d)); });
    const auto done = [&] {
        emitLine(QJsonObject{{QStringLiteral("event"), QStringLiteral("done")},
                             {QStringLiteral("devices"), static_cast<int>(probe.devices().size())},
                             {QStringLiteral("rejected"), probe.rejectedDatagrams()}});
        app.quit();
    };

    if (!parser.isSet(listen)) {
        QObject::connect(&probe, &WsdProbe::finished, &app, done);
        if (targets.isEmpty()) {
            probe.probeMulticast();
        }
        for (const QHostAddress &t : targets) {
            probe.probeAddress(t);
        }
        return app.exec();
    }

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QByteArray pending;
    QObject::connect(&input, &QSocketNotifier::activated, [&] {
        char buffer[512];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            input.setEnabled(false);
            done();
            return;
        }
        pending.append(buffer, static_cast<qsizetype>(n));
        if (pending.size() > 4096) {
            pending.clear();
        }
        qsizetype nl = 0;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(pending.left(nl)).trimmed();
            pending.remove(0, nl + 1);
            if (line == QLatin1String("quit")) {
                done();
                return;
            }
            if (line == QLatin1String("probe")) {
                probe.probeMulticast();
            } else if (line.startsWith(QLatin1String("probe "))) {
                probe.probeAddress(QHostAddress(line.mid(6).trimmed()));
            }
        }
    });
    emitLine(QJsonObject{{QStringLiteral("event"), QStringLiteral("ready")},
                         {QStringLiteral("interfaces"), QJsonArray::fromStringList(probe.interfaceNames())}});
    return app.exec();
}
