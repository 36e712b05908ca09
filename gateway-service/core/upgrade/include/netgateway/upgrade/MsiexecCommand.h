#pragma once

#include <netgateway/core/InstallProperties.h>

#include <QString>
#include <QStringList>

namespace netgateway::upgrade {

// How the Windows upgrade helper talks to msiexec: the command lines it runs
// and what msiexec's exit code means. Platform-independent, so it is tested on
// Linux; only the helper's process runner is Windows code.
class MsiexecCommand {
public:
    enum class Verdict {
        Success,         // 0
        RestartRequired, // 3010, 1641: installed; a restart finishes replacing files in use
        RetryLater,      // 1618, 1601, 1500: another installation runs (or the service is busy)
        NotInstalled,    // 1605: nothing to remove (an uninstall step)
        Failed,          // everything else, 1603 included
    };
    struct Result {
        Verdict verdict = Verdict::Failed;
        QString message;
        [[nodiscard]] bool installed() const
        {
            return verdict == Verdict::Success || verdict == Verdict::RestartRequired;
        }
    };

    static constexpr const char *kProgram = "msiexec.exe";

    // Installs `msi` silently, never restarting the machine, with a verbose log
    // (which never holds the access code: it is not passed and is hidden in the
    // MSI). The install-time properties are passed again, since msiexec does
    // not carry a previous installation's public properties into a major
    // upgrade, and the service's command line is made from them. The data
    // directory is not part of the MSI, so it is kept. Arguments without argv[0].
    static QStringList install(const QString &msi, const QString &log, const core::InstallProperties &properties);
    // Removes the product installed from `msi`, keeping the data (KEEPDATA=1):
    // the first half of a rollback, because the MSI refuses to install over a
    // newer version of itself.
    static QStringList uninstall(const QString &msi, const QString &log);

    // The arguments as one command line for CreateProcess (QProcess's
    // setNativeArguments on Windows): msiexec parses its own command line and
    // wants PROPERTY="value", not "PROPERTY=value". Paths and values are
    // quoted; a double quote inside is doubled, as msiexec expects.
    static QString nativeArguments(const QStringList &arguments);

    // What msiexec's exit code means, as a message that names the log.
    static Result interpret(int exitCode, const QString &log);
};

} // namespace netgateway::upgrade
