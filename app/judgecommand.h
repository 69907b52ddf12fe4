#pragma once

#include <QStringList>

namespace evalx::app {

// evalx judge --problem DIR FILE... [--language ID] [--jobs N] [--json]
//             [--checker SPEC] [--time SEC] [--memory MIB] [--stop-on-failure]
//             [--report FILE.csv|.json|.html|.pdf]
// Exit code: 0 when every file was judged (whatever the verdicts), 1 when some
// could not be (IE), 2 bad command line or broken package, 3 internal error.
int judgeCommand(const QStringList &arguments);

} // namespace evalx::app
