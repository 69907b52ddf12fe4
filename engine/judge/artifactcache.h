#pragma once

#include "artifactstore.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QWaitCondition>
#include <functional>
#include <list>
#include <memory>

namespace evalx {

struct CompileOutcome;

// Compile outcomes by artifact key, least recently used first out once their
// bytes pass the bound. A key being compiled is compiled once: other callers
// wait for that compile instead of starting their own. With a store (Redis),
// a key missing here is looked up there before it is compiled, and what is
// compiled is saved there for other processes. Thread-safe.
class ArtifactCache final
{
public:
    struct Stats
    {
        quint64 hits = 0;        // served from memory
        quint64 misses = 0;      // compiles that ran
        quint64 storeHits = 0;   // served from the store instead of compiled
        quint64 storeMisses = 0; // looked up in the store in vain (or it failed)
        quint64 evictions = 0;
        qint64 bytes = 0;
        int entries = 0;
    };

    explicit ArtifactCache(qint64 maxBytes = 256 * 1024 * 1024);
    Q_DISABLE_COPY_MOVE(ArtifactCache)

    using Outcome = std::shared_ptr<const CompileOutcome>;
    // The cached outcome for key, else the store's, else compile()'s, which is
    // kept (and saved to the store) when cacheable(outcome) says so: OK and CE
    // are, internal errors are not. *hit: no compile ran here.
    Outcome obtain(const QByteArray &key, const std::function<CompileOutcome()> &compile,
                   bool *hit = nullptr);
    Outcome find(const QByteArray &key);
    void clear();
    void setMaxBytes(qint64 maxBytes);
    // Null: memory only (the default).
    void setStore(std::shared_ptr<ArtifactStore> store);
    Stats stats() const;

private:
    void insertLocked(const QByteArray &key, const Outcome &outcome);
    void evictLocked();

    mutable QMutex m_mutex;
    QWaitCondition m_compiled;
    qint64 m_maxBytes;
    std::list<QByteArray> m_order; // most recently used first
    struct Entry
    {
        Outcome outcome;
        qint64 bytes = 0;
        std::list<QByteArray>::iterator position;
    };
    QHash<QByteArray, Entry> m_entries;
    QHash<QByteArray, int> m_inFlight; // key -> waiters
    std::shared_ptr<ArtifactStore> m_store;
    Stats m_stats;
};

} // namespace evalx
