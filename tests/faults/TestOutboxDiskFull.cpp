// The outbox on a volume that really fills up: a 4 MiB tmpfs mounted in a
// private mount namespace of this test (root only; skipped otherwise). Every
// record enqueue() returned for is still there after the disk filled, after
// space came back and after the outbox was reopened; enqueue() refuses with a
// StorageError while the disk is full and works again once space is freed.
#include "UplinkFixture.h"

#include <netgateway/storage/StorageError.h>

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

using namespace netgateway;
using namespace netgateway::test;
using storage::OutboxKind;

class TestOutboxDiskFull : public QObject {
    Q_OBJECT

    QTemporaryDir m_mountPoint;
    bool m_mounted = false;

private slots:
    void initTestCase()
    {
        QVERIFY(m_mountPoint.isValid());
        if (geteuid() != 0) {
            QSKIP("needs root for a private mount namespace with a small tmpfs");
        }
        // Only this (main) thread's view changes; the rest of the machine
        // never sees the mount.
        if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
            QSKIP(qPrintable(
                QStringLiteral("no private mount namespace: %1").arg(QString::fromLocal8Bit(std::strerror(errno)))));
        }
        const QByteArray path = QFile::encodeName(m_mountPoint.path());
        QVERIFY2(mount("tmpfs", path.constData(), "tmpfs", MS_NOSUID | MS_NODEV, "size=4m,mode=0700") == 0,
                 std::strerror(errno));
        m_mounted = true;
    }

    void cleanupTestCase()
    {
        if (m_mounted) {
            umount2(QFile::encodeName(m_mountPoint.path()).constData(), MNT_DETACH);
        }
    }

    void committedRecordsSurviveAFullDisk()
    {
        const QString dir = m_mountPoint.path();
        // Space to give back later.
        QFile spare(dir + QStringLiteral("/spare"));
        QVERIFY(spare.open(QIODevice::WriteOnly));
        QVERIFY(spare.write(QByteArray(512 * 1024, 'x')) == 512 * 1024);
        spare.close();

        QSet<QString> committed;
        QString failure;
        {
            GatewayStorage s(dir);
            for (int i = 0; i < 5000 && failure.isEmpty(); ++i) {
                const QString sn = QStringLiteral("SN%1").arg(i);
                QJsonObject record = countersRecord(sn, i, 1000 + i);
                record.insert(QStringLiteral("padding"), QString(1500, QLatin1Char('p')));
                try {
                    committed.insert(
                        s.outbox->enqueue(OutboxKind::Counters, sn, toJson(record), 100 + i).idempotencyKey);
                } catch (const storage::StorageError &e) {
                    failure = QString::fromUtf8(e.what());
                }
            }
            QVERIFY2(!failure.isEmpty(), "the 4 MiB volume never filled up");
            QVERIFY2(failure.contains(QStringLiteral("full"), Qt::CaseInsensitive), qPrintable(failure));
            qInfo("%lld records committed before the disk was full: %s", static_cast<long long>(committed.size()),
                  qPrintable(failure));
            QVERIFY(committed.size() > 50);
            QCOMPARE(s.outbox->count(), committed.size());

            // Space comes back: the same outbox takes records again.
            QVERIFY(QFile::remove(spare.fileName()));
            const auto again = s.outbox->enqueue(OutboxKind::Alert, QStringLiteral("SN-after"),
                                                 toJson(alertRecord("SN-after", 1, "jam")), 9000);
            committed.insert(again.idempotencyKey);
        }

        // Reopened: every committed record is there, once, and the file is sound.
        GatewayStorage s(dir);
        QCOMPARE(s.db->integrityCheck(), QStringList());
        const auto all = s.outbox->peek({OutboxKind::Counters, OutboxKind::Alert}, 10000, qint64(1) << 30);
        QSet<QString> found;
        for (const auto &r : all) {
            found.insert(r.idempotencyKey);
        }
        QCOMPARE(all.size(), committed.size());
        QCOMPARE(found, committed);
    }
};

QTEST_GUILESS_MAIN(TestOutboxDiskFull)
#include "TestOutboxDiskFull.moc"
