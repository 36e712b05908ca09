// netgatewayctl speaks the language of the system locale, --language CODE
// overrides it, an unknown code is a usage error and English is the fallback.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run ctl(const QStringList &args, const QString &lang)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"}) {
        env.remove(QLatin1String(name));
    }
    if (!lang.isEmpty()) {
        env.insert(QStringLiteral("LANG"), lang);
    }
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(NETGATEWAYCTL_PATH), args);
    if (!p.waitForFinished(15000)) {
        return {};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestCliLanguage : public QObject {
    Q_OBJECT

private slots:
    void followsTheSystemLocale_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("expected");
        QTest::newRow("C") << QString() << QStringLiteral("unknown command 'frobnicate'");
        QTest::newRow("de") << QStringLiteral("de_DE.UTF-8") << QStringLiteral("unbekannter Befehl 'frobnicate'");
        QTest::newRow("fr") << QStringLiteral("fr_FR.UTF-8") << QStringLiteral("commande inconnue 'frobnicate'");
        QTest::newRow("it") << QStringLiteral("it_IT.UTF-8") << QStringLiteral("comando sconosciuto 'frobnicate'");
        QTest::newRow("es") << QStringLiteral("es_ES.UTF-8") << QStringLiteral("orden desconocida 'frobnicate'");
        QTest::newRow("ja") << QStringLiteral("ja_JP.UTF-8") << QStringLiteral("不明なコマンド 'frobnicate'");
        QTest::newRow("unsupported falls back to English")
            << QStringLiteral("pt_BR.UTF-8") << QStringLiteral("unknown command 'frobnicate'");
    }
    void followsTheSystemLocale()
    {
        QFETCH(QString, lang);
        QFETCH(QString, expected);
        const Run r = ctl({QStringLiteral("frobnicate")}, lang);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("netgatewayctl: ") + expected), qPrintable(r.err));
    }

    void optionOverridesTheLocale()
    {
        const Run en = ctl({QStringLiteral("--language"), QStringLiteral("en"), QStringLiteral("frobnicate")},
                           QStringLiteral("de_DE.UTF-8"));
        QCOMPARE(en.exitCode, 2);
        QVERIFY2(en.err.contains(QStringLiteral("unknown command 'frobnicate'")), qPrintable(en.err));

        QTemporaryDir dir;
        const Run it = ctl({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--language"),
                            QStringLiteral("it"), QStringLiteral("frobnicate")},
                           QString());
        QCOMPARE(it.exitCode, 2);
        QVERIFY2(it.err.contains(QStringLiteral("comando sconosciuto 'frobnicate'")), qPrintable(it.err));

        const Run de = ctl({QStringLiteral("--language=de"), QStringLiteral("--help")}, QString());
        QCOMPARE(de.exitCode, 0);
        QVERIFY2(de.out.contains(QStringLiteral("Aufruf: netgatewayctl")), qPrintable(de.out));
        QVERIFY2(de.out.contains(QStringLiteral("Wartungsaufgaben:")), qPrintable(de.out));
    }

    void unknownLanguageIsAUsageError()
    {
        const Run r = ctl({QStringLiteral("--language"), QStringLiteral("xx"), QStringLiteral("status")}, QString());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("unknown language 'xx'; choose one of en, de, fr, it, es, ja")),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliLanguage)
#include "TestCliLanguage.moc"
