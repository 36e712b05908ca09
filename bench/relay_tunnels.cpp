// Holds N concurrent tunnels through the relay to a local echo origin and
// prints the relay's resident memory before, with the tunnels open and per
// tunnel, then the throughput through the tunnels.
//
// The relay runs in a child process (this program started with --relay) so
// its memory is measured alone; the parent is the origin and the devices.
//
//   relay_tunnels [tunnels=1000] [bytes per tunnel=65536] [single-tunnel MiB=256]

#include <netgateway/core/Clock.h>
#include <netgateway/relay/RelayServer.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace netgateway;

namespace {

void raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

qint64 rssKiB(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
    }
    return -1;
}

int runRelay(quint16 originPort, int maxConnections)
{
    core::SystemClock clock;
    relay::RelayOptions options;
    options.listenAddress = QHostAddress::LocalHost;
    options.port = 0;
    options.maxConnections = maxConnections;
    options.maxConnectionsPerClient = maxConnections;
    options.allowedOrigin = [originPort] { return relay::Origin{QStringLiteral("127.0.0.1"), originPort}; };
    relay::RelayServer server(options, clock);
    QString error;
    if (!server.listen(error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("PORT %u\n", server.serverPort());
    std::fflush(stdout);
    return QCoreApplication::exec();
}

class EchoOrigin : public QTcpServer {
protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->write(socket->readAll()); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
};

// User plus system CPU time of a process, in milliseconds.
qint64 cpuMs(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray text = f.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13) {
        return -1;
    }
    const long ticks = sysconf(_SC_CLK_TCK);
    return (fields.at(11).toLongLong() + fields.at(12).toLongLong()) * 1000 / (ticks > 0 ? ticks : 100);
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    raiseFileLimit();
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 4 && args.at(1) == QLatin1String("--relay")) {
        return runRelay(static_cast<quint16>(args.at(2).toUInt()), args.at(3).toInt());
    }
    const int tunnels = args.size() > 1 ? args.at(1).toInt() : 1000;
    const qint64 perTunnel = args.size() > 2 ? args.at(2).toLongLong() : 64 * 1024;
    const qint64 singleMiB = args.size() > 3 ? args.at(3).toLongLong() : 256;

    EchoOrigin origin;
    if (!origin.listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "cannot listen for the echo origin\n");
        return 1;
    }
    QProcess relayProcess;
    relayProcess.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    relayProcess.start(
        QCoreApplication::applicationFilePath(),
        {QStringLiteral("--relay"), QString::number(origin.serverPort()), QString::number(tunnels + 16)});
    quint16 relayPort = 0;
    if (!waitUntil(
            [&] {
                const QByteArray line = relayProcess.readLine();
                if (line.startsWith("PORT ")) {
                    relayPort = static_cast<quint16>(line.mid(5).trimmed().toUInt());
                }
                return relayPort != 0 || relayProcess.state() == QProcess::NotRunning;
            },
            10000) ||
        relayPort == 0) {
        std::fprintf(stderr, "the relay did not start\n");
        return 1;
    }
    const qint64 pid = relayProcess.processId();
    const qint64 before = rssKiB(pid);

    // Open the tunnels.
    QElapsedTimer timer;
    timer.start();
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    std::vector<QByteArray> received(static_cast<size_t>(tunnels));
    int established = 0;
    const QByteArray request = "CONNECT 127.0.0.1:" + QByteArray::number(origin.serverPort()) + " HTTP/1.1\r\n\r\n";
    for (int i = 0; i < tunnels; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *s = socket.get();
        QByteArray *buffer = &received[static_cast<size_t>(i)];
        QObject::connect(s, &QTcpSocket::readyRead, s, [s, buffer, &established] {
            const bool wasOpen = buffer->contains("\r\n\r\n");
            *buffer += s->readAll();
            if (!wasOpen && buffer->contains("\r\n\r\n")) {
                if (buffer->startsWith("HTTP/1.1 200")) {
                    ++established;
                }
                buffer->remove(0, buffer->indexOf("\r\n\r\n") + 4);
            }
        });
        s->connectToHost(QHostAddress::LocalHost, relayPort);
        s->write(request);
        clients.push_back(std::move(socket));
        if (i % 64 == 63) {
            QCoreApplication::processEvents();
        }
    }
    if (!waitUntil([&] { return established == tunnels; }, 60000)) {
        std::fprintf(stderr, "only %d of %d tunnels were established\n", established, tunnels);
        return 1;
    }
    const qint64 openMs = timer.elapsed();
    const qint64 held = rssKiB(pid);

    // Every tunnel echoes perTunnel bytes at once.
    for (auto &b : received) {
        b.clear();
    }
    const QByteArray block(perTunnel, 'x');
    const qint64 cpuBeforeParallel = cpuMs(pid);
    timer.restart();
    for (auto &c : clients) {
        c->write(block);
    }
    const auto allEchoed = [&] {
        for (const auto &b : received) {
            if (b.size() < perTunnel) {
                return false;
            }
        }
        return true;
    };
    if (!waitUntil(allEchoed, 120000)) {
        std::fprintf(stderr, "not all tunnels echoed their bytes\n");
        return 1;
    }
    const qint64 parallelMs = std::max<qint64>(timer.elapsed(), 1);
    const qint64 afterTraffic = rssKiB(pid);
    const qint64 cpuParallel = cpuMs(pid) - cpuBeforeParallel;

    // One tunnel, a long stream.
    QTcpSocket *one = clients.front().get();
    received.front().clear();
    const qint64 total = singleMiB * 1024 * 1024;
    const QByteArray chunk(256 * 1024, 'y');
    qint64 sent = 0;
    qint64 totalGot = 0;
    const qint64 cpuBeforeStream = cpuMs(pid);
    timer.restart();
    const bool streamed = waitUntil(
        [&] {
            while (sent < total && one->bytesToWrite() < 1024 * 1024) {
                one->write(chunk);
                sent += chunk.size();
            }
            totalGot += received.front().size();
            received.front().clear();
            return totalGot >= total;
        },
        120000);
    const qint64 singleMs = std::max<qint64>(timer.elapsed(), 1);
    const qint64 afterStream = rssKiB(pid);
    const qint64 cpuStream = cpuMs(pid) - cpuBeforeStream;

    std::printf("tunnels: %d open in %lld ms\n", tunnels, static_cast<long long>(openMs));
    std::printf("relay RSS: before %lld KiB, with %d tunnels %lld KiB, per tunnel %.1f KiB\n",
                static_cast<long long>(before), tunnels, static_cast<long long>(held),
                static_cast<double>(held - before) / tunnels);
    std::printf("parallel echo: %d x %lld bytes each way in %lld ms = %.1f MiB/s through the relay (both directions)\n",
                tunnels, static_cast<long long>(perTunnel), static_cast<long long>(parallelMs),
                2.0 * static_cast<double>(tunnels) * static_cast<double>(perTunnel) / 1048576.0 /
                    (static_cast<double>(parallelMs) / 1000.0));
    std::printf("relay RSS after parallel traffic: %lld KiB; relay CPU %lld ms\n", static_cast<long long>(afterTraffic),
                static_cast<long long>(cpuParallel));
    if (streamed) {
        std::printf("single tunnel: %lld MiB echoed in %lld ms = %.1f MiB/s each way\n",
                    static_cast<long long>(singleMiB), static_cast<long long>(singleMs),
                    static_cast<double>(singleMiB) / (static_cast<double>(singleMs) / 1000.0));
    } else {
        std::printf("single tunnel: stream did not complete\n");
    }
    std::printf("relay RSS after the stream: %lld KiB; relay CPU %lld ms\n", static_cast<long long>(afterStream),
                static_cast<long long>(cpuStream));

    clients.clear();
    relayProcess.kill();
    relayProcess.waitForFinished(5000);
    return streamed ? 0 : 1;
}
