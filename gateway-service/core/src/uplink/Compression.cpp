#include <netgateway/uplink/Compression.h>

#include <zlib.h>

#include <cstring>

namespace netgateway::uplink {

namespace {
// zlib's windowBits: 15 for a 32 KiB window, +16 selects gzip framing and
// +32 lets inflate detect gzip or zlib headers by itself.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kAutoDetectWindowBits = 15 + 32;
constexpr qsizetype kChunk = 16384;
} // namespace

QByteArray gzipCompress(const QByteArray &data, int level)
{
    z_stream zs;
    std::memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return {};
    }
    QByteArray out;
    out.resize(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const auto produced = static_cast<qsizetype>(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        return {};
    }
    out.resize(produced);
    return out;
}

std::optional<QByteArray> gzipDecompress(const QByteArray &data, qsizetype maxOutput)
{
    z_stream zs;
    std::memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, kAutoDetectWindowBits) != Z_OK) {
        return std::nullopt;
    }
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    QByteArray out;
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        const qsizetype before = out.size();
        if (before + kChunk > maxOutput + kChunk) {
            break;
        }
        out.resize(before + kChunk);
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + before);
        zs.avail_out = static_cast<uInt>(kChunk);
        rc = inflate(&zs, Z_NO_FLUSH);
        out.resize(before + kChunk - static_cast<qsizetype>(zs.avail_out));
        if (rc != Z_OK && rc != Z_STREAM_END) {
            break;
        }
        if (out.size() > maxOutput) {
            break;
        }
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || out.size() > maxOutput) {
        return std::nullopt;
    }
    return out;
}

} // namespace netgateway::uplink
