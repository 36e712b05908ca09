#pragma once

#include "ConsoleApi.h"

#include <QStringList>

namespace netgateway::test {

// Records the calls and lets the test answer them.
class FakeConsoleApi final : public desktop::ConsoleApi {
    Q_OBJECT
public:
    void login(const QString &user, const QString &password) override
    {
        calls << QStringLiteral("login");
        lastUser = user;
        lastPassword = password;
    }
    void fetchDashboard() override { calls << QStringLiteral("dashboard"); }
    void logout() override { calls << QStringLiteral("logout"); }
    [[nodiscard]] QUrl webConsoleUrl() const override { return QUrl(QStringLiteral("https://localhost:9797")); }

    QStringList calls;
    QString lastUser;
    QString lastPassword;
};

} // namespace netgateway::test
