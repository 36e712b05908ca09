#include <netgateway/core/InstanceLock.h>

#include <QDir>

namespace netgateway::core {

namespace {
QString lockPath(const QString &dataDirectory)
{
    return QDir(dataDirectory).filePath(QStringLiteral("netgatewayd.lock"));
}
} // namespace

InstanceLock::InstanceLock(const QString &dataDirectory)
    : m_path(lockPath(dataDirectory)), m_lock(std::make_unique<QLockFile>(m_path))
{
    // A lock is stale only when its process is gone; never by age.
    m_lock->setStaleLockTime(0);
}

InstanceLock::~InstanceLock()
{
    release();
}

bool InstanceLock::acquire(QString &error)
{
    if (m_lock->tryLock(0)) {
        return true;
    }
    qint64 pid = 0;
    QString host;
    QString app;
    if (m_lock->error() == QLockFile::LockFailedError && m_lock->getLockInfo(&pid, &host, &app)) {
        error = QStringLiteral("data directory %1 is already in use by netgatewayd process %2 on %3; stop that "
                               "process or choose another --data-dir")
                    .arg(QDir::toNativeSeparators(QFileInfo(m_path).absolutePath()))
                    .arg(pid)
                    .arg(host);
    } else if (m_lock->error() == QLockFile::PermissionError) {
        error = QStringLiteral("cannot create lock file %1: permission denied; run as the service account")
                    .arg(QDir::toNativeSeparators(m_path));
    } else {
        error = QStringLiteral("cannot lock data directory (%1)").arg(QDir::toNativeSeparators(m_path));
    }
    return false;
}

void InstanceLock::release()
{
    if (m_lock && m_lock->isLocked()) {
        m_lock->unlock();
    }
}

qint64 InstanceLock::holderPid(const QString &dataDirectory)
{
    QLockFile probe(lockPath(dataDirectory));
    probe.setStaleLockTime(0);
    if (probe.tryLock(0)) {
        probe.unlock();
        return 0;
    }
    qint64 pid = 0;
    QString host;
    QString app;
    if (probe.getLockInfo(&pid, &host, &app)) {
        return pid;
    }
    return 0;
}

} // namespace netgateway::core
