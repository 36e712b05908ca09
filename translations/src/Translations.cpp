#include <netgateway/i18n/Translations.h>

#include <QCoreApplication>
#include <QFile>
#include <QPointer>
#include <QTranslator>

namespace netgateway::i18n {

namespace {

QPointer<QTranslator> g_translator;
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
    g_current = wanted;
    return wanted;
}

QString Translations::current()
{
    return g_current;
}

} // namespace netgateway::i18n
