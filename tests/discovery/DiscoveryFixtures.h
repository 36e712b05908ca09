#pragma once

// Helpers shared by the discovery run tests: a fleetsim process, an audit
// sink that remembers, and a minimal WS-Discovery target service that
// answers directed Probes on one loopback address.
#include <netgateway/core/discovery/AuditSink.h>
#include <netgateway/wsd/WsdCodec.h>

#include "../wsd/WsdFixtures.h"

#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>
#include <QUdpSocket>
#include <QUuid>

namespace netgateway::test {

class RecordingAudit final : public core::AuditSink {
public:
    void record(const QString &action, const QString &subject, const QJsonObject &) override
    {
        entries.append(action + QStringLiteral(": ") + subject);
    }
    QStringList entries;
};

// Answers every WS-Discovery Probe sent to address:3702 with a ProbeMatch
// for one endpoint with the given types.
class WsdResponder : public QObject {
public:
    bool start(const QString &address, const QByteArray &types)
    {
        m_address = address.toUtf8();
        m_types = types;
        m_endpoint = "urn:uuid:" + QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8();
        if (!m_socket.bind(QHostAddress(address), 3702, QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
            return false;
        }
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] {
            while (m_socket.hasPendingDatagrams()) {
                QHostAddress from;
                quint16 port = 0;
                QByteArray datagram(static_cast<int>(m_socket.pendingDatagramSize()), '\0');
                m_socket.readDatagram(datagram.data(), datagram.size(), &from, &port);
                QString error;
                const auto message = m_codec.parse(datagram, error);
                if (!message || message->kind != wsd::WsdMessage::Kind::Probe) {
                    continue;
                }
                ++probes;
                // The XAddr has nothing behind it: metadata fails fast, identity comes from SNMP.
                const QByteArray match = "<wsd:ProbeMatches><wsd:ProbeMatch><wsa:EndpointReference><wsa:Address>" +
                                         m_endpoint + "</wsa:Address></wsa:EndpointReference><wsd:Types>" + m_types +
                                         "</wsd:Types><wsd:XAddrs>http://" + m_address +
                                         ":9/wsd</wsd:XAddrs><wsd:MetadataVersion>1</wsd:MetadataVersion>"
                                         "</wsd:ProbeMatch></wsd:ProbeMatches>";
                const QByteArray id = "urn:uuid:" + QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8();
                m_socket.writeDatagram(wsdEnvelope("ProbeMatches", match, message->messageId.toUtf8(), id), from, port);
            }
        });
        return true;
    }
    int probes = 0;

private:
    wsd::WsdCodec m_codec{wsd::MessageLimits{}};
    QUdpSocket m_socket;
    QByteArray m_address;
    QByteArray m_types;
    QByteArray m_endpoint;
};

} // namespace netgateway::test
