#pragma once

#include "HttpsClient.h"

#include <ManualClock.h>
#include <TempDataDir.h>

#include <netgateway/core/GatewayService.h>
#include <netgateway/core/api/Certificate.h>
#include <netgateway/core/api/Console.h>
#include <netgateway/core/audit/AuditLog.h>

#include <memory>

namespace netgateway::test {

// A GatewayService in this process, on a ManualClock, with the console on a
// free loopback port and no failure delay.
class ConsoleFixture {
public:
    static constexpr char kPassword[] = "Correct-Horse-Battery-9";

    explicit ConsoleFixture(ManualClock &clock, std::chrono::milliseconds failureDelay = std::chrono::milliseconds(0))
        : m_clock(clock), m_failureDelay(failureDelay)
    {
    }

    bool start(QString *error = nullptr)
    {
        core::ServiceConfig config;
        config.dataDirectory = m_dir.path();
        core::api::ConsoleOptions options;
        options.listenAddress = QHostAddress::LocalHost;
        options.port = 0;
        options.auth.failureDelay = m_failureDelay;
        // Cheap hashes keep the suite fast; TestPasswordPolicy checks the
        // production parameters.
        options.auth.scrypt = core::auth::ScryptParams{10, 8, 1};
        m_service = std::make_unique<core::GatewayService>(config, m_clock);
        m_service->setConsoleOptions(options);
        QString e;
        const bool ok = m_service->start(e) == core::ExitCode::Ok && m_service->console()->listening();
        if (error) {
            *error = e;
        }
        return ok;
    }
    void stop() { m_service.reset(); }

    core::api::Console &console() { return *m_service->console(); }
    core::GatewayService &service() { return *m_service; }
    const TempDataDir &dir() const { return m_dir; }

    HttpsClient client(const char *source = "127.0.0.1")
    {
        return HttpsClient(console().port(), console().certificates().chain(),
                           QHostAddress(QString::fromLatin1(source)));
    }

    void setAdminPassword(const QString &password = QString::fromLatin1(kPassword))
    {
        console().auth().setPassword(QStringLiteral("admin"), password, QStringLiteral("test"), QStringLiteral("local"),
                                     QStringLiteral("local administrator password reset"));
    }

    // Audit entries with this action, newest first.
    QList<core::audit::Entry> audit(const QString &action)
    {
        core::audit::Query q;
        q.action = action;
        q.limit = 1000;
        return console().auditLog().query(q);
    }

private:
    ManualClock &m_clock;
    std::chrono::milliseconds m_failureDelay;
    TempDataDir m_dir;
    std::unique_ptr<core::GatewayService> m_service;
};

} // namespace netgateway::test
