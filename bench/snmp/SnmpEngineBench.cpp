// Prints the SNMP engine's own cost per PDU: GETs through one SnmpEngine to a
// Debian snmpd on loopback (started here with the printer fixture), v2c and
// SNMPv3 authPriv (SHA-256/AES-128). snmpd is single-threaded and usually the
// bottleneck for throughput; the gateway-side CPU per PDU (getrusage of this
// process, which does not include snmpd) is the figure that matters here.
//
// Usage: snmp_engine_bench [REQUESTS] [IN_FLIGHT] [v2c|v3]   (defaults 20000, 256, both)
#include "SnmpdProcess.h"

#include <netgateway/snmp/SnmpEngine.h>

#include <QCoreApplication>
#include <QElapsedTimer>

#include <sys/resource.h>

#include <cstdio>

using namespace netgateway::snmp;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

void run(const char *label, const Target &target, int requests, int inFlight, int packetsPerSecond = 0)
{
    EngineOptions options;
    options.maxInFlight = inFlight;
    options.packetsPerSecond = packetsPerSecond;
    SnmpEngine engine(options);
    engine.start();
    const QList<Oid> oids{*Oid::parse(u"1.3.6.1.2.1.43.10.2.1.4.1.1")};
    // Warm up: discovery, time synchronisation, key localization.
    bool warm = false;
    engine.get(target, oids, [&](const Response &) { warm = true; });
    while (!warm) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    int done = 0;
    int failed = 0;
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < requests; ++i) {
        engine.get(target, oids, [&](const Response &r) {
            ++done;
            failed += r.outcome == Outcome::Ok ? 0 : 1;
        });
    }
    while (done < requests) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpu0;
    std::printf("%-34s %7d PDUs  %8.0f PDUs/s  %6.2f us gateway CPU/PDU  %d failed  %llu retransmitted\n", label,
                requests, requests / seconds, cpu * 1e6 / requests, failed,
                static_cast<unsigned long long>(engine.statistics().retransmissions));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int requests = argc > 1 ? std::max(100, atoi(argv[1])) : 20000;
    const int inFlight = argc > 2 ? std::max(1, atoi(argv[2])) : 256;
    SnmpdProcess snmpd;
    const SnmpdProcess::User user{"sha256_aes128", AuthProtocol::SHA256, PrivProtocol::AES128};
    QString error;
    if (!snmpd.start(SnmpdProcess::loadFixture(QStringLiteral("printer-kyocera.json")), {user}, &error)) {
        std::fprintf(stderr, "snmp_engine_bench: %s\n", qPrintable(error));
        return 1;
    }
    Target target;
    target.address = QHostAddress::LocalHost;
    target.port = snmpd.port();
    target.timeoutMs = 2000;
    target.retries = 2;
    std::printf("Net-SNMP %s, snmpd on 127.0.0.1:%u, %d requests in flight\n", qPrintable(netSnmpVersion()),
                target.port, inFlight);
    // One version alone lets a profiler attribute the costs of each.
    const QByteArray only = argc > 3 ? QByteArray(argv[3]) : QByteArray();
    if (only != "v3") {
        run("SNMPv2c GET", target, requests, inFlight);
    }
    if (only != "v2c") {
        target.credentials = snmpd.credentials(user);
        run("SNMPv3 authPriv SHA-256/AES-128 GET", target, requests, inFlight);
    }
    // snmpd answers v3 at about half its v2c rate, so the engine above takes
    // fewer answers per wake-up for v3; at one rate both runs compare.
    if (only.isEmpty()) {
        Target plain = target;
        plain.credentials = Credentials{};
        run("SNMPv2c GET at 25,000/s", plain, requests, inFlight, 25000);
        run("SNMPv3 authPriv GET at 25,000/s", target, requests, inFlight, 25000);
    }
    return 0;
}
