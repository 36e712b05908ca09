#pragma once

// Qt-free Service Control Manager host; compiled only on Windows (and
// type-checked with mingw-w64 on Linux).
#include <functional>
#include <string>

namespace netgateway::platform::windows {

struct ServiceCallbacks {
    // Runs the service until a stop is requested and returns its exit code.
    // Must call reportRunning() once it is ready to serve.
    std::function<int()> run;
    // Called on the SCM's control thread for STOP, SHUTDOWN and PRESHUTDOWN;
    // must only ask `run` to return (thread-safe), never block.
    std::function<void()> requestStop;
};

enum class HostResult {
    Ran,         // ran as a service; exitCode holds the result
    NotAService, // not started by the SCM: run in the foreground instead
    Failed,      // the SCM refused; error says why
};

// Connects the process to the SCM. The SCM's dispatcher runs on a thread of
// its own; `run` runs on the calling (main) thread, where Qt's event loop must
// live. Blocks until the service stops. While the service starts or stops,
// the wait hint's checkpoint advances every 2 s (up to 5 min for a start and
// 60 s for a stop), so a clean stop that flushes the database is not taken
// for a hang; a non-zero exit code is reported as a service-specific error so
// the recovery actions restart the service.
HostResult runAsService(const std::wstring &serviceName, ServiceCallbacks callbacks, int &exitCode, std::string &error);

// Reports SERVICE_RUNNING (called by `run` when start-up is complete).
void reportRunning();
// Reports progress while stopping, with a wait hint in milliseconds, so the
// SCM does not give up on a clean stop that takes a moment.
void reportStopPending(unsigned waitHintMs);

} // namespace netgateway::platform::windows
