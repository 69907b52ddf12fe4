#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QStringList>

namespace evalx::app {

// evalx --headless [--bind ADDR] [--port N] [--workers N]: the judge server.
int runHeadless(const QStringList &arguments);
// Its options, which are also the settings a --config file may hold.
QList<QCommandLineOption> headlessOptions();

} // namespace evalx::app
