#pragma once

#include "ManualClock.h"
#include "TempDataDir.h"

#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/Outbox.h>
#include <netgateway/storage/SecretVault.h>
#include <netgateway/uplink/Uplink.h>

#include <QJsonArray>
#include <QJsonDocument>

#include <memory>

namespace netgateway::test {

// Records audit calls so tests can assert on them.
class RecordingAuditSink final : public uplink::AuditSink {
public:
    void record(const QString &action, const QJsonObject &details) override
    {
        actions << action;
        last = details;
    }
    QStringList actions;
    QJsonObject last;
};

// A gateway-side storage stack in a fresh data directory: database, vault,
// outbox (its own synchronous=FULL connection).
struct GatewayStorage {
    explicit GatewayStorage(const QString &dir)
    {
        const QString dbPath = dir + QStringLiteral("/netgateway.db");
        db = storage::Database::open(dbPath);
        storage::Migrations::apply(*db);
        keys = std::make_unique<storage::FileKeyStore>(dir + QStringLiteral("/vault.key"));
        vault = std::make_unique<storage::SecretVault>(*db, *keys);
        outbox = std::make_unique<storage::Outbox>(dbPath);
    }
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<storage::FileKeyStore> keys;
    std::unique_ptr<storage::SecretVault> vault;
    std::unique_ptr<storage::Outbox> outbox;
};

inline QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Realistic records as the polling area produces them.
inline QJsonObject countersRecord(const QString &serial, int seq, qint64 total)
{
    return QJsonObject{
        {QStringLiteral("seq"), seq},
        {QStringLiteral("device"), QJsonObject{{QStringLiteral("serialNumber"), serial},
                                               {QStringLiteral("model"), QStringLiteral("LaserJet M507")},
                                               {QStringLiteral("manufacturer"), QStringLiteral("HP")}}},
        {QStringLiteral("counters"), QJsonObject{{QStringLiteral("total"), total},
                                                 {QStringLiteral("mono"), total - 100},
                                                 {QStringLiteral("color"), 100},
                                                 {QStringLiteral("copies"), 40},
                                                 {QStringLiteral("prints"), total - 40},
                                                 {QStringLiteral("scans"), 12},
                                                 {QStringLiteral("duplexSheets"), 300}}},
    };
}

inline QJsonObject consumablesRecord(const QString &serial, int seq, int blackLevel)
{
    QJsonArray supplies;
    const char *colors[] = {"black", "cyan", "magenta", "yellow"};
    for (int i = 0; i < 4; ++i) {
        supplies.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("toner")},
                                    {QStringLiteral("color"), QString::fromLatin1(colors[i])},
                                    {QStringLiteral("level"), i == 0 ? blackLevel : 60 + i},
                                    {QStringLiteral("max"), 100},
                                    {QStringLiteral("partNumber"), QStringLiteral("CF%1A").arg(410 + i)}});
    }
    return QJsonObject{{QStringLiteral("seq"), seq},
                       {QStringLiteral("device"), QJsonObject{{QStringLiteral("serialNumber"), serial}}},
                       {QStringLiteral("supplies"), supplies}};
}

inline QJsonObject alertRecord(const QString &serial, int seq, const QString &code)
{
    return QJsonObject{{QStringLiteral("seq"), seq},
                       {QStringLiteral("device"), QJsonObject{{QStringLiteral("serialNumber"), serial}}},
                       {QStringLiteral("severity"), QStringLiteral("critical")},
                       {QStringLiteral("code"), code},
                       {QStringLiteral("description"), QStringLiteral("Paper jam in tray 2")}};
}

} // namespace netgateway::test
