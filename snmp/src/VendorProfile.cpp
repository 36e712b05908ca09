#include <netgateway/snmp/VendorProfile.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace netgateway::snmp {

const QStringList &VendorProfile::counterNames()
{
    static const QStringList names{
        QStringLiteral("total"),     QStringLiteral("mono"),       QStringLiteral("color"), QStringLiteral("print"),
        QStringLiteral("printMono"), QStringLiteral("printColor"), QStringLiteral("copy"),  QStringLiteral("copyMono"),
        QStringLiteral("copyColor"), QStringLiteral("fax"),        QStringLiteral("scan"),  QStringLiteral("duplex"),
    };
    return names;
}

const QStringList &VendorProfile::identityNames()
{
    static const QStringList names{QStringLiteral("model"), QStringLiteral("serialNumber"), QStringLiteral("firmware")};
    return names;
}

std::optional<VendorProfile> VendorProfile::parse(const QString &fileName, const QByteArray &text, QString *error)
{
    const auto fail = [&](int line, const QString &message) -> std::optional<VendorProfile> {
        if (error) {
            *error = QStringLiteral("%1:%2: %3").arg(fileName).arg(line).arg(message);
        }
        return std::nullopt;
    };
    if (text.size() > 256 * 1024) {
        return fail(1, QStringLiteral("file larger than 256 KiB"));
    }
    VendorProfile profile;
    profile.file = fileName;
    profile.name = QFileInfo(fileName).completeBaseName();
    QString section;
    bool haveManufacturer = false;
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNo = i + 1;
        const QString line = QString::fromUtf8(lines.at(i)).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';')) {
            continue;
        }
        if (line.startsWith(u'[')) {
            if (!line.endsWith(u']')) {
                return fail(lineNo, QStringLiteral("section header must end with ']'"));
            }
            section = line.mid(1, line.size() - 2).trimmed();
            if (section != QLatin1String("identity") && section != QLatin1String("counters")) {
                return fail(lineNo,
                            QStringLiteral("unknown section '%1' (expected [identity] or [counters])").arg(section));
            }
            continue;
        }
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0) {
            return fail(lineNo, QStringLiteral("expected 'key = value'"));
        }
        const QString key = line.left(eq).trimmed();
        QString value = line.mid(eq + 1).trimmed();
        const qsizetype comment = value.indexOf(QLatin1String(" #"));
        if (comment >= 0) {
            value = value.left(comment).trimmed();
        }
        if (section.isEmpty()) {
            if (key == QLatin1String("manufacturer")) {
                if (value.isEmpty() || value.size() > 64) {
                    return fail(lineNo, QStringLiteral("manufacturer must be 1 to 64 characters"));
                }
                profile.manufacturer = value;
                haveManufacturer = true;
            } else if (key == QLatin1String("enterprise")) {
                bool ok = false;
                const uint number = value.toUInt(&ok);
                if (!ok) {
                    return fail(lineNo, QStringLiteral("enterprise must be an IANA enterprise number"));
                }
                profile.enterprise = number;
            } else {
                return fail(lineNo, QStringLiteral("unknown key '%1' (expected manufacturer or enterprise)").arg(key));
            }
            continue;
        }
        const auto oid = Oid::parse(value);
        if (!oid || oid->size() < 2) {
            return fail(lineNo, QStringLiteral("'%1' is not a valid OID").arg(value));
        }
        if (section == QLatin1String("counters")) {
            if (!counterNames().contains(key)) {
                return fail(lineNo, QStringLiteral("unknown counter name '%1' (known: %2)")
                                        .arg(key, counterNames().join(QStringLiteral(", "))));
            }
            profile.counters.insert(key, *oid);
        } else {
            if (!identityNames().contains(key)) {
                return fail(lineNo, QStringLiteral("unknown identity field '%1' (known: %2)")
                                        .arg(key, identityNames().join(QStringLiteral(", "))));
            }
            profile.identity.insert(key, *oid);
        }
    }
    if (!haveManufacturer) {
        return fail(qMax(1, static_cast<int>(lines.size())), QStringLiteral("missing 'manufacturer = ...'"));
    }
    return profile;
}

QList<Oid> VendorProfile::oids() const
{
    QList<Oid> out = identity.values();
    out += counters.values();
    return out;
}

const ProfileRegistry &ProfileRegistry::builtIn()
{
    static const ProfileRegistry registry = [] {
        ProfileRegistry r;
        QStringList errors;
        r.loadDirectory(QStringLiteral(":/netgateway/snmp/profiles"), &errors);
        // A broken built-in profile is a build defect; the test suite loads them all.
        return r;
    }();
    return registry;
}

bool ProfileRegistry::loadFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        }
        return false;
    }
    auto profile = VendorProfile::parse(path, file.read(256 * 1024 + 1), error);
    if (!profile) {
        return false;
    }
    add(std::move(*profile));
    return true;
}

bool ProfileRegistry::loadDirectory(const QString &directory, QStringList *errors)
{
    bool ok = true;
    const QDir dir(directory);
    for (const QString &name : dir.entryList({QStringLiteral("*.profile")}, QDir::Files, QDir::Name)) {
        QString error;
        if (!loadFile(dir.filePath(name), &error)) {
            ok = false;
            if (errors) {
                errors->append(error);
            }
        }
    }
    return ok;
}

void ProfileRegistry::add(VendorProfile profile)
{
    for (auto &existing : m_profiles) {
        if (existing.enterprise == profile.enterprise) {
            existing = std::move(profile);
            return;
        }
    }
    m_profiles.append(std::move(profile));
}

const VendorProfile *ProfileRegistry::forEnterprise(quint32 enterprise) const
{
    for (const auto &p : m_profiles) {
        if (p.enterprise == enterprise && enterprise != 0) {
            return &p;
        }
    }
    return generic();
}

const VendorProfile *ProfileRegistry::generic() const
{
    for (const auto &p : m_profiles) {
        if (p.enterprise == 0) {
            return &p;
        }
    }
    return nullptr;
}

} // namespace netgateway::snmp
