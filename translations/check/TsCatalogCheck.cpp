#include "TsCatalogCheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <set>

namespace netgateway::i18n {

namespace {

// Catalogs are small; anything larger is not one of ours.
constexpr qint64 kMaxCatalogBytes = 16 * 1024 * 1024;

std::set<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(?:[1-9][0-9]?|n)"));
    std::set<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        found.insert(it.next().captured());
    }
    return found;
}

QString shown(const QString &text)
{
    QString s = text;
    s.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    if (s.size() > 100) {
        s = s.left(97) + QStringLiteral("...");
    }
    return QLatin1Char('"') + s + QLatin1Char('"');
}

} // namespace

TsCatalogCheck::TsCatalogCheck(QString directory, QStringList languages)
    : m_directory(std::move(directory)), m_languages(std::move(languages))
{
}

void TsCatalogCheck::setLupdate(const QString &program, const QStringList &sources)
{
    m_lupdate = program;
    m_sources = sources;
}

bool TsCatalogCheck::run()
{
    m_problems.clear();
    m_messages = 0;
    const QDir dir(m_directory);
    QStringList present;
    for (const QString &language : m_languages) {
        const QString name = QStringLiteral("netgateway_%1.ts").arg(language);
        if (!dir.exists(name)) {
            m_problems << QStringLiteral("%1 (%2): the catalog is missing; create it with the update_translations "
                                         "target")
                              .arg(name, language);
            continue;
        }
        present << language;
    }
    for (const QString &name : dir.entryList({QStringLiteral("netgateway_*.ts")}, QDir::Files)) {
        const QString language = name.mid(11, name.size() - 14);
        if (!m_languages.contains(language)) {
            m_problems << QStringLiteral("%1: unknown language; the programs offer %2")
                              .arg(name, m_languages.join(QStringLiteral(", ")));
        }
    }

    // Brought up to date in a scratch directory, so the check never edits
    // the committed catalogs.
    QTemporaryDir scratch;
    QString checkedDir = m_directory;
    if (!m_lupdate.isEmpty()) {
        if (!scratch.isValid()) {
            m_problems << QStringLiteral("cannot create a temporary directory for lupdate");
            return false;
        }
        QStringList tsFiles;
        for (const QString &language : present) {
            const QString name = QStringLiteral("netgateway_%1.ts").arg(language);
            const QString copy = scratch.filePath(name);
            if (!QFile::copy(dir.filePath(name), copy)) {
                m_problems << QStringLiteral("%1 (%2): cannot be copied for lupdate").arg(name, language);
                continue;
            }
            QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
            tsFiles << copy;
        }
        if (!tsFiles.isEmpty()) {
            QProcess lupdate;
            lupdate.setProcessChannelMode(QProcess::SeparateChannels);
            lupdate.start(m_lupdate, QStringList{QStringLiteral("-silent"), QStringLiteral("-locations"),
                                                 QStringLiteral("none"), QStringLiteral("-no-ui-lines")}
                                         << m_sources << QStringLiteral("-ts") << tsFiles);
            if (!lupdate.waitForFinished(120000) || lupdate.exitStatus() != QProcess::NormalExit ||
                lupdate.exitCode() != 0) {
                m_problems << QStringLiteral("lupdate (%1) failed: %2")
                                  .arg(m_lupdate, QString::fromLocal8Bit(lupdate.readAllStandardError()).trimmed() +
                                                      lupdate.errorString());
                return false;
            }
        }
        checkedDir = scratch.path();
    }
    for (const QString &language : present) {
        const QString name = QStringLiteral("netgateway_%1.ts").arg(language);
        checkFile(QDir(checkedDir).filePath(name), name, language);
    }
    return m_problems.isEmpty();
}

void TsCatalogCheck::checkFile(const QString &path, const QString &displayName, const QString &language)
{
    const QString where = QStringLiteral("%1 (%2)").arg(displayName, language);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_problems << QStringLiteral("%1: cannot be read: %2").arg(where, file.errorString());
        return;
    }
    if (file.size() > kMaxCatalogBytes) {
        m_problems << QStringLiteral("%1: larger than %2 bytes").arg(where).arg(kMaxCatalogBytes);
        return;
    }
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    QString translation;
    QString type;
    bool numerus = false;
    bool emptyForm = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isDTD()) {
            continue; // lupdate writes <!DOCTYPE TS>; no entities are declared
        }
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("TS")) {
                const QString declared = xml.attributes().value(QLatin1String("language")).toString();
                if (declared.section(QLatin1Char('_'), 0, 0) != language) {
                    m_problems << QStringLiteral("%1: declares language \"%2\"").arg(where, declared);
                }
            } else if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                source.clear();
                translation.clear();
                type.clear();
                emptyForm = false;
                numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (name == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                type = xml.attributes().value(QLatin1String("type")).toString();
                if (!numerus) {
                    translation = xml.readElementText();
                }
            } else if (name == QLatin1String("numerusform")) {
                const QString form = xml.readElementText();
                emptyForm = emptyForm || form.trimmed().isEmpty();
                translation = form;
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            ++m_messages;
            const QString what = QStringLiteral("%1: %2 in %3").arg(where, shown(source), context);
            if (type == QLatin1String("unfinished")) {
                m_problems << what + QStringLiteral(" has no finished translation");
            } else if (type == QLatin1String("vanished") || type == QLatin1String("obsolete")) {
                m_problems << what + QStringLiteral(" is no longer in the sources; remove it (lupdate -no-obsolete)");
            } else if (translation.trimmed().isEmpty() || emptyForm) {
                m_problems << what + QStringLiteral(" has an empty translation");
            } else if (placeholders(translation) != placeholders(source)) {
                m_problems << what + QStringLiteral(" has other placeholders than its source");
            }
        }
    }
    if (xml.hasError()) {
        m_problems << QStringLiteral("%1: not a Qt Linguist file (line %2: %3)")
                          .arg(where)
                          .arg(xml.lineNumber())
                          .arg(xml.errorString());
    }
}

} // namespace netgateway::i18n
