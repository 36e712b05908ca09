#pragma once

#include <netgateway/core/api/Api.h>
#include <netgateway/core/api/Console.h>

#include <memory>

namespace netgateway::core::api {

// GET /tasks?limit=&offset= : the history of the cloud's maintenance tasks,
// newest first ({total, offset, limit, items}); GET /tasks/{id}: one task.
// Read-only: tasks come from the cloud only.
std::unique_ptr<Controller> makeTasksController(Context &context);

} // namespace netgateway::core::api
