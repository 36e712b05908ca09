#include <netgateway/core/api/TasksController.h>
#include <netgateway/tasks/TaskStore.h>

#include <QJsonArray>

namespace netgateway::core::api {

namespace {

int boundedInt(const Request &r, const QString &name, int min, int max, int fallback)
{
    const QString value = r.queryValue(name);
    if (value.isEmpty()) {
        return fallback;
    }
    bool ok = false;
    const int v = value.toInt(&ok);
    if (!ok || v < min || v > max) {
        throw ApiError::badRequest(
            QStringLiteral("'%1' must be a whole number from %2 to %3").arg(name).arg(min).arg(max), name);
    }
    return v;
}

class TasksController final : public Controller {
public:
    explicit TasksController(Context &c) : m_c(c) {}
    void registerRoutes(Router &router) override
    {
        router.add(Method::Get, QStringLiteral("/tasks"), Access::Authenticated, [this](Request &r) {
            for (const auto &[key, value] : r.query.queryItems()) {
                if (key != QLatin1String("limit") && key != QLatin1String("offset")) {
                    throw ApiError(400, QStringLiteral("unknown_field"),
                                   QStringLiteral("the query parameter '%1' is not accepted here").arg(key.left(64)),
                                   key.left(64));
                }
            }
            const int limit = boundedInt(r, QStringLiteral("limit"), 1, 500, 50);
            const int offset = boundedInt(r, QStringLiteral("offset"), 0, 100000000, 0);
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
