#pragma once

#include <QObject>

namespace netgateway::app {

// Turns SIGTERM/SIGINT and SIGHUP into Qt signals delivered on the event loop
// (self-pipe: the handler only writes one byte). On Windows the SCM host and
// the console control handler take this role.
class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminateRequested(int signal);
    void reloadRequested();
};

} // namespace netgateway::app
