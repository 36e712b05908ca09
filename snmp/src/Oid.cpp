#include <netgateway/snmp/Oid.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <algorithm>

namespace netgateway::snmp {

std::optional<Oid> Oid::parse(QStringView text)
{
    if (text.startsWith(u'.')) {
        text = text.mid(1);
    }
    if (text.isEmpty()) {
        return std::nullopt;
    }
    QList<std::uint32_t> parts;
    for (const QStringView piece : text.split(u'.')) {
        if (piece.isEmpty() || parts.size() == kMaxLength) {
            return std::nullopt;
        }
        bool ok = false;
        const qulonglong value = piece.toULongLong(&ok);
        if (!ok || value > 0xFFFFFFFFull ||
            !std::all_of(piece.begin(), piece.end(), [](QChar c) { return c.isDigit(); })) {
            return std::nullopt;
        }
        parts.append(static_cast<std::uint32_t>(value));
    }
    return Oid(std::move(parts));
}

QString Oid::toString() const
{
    QString out;
    out.reserve(m_parts.size() * 4);
    for (qsizetype i = 0; i < m_parts.size(); ++i) {
        if (i) {
            out += u'.';
        }
        out += QString::number(m_parts.at(i));
    }
    return out;
}

bool Oid::startsWith(const Oid &prefix) const
{
    return prefix.size() <= size() && std::equal(prefix.m_parts.cbegin(), prefix.m_parts.cend(), m_parts.cbegin());
}

Oid Oid::child(std::uint32_t part) const
{
    Oid out = *this;
    out.m_parts.append(part);
    return out;
}

std::strong_ordering operator<=>(const Oid &a, const Oid &b)
{
    return std::lexicographical_compare_three_way(a.m_parts.cbegin(), a.m_parts.cend(), b.m_parts.cbegin(),
                                                  b.m_parts.cend());
}

QString netSnmpVersion()
{
    return QString::fromLatin1(netsnmp_get_version());
}

} // namespace netgateway::snmp
