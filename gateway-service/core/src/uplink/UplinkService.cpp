#include <netgateway/uplink/UplinkService.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/SecretVault.h>
#include <netgateway/uplink/Anonymizer.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace netgateway::uplink {

namespace {

QString stateValue(storage::Database &db, const char *key)
{
    storage::Statement st(db, "SELECT value FROM uplink_state WHERE key = ?1");
    st.bind(1, QString::fromLatin1(key));
    return st.step() ? st.text(0) : QString();
}

void setStateValue(storage::Database &db, const char *key, const QString &value, qint64 now)
{
    storage::Statement st(db,
                          "INSERT INTO uplink_state(key, value, updated_at) VALUES(?1, ?2, ?3) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
    st.bind(1, QString::fromLatin1(key)).bind(2, value).bind(3, now);
    st.run();
}

QJsonObject failure(const QString &message)
{
    return QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("error"), message}};
}

} // namespace

UplinkService::UplinkService(storage::Database &db, storage::SecretVault &vault, core::Clock &clock,
                             const QString &databasePath, AuditSink *audit, QObject *parent)
    : QObject(parent), m_db(db), m_vault(vault), m_clock(clock)
{
    if (audit == nullptr) {
        m_defaultAudit = std::make_unique<LoggingAuditSink>();
        audit = m_defaultAudit.get();
    }
    m_audit = audit;
    m_outbox = std::make_unique<storage::Outbox>(databasePath);
    m_dataDirectory = QFileInfo(databasePath).absolutePath();
}

void UplinkService::adoptInstallAccessCode()
{
    const QString path = QDir(m_dataDirectory).filePath(kInstallAccessCodeFile);
    QFile file(path);
    if (!file.exists()) {
        return;
    }
    QByteArray code;
    if (file.open(QIODevice::ReadWrite)) {
        code = file.read(258).trimmed();
        // Overwrite before removing, so the code does not linger on disk.
        file.seek(0);
        file.write(QByteArray(file.size(), '\0'));
        file.close();
    }
    QFile::remove(path);
    bool printable = !code.isEmpty() && code.size() <= 256;
    for (const char c : std::as_const(code)) {
        printable = printable && c > ' ' && c < 127;
    }
    if (!printable) {
        qWarning("uplink: the installer's access code in %s is empty, longer than 256 characters or not plain "
                 "text; it was removed. Register with 'netgatewayctl uplink register'.",
                 qPrintable(path));
        m_audit->record(QStringLiteral("uplink.access_code.refused"), QJsonObject{});
        return;
    }
    m_vault.put(kInstallAccessCodeSecret, code);
    qInfo("uplink: the installer's access code is stored in the vault; the gateway registers with it once a cloud "
          "origin is configured");
    m_audit->record(QStringLiteral("uplink.access_code.stored"), QJsonObject{});
}

UplinkService::~UplinkService() = default;

void UplinkService::start()
{
    QStringList problems;
    const auto install = core::InstallProperties::read(
        m_installSourceSet ? m_installSource : core::InstallProperties::platformSource(), problems);
    for (const QString &problem : std::as_const(problems)) {
        qWarning("uplink: %s", qPrintable(problem));
    }
    const bool firstInitialization = !AnonymizationMode::stored(m_db).has_value();
    // The installer's choice stays in place across upgrades (the upgrade
    // passes it again), so it is requested at every start, and refused as a
    // change if it ever differs from the mode chosen at first initialization.
    const bool requested =
        qEnvironmentVariableIntValue("NETGATEWAY_ANONYMOUS") == 1 || install.anonymize.value_or(false);
    m_anonymous = AnonymizationMode::initialize(m_db, requested, m_clock.nowSecs(), *m_audit);
    if (firstInitialization) {
        adoptInstallProxy(install);
    }
    adoptInstallAccessCode();
    rebuild();
}

void UplinkService::adoptInstallProxy(const core::InstallProperties &install)
{
    if (install.proxyHost.isEmpty() || !stateValue(m_db, "proxy_host").isEmpty()) {
        return;
    }
    const qint64 now = m_clock.nowSecs();
    setStateValue(m_db, "proxy_host", install.proxyHost, now);
    setStateValue(m_db, "proxy_port", QString::number(install.proxyPort), now);
    qInfo("uplink: the installer's proxy %s is used for the cloud connection", qPrintable(install.proxy()));
    m_audit->record(QStringLiteral("uplink.proxy.install"), QJsonObject{{QStringLiteral("proxy"), install.proxy()}});
}

void UplinkService::rebuild()
{
    m_logUpload.reset();
    m_uplink.reset();
    UplinkSettings s;
    s.origin = QUrl(stateValue(m_db, "origin"));
    if (s.origin.isEmpty()) {
        qInfo("uplink: no cloud origin configured; the uplink is off");
        return;
    }
    s.extraCaFile = stateValue(m_db, "ca_file");
    s.proxyHost = stateValue(m_db, "proxy_host");
    s.proxyPort = static_cast<quint16>(stateValue(m_db, "proxy_port").toUInt());
    s.proxyUser = stateValue(m_db, "proxy_user");
    const int perDay = stateValue(m_db, "counters_per_day").toInt();
    s.countersPerDay = perDay == 0 ? 1 : perDay;
    s.anonymousAtInstall = m_anonymous;
    if (stateValue(m_db, "mode") == QLatin1String("manage")) {
        s.mode = ConnectionMode::Manage;
        const QDateTime until = QDateTime::fromString(stateValue(m_db, "manage_until"), Qt::ISODate);
        if (until.isValid()) {
            s.manageUntil = until;
        }
    }
    QString error;
    if (!s.validate(error)) {
        qWarning("uplink: configuration refused, the uplink stays off: %s", qPrintable(error));
        return;
    }
    m_uplink = std::make_unique<Uplink>(m_db, m_vault, *m_outbox, m_clock, *m_audit, s);
    connect(m_uplink.get(), &Uplink::taskReceived, this, &UplinkService::taskReceived);
    m_uplink->start();
    connect(m_uplink.get(), &Uplink::registrationFinished, this, [this](bool ok, const QString &) {
        if (ok && m_vault.get(kInstallAccessCodeSecret)) {
            m_vault.remove(kInstallAccessCodeSecret);
            qInfo("uplink: registered; the installer's access code was removed from the vault");
        }
    });
    if (m_uplink->registration() == QLatin1String("unregistered")) {
        if (const auto code = m_vault.get(kInstallAccessCodeSecret)) {
            m_uplink->registerGateway(QString::fromUtf8(*code));
        }
    }
    if (m_logSources.auditJsonLines || !m_logSources.systemLogPath.isEmpty()) {
        m_logUpload = std::make_unique<GatewayLogUpload>(m_db, m_vault, *m_outbox, m_clock, m_logSources, m_anonymous);
        m_logUpload->start();
    }
}

QJsonObject UplinkService::configure(const QJsonObject &request)
{
    UplinkSettings s;
    s.origin = QUrl(request.value(QStringLiteral("origin")).toString());
    s.extraCaFile = request.value(QStringLiteral("caFile")).toString();
    s.proxyHost = request.value(QStringLiteral("proxyHost")).toString();
    const int port = request.value(QStringLiteral("proxyPort")).toInt();
    if (port < 0 || port > 65535) {
        return failure(QStringLiteral("proxyPort must be 1 to 65535"));
    }
    s.proxyPort = static_cast<quint16>(port);
    s.proxyUser = request.value(QStringLiteral("proxyUser")).toString();
    s.countersPerDay = request.value(QStringLiteral("countersPerDay")).toInt(1);
    const QString mode = request.value(QStringLiteral("mode")).toString(QStringLiteral("monitor"));
    if (mode != QLatin1String("monitor") && mode != QLatin1String("manage")) {
        return failure(QStringLiteral("mode is 'monitor' or 'manage'"));
    }
    const QString until = request.value(QStringLiteral("manageUntil")).toString();
    if (!until.isEmpty() && !QDateTime::fromString(until, Qt::ISODate).isValid()) {
        return failure(QStringLiteral("manageUntil must be an ISO 8601 date and time, e.g. 2026-12-31T18:00:00Z"));
    }
    QString error;
    if (!s.validate(error)) {
        return failure(error);
    }
    const qint64 now = m_clock.nowSecs();
    setStateValue(m_db, "origin", s.origin.toString(), now);
    setStateValue(m_db, "ca_file", s.extraCaFile, now);
    setStateValue(m_db, "proxy_host", s.proxyHost, now);
    setStateValue(m_db, "proxy_port", QString::number(s.proxyPort), now);
    setStateValue(m_db, "proxy_user", s.proxyUser, now);
    setStateValue(m_db, "counters_per_day", QString::number(s.countersPerDay), now);
    setStateValue(m_db, "mode", mode, now);
    setStateValue(m_db, "manage_until", until, now);
    if (request.contains(QStringLiteral("proxyPassword"))) {
        m_vault.put(Uplink::kProxyPasswordSecret, request.value(QStringLiteral("proxyPassword")).toString().toUtf8());
    }
    m_audit->record(QStringLiteral("uplink.configured"), QJsonObject{{QStringLiteral("origin"), s.origin.toString()},
                                                                     {QStringLiteral("proxy"), !s.proxyHost.isEmpty()},
                                                                     {QStringLiteral("mode"), mode},
                                                                     {QStringLiteral("manageUntil"), until}});
    rebuild();
    return QJsonObject{{QStringLiteral("ok"), true}};
}

void UplinkService::addControlCommands(core::ControlServer &control)
{
    control.addCommand(QStringLiteral("uplink.status"), [this](const QJsonObject &) { return status(); });
    control.addCommand(QStringLiteral("uplink.configure"),
                       [this](const QJsonObject &request) { return configure(request); });
    control.addCommand(QStringLiteral("uplink.register"), [this](const QJsonObject &request) {
        if (!m_uplink) {
            return failure(QStringLiteral("configure the cloud origin first (uplink.configure)"));
        }
        QString code = request.value(QStringLiteral("accessCode")).toString();
        if (code.isEmpty()) {
            code = QString::fromUtf8(m_vault.get(kInstallAccessCodeSecret).value_or(QByteArray()));
        }
        if (code.isEmpty() || code.size() > 256) {
            return failure(QStringLiteral("an access code (1 to 256 characters) is required"));
        }
        m_uplink->registerGateway(code, request.value(QStringLiteral("user")).toString(),
                                  request.value(QStringLiteral("password")).toString());
        return QJsonObject{{QStringLiteral("ok"), true},
                           {QStringLiteral("message"), QStringLiteral("registration started; see uplink.status")}};
    });
    control.addCommand(QStringLiteral("uplink.sync"), [this](const QJsonObject &) {
        if (!m_uplink) {
            return failure(QStringLiteral("the uplink is off: no cloud origin configured"));
        }
        m_uplink->syncNow();
        return QJsonObject{{QStringLiteral("ok"), true}};
    });
}

QJsonObject UplinkService::status() const
{
    if (!m_uplink) {
        return QJsonObject{{QStringLiteral("enabled"), false},
                           {QStringLiteral("anonymous"), m_anonymous},
                           {QStringLiteral("outboxRecords"), m_outbox->count()}};
    }
    QJsonObject o = m_uplink->status().toJson();
    o.insert(QStringLiteral("enabled"), true);
    return o;
}

} // namespace netgateway::uplink
