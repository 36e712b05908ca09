#pragma once

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace netgateway::snmp {

// An SNMP object identifier: up to 128 sub-identifiers of 32 bits each
// (RFC 2578 limits), compared lexicographically as agents order them.
class Oid {
public:
    static constexpr qsizetype kMaxLength = 128;

    Oid() = default;
    explicit Oid(QList<std::uint32_t> parts) : m_parts(std::move(parts)) {}

    // Parses "1.3.6.1.2.1.1.1.0" (a leading dot is accepted). Returns nothing
    // for empty text, non-numeric parts, values above 2^32-1 or more than
    // kMaxLength parts.
    static std::optional<Oid> parse(QStringView text);

    [[nodiscard]] QString toString() const;
    [[nodiscard]] const QList<std::uint32_t> &parts() const { return m_parts; }
    [[nodiscard]] qsizetype size() const { return m_parts.size(); }
    [[nodiscard]] bool isEmpty() const { return m_parts.isEmpty(); }
    [[nodiscard]] bool startsWith(const Oid &prefix) const;
    [[nodiscard]] Oid child(std::uint32_t part) const;

    friend bool operator==(const Oid &a, const Oid &b) { return a.m_parts == b.m_parts; }
    friend std::strong_ordering operator<=>(const Oid &a, const Oid &b);

private:
    QList<std::uint32_t> m_parts;
};

// The Net-SNMP library version this build links against, e.g. "5.9.3".
QString netSnmpVersion();

} // namespace netgateway::snmp
