#pragma once

#include <netgateway/snmp/Oid.h>

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace netgateway::snmp {

// Maps a vendor's private OIDs to the normalized counters and identity fields.
// Profiles are data files (snmp/profiles/*.profile, compiled in; more can be
// loaded from a directory), one "key = value" per line:
//
//   # comment
//   manufacturer = Kyocera
//   enterprise = 1347
//   [identity]
//   serialNumber = 1.3.6.1.4.1.1347.43.5.1.1.28.1
//   [counters]
//   printMono = 1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1
//
// Unknown sections, keys or counter names and malformed OIDs are rejected with
// "file:line: message".
class VendorProfile {
public:
    QString name; // file name without extension
    QString file;
    QString manufacturer;
    quint32 enterprise = 0; // 0: the plain Printer-MIB fallback
    QMap<QString, Oid> identity;
    QMap<QString, Oid> counters;

    static const QStringList &counterNames();
    static const QStringList &identityNames();
    static std::optional<VendorProfile> parse(const QString &fileName, const QByteArray &text, QString *error);

    // Every OID the profile reads.
    [[nodiscard]] QList<Oid> oids() const;
};

class ProfileRegistry {
public:
    // The profiles shipped with the product.
    static const ProfileRegistry &builtIn();

    // Adds every *.profile file in directory (replacing built-in ones of the
    // same enterprise). Returns false and fills errors for rejected files.
    bool loadDirectory(const QString &directory, QStringList *errors);
    bool loadFile(const QString &path, QString *error);

    [[nodiscard]] const VendorProfile *forEnterprise(quint32 enterprise) const;
    [[nodiscard]] const VendorProfile *generic() const;
    [[nodiscard]] const QList<VendorProfile> &profiles() const { return m_profiles; }

private:
    void add(VendorProfile profile);
    QList<VendorProfile> m_profiles;
};

} // namespace netgateway::snmp
