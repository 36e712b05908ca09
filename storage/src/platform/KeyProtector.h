#pragma once

// Qt-free: compiled for Windows with mingw-w64 as a type check.
#include <string>
#include <vector>

namespace netgateway::storage::platform {

// Wraps key material for storage outside the database. On Windows this is
// DPAPI with machine scope; elsewhere the file permissions protect the key and
// the bytes pass through unchanged.
bool protectKeyMaterial(const std::vector<unsigned char> &plain, std::vector<unsigned char> &wrapped,
                        std::string &error);
bool unprotectKeyMaterial(const std::vector<unsigned char> &wrapped, std::vector<unsigned char> &plain,
                          std::string &error);

} // namespace netgateway::storage::platform
