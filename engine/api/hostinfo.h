#pragma once

#include <QJsonObject>

namespace evalx {

// The host's facts as Judge0's GET /system_info gives them (lscpu's keys and
// the memory totals): "Architecture", "CPU(s)", "Model name", "Mem total"...
// Read from uname, /proc/cpuinfo and /proc/meminfo; a fact the host does not
// expose is left out.
QJsonObject hostInfo();

} // namespace evalx
