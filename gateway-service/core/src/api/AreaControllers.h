#pragma once

// The product areas' controllers (one file each) and the small helpers they
// share for query parameters, times and the audit actor.
#include <netgateway/core/api/Api.h>
#include <netgateway/core/api/Console.h>

#include <QDateTime>
#include <QUrlQuery>

#include <memory>
#include <optional>

namespace netgateway::core::api {

std::unique_ptr<Controller> makeDashboardController(Context &context);
std::unique_ptr<Controller> makeDevicesController(Context &context);
std::unique_ptr<Controller> makeDiscoveryController(Context &context);
std::unique_ptr<Controller> makePollingController(Context &context);
std::unique_ptr<Controller> makeCloudController(Context &context);

namespace area {

inline QString actorOf(const Request &r)
{
    return r.session ? r.session->account : QStringLiteral("anonymous");
}

// A whole-number query parameter within [min, max]; `fallback` when absent.
inline qint64 intQuery(const Request &r, const QString &name, qint64 min, qint64 max, qint64 fallback)
{
    const QString value = r.queryValue(name);
    if (value.isEmpty()) {
        return fallback;
    }
    bool ok = false;
    const qint64 v = value.toLongLong(&ok);
    if (!ok || v < min || v > max) {
        throw ApiError::badRequest(
            QStringLiteral("'%1' must be a whole number from %2 to %3").arg(name).arg(min).arg(max), name);
    }
    return v;
}

// One of `allowed`, or empty when absent.
inline QString choiceQuery(const Request &r, const QString &name, const QStringList &allowed)
{
    const QString value = r.queryValue(name);
    if (!value.isEmpty() && !allowed.contains(value)) {
        throw ApiError::badRequest(
            QStringLiteral("'%1' must be one of: %2").arg(name, allowed.join(QStringLiteral(", "))), name);
    }
    return value;
}

// An ISO 8601 date and time query parameter (milliseconds kept), in UTC.
inline std::optional<QDateTime> dateTimeQuery(const Request &r, const QString &name)
{
    const QString value = r.queryValue(name);
    if (value.isEmpty()) {
        return std::nullopt;
    }
    QDateTime t = QDateTime::fromString(value, Qt::ISODateWithMs);
    if (!t.isValid()) {
        t = QDateTime::fromString(value, Qt::ISODate);
    }
    if (!t.isValid() || value.size() > 40) {
        throw ApiError::badRequest(
            QStringLiteral("'%1' must be a date and time in ISO 8601, for example 2026-01-31T00:00:00Z").arg(name),
            name);
    }
    return t.toUTC();
}

// The same in UTC seconds.
inline std::optional<qint64> timeQuery(const Request &r, const QString &name)
{
    const std::optional<QDateTime> t = dateTimeQuery(r, name);
    return t ? std::optional<qint64>(t->toSecsSinceEpoch()) : std::nullopt;
}

inline void rejectUnknownQuery(const Request &r, const QStringList &known)
{
    for (const auto &[key, value] : r.query.queryItems()) {
        if (!known.contains(key)) {
            throw ApiError(400, QStringLiteral("unknown_field"),
                           QStringLiteral("the query parameter '%1' is not accepted here").arg(key.left(64)),
                           key.left(64));
        }
    }
}

// A positive integer path parameter (a row id).
inline qint64 idParam(const Request &r, int index, const QString &what)
{
    bool ok = false;
    const qint64 id = r.params.value(index).toLongLong(&ok);
    if (!ok || id <= 0) {
        throw ApiError::notFound(QStringLiteral("there is no %1 '%2'").arg(what, r.params.value(index).left(32)));
    }
    return id;
}

inline QJsonValue isoTime(qint64 secs)
{
    if (secs <= 0) {
        return QJsonValue::Null;
    }
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

// The API's priority names (camelCase) and the database's (snake_case).
inline QString apiPriority(const QString &stored)
{
    return stored == QLatin1String("very_high") ? QStringLiteral("veryHigh") : stored;
}
inline QString storedPriority(const QString &api)
{
    return api == QLatin1String("veryHigh") ? QStringLiteral("very_high") : api;
}

} // namespace area
} // namespace netgateway::core::api
