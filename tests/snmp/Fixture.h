#pragma once

#include <netgateway/snmp/Value.h>

#include <QJsonObject>
#include <QStringList>

// Device fixtures (tests/snmp/data/*.json) shared by the mapping tests, the
// snmpd tests and simulator comparisons: "values" (what the agent serves, in
// snmpd override types) and "expected" (the normalized result).
namespace fixture {

netgateway::snmp::ValueMap values(const QJsonObject &fixture);

// Every key of expected must be present in actual with the same value (arrays
// must have the same length and match element by element). Returns the
// differences as "path: expected X, got Y"; empty when they match.
QStringList differences(const QJsonValue &actual, const QJsonValue &expected, const QString &path = {});

} // namespace fixture
