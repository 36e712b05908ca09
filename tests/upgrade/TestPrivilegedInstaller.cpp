#include "ManualClock.h"

#include <netgateway/upgrade/ManifestSigner.h>
#include <netgateway/upgrade/MsiexecCommand.h>
#include <netgateway/upgrade/PrivilegedInstaller.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace netgateway;
using upgrade::PrivilegedInstaller;
using Result = PrivilegedInstaller::Result;

class TestPrivilegedInstaller : public QObject {
    Q_OBJECT
private:
    upgrade::SigningKey m_key = upgrade::SigningKey::generate();
    test::ManualClock m_clock;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_requests;
    QString m_state;
    QList<QStringList> m_commands;
    QList<QByteArray> m_installed;
    bool m_runnerFails = false;
    std::unique_ptr<upgrade::ManifestVerifier> m_verifier;

    PrivilegedInstaller installer()
    {
        return PrivilegedInstaller(*m_verifier, m_requests, m_state, [this](const QStringList &argv, QString &error) {
            m_commands.append(argv);
            if (m_runnerFails) {
                error = QStringLiteral("dpkg: dependency problems");
                return false;
            }
            QFile f(argv.last());
            if (!f.open(QIODevice::ReadOnly)) {
                error = f.errorString();
                return false;
            }
            m_installed.append(f.readAll());
            return true;
        });
    }
    // The Windows helper: Authenticode (faked: accepts packages that start
    // with "signed") on the verified copy, then msiexec.
    QStringList m_checked;
    PrivilegedInstaller msiInstaller()
    {
        core::InstallProperties properties;
        properties.uiPort = 9443;
        properties.relayPort = 8082;
        properties.anonymize = true;
        properties.proxyHost = QStringLiteral("proxy.example.test");
        properties.proxyPort = 3128;
        auto authenticode = [this](const QString &package, QString &error) {
            m_checked.append(package);
            QFile f(package);
            if (f.open(QIODevice::ReadOnly) && f.read(6) == "signed") {
                return true;
            }
            error = QStringLiteral("the upgrade package was not installed: it is signed by 'CN=Mallory', which is "
                                   "not a pinned publisher");
            return false;
        };
        return PrivilegedInstaller(
            *m_verifier, m_requests, m_state,
            [this](const QStringList &argv, QString &error) {
                m_commands.append(argv);
                if (m_runnerFails && argv.value(1) == QLatin1String("/i") &&
                    argv.value(2).endsWith(QLatin1String("previous.msi"))) {
                    error = upgrade::MsiexecCommand::interpret(1603, QStringLiteral("x.log")).message;
                    return false;
                }
                QFile f(argv.value(2));
                if (!f.open(QIODevice::ReadOnly)) {
                    error = f.errorString();
                    return false;
                }
                if (argv.value(1) == QLatin1String("/i")) {
                    m_installed.append(f.readAll());
                }
                return true;
            },
            PrivilegedInstaller::windowsMsi(properties, m_state, authenticode));
    }
    void requestMsi(const QByteArray &manifest, const QByteArray &package)
    {
        request({{QStringLiteral("action"), QStringLiteral("install")},
                 {QStringLiteral("manifest"), QString::fromUtf8(manifest)}});
        write(QStringLiteral("package.msi"), package);
    }
    QString resultMessage()
    {
        QFile f(QDir(m_requests).filePath(QStringLiteral("result.json")));
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll())["message"].toString() : QString();
    }

    QByteArray manifestFor(const QByteArray &package, const QString &version)
    {
        upgrade::ManifestContent c;
        c.platform = QStringLiteral("linux-amd64");
        c.version = version;
        c.expires = QStringLiteral("2026-06-01T00:00:00Z");
        c.packagePath = QStringLiteral("/packages/p.deb");
        c.packageSha256Hex = QString::fromLatin1(QCryptographicHash::hash(package, QCryptographicHash::Sha256).toHex());
        c.packageSize = package.size();
        return upgrade::signManifest(c, m_key);
    }
    void write(const QString &name, const QByteArray &bytes)
    {
        QFile f(QDir(m_requests).filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    void request(const QJsonObject &body) { write(QStringLiteral("request.json"), QJsonDocument(body).toJson()); }
    void requestInstall(const QByteArray &manifest, const QByteArray &package)
    {
        request({{QStringLiteral("action"), QStringLiteral("install")},
                 {QStringLiteral("manifest"), QString::fromUtf8(manifest)}});
        write(QStringLiteral("package.deb"), package);
    }
    QString resultFile()
    {
        QFile f(QDir(m_requests).filePath(QStringLiteral("result.json")));
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll())["result"].toString() : QString();
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_requests = m_dir->filePath(QStringLiteral("requests"));
        m_state = m_dir->filePath(QStringLiteral("state"));
        QVERIFY(QDir().mkpath(m_requests) && QDir().mkpath(m_state));
        m_commands.clear();
        m_installed.clear();
        m_runnerFails = false;
        m_checked.clear();
        m_verifier = std::make_unique<upgrade::ManifestVerifier>(
            QList<upgrade::TrustedKey>{m_key.trusted()}, m_clock,
            upgrade::ManifestVerifier::Options{{1, 0, 0}, QStringLiteral("linux-amd64")});
    }

    void nothingToDo()
    {
        QString message;
        QCOMPARE(installer().handleRequest(message), Result::NoRequest);
        QVERIFY(m_commands.isEmpty());
    }

    void installsAVerifiedCopyThenRollsBack()
    {
        const QByteArray v11 = QByteArray("package 1.1.0 ").repeated(40);
        requestInstall(manifestFor(v11, QStringLiteral("1.1.0")), v11);
        QString message;
        QCOMPARE(installer().handleRequest(message), Result::Installed);
        QCOMPARE(resultFile(), QStringLiteral("installed"));
        QCOMPARE(m_installed, QList<QByteArray>{v11});
        // The helper installs its own copy, never the file the service controls.
        QVERIFY(m_commands.first().last().startsWith(m_state));
        QVERIFY(!QFile::exists(QDir(m_requests).filePath(QStringLiteral("request.json"))));

        const QByteArray v12 = QByteArray("package 1.2.0 ").repeated(40);
        requestInstall(manifestFor(v12, QStringLiteral("1.2.0")), v12);
        QCOMPARE(installer().handleRequest(message), Result::Installed);

        request({{QStringLiteral("action"), QStringLiteral("rollback")}});
        QCOMPARE(installer().handleRequest(message), Result::RolledBack);
        QCOMPARE(resultFile(), QStringLiteral("rolled-back"));
        QCOMPARE(m_installed, (QList<QByteArray>{v11, v12, v11}));
        QVERIFY(m_commands.last().contains(QStringLiteral("--allow-downgrades")));
    }

    void refusesWhatTheServiceCannotProve_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("tampered package") << QStringLiteral("tampered");
        QTest::newRow("oversized package") << QStringLiteral("longer");
        QTest::newRow("older version") << QStringLiteral("older");
        QTest::newRow("unknown key") << QStringLiteral("stranger");
        QTest::newRow("symlinked package") << QStringLiteral("symlink");
        QTest::newRow("unknown action") << QStringLiteral("action");
        QTest::newRow("rollback without a kept package") << QStringLiteral("rollback");
    }
    void refusesWhatTheServiceCannotProve()
    {
        QFETCH(QString, kind);
        const QByteArray package = QByteArray("genuine ").repeated(30);
        QByteArray manifest = manifestFor(package, QStringLiteral("1.1.0"));
        QByteArray sent = package;
        if (kind == QLatin1String("tampered")) {
            sent[3] = 'X';
        } else if (kind == QLatin1String("longer")) {
            sent += "more";
        } else if (kind == QLatin1String("older")) {
            manifest = manifestFor(package, QStringLiteral("0.9.0"));
        } else if (kind == QLatin1String("stranger")) {
            upgrade::SigningKey stranger = upgrade::SigningKey::generate();
            upgrade::ManifestContent c;
            c.platform = QStringLiteral("linux-amd64");
            c.version = QStringLiteral("1.1.0");
            c.expires = QStringLiteral("2026-06-01T00:00:00Z");
            c.packagePath = QStringLiteral("/p");
            c.packageSha256Hex =
                QString::fromLatin1(QCryptographicHash::hash(package, QCryptographicHash::Sha256).toHex());
            c.packageSize = package.size();
            manifest = upgrade::signManifest(c, stranger);
        }
        requestInstall(manifest, sent);
        if (kind == QLatin1String("symlink")) {
            const QString target = m_dir->filePath(QStringLiteral("elsewhere.deb"));
            QFile::rename(QDir(m_requests).filePath(QStringLiteral("package.deb")), target);
            QVERIFY(QFile::link(target, QDir(m_requests).filePath(QStringLiteral("package.deb"))));
        } else if (kind == QLatin1String("action")) {
            request({{QStringLiteral("action"), QStringLiteral("rm -rf /")}});
        } else if (kind == QLatin1String("rollback")) {
            request({{QStringLiteral("action"), QStringLiteral("rollback")}});
        }
        QString message;
        const Result result = installer().handleRequest(message);
        QVERIFY2(result == Result::Refused || (kind == QLatin1String("rollback") && result == Result::Failed),
                 qPrintable(upgrade::resultName(result) + QStringLiteral(": ") + message));
        QVERIFY(!message.isEmpty());
        QVERIFY(m_commands.isEmpty());
        QVERIFY(!QFile::exists(QDir(m_state).filePath(QStringLiteral("incoming.deb"))));
        QVERIFY(!resultFile().isEmpty());
    }

    void failedInstallIsReported()
    {
        const QByteArray package = QByteArray("p").repeated(100);
        requestInstall(manifestFor(package, QStringLiteral("1.1.0")), package);
        m_runnerFails = true;
        QString message;
        QCOMPARE(installer().handleRequest(message), Result::Failed);
        QCOMPARE(message, QStringLiteral("dpkg: dependency problems"));
        QCOMPARE(resultFile(), QStringLiteral("failed"));
        QVERIFY(!QFile::exists(QDir(m_state).filePath(QStringLiteral("current.deb"))));
    }

    void msiIsCheckedThenInstalledWithTheInstallProperties()
    {
        const QByteArray v11 = QByteArray("signed msi 1.1.0 ").repeated(40);
        requestMsi(manifestFor(v11, QStringLiteral("1.1.0")), v11);
        QString message;
        QCOMPARE(msiInstaller().handleRequest(message), Result::Installed);
        QCOMPARE(resultFile(), QStringLiteral("installed"));
        // Authenticode ran on the helper's own verified copy, before msiexec.
        QCOMPARE(m_checked.size(), 1);
        QVERIFY(m_checked.first().startsWith(m_state));
        QCOMPARE(m_commands.size(), 1);
        const QStringList argv = m_commands.first();
        QCOMPARE(argv.mid(0, 2), (QStringList{QStringLiteral("msiexec.exe"), QStringLiteral("/i")}));
        QCOMPARE(argv.at(2), m_checked.first());
        for (const char *expected : {"/qn", "/norestart", "/l*v", "UIPORT=9443", "RELAYPORT=8082", "ANONYMIZE=1",
                                     "PROXY=proxy.example.test:3128"}) {
            QVERIFY2(argv.contains(QString::fromLatin1(expected)), expected);
        }
        QVERIFY(!argv.join(QLatin1Char(' ')).contains(QStringLiteral("ACCESSCODE")));
        QVERIFY(QFile::exists(QDir(m_state).filePath(QStringLiteral("current.msi"))));
        QCOMPARE(m_installed, QList<QByteArray>{v11});
    }

    void msiFromAnotherPublisherIsRefusedAndNotRun()
    {
        const QByteArray forged = QByteArray("forged msi ").repeated(40);
        requestMsi(manifestFor(forged, QStringLiteral("1.1.0")), forged);
        QString message;
        QCOMPARE(msiInstaller().handleRequest(message), Result::Refused);
        QVERIFY2(message.contains(QStringLiteral("not a pinned publisher")), qPrintable(message));
        QCOMPARE(resultFile(), QStringLiteral("refused"));
        QCOMPARE(resultMessage(), message);
        QCOMPARE(m_checked.size(), 1);
        QVERIFY(m_commands.isEmpty());
        QVERIFY(!QFile::exists(QDir(m_state).filePath(QStringLiteral("incoming.msi"))));
        QVERIFY(!QFile::exists(QDir(m_state).filePath(QStringLiteral("current.msi"))));
    }

    void msiRollbackRemovesTheCurrentVersionThenInstallsThePreviousOne()
    {
        const QByteArray v11 = QByteArray("signed msi 1.1.0 ").repeated(40);
        const QByteArray v12 = QByteArray("signed msi 1.2.0 ").repeated(40);
        QString message;
        requestMsi(manifestFor(v11, QStringLiteral("1.1.0")), v11);
        QCOMPARE(msiInstaller().handleRequest(message), Result::Installed);
        requestMsi(manifestFor(v12, QStringLiteral("1.2.0")), v12);
        QCOMPARE(msiInstaller().handleRequest(message), Result::Installed);
        m_commands.clear();

        request({{QStringLiteral("action"), QStringLiteral("rollback")}});
        QCOMPARE(msiInstaller().handleRequest(message), Result::RolledBack);
        QCOMPARE(m_commands.size(), 2);
        // An MSI refuses to install over its newer self: remove 1.2.0, keeping the data...
        QCOMPARE(m_commands.at(0).mid(1, 2),
                 (QStringList{QStringLiteral("/x"), QDir(m_state).filePath(QStringLiteral("current.msi"))}));
        QVERIFY(m_commands.at(0).contains(QStringLiteral("KEEPDATA=1")));
        // ...then install the kept 1.1.0 with the same properties.
        QCOMPARE(m_commands.at(1).mid(1, 2),
                 (QStringList{QStringLiteral("/i"), QDir(m_state).filePath(QStringLiteral("previous.msi"))}));
        QVERIFY(m_commands.at(1).contains(QStringLiteral("UIPORT=9443")));
        QCOMPARE(m_installed.last(), v11);
        QCOMPARE(resultFile(), QStringLiteral("rolled-back"));
    }

    void failedMsiRollbackPutsTheCurrentVersionBack()
    {
        const QByteArray v11 = QByteArray("signed msi 1.1.0 ").repeated(40);
        const QByteArray v12 = QByteArray("signed msi 1.2.0 ").repeated(40);
        QString message;
        requestMsi(manifestFor(v11, QStringLiteral("1.1.0")), v11);
        QCOMPARE(msiInstaller().handleRequest(message), Result::Installed);
        requestMsi(manifestFor(v12, QStringLiteral("1.2.0")), v12);
        QCOMPARE(msiInstaller().handleRequest(message), Result::Installed);
        m_commands.clear();
        m_runnerFails = true; // installing previous.msi fails with 1603

        request({{QStringLiteral("action"), QStringLiteral("rollback")}});
        QCOMPARE(msiInstaller().handleRequest(message), Result::Failed);
        QVERIFY2(message.contains(QStringLiteral("1603")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("the current version was reinstalled")), qPrintable(message));
        QCOMPARE(m_commands.size(), 3);
        QCOMPARE(m_commands.at(2).value(2), QDir(m_state).filePath(QStringLiteral("current.msi")));
        QCOMPARE(m_installed.last(), v12);
        QCOMPARE(resultFile(), QStringLiteral("failed"));
    }
};

QTEST_GUILESS_MAIN(TestPrivilegedInstaller)
#include "TestPrivilegedInstaller.moc"
