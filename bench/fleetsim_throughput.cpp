// Measures how many SNMP PDUs per second fleetsim answers on loopback and how
// much of fleetsim's CPU each one costs. Starts fleetsim itself, drives it with
// a windowed recvmmsg/sendmmsg client spread over every simulated address, and
// prints one line per mode (SNMPv2c GET, SNMPv3 authPriv SHA-256/AES-128 GET).
//
//   fleetsim_throughput [--devices N] [--seconds S] [--window W] [--threads T] [--mode v2c|v3|both]

#include "Ber.h"
#include "Usm.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace fleetsim;

namespace {

double nowSec()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double processCpuSeconds(qint64 pid)
{
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const std::size_t close = s.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::vector<std::string> fields;
    std::size_t pos = close + 2;
    while (pos < s.size()) {
        std::size_t sp = s.find(' ', pos);
        fields.push_back(s.substr(pos, sp - pos));
        if (sp == std::string::npos)
            break;
        pos = sp + 1;
    }
    if (fields.size() < 13)
        return 0;
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    return (std::stod(fields[11]) + std::stod(fields[12])) / ticks; // utime + stime
}

double selfCpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

const Oid kQuery = {1, 3, 6, 1, 2, 1, 43, 10, 2, 1, 4, 1, 1}; // prtMarkerLifeCount

std::string v2cRequest(std::int32_t reqId)
{
    BerWriter w;
    std::size_t m = w.begin(tag::Sequence);
    w.integer(1);
    w.octets("public");
    Pdu p;
    p.requestId = reqId;
    p.varbinds.push_back({kQuery, Value::null()});
    encodePdu(w, p);
    w.end(m);
    return w.buffer();
}

std::string v3Request(std::int32_t reqId, const std::string &engineId, std::uint32_t boots, std::uint32_t time,
                      const std::string &authKu, const std::string &privKu)
{
    const std::string authKey = usm::localizeKey(usm::Auth::Sha256, authKu, engineId);
    const std::string privKey = usm::localizedPrivKey(usm::Auth::Sha256, usm::Priv::Aes128, privKu, engineId);
    BerWriter sw;
    std::size_t sp = sw.begin(tag::Sequence);
    sw.octets(engineId);
    sw.octets("");
    Pdu p;
    p.requestId = reqId;
    p.varbinds.push_back({kQuery, Value::null()});
    encodePdu(sw, p);
    sw.end(sp);
    std::string cipher, privParams;
    usm::encrypt(usm::Priv::Aes128, privKey, boots, time, 0x5EED0000ull + static_cast<std::uint32_t>(reqId),
                 sw.buffer(), cipher, privParams);
    BerWriter w;
    std::size_t m = w.begin(tag::Sequence);
    w.integer(3);
    std::size_t g = w.begin(tag::Sequence);
    w.integer(reqId);
    w.integer(65507);
    w.octets(std::string(1, '\x03'));
    w.integer(3);
    w.end(g);
    std::size_t so = w.begin(tag::OctetString);
    std::size_t ss = w.begin(tag::Sequence);
    w.octets(engineId);
    w.integer(boots);
    w.integer(time);
    w.octets("bench");
    w.octets(std::string(24, '\0'));
    w.octets(privParams);
    w.end(ss);
    w.end(so);
    w.octets(cipher);
    w.end(m);
    std::string msg = w.buffer();
    // Authentication parameters: the only run of 24 zero octets after the user name.
    const std::size_t at = msg.find(std::string("\x04\x05"
                                                "bench\x04\x18",
                                                9));
    const std::size_t off = at + 9;
    msg.replace(off, 24, usm::hmac(usm::Auth::Sha256, authKey, msg));
    return msg;
}

struct Result {
    double pdus = 0;
    double seconds = 0;
    double simCpu = 0;
    double clientCpu = 0;
    std::uint64_t lost = 0;
};

Result drive(const std::vector<std::string> &requests, const std::vector<sockaddr_in> &targets, int window,
             double seconds)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    int buf = 8 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof buf);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &buf, sizeof buf);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local);
    constexpr int kBatch = 64;
    mmsghdr out[kBatch], in[kBatch];
    iovec outIov[kBatch], inIov[kBatch];
    static char inBuf[kBatch][2048];
    std::size_t next = 0;
    std::uint64_t received = 0, sent = 0;
    int inflight = 0;
    const double start = nowSec();
    double lastProgress = start;
    Result r;
    while (nowSec() - start < seconds) {
        // Top up the window.
        while (inflight < window) {
            const int n = std::min(kBatch, window - inflight);
            for (int i = 0; i < n; ++i) {
                const std::size_t k = (next + static_cast<std::size_t>(i)) % requests.size();
                outIov[i] = {const_cast<char *>(requests[k].data()), requests[k].size()};
                std::memset(&out[i], 0, sizeof out[i]);
                out[i].msg_hdr.msg_name = const_cast<sockaddr_in *>(&targets[k]);
                out[i].msg_hdr.msg_namelen = sizeof(sockaddr_in);
                out[i].msg_hdr.msg_iov = &outIov[i];
                out[i].msg_hdr.msg_iovlen = 1;
            }
            const int s = sendmmsg(fd, out, static_cast<unsigned>(n), 0);
            if (s <= 0)
                break;
            next += static_cast<std::size_t>(s);
            inflight += s;
            sent += static_cast<std::uint64_t>(s);
        }
        pollfd pfd{fd, POLLIN, 0};
        if (poll(&pfd, 1, 20) <= 0) {
            if (nowSec() - lastProgress > 0.2) { // lost datagrams: reopen the window
                r.lost += static_cast<std::uint64_t>(inflight);
                inflight = 0;
                lastProgress = nowSec();
            }
            continue;
        }
        for (int i = 0; i < kBatch; ++i) {
            inIov[i] = {inBuf[i], sizeof inBuf[i]};
            std::memset(&in[i], 0, sizeof in[i]);
            in[i].msg_hdr.msg_iov = &inIov[i];
            in[i].msg_hdr.msg_iovlen = 1;
        }
        const int n = recvmmsg(fd, in, kBatch, MSG_DONTWAIT, nullptr);
        if (n > 0) {
            received += static_cast<std::uint64_t>(n);
            inflight = std::max(0, inflight - n);
            lastProgress = nowSec();
        }
    }
    r.seconds = nowSec() - start;
    r.pdus = static_cast<double>(received);
    ::close(fd);
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int devices = 2000, window = 256, threads = 1;
    double seconds = 5;
    QString mode = "both";
    QString fleetsimPath = FLEETSIM_PATH;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == "--devices")
            devices = args[i + 1].toInt();
        else if (args[i] == "--seconds")
            seconds = args[i + 1].toDouble();
        else if (args[i] == "--window")
            window = args[i + 1].toInt();
        else if (args[i] == "--threads")
            threads = args[i + 1].toInt();
        else if (args[i] == "--mode")
            mode = args[i + 1];
        else if (args[i] == "--fleetsim")
            fleetsimPath = args[i + 1];
        else {
            std::fprintf(stderr, "usage: fleetsim_throughput [--devices N] [--seconds S] [--window W] [--threads T] "
                                 "[--mode v2c|v3|both] [--fleetsim PATH]\n");
            return 2;
        }
    }
    if (devices < 1 || devices > 60000 || window < 1 || seconds <= 0) {
        std::fprintf(stderr, "fleetsim_throughput: bad arguments\n");
        return 2;
    }
    QTemporaryDir dir;
    const int port = 30000 + static_cast<int>(getpid() % 20000);
    const QString sock = dir.filePath("ctl.sock");
    QProcess sim;
    sim.start(fleetsimPath, {"--devices", QString::number(devices), "--base", "127.40.0.1", "--port",
                             QString::number(port), "--speed", "60", "--threads", QString::number(threads), "--v3-user",
                             "bench:SHA-256:bench-auth-pass:AES-128:bench-priv-pass", "--control", sock});
    if (!sim.waitForStarted() || !sim.waitForReadyRead(60000) || !sim.readLine().startsWith("fleetsim ready")) {
        std::fprintf(stderr, "fleetsim did not start: %s\n", sim.readAllStandardError().constData());
        return 1;
    }
    QLocalSocket ctl;
    ctl.connectToServer(sock);
    if (!ctl.waitForConnected(5000)) {
        std::fprintf(stderr, "cannot connect to fleetsim control socket\n");
        return 1;
    }
    std::vector<sockaddr_in> targets(static_cast<std::size_t>(devices));
    for (int i = 0; i < devices; ++i) {
        sockaddr_in &t = targets[static_cast<std::size_t>(i)];
        t = {};
        t.sin_family = AF_INET;
        t.sin_port = htons(static_cast<std::uint16_t>(port));
        t.sin_addr.s_addr = htonl((127u << 24 | 40u << 16 | 1u) + static_cast<std::uint32_t>(i));
    }
    std::printf("fleetsim_throughput: %d devices, window %d, %g s per mode, %d fleetsim thread(s), %ld CPUs\n", devices,
                window, seconds, threads, sysconf(_SC_NPROCESSORS_ONLN));
    for (const QString &m : {QStringLiteral("v2c"), QStringLiteral("v3")}) {
        if (mode != "both" && mode != m)
            continue;
        std::vector<std::string> requests;
        requests.reserve(static_cast<std::size_t>(devices));
        const std::string authKu = usm::passwordToKey(usm::Auth::Sha256, "bench-auth-pass");
        const std::string privKu = usm::passwordToKey(usm::Auth::Sha256, "bench-priv-pass");
        for (int i = 0; i < devices; ++i) {
            if (m == "v2c") {
                requests.push_back(v2cRequest(1000 + i));
                continue;
            }
            ctl.write(QJsonDocument(QJsonObject{{"cmd", "device"}, {"device", i}}).toJson(QJsonDocument::Compact) +
                      '\n');
            ctl.flush();
            while (!ctl.canReadLine())
                ctl.waitForReadyRead(5000);
            const QJsonObject d = QJsonDocument::fromJson(ctl.readLine()).object();
            requests.push_back(
                v3Request(1000 + i, QByteArray::fromHex(d.value("engineId").toString().toLatin1()).toStdString(),
                          static_cast<std::uint32_t>(d.value("engineBoots").toInteger()),
                          static_cast<std::uint32_t>(d.value("engineTime").toInteger()), authKu, privKu));
        }
        drive(requests, targets, window, 0.5); // warm-up: per-device key localization, caches
        const double simCpu0 = processCpuSeconds(sim.processId());
        const double selfCpu0 = selfCpuSeconds();
        Result r = drive(requests, targets, window, seconds);
        r.simCpu = processCpuSeconds(sim.processId()) - simCpu0;
        r.clientCpu = selfCpuSeconds() - selfCpu0;
        const double usPerPdu = r.simCpu * 1e6 / std::max(1.0, r.pdus);
        std::printf("%-4s GET: %9.0f PDUs/s  fleetsim CPU %.2f us/PDU (%.0f%% of one core, capacity %.0f PDUs/s per "
                    "core)  client CPU %.2f us/PDU  lost %llu\n",
                    qPrintable(m), r.pdus / r.seconds, usPerPdu, 100.0 * r.simCpu / r.seconds,
                    usPerPdu > 0 ? 1e6 / usPerPdu : 0.0, r.clientCpu * 1e6 / std::max(1.0, r.pdus),
                    static_cast<unsigned long long>(r.lost));
        std::fflush(stdout);
    }
    sim.terminate();
    sim.waitForFinished(10000);
    return 0;
}
