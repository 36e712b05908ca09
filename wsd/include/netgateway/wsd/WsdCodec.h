#pragma once

#include <netgateway/wsd/MessageLimits.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace netgateway::wsd {

// One target service as a WS-Discovery message describes it.
struct WsdEndpoint {
    QString endpointReference; // e.g. urn:uuid:...
    QStringList types;         // QNames as sent, e.g. "wsdp:Device", "wprt:PrintDeviceType"
    QStringList scopes;
    QStringList xaddrs; // transport addresses (metadata URLs)
    unsigned metadataVersion = 0;
};

struct WsdMessage {
    enum class Kind { Hello, Bye, Probe, ProbeMatches, ResolveMatches, Other };
    Kind kind = Kind::Other;
    QString messageId;
    QString relatesTo;
    QList<WsdEndpoint> endpoints;
};

// Builds and parses WS-Discovery (2005/04) SOAP-over-UDP messages with the
// gSOAP wsdd plugin, entirely in memory: the caller does the socket I/O.
// Parsing is bounded by MessageLimits (size, element depth, string length,
// repeated elements), never opens a connection (a message's ReplyTo/FaultTo
// is not followed), and returns an error instead of throwing or crashing.
class WsdCodec {
public:
    explicit WsdCodec(MessageLimits limits = {});

    // A Probe for `types` (default: DPWS devices, which printers are) with the
    // given urn:uuid message id, addressed to target services; the same
    // message serves multicast and directed (unicast) probes.
    [[nodiscard]] QByteArray buildProbe(const QString &messageId,
                                        const QString &types = QStringLiteral("wsdp:Device")) const;

    // A Resolve for the target service `endpointReference`, to learn its
    // XAddrs when a ProbeMatch came without them.
    [[nodiscard]] QByteArray buildResolve(const QString &messageId, const QString &endpointReference) const;

    // Parses one datagram. On failure returns nullopt and a reason in `error`.
    [[nodiscard]] std::optional<WsdMessage> parse(const QByteArray &datagram, QString &error) const;

    // A fresh "urn:uuid:..." message id.
    static QString newMessageId();

    [[nodiscard]] const MessageLimits &limits() const { return m_limits; }

private:
    MessageLimits m_limits;
};

} // namespace netgateway::wsd
