#pragma once

#include <QString>
#include <QStringList>

// netgatewayctl tasks ...: the history of the cloud's maintenance tasks and
// the SNMP write credentials they use. Credentials are read as a JSON object
// from standard input, never from the command line.
int tasksCommand(const QString &dataDir, QStringList args);

extern const char kTasksUsageText[];
