#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;
class QTranslator;

namespace netgateway::i18n {

// The languages the command line and the desktop console speak, and the one
// place that picks and installs a catalog (compiled in as Qt resources under
// :/netgateway/i18n). English is the source language and the fallback.
class Translations {
public:
    // Language codes in menu order: en, de, fr, it, es, ja.
    static QStringList languages();
    // The language's own name ("Deutsch"), for menus that must be readable
    // by someone who does not read the current language.
    static QString nativeName(const QString &code);
    // "de", "de_CH", "de-DE" -> "de"; an empty string when not offered.
    static QString normalize(const QString &requested);
    // The first language of the locale's UI languages that is offered, else "en".
    static QString forLocale(const QLocale &locale);
    // Installs the catalog of `code` (normalized; "en" when not offered) into
    // the application, replacing the one installed before. Returns the code
    // in use. Thread: the application's.
    static QString install(const QString &code);
    // The code install() last put in place ("en" before the first call).
    static QString current();
};

} // namespace netgateway::i18n
