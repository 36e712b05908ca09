#pragma once

#include <QByteArray>

#include <optional>

namespace netgateway::uplink {

// gzip framing (RFC 1952) through zlib: the Content-Encoding every HTTP stack
// understands. Qt's qCompress() is NOT used: it prefixes a 4-byte length to a
// zlib stream, which no HTTP peer decodes.
QByteArray gzipCompress(const QByteArray &data, int level = 6);

// Decodes gzip (or zlib) data. Returns nothing when the input is malformed or
// would expand beyond maxOutput bytes (a compression bomb).
std::optional<QByteArray> gzipDecompress(const QByteArray &data, qsizetype maxOutput);

} // namespace netgateway::uplink
