#pragma once

#include <netgateway/wsd/MessageLimits.h>

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace netgateway::wsd {

// What a DPWS device says about itself in its WS-Transfer Get response
// (ThisModel / ThisDevice sections and the PresentationUrl).
struct DeviceMetadata {
    QString manufacturer;
    QString modelName;
    QString modelNumber;
    QString serialNumber;
    QString friendlyName;
    QString firmwareVersion;
    QString presentationUrl;
};

// Parses a GetResponse with QXmlStreamReader under the same limits as every
// other device message: size, depth, string length; DTDs are refused.
std::optional<DeviceMetadata> parseMetadata(const QByteArray &xml, const MessageLimits &limits, QString &error);

// The WS-Transfer Get request for the device with endpoint reference `to`.
QByteArray buildGetRequest(const QString &to, const QString &messageId);

// Fetches metadata over HTTP(S) from a device's XAddr. The XAddr must name
// the device by the address the discovery message came from, so a message
// cannot point the gateway at some other host. The answer is bounded in
// size and time.
class WsdMetadataClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(std::optional<DeviceMetadata> metadata, const QString &error)>;

    explicit WsdMetadataClient(MessageLimits limits = {}, QObject *parent = nullptr);
    ~WsdMetadataClient() override;

    // Returns false (and calls nothing) when the XAddr is refused.
    bool fetch(const QUrl &xaddr, const QHostAddress &expectedHost, const QString &endpointReference, Callback done,
               QString &error);

private:
    MessageLimits m_limits;
    QNetworkAccessManager *m_network;
};

} // namespace netgateway::wsd
