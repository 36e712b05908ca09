#include <netgateway/uplink/ZipArchive.h>

#include <zip.h>

#include <memory>

namespace netgateway::uplink {

namespace {

QString zipErrorText(zip_error_t *err)
{
    return QString::fromUtf8(zip_error_strerror(err));
}

} // namespace

std::optional<QByteArray> ZipArchive::create(const QList<ZipEntry> &entries, QString &error)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
    if (buffer == nullptr) {
        error = QStringLiteral("zip: %1").arg(zipErrorText(&err));
        zip_error_fini(&err);
        return std::nullopt;
    }
    zip_t *archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
    if (archive == nullptr) {
        error = QStringLiteral("zip: %1").arg(zipErrorText(&err));
        zip_source_free(buffer);
        zip_error_fini(&err);
        return std::nullopt;
    }
    zip_error_fini(&err);
    // Keep the buffer alive after zip_close() so the finished archive can be read back.
    zip_source_keep(buffer);
    for (const ZipEntry &e : entries) {
        // libzip reads the data only in zip_close(); `entries` outlives that.
        zip_source_t *src = zip_source_buffer(archive, e.data.constData(), static_cast<zip_uint64_t>(e.data.size()), 0);
        if (src == nullptr || zip_file_add(archive, e.name.toUtf8().constData(), src, ZIP_FL_ENC_UTF_8) < 0) {
            error = QStringLiteral("zip: cannot add %1: %2").arg(e.name, QString::fromUtf8(zip_strerror(archive)));
            if (src != nullptr) {
                zip_source_free(src);
            }
            zip_discard(archive);
            zip_source_free(buffer);
            return std::nullopt;
        }
    }
    if (zip_close(archive) < 0) {
        error = QStringLiteral("zip: %1").arg(QString::fromUtf8(zip_strerror(archive)));
        zip_discard(archive);
        zip_source_free(buffer);
        return std::nullopt;
    }
    QByteArray out;
    if (zip_source_open(buffer) == 0) {
        zip_source_seek(buffer, 0, SEEK_END);
        const zip_int64_t size = zip_source_tell(buffer);
        zip_source_seek(buffer, 0, SEEK_SET);
        if (size > 0) {
            out.resize(static_cast<qsizetype>(size));
            const zip_int64_t got = zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size));
            out.resize(got < 0 ? 0 : static_cast<qsizetype>(got));
        }
        zip_source_close(buffer);
    }
    zip_source_free(buffer);
    if (out.isEmpty()) {
        error = QStringLiteral("zip: the archive could not be read back from memory");
        return std::nullopt;
    }
    return out;
}

std::optional<QList<ZipEntry>> ZipArchive::read(const QByteArray &zip, qint64 maxTotalBytes, int maxEntries,
                                                QString &error)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(zip.constData(), static_cast<zip_uint64_t>(zip.size()), 0, &err);
    if (src == nullptr) {
        error = QStringLiteral("zip: %1").arg(zipErrorText(&err));
        zip_error_fini(&err);
        return std::nullopt;
    }
    zip_t *archive = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (archive == nullptr) {
        error = QStringLiteral("not a valid zip archive: %1").arg(zipErrorText(&err));
        zip_source_free(src);
        zip_error_fini(&err);
        return std::nullopt;
    }
    zip_error_fini(&err);
    const std::unique_ptr<zip_t, void (*)(zip_t *)> guard(archive, [](zip_t *z) { zip_discard(z); });
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    if (count < 0 || count > maxEntries) {
        error = QStringLiteral("the zip archive holds %1 entries; at most %2 are accepted").arg(count).arg(maxEntries);
        return std::nullopt;
    }
    QList<ZipEntry> out;
    qint64 total = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
            !(st.valid & ZIP_STAT_NAME)) {
            error = QStringLiteral("zip entry %1 cannot be read").arg(i);
            return std::nullopt;
        }
        total += static_cast<qint64>(st.size);
        if (st.size > static_cast<zip_uint64_t>(maxTotalBytes) || total > maxTotalBytes) {
            error = QStringLiteral("the zip archive unpacks to more than %1 bytes").arg(maxTotalBytes);
            return std::nullopt;
        }
        zip_file_t *file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        if (file == nullptr) {
            error = QStringLiteral("zip entry %1: %2")
                        .arg(QString::fromUtf8(st.name), QString::fromUtf8(zip_strerror(archive)));
            return std::nullopt;
        }
        ZipEntry e;
        e.name = QString::fromUtf8(st.name);
        e.data.resize(static_cast<qsizetype>(st.size));
        const zip_int64_t got = st.size == 0 ? 0 : zip_fread(file, e.data.data(), st.size);
        // Reading past the declared size must find nothing (and the CRC is checked at the end).
        char extra = 0;
        const zip_int64_t more = zip_fread(file, &extra, 1);
        zip_fclose(file);
        if (got != static_cast<zip_int64_t>(st.size) || more != 0) {
            error = QStringLiteral("zip entry %1 is damaged").arg(e.name);
            return std::nullopt;
        }
        out.append(std::move(e));
    }
    return out;
}

} // namespace netgateway::uplink
