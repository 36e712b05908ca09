#include <netgateway/upgrade/RequestFileInstaller.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace netgateway;
using upgrade::RequestFileInstaller;

namespace {

class RecordingAudit final : public upgrade::UpgradeAudit {
public:
    QStringList events;
    QStringList details;
    void record(const QString &event, const QString &detail) override
    {
        events.append(event);
        details.append(detail);
    }
};

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

} // namespace

class TestRequestFileInstaller : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString requests() const { return m_dir.filePath(QStringLiteral("upgrade")); }
    void writeResult(const QByteArray &bytes)
    {
        QVERIFY(QDir().mkpath(requests()));
        QFile f(QDir(requests()).filePath(QStringLiteral("result.json")));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }

private slots:
    void handsTheMsiAndTheSignedManifestToTheHelper()
    {
        const QString package = m_dir.filePath(QStringLiteral("download-1.1.0.pkg"));
        QFile f(package);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("msi bytes");
        f.close();
        RequestFileInstaller installer(
            requests(), [] { return QByteArray("{\"signed\": true}"); }, QStringLiteral("package.msi"));
        QString error;
        QVERIFY2(installer.install(package, error), qPrintable(error));
        QFile copy(QDir(requests()).filePath(QStringLiteral("package.msi")));
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), QByteArray("msi bytes"));
        const QJsonObject request = readJson(QDir(requests()).filePath(QStringLiteral("request.json")));
        QCOMPARE(request.value(QStringLiteral("action")).toString(), QStringLiteral("install"));
        QCOMPARE(request.value(QStringLiteral("manifest")).toString(), QStringLiteral("{\"signed\": true}"));
        QVERIFY(!QFile::exists(QDir(requests()).filePath(QStringLiteral("package.deb"))));
    }

    void theHelpersRefusalIsAuditedOnce()
    {
        RequestFileInstaller installer(requests(), {});
        RecordingAudit audit;
        QVERIFY(!installer.collectResult(audit));
        QVERIFY(audit.events.isEmpty());
        writeResult(
            R"({"result":"refused","message":"the upgrade package was not installed: it is signed by 'CN=Mallory', which is not a pinned publisher"})");
        QVERIFY(installer.collectResult(audit));
        QCOMPARE(audit.events, QStringList{QStringLiteral("upgrade.helper-refused")});
        QVERIFY2(audit.details.first().contains(QStringLiteral("not a pinned publisher")),
                 qPrintable(audit.details.first()));
        // Read once: the file is gone.
        QVERIFY(!QFile::exists(QDir(requests()).filePath(QStringLiteral("result.json"))));
        QVERIFY(!installer.collectResult(audit));
        QCOMPARE(audit.events.size(), 1);
    }

    void aResultThatIsNotTheHelpersIsNamedAsSuch()
    {
        RequestFileInstaller installer(requests(), {});
        RecordingAudit audit;
        writeResult("not json at all");
        QVERIFY(installer.collectResult(audit));
        QCOMPARE(audit.events, QStringList{QStringLiteral("upgrade.helper-unreadable")});
        writeResult(R"({"result":"pwned","message":"x"})");
        QVERIFY(installer.collectResult(audit));
        QCOMPARE(audit.events.last(), QStringLiteral("upgrade.helper-unreadable"));
        // A long message is cut to what the audit log keeps.
        writeResult(QByteArray(R"({"result":"failed","message":")") + QByteArray(5000, 'x') + "\"}");
        QVERIFY(installer.collectResult(audit));
        QCOMPARE(audit.events.last(), QStringLiteral("upgrade.helper-failed"));
        QCOMPARE(audit.details.last().size(), 900);
    }
};

QTEST_GUILESS_MAIN(TestRequestFileInstaller)
#include "TestRequestFileInstaller.moc"
