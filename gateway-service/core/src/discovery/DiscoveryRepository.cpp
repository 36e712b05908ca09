#include <netgateway/core/discovery/DiscoveryRepository.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/SecretVault.h>

#include <QJsonArray>

namespace netgateway::core::discovery {

using storage::Statement;
using storage::Transaction;

namespace {

const char kCommunity[] = "community";
const char kAuth[] = "auth";
const char kPriv[] = "priv";

QJsonObject auditDetails(const DiscoverySettings &s)
{
    QJsonObject details = toJson(s); // never holds secrets
    details.remove(QStringLiteral("name"));
    return details;
}

QString textOrEmpty(const Statement &st, int column)
{
    return st.isNull(column) ? QString() : st.text(column);
}

} // namespace

DiscoveryRepository::DiscoveryRepository(storage::Database &db, storage::SecretVault &vault, Clock &clock,
                                         AuditSink &audit)
    : m_db(db), m_vault(vault), m_clock(clock), m_audit(audit)
{
}

QString DiscoveryRepository::secretName(qint64 settingId, qsizetype position, const char *field)
{
    return QStringLiteral("discovery/%1/credential/%2/%3").arg(settingId).arg(position).arg(QLatin1String(field));
}

qint64 DiscoveryRepository::add(const DiscoverySettings &settings)
{
    ValidatedTargets targets;
    const QString problem = validate(settings, &targets);
    if (!problem.isEmpty()) {
        throw DiscoveryError(problem);
    }
    const QString name = settings.name.trimmed();
    Transaction tx(m_db);
    {
        Statement exists(m_db, "SELECT 1 FROM discovery_settings WHERE name = ?1");
        exists.bind(1, name);
        if (exists.step()) {
            throw DiscoveryError(
                QStringLiteral("a discovery setting named '%1' already exists; choose another name").arg(name));
        }
    }
    const qint64 now = m_clock.nowSecs();
    Statement insert(m_db, "INSERT INTO discovery_settings(name, wsd_enabled, schedule, registration, created_at, "
                           "updated_at) VALUES(?1, 0, 'manual', 'pending', ?2, ?2)");
    insert.bind(1, name).bind(2, now);
    insert.run();
    const qint64 id = m_db.lastInsertId();
    write(id, settings, targets);
    tx.commit();
    DiscoverySettings stored = settings;
    stored.id = id;
    m_audit.record(QStringLiteral("create discovery setting"), name, auditDetails(stored));
    return id;
}

void DiscoveryRepository::update(const DiscoverySettings &settings)
{
    ValidatedTargets targets;
    const QString problem = validate(settings, &targets);
    if (!problem.isEmpty()) {
        throw DiscoveryError(problem);
    }
    const QString name = settings.name.trimmed();
    Transaction tx(m_db);
    {
        Statement exists(m_db, "SELECT 1 FROM discovery_settings WHERE id = ?1");
        exists.bind(1, settings.id);
        if (!exists.step()) {
            throw DiscoveryError(QStringLiteral("there is no discovery setting with id %1").arg(settings.id));
        }
        Statement clash(m_db, "SELECT 1 FROM discovery_settings WHERE name = ?1 AND id <> ?2");
        clash.bind(1, name).bind(2, settings.id);
        if (clash.step()) {
            throw DiscoveryError(
                QStringLiteral("a discovery setting named '%1' already exists; choose another name").arg(name));
        }
    }
    removeChildren(settings.id);
    Statement rename(m_db, "UPDATE discovery_settings SET name = ?1 WHERE id = ?2");
    rename.bind(1, name).bind(2, settings.id);
    rename.run();
    write(settings.id, settings, targets);
    tx.commit();
    m_audit.record(QStringLiteral("change discovery setting"), name, auditDetails(settings));
}

bool DiscoveryRepository::remove(qint64 id)
{
    Transaction tx(m_db);
    Statement get(m_db, "SELECT name FROM discovery_settings WHERE id = ?1");
    get.bind(1, id);
    if (!get.step()) {
        return false;
    }
    const QString name = get.text(0);
    get.reset();
    removeChildren(id);
    Statement del(m_db, "DELETE FROM discovery_settings WHERE id = ?1");
    del.bind(1, id);
    del.run();
    tx.commit();
    m_audit.record(QStringLiteral("delete discovery setting"), name, QJsonObject{{QStringLiteral("id"), id}});
    return true;
}

void DiscoveryRepository::removeChildren(qint64 id)
{
    {
        Statement secrets(m_db, "SELECT community_secret, auth_secret, priv_secret FROM discovery_credentials "
                                "WHERE setting_id = ?1");
        secrets.bind(1, id);
        QStringList names;
        while (secrets.step()) {
            for (int c = 0; c < 3; ++c) {
                if (!secrets.isNull(c)) {
                    names.append(secrets.text(c));
                }
            }
        }
        for (const QString &n : names) {
            m_vault.remove(n);
        }
    }
    Statement creds(m_db, "DELETE FROM discovery_credentials WHERE setting_id = ?1");
    creds.bind(1, id);
    creds.run();
    Statement targets(m_db, "DELETE FROM discovery_targets WHERE setting_id = ?1");
    targets.bind(1, id);
    targets.run();
}

void DiscoveryRepository::write(qint64 id, const DiscoverySettings &s, const ValidatedTargets &targets)
{
    Statement head(m_db, "UPDATE discovery_settings SET wsd_enabled = ?1, schedule = ?2, registration = ?3, "
                         "updated_at = ?4 WHERE id = ?5");
    head.bind(1, s.wsDiscovery ? 1 : 0)
        .bind(2, s.schedule.toText())
        .bind(3, s.registration == Registration::Managed ? QStringLiteral("managed") : QStringLiteral("pending"))
        .bind(4, m_clock.nowSecs())
        .bind(5, id);
    head.run();

    Statement target(m_db, "INSERT INTO discovery_targets(setting_id, role, position, spec) VALUES(?1, ?2, ?3, ?4)");
    const auto writeSpecs = [&](const QList<TargetSpec> &specs, const QString &role) {
        for (qsizetype i = 0; i < specs.size(); ++i) {
            target.bind(1, id).bind(2, role).bind(3, i).bind(4, specs[i].text);
            target.run();
        }
    };
    writeSpecs(targets.targets, QStringLiteral("target"));
    writeSpecs(targets.exclusions, QStringLiteral("exclusion"));

    Statement cred(m_db, "INSERT INTO discovery_credentials(setting_id, position, version, user_name, auth_protocol, "
                         "priv_protocol, context, community_secret, auth_secret, priv_secret) "
                         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    for (qsizetype i = 0; i < s.credentials.size(); ++i) {
        const Credential &c = s.credentials[i];
        cred.bind(1, id).bind(2, i).bind(3, versionName(c.version));
        const auto putSecret = [&](int column, const QString &value, const char *field) {
            if (value.isEmpty()) {
                cred.bindNull(column);
                return;
            }
            const QString name = secretName(id, i, field);
            m_vault.put(name, value.toUtf8());
            cred.bind(column, name);
        };
        if (c.version == Credential::Version::V3) {
            cred.bind(4, c.user).bind(5, authName(c.auth)).bind(6, privName(c.priv)).bind(7, c.context);
        } else {
            cred.bindNull(4).bindNull(5).bindNull(6).bindNull(7);
        }
        putSecret(8, c.version == Credential::Version::V3 ? QString() : c.community, kCommunity);
        putSecret(9, c.authPassphrase, kAuth);
        putSecret(10, c.privPassphrase, kPriv);
        cred.run();
    }
}

std::optional<DiscoverySettings> DiscoveryRepository::find(qint64 id, Secrets secrets)
{
    Transaction tx(m_db, Transaction::Mode::Deferred);
    auto out = load(id, secrets);
    tx.commit();
    return out;
}

std::optional<DiscoverySettings> DiscoveryRepository::findByName(const QString &name, Secrets secrets)
{
    Transaction tx(m_db, Transaction::Mode::Deferred);
    Statement get(m_db, "SELECT id FROM discovery_settings WHERE name = ?1");
    get.bind(1, name.trimmed());
    std::optional<DiscoverySettings> out;
    if (get.step()) {
        const qint64 id = get.int64(0);
        get.reset();
        out = load(id, secrets);
    }
    tx.commit();
    return out;
}

QList<DiscoverySettings> DiscoveryRepository::list()
{
    Transaction tx(m_db, Transaction::Mode::Deferred);
    QList<qint64> ids;
    {
        Statement all(m_db, "SELECT id FROM discovery_settings ORDER BY name");
        while (all.step()) {
            ids.append(all.int64(0));
        }
    }
    QList<DiscoverySettings> out;
    for (const qint64 id : ids) {
        if (auto s = load(id, Secrets::Omit)) {
            out.append(*s);
        }
    }
    tx.commit();
    return out;
}

std::optional<DiscoverySettings> DiscoveryRepository::load(qint64 id, Secrets secrets)
{
    DiscoverySettings s;
    {
        Statement head(m_db, "SELECT name, wsd_enabled, schedule, registration FROM discovery_settings WHERE id = ?1");
        head.bind(1, id);
        if (!head.step()) {
            return std::nullopt;
        }
        s.id = id;
        s.name = head.text(0);
        s.wsDiscovery = head.int64(1) != 0;
        QString error;
        const auto schedule = Schedule::parse(head.text(2), error);
        s.schedule = schedule.value_or(Schedule{});
        s.registration = head.text(3) == QLatin1String("managed") ? Registration::Managed : Registration::Pending;
    }
    {
        Statement targets(m_db, "SELECT role, spec FROM discovery_targets WHERE setting_id = ?1 ORDER BY role, "
                                "position");
        targets.bind(1, id);
        while (targets.step()) {
            (targets.text(0) == QLatin1String("target") ? s.targets : s.exclusions).append(targets.text(1));
        }
    }
    Statement creds(m_db, "SELECT version, user_name, auth_protocol, priv_protocol, context, community_secret, "
                          "auth_secret, priv_secret FROM discovery_credentials WHERE setting_id = ?1 ORDER BY "
                          "position");
    creds.bind(1, id);
    while (creds.step()) {
        Credential c;
        c.version = parseVersion(creds.text(0)).value_or(Credential::Version::V2c);
        c.user = textOrEmpty(creds, 1);
        c.auth = parseAuth(textOrEmpty(creds, 2)).value_or(Credential::AuthProtocol::None);
        c.priv = parsePriv(textOrEmpty(creds, 3)).value_or(Credential::PrivProtocol::None);
        c.context = textOrEmpty(creds, 4);
        if (secrets == Secrets::Include) {
            const auto reveal = [&](int column) {
                if (creds.isNull(column)) {
                    return QString();
                }
                const auto value = m_vault.get(creds.text(column));
                return value ? QString::fromUtf8(*value) : QString();
            };
            c.community = reveal(5);
            c.authPassphrase = reveal(6);
            c.privPassphrase = reveal(7);
        }
        s.credentials.append(c);
    }
    return s;
}

DeviceRecoveryStore::DeviceRecoveryStore(storage::Database &db, Clock &clock, AuditSink &audit)
    : m_db(db), m_clock(clock), m_audit(audit)
{
}

DeviceRecoverySettings DeviceRecoveryStore::load()
{
    DeviceRecoverySettings out;
    Statement get(m_db, "SELECT key, value FROM settings WHERE key IN ('device_recovery.enabled', "
                        "'device_recovery.missed_polls')");
    while (get.step()) {
        bool ok = false;
        const int value = get.text(1).toInt(&ok);
        if (!ok) {
            continue;
        }
        if (get.text(0) == QLatin1String("device_recovery.enabled")) {
            out.enabled = value != 0;
        } else if (value >= DeviceRecoverySettings::kMinMissedPolls &&
                   value <= DeviceRecoverySettings::kMaxMissedPolls) {
            out.missedPolls = value;
        }
    }
    return out;
}

void DeviceRecoveryStore::save(const DeviceRecoverySettings &settings)
{
    if (settings.missedPolls < DeviceRecoverySettings::kMinMissedPolls ||
        settings.missedPolls > DeviceRecoverySettings::kMaxMissedPolls) {
        throw DiscoveryError(QStringLiteral("the number of missed polls before device recovery must be %1 to %2")
                                 .arg(DeviceRecoverySettings::kMinMissedPolls)
                                 .arg(DeviceRecoverySettings::kMaxMissedPolls));
    }
    Transaction tx(m_db);
    Statement put(m_db, "INSERT INTO settings(key, value, updated_at) VALUES(?1, ?2, ?3) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
    const qint64 now = m_clock.nowSecs();
    put.bind(1, QStringLiteral("device_recovery.enabled"))
        .bind(2, QString::number(settings.enabled ? 1 : 0))
        .bind(3, now);
    put.run();
    put.bind(1, QStringLiteral("device_recovery.missed_polls"))
        .bind(2, QString::number(settings.missedPolls))
        .bind(3, now);
    put.run();
    tx.commit();
    m_audit.record(QStringLiteral("configure device recovery settings"), QStringLiteral("device recovery"),
                   QJsonObject{{QStringLiteral("enabled"), settings.enabled},
                               {QStringLiteral("missedPolls"), settings.missedPolls}});
}

} // namespace netgateway::core::discovery
