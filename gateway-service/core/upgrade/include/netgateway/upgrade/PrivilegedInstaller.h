#pragma once

#include <netgateway/core/InstallProperties.h>
#include <netgateway/upgrade/Manifest.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace netgateway::upgrade {

// The privileged side of an upgrade. The service runs unprivileged (Linux:
// no capabilities, NoNewPrivileges; Windows: the virtual account
// NT SERVICE\netgateway), so it cannot run dpkg or msiexec itself. It drops
// a request into <requestDir> (inside its data directory):
//   request.json  {"action": "install", "manifest": "<the signed manifest>"}
//                 or {"action": "rollback"}
//   package.deb / package.msi   the downloaded package (install only)
// and a helper running as root / LocalSystem (Linux: netgateway-upgrade.service,
// started by a path unit; Windows: the "netgateway upgrade" scheduled task)
// calls handleRequest(). The helper trusts nothing the service wrote: it
// verifies the manifest again with the built-in keys, copies the package into
// its own privileged directory, checks the copy's size and SHA-256, runs the
// platform's own check on it (Windows: Authenticode and the pinned publisher)
// and only then installs that copy. It keeps the package it installed last
// and the one before, so a rollback reinstalls a package it verified itself;
// it never installs a rollback package named by the service. The outcome goes
// to result.json, which the service audits.
class PrivilegedInstaller {
public:
    // Runs a command (argv[0] is the program); returns false with an error.
    using Runner = std::function<bool(const QStringList &argv, QString &error)>;
    // Checks a package copy before it is installed; false with a message refuses it.
    using SignatureCheck = std::function<bool(const QString &package, QString &error)>;

    enum class Result { NoRequest, Installed, RolledBack, Refused, Failed };

    // What differs between the .deb and the MSI.
    struct Platform {
        QString suffix; // package.<suffix>, current.<suffix>, previous.<suffix>
        // The commands that install `package` (one after the other).
        std::function<QList<QStringList>(const QString &package)> installCommands;
        // The commands that replace `current` by the older `previous`.
        std::function<QList<QStringList>(const QString &previous, const QString &current)> rollbackCommands;
        // Run after the package's SHA-256 matched; empty for none.
        SignatureCheck checkPackage;
    };
    // apt-get install (with --allow-downgrades for a rollback).
    static Platform debian();
    // msiexec /i after `authenticode` accepted the package; a rollback removes
    // the current version (keeping the data) and installs the previous MSI,
    // because an MSI refuses to install over a newer version of itself. The
    // install-time properties are passed again; logs go to `logDirectory`.
    static Platform windowsMsi(const core::InstallProperties &properties, const QString &logDirectory,
                               SignatureCheck authenticode);

    PrivilegedInstaller(const ManifestVerifier &verifier, QString requestDirectory, QString stateDirectory,
                        Runner runner);
    PrivilegedInstaller(const ManifestVerifier &verifier, QString requestDirectory, QString stateDirectory,
                        Runner runner, Platform platform);

    Result handleRequest(QString &message);

private:
    Result install(const QByteArray &manifestDocument, QString &message);
    Result rollBack(QString &message);
    Result finish(Result result, const QString &message);
    bool runAll(const QList<QStringList> &commands, QString &message);
    [[nodiscard]] QString kept(const char *name) const;

    const ManifestVerifier &m_verifier;
    QString m_requestDir;
    QString m_stateDir;
    Runner m_runner;
    Platform m_platform;
};

QString resultName(PrivilegedInstaller::Result result);

} // namespace netgateway::upgrade
