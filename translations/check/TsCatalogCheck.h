#pragma once

#include <QString>
#include <QStringList>

namespace netgateway::i18n {

// Checks the Qt Linguist catalogs netgateway_<lang>.ts of one directory:
// every required language has a file, and every message in it has a finished,
// non-empty translation with the same %1..%99 placeholders as its source.
// Unfinished, vanished and obsolete entries are refused. With an lupdate
// program and the source paths, the check first brings copies of the
// catalogs up to date with the sources (the committed files stay as they
// are), so a tr() string that a catalog lacks is reported too.
class TsCatalogCheck {
public:
    TsCatalogCheck(QString directory, QStringList languages);

    void setLupdate(const QString &program, const QStringList &sources);

    // Runs the check; problems() then lists what is wrong, one line each,
    // naming the file, the language and the source text.
    bool run();
    [[nodiscard]] const QStringList &problems() const { return m_problems; }
    [[nodiscard]] int messageCount() const { return m_messages; }

private:
    void checkFile(const QString &path, const QString &displayName, const QString &language);

    QString m_directory;
    QStringList m_languages;
    QString m_lupdate;
    QStringList m_sources;
    QStringList m_problems;
    int m_messages = 0;
};

} // namespace netgateway::i18n
