#pragma once

#include <netgateway/core/api/Api.h>
#include <netgateway/core/api/Console.h>

namespace netgateway::core::api {

// The auto-upgrade in the console:
//   GET /upgrade           settings, schedule and the last step of the daily check
//   PUT /upgrade/settings  {password, enabled?, timeOfDayUtc? ("HH:MM", or "" for the
//                          time of day of the first registration)}; part of the
//                          security settings: re-authentication, audited as such
// It reads and writes the `settings` rows the upgrade checker (ng_upgrade)
// follows, so the console does not depend on the upgrade library.
class UpgradeController final : public Controller {
public:
    explicit UpgradeController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override;

private:
    [[nodiscard]] QJsonObject current() const;
    [[nodiscard]] QString setting(const QString &key) const;
    void store(const QString &key, const QString &value);

    Context &m_c;
};

} // namespace netgateway::core::api
