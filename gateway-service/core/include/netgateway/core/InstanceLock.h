#pragma once

#include <QLockFile>
#include <QString>

#include <memory>

namespace netgateway::core {

// One netgatewayd per data directory. The lock file holds the owner's PID and
// is removed on a clean stop; a lock left by a killed process is detected as
// stale and taken over.
class InstanceLock {
public:
    explicit InstanceLock(const QString &dataDirectory);
    ~InstanceLock();

    // Returns false with a message naming the holder's PID and host.
    bool acquire(QString &error);
    void release();
    [[nodiscard]] QString path() const { return m_path; }

    // The PID holding the lock of `dataDirectory`, or 0 when none is alive.
    static qint64 holderPid(const QString &dataDirectory);

private:
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace netgateway::core
