#pragma once

#include <QByteArray>

namespace evalx::app {

// Tells systemd how the service is doing ("READY=1", "STOPPING=1",
// "STATUS=..."), for Type=notify units: one datagram to $NOTIFY_SOCKET, and
// nothing when that is not set (not started by systemd). Failures are ignored:
// systemd then times the start out, which says more than a log line.
void sdNotify(const QByteArray &state);

} // namespace evalx::app
