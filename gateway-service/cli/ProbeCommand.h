#pragma once

#include <QStringList>

namespace netgateway::cli {

// netgatewayctl probe ADDRESS[:PORT] [options]: reads one device directly over
// SNMP, without the service. Exit codes: 0 success, 2 usage error, 3 timeout
// or unreachable, 4 SNMPv3 authentication or privacy failure, 1 other errors.
int probeCommand(const QStringList &args);

extern const char kProbeUsage[];

} // namespace netgateway::cli
