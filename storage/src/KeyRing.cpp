#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/StorageError.h>

#include "platform/KeyProtector.h"

#include <QDataStream>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <openssl/crypto.h>

namespace netgateway::storage {

namespace {
constexpr char kMagic[4] = {'N', 'G', 'K', 'R'};
constexpr quint8 kFormat = 1;
constexpr quint32 kMaxKeys = 16;
} // namespace

bool KeyRing::isValid() const
{
    return keys.contains(activeId) &&
           std::all_of(keys.cbegin(), keys.cend(), [](const QByteArray &k) { return k.size() == kKeySize; });
}

QByteArray KeyRing::serialize() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setByteOrder(QDataStream::BigEndian);
    s.writeRawData(kMagic, 4);
    s << kFormat << activeId << static_cast<quint32>(keys.size());
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        s << it.key();
        s.writeRawData(it.value().constData(), kKeySize);
    }
    return out;
}

bool KeyRing::parse(const QByteArray &data, KeyRing &out)
{
    QDataStream s(data);
    s.setByteOrder(QDataStream::BigEndian);
    char magic[4];
    if (s.readRawData(magic, 4) != 4 || memcmp(magic, kMagic, 4) != 0) {
        return false;
    }
    quint8 format = 0;
    quint32 active = 0;
    quint32 count = 0;
    s >> format >> active >> count;
    if (s.status() != QDataStream::Ok || format != kFormat || count == 0 || count > kMaxKeys) {
        return false;
    }
    KeyRing ring;
    ring.activeId = active;
    for (quint32 i = 0; i < count; ++i) {
        quint32 id = 0;
        s >> id;
        QByteArray key(kKeySize, Qt::Uninitialized);
        if (s.readRawData(key.data(), kKeySize) != kKeySize || s.status() != QDataStream::Ok) {
            return false;
        }
        ring.keys.insert(id, key);
    }
    if (!s.atEnd() || !ring.isValid()) {
        return false;
    }
    out = ring;
    return true;
}

FileKeyStore::FileKeyStore(QString path) : m_path(std::move(path))
{
}

QString FileKeyStore::describe() const
{
    return m_path;
}

bool FileKeyStore::load(KeyRing &out)
{
    QFile file(m_path);
    if (!file.exists()) {
        return false;
    }
#ifndef Q_OS_WIN
    const auto others =
        QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;
    if (file.permissions() & others) {
        throw StorageError(StorageError::Kind::Crypto,
                           QStringLiteral("key file %1 is accessible to other users; it must be readable by the "
                                          "service account only (run: chmod 600 %1)")
                               .arg(m_path));
    }
#endif
    if (!file.open(QIODevice::ReadOnly)) {
        throw StorageError(StorageError::Kind::Crypto,
                           QStringLiteral("cannot read key file %1: %2").arg(m_path, file.errorString()));
    }
    const QByteArray wrapped = file.read(64 * 1024);
    std::vector<unsigned char> in(wrapped.cbegin(), wrapped.cend());
    std::vector<unsigned char> plain;
    std::string error;
    if (!platform::unprotectKeyMaterial(in, plain, error)) {
        throw StorageError(StorageError::Kind::Crypto,
                           QStringLiteral("cannot unwrap key file %1: %2").arg(m_path, QString::fromStdString(error)));
    }
    const QByteArray bytes(reinterpret_cast<const char *>(plain.data()), static_cast<qsizetype>(plain.size()));
    OPENSSL_cleanse(plain.data(), plain.size());
    if (!KeyRing::parse(bytes, out)) {
        throw StorageError(StorageError::Kind::Crypto,
                           QStringLiteral("key file %1 is damaged; restore it from the backup made together with "
                                          "the database")
                               .arg(m_path));
    }
    return true;
}

void FileKeyStore::save(const KeyRing &ring)
{
    QByteArray plainBytes = ring.serialize();
    std::vector<unsigned char> plain(plainBytes.cbegin(), plainBytes.cend());
    OPENSSL_cleanse(plainBytes.data(), static_cast<size_t>(plainBytes.size()));
    std::vector<unsigned char> wrapped;
    std::string error;
    const bool ok = platform::protectKeyMaterial(plain, wrapped, error);
    OPENSSL_cleanse(plain.data(), plain.size());
    if (!ok) {
        throw StorageError(StorageError::Kind::Crypto,
                           QStringLiteral("cannot wrap key file %1: %2").arg(m_path, QString::fromStdString(error)));
    }
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        throw StorageError(StorageError::Kind::Io,
                           QStringLiteral("cannot write key file %1: %2").arg(m_path, file.errorString()));
    }
    // The temporary file gets owner-only permissions before any key byte is
    // written to it.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const auto written =
        file.write(reinterpret_cast<const char *>(wrapped.data()), static_cast<qint64>(wrapped.size()));
    OPENSSL_cleanse(wrapped.data(), wrapped.size());
    if (written != static_cast<qint64>(wrapped.size()) || !file.commit()) {
        throw StorageError(StorageError::Kind::Io,
                           QStringLiteral("cannot write key file %1: %2").arg(m_path, file.errorString()));
    }
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace netgateway::storage
