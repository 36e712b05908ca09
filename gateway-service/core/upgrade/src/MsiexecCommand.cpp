#include <netgateway/upgrade/MsiexecCommand.h>

#include <QRegularExpression>

namespace netgateway::upgrade {

namespace {

QString quoted(QString text)
{
    text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

} // namespace

QStringList MsiexecCommand::install(const QString &msi, const QString &log, const core::InstallProperties &properties)
{
    QStringList args{QStringLiteral("/i"),   msi, QStringLiteral("/qn"), QStringLiteral("/norestart"),
                     QStringLiteral("/l*v"), log};
    for (const auto &[name, value] : properties.msiProperties()) {
        args << name + QLatin1Char('=') + value;
    }
    return args;
}

QStringList MsiexecCommand::uninstall(const QString &msi, const QString &log)
{
    return {QStringLiteral("/x"),   msi, QStringLiteral("/qn"),       QStringLiteral("/norestart"),
            QStringLiteral("/l*v"), log, QStringLiteral("KEEPDATA=1")};
}

QString MsiexecCommand::nativeArguments(const QStringList &arguments)
{
    static const QRegularExpression property(QStringLiteral("^([A-Z_][A-Z0-9_.]*)=(.*)$"),
                                             QRegularExpression::DotMatchesEverythingOption);
    QStringList parts;
    for (const QString &arg : arguments) {
        if (arg.startsWith(QLatin1Char('/'))) {
            parts << arg; // a switch: /i, /qn, /l*v
            continue;
        }
        const auto m = property.match(arg);
        if (m.hasMatch()) {
            parts << m.captured(1) + QLatin1Char('=') + quoted(m.captured(2));
        } else {
            parts << quoted(arg); // a path
        }
    }
    return parts.join(QLatin1Char(' '));
}

MsiexecCommand::Result MsiexecCommand::interpret(int exitCode, const QString &log)
{
    const QString seeLog = QStringLiteral("; the installer's log is %1").arg(log);
    switch (exitCode) {
    case 0:
        return {Verdict::Success, QStringLiteral("msiexec finished")};
    case 3010:
        return {Verdict::RestartRequired,
                QStringLiteral("msiexec finished; files in use are replaced when Windows restarts (exit 3010)")};
    case 1641:
        return {Verdict::RestartRequired, QStringLiteral("msiexec finished and restarts Windows (exit 1641)")};
    case 1618:
        return {Verdict::RetryLater, QStringLiteral("another installation is in progress (exit 1618); retried later")};
    case 1601:
        return {Verdict::RetryLater,
                QStringLiteral("the Windows Installer service could not be reached (exit 1601); retried later")};
    case 1500:
        return {Verdict::RetryLater, QStringLiteral("another installation is in progress (exit 1500); retried later")};
    case 1605:
        return {Verdict::NotInstalled, QStringLiteral("the product is not installed (exit 1605)")};
    case 1602:
        return {Verdict::Failed, QStringLiteral("the installation was cancelled (exit 1602)") + seeLog};
    case 1603:
        return {Verdict::Failed, QStringLiteral("the installation failed (exit 1603, fatal error; the previous "
                                                "version stays installed)") +
                                     seeLog};
    case 1619:
        return {Verdict::Failed, QStringLiteral("the package could not be opened (exit 1619)") + seeLog};
    case 1620:
        return {Verdict::Failed,
                QStringLiteral("the package is not a valid Windows Installer package (exit 1620)") + seeLog};
    case 1625:
        return {Verdict::Failed,
                QStringLiteral("a system policy forbids this installation (exit 1625); ask the domain administrator") +
                    seeLog};
    case 1633:
        return {Verdict::Failed, QStringLiteral("the package is not for this platform (exit 1633)") + seeLog};
    case 1638:
        return {Verdict::Failed,
                QStringLiteral("another version of the product is already installed (exit 1638)") + seeLog};
    case 1639:
        return {Verdict::Failed, QStringLiteral("msiexec refused its command line (exit 1639)") + seeLog};
    default:
        return {Verdict::Failed, QStringLiteral("msiexec failed with exit code %1").arg(exitCode) + seeLog};
    }
}

} // namespace netgateway::upgrade
