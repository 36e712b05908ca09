#include <netgateway/core/discovery/AddressKey.h>

#include <QHostAddress>

namespace netgateway::core::discovery {

QByteArray addressSortKey(const QString &address)
{
    QHostAddress ip;
    if (ip.setAddress(address)) {
        bool isV4 = false;
        const quint32 v4 = ip.toIPv4Address(&isV4);
        if (isV4) {
            QByteArray key(5, '\0');
            key[0] = 4;
            for (int i = 0; i < 4; ++i) {
                key[1 + i] = static_cast<char>((v4 >> (24 - 8 * i)) & 0xFF);
            }
            return key;
        }
        const Q_IPV6ADDR v6 = ip.toIPv6Address();
        QByteArray key(1, 6);
        key.append(reinterpret_cast<const char *>(v6.c), 16);
        return key + ip.scopeId().toUtf8();
    }
    return QByteArray(1, 0x7F) + address.toLower().toUtf8();
}

} // namespace netgateway::core::discovery
