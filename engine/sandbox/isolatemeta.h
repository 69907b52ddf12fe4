#pragma once

#include "common/protocol.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace evalx {

// isolate's --meta file ("key:value" lines) read into the facts an EvalX box
// reports, so that both backends give the same statuses and messages.
// Keys used: time, time-wall, max-rss, cg-mem, cg-oom-killed, exitcode,
// exitsig, killed, status (RE, SG, TO, XX), message. Others are ignored.
// isolate before 1.8 writes no cg-oom-killed: given the run's --cg-mem,
// a SIGKILL with the group's peak at that limit is taken for the memory limit.
std::optional<wire::RunReply> parseIsolateMeta(const QByteArray &meta, QString *error,
                                               quint64 cgroupMemoryLimitKib = 0);

} // namespace evalx
