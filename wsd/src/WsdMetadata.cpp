#include <netgateway/wsd/WsdCodec.h>
#include <netgateway/wsd/WsdMetadata.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QXmlStreamReader>

namespace netgateway::wsd {

namespace {

const char kDevprof[] = "http://schemas.xmlsoap.org/ws/2006/02/devprof";

} // namespace

QByteArray buildGetRequest(const QString &to, const QString &messageId)
{
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.writeStartDocument();
    w.writeNamespace(QStringLiteral("http://www.w3.org/2003/05/soap-envelope"), QStringLiteral("soap"));
    w.writeNamespace(QStringLiteral("http://schemas.xmlsoap.org/ws/2004/08/addressing"), QStringLiteral("wsa"));
    w.writeStartElement(QStringLiteral("http://www.w3.org/2003/05/soap-envelope"), QStringLiteral("Envelope"));
    w.writeStartElement(QStringLiteral("http://www.w3.org/2003/05/soap-envelope"), QStringLiteral("Header"));
    const QString wsa = QStringLiteral("http://schemas.xmlsoap.org/ws/2004/08/addressing");
    w.writeTextElement(wsa, QStringLiteral("To"), to);
    w.writeTextElement(wsa, QStringLiteral("Action"),
                       QStringLiteral("http://schemas.xmlsoap.org/ws/2004/09/transfer/Get"));
    w.writeTextElement(wsa, QStringLiteral("MessageID"), messageId);
    w.writeStartElement(wsa, QStringLiteral("ReplyTo"));
    w.writeTextElement(wsa, QStringLiteral("Address"),
                       QStringLiteral("http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"));
    w.writeEndElement();
    w.writeEndElement();
    w.writeEmptyElement(QStringLiteral("http://www.w3.org/2003/05/soap-envelope"), QStringLiteral("Body"));
    w.writeEndElement();
    w.writeEndDocument();
    return xml;
}

std::optional<DeviceMetadata> parseMetadata(const QByteArray &xml, const MessageLimits &limits, QString &error)
{
    if (xml.size() > static_cast<qsizetype>(limits.maxMessageBytes)) {
        error = QStringLiteral("metadata of %1 bytes exceeds the limit of %2 bytes")
                    .arg(xml.size())
                    .arg(limits.maxMessageBytes);
        return std::nullopt;
    }
    QXmlStreamReader r(xml);
    DeviceMetadata m;
    int depth = 0;
    bool envelope = false;
    while (!r.atEnd()) {
        const auto token = r.readNext();
        if (token == QXmlStreamReader::DTD || token == QXmlStreamReader::EntityReference) {
            error = QStringLiteral("document type declarations are not allowed in SOAP messages");
            return std::nullopt;
        }
        if (token == QXmlStreamReader::EndElement) {
            --depth;
            continue;
        }
        if (token != QXmlStreamReader::StartElement) {
            continue;
        }
        if (++depth > limits.maxElementDepth) {
            error = QStringLiteral("XML nested deeper than %1 elements").arg(limits.maxElementDepth);
            return std::nullopt;
        }
        if (depth == 1) {
            envelope = r.name() == QLatin1String("Envelope");
            continue;
        }
        if (r.namespaceUri() != QLatin1String(kDevprof)) {
            continue;
        }
        QString *field = nullptr;
        const QStringView name = r.name();
        if (name == QLatin1String("Manufacturer")) {
            field = &m.manufacturer;
        } else if (name == QLatin1String("ModelName")) {
            field = &m.modelName;
        } else if (name == QLatin1String("ModelNumber")) {
            field = &m.modelNumber;
        } else if (name == QLatin1String("SerialNumber")) {
            field = &m.serialNumber;
        } else if (name == QLatin1String("FriendlyName")) {
            field = &m.friendlyName;
        } else if (name == QLatin1String("FirmwareVersion")) {
            field = &m.firmwareVersion;
        } else if (name == QLatin1String("PresentationUrl")) {
            field = &m.presentationUrl;
        }
        if (!field) {
            continue;
        }
        // Several localised values may follow; the first one wins.
        const QString value = r.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
        // readElementText consumed the end element.
        --depth;
        if (value.size() > limits.maxStringLength) {
            error = QStringLiteral("a metadata value is longer than %1 characters").arg(limits.maxStringLength);
            return std::nullopt;
        }
        if (field->isEmpty()) {
            *field = value;
        }
    }
    if (r.hasError()) {
        error = QStringLiteral("malformed metadata: %1").arg(r.errorString());
        return std::nullopt;
    }
    if (!envelope) {
        error = QStringLiteral("the answer is not a SOAP envelope");
        return std::nullopt;
    }
    return m;
}

WsdMetadataClient::WsdMetadataClient(MessageLimits limits, QObject *parent)
    : QObject(parent), m_limits(limits), m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

WsdMetadataClient::~WsdMetadataClient() = default;

bool WsdMetadataClient::fetch(const QUrl &xaddr, const QHostAddress &expectedHost, const QString &endpointReference,
                              Callback done, QString &error)
{
    const QString scheme = xaddr.scheme().toLower();
    if (!xaddr.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        error = QStringLiteral("metadata address '%1' is not an http(s) URL").arg(xaddr.toString().left(200));
        return false;
    }
    const QHostAddress host(xaddr.host());
    if (host.isNull() || !host.isEqual(expectedHost, QHostAddress::ConvertV4MappedToIPv4)) {
        error = QStringLiteral("metadata address '%1' does not name the device's own address %2; not followed")
                    .arg(xaddr.toString().left(200), expectedHost.toString());
        return false;
    }
    QNetworkRequest request(xaddr);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/soap+xml; charset=utf-8"));
    request.setTransferTimeout(static_cast<int>(m_limits.receiveTimeout.count()));
    QNetworkReply *reply = m_network->post(request, buildGetRequest(endpointReference, WsdCodec::newMessageId()));
    const auto limit = static_cast<qint64>(m_limits.maxMessageBytes);
    auto tooBig = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, limit, tooBig](qint64 received, qint64 total) {
        if (received > limit || total > limit) {
            *tooBig = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, limit, tooBig, done = std::move(done)] {
        reply->deleteLater();
        if (*tooBig) {
            done(std::nullopt, QStringLiteral("metadata answer larger than %1 bytes refused").arg(limit));
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            done(std::nullopt, QStringLiteral("metadata request failed: %1").arg(reply->errorString()));
            return;
        }
        const QByteArray body = reply->read(limit + 1);
        QString parseError;
        auto metadata = parseMetadata(body, m_limits, parseError);
        done(metadata, parseError);
    });
    return true;
}

} // namespace netgateway::wsd
