#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>

namespace netgateway::core::discovery {

// Wide enough for an IPv6 address; IPv4 addresses use the low 32 bits.
using AddressValue = unsigned __int128;

// Bounds of a discovery setting (see DiscoverySettings::validate).
inline constexpr std::uint64_t kMaxAddressesPerEntry = 65536;     // a /16
inline constexpr std::uint64_t kMaxAddressesPerSetting = 1048576; // 16 x /16
inline constexpr int kMaxEntries = 1024;                          // targets, and exclusions, each
inline constexpr int kMaxAddressesPerHostName = 16;               // addresses taken from one name

// An IPv4 or IPv6 address as a number, so ranges can be counted and walked.
struct IpAddress {
    enum class Family : std::uint8_t { V4, V6 };
    Family family = Family::V4;
    AddressValue value = 0;
    QString scopeId; // IPv6 zone (interface), kept for link-local addresses

    // Strict parsing: dotted-quad IPv4 with four decimal parts, or IPv6.
    static std::optional<IpAddress> parse(QStringView text);
    static IpAddress fromHostAddress(const QHostAddress &address);
    [[nodiscard]] QHostAddress toHostAddress() const;
    [[nodiscard]] QString toString() const;
    [[nodiscard]] int bits() const { return family == Family::V4 ? 32 : 128; }

    friend bool operator==(const IpAddress &a, const IpAddress &b)
    {
        return a.family == b.family && a.value == b.value;
    }
};

// One entry of a target or exclusion list, parsed and normalised:
//   192.0.2.1                 single address (IPv4 or IPv6)
//   192.0.2.10-192.0.2.99     range, first <= last, same family
//   192.0.2.0/24, 192.0.2.0/255.255.255.0, 2001:db8::/112   subnet
//   printer-7.example.com     host name, resolved at every run
struct TargetSpec {
    enum class Kind { Address, Range, Subnet, HostName };
    Kind kind = Kind::Address;
    QString text; // canonical form, as stored
    IpAddress first;
    IpAddress last;
    QString hostName;
    // IPv4 subnets of /30 and wider leave out their network and broadcast
    // addresses: sending to a directed broadcast is never a probe of one host.
    bool skipNetworkAndBroadcast = false;

    // Parses one entry; on failure returns nullopt and a message for the
    // administrator in `error` that names the entry and says what to write.
    static std::optional<TargetSpec> parse(const QString &text, QString &error);

    [[nodiscard]] bool isAddressBlock() const { return kind != Kind::HostName; }
    // Addresses the entry covers (its block size; 1 for a host name). This is
    // what the per-entry and per-setting limits count.
    [[nodiscard]] AddressValue blockSize() const;
    // The contiguous part of the block that is actually probed.
    [[nodiscard]] AddressValue probeFirst() const;
    [[nodiscard]] AddressValue probeLast() const;
    [[nodiscard]] bool probes(const IpAddress &address) const;
    [[nodiscard]] bool covers(const IpAddress &address) const;
};

// 65536 -> "65,536", for messages.
QString formatAddressCount(AddressValue n);

// True when `name` is a syntactically valid DNS host name (RFC 1123).
bool isValidHostName(const QString &name);

// One address to probe. hostName is set when it came from a host name.
struct TargetAddress {
    QHostAddress address;
    QString hostName;
};

// Walks the targets of a setting one address at a time, in order, without
// ever holding more than one host name's addresses in memory. Exclusions are
// skipped, and an address covered by several entries is produced once.
// Host names are resolved when the walk reaches them (at every run).
class TargetIterator {
public:
    using Resolver = std::function<QList<QHostAddress>(const QString &hostName)>;

    // The default resolver uses the system resolver (QHostInfo, blocking).
    TargetIterator(QList<TargetSpec> targets, QList<TargetSpec> exclusions, Resolver resolver = {});

    std::optional<TargetAddress> next();

    // Upper bound of addresses next() can produce (exclusions and overlaps not
    // subtracted), for progress reporting.
    [[nodiscard]] std::uint64_t upperBound() const { return m_upperBound; }
    // Host names that did not resolve during this walk.
    [[nodiscard]] const QStringList &unresolved() const { return m_unresolved; }

private:
    [[nodiscard]] bool excluded(const IpAddress &address, AddressValue &skipTo) const;
    [[nodiscard]] bool coveredByEarlier(qsizetype index, const IpAddress &address, AddressValue &skipTo) const;
    [[nodiscard]] bool coveredByAnyBlock(const IpAddress &address) const;
    void startEntry();

    QList<TargetSpec> m_targets;
    QList<TargetSpec> m_exclusions;
    Resolver m_resolver;
    std::uint64_t m_upperBound = 0;
    qsizetype m_index = 0;
    bool m_entryStarted = false;
    AddressValue m_cursor = 0;
    bool m_entryDone = false;
    QList<QHostAddress> m_resolved;
    qsizetype m_resolvedIndex = 0;
    QList<IpAddress> m_fromNames; // addresses already produced from host names (bounded)
    QStringList m_unresolved;
};

} // namespace netgateway::core::discovery
