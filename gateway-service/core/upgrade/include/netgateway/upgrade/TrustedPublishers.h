#pragma once

#include <string>

namespace netgateway::upgrade {

// The Authenticode publishers pinned for Windows upgrade packages, compiled in
// from trusted-publishers.txt and NETGATEWAY_RELEASE_PUBLISHERS, in the text
// form platform::PublisherPins::parse() reads. Like the manifest keys, no file
// or variable at run time can add one.
std::string builtInPublisherPinsText();

} // namespace netgateway::upgrade
