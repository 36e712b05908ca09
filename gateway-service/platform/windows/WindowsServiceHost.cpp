#include "WindowsServiceHost.h"

#include <windows.h>

#include <mutex>
#include <utility>

namespace netgateway::platform::windows {

namespace {

// The SCM calls ServiceMain and the control handler through C callbacks, so
// the state they share lives here. One service per process.
struct HostState {
    std::mutex mutex;
    std::wstring name;
    ServiceCallbacks callbacks;
    SERVICE_STATUS_HANDLE handle = nullptr;
    SERVICE_STATUS status{};
    int exitCode = 0;
};

HostState &state()
{
    static HostState s;
    return s;
}

constexpr DWORD kStartWaitHintMs = 30000;
constexpr DWORD kStopWaitHintMs = 10000;

void setStatusLocked(HostState &s, DWORD currentState, DWORD waitHint)
{
    s.status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    s.status.dwCurrentState = currentState;
    s.status.dwWaitHint = waitHint;
    if (currentState == SERVICE_START_PENDING) {
        s.status.dwControlsAccepted = 0;
    } else {
        // PRESHUTDOWN gives the service time to close the database cleanly
        // before the system shuts down; SHUTDOWN is the fallback.
        s.status.dwControlsAccepted = SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN | SERVICE_ACCEPT_PRESHUTDOWN;
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
    std::function<int()> run;
    {
        std::lock_guard<std::mutex> lock(s.mutex);
        s.handle = RegisterServiceCtrlHandlerExW(s.name.c_str(), controlHandler, nullptr);
        if (!s.handle) {
            return;
        }
        setStatusLocked(s, SERVICE_START_PENDING, kStartWaitHintMs);
        run = s.callbacks.run;
    }
    const int code = run ? run() : 1;
    std::lock_guard<std::mutex> lock(s.mutex);
    s.exitCode = code;
    if (code != 0) {
        s.status.dwWin32ExitCode = ERROR_SERVICE_SPECIFIC_ERROR;
        s.status.dwServiceSpecificExitCode = static_cast<DWORD>(code);
    } else {
        s.status.dwWin32ExitCode = NO_ERROR;
    }
    setStatusLocked(s, SERVICE_STOPPED, 0);
}

} // namespace

HostResult runAsService(const std::wstring &serviceName, ServiceCallbacks callbacks, int &exitCode,
                        std::string &error)
{
    HostState &s = state();
    {
        std::lock_guard<std::mutex> lock(s.mutex);
        s.name = serviceName;
        s.callbacks = std::move(callbacks);
    }
    std::wstring name = serviceName;
    SERVICE_TABLE_ENTRYW table[] = {{name.data(), serviceMain}, {nullptr, nullptr}};
    if (!StartServiceCtrlDispatcherW(table)) {
        const DWORD err = GetLastError();
        if (err == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
            return HostResult::NotAService;
        }
        error = "StartServiceCtrlDispatcher failed with Windows error " + std::to_string(err);
        return HostResult::Failed;
    }
    std::lock_guard<std::mutex> lock(s.mutex);
    exitCode = s.exitCode;
    return HostResult::Ran;
}

void reportRunning()
{
    HostState &s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    setStatusLocked(s, SERVICE_RUNNING, 0);
}

void reportStopPending(unsigned waitHintMs)
{
    HostState &s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    setStatusLocked(s, SERVICE_STOP_PENDING, waitHintMs);
}

} // namespace netgateway::platform::windows
