#include <netgateway/snmp/VendorProfile.h>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace netgateway::snmp;

class TestVendorProfile : public QObject {
    Q_OBJECT
private slots:
    void builtInProfilesAllLoad()
    {
        ProfileRegistry registry;
        QStringList errors;
        QVERIFY2(registry.loadDirectory(QStringLiteral(":/netgateway/snmp/profiles"), &errors),
                 qPrintable(errors.join(u'\n')));
        QVERIFY2(registry.loadDirectory(QStringLiteral(NETGATEWAY_SOURCE_DIR "/snmp/profiles"), &errors),
                 qPrintable(errors.join(u'\n')));
        const QList<std::pair<quint32, QString>> vendors{
            {1347, "Kyocera"}, {11, "HP"},       {367, "Ricoh"},  {1602, "Canon"},          {2435, "Brother"},
            {253, "Xerox"},    {641, "Lexmark"}, {2385, "Sharp"}, {18334, "Konica Minolta"}};
        for (const auto &[enterprise, name] : vendors) {
            const VendorProfile *p = ProfileRegistry::builtIn().forEnterprise(enterprise);
            QVERIFY(p);
            QCOMPARE(p->manufacturer, name);
            QCOMPARE(p->enterprise, enterprise);
        }
        QVERIFY(ProfileRegistry::builtIn().generic());
        QCOMPARE(ProfileRegistry::builtIn().forEnterprise(4242), ProfileRegistry::builtIn().generic());
        const VendorProfile *kyocera = ProfileRegistry::builtIn().forEnterprise(1347);
        QCOMPARE(kyocera->counters.value(QStringLiteral("printMono")),
                 *Oid::parse(u"1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1"));
        QVERIFY(kyocera->counters.contains(QStringLiteral("copyColor")));
        QVERIFY(kyocera->counters.contains(QStringLiteral("fax")));
    }

    void parsesCommentsSectionsAndTrailingComments()
    {
        QString error;
        const auto p = VendorProfile::parse(QStringLiteral("acme.profile"),
                                            "# Acme\n"
                                            "manufacturer = Acme Printing\n"
                                            "enterprise = 4242\n"
                                            "\n"
                                            "[identity]\n"
                                            "serialNumber = .1.3.6.1.4.1.4242.1.1.0   # serial\n"
                                            "[counters]\n"
                                            "; semicolon comment\n"
                                            "duplex = 1.3.6.1.4.1.4242.2.7.0\n",
                                            &error);
        QVERIFY2(p, qPrintable(error));
        QCOMPARE(p->name, QStringLiteral("acme"));
        QCOMPARE(p->manufacturer, QStringLiteral("Acme Printing"));
        QCOMPARE(p->enterprise, 4242u);
        QCOMPARE(p->identity.value(QStringLiteral("serialNumber")), *Oid::parse(u"1.3.6.1.4.1.4242.1.1.0"));
        QCOMPARE(p->counters.value(QStringLiteral("duplex")), *Oid::parse(u"1.3.6.1.4.1.4242.2.7.0"));
        QCOMPARE(p->oids().size(), 2);
    }

    void rejectsWithFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        const QByteArray head = "manufacturer = X\nenterprise = 9\n[counters]\n";
        QTest::newRow("bad oid") << head + "total = 1.3.6.x.1\n"
                                 << "bad.profile:4: '1.3.6.x.1' is not a valid OID";
        QTest::newRow("oid overflow") << head + "total = 1.3.6.1.4294967296\n"
                                      << "bad.profile:4: '1.3.6.1.4294967296' is not a valid OID";
        QTest::newRow("unknown counter") << head + "\nprintMonochrome = 1.3.6.1.4.1.9.1\n"
                                         << "bad.profile:5: unknown counter name 'printMonochrome'";
        QTest::newRow("unknown identity") << QByteArray("manufacturer = X\n[identity]\ncolour = 1.3.6.1.4.1.9.1\n")
                                          << "bad.profile:3: unknown identity field 'colour'";
        QTest::newRow("unknown section") << QByteArray("manufacturer = X\n[meters]\n")
                                         << "bad.profile:2: unknown section 'meters'";
        QTest::newRow("no equals") << QByteArray("manufacturer = X\nenterprise 9\n")
                                   << "bad.profile:2: expected 'key = value'";
        QTest::newRow("bad enterprise") << QByteArray("manufacturer = X\nenterprise = -1\n")
                                        << "bad.profile:2: enterprise must be";
        QTest::newRow("missing manufacturer") << QByteArray("enterprise = 9\n") << "missing 'manufacturer";
    }

    void rejectsWithFileAndLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!VendorProfile::parse(QStringLiteral("bad.profile"), text, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void loadDirectoryReportsBadFilesAndOverridesBuiltIns()
    {
        QTemporaryDir dir;
        QFile good(dir.filePath(QStringLiteral("kyocera.profile")));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write("manufacturer = Kyocera (site)\nenterprise = 1347\n[counters]\nduplex = 1.3.6.1.4.1.1347.1.2\n");
        good.close();
        QFile bad(dir.filePath(QStringLiteral("broken.profile")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("manufacturer = Broken\n[counters]\ntotal = nope\n");
        bad.close();
        ProfileRegistry registry = ProfileRegistry::builtIn();
        QStringList errors;
        QVERIFY(!registry.loadDirectory(dir.path(), &errors));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().endsWith(QStringLiteral("broken.profile:3: 'nope' is not a valid OID")),
                 qPrintable(errors.first()));
        QCOMPARE(registry.forEnterprise(1347)->manufacturer, QStringLiteral("Kyocera (site)"));
    }
};

QTEST_GUILESS_MAIN(TestVendorProfile)
#include "TestVendorProfile.moc"
