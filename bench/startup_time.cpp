// Measures how long netgatewayd takes from process start to READY=1 (as
// systemd sees it) with an empty data directory and with an existing one, and
// how long a clean stop takes after SIGTERM.
// Usage: bench_startup [RUNS]
#include "DaemonProcess.h"
#include "TempDataDir.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <csignal>
#include <cstdio>

using netgateway::test::DaemonProcess;
using netgateway::test::TempDataDir;

namespace {

struct Figures {
    QList<double> startMs;
    QList<double> stopMs;
};

void print(const char *label, QList<double> values)
{
    std::sort(values.begin(), values.end());
    const double median = values.at(values.size() / 2);
    std::printf("%-28s min %7.1f ms   median %7.1f ms   max %7.1f ms   (n=%lld)\n", label, values.first(), median,
                values.last(), static_cast<long long>(values.size()));
}

bool measure(const QString &dir, Figures &figures)
{
    DaemonProcess daemon(dir);
    QElapsedTimer timer;
    timer.start();
    if (!daemon.start()) {
        std::fprintf(stderr, "netgatewayd did not start: %s\n", daemon.standardError().constData());
        return false;
    }
    figures.startMs << timer.nsecsElapsed() / 1e6;
    timer.restart();
    daemon.signal(SIGTERM);
    if (!daemon.waitForExit(10000) || daemon.exitCode() != 0) {
        return false;
    }
    figures.stopMs << timer.nsecsElapsed() / 1e6;
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 20;
    Figures empty;
    Figures existing;
    TempDataDir kept;
    for (int i = 0; i < runs; ++i) {
        TempDataDir fresh;
        if (!measure(fresh.path(), empty) || !measure(kept.path(), existing)) {
            return 1;
        }
    }
    std::printf("netgatewayd start-up and stop, %d runs each\n", runs);
    print("start, empty data dir", empty.startMs);
    print("start, existing data dir", existing.startMs);
    print("stop after SIGTERM", existing.stopMs + empty.stopMs);
    return 0;
}
