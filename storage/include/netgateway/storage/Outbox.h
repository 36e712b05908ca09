#pragma once

#include <netgateway/storage/Database.h>

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>

namespace netgateway::storage {

// What a record in the outbox carries. The kind decides its upload schedule
// and how long it survives when the disk quota is reached.
enum class OutboxKind { Counters, Consumables, Alert, Discovery, Logs, Audit, TaskResult };

QString outboxKindName(OutboxKind kind);
std::optional<OutboxKind> parseOutboxKind(const QString &name);

struct OutboxRecord {
    std::int64_t id = 0;
    OutboxKind kind = OutboxKind::Counters;
    QString deviceKey;      // serial number (or MAC) of the device; empty for the gateway itself
    QString idempotencyKey; // fixed at enqueue time, resent unchanged on every retry
    qint64 createdAt = 0;   // seconds since the epoch, UTC
    QByteArray payload;     // compact JSON object
    int attempts = 0;
};

// What a quota enforcement removed, for the log and the status.
struct EvictionReport {
    int coalescedDaily = 0;  // counter/consumable snapshots folded into one per device per day
    int coalescedWeekly = 0; // ... into one per device per week
    int dropped = 0;         // whole records removed, lowest priority first
    [[nodiscard]] int total() const { return coalescedDaily + coalescedWeekly + dropped; }
};

// The store-and-forward queue between the producers (polling, alerts, audit,
// task runner) and the cloud uplink. It has its own SQLite connection with
// synchronous=FULL, so a record that enqueue() returned for survives a process
// kill and a power cut. Records leave only through acknowledge().
//
// Eviction order when the quota is exceeded (see docs/cloud-protocol.md):
//   1. counter and consumable snapshots older than a day are coalesced to the
//      newest one per device per UTC day, then older than a week to one per
//      device per week (counters are cumulative, so the newest wins);
//   2. logs, then discovery settings, oldest first;
//   3. counter and consumable snapshots, oldest first;
//   4. task results, then alerts, then audit records, oldest first.
class Outbox : public QObject {
    Q_OBJECT
public:
    // 30 days of outage at 2,000 devices fits in this (arithmetic in docs/cloud-protocol.md).
    static constexpr qint64 kDefaultQuotaBytes = 512LL * 1024 * 1024;
    // A single record larger than this is refused: it would not fit one upload.
    static constexpr qint64 kMaxRecordBytes = 4LL * 1024 * 1024;

    // Opens its own connection to the (already migrated) database file.
    explicit Outbox(const QString &databasePath, qint64 quotaBytes = kDefaultQuotaBytes, QObject *parent = nullptr);
    ~Outbox() override;

    // Commits the record durably and returns it (with its id and idempotency
    // key). Throws StorageError when the record is too large or the disk fails.
    OutboxRecord enqueue(OutboxKind kind, const QString &deviceKey, const QByteArray &jsonPayload, qint64 createdAt);

    struct NewRecord {
        OutboxKind kind = OutboxKind::Counters;
        QString deviceKey;
        QByteArray jsonPayload;
        qint64 createdAt = 0;
    };
    // Commits many records in one durable transaction (one fsync instead of
    // one per record: a poll cycle of 2,000 devices should use this).
    QList<OutboxRecord> enqueueAll(const QList<NewRecord> &records);

    // The oldest records of the given kinds, in id order, up to the limits
    // (at least one record is returned when any is waiting).
    [[nodiscard]] QList<OutboxRecord> peek(const QList<OutboxKind> &kinds, int maxRecords, qint64 maxBytes);

    // The oldest records that are due, in id order: a record of kind K is due
    // when its created_at is before the cutoff given for K. Kinds not listed
    // are not returned.
    [[nodiscard]] QList<OutboxRecord> peekDue(const QList<std::pair<OutboxKind, qint64>> &cutoffs, int maxRecords,
                                              qint64 maxBytes);

    // Deletes the acknowledged records; unknown keys are ignored. Returns the
    // number removed.
    int acknowledge(const QStringList &idempotencyKeys);
    // Removes records that must never be sent (e.g. discovery settings in
    // anonymous mode).
    int discard(const QList<std::int64_t> &ids);
    void recordAttempt(const QList<std::int64_t> &ids);

    [[nodiscard]] int count();
    [[nodiscard]] int count(OutboxKind kind);
    [[nodiscard]] qint64 usedBytes() const { return m_usedBytes; }
    [[nodiscard]] qint64 quotaBytes() const { return m_quotaBytes; }
    void setQuotaBytes(qint64 bytes);
    // PRAGMA synchronous of the outbox connection (2 = FULL).
    [[nodiscard]] int synchronousLevel();

    // Applies the eviction order until the outbox fits its quota.
    EvictionReport enforceQuota(qint64 nowSecs);

    // Accounted size of a record: payload plus a fixed per-row overhead.
    static qint64 accountedBytes(qint64 payloadBytes) { return payloadBytes + kRowOverhead; }

signals:
    void enqueued(netgateway::storage::OutboxKind kind);
    void evicted(const netgateway::storage::EvictionReport &report);

private:
    static constexpr qint64 kRowOverhead = 96;
    void recount();
    int deleteWhere(const char *sql, qint64 parameter);

    std::unique_ptr<Database> m_db;
    qint64 m_quotaBytes;
    qint64 m_usedBytes = 0;
};

} // namespace netgateway::storage
