#pragma once

#include <netgateway/upgrade/Manifest.h>

#include <QString>
#include <QStringList>

#include <functional>

namespace netgateway::upgrade {

// The root side of an upgrade on Linux. The service runs unprivileged
// (no capabilities, NoNewPrivileges), so it cannot run dpkg itself. It drops
// a request into <requestDir> (inside its data directory):
//   request.json  {"action": "install", "manifest": "<the signed manifest>"}
//                 or {"action": "rollback"}
//   package.deb   the downloaded package (install only)
// and a root-run helper (netgateway-upgrade.service, started by a path unit)
// calls handleRequest(). The helper trusts nothing the service wrote: it
// verifies the manifest again with the built-in keys, copies the package into
// its own root-only directory, checks the copy's size and SHA-256, and only
// then installs that copy. It keeps the package it installed last, so a
// rollback reinstalls a package it verified itself; it never installs a
// rollback package named by the service. The outcome goes to result.json.
class PrivilegedInstaller {
public:
    // Runs a command (argv[0] is the program); returns false with an error.
    using Runner = std::function<bool(const QStringList &argv, QString &error)>;

    enum class Result { NoRequest, Installed, RolledBack, Refused, Failed };

    PrivilegedInstaller(const ManifestVerifier &verifier, QString requestDirectory, QString stateDirectory,
                        Runner runner);

    Result handleRequest(QString &message);

private:
    Result install(const QByteArray &manifestDocument, QString &message);
    Result rollBack(QString &message);
    Result finish(Result result, const QString &message);

    const ManifestVerifier &m_verifier;
    QString m_requestDir;
    QString m_stateDir;
    Runner m_runner;
};

QString resultName(PrivilegedInstaller::Result result);

} // namespace netgateway::upgrade
