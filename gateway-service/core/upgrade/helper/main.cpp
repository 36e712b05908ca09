// netgateway-upgrade: the privileged side of an automatic upgrade (see
// PrivilegedInstaller). Linux: run as root by netgateway-upgrade.service when
// netgateway-upgrade.path sees a request; installs with apt-get. Windows: run
// as LocalSystem by the "netgateway upgrade" scheduled task the MSI creates;
// checks the MSI's Authenticode signature against the pinned publishers and
// installs with msiexec. Either way it re-verifies everything the
// unprivileged service handed over.
#include <netgateway/core/Clock.h>
#include <netgateway/core/InstallProperties.h>
#include <netgateway/core/Version.h>
#include <netgateway/upgrade/MsiexecCommand.h>
#include <netgateway/upgrade/PrivilegedInstaller.h>
#include <netgateway/upgrade/TrustedPublishers.h>

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

#include <cstdio>

#ifdef Q_OS_WIN
#include "../../../platform/windows/Authenticode.h"
#else
#include <sys/stat.h>
#endif

using namespace netgateway;

namespace {

constexpr int kInstallTimeoutMs = 15 * 60 * 1000;

#ifdef Q_OS_WIN
// msiexec reports another installation in progress (1618) with an exit code;
// wait for it a few times before giving up (the service asks again later).
constexpr int kMsiexecAttempts = 5;
constexpr unsigned long kMsiexecRetrySeconds = 60;

bool runCommand(const QStringList &argv, QString &error)
{
    const QString program =
        QDir(QString::fromLocal8Bit(qgetenv("SystemRoot"))).filePath(QStringLiteral("System32/msiexec.exe"));
    const QString log = argv.value(argv.indexOf(QStringLiteral("/l*v")) + 1);
    for (int attempt = 1; attempt <= kMsiexecAttempts; ++attempt) {
        QProcess process;
        process.setProgram(program);
        process.setNativeArguments(upgrade::MsiexecCommand::nativeArguments(argv.mid(1)));
        process.start();
        if (!process.waitForFinished(kInstallTimeoutMs)) {
            process.kill();
            process.waitForFinished();
            error = QStringLiteral("msiexec did not finish within 15 minutes; the installer's log is %1").arg(log);
            return false;
        }
        const int code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        const auto result = upgrade::MsiexecCommand::interpret(code, log);
        std::printf("netgateway-upgrade: msiexec %s: %s\n", qPrintable(argv.value(1)), qPrintable(result.message));
        if (result.installed() || (result.verdict == upgrade::MsiexecCommand::Verdict::NotInstalled &&
                                   argv.value(1) == QLatin1String("/x"))) {
            return true;
        }
        if (result.verdict != upgrade::MsiexecCommand::Verdict::RetryLater || attempt == kMsiexecAttempts) {
            error = result.message;
            return false;
        }
        QThread::sleep(kMsiexecRetrySeconds);
    }
    return false;
}
#else
bool runCommand(const QStringList &argv, QString &error)
{
    const QString program = QStandardPaths::findExecutable(argv.first(), {QStringLiteral("/usr/bin")});
    if (program.isEmpty()) {
        error = QStringLiteral("%1 not found in /usr/bin").arg(argv.first());
        return false;
    }
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DEBIAN_FRONTEND"), QStringLiteral("noninteractive"));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, argv.mid(1));
    if (!process.waitForFinished(kInstallTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        error = QStringLiteral("%1 did not finish within 15 minutes").arg(argv.first());
        return false;
    }
    const QByteArray output = process.readAll();
    std::fwrite(output.constData(), 1, static_cast<size_t>(output.size()), stdout);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        error = QStringLiteral("%1 failed (exit %2): %3")
                    .arg(argv.first())
                    .arg(process.exitCode())
                    .arg(QString::fromLocal8Bit(output.right(1000)).trimmed());
        return false;
    }
    return true;
}
#endif

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
#ifdef Q_OS_WIN
    const QDir programData(QString::fromLocal8Bit(qgetenv("ProgramData")));
    QString requestDir = programData.filePath(QStringLiteral("netgateway/upgrade"));
    // Created by the MSI, closed to all but SYSTEM and Administrators.
    QString stateDir = programData.filePath(QStringLiteral("netgateway-upgrade"));
#else
    QString requestDir = QStringLiteral("/var/lib/netgateway/upgrade");
    QString stateDir = QStringLiteral("/var/lib/netgateway-upgrade");
#endif
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--request-dir") && i + 1 < args.size()) {
            requestDir = args.at(++i);
        } else if (args.at(i) == QLatin1String("--state-dir") && i + 1 < args.size()) {
            stateDir = args.at(++i);
        } else {
            std::fprintf(stderr, "usage: netgateway-upgrade [--request-dir DIR] [--state-dir DIR]\n");
            return 2;
        }
    }
#ifndef Q_OS_WIN
    ::umask(077);
#endif
    if (!QDir().mkpath(stateDir)) {
        std::fprintf(stderr, "netgateway-upgrade: cannot create %s\n", qPrintable(stateDir));
        return 1;
    }
#ifndef Q_OS_WIN
    ::chmod(QFile::encodeName(stateDir).constData(), 0700);
#endif

    const auto running = upgrade::Version::parse(QString::fromLatin1(core::kVersion));
    core::SystemClock clock;
    const upgrade::ManifestVerifier verifier(upgrade::builtInKeys(), clock,
                                             {running.value_or(upgrade::Version{}), upgrade::currentPlatform()});
#ifdef Q_OS_WIN
    platform::PublisherPins pins;
    std::string pinError;
    if (!platform::PublisherPins::parse(upgrade::builtInPublisherPinsText(), pins, pinError)) {
        std::fprintf(stderr, "netgateway-upgrade: the built-in %s\n", pinError.c_str());
        pins = platform::PublisherPins{};
    }
    auto authenticode = [pins](const QString &package, QString &error) {
        platform::SignerIdentity signer;
        std::string why;
        if (platform::windows::verifyAuthenticode(QDir::toNativeSeparators(package).toStdWString(), pins, signer,
                                                  why)) {
            return true;
        }
        error = QString::fromStdString(why);
        return false;
    };
    QStringList problems;
    const auto properties = core::InstallProperties::read(core::InstallProperties::platformSource(), problems);
    for (const QString &problem : std::as_const(problems)) {
        std::fprintf(stderr, "netgateway-upgrade: %s\n", qPrintable(problem));
    }
    upgrade::PrivilegedInstaller installer(
        verifier, requestDir, stateDir, runCommand,
        upgrade::PrivilegedInstaller::windowsMsi(properties, stateDir, authenticode));
#else
    upgrade::PrivilegedInstaller installer(verifier, requestDir, stateDir, runCommand);
#endif
    QString message;
    const auto result = installer.handleRequest(message);
    std::printf("netgateway-upgrade: %s: %s\n", qPrintable(upgrade::resultName(result)), qPrintable(message));
    using R = upgrade::PrivilegedInstaller::Result;
    return result == R::Installed || result == R::RolledBack || result == R::NoRequest ? 0 : 1;
}
