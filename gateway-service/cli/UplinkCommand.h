#pragma once

#include <QString>
#include <QStringList>

// netgatewayctl uplink ...: configure, register, sync and show the cloud uplink
// of the running service. Secrets (access code, passwords) are read from
// standard input, never from the command line.
int uplinkCommand(const QString &dataDir, QStringList args);

extern const char kUplinkUsageText[];
