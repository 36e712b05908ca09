#include <netgateway/upgrade/PackageCheck.h>
#include <netgateway/upgrade/UpgradeFlow.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace netgateway::upgrade {

namespace {

constexpr qint64 kMaxStateBytes = 64 * 1024;
const QString kStateFile = QStringLiteral("upgrade-state.json");
const QString kRollbackFile = QStringLiteral("rollback.pkg");

QByteArray sha256Of(const QString &file)
{
    QFile f(file);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!f.open(QIODevice::ReadOnly) || !hash.addData(&f)) {
        return {};
    }
    return hash.result();
}

} // namespace

QString outcomeName(UpgradeFlow::Outcome outcome)
{
    using O = UpgradeFlow::Outcome;
    switch (outcome) {
    case O::Refused:
        return QStringLiteral("refused");
    case O::Interrupted:
        return QStringLiteral("interrupted");
    case O::InstallFailed:
        return QStringLiteral("install-failed");
    case O::Installed:
        return QStringLiteral("installed");
    case O::Pending:
        return QStringLiteral("pending");
    case O::Completed:
        return QStringLiteral("completed");
    case O::RolledBack:
        return QStringLiteral("rolled-back");
    case O::RollbackFailed:
        return QStringLiteral("rollback-failed");
    case O::Idle:
        return QStringLiteral("idle");
    }
    return QStringLiteral("unknown");
}

UpgradeFlow::UpgradeFlow(const ManifestVerifier &verifier, PackageFetcher &fetcher, InstallerRunner &installer,
                         HealthProbe &probe, UpgradeAudit &audit, const core::Clock &clock, Options options)
    : m_verifier(verifier), m_fetcher(fetcher), m_installer(installer), m_probe(probe), m_audit(audit), m_clock(clock),
      m_options(std::move(options))
{
    QDir().mkpath(m_options.workDirectory);
    load();
}

QString UpgradeFlow::stage() const
{
    return m_stage;
}

QString UpgradeFlow::path(const QString &name) const
{
    return QDir(m_options.workDirectory).filePath(name);
}

bool UpgradeFlow::load()
{
    QFile file(path(kStateFile));
    if (!file.exists()) {
        return true;
    }
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxStateBytes) {
        m_audit.record(QStringLiteral("upgrade.state-unreadable"), path(kStateFile));
        return false;
    }
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    static const QStringList stages{QStringLiteral("idle"), QStringLiteral("downloading"), QStringLiteral("installing"),
                                    QStringLiteral("probation")};
    const QString stageName = o.value(QStringLiteral("stage")).toString();
    if (!stages.contains(stageName)) {
        m_audit.record(QStringLiteral("upgrade.state-unreadable"), path(kStateFile));
        return false;
    }
    m_stage = stageName;
    m_version = o.value(QStringLiteral("version")).toString();
    m_package = o.value(QStringLiteral("package")).toString();
    m_deadline = QDateTime::fromString(o.value(QStringLiteral("deadline")).toString(), Qt::ISODate);
    m_rollbackPackage = o.value(QStringLiteral("rollbackPackage")).toString();
    m_rollbackSha256 = QByteArray::fromHex(o.value(QStringLiteral("rollbackSha256")).toString().toLatin1());
    return true;
}

bool UpgradeFlow::save()
{
    QSaveFile file(path(kStateFile));
    const QJsonObject o{
        {QStringLiteral("stage"), m_stage},
        {QStringLiteral("version"), m_version},
        {QStringLiteral("package"), m_package},
        {QStringLiteral("deadline"), m_deadline.isValid() ? m_deadline.toString(Qt::ISODate) : QString()},
        {QStringLiteral("rollbackPackage"), m_rollbackPackage},
        {QStringLiteral("rollbackSha256"), QString::fromLatin1(m_rollbackSha256.toHex())}};
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(o).toJson()) < 0 || !file.commit()) {
        m_audit.record(QStringLiteral("upgrade.state-unwritable"), file.errorString());
        return false;
    }
    return true;
}

UpgradeFlow::Outcome UpgradeFlow::offer(const QByteArray &manifestDocument)
{
    if (m_stage == QLatin1String("installing") || m_stage == QLatin1String("probation")) {
        return Outcome::Pending; // one upgrade at a time
    }
    Manifest manifest;
    QString error;
    const auto refusal = m_verifier.verify(manifestDocument, manifest, error);
    if (refusal != ManifestVerifier::Refusal::None) {
        m_audit.record(QStringLiteral("upgrade.manifest-refused"), refusalName(refusal) + QStringLiteral(": ") + error);
        return Outcome::Refused;
    }
    const QString package = path(QStringLiteral("download-%1.pkg").arg(manifest.version.toString()));
    if (m_stage != QLatin1String("downloading") || m_package != package) {
        // A different version than the interrupted download: start afresh.
        if (!m_package.isEmpty() && m_package != package) {
            QFile::remove(m_package);
        }
        m_stage = QStringLiteral("downloading");
        m_version = manifest.version.toString();
        m_package = package;
        save();
        m_audit.record(QStringLiteral("upgrade.download-started"),
                       QStringLiteral("version %1, %2 bytes").arg(m_version).arg(manifest.packageSize));
    } else {
        m_audit.record(QStringLiteral("upgrade.download-resumed"),
                       QStringLiteral("version %1 from byte %2").arg(m_version).arg(QFileInfo(package).size()));
    }
    if (QFileInfo(package).size() > manifest.packageSize) {
        QFile::remove(package);
    }
    if (!m_fetcher.fetch(manifest, package, error)) {
        m_audit.record(QStringLiteral("upgrade.download-interrupted"), error);
        return Outcome::Interrupted;
    }
    if (!PackageCheck::checkFile(manifest, package, error)) {
        QFile::remove(package);
        m_stage = QStringLiteral("idle");
        m_package.clear();
        save();
        m_audit.record(QStringLiteral("upgrade.package-refused"), error);
        return Outcome::Refused;
    }
    m_stage = QStringLiteral("installing");
    save();
    m_audit.record(QStringLiteral("upgrade.installing"), QStringLiteral("version %1").arg(m_version));
    if (!m_installer.install(package, error)) {
        m_stage = QStringLiteral("idle");
        save();
        m_audit.record(QStringLiteral("upgrade.install-failed"), error);
        return Outcome::InstallFailed;
    }
    m_stage = QStringLiteral("probation");
    m_deadline = m_clock.nowUtc().addSecs(m_options.healthDeadline.count());
    save();
    m_audit.record(
        QStringLiteral("upgrade.installed"),
        QStringLiteral("version %1; healthy by %2 or rolled back").arg(m_version, m_deadline.toString(Qt::ISODate)));
    return Outcome::Installed;
}

UpgradeFlow::Outcome UpgradeFlow::resume()
{
    if (m_stage == QLatin1String("installing")) {
        // The process was replaced while the installer ran: the new version
        // gets the full probation from now.
        m_stage = QStringLiteral("probation");
        m_deadline = m_clock.nowUtc().addSecs(m_options.healthDeadline.count());
        save();
    }
    if (m_stage != QLatin1String("probation")) {
        return Outcome::Idle;
    }
    m_audit.record(QStringLiteral("upgrade.probation"), QStringLiteral("version %1 started; checking health until %2")
                                                            .arg(m_version, m_deadline.toString(Qt::ISODate)));
    return checkHealth();
}

UpgradeFlow::Outcome UpgradeFlow::checkHealth()
{
    if (m_stage != QLatin1String("probation")) {
        return Outcome::Idle;
    }
    if (!m_options.runningVersion.isEmpty() && m_options.runningVersion != m_version) {
        if (m_clock.nowUtc() < m_deadline) {
            return Outcome::Pending;
        }
        m_audit.record(QStringLiteral("upgrade.install-failed"),
                       QStringLiteral("version %1 was not installed by %2; version %3 keeps running (the "
                                      "installer's reason, if it gave one, is audited as upgrade.helper-...)")
                           .arg(m_version, m_deadline.toString(Qt::ISODate), m_options.runningVersion));
        QFile::remove(m_package);
        m_package.clear();
        m_stage = QStringLiteral("idle");
        save();
        return Outcome::InstallFailed;
    }
    QString reason;
    if (m_probe.healthy(reason)) {
        // Keep the package that works as the rollback target of the next upgrade.
        QFile::remove(path(kRollbackFile));
        if (QFile::rename(m_package, path(kRollbackFile))) {
            m_rollbackPackage = path(kRollbackFile);
            m_rollbackSha256 = sha256Of(m_rollbackPackage);
        }
        m_stage = QStringLiteral("idle");
        m_package.clear();
        save();
        m_audit.record(QStringLiteral("upgrade.completed"), QStringLiteral("version %1 is healthy").arg(m_version));
        return Outcome::Completed;
    }
    if (m_clock.nowUtc() < m_deadline) {
        return Outcome::Pending;
    }
    return rollBack(reason);
}

UpgradeFlow::Outcome UpgradeFlow::rollBack(const QString &why)
{
    m_audit.record(
        QStringLiteral("upgrade.rollback"),
        QStringLiteral("version %1 not healthy by %2: %3").arg(m_version, m_deadline.toString(Qt::ISODate), why));
    m_stage = QStringLiteral("idle");
    QFile::remove(m_package);
    m_package.clear();
    save();
    if (m_rollbackPackage.isEmpty() || !QFile::exists(m_rollbackPackage)) {
        m_audit.record(QStringLiteral("upgrade.rollback-failed"),
                       QStringLiteral("no previous package is kept; reinstall the previous release manually"));
        return Outcome::RollbackFailed;
    }
    if (sha256Of(m_rollbackPackage) != m_rollbackSha256) {
        m_audit.record(
            QStringLiteral("upgrade.rollback-failed"),
            QStringLiteral("the kept previous package was altered; reinstall the previous release manually"));
        return Outcome::RollbackFailed;
    }
    QString error;
    if (!m_installer.install(m_rollbackPackage, error)) {
        m_audit.record(QStringLiteral("upgrade.rollback-failed"), error);
        return Outcome::RollbackFailed;
    }
    m_audit.record(QStringLiteral("upgrade.rolled-back"), QStringLiteral("previous package reinstalled"));
    return Outcome::RolledBack;
}

} // namespace netgateway::upgrade
