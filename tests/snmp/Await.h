#pragma once

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

// Runs the event loop until an asynchronous call delivers its result or the
// time runs out. Unlike QTest::qWaitFor it does not sleep between polls, so a
// walk of hundreds of round trips stays fast. A result delivered after the
// caller gave up lands in shared storage, never in a dead stack frame.
template<typename R>
std::optional<R> await(const std::function<void(std::function<void(const R &)>)> &submit, int timeoutMs = 10000)
{
    struct State {
        std::optional<R> result;
        QPointer<QEventLoop> loop;
    };
    auto state = std::make_shared<State>();
    QEventLoop loop;
    state->loop = &loop;
    submit([state](const R &r) {
        state->result = r;
        if (state->loop) {
            state->loop->quit();
        }
    });
    if (!state->result) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    state->loop = nullptr;
    return state->result;
}
