#include <netgateway/uplink/GatewayLogUpload.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/Outbox.h>
#include <netgateway/storage/SecretVault.h>
#include <netgateway/uplink/ZipArchive.h>

#include <QCryptographicHash>
#include <QFile>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace netgateway::uplink {

namespace {

constexpr char kStateKey[] = "logs_uploaded_until";
// Bytes read from one log file: the logger rotates at 10 MB by default.
constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024;
// Secrets shorter than this are not cut out: they would match ordinary words.
constexpr qsizetype kMinSecretLength = 4;

QDateTime dayStart(const QDateTime &t)
{
    return QDateTime(t.toUTC().date(), QTime(0, 0), Qt::UTC);
}

// The logger writes "2026-12-03T13:26:54.123Z LEVEL [category] message".
std::optional<QDateTime> lineTime(const QByteArray &line)
{
    const qsizetype space = line.indexOf(' ');
    if (space < 20 || space > 32) {
        return std::nullopt;
    }
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(line.left(space)), Qt::ISODateWithMs);
    if (!t.isValid()) {
        return std::nullopt;
    }
    return t.toUTC();
}

// Keeps the newest lines that fit `budget` bytes; returns how many were left out.
int keepNewest(QByteArray &text, qint64 budget)
{
    if (text.size() <= budget) {
        return 0;
    }
    qsizetype cut = text.size() - budget;
    const qsizetype nl = text.indexOf('\n', cut - 1);
    cut = nl < 0 ? text.size() : nl + 1;
    const int dropped = static_cast<int>(text.left(cut).count('\n'));
    text.remove(0, cut);
    return dropped;
}

} // namespace

GatewayLogUpload::GatewayLogUpload(storage::Database &db, storage::SecretVault &vault, storage::Outbox &outbox,
                                   core::Clock &clock, GatewayLogSources sources, bool anonymous, QObject *parent)
    : QObject(parent), m_db(db), m_vault(vault), m_outbox(outbox), m_clock(clock), m_sources(std::move(sources)),
      m_anonymous(anonymous)
{
    m_timer.setInterval(std::chrono::minutes(1));
    connect(&m_timer, &QTimer::timeout, this, &GatewayLogUpload::runDue);
    connect(&m_clock, &core::Clock::jumped, this, &GatewayLogUpload::runDue);
}

void GatewayLogUpload::start()
{
    m_timer.start();
    runDue();
}

QByteArray GatewayLogUpload::scrub(const QByteArray &text)
{
    QByteArray out = text;
    const QStringList names = m_vault.names();
    for (const QString &name : names) {
        const auto value = m_vault.get(name);
        if (value && value->size() >= kMinSecretLength) {
            out.replace(*value, QByteArrayLiteral("[secret removed]"));
        }
    }
    if (m_anonymous) {
        static const QRegularExpression ipv4(QStringLiteral("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b"));
        // Three or more colons between hex groups, or a "::" next to a hex
        // digit: an IPv6 address, never a time of day (two colons).
        static const QRegularExpression ipv6(
            QStringLiteral("(?<![\\w:])(?:[0-9A-Fa-f]{0,4}:){3,7}[0-9A-Fa-f]{0,4}(?![\\w:])|"
                           "(?<![\\w:])[0-9A-Fa-f]{0,4}::[0-9A-Fa-f:]*[0-9A-Fa-f](?![\\w:])"));
        QString s = QString::fromUtf8(out);
        s.replace(ipv4, QStringLiteral("[address]"));
        s.replace(ipv6, QStringLiteral("[address]"));
        const QString host = QHostInfo::localHostName();
        if (host.size() >= 3) {
            s.replace(host, QStringLiteral("[host]"), Qt::CaseInsensitive);
        }
        out = s.toUtf8();
    }
    return out;
}

QByteArray GatewayLogUpload::systemLogLines(const QDateTime &since, const QDateTime &until) const
{
    QStringList files;
    for (int i = m_sources.rotatedFiles; i >= 1; --i) {
        files << m_sources.systemLogPath + QLatin1Char('.') + QString::number(i);
    }
    files << m_sources.systemLogPath;
    QByteArray out;
    for (const QString &path : std::as_const(files)) {
        QFile f(path);
        if (!f.exists()) {
            continue;
        }
        if (!f.open(QIODevice::ReadOnly)) {
            qWarning("uplink: the system log %s cannot be read for the daily upload: %s", qPrintable(path),
                     qPrintable(f.errorString()));
            continue;
        }
        // A file that grew beyond the bound is read from its newest part.
        if (f.size() > kMaxFileBytes) {
            f.seek(f.size() - kMaxFileBytes);
            f.readLine();
        }
        bool inside = false; // continuation lines follow the line they belong to
        while (!f.atEnd()) {
            QByteArray line = f.readLine(64 * 1024);
            if (const auto t = lineTime(line)) {
                inside = *t >= since && *t < until;
            }
            if (inside) {
                if (!line.endsWith('\n')) {
                    line += '\n';
                }
                out += line;
            }
        }
    }
    return out;
}

QByteArray GatewayLogUpload::packRecord(const QString &log, const QString &entryName, const QByteArray &text,
                                        const QDateTime &since, const QDateTime &until)
{
    QByteArray kept = scrub(text);
    const int lines = static_cast<int>(kept.count('\n'));
    int dropped = 0;
    std::optional<QByteArray> zip;
    // Text compresses about tenfold; shrink the kept part until the zip fits.
    qint64 budget = kMaxZipBytes * 8;
    for (int attempt = 0; attempt < 8; ++attempt) {
        dropped += keepNewest(kept, budget);
        QList<ZipEntry> entries{{entryName, kept}};
        if (dropped > 0) {
            entries.append({QStringLiteral("TRUNCATED.txt"),
                            QStringLiteral("%1 older lines were left out to keep this archive under %2 bytes.\n")
                                .arg(dropped)
                                .arg(kMaxZipBytes)
                                .toUtf8()});
        }
        QString error;
        zip = ZipArchive::create(entries, error);
        if (!zip) {
            qWarning("uplink: the %s log cannot be packed for the daily upload: %s", qPrintable(log),
                     qPrintable(error));
            return {};
        }
        if (zip->size() <= kMaxZipBytes) {
            break;
        }
        budget = std::max<qint64>(1024, kept.size() / 2);
        zip.reset();
    }
    if (!zip) {
        return {};
    }
    const QString file = entryName.section(QLatin1Char('.'), 0, 0) + QStringLiteral(".zip");
    return QJsonDocument(
               QJsonObject{{QStringLiteral("log"), log},
                           {QStringLiteral("file"), file},
                           {QStringLiteral("since"), since.toString(Qt::ISODate)},
                           {QStringLiteral("until"), until.toString(Qt::ISODate)},
                           {QStringLiteral("lines"), lines - static_cast<int>(dropped)},
                           {QStringLiteral("linesLeftOut"), dropped},
                           {QStringLiteral("sha256"),
                            QString::fromLatin1(QCryptographicHash::hash(*zip, QCryptographicHash::Sha256).toHex())},
                           {QStringLiteral("zipBase64"), QString::fromLatin1(zip->toBase64())}})
        .toJson(QJsonDocument::Compact);
}

bool GatewayLogUpload::runDue()
{
    try {
        const QDateTime until = dayStart(m_clock.nowUtc());
        QString stored;
        {
            // Finished before the outbox (another connection) writes, so this
            // connection holds no stale read snapshot when it writes afterwards.
            storage::Statement get(m_db, "SELECT value FROM uplink_state WHERE key = ?1");
            get.bind(1, QString::fromLatin1(kStateKey));
            stored = get.step() ? get.text(0) : QString();
        }
        auto remember = [this](const QDateTime &t) {
            storage::Statement st(m_db, "INSERT INTO uplink_state(key, value, updated_at) VALUES(?1, ?2, ?3) "
                                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                                        "updated_at = excluded.updated_at");
            st.bind(1, QString::fromLatin1(kStateKey)).bind(2, t.toString(Qt::ISODate)).bind(3, m_clock.nowSecs());
            st.run();
        };
        QDateTime since = QDateTime::fromString(stored, Qt::ISODate);
        if (!since.isValid()) {
            // First start: the first upload covers the day now running.
            remember(until);
            return false;
        }
        since = since.toUTC();
        if (since >= until) {
            return false;
        }
        since = std::max(since, until.addDays(-kMaxDays));
        const QString day = until.addDays(-1).date().toString(Qt::ISODate);
        const QByteArray audit =
            packRecord(QStringLiteral("audit"), QStringLiteral("audit-%1.jsonl").arg(day),
                       m_sources.auditJsonLines ? m_sources.auditJsonLines(since, until) : QByteArray(), since, until);
        const QByteArray system = packRecord(QStringLiteral("system"), QStringLiteral("netgatewayd-%1.log").arg(day),
                                             systemLogLines(since, until), since, until);
        if (audit.isEmpty() || system.isEmpty()) {
            return false;
        }
        // Dated inside the day they cover, so the uplink's daily slot for logs
        // finds them due at once.
        const qint64 createdAt = until.toSecsSinceEpoch() - 1;
        m_outbox.enqueueAll({{storage::OutboxKind::Logs, QString(), audit, createdAt},
                             {storage::OutboxKind::Logs, QString(), system, createdAt}});
        remember(until);
        qInfo("uplink: the audit log and the system log of %s are queued for upload", qPrintable(day));
        emit produced(since, until);
        return true;
    } catch (const storage::StorageError &e) {
        qWarning("uplink: the daily log upload could not be prepared: %s", qPrintable(e.message()));
        return false;
    }
}

} // namespace netgateway::uplink
