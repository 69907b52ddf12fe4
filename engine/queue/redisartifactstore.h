#pragma once

#include "artifactstore.h"
#include "redisjobqueue.h"

#include <QDeadlineTimer>
#include <QMutex>

namespace evalx {

// Compiled artifacts shared through Redis, so that workers on several hosts
// compile a source once: evalx:artifact:{artifact key} holds an encoded
// CompileOutcome (OK or CE) for ttlSeconds. Outcomes that encode to more than
// maxBytes are not shared (each worker compiles them).
//
// Connections of its own, not the queue's: an artifact of megabytes would
// hold a queue's connection for its transfer. After a failure it stays closed
// for a second, so that a Redis that is down costs a compile nothing but a miss.
// Being unreachable is logged once, until it is reachable again.
class RedisArtifactStore final : public ArtifactStore
{
public:
    struct Options
    {
        RedisUrl url;
        int ttlSeconds = 86400;
        qint64 maxBytes = 64 * 1024 * 1024;
    };

    explicit RedisArtifactStore(Options options);
    ~RedisArtifactStore() override;

    std::optional<CompileOutcome> load(const QByteArray &key) override;
    void save(const QByteArray &key, const CompileOutcome &outcome) override;

    static QByteArray redisKey(const QByteArray &key); // evalx:artifact:{key}
    // The stored form: binary, with a digest so that a damaged value is told
    // from a good one. decode() gives nothing, and why, for anything else.
    static QByteArray encode(const CompileOutcome &outcome);
    static std::optional<CompileOutcome> decode(const QByteArray &bytes, QString *error);

private:
    // One command; nothing (and the error logged as the store's rules say)
    // when Redis cannot be reached or refuses it.
    std::optional<RedisValue> command(const RedisCommand &argv);

    const Options m_options;
    RedisClient m_client;
    QMutex m_mutex;
    QDeadlineTimer m_retryAt;  // closed until then after a failure (under m_mutex)
    bool m_downLogged = false; // under m_mutex
};

} // namespace evalx
