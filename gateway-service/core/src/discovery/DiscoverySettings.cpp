#include <netgateway/core/discovery/DiscoverySettings.h>

#include <QJsonArray>

#include <algorithm>

namespace netgateway::core::discovery {

namespace {

constexpr int kMaxCommunityBytes = 255;
constexpr int kMaxUserLength = 32;
constexpr int kMinPassphrase = 8;
constexpr int kMaxPassphraseBytes = 1024;

template<typename E>
struct NameOf {
    E value;
    const char *name;
};

constexpr NameOf<Credential::Version> kVersions[] = {
    {Credential::Version::V1, "v1"}, {Credential::Version::V2c, "v2c"}, {Credential::Version::V3, "v3"}};
constexpr NameOf<Credential::AuthProtocol> kAuths[] = {
    {Credential::AuthProtocol::None, "none"},     {Credential::AuthProtocol::MD5, "MD5"},
    {Credential::AuthProtocol::SHA1, "SHA"},      {Credential::AuthProtocol::SHA224, "SHA224"},
    {Credential::AuthProtocol::SHA256, "SHA256"}, {Credential::AuthProtocol::SHA384, "SHA384"},
    {Credential::AuthProtocol::SHA512, "SHA512"}};
constexpr NameOf<Credential::PrivProtocol> kPrivs[] = {{Credential::PrivProtocol::None, "none"},
                                                       {Credential::PrivProtocol::DES, "DES"},
                                                       {Credential::PrivProtocol::AES128, "AES"},
                                                       {Credential::PrivProtocol::AES192, "AES192"},
                                                       {Credential::PrivProtocol::AES256, "AES256"}};

template<typename E, std::size_t N>
QString nameIn(const NameOf<E> (&table)[N], E value)
{
    for (const auto &entry : table) {
        if (entry.value == value) {
            return QString::fromLatin1(entry.name);
        }
    }
    return {};
}

template<typename E, std::size_t N>
std::optional<E> parseIn(const NameOf<E> (&table)[N], const QString &s)
{
    for (const auto &entry : table) {
        if (s.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0) {
            return entry.value;
        }
    }
    return std::nullopt;
}

} // namespace

QString versionName(Credential::Version v)
{
    return nameIn(kVersions, v);
}
QString authName(Credential::AuthProtocol p)
{
    return nameIn(kAuths, p);
}
QString privName(Credential::PrivProtocol p)
{
    return nameIn(kPrivs, p);
}
std::optional<Credential::Version> parseVersion(const QString &s)
{
    if (s == QLatin1String("1")) {
        return Credential::Version::V1;
    }
    if (s.compare(QLatin1String("2c"), Qt::CaseInsensitive) == 0) {
        return Credential::Version::V2c;
    }
    if (s == QLatin1String("3")) {
        return Credential::Version::V3;
    }
    return parseIn(kVersions, s);
}
std::optional<Credential::AuthProtocol> parseAuth(const QString &s)
{
    if (s.compare(QLatin1String("SHA1"), Qt::CaseInsensitive) == 0) {
        return Credential::AuthProtocol::SHA1;
    }
    return parseIn(kAuths, s);
}
std::optional<Credential::PrivProtocol> parsePriv(const QString &s)
{
    if (s.compare(QLatin1String("AES128"), Qt::CaseInsensitive) == 0) {
        return Credential::PrivProtocol::AES128;
    }
    return parseIn(kPrivs, s);
}

QString Credential::validate() const
{
    if (version != Version::V3) {
        if (community.isEmpty()) {
            return QStringLiteral("an SNMP %1 credential needs a community").arg(versionName(version));
        }
        if (community.toUtf8().size() > kMaxCommunityBytes) {
            return QStringLiteral("an SNMP community may be at most %1 bytes long").arg(kMaxCommunityBytes);
        }
        if (!user.isEmpty() || auth != AuthProtocol::None || priv != PrivProtocol::None || !context.isEmpty()) {
            return QStringLiteral("an SNMP %1 credential has only a community; user, protocols and context belong "
                                  "to v3 credentials")
                .arg(versionName(version));
        }
        return {};
    }
    if (!community.isEmpty()) {
        return QStringLiteral("an SNMP v3 credential has no community; give a user instead");
    }
    if (user.isEmpty() || user.size() > kMaxUserLength) {
        return QStringLiteral("an SNMP v3 credential needs a user name of 1 to %1 characters").arg(kMaxUserLength);
    }
    if (context.size() > kMaxUserLength) {
        return QStringLiteral("the SNMP v3 context of user '%1' may be at most %2 characters")
            .arg(user)
            .arg(kMaxUserLength);
    }
    if (auth == AuthProtocol::None && !authPassphrase.isEmpty()) {
        return QStringLiteral("SNMP v3 user '%1' has an authentication passphrase but no authentication protocol")
            .arg(user);
    }
    if (auth != AuthProtocol::None &&
        (authPassphrase.size() < kMinPassphrase || authPassphrase.toUtf8().size() > kMaxPassphraseBytes)) {
        return QStringLiteral("the authentication passphrase of SNMP v3 user '%1' must be %2 to %3 characters long")
            .arg(user)
            .arg(kMinPassphrase)
            .arg(kMaxPassphraseBytes);
    }
    if (priv != PrivProtocol::None && auth == AuthProtocol::None) {
        return QStringLiteral("SNMP v3 user '%1' has a privacy protocol but no authentication protocol; privacy "
                              "needs authentication")
            .arg(user);
    }
    if (priv == PrivProtocol::None && !privPassphrase.isEmpty()) {
        return QStringLiteral("SNMP v3 user '%1' has a privacy passphrase but no privacy protocol").arg(user);
    }
    if (priv != PrivProtocol::None &&
        (privPassphrase.size() < kMinPassphrase || privPassphrase.toUtf8().size() > kMaxPassphraseBytes)) {
        return QStringLiteral("the privacy passphrase of SNMP v3 user '%1' must be %2 to %3 characters long")
            .arg(user)
            .arg(kMinPassphrase)
            .arg(kMaxPassphraseBytes);
    }
    return {};
}

QString Credential::describe() const
{
    if (version != Version::V3) {
        return QStringLiteral("%1 community").arg(versionName(version));
    }
    return QStringLiteral("v3 user '%1' (%2/%3)").arg(user, authName(auth), privName(priv));
}

QString Schedule::toText() const
{
    if (isManual()) {
        return QStringLiteral("manual");
    }
    QStringList parts;
    for (const QTime &t : times) {
        parts.append(t.toString(QStringLiteral("HH:mm")));
    }
    return parts.join(u',');
}

std::optional<Schedule> Schedule::parse(const QString &input, QString &error)
{
    const QString text = input.trimmed();
    Schedule schedule;
    if (text.isEmpty() || text.compare(QLatin1String("manual"), Qt::CaseInsensitive) == 0) {
        return schedule;
    }
    const QStringList parts = text.split(u',');
    if (parts.size() > kMaxScheduleTimes) {
        error = QStringLiteral("a schedule has 1 to %1 times a day; '%2' has %3")
                    .arg(kMaxScheduleTimes)
                    .arg(text)
                    .arg(parts.size());
        return std::nullopt;
    }
    for (const QString &part : parts) {
        const QTime t = QTime::fromString(part.trimmed(), QStringLiteral("H:mm"));
        if (!t.isValid()) {
            error = QStringLiteral("schedule time '%1' is not a time of day; write HH:MM (24-hour), e.g. 08:30")
                        .arg(part.trimmed());
            return std::nullopt;
        }
        if (schedule.times.contains(t)) {
            error = QStringLiteral("schedule time %1 is given twice").arg(t.toString(QStringLiteral("HH:mm")));
            return std::nullopt;
        }
        schedule.times.append(t);
    }
    std::sort(schedule.times.begin(), schedule.times.end());
    return schedule;
}

QString validateTargets(const DiscoverySettings &s, ValidatedTargets *out)
{
    const QString name = s.name.trimmed();
    if (s.targets.isEmpty()) {
        return QStringLiteral("discovery setting '%1' has no targets; give at least one address, range, subnet or "
                              "host name")
            .arg(name);
    }
    if (s.targets.size() > kMaxEntries || s.exclusions.size() > kMaxEntries) {
        return QStringLiteral("a discovery setting may have at most %1 targets and %1 exclusions").arg(kMaxEntries);
    }
    ValidatedTargets v;
    AddressValue total = 0;
    for (const QString &text : s.targets) {
        QString error;
        auto spec = TargetSpec::parse(text, error);
        if (!spec) {
            return error;
        }
        const AddressValue size = spec->blockSize();
        if (size > kMaxAddressesPerEntry) {
            return QStringLiteral("target '%1' covers %2 addresses; one entry may cover at most %3 (a /16). Split it "
                                  "into several entries or separate settings.")
                .arg(spec->text, formatAddressCount(size), formatAddressCount(kMaxAddressesPerEntry));
        }
        total += size;
        v.targets.append(*spec);
    }
    if (total > kMaxAddressesPerSetting) {
        return QStringLiteral("discovery setting '%1' covers %2 addresses in total; a setting may cover at most %3. "
                              "Split it into several settings.")
            .arg(name, formatAddressCount(total), formatAddressCount(kMaxAddressesPerSetting));
    }
    v.totalAddresses = static_cast<std::uint64_t>(total);
    for (const QString &text : s.exclusions) {
        QString error;
        auto spec = TargetSpec::parse(text, error);
        if (!spec) {
            return QStringLiteral("exclusion: %1").arg(error);
        }
        if (!spec->isAddressBlock()) {
            return QStringLiteral("exclusion '%1' is a host name; exclusions are addresses, ranges or subnets")
                .arg(spec->text);
        }
        v.exclusions.append(*spec);
    }
    if (out) {
        *out = std::move(v);
    }
    return {};
}

QString validate(const DiscoverySettings &s, ValidatedTargets *out)
{
    const QString name = s.name.trimmed();
    if (name.isEmpty() || name.size() > kMaxNameLength) {
        return QStringLiteral("a discovery setting needs a name of 1 to %1 characters").arg(kMaxNameLength);
    }
    ValidatedTargets v;
    const QString targetProblem = validateTargets(s, &v);
    if (!targetProblem.isEmpty()) {
        return targetProblem;
    }
    if (s.credentials.isEmpty()) {
        return QStringLiteral("discovery setting '%1' has an empty credential list; give at least one SNMP community "
                              "or v3 user")
            .arg(name);
    }
    if (s.credentials.size() > kMaxCredentials) {
        return QStringLiteral("a discovery setting may have at most %1 credentials").arg(kMaxCredentials);
    }
    for (qsizetype i = 0; i < s.credentials.size(); ++i) {
        const QString problem = s.credentials[i].validate();
        if (!problem.isEmpty()) {
            return QStringLiteral("credential %1: %2").arg(i + 1).arg(problem);
        }
    }
    if (s.schedule.times.size() > kMaxScheduleTimes) {
        return QStringLiteral("a schedule has 1 to %1 times a day").arg(kMaxScheduleTimes);
    }
    for (const QTime &t : s.schedule.times) {
        if (!t.isValid()) {
            return QStringLiteral("a schedule time is not a valid time of day");
        }
    }
    if (out) {
        *out = std::move(v);
    }
    return {};
}

QJsonObject toJson(const DiscoverySettings &s)
{
    QJsonArray creds;
    for (const Credential &c : s.credentials) {
        QJsonObject o{{QStringLiteral("version"), versionName(c.version)}};
        if (c.version == Credential::Version::V3) {
            o.insert(QStringLiteral("user"), c.user);
            o.insert(QStringLiteral("auth"), authName(c.auth));
            o.insert(QStringLiteral("priv"), privName(c.priv));
            o.insert(QStringLiteral("context"), c.context);
        }
        creds.append(o);
    }
    QJsonArray times;
    for (const QTime &t : s.schedule.times) {
        times.append(t.toString(QStringLiteral("HH:mm")));
    }
    return QJsonObject{
        {QStringLiteral("id"), s.id},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("targets"), QJsonArray::fromStringList(s.targets)},
        {QStringLiteral("exclusions"), QJsonArray::fromStringList(s.exclusions)},
        {QStringLiteral("credentials"), creds},
        {QStringLiteral("wsDiscovery"), s.wsDiscovery},
        {QStringLiteral("schedule"), s.schedule.toText()},
        {QStringLiteral("registration"),
         s.registration == Registration::Managed ? QStringLiteral("managed") : QStringLiteral("pending")},
    };
}

namespace {

bool stringList(const QJsonObject &json, const char *key, QStringList &out, QString &error)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined()) {
        return true;
    }
    if (!v.isArray()) {
        error = QStringLiteral("'%1' must be a list of strings").arg(QLatin1String(key));
        return false;
    }
    const QJsonArray a = v.toArray();
    if (a.size() > kMaxEntries) {
        error = QStringLiteral("'%1' has more than %2 entries").arg(QLatin1String(key)).arg(kMaxEntries);
        return false;
    }
    for (const QJsonValue &e : a) {
        if (!e.isString()) {
            error = QStringLiteral("'%1' must be a list of strings").arg(QLatin1String(key));
            return false;
        }
        out.append(e.toString());
    }
    return true;
}

} // namespace

std::optional<DiscoverySettings> fromJson(const QJsonObject &json, QString &error)
{
    DiscoverySettings s;
    s.id = json.value(QStringLiteral("id")).toInteger(0);
    s.name = json.value(QStringLiteral("name")).toString().trimmed();
    if (!stringList(json, "targets", s.targets, error) || !stringList(json, "exclusions", s.exclusions, error)) {
        return std::nullopt;
    }
    const QJsonArray creds = json.value(QStringLiteral("credentials")).toArray();
    if (creds.size() > kMaxCredentials) {
        error = QStringLiteral("a discovery setting may have at most %1 credentials").arg(kMaxCredentials);
        return std::nullopt;
    }
    for (qsizetype i = 0; i < creds.size(); ++i) {
        const QJsonObject o = creds[i].toObject();
        Credential c;
        const auto version = parseVersion(o.value(QStringLiteral("version")).toString(QStringLiteral("v2c")));
        const auto auth = parseAuth(o.value(QStringLiteral("auth")).toString(QStringLiteral("none")));
        const auto priv = parsePriv(o.value(QStringLiteral("priv")).toString(QStringLiteral("none")));
        if (!version || !auth || !priv) {
            error = QStringLiteral("credential %1: unknown SNMP version or protocol; versions are v1, v2c, v3, "
                                   "authentication MD5, SHA, SHA224, SHA256, SHA384, SHA512, privacy DES, AES, "
                                   "AES192, AES256")
                        .arg(i + 1);
            return std::nullopt;
        }
        c.version = *version;
        c.auth = *auth;
        c.priv = *priv;
        c.community = o.value(QStringLiteral("community")).toString();
        c.user = o.value(QStringLiteral("user")).toString();
        c.authPassphrase = o.value(QStringLiteral("authPassphrase")).toString();
        c.privPassphrase = o.value(QStringLiteral("privPassphrase")).toString();
        c.context = o.value(QStringLiteral("context")).toString();
        s.credentials.append(c);
    }
    s.wsDiscovery = json.value(QStringLiteral("wsDiscovery")).toBool(false);
    const auto schedule = Schedule::parse(json.value(QStringLiteral("schedule")).toString(), error);
    if (!schedule) {
        return std::nullopt;
    }
    s.schedule = *schedule;
    const QString registration = json.value(QStringLiteral("registration")).toString(QStringLiteral("pending"));
    if (registration == QLatin1String("managed")) {
        s.registration = Registration::Managed;
    } else if (registration == QLatin1String("pending")) {
        s.registration = Registration::Pending;
    } else {
        error = QStringLiteral("registration must be 'managed' or 'pending'");
        return std::nullopt;
    }
    return s;
}

} // namespace netgateway::core::discovery
