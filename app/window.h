#pragma once

#include <QStringList>

namespace evalx::app {

// The console: evalx [--screenshot FILE [--page dashboard|submissions|local]].
// Builds the QApplication itself. Settings come from the user's
// configuration (a screenshot uses the defaults and saves nothing).
int runWindow(int &argc, char **argv, const QStringList &arguments);

} // namespace evalx::app
