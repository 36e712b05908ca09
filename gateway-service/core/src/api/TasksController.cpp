#include "AreaControllers.h"

#include <netgateway/core/api/TasksController.h>
#include <netgateway/tasks/TaskStore.h>

#include <QJsonArray>

namespace netgateway::core::api {

namespace {

class TasksController final : public Controller {
public:
    explicit TasksController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/tasks"), Access::Authenticated, [this](Request &r) {
            area::rejectUnknownQuery(r, {QStringLiteral("limit"), QStringLiteral("offset")});
            const int limit = static_cast<int>(area::intQuery(r, QStringLiteral("limit"), 1, 500, 50));
            const int offset = static_cast<int>(area::intQuery(r, QStringLiteral("offset"), 0, 100000000, 0));
            tasks::TaskStore store(m_c.db);
            QJsonArray items;
            for (const tasks::TaskRecord &t : store.recent(limit, offset)) {
                items.append(t.toJson());
            }
            return Response::json(QJsonObject{{QStringLiteral("total"), store.count()},
                                              {QStringLiteral("offset"), offset},
                                              {QStringLiteral("limit"), limit},
                                              {QStringLiteral("items"), items}});
        });
        router.add(Method::Get, QStringLiteral("/tasks/{id}"), Access::Authenticated, [this](Request &r) {
            const auto t = tasks::TaskStore(m_c.db).find(r.params.value(0));
            if (!t) {
                throw ApiError::notFound(QStringLiteral("no task with this id"));
            }
            return Response::json(t->toJson());
        });
    }

private:
    Context &m_c;
};

} // namespace

std::unique_ptr<Controller> makeTasksController(Context &context)
{
    return std::make_unique<TasksController>(context);
}

} // namespace netgateway::core::api
