#pragma once

#include <QCoreApplication>

namespace netgateway::cli {

// The translation context of what netgatewayctl prints to its user (usage,
// errors, results): CliText::tr("...") is found by lupdate and looked up in
// the catalog the --language option or the system locale chose.
class CliText {
    Q_DECLARE_TR_FUNCTIONS(netgatewayctl)
};

} // namespace netgateway::cli
