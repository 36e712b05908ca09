#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace netgateway::desktop {

// What the desktop console shows, read from GET /api/v1/dashboard. The
// service's answer is untrusted like any input: counts must be non-negative
// integers, texts are cut to a bound and at most kMaxAlerts alerts are kept.
struct DashboardSnapshot {
    struct Alert {
        QString device;
        QString address;
        QString severity; // critical, warning, other
        QString description;
        QDateTime raisedAt;
    };

    static constexpr int kMaxAlerts = 50;
    static constexpr int kMaxText = 512;

    qint64 devicesTotal = 0;
    qint64 devicesOnline = 0;
    qint64 devicesOffline = 0;
    qint64 devicesInError = 0;
    qint64 alertsCritical = 0;
    qint64 alertsWarning = 0;
    qint64 alertsOther = 0;
    QString uplinkState; // off, ok, error
    QString uplinkError;
    qint64 queueDepth = 0;
    QString version;
    QList<Alert> recentAlerts;

    [[nodiscard]] qint64 openAlerts() const { return alertsCritical + alertsWarning + alertsOther; }

    // Empty when a required field is missing or out of range.
    static std::optional<DashboardSnapshot> fromJson(const QJsonObject &json);
};

} // namespace netgateway::desktop

Q_DECLARE_METATYPE(netgateway::desktop::DashboardSnapshot)
