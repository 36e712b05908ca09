#pragma once

#include <QIODevice>

namespace netgateway::test {

// A device that accepts `capacity` bytes and then fails every write as a full
// disk would, for disk-full tests of code that writes through QIODevice.
class FailingIODevice final : public QIODevice {
    Q_OBJECT
public:
    explicit FailingIODevice(qint64 capacity, QObject *parent = nullptr);
    [[nodiscard]] QByteArray written() const { return m_data; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    qint64 m_capacity;
    QByteArray m_data;
};

} // namespace netgateway::test
