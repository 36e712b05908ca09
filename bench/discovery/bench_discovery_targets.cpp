// Prints how fast the discovery building blocks are that do not touch the
// network: walking a setting near the largest allowed (15 /16 blocks, with
// exclusions and overlaps), validating it, and parsing WS-Discovery
// ProbeMatches and hostile messages with the bounded gSOAP codec.
#include <netgateway/core/discovery/DiscoverySettings.h>
#include <netgateway/core/discovery/Targets.h>
#include <netgateway/wsd/WsdCodec.h>

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace netgateway;

namespace {

QByteArray probeMatches(int matches)
{
    QByteArray body;
    for (int i = 0; i < matches; ++i) {
        body += "<wsd:ProbeMatch><wsa:EndpointReference><wsa:Address>urn:uuid:0e9f7c2a-1d3b-4c5e-8f60-" +
                QByteArray::number(100000000000 + i) +
                "</wsa:Address></wsa:EndpointReference><wsd:Types>wsdp:Device wprt:PrintDeviceType</wsd:Types>"
                "<wsd:XAddrs>http://192.0.2.50:80/wsd</wsd:XAddrs><wsd:MetadataVersion>3</wsd:MetadataVersion>"
                "</wsd:ProbeMatch>";
    }
    return "<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" "
           "xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
           "xmlns:wsd=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
           "xmlns:wsdp=\"http://schemas.xmlsoap.org/ws/2006/02/devprof\" "
           "xmlns:wprt=\"http://schemas.microsoft.com/windows/2006/08/wdp/print\"><soap:Header>"
           "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action>"
           "<wsa:MessageID>urn:uuid:11111111-2222-3333-4444-555555555555</wsa:MessageID>"
           "<wsa:RelatesTo>urn:uuid:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee</wsa:RelatesTo></soap:Header><soap:Body>"
           "<wsd:ProbeMatches>" +
           body + "</wsd:ProbeMatches></soap:Body></soap:Envelope>";
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    core::discovery::DiscoverySettings s;
    s.name = QStringLiteral("bench");
    for (int i = 0; i < 15; ++i) {
        s.targets.append(QStringLiteral("172.%1.0.0/16").arg(16 + i));
    }
    s.targets.append(QStringLiteral("172.20.10.0-172.20.20.255")); // overlaps a /16
    s.exclusions = {QStringLiteral("172.17.0.0/17"), QStringLiteral("172.30.128.0/24")};
    core::discovery::Credential c;
    c.community = QStringLiteral("public");
    s.credentials = {c};

    QElapsedTimer t;
    t.start();
    core::discovery::ValidatedTargets v;
    for (int i = 0; i < 100; ++i) {
        if (!core::discovery::validate(s, &v).isEmpty()) {
            std::fprintf(stderr, "setting refused\n");
            return 1;
        }
    }
    const double validateUs = static_cast<double>(t.nsecsElapsed()) / 100 / 1000;

    t.restart();
    core::discovery::TargetIterator it(v.targets, v.exclusions);
    std::uint64_t n = 0;
    while (it.next()) {
        ++n;
    }
    const double walkMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    std::printf("validate setting (15 x /16 + overlapping range, 2 exclusions): %.1f us\n", validateUs);
    std::printf("walk: %llu addresses in %.1f ms (%.1f M addresses/s)\n", static_cast<unsigned long long>(n), walkMs,
                static_cast<double>(n) / walkMs / 1000);

    const wsd::WsdCodec codec;
    for (const int matches : {1, 50}) {
        const QByteArray message = probeMatches(matches);
        const int rounds = matches == 1 ? 20000 : 2000;
        QString error;
        t.restart();
        for (int i = 0; i < rounds; ++i) {
            if (!codec.parse(message, error)) {
                std::fprintf(stderr, "parse failed: %s\n", qPrintable(error));
                return 1;
            }
        }
        const double us = static_cast<double>(t.nsecsElapsed()) / rounds / 1000;
        std::printf("parse ProbeMatches with %d match(es), %lld bytes: %.1f us/message (%.0f messages/s)\n", matches,
                    static_cast<long long>(message.size()), us, 1e6 / us);
    }
    QByteArray deep = probeMatches(1);
    QByteArray nest;
    for (int i = 0; i < 8000; ++i) {
        nest += "<x>";
    }
    deep.insert(deep.indexOf("</wsd:ProbeMatches>"), nest);
    QString error;
    t.restart();
    for (int i = 0; i < 2000; ++i) {
        (void)codec.parse(deep, error);
    }
    std::printf("refuse 24 KB message nested 8000 deep: %.1f us/message\n",
                static_cast<double>(t.nsecsElapsed()) / 2000 / 1000);
    return 0;
}
