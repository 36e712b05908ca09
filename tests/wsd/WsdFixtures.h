#pragma once

#include <QByteArray>
#include <QString>

namespace netgateway::test {

// A WS-Discovery 2005/04 message as a DPWS printer sends it. `body` goes into
// soap:Body, `action` is the last segment of the wsa:Action.
inline QByteArray wsdEnvelope(const QByteArray &action, const QByteArray &body,
                              const QByteArray &relatesTo = "urn:uuid:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                              const QByteArray &messageId = "urn:uuid:11111111-2222-3333-4444-555555555555")
{
    return QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" "
                      "xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
                      "xmlns:wsd=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
                      "xmlns:wsdp=\"http://schemas.xmlsoap.org/ws/2006/02/devprof\" "
                      "xmlns:wprt=\"http://schemas.microsoft.com/windows/2006/08/wdp/print\">"
                      "<soap:Header>"
                      "<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>"
                      "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/") +
           action + "</wsa:Action><wsa:MessageID>" + messageId + "</wsa:MessageID>" +
           (relatesTo.isEmpty() ? QByteArray() : "<wsa:RelatesTo>" + relatesTo + "</wsa:RelatesTo>") +
           "<wsd:AppSequence InstanceId=\"7\" MessageNumber=\"1\"/>"
           "</soap:Header><soap:Body>" +
           body + "</soap:Body></soap:Envelope>";
}

inline QByteArray probeMatch(const QByteArray &address = "urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-7a8b9c0d1e2f",
                             const QByteArray &xaddrs = "http://192.0.2.50:80/wsd http://[2001:db8::50]:80/wsd")
{
    return "<wsd:ProbeMatch><wsa:EndpointReference><wsa:Address>" + address +
           "</wsa:Address></wsa:EndpointReference>"
           "<wsd:Types>wsdp:Device wprt:PrintDeviceType</wsd:Types>"
           "<wsd:XAddrs>" +
           xaddrs + "</wsd:XAddrs><wsd:MetadataVersion>3</wsd:MetadataVersion></wsd:ProbeMatch>";
}

inline QByteArray probeMatches(const QByteArray &relatesTo = "urn:uuid:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
{
    return wsdEnvelope("ProbeMatches", "<wsd:ProbeMatches>" + probeMatch() + "</wsd:ProbeMatches>", relatesTo);
}

} // namespace netgateway::test
