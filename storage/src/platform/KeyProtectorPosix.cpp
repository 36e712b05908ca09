#include "KeyProtector.h"

namespace netgateway::storage::platform {

bool protectKeyMaterial(const std::vector<unsigned char> &plain, std::vector<unsigned char> &wrapped, std::string &)
{
    wrapped = plain;
    return true;
}

bool unprotectKeyMaterial(const std::vector<unsigned char> &wrapped, std::vector<unsigned char> &plain, std::string &)
{
    plain = wrapped;
    return true;
}

} // namespace netgateway::storage::platform
