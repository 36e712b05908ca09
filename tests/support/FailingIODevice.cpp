#include "FailingIODevice.h"

namespace netgateway::test {

FailingIODevice::FailingIODevice(qint64 capacity, QObject *parent) : QIODevice(parent), m_capacity(capacity)
{
}

qint64 FailingIODevice::readData(char *, qint64)
{
    return -1;
}

qint64 FailingIODevice::writeData(const char *data, qint64 size)
{
    const qint64 room = m_capacity - m_data.size();
    if (room <= 0) {
        setErrorString(QStringLiteral("No space left on device"));
        return -1;
    }
    const qint64 accepted = std::min(room, size);
    m_data.append(data, accepted);
    return accepted;
}

} // namespace netgateway::test
