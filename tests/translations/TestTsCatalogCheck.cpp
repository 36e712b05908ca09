// The catalog check of the C++ translations fails when it must: an entry
// left unfinished, an entry missing from one language (lupdate brings it back
// unfinished), a new tr() string in the sources, a translation that lost a
// placeholder; each message names the file, the language and the source text.
// The committed catalogs pass.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCheck = QStringLiteral(TS_CHECK_PATH);
const QString kLupdate = QStringLiteral(LUPDATE_PATH);
const QString kCatalogs = QStringLiteral(TS_DIR);
const QString kSources = QStringLiteral(NETGATEWAY_SOURCE_DIR);

struct Run {
    int exitCode = -1;
    QString err;
};

Run check(const QString &dir, const QStringList &sources)
{
    QStringList args;
    if (!sources.isEmpty()) {
        args << QStringLiteral("--lupdate") << kLupdate;
        for (const QString &s : sources) {
            args << QStringLiteral("--source") << s;
        }
    }
    args << dir;
    QProcess p;
    p.start(kCheck, args);
    if (!p.waitForFinished(120000)) {
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardError())};
}

QStringList realSources()
{
    return {kSources + QStringLiteral("/gateway-service/cli"), kSources + QStringLiteral("/gateway-ui/desktop")};
}

QString read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(f.readAll());
}

bool write(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text.toUtf8()) > 0;
}

// The first finished <message> of a catalog: its whole element and its source text.
QRegularExpressionMatch firstMessage(const QString &ts)
{
    static const QRegularExpression re(
        QStringLiteral("<message>\\s*<source>([^<&]+)</source>\\s*<translation>([^<]+)</translation>\\s*</message>"));
    return re.match(ts);
}

} // namespace

class TestTsCatalogCheck : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        for (const QString &name : QDir(kCatalogs).entryList({QStringLiteral("*.ts")}, QDir::Files)) {
            QFile::remove(m_dir.filePath(name));
            QVERIFY(QFile::copy(QDir(kCatalogs).filePath(name), m_dir.filePath(name)));
            QFile::setPermissions(m_dir.filePath(name), QFile::ReadOwner | QFile::WriteOwner);
        }
    }

    void committedCatalogsPass()
    {
        const Run r = check(m_dir.path(), realSources());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void unfinishedEntryFails()
    {
        const QString path = m_dir.filePath(QStringLiteral("netgateway_de.ts"));
        QString ts = read(path);
        const auto m = firstMessage(ts);
        QVERIFY2(m.hasMatch(), "the German catalog has no finished message");
        const QString source = m.captured(1);
        ts.replace(m.capturedStart(), m.capturedLength(),
                   QStringLiteral("<message>\n        <source>%1</source>\n        <translation "
                                  "type=\"unfinished\">%2</translation>\n    </message>")
                       .arg(source, m.captured(2)));
        QVERIFY(write(path, ts));

        // Without lupdate (the file as it is) and with it (sources unchanged).
        for (const QStringList &sources : {QStringList{}, realSources()}) {
            const Run r = check(m_dir.path(), sources);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(QStringLiteral("netgateway_de.ts (de): \"")), qPrintable(r.err));
            QVERIFY2(r.err.contains(source.left(40)), qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("has no finished translation")), qPrintable(r.err));
            QVERIFY2(!r.err.contains(QStringLiteral("netgateway_fr.ts")), qPrintable(r.err));
        }
        // The committed catalog is untouched by the check.
        QVERIFY(!read(QDir(kCatalogs).filePath(QStringLiteral("netgateway_de.ts")))
                     .contains(QStringLiteral("type=\"unfinished\"")));
    }

    void missingEntryFails()
    {
        const QString path = m_dir.filePath(QStringLiteral("netgateway_fr.ts"));
        QString ts = read(path);
        const auto m = firstMessage(ts);
        QVERIFY(m.hasMatch());
        const QString source = m.captured(1);
        ts.remove(m.capturedStart(), m.capturedLength());
        QVERIFY(write(path, ts));

        const Run r = check(m_dir.path(), realSources());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("netgateway_fr.ts (fr): \"") + source.left(40)), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("has no finished translation")), qPrintable(r.err));
    }

    void newSourceStringFailsInEveryLanguage()
    {
        QTemporaryDir sources;
        QVERIFY(sources.isValid());
        QVERIFY(write(sources.filePath(QStringLiteral("NewWidget.cpp")),
                      QStringLiteral("#include <QCoreApplication>\n"
                                     "QString f() { return QCoreApplication::translate(\"NewWidget\", "
                                     "\"A sentence nobody translated yet\"); }\n")));
        const Run r = check(m_dir.path(), realSources() << sources.path());
        QCOMPARE(r.exitCode, 1);
        for (const char *lang : {"en", "de", "fr", "it", "es", "ja"}) {
            const QString expected = QStringLiteral("netgateway_%1.ts (%1): \"A sentence nobody translated yet\" in "
                                                    "NewWidget has no finished translation")
                                         .arg(QLatin1String(lang));
            QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        }
    }

    void lostPlaceholderFails()
    {
        const QString path = m_dir.filePath(QStringLiteral("netgateway_ja.ts"));
        QString ts = read(path);
        static const QRegularExpression re(
            QStringLiteral("<source>([^<&]*%1[^<&]*)</source>\\s*<translation>([^<]+)</translation>"));
        const auto m = re.match(ts);
        QVERIFY2(m.hasMatch(), "no Japanese message with %1");
        QString translation = m.captured(2);
        translation.replace(QStringLiteral("%1"), QStringLiteral("X"));
        ts.replace(m.capturedStart(2), m.capturedLength(2), translation);
        QVERIFY(write(path, ts));

        const Run r = check(m_dir.path(), {});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("netgateway_ja.ts (ja): \"") + m.captured(1).left(30)),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("other placeholders")), qPrintable(r.err));
    }

    void missingCatalogFails()
    {
        QVERIFY(QFile::remove(m_dir.filePath(QStringLiteral("netgateway_it.ts"))));
        const Run r = check(m_dir.path(), {});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("netgateway_it.ts (it): the catalog is missing")), qPrintable(r.err));
    }

    void usageError()
    {
        QProcess p;
        p.start(kCheck, {});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestTsCatalogCheck)
#include "TestTsCatalogCheck.moc"
