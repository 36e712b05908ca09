#include "WindowsServiceHost.h"

#include <windows.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

namespace netgateway::platform::windows {

namespace {

// How the host runs: the SCM's dispatcher gets its own thread, and ServiceMain
// (on a thread the dispatcher creates) only reports status, while `run` - the
// Qt event loop - stays on the process's main thread, where Qt requires it.
enum class Phase {
    Waiting,          // dispatcher started, ServiceMain not yet called
    InService,        // ServiceMain running; the main thread runs the service
    DispatcherFailed, // not started by the SCM, or the SCM refused
};

// The SCM calls ServiceMain and the control handler through C callbacks, so
// the state they share lives here. One service per process.
struct HostState {
    std::mutex mutex;
    std::condition_variable wake;
    std::wstring name;
    ServiceCallbacks callbacks;
    SERVICE_STATUS_HANDLE handle = nullptr;
    SERVICE_STATUS status{};
    std::chrono::steady_clock::time_point phaseStarted;
    Phase phase = Phase::Waiting;
    DWORD dispatcherError = 0;
    bool runFinished = false;
    int exitCode = 0;
};

HostState &state()
{
    static HostState s;
    return s;
}

constexpr DWORD kStartWaitHintMs = 30000;
constexpr DWORD kStopWaitHintMs = 10000;
// While starting or stopping, the checkpoint advances this often, well within
// the wait hint, so the SCM sees progress during a long migration or a stop
// that flushes the database...
constexpr auto kProgressInterval = std::chrono::milliseconds(2000);
// ...but only for so long: a start or stop stuck beyond these limits stops
// reporting progress, so the SCM declares it hung and the recovery settings
// (restart on failure, set by the installer) apply.
constexpr auto kMaxStartPending = std::chrono::minutes(5);
constexpr auto kMaxStopPending = std::chrono::seconds(60);

void setStatusLocked(HostState &s, DWORD currentState, DWORD waitHint)
{
    if (s.status.dwCurrentState != currentState) {
        s.status.dwCheckPoint = 0;
        s.phaseStarted = std::chrono::steady_clock::now();
    }
    s.status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    s.status.dwCurrentState = currentState;
    s.status.dwWaitHint = waitHint;
    if (currentState == SERVICE_RUNNING) {
        // PRESHUTDOWN gives the service time to close the database cleanly
        // before the system shuts down; SHUTDOWN is the fallback.
        s.status.dwControlsAccepted = SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN | SERVICE_ACCEPT_PRESHUTDOWN;
    } else {
        s.status.dwControlsAccepted = 0;
    }
    if (currentState == SERVICE_RUNNING || currentState == SERVICE_STOPPED) {
        s.status.dwCheckPoint = 0;
    } else {
        ++s.status.dwCheckPoint;
    }
    if (s.handle) {
        SetServiceStatus(s.handle, &s.status);
    }
}

DWORD WINAPI controlHandler(DWORD control, DWORD, LPVOID, LPVOID)
{
    HostState &s = state();
    switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN:
    case SERVICE_CONTROL_PRESHUTDOWN: {
        std::function<void()> stop;
        {
            std::lock_guard<std::mutex> lock(s.mutex);
            if (s.status.dwCurrentState != SERVICE_RUNNING) {
                return NO_ERROR; // already stopping, or not started yet
            }
            setStatusLocked(s, SERVICE_STOP_PENDING, kStopWaitHintMs);
            stop = s.callbacks.requestStop;
        }
        if (stop) {
            stop();
        }
        return NO_ERROR;
    }
    case SERVICE_CONTROL_INTERROGATE:
        return NO_ERROR;
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

void WINAPI serviceMain(DWORD, LPWSTR *)
{
    HostState &s = state();
    std::unique_lock<std::mutex> lock(s.mutex);
    s.handle = RegisterServiceCtrlHandlerExW(s.name.c_str(), controlHandler, nullptr);
    if (!s.handle) {
        s.dispatcherError = GetLastError();
        s.phase = Phase::DispatcherFailed;
        s.wake.notify_all();
        return;
    }
    setStatusLocked(s, SERVICE_START_PENDING, kStartWaitHintMs);
    s.phase = Phase::InService;
    s.wake.notify_all();

    // The main thread runs the service; this thread advances the checkpoint of
    // a pending start or stop until `run` returns.
    while (!s.runFinished) {
        s.wake.wait_for(lock, kProgressInterval);
        if (s.runFinished) {
            break;
        }
        const DWORD current = s.status.dwCurrentState;
        const auto pendingFor = std::chrono::steady_clock::now() - s.phaseStarted;
        if ((current == SERVICE_START_PENDING && pendingFor < kMaxStartPending) ||
            (current == SERVICE_STOP_PENDING && pendingFor < kMaxStopPending)) {
            setStatusLocked(s, current, s.status.dwWaitHint);
        }
    }
    if (s.exitCode != 0) {
        // A non-zero exit counts as a failure, so the recovery actions
        // (failureflag set by the installer) restart the service.
        s.status.dwWin32ExitCode = ERROR_SERVICE_SPECIFIC_ERROR;
        s.status.dwServiceSpecificExitCode = static_cast<DWORD>(s.exitCode);
    } else {
        s.status.dwWin32ExitCode = NO_ERROR;
    }
    setStatusLocked(s, SERVICE_STOPPED, 0);
}

} // namespace

HostResult runAsService(const std::wstring &serviceName, ServiceCallbacks callbacks, int &exitCode, std::string &error)
{
    HostState &s = state();
    {
        std::lock_guard<std::mutex> lock(s.mutex);
        s.name = serviceName;
        s.callbacks = std::move(callbacks);
        s.phase = Phase::Waiting;
        s.runFinished = false;
        s.exitCode = 0;
    }
    std::thread dispatcher([&s, serviceName] {
        std::wstring name = serviceName;
        SERVICE_TABLE_ENTRYW table[] = {{name.data(), serviceMain}, {nullptr, nullptr}};
        const BOOL ok = StartServiceCtrlDispatcherW(table);
        const DWORD err = ok ? 0 : GetLastError();
        std::lock_guard<std::mutex> lock(s.mutex);
        if (!ok && s.phase == Phase::Waiting) {
            s.dispatcherError = err;
            s.phase = Phase::DispatcherFailed;
        }
        s.wake.notify_all();
    });

    std::function<int()> run;
    {
        std::unique_lock<std::mutex> lock(s.mutex);
        s.wake.wait(lock, [&s] { return s.phase != Phase::Waiting; });
        if (s.phase == Phase::DispatcherFailed) {
            const DWORD err = s.dispatcherError;
            lock.unlock();
            if (s.handle == nullptr && err != ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
                // ServiceMain could not register its handler; the dispatcher
                // may not return, and the process is about to exit.
                dispatcher.detach();
            } else {
                dispatcher.join();
            }
            if (err == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
                return HostResult::NotAService;
            }
            error = "the service control manager refused the service (Windows error " + std::to_string(err) + ")";
            return HostResult::Failed;
        }
        run = s.callbacks.run;
    }

    const int code = run ? run() : 1;
    {
        std::lock_guard<std::mutex> lock(s.mutex);
        s.exitCode = code;
        s.runFinished = true;
    }
    s.wake.notify_all();
    // The dispatcher returns once ServiceMain has reported SERVICE_STOPPED.
    dispatcher.join();
    exitCode = code;
    return HostResult::Ran;
}

void reportRunning()
{
    HostState &s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    // A stop that arrived during start-up wins: never go back to running.
    if (s.status.dwCurrentState == SERVICE_STOP_PENDING || s.status.dwCurrentState == SERVICE_STOPPED) {
        return;
    }
    setStatusLocked(s, SERVICE_RUNNING, 0);
}

void reportStopPending(unsigned waitHintMs)
{
    HostState &s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.status.dwCurrentState == SERVICE_STOPPED) {
        return;
    }
    setStatusLocked(s, SERVICE_STOP_PENDING, waitHintMs);
}

} // namespace netgateway::platform::windows
