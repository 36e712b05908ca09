#pragma once

#include <netgateway/snmp/SnmpEngine.h>

#include <QTest>

// Lets QCOMPARE print the engine's enums.
namespace QTest {
template<>
inline char *toString(const netgateway::snmp::Outcome &outcome)
{
    return qstrdup(qPrintable(netgateway::snmp::outcomeName(outcome)));
}
template<>
inline char *toString(const netgateway::snmp::Value::Type &type)
{
    return qstrdup(netgateway::snmp::typeName(type));
}
} // namespace QTest
