#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/upgrade/Manifest.h>

#include <QByteArray>
#include <QString>

#include <chrono>

namespace netgateway::upgrade {

// Downloads the package named by a verified manifest from the gateway's cloud
// origin (through its proxy) into `destination`. If `destination` already
// holds the first bytes (an interrupted download), it continues from there.
class PackageFetcher {
public:
    virtual ~PackageFetcher() = default;
    virtual bool fetch(const Manifest &manifest, const QString &destination, QString &error) = 0;
};

// Runs the platform installer on a package (Linux: the .deb; Windows: msiexec
// with the MSI after its Authenticode check). Installing normally restarts the
// service, so the flow continues in the new process (UpgradeFlow::resume).
class InstallerRunner {
public:
    virtual ~InstallerRunner() = default;
    virtual bool install(const QString &packageFile, QString &error) = 0;
};

// Whether the running gateway works (database, control channel, uplink).
class HealthProbe {
public:
    virtual ~HealthProbe() = default;
    virtual bool healthy(QString &reason) = 0;
};

// Every step of an upgrade is audited (and shown in the console).
class UpgradeAudit {
public:
    virtual ~UpgradeAudit() = default;
    virtual void record(const QString &event, const QString &detail) = 0;
};

// Apply, check, roll back. The state lives in <workDirectory>/upgrade-state.json
// so it survives the restart the installer causes:
//
//   idle --offer--> downloading --verified package--> installing --install ok--> probation
//   probation --healthy--> idle (the new package becomes the rollback package)
//   probation --deadline passed, still unhealthy--> rolling back --> idle
//
// A refused manifest or package, an interrupted download or a failed install
// leaves the running version in place.
class UpgradeFlow {
public:
    enum class Outcome {
        Refused,     // manifest or package refused (audited with the reason)
        Interrupted, // download interrupted; the next offer resumes it
        InstallFailed,
        Installed,  // installer ran; health check pending (probation)
        Pending,    // still in probation, not yet healthy
        Completed,  // new version healthy
        RolledBack, // new version unhealthy; previous package reinstalled
        RollbackFailed,
        Idle, // nothing to do
    };

    struct Options {
        QString workDirectory;
        std::chrono::seconds healthDeadline{std::chrono::minutes(10)};
        // The version of this process. When set, only a process of the new
        // version can pass probation: while an older one still runs, the
        // privileged installer has not replaced it yet (it may refuse, as the
        // Windows helper does for a package from an unpinned publisher), so
        // the flow waits, and past the deadline gives the upgrade up without
        // a rollback, since nothing was installed. Unset (tests of the flow
        // alone, with an installer that replaces nothing), any process counts.
        QString runningVersion;
    };

    UpgradeFlow(const ManifestVerifier &verifier, PackageFetcher &fetcher, InstallerRunner &installer,
                HealthProbe &probe, UpgradeAudit &audit, const core::Clock &clock, Options options);

    // A manifest from the cloud (the daily check).
    Outcome offer(const QByteArray &manifestDocument);
    // At start-up: continues an upgrade the previous process started.
    Outcome resume();
    // During probation, periodically: commits, waits, or rolls back.
    Outcome checkHealth();

    [[nodiscard]] QString stage() const;

private:
    bool load();
    bool save();
    QString path(const QString &name) const;
    Outcome rollBack(const QString &why);

    const ManifestVerifier &m_verifier;
    PackageFetcher &m_fetcher;
    InstallerRunner &m_installer;
    HealthProbe &m_probe;
    UpgradeAudit &m_audit;
    const core::Clock &m_clock;
    Options m_options;

    QString m_stage = QStringLiteral("idle");
    QString m_version;
    QString m_package;
    QDateTime m_deadline;
    QString m_rollbackPackage;
    QByteArray m_rollbackSha256;
};

QString outcomeName(UpgradeFlow::Outcome outcome);

} // namespace netgateway::upgrade
