// LAN traffic of polling: a fleetsim fleet read the way the scheduler reads it
// at the fastest cadence for one simulated day (an alert poll every minute,
// the alert table walked only when the markers changed, counters and supplies
// hourly), counting every datagram on the wire in both directions at a
// counting relay between the reader and fleetsim (UDP payload + 28 bytes of
// IPv4/UDP header).
//
//   polling_lan_traffic [--devices N] [--days D] [--version v2c|v3]
#include <netgateway/core/polling/SnmpDeviceReader.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QNetworkDatagram>
#include <QProcess>
#include <QTemporaryDir>
#include <QUdpSocket>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

using namespace netgateway;
using namespace netgateway::core::polling;

namespace {

constexpr qint64 kIpUdpHeader = 28;

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

// Relays one device: the reader talks to `front`, the relay to fleetsim
// through `back`; every datagram is counted once, as it crosses the LAN.
struct Relay {
    QUdpSocket front;
    QUdpSocket back;
    QHostAddress device;
    quint16 devicePort = 0;
    QHostAddress client;
    quint16 clientPort = 0;
};

struct Counts {
    qint64 bytes = 0;
    qint64 datagrams = 0;
    void add(qint64 payload)
    {
        bytes += payload + kIpUdpHeader;
        ++datagrams;
    }
};

class FixedCredentials final : public CredentialSource {
public:
    explicit FixedCredentials(snmp::Credentials c) : m_c(std::move(c)) {}
    std::optional<snmp::Credentials> credentials(std::int64_t, QString &) override { return m_c; }
    void invalidate(std::int64_t) override {}

private:
    snmp::Credentials m_c;
};

int fail(const char *what)
{
    std::fprintf(stderr, "polling_lan_traffic: %s\n", what);
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int devices = 20;
    int days = 1;
    QString version = QStringLiteral("v3");
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--devices")) {
            devices = std::clamp(args[i + 1].toInt(), 1, 500);
        } else if (args[i] == QLatin1String("--days")) {
            days = std::clamp(args[i + 1].toInt(), 1, 30);
        } else if (args[i] == QLatin1String("--version")) {
            version = args[i + 1];
        } else {
            return fail("usage: polling_lan_traffic [--devices N] [--days D] [--version v2c|v3]");
        }
    }
    if (version != QLatin1String("v2c") && version != QLatin1String("v3")) {
        return fail("--version is v2c or v3");
    }

    QTemporaryDir dir;
    QFile users(dir.filePath(QStringLiteral("users.txt")));
    if (!dir.isValid() || !users.open(QIODevice::WriteOnly)) {
        return fail("cannot create a temporary directory");
    }
    users.write("bench:SHA-256:bench-auth-pass:AES-128:bench-priv-pass\n");
    users.close();
    const quint32 pid = static_cast<quint32>(QCoreApplication::applicationPid());
    const quint32 simBase = (127u << 24) | ((60u + pid % 100u) << 16) | (1u << 8) | 1u;
    const quint32 relayBase = (127u << 24) | ((160u + pid % 90u) << 16) | (1u << 8) | 1u;
    const quint16 port = static_cast<quint16>(20000 + pid % 30000);
    const quint16 relayPort = static_cast<quint16>(port + 1); // fleetsim holds the wildcard socket on `port`
    QProcess sim;
    sim.start(QStringLiteral(FLEETSIM_PATH),
              {QStringLiteral("--devices"), QString::number(devices), QStringLiteral("--base"),
               QHostAddress(simBase).toString(), QStringLiteral("--port"), QString::number(port),
               QStringLiteral("--speed"), QStringLiteral("0"), QStringLiteral("--seed"), QStringLiteral("11"),
               QStringLiteral("--v3-users-file"), users.fileName(), QStringLiteral("--control"),
               dir.filePath(QStringLiteral("ctl.sock"))});
    if (!sim.waitForStarted() ||
        !waitUntil([&] { return sim.canReadLine() || sim.state() == QProcess::NotRunning; }, 60000) ||
        !sim.canReadLine()) {
        return fail(
            qPrintable(QStringLiteral("fleetsim did not start: ") + QString::fromUtf8(sim.readAllStandardError())));
    }
    sim.readLine();
    QLocalSocket control;
    control.connectToServer(dir.filePath(QStringLiteral("ctl.sock")));
    if (!control.waitForConnected(5000)) {
        return fail("cannot connect to fleetsim's control socket");
    }
    const auto command = [&](const QJsonObject &cmd) {
        control.write(QJsonDocument(cmd).toJson(QJsonDocument::Compact) + '\n');
        control.flush();
        waitUntil([&] { return control.canReadLine(); }, 10000);
        return QJsonDocument::fromJson(control.readLine()).object();
    };

    Counts statusCounts;
    Counts walkCounts;
    Counts counterCounts;
    Counts *current = &statusCounts;
    std::vector<std::unique_ptr<Relay>> relays;
    for (int i = 0; i < devices; ++i) {
        auto relay = std::make_unique<Relay>();
        relay->device = QHostAddress(simBase + static_cast<quint32>(i));
        relay->devicePort = port;
        if (!relay->front.bind(QHostAddress(relayBase + static_cast<quint32>(i)), relayPort) ||
            !relay->back.bind(QHostAddress(QStringLiteral("127.0.0.1")), 0)) {
            return fail("cannot bind the counting relay");
        }
        Relay *r = relay.get();
        QObject::connect(&r->front, &QUdpSocket::readyRead, [r, &current] {
            while (r->front.hasPendingDatagrams()) {
                const QNetworkDatagram d = r->front.receiveDatagram(65536);
                r->client = d.senderAddress();
                r->clientPort = static_cast<quint16>(d.senderPort());
                current->add(d.data().size());
                r->back.writeDatagram(d.data(), r->device, r->devicePort);
            }
        });
        QObject::connect(&r->back, &QUdpSocket::readyRead, [r, &current] {
            while (r->back.hasPendingDatagrams()) {
                const QNetworkDatagram d = r->back.receiveDatagram(65536);
                current->add(d.data().size());
                r->front.writeDatagram(d.data(), r->client, r->clientPort);
            }
        });
        relays.push_back(std::move(relay));
    }

    snmp::Credentials credentials;
    if (version == QLatin1String("v3")) {
        credentials.version = snmp::Version::V3;
        credentials.user = "bench";
        credentials.authProtocol = snmp::AuthProtocol::SHA256;
        credentials.authPassphrase = "bench-auth-pass";
        credentials.privProtocol = snmp::PrivProtocol::AES128;
        credentials.privPassphrase = "bench-priv-pass";
    }
    FixedCredentials source(credentials);
    snmp::SnmpEngine engine;
    QString error;
    if (!engine.start(&error)) {
        return fail(qPrintable(error));
    }
    SnmpReaderOptions options;
    options.port = relayPort;
    options.timeoutMs = 3000;
    options.retries = 2;
    SnmpDeviceReader reader(engine, source, options);

    std::vector<QByteArray> markers(static_cast<std::size_t>(devices));
    std::vector<DeviceTarget> targets;
    for (int i = 0; i < devices; ++i) {
        targets.push_back(DeviceTarget{i + 1, QHostAddress(relayBase + static_cast<quint32>(i)).toString()});
    }
    qint64 statusReads = 0;
    qint64 walks = 0;
    qint64 counterReads = 0;
    qint64 failures = 0;
    QElapsedTimer elapsed;
    elapsed.start();
    const int minutes = 1440 * days;
    for (int minute = 0; minute < minutes; ++minute) {
        command({{"cmd", "advance"}, {"seconds", 60}});
        // Alert polls; a walk follows only when the marker changed.
        int pending = devices;
        current = &statusCounts;
        std::vector<int> changed;
        for (int i = 0; i < devices; ++i) {
            reader.readStatus(targets[static_cast<std::size_t>(i)], [&, i](StatusResult r) {
                --pending;
                ++statusReads;
                if (r.outcome != ReadOutcome::Ok) {
                    ++failures;
                } else if (r.alertMarker != markers[static_cast<std::size_t>(i)]) {
                    markers[static_cast<std::size_t>(i)] = r.alertMarker;
                    changed.push_back(i);
                }
            });
        }
        if (!waitUntil([&] { return pending == 0; }, 60000)) {
            return fail("status reads did not finish");
        }
        current = &walkCounts;
        pending = static_cast<int>(changed.size());
        for (int i : changed) {
            reader.walkAlertTable(targets[static_cast<std::size_t>(i)], [&](AlertTableResult r) {
                --pending;
                ++walks;
                failures += r.outcome == ReadOutcome::Ok ? 0 : 1;
            });
        }
        if (!waitUntil([&] { return pending == 0; }, 60000)) {
            return fail("alert walks did not finish");
        }
        if (minute % 60 == 0) {
            current = &counterCounts;
            pending = devices;
            for (int i = 0; i < devices; ++i) {
                reader.readCounters(targets[static_cast<std::size_t>(i)], [&](CountersResult r) {
                    --pending;
                    ++counterReads;
                    failures += r.outcome == ReadOutcome::Ok ? 0 : 1;
                });
            }
            if (!waitUntil([&] { return pending == 0; }, 60000)) {
                return fail("counter reads did not finish");
            }
        }
    }
    const QJsonObject stats = command({{"cmd", "stats"}});
    const double perDeviceDay = 1.0 / devices / days / 1000.0;
    const qint64 total = statusCounts.bytes + walkCounts.bytes + counterCounts.bytes;
    std::printf("polling_lan_traffic: %d devices, %d simulated day(s), SNMP %s, %.1f s wall\n", devices, days,
                qPrintable(version), static_cast<double>(elapsed.elapsed()) / 1000.0);
    std::printf("  alert polls  %8lld reads  %9lld datagrams  %10.1f KB/device/day\n",
                static_cast<long long>(statusReads), static_cast<long long>(statusCounts.datagrams),
                static_cast<double>(statusCounts.bytes) * perDeviceDay);
    std::printf("  alert walks  %8lld walks  %9lld datagrams  %10.1f KB/device/day (%.1f walks/device/day)\n",
                static_cast<long long>(walks), static_cast<long long>(walkCounts.datagrams),
                static_cast<double>(walkCounts.bytes) * perDeviceDay, static_cast<double>(walks) / devices / days);
    std::printf("  counters     %8lld reads  %9lld datagrams  %10.1f KB/device/day\n",
                static_cast<long long>(counterReads), static_cast<long long>(counterCounts.datagrams),
                static_cast<double>(counterCounts.bytes) * perDeviceDay);
    std::printf("  TOTAL %.1f KB per device per day (1 KB = 1000 bytes; UDP payload + 28 bytes IPv4/UDP per "
                "datagram, both directions); target <= 2000, vendor 23520\n",
                static_cast<double>(total) * perDeviceDay);
    std::printf("  failed reads %lld; fleetsim saw %lld requests\n", static_cast<long long>(failures),
                static_cast<long long>(stats.value(QStringLiteral("requests")).toInteger()));
    control.disconnectFromServer();
    sim.terminate();
    sim.waitForFinished(10000);
    return failures == 0 ? 0 : 2;
}
