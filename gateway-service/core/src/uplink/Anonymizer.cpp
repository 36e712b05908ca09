#include <netgateway/uplink/Anonymizer.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace netgateway::uplink {

void LoggingAuditSink::record(const QString &action, const QJsonObject &details)
{
    qInfo("audit: %s %s", qPrintable(action), QJsonDocument(details).toJson(QJsonDocument::Compact).constData());
}

const QStringList &Anonymizer::strippedKeys()
{
    static const QStringList keys{
        QStringLiteral("ipAddress"),    QStringLiteral("ipAddresses"),    QStringLiteral("ipv6Addresses"),
        QStringLiteral("address"),      QStringLiteral("subnetMask"),     QStringLiteral("netmask"),
        QStringLiteral("prefixLength"), QStringLiteral("defaultGateway"), QStringLiteral("dnsServers"),
        QStringLiteral("primaryDns"),   QStringLiteral("secondaryDns"),   QStringLiteral("hostName"),
        QStringLiteral("domainName"),   QStringLiteral("location"),       QStringLiteral("site"),
        QStringLiteral("sysName"),      QStringLiteral("sysLocation"),    QStringLiteral("url"),
    };
    return keys;
}

namespace {

const QString kRedacted = QStringLiteral("[redacted]");

void collectHostNames(const QJsonValue &value, QSet<QString> &names)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if ((it.key() == QLatin1String("hostName") || it.key() == QLatin1String("sysName") ||
                 it.key() == QLatin1String("location") || it.key() == QLatin1String("sysLocation") ||
                 it.key() == QLatin1String("site") || it.key() == QLatin1String("domainName")) &&
                it.value().isString() && it.value().toString().size() >= 3) {
                names.insert(it.value().toString());
            }
            collectHostNames(it.value(), names);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &v : value.toArray()) {
            collectHostNames(v, names);
        }
    }
}

QString scrubString(QString s, const QSet<QString> &names)
{
    static const QRegularExpression ipv4(QStringLiteral("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b"));
    // Two or more hex groups joined by colons with at least one '::' or seven
    // colons: IPv6 literals, not times like 12:30.
    static const QRegularExpression ipv6(QStringLiteral("(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%[\\w.]+)?"));
    s.replace(ipv4, kRedacted);
    auto it = ipv6.globalMatch(s);
    QStringList found;
    while (it.hasNext()) {
        const QString m = it.next().captured(0);
        if (m.contains(QLatin1String("::")) || m.count(QLatin1Char(':')) >= 7) {
            found << m;
        }
    }
    for (const QString &m : found) {
        s.replace(m, kRedacted);
    }
    for (const QString &name : names) {
        s.replace(name, kRedacted, Qt::CaseInsensitive);
    }
    return s;
}

QJsonValue stripValue(const QJsonValue &value, const QSet<QString> &names);

QJsonObject stripObject(const QJsonObject &object, const QSet<QString> &names)
{
    QJsonObject out;
    const QStringList &denied = Anonymizer::strippedKeys();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (denied.contains(it.key(), Qt::CaseInsensitive)) {
            continue;
        }
        out.insert(scrubString(it.key(), names), stripValue(it.value(), names));
    }
    return out;
}

QJsonValue stripValue(const QJsonValue &value, const QSet<QString> &names)
{
    if (value.isObject()) {
        return stripObject(value.toObject(), names);
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray()) {
            out.append(stripValue(v, names));
        }
        return out;
    }
    if (value.isString()) {
        return scrubString(value.toString(), names);
    }
    return value;
}

} // namespace

QJsonObject Anonymizer::strip(const QJsonObject &object)
{
    QSet<QString> names;
    collectHostNames(object, names);
    return stripObject(object, names);
}

std::optional<bool> AnonymizationMode::stored(storage::Database &db)
{
    const auto v = db.scalar("SELECT anonymous FROM uplink_install WHERE id = 1");
    if (!v) {
        return std::nullopt;
    }
    return v->toInt() != 0;
}

bool AnonymizationMode::initialize(storage::Database &db, bool requested, qint64 nowSecs, AuditSink &audit)
{
    if (const auto current = stored(db)) {
        if (*current != requested) {
            QString error;
            requestChange(db, requested, audit, error);
        }
        return *current;
    }
    storage::Statement st(db, "INSERT INTO uplink_install(id, anonymous, chosen_at) VALUES(1, ?1, ?2)");
    st.bind(1, requested ? 1 : 0).bind(2, nowSecs);
    st.run();
    audit.record(QStringLiteral("uplink.anonymization.chosen"), QJsonObject{{QStringLiteral("anonymous"), requested}});
    qInfo("uplink: anonymization mode chosen at first initialization: %s", requested ? "on" : "off");
    return requested;
}

bool AnonymizationMode::requestChange(storage::Database &db, bool anonymous, AuditSink &audit, QString &error)
{
    const auto current = stored(db);
    error = QStringLiteral("the anonymization mode is chosen once at installation and cannot be changed (it is %1); "
                           "to change it, reinstall the gateway with an empty data directory")
                .arg(current.value_or(false) ? QStringLiteral("on") : QStringLiteral("off"));
    audit.record(
        QStringLiteral("uplink.anonymization.change_refused"),
        QJsonObject{{QStringLiteral("requested"), anonymous}, {QStringLiteral("current"), current.value_or(false)}});
    qWarning("uplink: refused to change the anonymization mode to %s: %s", anonymous ? "on" : "off", qPrintable(error));
    return false;
}

} // namespace netgateway::uplink
