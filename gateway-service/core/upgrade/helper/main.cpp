// netgateway-upgrade: the root side of an automatic upgrade on Linux. Started
// by netgateway-upgrade.path when the unprivileged service drops a request;
// re-verifies everything and installs with apt-get (see PrivilegedInstaller).
#include <netgateway/core/Clock.h>
#include <netgateway/core/Version.h>
#include <netgateway/upgrade/PrivilegedInstaller.h>

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>

#include <cstdio>

#include <sys/stat.h>

using namespace netgateway;

namespace {

constexpr int kInstallTimeoutMs = 15 * 60 * 1000;

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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString requestDir = QStringLiteral("/var/lib/netgateway/upgrade");
    QString stateDir = QStringLiteral("/var/lib/netgateway-upgrade");
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
    ::umask(077);
    if (!QDir().mkpath(stateDir)) {
        std::fprintf(stderr, "netgateway-upgrade: cannot create %s\n", qPrintable(stateDir));
        return 1;
    }
    ::chmod(QFile::encodeName(stateDir).constData(), 0700);

    const auto running = upgrade::Version::parse(QString::fromLatin1(core::kVersion));
    core::SystemClock clock;
    const upgrade::ManifestVerifier verifier(upgrade::builtInKeys(), clock,
                                             {running.value_or(upgrade::Version{}), upgrade::currentPlatform()});
    upgrade::PrivilegedInstaller installer(verifier, requestDir, stateDir, runCommand);
    QString message;
    const auto result = installer.handleRequest(message);
    std::printf("netgateway-upgrade: %s: %s\n", qPrintable(upgrade::resultName(result)), qPrintable(message));
    using R = upgrade::PrivilegedInstaller::Result;
    return result == R::Installed || result == R::RolledBack || result == R::NoRequest ? 0 : 1;
}
