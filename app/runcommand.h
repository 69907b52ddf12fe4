#pragma once

#include <QStringList>

namespace evalx::app {

// evalx run FILE [--language ID] [--stdin FILE] [--time SEC] [--wall-time SEC]
//                [--memory MIB] [--processes N] [--output-limit KIB] [--json]
// Exit code: 0 OK, 1 any other verdict, 2 bad command line, 3 internal error.
int runCommand(const QStringList &arguments);

} // namespace evalx::app
