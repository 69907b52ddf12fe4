#pragma once

#include <QStringList>

namespace evalx::app {

// evalx --headless [--bind ADDR] [--port N] [--workers N]: the judge server.
int runHeadless(const QStringList &arguments);

} // namespace evalx::app
