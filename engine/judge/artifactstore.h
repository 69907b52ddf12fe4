#pragma once

#include <QByteArray>
#include <optional>

namespace evalx {

struct CompileOutcome;

// A second level behind the ArtifactCache, shared with other processes (Redis):
// where a compile one worker ran is found by the others. A store is an
// optimisation only, so it never fails a judgement: whatever goes wrong in it
// (unreachable, a value it cannot read, one too large to keep) is a miss, which
// the store logs itself. Called from any thread, without the cache's lock held.
class ArtifactStore
{
public:
    ArtifactStore() = default;
    virtual ~ArtifactStore() = default;
    Q_DISABLE_COPY_MOVE(ArtifactStore)

    // The outcome stored under key (an OK or CE compile of that key), or nothing.
    virtual std::optional<CompileOutcome> load(const QByteArray &key) = 0;
    // Offers outcome to other processes; the store may decline (too large).
    virtual void save(const QByteArray &key, const CompileOutcome &outcome) = 0;
};

} // namespace evalx
