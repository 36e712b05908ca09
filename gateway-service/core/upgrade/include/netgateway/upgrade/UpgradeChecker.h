#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/upgrade/CloudPackageFetcher.h>
#include <netgateway/upgrade/Manifest.h>
#include <netgateway/upgrade/UpgradeFlow.h>
#include <netgateway/upgrade/UpgradeSchedule.h>

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

namespace netgateway::storage {
class Database;
}

namespace netgateway::upgrade {

// The daily upgrade check. Its settings live in the `settings` table, where the
// console's upgrade settings (part of the security settings) write them:
//   upgrade.enabled      "1" (default) or "0"
//   upgrade.time_utc     "HH:MM" set by the administrator; when absent, the time
//                        of day of the gateway's first registration is used
// and it keeps its own state there too:
//   upgrade.last_check   when it last asked the cloud (ISO 8601 UTC)
//   upgrade.status       JSON shown by GET /api/v1/upgrade
// Time comes from the injectable Clock: checked every minute and whenever the
// clock jumps. A check asks the cloud for a manifest, hands it to UpgradeFlow
// (verify, download with resume, install, probation) and, during probation,
// checks health every `healthInterval` until it commits or rolls back.
class UpgradeChecker : public QObject {
    Q_OBJECT
public:
    static constexpr char kEnabledKey[] = "upgrade.enabled";
    static constexpr char kTimeKey[] = "upgrade.time_utc";
    static constexpr char kLastCheckKey[] = "upgrade.last_check";
    static constexpr char kStatusKey[] = "upgrade.status";

    struct Options {
        QString workDirectory;
        Version runningVersion;
        QString platform = currentPlatform();
        std::chrono::seconds healthDeadline{std::chrono::minutes(10)};
        std::chrono::milliseconds healthInterval{std::chrono::seconds(30)};
        // When the gateway first registered (default time of day of the check).
        std::function<QDateTime()> registeredAt;
        // Probation needs a process of the new version (UpgradeFlow::Options::
        // runningVersion): on for the daemon, whose installer is another
        // process that may refuse or not run at all.
        bool probationNeedsNewVersion = false;
    };

    UpgradeChecker(storage::Database &db, const core::Clock &clock, const ManifestVerifier &verifier,
                   CloudPackageFetcher &fetcher, InstallerRunner &installer, HealthProbe &probe, UpgradeAudit &audit,
                   Options options, QObject *parent = nullptr);
    ~UpgradeChecker() override;

    // Continues an upgrade a previous process left in probation, then follows
    // the schedule.
    void start();

    // Runs the check now whatever the schedule says.
    UpgradeFlow::Outcome checkNow();
    // Health check during probation (also driven by the timer).
    UpgradeFlow::Outcome checkHealth();

    [[nodiscard]] UpgradeSchedule schedule() const;
    [[nodiscard]] QDateTime nextCheck() const;
    [[nodiscard]] QJsonObject status() const;
    [[nodiscard]] QString stage() const;
    // The signed manifest of the upgrade being applied (the last one fetched).
    [[nodiscard]] QByteArray currentManifest() const { return m_manifest; }

signals:
    void checked(netgateway::upgrade::UpgradeFlow::Outcome outcome);

private:
    class RecordingAudit;
    void tick();
    void finish(const QString &what, UpgradeFlow::Outcome outcome, const QString &message);
    [[nodiscard]] QString setting(const char *key) const;
    void setSetting(const char *key, const QString &value);

    storage::Database &m_db;
    const core::Clock &m_clock;
    CloudPackageFetcher &m_fetcher;
    Options m_options;
    std::unique_ptr<RecordingAudit> m_audit;
    std::unique_ptr<UpgradeFlow> m_flow;
    QTimer m_timer;
    QTimer m_healthTimer;
    bool m_busy = false;
    QByteArray m_manifest;
};

} // namespace netgateway::upgrade
