// netgateway-ts-check: fails the build when a C++ catalog lacks a finished
// translation. Run by CMake before the catalogs are compiled, and by ctest.
//
//   netgateway-ts-check [--lupdate PROGRAM --source PATH...] CATALOG_DIRECTORY
//
// Exit status: 0 complete, 1 incomplete (each problem names the file, the
// language and the source text), 2 usage error.
#include "TsCatalogCheck.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString lupdate;
    QStringList sources;
    QString directory;
    while (!args.isEmpty()) {
        const QString a = args.takeFirst();
        if (a == QLatin1String("--lupdate") && !args.isEmpty()) {
            lupdate = args.takeFirst();
        } else if (a == QLatin1String("--source") && !args.isEmpty()) {
            sources << args.takeFirst();
        } else if (!a.startsWith(QLatin1String("--")) && directory.isEmpty()) {
            directory = a;
        } else {
            directory.clear();
            break;
        }
    }
    if (directory.isEmpty() || (lupdate.isEmpty() != sources.isEmpty())) {
        std::fprintf(stderr, "usage: netgateway-ts-check [--lupdate PROGRAM --source PATH...] CATALOG_DIRECTORY\n");
        return 2;
    }
    netgateway::i18n::TsCatalogCheck check(directory,
                                           {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr"),
                                            QStringLiteral("it"), QStringLiteral("es"), QStringLiteral("ja")});
    if (!lupdate.isEmpty()) {
        check.setLupdate(lupdate, sources);
    }
    if (!check.run()) {
        std::fprintf(stderr, "C++ translations in %s are incomplete:\n", qPrintable(directory));
        for (const QString &p : check.problems()) {
            std::fprintf(stderr, "  %s\n", p.toUtf8().constData());
        }
        std::fprintf(stderr, "update the catalogs (cmake --build BUILD --target update_translations), translate "
                             "the entries in Qt Linguist, then build again\n");
        return 1;
    }
    std::printf("C++ translations complete: %d messages in each of en, de, fr, it, es, ja\n", check.messageCount() / 6);
    return 0;
}
