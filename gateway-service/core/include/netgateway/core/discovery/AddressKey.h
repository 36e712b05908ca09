#pragma once

#include <QByteArray>
#include <QString>

namespace netgateway::core::discovery {

// A key whose byte order is the order an administrator expects for device
// addresses: IPv4 addresses by number, then IPv6 addresses by number (zone
// after), then host names alphabetically (case-insensitive).
QByteArray addressSortKey(const QString &address);

} // namespace netgateway::core::discovery
