#pragma once

#include <QStringList>

namespace evalx::app {

// evalx report INPUT.json -o FILE.csv|.json|.html|.pdf [--title TEXT]
// INPUT: what `evalx judge --json` printed, or a JSON report ("-": stdin).
// Exit code: 0 written, 2 bad command line, input or output path (named).
int reportCommand(const QStringList &arguments);

} // namespace evalx::app
