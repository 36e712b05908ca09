#include <netgateway/core/discovery/DiscoverySettings.h>
#include <netgateway/core/discovery/Targets.h>

#include <QSet>
#include <QTest>

using namespace netgateway::core::discovery;

namespace {

TargetSpec spec(const QString &text)
{
    QString error;
    auto s = TargetSpec::parse(text, error);
    if (!s) {
        qFatal("unexpected parse failure for %s: %s", qPrintable(text), qPrintable(error));
    }
    return *s;
}

QList<TargetSpec> specs(const QStringList &texts)
{
    QList<TargetSpec> out;
    for (const QString &t : texts) {
        out.append(spec(t));
    }
    return out;
}

struct Walk {
    std::uint64_t count = 0;
    QStringList first;
    QString last;
    QSet<QString> seen;
    bool duplicate = false;
};

Walk walk(TargetIterator &it, bool keep = true)
{
    Walk w;
    while (auto a = it.next()) {
        ++w.count;
        const QString s = a->address.toString();
        if (w.first.size() < 5) {
            w.first.append(s);
        }
        w.last = s;
        if (keep) {
            if (w.seen.contains(s)) {
                w.duplicate = true;
            }
            w.seen.insert(s);
        }
    }
    return w;
}

} // namespace

class TestTargets : public QObject {
    Q_OBJECT
private slots:
    void parsesEveryForm_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<quint64>("size");
        QTest::newRow("single") << "192.0.2.7" << int(TargetSpec::Kind::Address) << "192.0.2.7" << quint64(1);
        QTest::newRow("range") << "192.0.2.10-192.0.2.20" << int(TargetSpec::Kind::Range) << "192.0.2.10-192.0.2.20"
                               << quint64(11);
        QTest::newRow("range spaces") << " 192.0.2.10 - 192.0.2.20 " << int(TargetSpec::Kind::Range)
                                      << "192.0.2.10-192.0.2.20" << quint64(11);
        QTest::newRow("cidr") << "198.51.100.77/24" << int(TargetSpec::Kind::Subnet) << "198.51.100.0/24"
                              << quint64(256);
        QTest::newRow("mask") << "198.51.100.0/255.255.254.0" << int(TargetSpec::Kind::Subnet) << "198.51.100.0/23"
                              << quint64(512);
        QTest::newRow("slash16") << "172.16.0.0/16" << int(TargetSpec::Kind::Subnet) << "172.16.0.0/16"
                                 << quint64(65536);
        QTest::newRow("v6 single") << "2001:db8::1" << int(TargetSpec::Kind::Address) << "2001:db8::1" << quint64(1);
        QTest::newRow("v6 range") << "2001:db8::1-2001:db8::ff" << int(TargetSpec::Kind::Range)
                                  << "2001:db8::1-2001:db8::ff" << quint64(255);
        QTest::newRow("v6 subnet") << "2001:db8::/120" << int(TargetSpec::Kind::Subnet) << "2001:db8::/120"
                                   << quint64(256);
        QTest::newRow("host") << "Printer-7.Example.COM." << int(TargetSpec::Kind::HostName) << "printer-7.example.com"
                              << quint64(1);
        QTest::newRow("host with dash") << "mfp-2nd-floor" << int(TargetSpec::Kind::HostName) << "mfp-2nd-floor"
                                        << quint64(1);
    }
    void parsesEveryForm()
    {
        QFETCH(QString, input);
        QFETCH(int, kind);
        QFETCH(QString, canonical);
        QFETCH(quint64, size);
        QString error;
        const auto s = TargetSpec::parse(input, error);
        QVERIFY2(s.has_value(), qPrintable(error));
        QCOMPARE(int(s->kind), kind);
        QCOMPARE(s->text, canonical);
        QCOMPARE(quint64(s->blockSize()), size);
    }

    void refusesMalformedEntries_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("reversed") << "192.0.2.20-192.0.2.10"
                                  << "reversed";
        QTest::newRow("reversed v6") << "2001:db8::9-2001:db8::1"
                                     << "reversed";
        QTest::newRow("half range") << "192.0.2.1-printer"
                                    << "not a valid range";
        QTest::newRow("mixed family") << "192.0.2.1-2001:db8::1"
                                      << "same family";
        QTest::newRow("octet") << "192.0.2.256"
                               << "valid host name";
        QTest::newRow("bad host") << "printer_7.example.com"
                                  << "valid host name";
        QTest::newRow("host dash start") << "-printer"
                                         << "valid host name";
        QTest::newRow("long label") << QString(64, u'a') + ".example"
                                    << "valid host name";
        QTest::newRow("bad mask") << "192.0.2.0/255.0.255.0"
                                  << "netmask";
        QTest::newRow("bad prefix") << "192.0.2.0/33"
                                    << "prefix";
        QTest::newRow("empty") << "  "
                               << "empty";
        // Found by FuzzDiscoverySettings: a scope on a subnet did not survive
        // its own canonical form.
        QTest::newRow("scoped subnet") << "fe80::1%0/0"
                                       << "an interface (%0) belongs to a single link-local address, not to a subnet";
        QTest::newRow("scoped range") << "fe80::1%eth0-fe80::9"
                                      << "an interface (%name) belongs to a single link-local address, not to a range";
    }
    void refusesMalformedEntries()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!TargetSpec::parse(input, error).has_value());
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void subnetSkipsNetworkAndBroadcast()
    {
        TargetIterator it(specs({QStringLiteral("192.0.2.0/24")}), {});
        const Walk w = walk(it);
        QCOMPARE(w.count, std::uint64_t{254});
        QCOMPARE(w.first.first(), QStringLiteral("192.0.2.1"));
        QCOMPARE(w.last, QStringLiteral("192.0.2.254"));
        TargetIterator p2p(specs({QStringLiteral("192.0.2.8/31")}), {});
        QCOMPARE(walk(p2p).count, std::uint64_t{2});
    }

    void exclusionsAreApplied()
    {
        TargetIterator it(specs({QStringLiteral("192.0.2.0/24")}),
                          specs({QStringLiteral("192.0.2.10-192.0.2.19"), QStringLiteral("192.0.2.100"),
                                 QStringLiteral("192.0.2.128/25")}));
        const Walk w = walk(it);
        QCOMPARE(w.count, std::uint64_t{127 - 10 - 1});
        QVERIFY(!w.seen.contains(QStringLiteral("192.0.2.15")));
        QVERIFY(!w.seen.contains(QStringLiteral("192.0.2.100")));
        QVERIFY(!w.seen.contains(QStringLiteral("192.0.2.200")));
        QVERIFY(w.seen.contains(QStringLiteral("192.0.2.9")));
        QVERIFY(w.seen.contains(QStringLiteral("192.0.2.20")));
        QCOMPARE(w.last, QStringLiteral("192.0.2.127"));
    }

    void overlappingEntriesYieldEachAddressOnce()
    {
        TargetIterator it(specs({QStringLiteral("192.0.2.0/25"), QStringLiteral("192.0.2.100-192.0.2.140"),
                                 QStringLiteral("192.0.2.5"), QStringLiteral("192.0.2.0")}),
                          {});
        const Walk w = walk(it);
        QVERIFY(!w.duplicate);
        // /25 gives .1-.126, the range adds .127-.140, .5 is a repeat, .0 is
        // new (the subnet left out its network address).
        QCOMPARE(w.count, std::uint64_t{126 + 14 + 1});
        QVERIFY(w.seen.contains(QStringLiteral("192.0.2.0")));
    }

    void millionAddressesStreamWithoutMaterialising()
    {
        QStringList blocks;
        for (int i = 0; i < 16; ++i) {
            blocks.append(QStringLiteral("172.%1.0.0/16").arg(16 + i));
        }
        DiscoverySettings s;
        s.name = QStringLiteral("campus");
        s.targets = blocks;
        s.credentials = {Credential{}};
        s.credentials[0].community = QStringLiteral("c");
        ValidatedTargets v;
        QVERIFY(validate(s, &v).isEmpty());
        QCOMPARE(v.totalAddresses, kMaxAddressesPerSetting);
        TargetIterator it(v.targets, specs({QStringLiteral("172.20.0.0/16")}));
        const Walk w = walk(it, false);
        QCOMPARE(w.count, std::uint64_t{15 * 65534});
        QCOMPARE(w.first.first(), QStringLiteral("172.16.0.1"));
        QCOMPARE(w.last, QStringLiteral("172.31.255.254"));
    }

    void ipv6RangeWalks()
    {
        TargetIterator it(specs({QStringLiteral("2001:db8::fff0-2001:db8::1:000f")}),
                          specs({QStringLiteral("2001:db8::1:0")}));
        const Walk w = walk(it);
        QCOMPARE(w.count, std::uint64_t{31});
        QCOMPARE(w.first.first(), QStringLiteral("2001:db8::fff0"));
        QCOMPARE(w.last, QStringLiteral("2001:db8::1:f"));
        QVERIFY(!w.seen.contains(QStringLiteral("2001:db8::1:0")));
        // The top of the IPv6 space ends without wrapping around.
        TargetIterator top(specs({QStringLiteral("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe-"
                                                 "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")}),
                           {});
        QCOMPARE(walk(top).count, std::uint64_t{2});
    }

    void hostNamesResolveAtWalkTimeAndDeduplicate()
    {
        int calls = 0;
        const auto resolver = [&](const QString &name) {
            ++calls;
            if (name == QLatin1String("mfp.example")) {
                return QList<QHostAddress>{QHostAddress(QStringLiteral("198.51.100.9")),
                                           QHostAddress(QStringLiteral("192.0.2.3")),
                                           QHostAddress(QStringLiteral("198.51.100.66"))};
            }
            if (name == QLatin1String("alias.example")) {
                return QList<QHostAddress>{QHostAddress(QStringLiteral("198.51.100.9"))};
            }
            return QList<QHostAddress>{};
        };
        TargetIterator it(specs({QStringLiteral("mfp.example"), QStringLiteral("192.0.2.1-192.0.2.5"),
                                 QStringLiteral("alias.example"), QStringLiteral("gone.example")}),
                          specs({QStringLiteral("198.51.100.66")}), resolver);
        QCOMPARE(calls, 0);
        QList<TargetAddress> all;
        while (auto a = it.next()) {
            all.append(*a);
        }
        QCOMPARE(calls, 3);
        // 198.51.100.9 once (from mfp.example), 192.0.2.3 only from the range,
        // .66 excluded, then the five range addresses.
        QCOMPARE(all.size(), 6);
        QCOMPARE(all[0].address, QHostAddress(QStringLiteral("198.51.100.9")));
        QCOMPARE(all[0].hostName, QStringLiteral("mfp.example"));
        QCOMPARE(it.unresolved(), QStringList{QStringLiteral("gone.example")});
    }
};

QTEST_GUILESS_MAIN(TestTargets)
#include "TestTargets.moc"
