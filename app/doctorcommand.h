#pragma once

#include <QStringList>

namespace evalx::app {

// evalx doctor [--redis URL] [--port N] [--bind ADDR] [--sandbox evalx|isolate]
//              [--config FILE] [--json]
// Checks what judging needs on this host, one line each (OK, WARN, FAIL) with
// what to do about it: privileges and namespaces, cgroups, seccomp, the box
// helper, a real box running 'true', every language's toolchain, and when
// asked (or configured) Redis and the listening port.
// Exit code: 0 nothing stops judging (warnings allowed), 1 something does,
// 2 bad command line.
int doctorCommand(const QStringList &arguments);

} // namespace evalx::app
