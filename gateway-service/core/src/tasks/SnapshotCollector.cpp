#include <netgateway/core/polling/DeviceReader.h>
#include <netgateway/core/polling/SnmpDeviceReader.h>
#include <netgateway/snmp/SnmpEngine.h>
#include <netgateway/tasks/SnapshotCollector.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>

#include <zip.h>

namespace netgateway::tasks {

using namespace core::polling;

namespace {

QString outcomeText(ReadOutcome o)
{
    switch (o) {
    case ReadOutcome::Ok:
        return QStringLiteral("ok");
    case ReadOutcome::Timeout:
        return QStringLiteral("no answer");
    case ReadOutcome::Unreachable:
        return QStringLiteral("unreachable");
    case ReadOutcome::AuthFailure:
        return QStringLiteral("credentials refused");
    case ReadOutcome::Malformed:
        return QStringLiteral("malformed answer");
    }
    return {};
}

QJsonValue snmpValue(const snmp::Value &v)
{
    if (v.type == snmp::Value::Type::Integer) {
        return static_cast<double>(v.integer);
    }
    if (v.isUnsignedType()) {
        return static_cast<double>(v.unsigned64);
    }
    if (v.type == snmp::Value::Type::OctetString) {
        return QString::fromUtf8(v.bytes);
    }
    if (v.type == snmp::Value::Type::ObjectId) {
        return v.oid.toString();
    }
    return QString::fromLatin1(v.bytes.toHex());
}

const char *kTrayColumns[] = {nullptr,
                              nullptr,
                              "type",
                              "dimUnit",
                              "mediaDimFeedDirDeclared",
                              "mediaDimXFeedDirDeclared",
                              "mediaDimFeedDirChosen",
                              "mediaDimXFeedDirChosen",
                              "capacityUnit",
                              "maxCapacity",
                              "currentLevel",
                              "status",
                              "mediaName",
                              "name"};

} // namespace

SnapshotCollector::SnapshotCollector(DeviceReader *reader, snmp::SnmpEngine *engine, CredentialSource *credentials,
                                     SnapshotOptions options, QObject *parent)
    : QObject(parent), m_reader(reader), m_engine(engine), m_credentials(credentials), m_options(options)
{
    m_pageTimer.setSingleShot(true);
}

SnapshotCollector::~SnapshotCollector()
{
    m_done = true;
    if (m_page) {
        m_page->abort();
    }
}

void SnapshotCollector::collect(std::int64_t deviceId, const QString &address, const QString &deviceKey, bool webPage)
{
    m_deviceId = deviceId;
    m_address = address;
    m_deviceKey = deviceKey;
    m_webPage = webPage;
    readStatus();
}

void SnapshotCollector::addJson(const QString &name, const QJsonObject &o)
{
    m_files.append({name, QJsonDocument(o).toJson(QJsonDocument::Indented)});
}

void SnapshotCollector::missing(const QString &part, const QString &why)
{
    m_missing.append(QJsonObject{{QStringLiteral("part"), part}, {QStringLiteral("reason"), why}});
}

void SnapshotCollector::readStatus()
{
    if (!m_reader) {
        missing(QStringLiteral("status"), QStringLiteral("no SNMP reader"));
        readCounters();
        return;
    }
    QPointer<SnapshotCollector> self(this);
    m_reader->readStatus(DeviceTarget{m_deviceId, m_address}, [self](StatusResult r) {
        if (!self || self->m_done) {
            return;
        }
        if (r.outcome == ReadOutcome::Ok) {
            ++self->m_answered;
            self->addJson(QStringLiteral("status.json"),
                          {{QStringLiteral("power"), r.power == DevicePowerState::Sleeping ? QStringLiteral("sleeping")
                                                                                           : QStringLiteral("online")},
                           {QStringLiteral("detail"), r.detail}});
        } else {
            self->missing(QStringLiteral("status"), outcomeText(r.outcome));
        }
        self->readAlerts();
    });
}

void SnapshotCollector::readAlerts()
{
    QPointer<SnapshotCollector> self(this);
    m_reader->walkAlertTable(DeviceTarget{m_deviceId, m_address}, [self](AlertTableResult r) {
        if (!self || self->m_done) {
            return;
        }
        if (r.outcome == ReadOutcome::Ok) {
            ++self->m_answered;
            QJsonArray alerts;
            for (const AlertEntry &a : r.alerts) {
                alerts.append(QJsonObject{
                    {QStringLiteral("key"), a.key},
                    {QStringLiteral("severity"), a.severity == AlertSeverity::Critical  ? QStringLiteral("critical")
                                                 : a.severity == AlertSeverity::Warning ? QStringLiteral("warning")
                                                                                        : QStringLiteral("other")},
                    {QStringLiteral("code"), static_cast<double>(a.code)},
                    {QStringLiteral("description"), a.description}});
            }
            self->addJson(QStringLiteral("alerts.json"), {{QStringLiteral("alerts"), alerts}});
        } else {
            self->missing(QStringLiteral("alerts"), outcomeText(r.outcome));
        }
        self->readCounters();
    });
}

void SnapshotCollector::readCounters()
{
    if (!m_reader) {
        readTrays();
        return;
    }
    QPointer<SnapshotCollector> self(this);
    m_reader->readCounters(DeviceTarget{m_deviceId, m_address}, [self](CountersResult r) {
        if (!self || self->m_done) {
            return;
        }
        if (r.outcome == ReadOutcome::Ok) {
            ++self->m_answered;
            QJsonArray counters;
            for (const CounterValue &c : r.counters) {
                counters.append(QJsonObject{{QStringLiteral("name"), c.name},
                                            {QStringLiteral("value"), static_cast<double>(c.value)}});
            }
            QJsonArray supplies;
            for (const SupplyLevel &s : r.supplies) {
                supplies.append(QJsonObject{{QStringLiteral("name"), s.name},
                                            {QStringLiteral("description"), s.description},
                                            {QStringLiteral("level"), s.level},
                                            {QStringLiteral("maxCapacity"), s.maxCapacity}});
            }
            self->addJson(QStringLiteral("counters.json"), {{QStringLiteral("counters"), counters}});
            self->addJson(QStringLiteral("supplies.json"), {{QStringLiteral("supplies"), supplies}});
        } else {
            self->missing(QStringLiteral("counters"), outcomeText(r.outcome));
            self->missing(QStringLiteral("supplies"), outcomeText(r.outcome));
        }
        self->readTrays();
    });
}

void SnapshotCollector::readTrays()
{
    QString why;
    const auto creds = m_credentials ? m_credentials->credentials(m_deviceId, why) : std::nullopt;
    if (!m_engine || !creds) {
        missing(QStringLiteral("trays"), why.isEmpty() ? QStringLiteral("no SNMP credentials") : why);
        fetchPage(false);
        return;
    }
    snmp::Target t;
    t.address = QHostAddress(m_address);
    t.port = m_options.snmpPort;
    t.credentials = *creds;
    t.timeoutMs = m_options.snmpTimeoutMs;
    QPointer<SnapshotCollector> self(this);
    // prtInputTable (RFC 3805): one row per tray.
    m_engine->walk(t, *snmp::Oid::parse(u"1.3.6.1.2.1.43.8.2.1"), [self](const snmp::WalkResult &r) {
        if (!self || self->m_done) {
            return;
        }
        if (r.outcome == snmp::Outcome::Ok) {
            ++self->m_answered;
            QMap<QString, QJsonObject> rows;
            for (const snmp::VarBind &vb : r.varBinds) {
                // 1.3.6.1.2.1.43.8.2.1.COLUMN.DEVICE.INDEX
                const auto &parts = vb.oid.parts();
                if (parts.size() < 13) {
                    continue;
                }
                const quint32 column = parts.at(10);
                const QString row = QString::number(parts.at(11)) + QLatin1Char('.') + QString::number(parts.at(12));
                const char *name = column < std::size(kTrayColumns) ? kTrayColumns[column] : nullptr;
                if (name) {
                    rows[row].insert(QLatin1String(name), snmpValue(vb.value));
                }
            }
            QJsonArray trays;
            for (auto it = rows.begin(); it != rows.end(); ++it) {
                QJsonObject o = it.value();
                o.insert(QStringLiteral("index"), it.key());
                trays.append(o);
            }
            self->addJson(QStringLiteral("trays.json"), {{QStringLiteral("trays"), trays}});
        } else {
            self->missing(QStringLiteral("trays"), r.message);
        }
        self->fetchPage(false);
    });
}

void SnapshotCollector::fetchPage(bool tls)
{
    if (!m_webPage) {
        pack();
        return;
    }
    if (!m_nam) {
        m_nam = new QNetworkAccessManager(this);
        // The device is on the LAN: never through the uplink's proxy.
        m_nam->setProxy(QNetworkProxy::NoProxy);
    }
    QUrl url;
    url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(m_address);
    url.setPort(tls ? m_options.httpsPort : m_options.httpPort);
    url.setPath(QStringLiteral("/"));
    QNetworkRequest req(url);
    // Redirects are followed only on the device itself (e.g. to /index.html or
    // to HTTPS): a device must not make the gateway fetch another host.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    req.setMaximumRedirectsAllowed(3);
    req.setTransferTimeout(m_options.webTimeoutMs);
    QNetworkReply *reply = m_nam->get(req);
    m_page = reply;
    // Printers' embedded servers use self-signed certificates; the page is
    // only read and archived, nothing is sent to the device.
    connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
    const QString deviceHost = url.host();
    connect(reply, &QNetworkReply::redirected, reply, [reply, deviceHost](const QUrl &to) {
        if (to.host() == deviceHost &&
            (to.scheme() == QLatin1String("http") || to.scheme() == QLatin1String("https"))) {
            emit reply->redirectAllowed();
        } else {
            reply->abort();
        }
    });
    auto body = std::make_shared<QByteArray>();
    auto truncated = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::readyRead, this, [this, reply, body, truncated] {
        const QByteArray chunk = reply->readAll();
        const qint64 room = m_options.webMaxBytes - body->size();
        body->append(chunk.left(std::max<qint64>(0, room)));
        if (chunk.size() > room) {
            *truncated = true;
            reply->abort();
        }
    });
    m_pageTimer.disconnect();
    connect(&m_pageTimer, &QTimer::timeout, reply, [reply] { reply->abort(); });
    m_pageTimer.start(m_options.webTimeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, reply, body, truncated, tls, url] {
        reply->deleteLater();
        m_pageTimer.stop();
        if (m_done) {
            return;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (*truncated || (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300)) {
            body->append(reply->read(std::max<qint64>(0, m_options.webMaxBytes - body->size())));
            ++m_answered;
            m_files.append({QStringLiteral("status-page.html"), *body});
            addJson(QStringLiteral("status-page.json"), {{QStringLiteral("url"), url.toString()},
                                                         {QStringLiteral("httpStatus"), status},
                                                         {QStringLiteral("bytes"), body->size()},
                                                         {QStringLiteral("truncated"), *truncated}});
            pack();
        } else if (!tls) {
            missing(url.toString(), reply->errorString());
            fetchPage(true);
        } else {
            missing(url.toString(), reply->errorString());
            pack();
        }
    });
}

void SnapshotCollector::pack()
{
    if (m_done) {
        return;
    }
    m_done = true;
    QJsonObject manifest{{QStringLiteral("device"), m_deviceKey},
                         {QStringLiteral("address"), m_address},
                         {QStringLiteral("takenAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                         {QStringLiteral("missing"), m_missing}};
    QJsonArray names;
    for (const auto &f : std::as_const(m_files)) {
        names.append(f.first);
    }
    manifest.insert(QStringLiteral("files"), names);
    m_files.prepend({QStringLiteral("manifest.json"), QJsonDocument(manifest).toJson(QJsonDocument::Indented)});
    if (m_answered == 0) {
        emit finished(false, {}, manifest, QStringLiteral("the device answered none of the snapshot's requests"));
        return;
    }
    const QByteArray archive = zip(m_files);
    if (archive.isEmpty()) {
        emit finished(false, {}, manifest, QStringLiteral("the snapshot archive could not be built"));
        return;
    }
    emit finished(true, archive, manifest,
                  QStringLiteral("snapshot of %1 parts, %2 missing").arg(names.size()).arg(m_missing.size()));
}

QByteArray SnapshotCollector::zip(const QList<std::pair<QString, QByteArray>> &files)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer) {
        zip_error_fini(&error);
        return {};
    }
    zip_t *archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (!archive) {
        zip_source_free(buffer);
        zip_error_fini(&error);
        return {};
    }
    zip_source_keep(buffer); // read the bytes back after zip_close()
    bool ok = true;
    for (const auto &f : files) {
        // The data stays alive in `files` until zip_close() below.
        zip_source_t *s =
            zip_source_buffer(archive, f.second.constData(), static_cast<zip_uint64_t>(f.second.size()), 0);
        if (!s || zip_file_add(archive, f.first.toUtf8().constData(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(s);
            ok = false;
            break;
        }
    }
    if (!ok || zip_close(archive) < 0) {
        zip_discard(archive);
        zip_source_free(buffer);
        zip_error_fini(&error);
        return {};
    }
    QByteArray out;
    if (zip_source_open(buffer) == 0) {
        zip_source_seek(buffer, 0, SEEK_END);
        const zip_int64_t size = zip_source_tell(buffer);
        zip_source_seek(buffer, 0, SEEK_SET);
        if (size > 0) {
            out.resize(static_cast<qsizetype>(size));
            if (zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size)) != size) {
                out.clear();
            }
        }
        zip_source_close(buffer);
    }
    zip_source_free(buffer);
    zip_error_fini(&error);
    return out;
}

} // namespace netgateway::tasks
