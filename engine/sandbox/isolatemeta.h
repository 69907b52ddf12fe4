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
std::optional<wire::RunReply> parseIsolateMeta(const QByteArray &meta, QString *error);

} // namespace evalx
