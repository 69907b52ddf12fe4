#pragma once

#include <QByteArray>
#include <QtGlobal>
#include <optional>

namespace evalx {

// A number no other EvalX process on this host holds at the same time. Box
// uids and isolate's box ids are host-wide: two judges on one machine (a
// server and `evalx judge`, two workers, tests in parallel) that both ran box
// 0 as uid 60000 would share its process count (RLIMIT_NPROC is per uid, so
// one box's fork bomb fails the other's exec) and, with isolate, one box
// directory. A claim is an abstract Unix socket bound to "evalx/KIND/N": the
// kernel releases it when the process dies, however it dies, and it needs no
// writable directory. Judged programs never see the host's abstract sockets
// (every box has a network namespace of its own).
class HostClaim final
{
public:
    HostClaim() = default;
    HostClaim(HostClaim &&other) noexcept;
    HostClaim &operator=(HostClaim &&other) noexcept;
    ~HostClaim();
    Q_DISABLE_COPY(HostClaim)

    // The lowest free number in [from, from + span); nullopt when all are held.
    static std::optional<HostClaim> take(const QByteArray &kind, int from, int span);

    int number() const { return m_number; }
    bool isHeld() const { return m_fd >= 0; }

private:
    int m_fd = -1;
    int m_number = -1;
};

} // namespace evalx
