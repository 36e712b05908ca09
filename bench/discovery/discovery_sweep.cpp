// Sweeps a /16 with 2 % live simulated printers and compares the gateway's
// SNMP sweep with Debian's braa and onesixtyone on the same range.
//
//   discovery_sweep [--devices N] [--timeout MS] [--retries N] [--rate N] [--no-reference]
//
// fleetsim places its devices on consecutive addresses; the bench moves each
// one (control command `move`) so the live printers are spread evenly over
// 127.70.0.0/16. fleetsim holds the wildcard socket of its port and drops
// requests to addresses without a device, so dead addresses stay silent: no
// ICMP port-unreachable reaches the scanners and no firewall rule is needed.
// The gateway's sweep includes the identification request for every
// responder; braa and onesixtyone send one GET per address and stop there.

#include <netgateway/core/discovery/SnmpSweep.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>

using namespace netgateway;
using namespace netgateway::core::discovery;

namespace {

constexpr quint32 kRangeBase = (127u << 24) | (70u << 16); // 127.70.0.0/16
constexpr quint32 kParkBase = (127u << 24) | (71u << 16) | 1u;
constexpr quint16 kPort = 16170;

QString addressText(quint32 a)
{
    return QHostAddress(a).toString();
}

struct Reference {
    bool ran = false;
    qint64 wallMs = 0;
    int found = 0;
};

Reference runTool(const QString &program, const QStringList &args, const QSet<QString> &live)
{
    Reference r;
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        std::printf("%s: not installed (scripts/install-deps.sh installs it)\n", qPrintable(program));
        return r;
    }
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(path, args);
    if (!p.waitForFinished(600000)) {
        p.kill();
        p.waitForFinished();
    }
    r.wallMs = t.elapsed();
    r.ran = true;
    QSet<QString> seen;
    const QList<QByteArray> lines = p.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        // braa: "127.70.0.1:0ms:.1.3...:value"; onesixtyone: "127.70.0.1 [public] descr"
        const QByteArray first = line.split(' ').first().split(':').first();
        if (live.contains(QString::fromLatin1(first))) {
            seen.insert(QString::fromLatin1(first));
        }
    }
    r.found = static_cast<int>(seen.size());
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int devices = 1311;
    SweepOptions options;
    options.probesPerSecond = 0; // unthrottled
    options.timeoutMs = 1000;
    options.retries = 1;
    options.maxInFlight = 65536;
    options.port = kPort;
    bool reference = true;
    QStringList args = app.arguments().mid(1);
    while (!args.isEmpty()) {
        const QString a = args.takeFirst();
        if (a == QLatin1String("--no-reference")) {
            reference = false;
        } else if (!args.isEmpty() && a == QLatin1String("--devices")) {
            devices = qBound(1, args.takeFirst().toInt(), 65534);
        } else if (!args.isEmpty() && a == QLatin1String("--timeout")) {
            options.timeoutMs = qBound(10, args.takeFirst().toInt(), 60000);
        } else if (!args.isEmpty() && a == QLatin1String("--retries")) {
            options.retries = qBound(0, args.takeFirst().toInt(), 10);
        } else if (!args.isEmpty() && a == QLatin1String("--rate")) {
            options.probesPerSecond = qMax(0, args.takeFirst().toInt());
        } else if (!args.isEmpty() && a == QLatin1String("--in-flight")) {
            options.maxInFlight = qBound(1, args.takeFirst().toInt(), 65536);
        } else {
            std::fprintf(stderr, "usage: discovery_sweep [--devices N] [--timeout MS] [--retries N] [--rate N] "
                                 "[--in-flight N] [--no-reference]\n");
            return 2;
        }
    }

    QTemporaryDir dir;
    QProcess sim;
    sim.setProcessChannelMode(QProcess::SeparateChannels);
    sim.start(QStringLiteral(FLEETSIM_PATH),
              {"--devices", QString::number(devices), "--base", addressText(kParkBase), "--port",
               QString::number(kPort), "--community", "public", "--speed", "0", "--no-dynamics", "--templates",
               QStringLiteral(FLEETSIM_TEMPLATES), "--control", dir.filePath("sim.sock")});
    if (!sim.waitForStarted() || !sim.waitForReadyRead(60000) || !sim.readLine().startsWith("fleetsim ready")) {
        std::fprintf(stderr, "fleetsim did not start: %s\n", sim.readAllStandardError().constData());
        return 1;
    }
    QLocalSocket control;
    control.connectToServer(dir.filePath("sim.sock"));
    if (!control.waitForConnected(5000)) {
        std::fprintf(stderr, "cannot connect to fleetsim's control socket\n");
        return 1;
    }
    // Spread the printers evenly over the /16.
    const quint32 stride = 65534u / static_cast<quint32>(devices);
    QSet<QString> live;
    for (int i = 0; i < devices; ++i) {
        const QString to = addressText(kRangeBase + 1 + static_cast<quint32>(i) * stride);
        live.insert(to);
        control.write(
            QJsonDocument(QJsonObject{{"cmd", "move"}, {"device", i}, {"address", to}}).toJson(QJsonDocument::Compact) +
            '\n');
    }
    control.flush();
    int replies = 0;
    while (replies < devices && control.waitForReadyRead(10000)) {
        while (control.canReadLine()) {
            const QJsonObject r = QJsonDocument::fromJson(control.readLine()).object();
            if (!r.value("ok").toBool()) {
                std::fprintf(stderr, "move failed: %s\n", qPrintable(r.value("error").toString()));
                return 1;
            }
            ++replies;
        }
    }
    if (replies != devices) {
        std::fprintf(stderr, "fleetsim answered %d of %d move commands\n", replies, devices);
        return 1;
    }

    QString error;
    std::optional<TargetSpec> range = TargetSpec::parse(QStringLiteral("127.70.0.0/16"), error);
    snmp::Credentials credentials;
    credentials.community = "public";
    SnmpSweep sweep(TargetIterator({*range}, {}), {credentials}, options);
    QEventLoop loop;
    QObject::connect(&sweep, &SnmpSweep::finished, &loop, &QEventLoop::quit);
    QElapsedTimer wall;
    wall.start();
    if (!sweep.start(&error)) {
        std::fprintf(stderr, "sweep: %s\n", qPrintable(error));
        return 1;
    }
    loop.exec();
    const qint64 sweepMs = wall.elapsed();
    QSet<QString> found;
    for (const SweepDevice &d : sweep.devices()) {
        found.insert(d.address);
    }
    int missed = 0;
    for (const QString &a : std::as_const(live)) {
        missed += found.contains(a) ? 0 : 1;
    }
    const SweepSummary &s = sweep.summary();
    std::printf("range 127.70.0.0/16: %llu addresses, %d live printers (every %u-th address), timeout %d ms, "
                "%d retry, rate %s\n",
                static_cast<unsigned long long>(s.scanned), devices, stride, options.timeoutMs, options.retries,
                options.probesPerSecond == 0 ? "unthrottled" : qPrintable(QString::number(options.probesPerSecond)));
    std::printf("netgateway sweep (probe + identification): wall %lld ms, found %d, missed %d, unreachable %d, "
                "non-printers %d\n",
                static_cast<long long>(sweepMs), s.found, missed, s.unreachable, s.nonPrinters);

    if (reference) {
        const Reference braa =
            runTool(QStringLiteral("braa"),
                    {"-t", QString::number(qMax(1, options.timeoutMs / 1000)), "-r", QString::number(options.retries),
                     QStringLiteral("public@127.70.0.0-127.70.255.255:%1:.1.3.6.1.2.1.1.2.0").arg(kPort)},
                    live);
        if (braa.ran) {
            std::printf("braa (one GET per address): wall %lld ms, found %d, missed %d; netgateway/braa wall ratio "
                        "%.2f\n",
                        static_cast<long long>(braa.wallMs), braa.found, devices - braa.found,
                        static_cast<double>(sweepMs) / static_cast<double>(qMax<qint64>(1, braa.wallMs)));
        }
        const Reference o161 = runTool(QStringLiteral("onesixtyone"),
                                       {"-p", QString::number(kPort), "-w", "0", "127.70.0.0/16", "public"}, live);
        if (o161.ran) {
            std::printf("onesixtyone (one GET per address, -w 0): wall %lld ms, found %d, missed %d; "
                        "netgateway/onesixtyone wall ratio %.2f\n",
                        static_cast<long long>(o161.wallMs), o161.found, devices - o161.found,
                        static_cast<double>(sweepMs) / static_cast<double>(qMax<qint64>(1, o161.wallMs)));
        }
    }
    sim.terminate();
    sim.waitForFinished(10000);
    return missed == 0 ? 0 : 3;
}
