#include "artifactcache.h"
#include "executor.h"

namespace evalx {

namespace {

qint64 sizeOf(const CompileOutcome &o)
{
    qint64 bytes = o.output.size() * 2 + o.message.size() * 2 + 256;
    for (const BoxFile &f : o.artifact.files)
        bytes += f.data.size() + f.path.size() * 2;
    return bytes;
}

bool cacheable(const CompileOutcome &o)
{
    return o.status == RunStatus::OK || o.status == RunStatus::CE;
}

} // namespace

ArtifactCache::ArtifactCache(qint64 maxBytes)
    : m_maxBytes(maxBytes)
{}

ArtifactCache::Outcome ArtifactCache::obtain(const QByteArray &key,
                                             const std::function<CompileOutcome()> &compile,
                                             bool *hit)
{
    QMutexLocker lock(&m_mutex);
    while (m_inFlight.contains(key))
        m_compiled.wait(&m_mutex);
    if (const auto it = m_entries.find(key); it != m_entries.end()) {
        m_order.splice(m_order.begin(), m_order, it->position);
        ++m_stats.hits;
        if (hit)
            *hit = true;
        return it->outcome;
    }
    m_inFlight.insert(key, 1);
    const std::shared_ptr<ArtifactStore> store = m_store;
    lock.unlock();

    // The store is asked while the key is in flight: local callers of the same
    // key wait for this one answer, as they wait for a compile.
    Outcome outcome;
    if (store) {
        if (std::optional<CompileOutcome> stored = store->load(key); stored && cacheable(*stored))
            outcome = std::make_shared<const CompileOutcome>(std::move(*stored));
    }
    const bool fromStore = outcome != nullptr;
    if (!fromStore)
        outcome = std::make_shared<const CompileOutcome>(compile());

    lock.relock();
    if (store)
        ++(fromStore ? m_stats.storeHits : m_stats.storeMisses);
    if (!fromStore)
        ++m_stats.misses;
    m_inFlight.remove(key);
    if (cacheable(*outcome))
        insertLocked(key, outcome);
    m_compiled.wakeAll();
    lock.unlock();

    // After the waiters are woken: they have what they need, and a large
    // artifact may take a while to travel.
    if (store && !fromStore && cacheable(*outcome))
        store->save(key, *outcome);
    if (hit)
        *hit = fromStore;
    return outcome;
}

ArtifactCache::Outcome ArtifactCache::find(const QByteArray &key)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return nullptr;
    m_order.splice(m_order.begin(), m_order, it->position);
    return it->outcome;
}

void ArtifactCache::insertLocked(const QByteArray &key, const Outcome &outcome)
{
    const qint64 bytes = sizeOf(*outcome);
    if (bytes > m_maxBytes)
        return; // would flush everything else and still not fit
    m_order.push_front(key);
    m_entries.insert(key, Entry{outcome, bytes, m_order.begin()});
    m_stats.bytes += bytes;
    evictLocked();
}

void ArtifactCache::evictLocked()
{
    while (m_stats.bytes > m_maxBytes && !m_order.empty()) {
        const QByteArray victim = m_order.back();
        m_order.pop_back();
        m_stats.bytes -= m_entries.take(victim).bytes;
        ++m_stats.evictions;
    }
}

void ArtifactCache::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
    m_order.clear();
    m_stats.bytes = 0;
}

void ArtifactCache::setStore(std::shared_ptr<ArtifactStore> store)
{
    QMutexLocker lock(&m_mutex);
    m_store = std::move(store);
}

void ArtifactCache::setMaxBytes(qint64 maxBytes)
{
    QMutexLocker lock(&m_mutex);
    m_maxBytes = maxBytes;
    evictLocked();
}

ArtifactCache::Stats ArtifactCache::stats() const
{
    QMutexLocker lock(&m_mutex);
    Stats s = m_stats;
    s.entries = int(m_entries.size());
    return s;
}

} // namespace evalx
