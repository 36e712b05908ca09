#include "DashboardSnapshot.h"

#include <QJsonArray>

namespace netgateway::desktop {

namespace {

// Counts are whole numbers up to a bound no real fleet reaches.
bool count(const QJsonObject &o, const char *key, qint64 &out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble()) {
        return false;
    }
    const double d = v.toDouble();
    if (d < 0 || d > 1e12 || d != static_cast<double>(static_cast<qint64>(d))) {
        return false;
    }
    out = static_cast<qint64>(d);
    return true;
}

QString text(const QJsonValue &v)
{
    return v.toString().left(DashboardSnapshot::kMaxText);
}

} // namespace

std::optional<DashboardSnapshot> DashboardSnapshot::fromJson(const QJsonObject &json)
{
    DashboardSnapshot s;
    const QJsonObject devices = json.value(QLatin1String("devices")).toObject();
    const QJsonObject alerts = json.value(QLatin1String("alerts")).toObject();
    const QJsonObject uplink = json.value(QLatin1String("uplink")).toObject();
    if (!count(devices, "total", s.devicesTotal) || !count(devices, "online", s.devicesOnline) ||
        !count(devices, "offline", s.devicesOffline) || !count(devices, "error", s.devicesInError) ||
        !count(alerts, "critical", s.alertsCritical) || !count(alerts, "warning", s.alertsWarning) ||
        !count(alerts, "other", s.alertsOther) || !count(uplink, "queueDepth", s.queueDepth)) {
        return std::nullopt;
    }
    s.uplinkState = text(uplink.value(QLatin1String("state")));
    if (s.uplinkState != QLatin1String("off") && s.uplinkState != QLatin1String("ok") &&
        s.uplinkState != QLatin1String("error")) {
        return std::nullopt;
    }
    s.uplinkError = text(uplink.value(QLatin1String("lastError")));
    s.version = text(json.value(QLatin1String("version"))).left(64);
    const QJsonArray recent = json.value(QLatin1String("recentAlerts")).toArray();
    for (const QJsonValue &v : recent) {
        if (s.recentAlerts.size() >= kMaxAlerts) {
            break;
        }
        const QJsonObject a = v.toObject();
        Alert alert;
        alert.device = text(a.value(QLatin1String("deviceName")));
        alert.address = text(a.value(QLatin1String("address")));
        alert.severity = text(a.value(QLatin1String("severity")));
        alert.description = text(a.value(QLatin1String("description")));
        alert.raisedAt = QDateTime::fromString(text(a.value(QLatin1String("raisedAt"))), Qt::ISODate);
        s.recentAlerts.append(alert);
    }
    return s;
}

} // namespace netgateway::desktop
