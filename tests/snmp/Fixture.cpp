#include "Fixture.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace netgateway::snmp;

namespace fixture {

ValueMap values(const QJsonObject &fixture)
{
    ValueMap out;
    for (const QJsonValue &item : fixture.value(QStringLiteral("values")).toArray()) {
        const QJsonObject v = item.toObject();
        const auto oid = Oid::parse(v.value(QStringLiteral("oid")).toString());
        if (!oid) {
            continue;
        }
        const QString type = v.value(QStringLiteral("type")).toString();
        const QJsonValue value = v.value(QStringLiteral("value"));
        if (v.contains(QStringLiteral("hex"))) {
            out.insert(*oid,
                       Value::fromBytes(QByteArray::fromHex(v.value(QStringLiteral("hex")).toString().toLatin1())));
        } else if (type == QLatin1String("octet_str")) {
            out.insert(*oid, Value::fromBytes(value.toString().toUtf8()));
        } else if (type == QLatin1String("object_id")) {
            out.insert(*oid, Value::fromOid(*Oid::parse(value.toString())));
        } else if (type == QLatin1String("integer")) {
            out.insert(*oid, Value::fromInteger(value.toInteger()));
        } else if (type == QLatin1String("counter")) {
            out.insert(*oid, Value::fromUnsigned(Value::Type::Counter32, quint64(value.toInteger())));
        } else if (type == QLatin1String("gauge") || type == QLatin1String("unsigned")) {
            out.insert(*oid, Value::fromUnsigned(Value::Type::Gauge32, quint64(value.toInteger())));
        } else if (type == QLatin1String("timeticks")) {
            out.insert(*oid, Value::fromUnsigned(Value::Type::TimeTicks, quint64(value.toInteger())));
        } else if (type == QLatin1String("counter64")) {
            out.insert(*oid, Value::fromUnsigned(Value::Type::Counter64, quint64(value.toInteger())));
        }
    }
    return out;
}

QStringList differences(const QJsonValue &actual, const QJsonValue &expected, const QString &path)
{
    QStringList out;
    const QString here = path.isEmpty() ? QStringLiteral("$") : path;
    if (expected.isObject()) {
        if (!actual.isObject()) {
            return {here + QStringLiteral(": expected an object")};
        }
        const QJsonObject e = expected.toObject();
        const QJsonObject a = actual.toObject();
        for (auto it = e.begin(); it != e.end(); ++it) {
            out += differences(a.value(it.key()), it.value(), here + u'.' + it.key());
        }
        return out;
    }
    if (expected.isArray()) {
        const QJsonArray e = expected.toArray();
        const QJsonArray a = actual.toArray();
        if (!actual.isArray() || a.size() != e.size()) {
            return {QStringLiteral("%1: expected %2 elements, got %3").arg(here).arg(e.size()).arg(a.size())};
        }
        for (qsizetype i = 0; i < e.size(); ++i) {
            out += differences(a.at(i), e.at(i), QStringLiteral("%1[%2]").arg(here).arg(i));
        }
        return out;
    }
    const bool same =
        expected.isDouble() && actual.isDouble() ? expected.toDouble() == actual.toDouble() : expected == actual;
    if (!same) {
        const auto show = [](const QJsonValue &v) {
            return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
        };
        out << QStringLiteral("%1: expected %2, got %3").arg(here, show(expected), show(actual));
    }
    return out;
}

} // namespace fixture
