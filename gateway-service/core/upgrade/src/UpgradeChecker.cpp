#include <netgateway/upgrade/UpgradeChecker.h>

#include <netgateway/storage/Database.h>

#include <QJsonDocument>

namespace netgateway::upgrade {

// Forwards every step to the real audit and remembers the last one for the status.
class UpgradeChecker::RecordingAudit final : public UpgradeAudit {
public:
    explicit RecordingAudit(UpgradeAudit &next) : m_next(next) {}
    void record(const QString &event, const QString &detail) override
    {
        lastEvent = event;
        lastDetail = detail;
        m_next.record(event, detail);
    }
    QString lastEvent;
    QString lastDetail;

private:
    UpgradeAudit &m_next;
};

UpgradeChecker::UpgradeChecker(storage::Database &db, const core::Clock &clock, const ManifestVerifier &verifier,
                               CloudPackageFetcher &fetcher, InstallerRunner &installer, HealthProbe &probe,
                               UpgradeAudit &audit, Options options, QObject *parent)
    : QObject(parent), m_db(db), m_clock(clock), m_fetcher(fetcher), m_options(std::move(options)),
      m_audit(std::make_unique<RecordingAudit>(audit))
{
    m_flow = std::make_unique<UpgradeFlow>(
        verifier, fetcher, installer, probe, *m_audit, clock,
        UpgradeFlow::Options{m_options.workDirectory, m_options.healthDeadline,
                             m_options.probationNeedsNewVersion ? m_options.runningVersion.toString() : QString()});
    m_timer.setInterval(std::chrono::minutes(1));
    connect(&m_timer, &QTimer::timeout, this, &UpgradeChecker::tick);
    connect(&m_clock, &core::Clock::jumped, this, &UpgradeChecker::tick);
    m_healthTimer.setInterval(m_options.healthInterval);
    connect(&m_healthTimer, &QTimer::timeout, this, &UpgradeChecker::checkHealth);
}

UpgradeChecker::~UpgradeChecker() = default;

QString UpgradeChecker::setting(const char *key) const
{
    storage::Statement st(m_db, "SELECT value FROM settings WHERE key = ?1");
    st.bind(1, QString::fromLatin1(key));
    return st.step() ? st.text(0) : QString();
}

void UpgradeChecker::setSetting(const char *key, const QString &value)
{
    storage::Statement st(m_db,
                          "INSERT INTO settings(key, value, updated_at) VALUES(?1, ?2, ?3) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
    st.bind(1, QString::fromLatin1(key)).bind(2, value).bind(3, m_clock.nowSecs());
    st.run();
}

UpgradeSchedule UpgradeChecker::schedule() const
{
    UpgradeSchedule s;
    s.enabled = setting(kEnabledKey) != QLatin1String("0");
    const QTime set = QTime::fromString(setting(kTimeKey), QStringLiteral("HH:mm"));
    if (set.isValid()) {
        s.timeOfDayUtc = set;
    } else if (m_options.registeredAt) {
        const QDateTime at = m_options.registeredAt();
        if (at.isValid()) {
            s.timeOfDayUtc = at.toUTC().time();
        }
    }
    return s;
}

QDateTime UpgradeChecker::nextCheck() const
{
    return schedule().nextCheck(m_clock.nowUtc(), QDateTime::fromString(setting(kLastCheckKey), Qt::ISODate));
}

QString UpgradeChecker::stage() const
{
    return m_flow->stage();
}

void UpgradeChecker::start()
{
    try {
        if (setting(kLastCheckKey).isEmpty()) {
            // The schedule counts from now: the first check is the next slot.
            setSetting(kLastCheckKey, m_clock.nowUtc().toString(Qt::ISODate));
        }
        const auto outcome = m_flow->resume();
        if (outcome != UpgradeFlow::Outcome::Idle) {
            finish(QStringLiteral("resume"), outcome, m_audit->lastDetail);
        } else {
            finish(QStringLiteral("start"), outcome, QString());
        }
    } catch (const storage::StorageError &e) {
        qWarning("upgrade: cannot start the daily check: %s", qPrintable(e.message()));
    }
    m_timer.start();
}

void UpgradeChecker::tick()
{
    if (m_busy) {
        return;
    }
    try {
        if (m_flow->stage() == QLatin1String("probation")) {
            checkHealth();
            return;
        }
        const QDateTime next = nextCheck();
        if (next.isValid() && next <= m_clock.nowUtc()) {
            checkNow();
        }
    } catch (const storage::StorageError &e) {
        qWarning("upgrade: the daily check failed: %s", qPrintable(e.message()));
    }
}

UpgradeFlow::Outcome UpgradeChecker::checkNow()
{
    if (m_busy) {
        return UpgradeFlow::Outcome::Pending;
    }
    m_busy = true;
    setSetting(kLastCheckKey, m_clock.nowUtc().toString(Qt::ISODate));
    QByteArray document;
    QString error;
    UpgradeFlow::Outcome outcome = UpgradeFlow::Outcome::Idle;
    QString message;
    if (!m_fetcher.fetchManifest(m_options.platform, m_options.runningVersion.toString(), document, error)) {
        m_audit->record(QStringLiteral("upgrade.check-failed"), error);
        outcome = UpgradeFlow::Outcome::Interrupted;
        message = error;
    } else if (document.isEmpty()) {
        message = QStringLiteral("no upgrade offered; %1 is current").arg(m_options.runningVersion.toString());
    } else {
        m_manifest = document;
        outcome = m_flow->offer(document);
        message = m_audit->lastDetail;
    }
    m_busy = false;
    finish(QStringLiteral("check"), outcome, message);
    return outcome;
}

UpgradeFlow::Outcome UpgradeChecker::checkHealth()
{
    const auto outcome = m_flow->checkHealth();
    if (outcome != UpgradeFlow::Outcome::Idle) {
        finish(QStringLiteral("health"), outcome, m_audit->lastDetail);
    }
    return outcome;
}

void UpgradeChecker::finish(const QString &what, UpgradeFlow::Outcome outcome, const QString &message)
{
    if (m_flow->stage() == QLatin1String("probation")) {
        m_healthTimer.start();
    } else {
        m_healthTimer.stop();
    }
    QJsonObject st{{QStringLiteral("step"), what},
                   {QStringLiteral("outcome"), outcomeName(outcome)},
                   {QStringLiteral("message"), message},
                   {QStringLiteral("event"), m_audit->lastEvent},
                   {QStringLiteral("stage"), m_flow->stage()},
                   {QStringLiteral("at"), m_clock.nowUtc().toString(Qt::ISODate)}};
    try {
        const QDateTime next = nextCheck();
        st.insert(QStringLiteral("nextCheckAt"), next.isValid() ? next.toString(Qt::ISODate) : QString());
    } catch (const storage::StorageError &) {
        // shown without the next check time
    }
    try {
        setSetting(kStatusKey, QString::fromUtf8(QJsonDocument(st).toJson(QJsonDocument::Compact)));
    } catch (const storage::StorageError &e) {
        qWarning("upgrade: cannot store the upgrade status: %s", qPrintable(e.message()));
    }
    if (what != QLatin1String("start")) {
        qInfo("upgrade: %s: %s%s%s", qPrintable(what), qPrintable(outcomeName(outcome)), message.isEmpty() ? "" : ": ",
              qPrintable(message));
        emit checked(outcome);
    }
}

QJsonObject UpgradeChecker::status() const
{
    QJsonObject o = QJsonDocument::fromJson(setting(kStatusKey).toUtf8()).object();
    const UpgradeSchedule s = schedule();
    o.insert(QStringLiteral("enabled"), s.enabled);
    o.insert(QStringLiteral("timeOfDayUtc"),
             s.timeOfDayUtc.isValid() ? s.timeOfDayUtc.toString(QStringLiteral("HH:mm")) : QString());
    o.insert(QStringLiteral("runningVersion"), m_options.runningVersion.toString());
    const QDateTime next = nextCheck();
    o.insert(QStringLiteral("nextCheckAt"), next.isValid() ? next.toString(Qt::ISODate) : QString());
    o.insert(QStringLiteral("lastCheckAt"), setting(kLastCheckKey));
    return o;
}

} // namespace netgateway::upgrade
