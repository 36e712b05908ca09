// WS-Discovery across a real network boundary. The test builds its own
// little network: two network namespaces (gateway side A, device side B)
// joined by a veth pair with TEST-NET-1 addresses (192.0.2.0/24) that exist
// only between them. Debian's wsdd runs in B as a standard WS-Discovery
// target service; the gateway's probe tool runs in A and must see its Hello,
// find it with a multicast Probe, and see its Bye. Nothing touches the
// host's own interfaces. Both namespaces are removed whatever happens.
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

#include <unistd.h>

namespace {

int run(const QStringList &args, QString *output = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("ip"), args);
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (output) {
        *output = QString::fromLocal8Bit(p.readAll());
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// Collects a process's JSON lines.
class LineReader {
public:
    explicit LineReader(QProcess &p) : m_p(p) {}
    // Waits until a line with {"event": event} (and the given endpoint, if
    // any) arrives; returns it, or an empty object on timeout.
    QJsonObject waitFor(const QString &event, const QString &endpoint = {}, int timeoutMs = 15000)
    {
        QJsonObject found;
        const auto scan = [&] {
            m_buffer += m_p.readAllStandardOutput();
            qsizetype nl = 0;
            while ((nl = m_buffer.indexOf('\n')) >= 0) {
                const QJsonObject o = QJsonDocument::fromJson(m_buffer.left(nl)).object();
                m_buffer.remove(0, nl + 1);
                m_lines.append(o);
            }
            for (qsizetype i = 0; i < m_lines.size(); ++i) {
                const QJsonObject &o = m_lines[i];
                if (o.value(QStringLiteral("event")).toString() == event &&
                    (endpoint.isEmpty() || o.value(QStringLiteral("endpoint")).toString() == endpoint)) {
                    found = o;
                    m_lines.removeAt(i);
                    return true;
                }
            }
            return false;
        };
        if (!QTest::qWaitFor(scan, timeoutMs)) {
            return {};
        }
        return found;
    }

private:
    QProcess &m_p;
    QByteArray m_buffer;
    QList<QJsonObject> m_lines;
};

} // namespace

class TestWsdNetns : public QObject {
    Q_OBJECT
private:
    const QString m_suffix = QString::number(::getpid());
    const QString m_nsA = QStringLiteral("ngwsd-gw-") + m_suffix;
    const QString m_nsB = QStringLiteral("ngwsd-dev-") + m_suffix;
    const QString m_ifA = QStringLiteral("ngwa") + m_suffix;
    const QString m_ifB = QStringLiteral("ngwb") + m_suffix;
    const QString m_uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool m_created = false;
    QProcess m_wsdd;
    QProcess m_probe;

    QStringList inNs(const QString &ns, const QStringList &args) const
    {
        return QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns} + args;
    }

    void stop(QProcess &p)
    {
        if (p.state() != QProcess::NotRunning) {
            p.terminate();
            if (!p.waitForFinished(5000)) {
                p.kill();
                p.waitForFinished(5000);
            }
        }
    }

    void teardown()
    {
        stop(m_probe);
        stop(m_wsdd);
        if (m_created) {
            // Deleting a namespace destroys its end of the veth pair, and so the pair.
            run({QStringLiteral("netns"), QStringLiteral("del"), m_nsA});
            run({QStringLiteral("netns"), QStringLiteral("del"), m_nsB});
            m_created = false;
        }
    }

public:
    ~TestWsdNetns() override { teardown(); }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0) {
            QSKIP("needs root (CAP_NET_ADMIN) to create network namespaces and a veth pair; run as root to test "
                  "WS-Discovery across a network boundary");
        }
        QString out;
        if (run({QStringLiteral("netns"), QStringLiteral("add"), m_nsA}, &out) != 0) {
            QSKIP(qPrintable(QStringLiteral("cannot create a network namespace (no CAP_NET_ADMIN?): %1").arg(out)));
        }
        m_created = true;
        QVERIFY2(run({QStringLiteral("netns"), QStringLiteral("add"), m_nsB}, &out) == 0, qPrintable(out));
        const QString wsdd = QStandardPaths::findExecutable(QStringLiteral("wsdd"),
                                                            {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
        QVERIFY2(!wsdd.isEmpty(), "Debian's wsdd is missing: run scripts/install-deps.sh");

        // The veth pair is created inside A with its peer directly in B.
        const QList<QStringList> steps = {
            inNs(m_nsA, {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("add"), m_ifA,
                         QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"),
                         m_ifB, QStringLiteral("netns"), m_nsB}),
            inNs(m_nsA, {QStringLiteral("ip"), QStringLiteral("addr"), QStringLiteral("add"),
                         QStringLiteral("192.0.2.1/24"), QStringLiteral("dev"), m_ifA}),
            inNs(m_nsB, {QStringLiteral("ip"), QStringLiteral("addr"), QStringLiteral("add"),
                         QStringLiteral("192.0.2.2/24"), QStringLiteral("dev"), m_ifB}),
            inNs(m_nsA, {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                         QStringLiteral("up")}),
            inNs(m_nsB, {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                         QStringLiteral("up")}),
            inNs(m_nsA,
                 {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), m_ifA, QStringLiteral("up")}),
            inNs(m_nsB,
                 {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), m_ifB, QStringLiteral("up")}),
        };
        for (const QStringList &step : steps) {
            QVERIFY2(run(step, &out) == 0, qPrintable(step.join(u' ') + QStringLiteral(": ") + out));
        }
    }

    void cleanupTestCase() { teardown(); }

    void helloProbeMatchAndByeAcrossVeth()
    {
        // The gateway side listens first, so it hears the device's Hello.
        m_probe.start(QStringLiteral("ip"),
                      inNs(m_nsA, {QStringLiteral(WSD_PROBE_PATH), QStringLiteral("--listen"),
                                   QStringLiteral("--metadata"), QStringLiteral("--interface"), m_ifA}));
        QVERIFY(m_probe.waitForStarted());
        LineReader probe(m_probe);
        const QJsonObject ready = probe.waitFor(QStringLiteral("ready"));
        QVERIFY2(!ready.isEmpty(), m_probe.readAllStandardError().constData());
        QCOMPARE(ready.value(QStringLiteral("interfaces")).toArray().first().toString(), m_ifA);

        m_wsdd.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_wsdd.start(QStringLiteral("ip"),
                     inNs(m_nsB, {QStringLiteral("wsdd"), QStringLiteral("--interface"), m_ifB, QStringLiteral("-4"),
                                  QStringLiteral("--uuid"), m_uuid, QStringLiteral("--hostname"),
                                  QStringLiteral("NGTESTPRINTER")}));
        QVERIFY(m_wsdd.waitForStarted());
        const QString endpoint = QStringLiteral("urn:uuid:") + m_uuid;

        const QJsonObject hello = probe.waitFor(QStringLiteral("hello"), endpoint);
        QVERIFY2(!hello.isEmpty(), "no Hello from wsdd reached the gateway side");
        QCOMPARE(hello.value(QStringLiteral("from")).toString(), QStringLiteral("192.0.2.2"));
        QVERIFY(hello.value(QStringLiteral("xaddrs"))
                    .toArray()
                    .first()
                    .toString()
                    .startsWith(QStringLiteral("http://192.0.2.2:")));

        // Metadata over HTTP (WS-Transfer Get) from the XAddr of the Hello.
        const QJsonObject metadata = probe.waitFor(QStringLiteral("metadata"), endpoint);
        QVERIFY2(!metadata.isEmpty(), "no metadata from the device's XAddr");
        QCOMPARE(metadata.value(QStringLiteral("manufacturer")).toString(), QStringLiteral("wsdd"));
        QCOMPARE(metadata.value(QStringLiteral("model")).toString(), QStringLiteral("wsdd"));
        QCOMPARE(metadata.value(QStringLiteral("serialNumber")).toString(), QStringLiteral("1"));
        QVERIFY(metadata.value(QStringLiteral("friendlyName")).toString().contains(QStringLiteral("NGTESTPRINTER")));

        m_probe.write("probe\n");
        const QJsonObject match = probe.waitFor(QStringLiteral("match"), endpoint);
        QVERIFY2(!match.isEmpty(), "the multicast Probe found nothing");
        QCOMPARE(match.value(QStringLiteral("from")).toString(), QStringLiteral("192.0.2.2"));
        QVERIFY(match.value(QStringLiteral("types")).toArray().contains(QStringLiteral("wsdp:Device")));

        m_wsdd.terminate(); // wsdd says Bye when it stops
        const QJsonObject bye = probe.waitFor(QStringLiteral("bye"), endpoint);
        QVERIFY2(!bye.isEmpty(), "no Bye from wsdd reached the gateway side");
        QVERIFY(m_wsdd.state() == QProcess::NotRunning || m_wsdd.waitForFinished(5000));

        m_probe.write("quit\n");
        const QJsonObject done = probe.waitFor(QStringLiteral("done"));
        QVERIFY2(!done.isEmpty(), m_probe.readAllStandardError().constData());
        QCOMPARE(done.value(QStringLiteral("devices")).toInt(), 0); // it said Bye
        QCOMPARE(done.value(QStringLiteral("rejected")).toInt(), 0);
        QVERIFY(m_probe.state() == QProcess::NotRunning || m_probe.waitForFinished(5000));
        QCOMPARE(m_probe.exitCode(), 0);
    }

    void oneShotMulticastProbe()
    {
        m_wsdd.setProcessChannelMode(QProcess::MergedChannels);
        m_wsdd.start(QStringLiteral("ip"),
                     inNs(m_nsB, {QStringLiteral("wsdd"), QStringLiteral("--interface"), m_ifB, QStringLiteral("-4"),
                                  QStringLiteral("-v"), QStringLiteral("--uuid"), m_uuid}));
        QVERIFY(m_wsdd.waitForStarted());
        // wsdd answers probes once it has joined the multicast group; it logs that.
        QByteArray wsddLog;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         wsddLog += m_wsdd.readAll();
                         return wsddLog.contains("joined multicast group");
                     },
                     15000),
                 wsddLog.constData());
        QProcess listener;
        listener.start(QStringLiteral("ip"),
                       inNs(m_nsA, {QStringLiteral(WSD_PROBE_PATH), QStringLiteral("--timeout"), QStringLiteral("3000"),
                                    QStringLiteral("--metadata"), QStringLiteral("--interface"), m_ifA}));
        QVERIFY(listener.waitForStarted());
        LineReader out(listener);
        const QJsonObject match = out.waitFor(QStringLiteral("match"), QStringLiteral("urn:uuid:") + m_uuid);
        // wsdd's ProbeMatch carries no XAddrs: the probe resolves them, then
        // reads the metadata from there.
        const QJsonObject resolved = out.waitFor(QStringLiteral("resolved"), QStringLiteral("urn:uuid:") + m_uuid);
        const QJsonObject metadata = out.waitFor(QStringLiteral("metadata"), QStringLiteral("urn:uuid:") + m_uuid);
        const QJsonObject done = out.waitFor(QStringLiteral("done"));
        stop(listener);
        QVERIFY2(!match.isEmpty(), "the one-shot multicast probe found nothing");
        QVERIFY2(!resolved.isEmpty(), "no ResolveMatches for a ProbeMatch without XAddrs");
        QVERIFY(resolved.value(QStringLiteral("xaddrs"))
                    .toArray()
                    .first()
                    .toString()
                    .startsWith(QStringLiteral("http://192.0.2.2:")));
        QCOMPARE(metadata.value(QStringLiteral("manufacturer")).toString(), QStringLiteral("wsdd"));
        QCOMPARE(done.value(QStringLiteral("devices")).toInt(), 1);
        stop(m_wsdd);
    }
};

QTEST_GUILESS_MAIN(TestWsdNetns)
#include "TestWsdNetns.moc"
