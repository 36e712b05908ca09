#include <netgateway/i18n/Translations.h>

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace netgateway::i18n {

namespace {

QPointer<QTranslator> g_translator;
// Qt's own texts (context menus, --help of QCommandLineParser), when Debian's
// qt6-translations-l10n is installed; without it they stay English.
QPointer<QTranslator> g_qtTranslator;
QString g_current = QStringLiteral("en");

} // namespace

QStringList Translations::languages()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr"),
            QStringLiteral("it"), QStringLiteral("es"), QStringLiteral("ja")};
}

QString Translations::nativeName(const QString &code)
{
    const QString c = normalize(code);
    if (c == QLatin1String("de")) {
        return QStringLiteral("Deutsch");
    }
    if (c == QLatin1String("fr")) {
        return QStringLiteral("Français");
    }
    if (c == QLatin1String("it")) {
        return QStringLiteral("Italiano");
    }
    if (c == QLatin1String("es")) {
        return QStringLiteral("Español");
    }
    if (c == QLatin1String("ja")) {
        return QStringLiteral("日本語");
    }
    return QStringLiteral("English");
}

QString Translations::normalize(const QString &requested)
{
    const QString code = requested.trimmed().section(QLatin1Char('_'), 0, 0).section(QLatin1Char('-'), 0, 0).toLower();
    return languages().contains(code) ? code : QString();
}

QString Translations::forLocale(const QLocale &locale)
{
    for (const QString &language : locale.uiLanguages()) {
        const QString code = normalize(language);
        if (!code.isEmpty()) {
            return code;
        }
    }
    return QStringLiteral("en");
}

QString Translations::install(const QString &code)
{
    QString wanted = normalize(code);
    if (wanted.isEmpty()) {
        wanted = QStringLiteral("en");
    }
    if (g_translator) {
        QCoreApplication::removeTranslator(g_translator);
        delete g_translator;
    }
    // English needs a catalog too: it is what a later switch back replaces.
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(QStringLiteral(":/netgateway/i18n/netgateway_%1.qm").arg(wanted))) {
        wanted = QStringLiteral("en");
        if (!translator->load(QStringLiteral(":/netgateway/i18n/netgateway_en.qm"))) {
            delete translator;
            g_current = wanted;
            return wanted;
        }
    }
    QCoreApplication::installTranslator(translator);
    g_translator = translator;
    if (g_qtTranslator) {
        QCoreApplication::removeTranslator(g_qtTranslator);
        delete g_qtTranslator;
    }
    if (wanted != QLatin1String("en")) {
        auto *qt = new QTranslator(QCoreApplication::instance());
        if (qt->load(QStringLiteral("qtbase_") + wanted, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt);
            g_qtTranslator = qt;
        } else {
            delete qt;
        }
    }
    g_current = wanted;
    return wanted;
}

QString Translations::current()
{
    return g_current;
}

} // namespace netgateway::i18n
