// SNMP polling cost against the fleet simulator on loopback, in one run and
// against the same agents:
//   1. the gateway's SnmpEngine: SNMPv2c GET and SNMPv3 authPriv
//      (SHA-256/AES-128) GET, PDUs/s and gateway CPU per PDU (getrusage of
//      this process only; fleetsim runs in its own process, pinned to the
//      other core when there are two);
//   2. Net-SNMP's command-line tool snmpget, one process per request
//      (CPU of the children from getrusage(RUSAGE_CHILDREN), process start
//      included);
//   3. Debian's prometheus-snmp-exporter with a hand-written module for a few
//      Printer-MIB OIDs, scraped over loopback HTTP for many targets in
//      parallel (CPU from /proc/<pid>/stat);
//   4. one GET to each of 10,000 distinct agents (127.x addresses) with the
//      descriptor count before and after.
// PDUs are counted by the simulator (its "stats" control command), so every
// client is measured the same way.
//
//   5. the same v2c and v3 engine runs at one fixed rate (60,000 PDUs/s), and
//      v2c and v3 runs alternated several times: the median of the pairwise
//      differences is the SNMPv3 cost figure.
//
// Usage: snmp_fleet_bench [REQUESTS] [IN_FLIGHT] [DEVICES]   (defaults 200000, 512, 10000)
// SNMP_BENCH_ENGINE_ONLY=1 skips 2-4; SNMP_BENCH_ONLY=TEXT runs only the engine
// lines whose label contains TEXT (=LABEL: exactly that one).
#include <netgateway/snmp/SnmpEngine.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace netgateway::snmp;

namespace {

constexpr quint32 kBase = (127u << 24) | (60u << 16) | 1u; // 127.60.0.1
const char *kUser = "bench";
const char *kAuthPass = "bench-auth-pass";
const char *kPrivPass = "bench-priv-pass";
const char *kLifeCount = "1.3.6.1.2.1.43.10.2.1.4.1.1";

double cpuSeconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int openDescriptors()
{
    return static_cast<int>(
        QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::System).size());
}

double processCpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QByteArray s = f.readAll();
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command.
    if (fields.size() < 13) {
        return 0;
    }
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

QString address(int device)
{
    return QHostAddress(kBase + static_cast<quint32>(device)).toString();
}

class Fleetsim {
public:
    bool start(const QString &program, int devices, QString *error)
    {
        QFile users(m_dir.filePath(QStringLiteral("users")));
        if (!users.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot write the users file");
            return false;
        }
        users.write(QStringLiteral("%1:SHA-256:%2:AES:%3\n").arg(kUser, kAuthPass, kPrivPass).toUtf8());
        users.close();
        QString launcher = program;
        QStringList args;
        const QString taskset = QStandardPaths::findExecutable(QStringLiteral("taskset"));
        if (!taskset.isEmpty() && sysconf(_SC_NPROCESSORS_ONLN) >= 2) {
            launcher = taskset; // the simulator on core 1, this process on core 0
            args << QStringLiteral("-c") << QStringLiteral("1") << program;
        }
        for (int attempt = 0; attempt < 5; ++attempt) {
            port = static_cast<quint16>(20000 + QRandomGenerator::global()->bounded(30000));
            m_process.start(launcher, QStringList(args)
                                          << "--devices" << QString::number(devices) << "--base" << address(0)
                                          << "--port" << QString::number(port) << "--no-dynamics"
                                          << "--v3-users-file" << users.fileName() << "--control"
                                          << m_dir.filePath(QStringLiteral("control")));
            if (!m_process.waitForStarted() ||
                !QTest::qWaitFor([&] { return m_process.canReadLine() || m_process.state() != QProcess::Running; },
                                 120000)) {
                break;
            }
            if (m_process.canReadLine()) {
                std::printf("%s", m_process.readLine().constData());
                m_control.connectToServer(m_dir.filePath(QStringLiteral("control")));
                return m_control.waitForConnected(5000);
            }
            m_process.waitForFinished();
        }
        *error = QStringLiteral("fleetsim did not start: ") + QString::fromUtf8(m_process.readAllStandardError());
        return false;
    }

    ~Fleetsim()
    {
        m_process.terminate();
        m_process.waitForFinished(10000);
    }

    qint64 requests()
    {
        m_control.write("{\"cmd\":\"stats\"}\n");
        m_control.flush();
        if (!QTest::qWaitFor([&] { return m_control.canReadLine(); }, 10000)) {
            return -1;
        }
        return QJsonDocument::fromJson(m_control.readLine()).object().value(QStringLiteral("requests")).toInteger();
    }

    quint16 port = 0;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QLocalSocket m_control;
};

void line(const char *label, qint64 pdus, double seconds, double cpu, const char *extra = "")
{
    std::printf("%-46s %8lld PDUs %9.0f PDUs/s %8.2f us CPU/PDU %s\n", label, static_cast<long long>(pdus),
                double(pdus) / seconds, cpu * 1e6 / double(std::max<qint64>(1, pdus)), extra);
    std::fflush(stdout);
}

// Returns the engine's CPU time per PDU in microseconds (0 when skipped).
double engineRun(const char *label, Fleetsim &sim, Credentials credentials, int requests, int inFlight, int spread,
                 int packetsPerSecond = 0, bool print = true)
{
    const QByteArray only = qgetenv("SNMP_BENCH_ONLY");
    // SNMP_BENCH_ONLY=text runs the lines containing text; =label exactly that line.
    if (!only.isEmpty() && (only.startsWith('=') ? only.mid(1) != label : !QByteArray(label).contains(only))) {
        return 0;
    }
    EngineOptions options;
    options.maxInFlight = inFlight;
    options.packetsPerSecond = packetsPerSecond;
    SnmpEngine engine(options);
    engine.start();
    const QList<Oid> oids{*Oid::parse(QString::fromLatin1(kLifeCount))};
    std::vector<Target> targets(static_cast<size_t>(spread));
    for (int i = 0; i < spread; ++i) {
        Target &t = targets[static_cast<size_t>(i)];
        t.address = QHostAddress(kBase + static_cast<quint32>(i));
        t.port = sim.port;
        t.timeoutMs = 2000;
        t.retries = 2;
        t.credentials = credentials;
    }
    // Warm up: discovery, time synchronisation and key localization per agent.
    int warm = 0;
    for (const Target &t : targets) {
        engine.get(t, oids, [&](const Response &) { ++warm; });
    }
    while (warm < spread) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    int done = 0;
    int failed = 0;
    int submitted = 0;
    const qint64 before = sim.requests();
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    QElapsedTimer wall;
    wall.start();
    // Keep the queue topped up rather than queueing everything at once, as a
    // poller does.
    std::function<void(const Response &)> onDone;
    auto submitOne = [&] {
        engine.get(targets[static_cast<size_t>(submitted % spread)], oids, onDone);
        ++submitted;
    };
    onDone = [&](const Response &r) {
        ++done;
        failed += r.outcome == Outcome::Ok ? 0 : 1;
        if (submitted < requests) {
            submitOne();
        }
    };
    while (submitted < std::min(requests, inFlight * 2)) {
        submitOne();
    }
    while (done < requests) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds(RUSAGE_SELF) - cpu0;
    const qint64 pdus = sim.requests() - before;
    char extra[128];
    std::snprintf(extra, sizeof extra, "(%d GETs, %d failed, %llu retransmitted, %d agents)", requests, failed,
                  static_cast<unsigned long long>(engine.statistics().retransmissions), spread);
    if (print) {
        line(label, pdus, seconds, cpu, extra);
    }
    return cpu * 1e6 / double(std::max<qint64>(1, pdus));
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// The SNMPv3 target is a difference of two noisy figures: v2c and v3 runs
// alternate so that both see the same machine state, and the medians are
// printed with the median of the pairwise differences.
void v3Difference(Fleetsim &sim, const Credentials &v2c, const Credentials &v3, int requests, int inFlight, int pairs)
{
    std::vector<double> a;
    std::vector<double> b;
    std::vector<double> diff;
    for (int i = 0; i < pairs; ++i) {
        a.push_back(engineRun("pair SNMPv2c", sim, v2c, requests, inFlight, 1000, 0, false));
        b.push_back(engineRun("pair SNMPv3", sim, v3, requests, inFlight, 1000, 0, false));
        diff.push_back(b.back() - a.back());
    }
    std::printf("SNMPv3 authPriv minus v2c, 1000 agents, %d alternating pairs of %d GETs: v2c median %.2f us, "
                "v3 median %.2f us, difference median %+.2f us (min %+.2f, max %+.2f)\n",
                pairs, requests, median(a), median(b), median(diff), *std::min_element(diff.begin(), diff.end()),
                *std::max_element(diff.begin(), diff.end()));
    std::fflush(stdout);
}

void toolRun(const char *label, Fleetsim &sim, const QStringList &args, int runs)
{
    const QString snmpget = QStandardPaths::findExecutable(QStringLiteral("snmpget"));
    if (snmpget.isEmpty()) {
        std::printf("%-46s skipped: snmpget not installed (package snmp)\n", label);
        return;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MIBS"), QString());
    const qint64 before = sim.requests();
    const double cpu0 = cpuSeconds(RUSAGE_CHILDREN);
    QElapsedTimer wall;
    wall.start();
    int failed = 0;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(snmpget, QStringList(args) << QStringLiteral("%1:%2").arg(address(i % 100)).arg(sim.port)
                                           << QString::fromLatin1(kLifeCount));
        p.waitForFinished(10000);
        failed += p.exitCode() == 0 ? 0 : 1;
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds(RUSAGE_CHILDREN) - cpu0;
    const qint64 pdus = sim.requests() - before;
    char extra[128];
    std::snprintf(extra, sizeof extra, "(%d processes, %d failed, %.0f us CPU per process)", runs, failed,
                  cpu * 1e6 / runs);
    line(label, pdus, seconds, cpu, extra);
}

void exporterRun(Fleetsim &sim, int scrapes, int devices)
{
    const char *label = "prometheus-snmp-exporter, v2c, 32 parallel";
    const QString exporter = QStandardPaths::findExecutable(QStringLiteral("prometheus-snmp-exporter"));
    if (exporter.isEmpty()) {
        std::printf("%-46s skipped: not installed (package prometheus-snmp-exporter)\n", label);
        return;
    }
    QTemporaryDir dir;
    QFile yml(dir.filePath(QStringLiteral("snmp.yml")));
    if (!yml.open(QIODevice::WriteOnly)) {
        return;
    }
    // A hand-written module (no generator): one GET of five Printer-MIB /
    // Host-Resources objects per scrape.
    yml.write("printer:\n"
              "  version: 2\n"
              "  auth:\n"
              "    community: public\n"
              "  timeout: 2s\n"
              "  retries: 2\n"
              "  get:\n"
              "  - 1.3.6.1.2.1.43.10.2.1.4.1.1\n"
              "  - 1.3.6.1.2.1.43.11.1.1.9.1.1\n"
              "  - 1.3.6.1.2.1.43.11.1.1.8.1.1\n"
              "  - 1.3.6.1.2.1.25.3.2.1.5.1\n"
              "  - 1.3.6.1.2.1.25.3.5.1.1.1\n"
              "  metrics:\n"
              "  - name: prtMarkerLifeCount\n"
              "    oid: 1.3.6.1.2.1.43.10.2.1.4.1.1\n"
              "    type: counter\n"
              "  - name: prtMarkerSuppliesLevel\n"
              "    oid: 1.3.6.1.2.1.43.11.1.1.9.1.1\n"
              "    type: gauge\n"
              "  - name: prtMarkerSuppliesMaxCapacity\n"
              "    oid: 1.3.6.1.2.1.43.11.1.1.8.1.1\n"
              "    type: gauge\n"
              "  - name: hrDeviceStatus\n"
              "    oid: 1.3.6.1.2.1.25.3.2.1.5.1\n"
              "    type: gauge\n"
              "  - name: hrPrinterStatus\n"
              "    oid: 1.3.6.1.2.1.25.3.5.1.1.1\n"
              "    type: gauge\n");
    yml.close();
    quint16 httpPort = 0;
    {
        QUdpSocket probe; // a free port number; TCP and UDP spaces overlap enough on loopback
        probe.bind(QHostAddress::LocalHost, 0);
        httpPort = probe.localPort();
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(exporter, {QStringLiteral("--config.file=") + yml.fileName(),
                             QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(httpPort),
                             QStringLiteral("--log.level=error")});
    if (!process.waitForStarted()) {
        std::printf("%-46s skipped: cannot start\n", label);
        return;
    }
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < 6; ++i) { // Qt opens at most 6 connections per host and manager
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    }
    auto url = [&](int device) {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/snmp?module=printer&target=%2:%3")
                        .arg(httpPort)
                        .arg(address(device))
                        .arg(sim.port));
    };
    bool up = false;
    (void)QTest::qWaitFor(
        [&] {
            QNetworkReply *reply = managers[0]->get(QNetworkRequest(url(0)));
            (void)QTest::qWaitFor([&] { return reply->isFinished(); }, 2000);
            up = reply->error() == QNetworkReply::NoError && reply->readAll().contains("prtMarkerLifeCount");
            reply->deleteLater();
            return up || process.state() != QProcess::Running;
        },
        20000);
    if (!up) {
        std::printf("%-46s skipped: not answering (%s)\n", label, process.readAll().constData());
        return;
    }
    const int parallel = 32;
    int started = 0;
    int done = 0;
    int failed = 0;
    const qint64 before = sim.requests();
    const double cpu0 = processCpuSeconds(process.processId());
    QElapsedTimer wall;
    wall.start();
    std::function<void()> startOne = [&] {
        const int n = started++;
        QNetworkReply *reply = managers[static_cast<size_t>(n % 6)]->get(QNetworkRequest(url(n % devices)));
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            ++done;
            failed += reply->error() == QNetworkReply::NoError ? 0 : 1;
            reply->deleteLater();
            if (started < scrapes) {
                startOne();
            }
        });
    };
    while (started < std::min(parallel, scrapes)) {
        startOne();
    }
    while (done < scrapes) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = processCpuSeconds(process.processId()) - cpu0;
    const qint64 pdus = sim.requests() - before;
    char extra[128];
    std::snprintf(extra, sizeof extra, "(%d scrapes of 5 OIDs, %d failed, exporter CPU from /proc)", scrapes, failed);
    line(label, pdus, seconds, cpu, extra);
    process.terminate();
    process.waitForFinished(5000);
}

void manyAgents(Fleetsim &sim, int devices)
{
    const int fdsBefore = openDescriptors();
    EngineOptions options;
    options.maxInFlight = 2000;
    SnmpEngine engine(options);
    engine.start();
    const QList<Oid> oids{*Oid::parse(QString::fromLatin1(kLifeCount))};
    int done = 0;
    int ok = 0;
    QSet<QString> distinct;
    const qint64 before = sim.requests();
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    QElapsedTimer wall;
    wall.start();
    int maxFds = fdsBefore;
    for (int i = 0; i < devices; ++i) {
        Target t;
        t.address = QHostAddress(kBase + static_cast<quint32>(i));
        t.port = sim.port;
        t.timeoutMs = 3000;
        t.retries = 2;
        engine.get(t, oids, [&, i](const Response &r) {
            ++done;
            if (r.outcome == Outcome::Ok && !r.varBinds.isEmpty()) {
                ++ok;
                distinct.insert(address(i));
            }
        });
    }
    while (done < devices) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        maxFds = std::max(maxFds, openDescriptors());
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds(RUSAGE_SELF) - cpu0;
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    char extra[200];
    std::snprintf(extra, sizeof extra, "(%d of %d agents answered; fds before %d, max during %d, after %d; limit %llu)",
                  ok, devices, fdsBefore, maxFds, openDescriptors(), static_cast<unsigned long long>(limit.rlim_cur));
    line("SnmpEngine v2c GET, each of N distinct agents", sim.requests() - before, seconds, cpu, extra);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int requests = argc > 1 ? std::max(1000, atoi(argv[1])) : 200000;
    const int inFlight = argc > 2 ? std::max(1, atoi(argv[2])) : 512;
    const int devices = argc > 3 ? std::clamp(atoi(argv[3]), 100, 100000) : 10000;
    if (sysconf(_SC_NPROCESSORS_ONLN) >= 2) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(0, &set);
        sched_setaffinity(0, sizeof set, &set);
    }
    Fleetsim sim;
    QString error;
    if (!sim.start(QStringLiteral(FLEETSIM_PATH), devices, &error)) {
        std::fprintf(stderr, "snmp_fleet_bench: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("Net-SNMP %s; %d GETs per engine run, %d in flight\n", qPrintable(netSnmpVersion()), requests,
                inFlight);
    Credentials v2c;
    Credentials v3;
    v3.version = Version::V3;
    v3.user = kUser;
    v3.authProtocol = AuthProtocol::SHA256;
    v3.authPassphrase = kAuthPass;
    v3.privProtocol = PrivProtocol::AES128;
    v3.privPassphrase = kPrivPass;
    engineRun("SnmpEngine SNMPv2c GET", sim, v2c, requests, inFlight, 1000);
    engineRun("SnmpEngine SNMPv3 authPriv SHA-256/AES-128 GET", sim, v3, requests, inFlight, 1000);
    engineRun("SnmpEngine SNMPv3 authPriv, one agent", sim, v3, requests, inFlight, 1);
    // The same two at one fixed rate (the 60,000 PDUs/s): unpaced, the
    // engine takes fewer datagrams per wake-up from the slower v3 simulator,
    // so the difference above also holds event-loop overhead.
    engineRun("SnmpEngine SNMPv2c GET at 60,000/s", sim, v2c, requests, inFlight, 1000, 60000);
    engineRun("SnmpEngine SNMPv3 authPriv GET at 60,000/s", sim, v3, requests, inFlight, 1000, 60000);
    if (qEnvironmentVariableIsEmpty("SNMP_BENCH_ONLY")) {
        v3Difference(sim, v2c, v3, requests, inFlight, 9);
    }
    if (qEnvironmentVariableIsSet("SNMP_BENCH_ENGINE_ONLY")) {
        return 0;
    }
    toolRun("snmpget (Net-SNMP) v2c, one process per GET", sim, {"-v2c", "-c", "public", "-t", "2", "-r", "1", "-Oqv"},
            300);
    toolRun("snmpget (Net-SNMP) v3 authPriv, one per GET", sim,
            {"-v3", "-l", "authPriv", "-u", kUser, "-a", "SHA-256", "-A", kAuthPass, "-x", "AES", "-X", kPrivPass, "-t",
             "2", "-r", "1", "-Oqv"},
            300);
    exporterRun(sim, 5000, devices);
    manyAgents(sim, devices);
    return 0;
}
