#include <netgateway/wsd/WsdCodec.h>

#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <cstring>

#include "wsddapi.h"

namespace netgateway::wsd {

namespace {

// Namespaces of the messages the gateway writes and reads: SOAP 1.2 (SOAP 1.1
// accepted on input), WS-Addressing 2004/08, WS-Discovery 2005/04 and the
// Devices Profile (for the wsdp:Device probe type).
const Namespace kNamespaces[] = {
    {"SOAP-ENV", "http://www.w3.org/2003/05/soap-envelope", "http://schemas.xmlsoap.org/soap/envelope/", nullptr},
    {"SOAP-ENC", "http://www.w3.org/2003/05/soap-encoding", "http://schemas.xmlsoap.org/soap/encoding/", nullptr},
    {"xsi", "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/*/XMLSchema-instance", nullptr},
    {"xsd", "http://www.w3.org/2001/XMLSchema", "http://www.w3.org/*/XMLSchema", nullptr},
    {"wsa", "http://schemas.xmlsoap.org/ws/2004/08/addressing", nullptr, nullptr},
    {"wsdd", "http://schemas.xmlsoap.org/ws/2005/04/discovery", nullptr, nullptr},
    {"wsdp", "http://schemas.xmlsoap.org/ws/2006/02/devprof", nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

constexpr int kMaxListItems = 64;

// State of one in-memory exchange, reached from gSOAP callbacks via soap->user.
struct Exchange {
    const QByteArray *input = nullptr;
    qsizetype inputPos = 0;
    QByteArray output;
    WsdMessage *message = nullptr;
    long maxString = 0;
};

Exchange *exchangeOf(struct soap *soap)
{
    return static_cast<Exchange *>(soap->user);
}

size_t memoryRecv(struct soap *soap, char *buffer, size_t length)
{
    Exchange *x = exchangeOf(soap);
    const auto available = static_cast<size_t>(x->input->size() - x->inputPos);
    const size_t n = std::min(length, available);
    std::memcpy(buffer, x->input->constData() + x->inputPos, n);
    x->inputPos += static_cast<qsizetype>(n);
    return n;
}

int memorySend(struct soap *soap, const char *data, size_t length)
{
    Exchange *x = exchangeOf(soap);
    if (x->output.size() + static_cast<qsizetype>(length) > 64 * 1024) {
        return SOAP_EOM;
    }
    x->output.append(data, static_cast<qsizetype>(length));
    return SOAP_OK;
}

// Placeholder "socket" for composing: nothing is ever written to it.
constexpr SOAP_SOCKET kNoSocket = 0x7ffffff0;

SOAP_SOCKET composeOpen(struct soap *, const char *, const char *, int)
{
    return kNoSocket;
}

// Parsing never connects anywhere: a ReplyTo or FaultTo inside a received
// message must not make the gateway send traffic to an address it names.
SOAP_SOCKET refuseOpen(struct soap *soap, const char *, const char *, int)
{
    soap->error = SOAP_TCP_ERROR;
    return SOAP_INVALID_SOCKET;
}

int noClose(struct soap *)
{
    return SOAP_OK;
}

QStringList splitList(const char *text, long maxString)
{
    QStringList out;
    if (!text) {
        return out;
    }
    const QString s = QString::fromUtf8(text, static_cast<qsizetype>(strnlen(text, static_cast<size_t>(maxString))));
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    for (const QString &item : s.split(whitespace, Qt::SkipEmptyParts)) {
        if (out.size() >= kMaxListItems) {
            break;
        }
        out.append(item);
    }
    return out;
}

QString text(const char *s, long maxString)
{
    return s ? QString::fromUtf8(s, static_cast<qsizetype>(strnlen(s, static_cast<size_t>(maxString)))) : QString();
}

void setHeader(struct soap *soap, WsdMessage::Kind kind, const char *messageId, const char *relatesTo)
{
    Exchange *x = exchangeOf(soap);
    if (!x || !x->message) {
        return;
    }
    x->message->kind = kind;
    x->message->messageId = text(messageId, x->maxString);
    x->message->relatesTo = text(relatesTo, x->maxString);
}

void addEndpoint(struct soap *soap, const char *epr, const char *types, const char *scopes, const char *xaddrs,
                 unsigned version)
{
    Exchange *x = exchangeOf(soap);
    if (!x || !x->message || !epr) {
        return;
    }
    WsdEndpoint e;
    e.endpointReference = text(epr, x->maxString);
    e.types = splitList(types, x->maxString);
    e.scopes = splitList(scopes, x->maxString);
    e.xaddrs = splitList(xaddrs, x->maxString);
    e.metadataVersion = version;
    x->message->endpoints.append(e);
}

// A linear pre-scan of the raw XML before gSOAP sees it: refuses document
// type declarations (SOAP forbids them; they are the road to entity
// expansion) and nesting deeper than the limit, including inside elements
// gSOAP would skip as unknown. Returns an empty string when acceptable.
QString prescan(const QByteArray &xml, int maxDepth)
{
    const char *p = xml.constData();
    const char *end = p + xml.size();
    int depth = 0;
    const auto skipPast = [&](const char *from, const char *terminator) -> const char * {
        const auto n = static_cast<qsizetype>(std::strlen(terminator));
        const qsizetype at = xml.indexOf(terminator, from - xml.constData());
        return at < 0 ? nullptr : xml.constData() + at + n;
    };
    while (p < end) {
        if (*p != '<') {
            ++p;
            continue;
        }
        if (end - p < 2) {
            return QStringLiteral("truncated XML");
        }
        const char next = p[1];
        if (next == '?') {
            p = skipPast(p, "?>");
        } else if (next == '!') {
            if (xml.mid(p - xml.constData(), 4) == "<!--") {
                p = skipPast(p + 4, "-->");
            } else if (xml.mid(p - xml.constData(), 9) == "<![CDATA[") {
                p = skipPast(p + 9, "]]>");
            } else {
                return QStringLiteral("document type declarations are not allowed in SOAP messages");
            }
        } else if (next == '/') {
            --depth;
            p = skipPast(p, ">");
        } else {
            char quote = 0;
            const char *q = p + 1;
            for (; q < end; ++q) {
                if (quote) {
                    quote = *q == quote ? 0 : quote;
                } else if (*q == '"' || *q == '\'') {
                    quote = *q;
                } else if (*q == '>') {
                    break;
                }
            }
            if (q >= end) {
                return QStringLiteral("truncated XML");
            }
            if (q[-1] != '/' && ++depth > maxDepth) {
                return QStringLiteral("XML nested deeper than %1 elements").arg(maxDepth);
            }
            p = q + 1;
        }
        if (!p) {
            return QStringLiteral("truncated XML");
        }
    }
    return {};
}

struct SoapContext {
    explicit SoapContext(const MessageLimits &limits) : soap(soap_new1(SOAP_C_UTFSTRING))
    {
        if (!soap) {
            return;
        }
        soap_set_namespaces(soap, kNamespaces);
        soap_register_plugin(soap, soap_wsa);
        soap->recv_maxlength = limits.maxMessageBytes;
        soap->maxlevel = static_cast<unsigned>(limits.maxElementDepth);
        soap->maxlength = limits.maxStringLength;
        soap->maxoccurs = limits.maxRepeats;
        soap->recv_timeout = soap->send_timeout = soap->connect_timeout = 1;
        soap->fclose = noClose;
        soap->fopen = refuseOpen;
        soap->fsend = memorySend;
        soap->frecv = memoryRecv;
    }
    ~SoapContext()
    {
        if (soap) {
            soap_destroy(soap);
            soap_end(soap);
            soap_free(soap);
        }
    }
    SoapContext(const SoapContext &) = delete;
    SoapContext &operator=(const SoapContext &) = delete;
    struct soap *soap;
};

QString soapError(struct soap *soap)
{
    const char *s = *soap_faultstring(soap);
    QString reason = s ? QString::fromUtf8(s).left(200) : QStringLiteral("error %1").arg(soap->error);
    return reason;
}

} // namespace

WsdCodec::WsdCodec(MessageLimits limits) : m_limits(limits)
{
}

QString WsdCodec::newMessageId()
{
    return QStringLiteral("urn:uuid:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray WsdCodec::buildProbe(const QString &messageId, const QString &types) const
{
    SoapContext ctx(m_limits);
    if (!ctx.soap) {
        return {};
    }
    Exchange x;
    ctx.soap->user = &x;
    ctx.soap->fopen = composeOpen;
    const QByteArray id = messageId.toUtf8();
    const QByteArray t = types.toUtf8();
    const QByteArray endpoint =
        QStringLiteral("soap.udp://%1:%2").arg(QLatin1String(kMulticastIPv4)).arg(kDiscoveryPort).toUtf8();
    const int rc = soap_wsdd_Probe(ctx.soap, SOAP_WSDD_ADHOC, SOAP_WSDD_TO_TS, endpoint.constData(), id.constData(),
                                   nullptr, t.isEmpty() ? nullptr : t.constData(), nullptr, nullptr);
    if (rc != SOAP_OK) {
        return {};
    }
    return x.output;
}

QByteArray WsdCodec::buildResolve(const QString &messageId, const QString &endpointReference) const
{
    SoapContext ctx(m_limits);
    if (!ctx.soap) {
        return {};
    }
    Exchange x;
    ctx.soap->user = &x;
    ctx.soap->fopen = composeOpen;
    const QByteArray id = messageId.toUtf8();
    const QByteArray epr = endpointReference.toUtf8();
    const QByteArray endpoint =
        QStringLiteral("soap.udp://%1:%2").arg(QLatin1String(kMulticastIPv4)).arg(kDiscoveryPort).toUtf8();
    if (soap_wsdd_Resolve(ctx.soap, SOAP_WSDD_ADHOC, SOAP_WSDD_TO_TS, endpoint.constData(), id.constData(), nullptr,
                          epr.constData()) != SOAP_OK) {
        return {};
    }
    return x.output;
}

std::optional<WsdMessage> WsdCodec::parse(const QByteArray &datagram, QString &error) const
{
    if (datagram.size() > static_cast<qsizetype>(m_limits.maxMessageBytes)) {
        error = QStringLiteral("message of %1 bytes exceeds the limit of %2 bytes")
                    .arg(datagram.size())
                    .arg(m_limits.maxMessageBytes);
        return std::nullopt;
    }
    if (datagram.isEmpty()) {
        error = QStringLiteral("empty message");
        return std::nullopt;
    }
    const QString structural = prescan(datagram, m_limits.maxElementDepth);
    if (!structural.isEmpty()) {
        error = structural;
        return std::nullopt;
    }
    SoapContext ctx(m_limits);
    if (!ctx.soap) {
        error = QStringLiteral("out of memory");
        return std::nullopt;
    }
    WsdMessage message;
    Exchange x;
    x.input = &datagram;
    x.message = &message;
    x.maxString = m_limits.maxStringLength;
    ctx.soap->user = &x;
    if (soap_begin_serve(ctx.soap) != SOAP_OK) {
        error = QStringLiteral("malformed SOAP envelope: %1").arg(soapError(ctx.soap));
        return std::nullopt;
    }
    if (soap_wsdd_serve_request(ctx.soap) != SOAP_OK) {
        if (ctx.soap->error == SOAP_NO_METHOD) {
            message.kind = WsdMessage::Kind::Other;
            return message;
        }
        error = QStringLiteral("invalid WS-Discovery message: %1").arg(soapError(ctx.soap));
        return std::nullopt;
    }
    if (static_cast<int>(message.endpoints.size()) > m_limits.maxEndpoints) {
        message.endpoints.resize(m_limits.maxEndpoints);
    }
    return message;
}

} // namespace netgateway::wsd

// ---------------------------------------------------------------------------
// Event handlers the wsdd plugin calls while parsing (see wsddapi.h). They
// only copy the message into the Exchange behind soap->user; the gateway is a
// client, so Probe and Resolve requests from others are not answered.

void wsdd_event_Hello(struct soap *soap, unsigned int, const char *, unsigned int, const char *MessageID,
                      const char *RelatesTo, const char *EndpointReference, const char *Types, const char *Scopes,
                      const char *, const char *XAddrs, unsigned int MetadataVersion)
{
    using namespace netgateway::wsd;
    setHeader(soap, WsdMessage::Kind::Hello, MessageID, RelatesTo);
    addEndpoint(soap, EndpointReference, Types, Scopes, XAddrs, MetadataVersion);
}

void wsdd_event_Bye(struct soap *soap, unsigned int, const char *, unsigned int, const char *MessageID,
                    const char *RelatesTo, const char *EndpointReference, const char *Types, const char *Scopes,
                    const char *, const char *XAddrs, unsigned int *MetadataVersion)
{
    using namespace netgateway::wsd;
    setHeader(soap, WsdMessage::Kind::Bye, MessageID, RelatesTo);
    addEndpoint(soap, EndpointReference, Types, Scopes, XAddrs, MetadataVersion ? *MetadataVersion : 0);
}

soap_wsdd_mode wsdd_event_Probe(struct soap *soap, const char *MessageID, const char *, const char *Types,
                                const char *Scopes, const char *, struct wsdd__ProbeMatchesType *)
{
    using namespace netgateway::wsd;
    // Recorded (a probe from another client, or our own looped back) but
    // never answered: the gateway is not a target service.
    setHeader(soap, WsdMessage::Kind::Probe, MessageID, nullptr);
    Exchange *x = exchangeOf(soap);
    if (x && x->message) {
        WsdEndpoint query;
        query.types = splitList(Types, x->maxString);
        query.scopes = splitList(Scopes, x->maxString);
        x->message->endpoints.append(query);
    }
    return SOAP_WSDD_ADHOC;
}

void wsdd_event_ProbeMatches(struct soap *soap, unsigned int, const char *, unsigned int, const char *MessageID,
                             const char *RelatesTo, struct wsdd__ProbeMatchesType *matches)
{
    using namespace netgateway::wsd;
    setHeader(soap, WsdMessage::Kind::ProbeMatches, MessageID, RelatesTo);
    if (!matches || !matches->ProbeMatch) {
        return;
    }
    for (int i = 0; i < matches->__sizeProbeMatch; ++i) {
        const wsdd__ProbeMatchType &m = matches->ProbeMatch[i];
        addEndpoint(soap, m.wsa__EndpointReference.Address, m.Types, m.Scopes ? m.Scopes->__item : nullptr, m.XAddrs,
                    m.MetadataVersion);
    }
}

soap_wsdd_mode wsdd_event_Resolve(struct soap *, const char *, const char *, const char *,
                                  struct wsdd__ResolveMatchType *)
{
    return SOAP_WSDD_ADHOC;
}

void wsdd_event_ResolveMatches(struct soap *soap, unsigned int, const char *, unsigned int, const char *MessageID,
                               const char *RelatesTo, struct wsdd__ResolveMatchType *match)
{
    using namespace netgateway::wsd;
    setHeader(soap, WsdMessage::Kind::ResolveMatches, MessageID, RelatesTo);
    if (match) {
        addEndpoint(soap, match->wsa__EndpointReference.Address, match->Types,
                    match->Scopes ? match->Scopes->__item : nullptr, match->XAddrs, match->MetadataVersion);
    }
}
