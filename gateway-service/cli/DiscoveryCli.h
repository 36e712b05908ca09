#pragma once

#include <QString>
#include <QStringList>

namespace netgateway::cli {

// `netgatewayctl discovery add|list|show|delete ...`; returns the exit code.
int discoveryCommand(const QString &dataDir, QStringList args);
// Usage lines for the main help text.
const char *discoveryUsage();

} // namespace netgateway::cli
