#pragma once

namespace netgateway::core {

// Process exit codes of netgatewayd, documented in the README. Distinct codes
// let a service manager or installer tell the cases apart.
enum class ExitCode : int {
    Ok = 0,
    Failure = 1,         // unexpected error; the log says what
    Usage = 2,           // bad command line or configuration file
    AlreadyRunning = 3,  // another netgatewayd holds the data directory
    DatabaseTooNew = 4,  // database written by a newer release
    DatabaseDamaged = 5, // integrity_check failed or the file is not a database
    DataDirectoryUnusable = 6,
    VaultUnavailable = 7, // key file missing, damaged or too widely readable
};

constexpr int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace netgateway::core
