#include <netgateway/core/discovery/Targets.h>

#include <QHostInfo>
#include <QRegularExpression>

#include <QLocale>

#include <algorithm>
#include <bit>
#include <limits>

namespace netgateway::core::discovery {

namespace {

AddressValue allOnes(int bits)
{
    return bits >= 128 ? ~AddressValue{0} : ((AddressValue{1} << bits) - 1);
}

std::optional<IpAddress> parseV4(QStringView text)
{
    const auto parts = text.split(u'.');
    if (parts.size() != 4) {
        return std::nullopt;
    }
    AddressValue value = 0;
    for (const QStringView part : parts) {
        if (part.isEmpty() || part.size() > 3) {
            return std::nullopt;
        }
        unsigned octet = 0;
        for (const QChar c : part) {
            if (c < u'0' || c > u'9') {
                return std::nullopt;
            }
            octet = octet * 10 + static_cast<unsigned>(c.unicode() - u'0');
        }
        if (octet > 255) {
            return std::nullopt;
        }
        value = (value << 8) | octet;
    }
    return IpAddress{IpAddress::Family::V4, value, {}};
}

} // namespace

QString formatAddressCount(AddressValue n)
{
    if (n > AddressValue{std::numeric_limits<std::uint64_t>::max()}) {
        return QStringLiteral("more than 18446744073709551615");
    }
    return QLocale(QLocale::English).toString(static_cast<qulonglong>(static_cast<std::uint64_t>(n)));
}

namespace {

// Prefix length of a contiguous IPv4 netmask, or -1.
int prefixFromMask(AddressValue mask)
{
    const auto m = static_cast<std::uint32_t>(mask);
    const std::uint32_t inverted = ~m;
    if ((inverted & (inverted + 1)) != 0) {
        return -1;
    }
    return std::popcount(m);
}

} // namespace

std::optional<IpAddress> IpAddress::parse(QStringView text)
{
    if (text.isEmpty() || text.size() > 64) {
        return std::nullopt;
    }
    if (!text.contains(u':')) {
        return parseV4(text);
    }
    QHostAddress host;
    if (!host.setAddress(text.toString()) || host.protocol() != QAbstractSocket::IPv6Protocol) {
        return std::nullopt;
    }
    return fromHostAddress(host);
}

IpAddress IpAddress::fromHostAddress(const QHostAddress &address)
{
    IpAddress out;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4 && address.protocol() == QAbstractSocket::IPv4Protocol) {
        out.family = Family::V4;
        out.value = v4;
        return out;
    }
    out.family = Family::V6;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 0; i < 16; ++i) {
        out.value = (out.value << 8) | bytes[i];
    }
    out.scopeId = address.scopeId();
    return out;
}

QHostAddress IpAddress::toHostAddress() const
{
    if (family == Family::V4) {
        return QHostAddress(static_cast<quint32>(value));
    }
    Q_IPV6ADDR bytes;
    AddressValue v = value;
    for (int i = 15; i >= 0; --i) {
        bytes[i] = static_cast<quint8>(v & 0xff);
        v >>= 8;
    }
    QHostAddress out(bytes);
    if (!scopeId.isEmpty()) {
        out.setScopeId(scopeId);
    }
    return out;
}

QString IpAddress::toString() const
{
    return toHostAddress().toString();
}

bool isValidHostName(const QString &name)
{
    static const QRegularExpression label(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"));
    QString n = name;
    if (n.endsWith(u'.')) {
        n.chop(1);
    }
    if (n.isEmpty() || n.size() > 253) {
        return false;
    }
    const QStringList labels = n.split(u'.');
    for (const QString &l : labels) {
        if (!label.match(l).hasMatch()) {
            return false;
        }
    }
    // An all-numeric last label would be an IPv4 address in disguise (1.2.3.256).
    static const QRegularExpression numeric(QStringLiteral("^[0-9]+$"));
    return !numeric.match(labels.last()).hasMatch();
}

std::optional<TargetSpec> TargetSpec::parse(const QString &input, QString &error)
{
    const QString text = input.trimmed();
    TargetSpec spec;
    if (text.isEmpty()) {
        error = QStringLiteral("an empty target entry was given; remove it");
        return std::nullopt;
    }
    if (text.size() > 300) {
        error = QStringLiteral("target entry '%1...' is too long (at most 300 characters)").arg(text.left(40));
        return std::nullopt;
    }
    const qsizetype slash = text.indexOf(u'/');
    if (slash >= 0) {
        const auto base = IpAddress::parse(QStringView(text).left(slash));
        const QStringView suffix = QStringView(text).mid(slash + 1);
        if (!base) {
            error = QStringLiteral("'%1' is not a valid subnet: write it as ADDRESS/PREFIX (192.0.2.0/24) or "
                                   "ADDRESS/MASK (192.0.2.0/255.255.255.0)")
                        .arg(text);
            return std::nullopt;
        }
        if (!base->scopeId.isEmpty()) {
            error = QStringLiteral("'%1': an interface (%%2) belongs to a single link-local address, not to a "
                                   "subnet; write the subnet without it")
                        .arg(text, base->scopeId);
            return std::nullopt;
        }
        int prefix = -1;
        bool numeric = false;
        const int n = suffix.toInt(&numeric);
        if (numeric && !suffix.startsWith(u'+') && !suffix.startsWith(u'-')) {
            prefix = (n >= 0 && n <= base->bits()) ? n : -1;
        } else if (base->family == IpAddress::Family::V4) {
            if (const auto mask = parseV4(suffix)) {
                prefix = prefixFromMask(mask->value);
            }
        }
        if (prefix < 0) {
            error = QStringLiteral("'%1' has an invalid prefix length or netmask: use 0-%2 or a contiguous mask "
                                   "such as 255.255.255.0")
                        .arg(text)
                        .arg(base->bits());
            return std::nullopt;
        }
        const AddressValue hostMask = allOnes(base->bits() - prefix);
        spec.kind = Kind::Subnet;
        spec.first = *base;
        spec.first.value &= ~hostMask;
        spec.last = spec.first;
        spec.last.value |= hostMask;
        spec.skipNetworkAndBroadcast = base->family == IpAddress::Family::V4 && prefix <= 30;
        spec.text = QStringLiteral("%1/%2").arg(spec.first.toString()).arg(prefix);
        return spec;
    }
    const qsizetype dash = text.indexOf(u'-');
    if (dash > 0 && !text.contains(QLatin1String(".."))) {
        const auto a = IpAddress::parse(QStringView(text).left(dash).trimmed());
        const auto b = IpAddress::parse(QStringView(text).mid(dash + 1).trimmed());
        if (a || b) {
            if (!a || !b || a->family != b->family) {
                error = QStringLiteral("'%1' is not a valid range: write it as FIRST-LAST with two addresses of the "
                                       "same family, e.g. 192.0.2.10-192.0.2.99")
                            .arg(text);
                return std::nullopt;
            }
            if (!a->scopeId.isEmpty() || !b->scopeId.isEmpty()) {
                error = QStringLiteral("'%1': an interface (%name) belongs to a single link-local address, not to "
                                       "a range; write the range without it")
                            .arg(text);
                return std::nullopt;
            }
            if (a->value > b->value) {
                error = QStringLiteral("range '%1' is reversed: its first address is greater than its last; write "
                                       "it as %2-%3")
                            .arg(text, b->toString(), a->toString());
                return std::nullopt;
            }
            spec.kind = Kind::Range;
            spec.first = *a;
            spec.last = *b;
            spec.text = QStringLiteral("%1-%2").arg(a->toString(), b->toString());
            return spec;
        }
    }
    if (const auto single = IpAddress::parse(text)) {
        spec.kind = Kind::Address;
        spec.first = *single;
        spec.last = *single;
        spec.text = single->toString();
        return spec;
    }
    if (!isValidHostName(text)) {
        error = QStringLiteral("'%1' is neither an address, a range, a subnet nor a valid host name (letters, "
                               "digits and hyphens in dot-separated labels of at most 63 characters)")
                    .arg(text);
        return std::nullopt;
    }
    spec.kind = Kind::HostName;
    spec.hostName = text.toLower();
    if (spec.hostName.endsWith(u'.')) {
        spec.hostName.chop(1);
    }
    spec.text = spec.hostName;
    return spec;
}

AddressValue TargetSpec::blockSize() const
{
    if (kind == Kind::HostName) {
        return 1;
    }
    const AddressValue span = last.value - first.value;
    return span == ~AddressValue{0} ? span : span + 1;
}

AddressValue TargetSpec::probeFirst() const
{
    return skipNetworkAndBroadcast ? first.value + 1 : first.value;
}

AddressValue TargetSpec::probeLast() const
{
    return skipNetworkAndBroadcast ? last.value - 1 : last.value;
}

bool TargetSpec::covers(const IpAddress &address) const
{
    return isAddressBlock() && address.family == first.family && address.value >= first.value &&
           address.value <= last.value;
}

bool TargetSpec::probes(const IpAddress &address) const
{
    return isAddressBlock() && address.family == first.family && address.value >= probeFirst() &&
           address.value <= probeLast();
}

TargetIterator::TargetIterator(QList<TargetSpec> targets, QList<TargetSpec> exclusions, Resolver resolver)
    : m_targets(std::move(targets)), m_exclusions(std::move(exclusions)), m_resolver(std::move(resolver))
{
    if (!m_resolver) {
        m_resolver = [](const QString &name) { return QHostInfo::fromName(name).addresses(); };
    }
    for (const TargetSpec &t : m_targets) {
        const AddressValue n =
            t.kind == TargetSpec::Kind::HostName ? kMaxAddressesPerHostName : t.probeLast() - t.probeFirst() + 1;
        m_upperBound += static_cast<std::uint64_t>(std::min<AddressValue>(n, kMaxAddressesPerSetting));
    }
}

bool TargetIterator::excluded(const IpAddress &address, AddressValue &skipTo) const
{
    for (const TargetSpec &e : m_exclusions) {
        if (e.covers(address)) {
            skipTo = e.last.value;
            return true;
        }
    }
    return false;
}

bool TargetIterator::coveredByEarlier(qsizetype index, const IpAddress &address, AddressValue &skipTo) const
{
    for (qsizetype j = 0; j < index; ++j) {
        if (m_targets[j].probes(address)) {
            skipTo = m_targets[j].probeLast();
            return true;
        }
    }
    return false;
}

bool TargetIterator::coveredByAnyBlock(const IpAddress &address) const
{
    return std::any_of(m_targets.cbegin(), m_targets.cend(), [&](const TargetSpec &t) { return t.probes(address); });
}

void TargetIterator::startEntry()
{
    m_entryStarted = true;
    m_entryDone = false;
    const TargetSpec &t = m_targets[m_index];
    if (t.isAddressBlock()) {
        m_cursor = t.probeFirst();
        m_entryDone = t.probeFirst() > t.probeLast();
        return;
    }
    m_resolved.clear();
    m_resolvedIndex = 0;
    const QList<QHostAddress> all = m_resolver(t.hostName);
    for (const QHostAddress &a : all) {
        if (m_resolved.size() >= kMaxAddressesPerHostName) {
            break;
        }
        if (!a.isNull() && !m_resolved.contains(a)) {
            m_resolved.append(a);
        }
    }
    if (m_resolved.isEmpty()) {
        m_unresolved.append(t.hostName);
    }
}

std::optional<TargetAddress> TargetIterator::next()
{
    while (m_index < m_targets.size()) {
        if (!m_entryStarted) {
            startEntry();
        }
        const TargetSpec &t = m_targets[m_index];
        if (t.isAddressBlock()) {
            while (!m_entryDone) {
                IpAddress a = t.first;
                a.value = m_cursor;
                const AddressValue end = t.probeLast();
                AddressValue skipTo = 0;
                const bool skip = excluded(a, skipTo) || coveredByEarlier(m_index, a, skipTo);
                const AddressValue stop = skip ? std::min(skipTo, end) : m_cursor;
                if (stop >= end) {
                    m_entryDone = true;
                } else {
                    m_cursor = stop + 1;
                }
                if (!skip) {
                    return TargetAddress{a.toHostAddress(), {}};
                }
            }
        } else {
            while (m_resolvedIndex < m_resolved.size()) {
                const QHostAddress host = m_resolved[m_resolvedIndex++];
                const IpAddress a = IpAddress::fromHostAddress(host);
                AddressValue ignored = 0;
                if (excluded(a, ignored) || coveredByAnyBlock(a) || m_fromNames.contains(a)) {
                    continue;
                }
                m_fromNames.append(a);
                return TargetAddress{host, t.hostName};
            }
        }
        ++m_index;
        m_entryStarted = false;
    }
    return std::nullopt;
}

} // namespace netgateway::core::discovery
