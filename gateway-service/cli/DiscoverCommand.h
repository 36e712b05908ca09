#pragma once

#include <QStringList>

namespace netgateway::cli {

// netgatewayctl discover TARGET... [options]: sweeps addresses, ranges and
// subnets over SNMP directly, without the service, and lists the printers.
// Exit codes: 0 success (also when nothing was found), 2 usage error, 1 other errors.
int discoverCommand(const QStringList &args);

extern const char kDiscoverUsage[];

} // namespace netgateway::cli
