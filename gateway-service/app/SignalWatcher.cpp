#include "SignalWatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace netgateway::app {

namespace {

int g_pipe[2] = {-1, -1};

void onSignal(int signal)
{
    const auto byte = static_cast<unsigned char>(signal);
    const ssize_t written = ::write(g_pipe[0], &byte, 1);
    (void)written;
}

void install(int signal)
{
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(signal, &action, nullptr);
}

} // namespace

SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_pipe) != 0) {
        qFatal("cannot create the signal pipe");
    }
    ::fcntl(g_pipe[0], F_SETFL, O_NONBLOCK);
    auto *notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        unsigned char byte = 0;
        // One byte per activation; the notifier fires again while more wait.
        if (::read(g_pipe[1], &byte, 1) != 1) {
            return;
        }
        if (byte == SIGHUP) {
            emit reloadRequested();
        } else {
            emit terminateRequested(byte);
        }
    });
    install(SIGTERM);
    install(SIGINT);
    install(SIGHUP);
    std::signal(SIGPIPE, SIG_IGN);
}

SignalWatcher::~SignalWatcher()
{
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGHUP, SIG_DFL);
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

} // namespace netgateway::app
