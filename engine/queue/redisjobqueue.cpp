#include "redisjobqueue.h"
#include "jobcodec.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QSysInfo>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>
// The adapter's header says "slots", which QT_NO_KEYWORDS leaves undefined.
#define slots Q_SLOTS
#include <hiredis/adapters/qt.h>
#undef slots

#include <unistd.h>

Q_LOGGING_CATEGORY(lcRedisQueue, "evalx.queue.redis")

namespace evalx {

namespace {

constexpr int kMinPriority = -100;
constexpr int kMaxPriority = 100;
constexpr int kHeartbeatsMissed = 5; // a worker silent this many beats is gone
constexpr int kReconnectMs = 500;
constexpr int kStoreRetryMs = 500;
constexpr int kDoneLabelsKept = 4096; // labels of the latest completions, for labels()

// Everything a state change does, as one script each (atomic, and replayed
// from the AOF as a unit). Keys are built in the scripts from the "evalx:"
// prefix; the deployment is a single Redis, not a cluster.

// Lua that counts the jobs waiting in every stream (entries not yet handed
// out) into `waiting`: the capacity check and waiting() must agree.
const QByteArray kCountWaiting = QByteArrayLiteral(R"lua(
local waiting = 0
for _, s in ipairs(redis.call('ZRANGE', 'evalx:streams', 0, -1)) do
  local p = redis.pcall('XPENDING', s, 'evalx')
  local pending = 0
  if type(p) == 'table' and p[1] then pending = p[1] end
  waiting = waiting + redis.call('XLEN', s) - pending
end
)lua");

// ARGV: token, language, priority, request, labels, capacity, wake channel,
// result cache key ("" when the cache is off), result TTL seconds, done channel.
// {"ok"} | {"cached"} | {"full", waiting} | {"nolang", languages served now}
const QByteArray kSubmitScript = QByteArray(R"lua(
local token, lang, prio = ARGV[1], ARGV[2], tonumber(ARGV[3])
local jobkey = 'evalx:job:' .. token
if redis.call('EXISTS', jobkey) == 1 then return {'ok'} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cacheKey = ARGV[8]
if cacheKey ~= '' then
  local cached = redis.call('GET', 'evalx:cache:' .. cacheKey)
  if cached then
    redis.call('HSET', jobkey, 'state', 'done', 'request', ARGV[4], 'labels', ARGV[5],
      'priority', prio, 'language', lang, 'created', now, 'finished', now, 'result', cached,
      'deliveries', 0, 'worker', 'cache')
    redis.call('EXPIRE', jobkey, ARGV[9])
    redis.call('ZADD', 'evalx:recent', now, token)
    redis.call('INCR', 'evalx:cache:hits')
    redis.call('PUBLISH', ARGV[10], token .. '\n' .. ARGV[5])
    return {'cached'}
  end
end
if redis.call('ZCOUNT', 'evalx:serving:' .. lang, now, '+inf') == 0 then
  local live = {}
  for _, l in ipairs(redis.call('SMEMBERS', 'evalx:languages')) do
    if redis.call('ZCOUNT', 'evalx:serving:' .. l, now, '+inf') > 0 then live[#live + 1] = l end
  end
  table.sort(live)
  return {'nolang', table.concat(live, ', ')}
end
)lua") + kCountWaiting + R"lua(
if waiting >= tonumber(ARGV[6]) then return {'full', tostring(waiting)} end
local stream = 'evalx:jobs:' .. lang .. ':' .. prio
-- The stream and its group are made together, with their entry in evalx:streams.
if not redis.call('ZSCORE', 'evalx:streams', stream) then
  redis.pcall('XGROUP', 'CREATE', stream, 'evalx', '0', 'MKSTREAM')
end
local id = redis.call('XADD', stream, '*', 'token', token)
redis.call('ZADD', 'evalx:streams', prio, stream)
redis.call('HSET', jobkey, 'state', 'queued', 'request', ARGV[4], 'labels', ARGV[5],
  'priority', prio, 'language', lang, 'created', now, 'stream', stream, 'id', id,
  'deliveries', 0)
if cacheKey ~= '' then
  redis.call('HSET', jobkey, 'cachekey', cacheKey)
  redis.call('INCR', 'evalx:cache:misses')
end
redis.call('ZADD', 'evalx:recent', now, token)
redis.call('PUBLISH', ARGV[7], lang)
return {'ok'}
)lua";

// ARGV: consumer, free slots, min idle ms, max deliveries, done channel,
// result TTL seconds, the dead-letter result, languages...
// Reclaims first (those jobs waited longest), then reads new entries, streams
// of higher priority first, never more than the free slots.
// {{stream, id, token, request, created}, ...}
const char kClaimScript[] = R"lua(
local consumer, free, minIdle = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local maxDeliveries, doneChannel, ttl, deadResult = tonumber(ARGV[4]), ARGV[5], ARGV[6], ARGV[7]
local served = {}
for i = 8, #ARGV do served[ARGV[i]] = true end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local mine = {}
for _, s in ipairs(redis.call('ZREVRANGE', 'evalx:streams', 0, -1)) do
  local lang = string.match(s, '^evalx:jobs:(.+):%-?%d+$')
  if lang and served[lang] then mine[#mine + 1] = s end
end
local out = {}
local function take(s, id, token, deliveries)
  local jobkey = 'evalx:job:' .. token
  local state = redis.call('HGET', jobkey, 'state')
  if not state or state == 'done' then
    redis.call('XACK', s, 'evalx', id)
    redis.call('XDEL', s, id)
    return
  end
  if deliveries > maxDeliveries then
    redis.call('XADD', 'evalx:dead', 'MAXLEN', '~', 10000, '*', 'token', token, 'stream', s, 'id', id,
      'deliveries', deliveries - 1, 'last_worker', redis.call('HGET', jobkey, 'worker') or '')
    redis.call('XACK', s, 'evalx', id)
    redis.call('XDEL', s, id)
    redis.call('HSET', jobkey, 'state', 'done', 'result', deadResult, 'finished', now,
      'deliveries', deliveries - 1)
    redis.call('EXPIRE', jobkey, ttl)
    redis.call('PUBLISH', doneChannel, token .. '\n' .. (redis.call('HGET', jobkey, 'labels') or ''))
    return
  end
  redis.call('HSET', jobkey, 'state', 'running', 'worker', consumer, 'started', now,
    'deliveries', deliveries)
  out[#out + 1] = {s, id, token, redis.call('HGET', jobkey, 'request'),
    redis.call('HGET', jobkey, 'created')}
  free = free - 1
end
for _, s in ipairs(mine) do
  if free <= 0 then break end
  local r = redis.call('XAUTOCLAIM', s, 'evalx', consumer, minIdle, '0-0', 'COUNT', free)
  for _, e in ipairs(r[2]) do
    if e[2] then
      local p = redis.call('XPENDING', s, 'evalx', e[1], e[1], 1)
      take(s, e[1], e[2][2], p[1][4])
    end
  end
end
for _, s in ipairs(mine) do
  if free <= 0 then break end
  local r = redis.call('XREADGROUP', 'GROUP', 'evalx', consumer, 'COUNT', free, 'STREAMS', s, '>')
  if r then
    for _, e in ipairs(r[1][2]) do take(s, e[1], e[2][2], 1) end
  end
end
return out
)lua";

// ARGV: consumer, then stream, id pairs. Resets the idle time of the entries
// this consumer still owns (JUSTID: the delivery count stays); returns how
// many it no longer owns.
const char kKeepAliveScript[] = R"lua(
local lost = 0
for i = 2, #ARGV, 2 do
  local p = redis.call('XPENDING', ARGV[i], 'evalx', ARGV[i + 1], ARGV[i + 1], 1)
  if p[1] and p[1][2] == ARGV[1] then
    redis.call('XCLAIM', ARGV[i], 'evalx', ARGV[1], 0, ARGV[i + 1], 'JUSTID')
  else
    lost = lost + 1
  end
end
return lost
)lua";

// ARGV: consumer, idle ms, then token, stream, id triples: the entries are
// left unacknowledged but made idle at once, so any worker's next read
// reclaims them.
const char kHandBackScript[] = R"lua(
for i = 3, #ARGV, 3 do
  local s, id = ARGV[i + 1], ARGV[i + 2]
  local p = redis.call('XPENDING', s, 'evalx', id, id, 1)
  if p[1] and p[1][2] == ARGV[1] then
    redis.call('XCLAIM', s, 'evalx', ARGV[1], 0, id, 'IDLE', ARGV[2], 'JUSTID')
    local jobkey = 'evalx:job:' .. ARGV[i]
    if redis.call('HGET', jobkey, 'state') == 'running' then
      redis.call('HSET', jobkey, 'state', 'queued')
    end
  end
end
return 1
)lua";

// ARGV: token, stream, id, consumer, result, TTL seconds, done channel,
// result cache TTL seconds (0: do not cache this result).
// Stores the result, acknowledges, publishes: 1; or only acknowledges when
// the job is already done (another worker ran it too): 0.
const char kFinishScript[] = R"lua(
local jobkey = 'evalx:job:' .. ARGV[1]
local state = redis.call('HGET', jobkey, 'state')
redis.call('XACK', ARGV[2], 'evalx', ARGV[3])
redis.call('XDEL', ARGV[2], ARGV[3])
if not state or state == 'done' then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', jobkey, 'state', 'done', 'result', ARGV[5], 'finished', now, 'worker', ARGV[4])
redis.call('EXPIRE', jobkey, ARGV[6])
local cacheKey = redis.call('HGET', jobkey, 'cachekey')
if cacheKey and tonumber(ARGV[8]) > 0 then
  redis.call('SET', 'evalx:cache:' .. cacheKey, ARGV[5], 'EX', ARGV[8])
end
redis.call('ZREMRANGEBYSCORE', 'evalx:recent', '-inf', now - tonumber(ARGV[6]) * 1000)
redis.call('PUBLISH', ARGV[7], ARGV[1] .. '\n' .. (redis.call('HGET', jobkey, 'labels') or ''))
return 1
)lua";

// ARGV: consumer, lifetime ms, description, languages...
const char kHeartbeatScript[] = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lifetime = tonumber(ARGV[2])
for i = 4, #ARGV do
  local key = 'evalx:serving:' .. ARGV[i]
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  redis.call('ZADD', key, now + lifetime, ARGV[1])
  redis.call('SADD', 'evalx:languages', ARGV[i])
end
redis.call('SET', 'evalx:worker:' .. ARGV[1], ARGV[3], 'PX', lifetime)
return 1
)lua";

// ARGV: consumer, languages...
const char kDeregisterScript[] = R"lua(
for i = 2, #ARGV do redis.call('ZREM', 'evalx:serving:' .. ARGV[i], ARGV[1]) end
redis.call('DEL', 'evalx:worker:' .. ARGV[1])
return 1
)lua";

const QByteArray kWaitingScript = kCountWaiting + QByteArrayLiteral("return waiting\n");

// ARGV: token. "ok" | "missing" | "busy"
const char kRemoveScript[] = R"lua(
local jobkey = 'evalx:job:' .. ARGV[1]
local state = redis.call('HGET', jobkey, 'state')
if not state then redis.call('ZREM', 'evalx:recent', ARGV[1]) return 'missing' end
if state ~= 'done' then return 'busy' end
redis.call('DEL', jobkey)
redis.call('ZREM', 'evalx:recent', ARGV[1])
return 'ok'
)lua";

using Value = RedisValue;
using Command = RedisCommand;

Command script(const QByteArray &source, std::initializer_list<QByteArray> args)
{
    Command c{QByteArrayLiteral("EVAL"), source, QByteArrayLiteral("0")};
    for (const QByteArray &a : args)
        c << a;
    return c;
}

// The adapter's destructor writes to its context, which hiredis has freed by
// the time a connection is over: point it at a harmless one first. Children
// outlive the destructor's body, so the stand-in may be one.
struct RetiredContext final : QObject
{
    using QObject::QObject;
    redisAsyncContext ctx{};
};

void retireAdapter(RedisQtAdapter *adapter)
{
    auto *standIn = new RetiredContext(adapter);
    adapter->setContext(&standIn->ctx);
    delete adapter;
}

std::optional<JobRecord> recordFromHash(const QByteArray &token, const Value &hash)
{
    if (hash.type != REDIS_REPLY_ARRAY || hash.elements.isEmpty())
        return std::nullopt;
    QHash<QByteArray, QByteArray> fields;
    for (qsizetype i = 0; i + 1 < hash.elements.size(); i += 2)
        fields.insert(hash.elements[i].str, hash.elements[i + 1].str);
    JobRecord job;
    job.token = token;
    const QByteArray state = fields.value("state");
    job.state = state == "done"      ? JobState::Done
                : state == "running" ? JobState::Running
                                     : JobState::Queued;
    QString error;
    if (const auto json = jobcodec::fromBytes(fields.value("request"), &error)) {
        if (auto request = jobcodec::decodeRequest(*json, &error))
            job.request = std::move(*request);
    }
    if (!error.isEmpty())
        qCWarning(lcRedisQueue, "job %s: request unreadable: %s", token.constData(),
                  qUtf8Printable(error));
    if (job.state == JobState::Done) {
        error.clear();
        if (const auto json = jobcodec::fromBytes(fields.value("result"), &error)) {
            if (auto result = jobcodec::decodeResult(*json, &error))
                job.result = std::move(*result);
        }
        if (!error.isEmpty()) {
            job.result.verdict = Verdict::IE;
            job.result.message = QStringLiteral("the stored result is unreadable: ") + error;
        }
    }
    job.labels = QJsonDocument::fromJson(fields.value("labels")).object().toVariantHash();
    job.priority = fields.value("priority").toInt();
    job.createdAt = QDateTime::fromMSecsSinceEpoch(fields.value("created").toLongLong(), Qt::UTC);
    if (fields.contains("finished"))
        job.finishedAt =
            QDateTime::fromMSecsSinceEpoch(fields.value("finished").toLongLong(), Qt::UTC);
    return job;
}

} // namespace

// --- the queue's thread ---------------------------------------------------------

// Two async contexts on the queue's thread: one subscribed to the channels,
// one for the workers' claims, keep-alives and heartbeats. Either one dropping
// starts a reconnect of both after kReconnectMs.
class RedisJobQueue::Io final : public QObject
{
public:
    explicit Io(RedisJobQueue *queue)
        : m_q(queue)
        , m_poll(this)
        , m_keepAlive(this)
        , m_heartbeat(this)
        , m_reconnect(this)
    {
        m_reconnect.setSingleShot(true);
        m_reconnect.setInterval(kReconnectMs);
        connect(&m_reconnect, &QTimer::timeout, this, &Io::connectAll);
        if (m_q->m_options.workers > 0) {
            m_poll.setInterval(m_q->m_options.pollMs);
            connect(&m_poll, &QTimer::timeout, this, &Io::claim);
            m_keepAlive.setInterval(std::max(50, m_q->m_options.reclaimIdleMs / 3));
            connect(&m_keepAlive, &QTimer::timeout, this, &Io::keepAlive);
            m_heartbeat.setInterval(m_q->m_options.heartbeatMs);
            connect(&m_heartbeat, &QTimer::timeout, this, &Io::heartbeat);
        }
    }

    ~Io() override { end(); }

    void begin()
    {
        connectAll();
        if (m_q->m_options.workers > 0) {
            m_poll.start();
            m_keepAlive.start();
            m_heartbeat.start();
        }
    }

    void end()
    {
        m_ending = true;
        m_poll.stop();
        m_keepAlive.stop();
        m_heartbeat.stop();
        m_reconnect.stop();
        for (Link *link : {&m_sub, &m_cmd}) {
            if (!link->ctx)
                continue;
            redisAsyncContext *ctx = link->ctx;
            RedisQtAdapter *adapter = link->adapter;
            link->ctx = nullptr;
            link->adapter = nullptr;
            redisAsyncFree(ctx);
            retireAdapter(adapter);
        }
    }

    // Reads what this process's free workers can take. One claim at a time,
    // so free slots never count twice.
    void claim()
    {
        if (m_q->m_closed || !m_cmd.ready)
            return;
        if (m_claiming) {
            m_claimAgain = true;
            return;
        }
        const int free = m_q->m_options.workers - m_q->m_active;
        if (free <= 0)
            return;
        Command c = script(kClaimScript,
                           {m_q->m_options.consumer.toUtf8(), QByteArray::number(free),
                            QByteArray::number(m_q->m_options.reclaimIdleMs),
                            QByteArray::number(m_q->m_options.maxDeliveries), m_q->channel("done"),
                            QByteArray::number(m_q->m_options.resultTtlSeconds), m_deadResult});
        for (const QString &l : m_q->m_options.languages)
            c << l.toUtf8();
        m_claiming = true;
        send(m_cmd.ctx, c, [this, free](redisReply *r) {
            m_claiming = false;
            if (r && r->type == REDIS_REPLY_ARRAY) {
                QList<Claimed> jobs;
                for (size_t i = 0; i < r->elements; ++i) {
                    const redisReply *e = r->element[i];
                    if (e->type != REDIS_REPLY_ARRAY || e->elements < 5)
                        continue;
                    const auto str = [e](size_t k) {
                        return QByteArray(e->element[k]->str, qsizetype(e->element[k]->len));
                    };
                    jobs << Claimed{str(0), str(1), str(2), str(3), str(4).toLongLong()};
                }
                m_q->startClaimed(jobs);
                if (jobs.size() >= free)
                    m_claimAgain = true; // there may be more
            } else if (r && r->type == REDIS_REPLY_ERROR) {
                qCWarning(lcRedisQueue, "claiming jobs failed: %s", r->str);
            }
            if (m_claimAgain) {
                m_claimAgain = false;
                QMetaObject::invokeMethod(this, &Io::claim, Qt::QueuedConnection);
            }
        });
    }

    void keepAlive()
    {
        if (!m_cmd.ready)
            return;
        Command c = script(kKeepAliveScript, {m_q->m_options.consumer.toUtf8()});
        {
            QMutexLocker lock(&m_q->m_mutex);
            if (m_q->m_running.isEmpty())
                return;
            for (const Claimed &j : std::as_const(m_q->m_running))
                c << j.stream << j.id;
        }
        send(m_cmd.ctx, c, [](redisReply *r) {
            if (r && r->type == REDIS_REPLY_INTEGER && r->integer > 0)
                qCWarning(lcRedisQueue,
                          "%lld running jobs were taken over by another worker (this one was "
                          "too slow to keep them); the first result stored counts",
                          r->integer);
        });
    }

    void heartbeat()
    {
        if (!m_cmd.ready || m_q->m_closed || m_q->m_options.workers == 0)
            return;
        const QJsonObject info{
            {QStringLiteral("languages"), QJsonArray::fromStringList(m_q->m_options.languages)},
            {QStringLiteral("workers"), m_q->m_options.workers}};
        Command c = script(kHeartbeatScript,
                           {m_q->m_options.consumer.toUtf8(),
                            QByteArray::number(m_q->m_options.heartbeatMs * kHeartbeatsMissed),
                            QJsonDocument(info).toJson(QJsonDocument::Compact)});
        for (const QString &l : m_q->m_options.languages)
            c << l.toUtf8();
        send(m_cmd.ctx, c, [](redisReply *) {});
    }

    // A command whose answer nobody waits for; dropped while disconnected.
    void publish(const Command &command)
    {
        if (m_cmd.ready)
            send(m_cmd.ctx, command, [](redisReply *) {});
    }

    QByteArray m_deadResult;

private:
    struct Link
    {
        redisAsyncContext *ctx = nullptr;
        RedisQtAdapter *adapter = nullptr;
        bool ready = false;
    };
    using Callback = std::function<void(redisReply *)>;

    static void onReply(redisAsyncContext *, void *reply, void *data)
    {
        auto *callback = static_cast<Callback *>(data);
        (*callback)(static_cast<redisReply *>(reply));
        delete callback;
    }

    static void subscribe(redisAsyncContext *ctx, const Command &command)
    {
        std::vector<const char *> args;
        std::vector<size_t> lengths;
        for (const QByteArray &a : command) {
            args.push_back(a.constData());
            lengths.push_back(size_t(a.size()));
        }
        redisAsyncCommandArgv(ctx, &Io::onMessage, nullptr, int(args.size()), args.data(),
                              lengths.data());
    }

public:
    // Joins the per-test channel (once someone listens); a reconnect joins it again.
    void subscribeTests()
    {
        if (m_sub.ctx)
            subscribe(m_sub.ctx, {"SUBSCRIBE", m_q->channel("test")});
    }

private:
    static void onMessage(redisAsyncContext *ctx, void *reply, void *)
    {
        auto *io = static_cast<Io *>(ctx->data);
        auto *r = static_cast<redisReply *>(reply);
        if (io && r)
            io->message(r);
    }

    static void onConnect(const redisAsyncContext *ctx, int status)
    {
        auto *io = static_cast<Io *>(ctx->data);
        if (io)
            io->connected(ctx, status == REDIS_OK);
    }

    static void onDisconnect(const redisAsyncContext *ctx, int)
    {
        auto *io = static_cast<Io *>(ctx->data);
        if (io)
            io->lost(ctx, QString::fromLocal8Bit(ctx->errstr));
    }

    static void send(redisAsyncContext *ctx, const Command &argv, Callback callback)
    {
        std::vector<const char *> args;
        std::vector<size_t> lengths;
        for (const QByteArray &a : argv) {
            args.push_back(a.constData());
            lengths.push_back(size_t(a.size()));
        }
        auto *data = new Callback(std::move(callback));
        if (redisAsyncCommandArgv(ctx, &Io::onReply, data, int(args.size()), args.data(),
                                  lengths.data()) != REDIS_OK) {
            (*data)(nullptr);
            delete data;
        }
    }

    void connectAll()
    {
        if (m_ending)
            return;
        open(&m_sub, true);
        open(&m_cmd, false);
    }

    void open(Link *link, bool subscriber)
    {
        if (link->ctx)
            return;
        const RedisUrl &url = m_q->m_url;
        redisAsyncContext *ctx = redisAsyncConnect(url.host.toUtf8().constData(), url.port);
        if (!ctx || ctx->err) {
            qCWarning(lcRedisQueue, "cannot connect to %s: %s", qUtf8Printable(url.display()),
                      ctx ? ctx->errstr : "out of memory");
            if (ctx)
                redisAsyncFree(ctx);
            m_reconnect.start();
            return;
        }
        ctx->data = this;
        link->ctx = ctx;
        link->adapter = new RedisQtAdapter;
        link->adapter->setContext(ctx);
        redisAsyncSetConnectCallback(ctx, &Io::onConnect);
        redisAsyncSetDisconnectCallback(ctx, &Io::onDisconnect);
        if (!url.password.isEmpty()) {
            Command auth = url.user.isEmpty()
                               ? Command{"AUTH", url.password.toUtf8()}
                               : Command{"AUTH", url.user.toUtf8(), url.password.toUtf8()};
            send(ctx, auth, [](redisReply *r) {
                if (r && r->type == REDIS_REPLY_ERROR)
                    qCWarning(lcRedisQueue, "Redis refused AUTH: %s", r->str);
            });
        }
        if (subscriber) {
            Command sub{"SUBSCRIBE", m_q->channel("done"), m_q->channel("wake")};
            if (m_q->m_testsWanted)
                sub << m_q->channel("test");
            subscribe(ctx, sub);
        } else {
            send(ctx, {"SELECT", QByteArray::number(url.db)}, [](redisReply *) {});
        }
    }

    void connected(const redisAsyncContext *ctx, bool ok)
    {
        Link *link = ctx == m_sub.ctx ? &m_sub : ctx == m_cmd.ctx ? &m_cmd : nullptr;
        if (!link)
            return;
        if (!ok) {
            lost(ctx, QString::fromLocal8Bit(ctx->errstr));
            return;
        }
        link->ready = true;
        if (m_sub.ready && m_cmd.ready) {
            if (!m_q->m_asyncUp)
                qCInfo(lcRedisQueue, "connected to %s", qUtf8Printable(m_q->m_url.display()));
            m_q->m_asyncUp = true;
            // Completions published while away were missed: waiters look again.
            m_q->noteDone({});
            heartbeat();
            claim();
        }
    }

    // The context is being freed by hiredis: forget it, retire its adapter
    // once hiredis is done with it, and try again shortly.
    void lost(const redisAsyncContext *ctx, const QString &why)
    {
        Link *link = ctx == m_sub.ctx ? &m_sub : ctx == m_cmd.ctx ? &m_cmd : nullptr;
        if (!link)
            return;
        RedisQtAdapter *adapter = link->adapter;
        *link = Link{};
        if (link == &m_cmd)
            m_claiming = false;
        QMetaObject::invokeMethod(
            this, [adapter] { retireAdapter(adapter); }, Qt::QueuedConnection);
        if (m_ending)
            return;
        if (m_q->m_asyncUp)
            qCWarning(lcRedisQueue, "lost %s (%s): reconnecting",
                      qUtf8Printable(m_q->m_url.display()), qUtf8Printable(why));
        m_q->m_asyncUp = false;
        // Both go and come back together, so that "connected" means both.
        for (Link *other : {&m_sub, &m_cmd}) {
            if (!other->ctx)
                continue;
            const Link taken = *other;
            *other = Link{};
            redisAsyncFree(taken.ctx);
            QMetaObject::invokeMethod(
                this, [adapter = taken.adapter] { retireAdapter(adapter); }, Qt::QueuedConnection);
        }
        m_claiming = false;
        m_reconnect.start();
    }

    void message(redisReply *r)
    {
        if (r->type != REDIS_REPLY_ARRAY || r->elements < 3 ||
            qstrcmp(r->element[0]->str, "message") != 0)
            return;
        const QByteArray channelName(r->element[1]->str, qsizetype(r->element[1]->len));
        const QByteArray payload(r->element[2]->str, qsizetype(r->element[2]->len));
        if (channelName == m_q->channel("done")) {
            Q_EMIT m_q->jobFinished(m_q->noteDone(payload));
        } else if (channelName == m_q->channel("test")) {
            const QJsonObject o = QJsonDocument::fromJson(payload).object();
            QString error;
            const auto test =
                jobcodec::decodeTest(o.value(QLatin1String("test")).toObject(), &error);
            if (test)
                Q_EMIT m_q->testFinished(o.value(QLatin1String("token")).toString().toLatin1(),
                                         *test);
        } else if (channelName == m_q->channel("wake")) {
            if (m_q->m_options.languages.contains(QString::fromUtf8(payload)))
                claim();
        }
    }

    RedisJobQueue *m_q;
    Link m_sub;
    Link m_cmd;
    QTimer m_poll;
    QTimer m_keepAlive;
    QTimer m_heartbeat;
    QTimer m_reconnect;
    bool m_claiming = false;
    bool m_claimAgain = false;
    bool m_ending = false;
};

// --- the queue ------------------------------------------------------------------

RedisJobQueue::RedisJobQueue(BatchJudge *judge, Options options, QObject *parent)
    : JobQueue(parent)
    , m_judge(judge)
    , m_options(std::move(options))
{
    if (m_options.consumer.isEmpty())
        m_options.consumer =
            QStringLiteral("%1:%2").arg(QSysInfo::machineHostName()).arg(::getpid());
    if (!m_judge)
        m_options.workers = 0;
    m_workers.setMaxThreadCount(std::max(1, m_options.workers));
    m_workers.setExpiryTimeout(30000);
    m_thread.setObjectName(QStringLiteral("evalx-redis"));
}

RedisJobQueue::~RedisJobQueue()
{
    if (!m_shutDown && m_io)
        shutdown(0);
    m_workers.waitForDone();
    if (m_io) {
        Io *io = m_io;
        QMetaObject::invokeMethod(
            io, [io] { delete io; }, Qt::BlockingQueuedConnection);
        m_io = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
}

bool RedisJobQueue::start(QString *error)
{
    const std::optional<RedisUrl> url = RedisUrl::parse(m_options.url, error);
    if (!url)
        return false;
    m_url = *url;
    m_sync = std::make_unique<RedisClient>(m_url);
    if (!m_sync->command({"PING"}, error))
        return false;
    BatchResult dead;
    dead.verdict = Verdict::IE;
    dead.message = QStringLiteral("the job was handed to a worker %1 times and none finished it "
                                  "(each stopped or died); it was moved to the dead-letter "
                                  "stream %2")
                       .arg(m_options.maxDeliveries)
                       .arg(QString::fromLatin1(deadLetterKey()));
    m_io = new Io(this);
    m_io->m_deadResult = jobcodec::toBytes(jobcodec::encode(dead));
    m_io->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_io, &Io::begin, Qt::QueuedConnection);
    if (m_options.workers > 0)
        qCInfo(lcRedisQueue, "queue on %s as %s, %d workers for %s",
               qUtf8Printable(m_url.display()), qUtf8Printable(m_options.consumer),
               m_options.workers, qUtf8Printable(m_options.languages.join(QStringLiteral(", "))));
    else
        qCInfo(lcRedisQueue, "queue on %s, API only (other processes judge)",
               qUtf8Printable(m_url.display()));
    return true;
}

QByteArray RedisJobQueue::streamKey(const QString &language, int priority)
{
    return "evalx:jobs:" + language.toUtf8() + ':' + QByteArray::number(priority);
}

QByteArray RedisJobQueue::deadLetterKey()
{
    return QByteArrayLiteral("evalx:dead");
}

void RedisJobQueue::connectNotify(const QMetaMethod &signal)
{
    if (signal != QMetaMethod::fromSignal(&JobQueue::testFinished) || m_testsWanted.exchange(true))
        return;
    if (Io *io = m_io)
        QMetaObject::invokeMethod(
            io, [io] { io->subscribeTests(); }, Qt::QueuedConnection);
}

QByteArray RedisJobQueue::channel(const char *name) const
{
    return "evalx:" + QByteArray::number(m_url.db) + ':' + name;
}

std::optional<QByteArray> RedisJobQueue::submit(BatchRequest request, QString *error,
                                                const SubmitOptions &options)
{
    QString why;
    if (m_closed) {
        why = QStringLiteral("the server is shutting down");
    } else {
        const QByteArray token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const int priority = std::clamp(options.priority, kMinPriority, kMaxPriority);
        const QByteArray labels = QJsonDocument(QJsonObject::fromVariantHash(options.labels))
                                      .toJson(QJsonDocument::Compact);
        const QByteArray encoded = jobcodec::toBytes(jobcodec::encode(request));
        const std::optional<Value> r = m_sync->command(
            script(kSubmitScript,
                   {token, request.submission.languageId.toUtf8(), QByteArray::number(priority),
                    encoded, labels, QByteArray::number(m_options.capacity), channel("wake"),
                    m_options.resultCacheTtlSeconds > 0 ? cacheKey(request) : QByteArray(),
                    QByteArray::number(m_options.resultTtlSeconds), channel("done")}),
            &why);
        if (r && !r->elements.isEmpty()) {
            const QByteArray outcome = r->elements.first().str;
            const QByteArray detail = r->elements.size() > 1 ? r->elements[1].str : QByteArray();
            if (outcome == "ok" || outcome == "cached") {
                JobRecord accepted;
                accepted.token = token;
                accepted.request = std::move(request);
                accepted.labels = options.labels;
                accepted.priority = priority;
                accepted.createdAt = QDateTime::currentDateTimeUtc();
                Q_EMIT jobAccepted(accepted);
                Q_EMIT jobSubmitted(token);
                return token;
            }
            if (outcome == "full") {
                QMutexLocker lock(&m_mutex);
                ++m_stats.refused;
                why = QStringLiteral("queue is full");
            } else {
                why = detail.isEmpty()
                          ? QStringLiteral("no worker serves language '%1' (no worker is running)")
                                .arg(request.submission.languageId)
                          : QStringLiteral("no worker serves language '%1' (served now: %2)")
                                .arg(request.submission.languageId, QString::fromUtf8(detail));
            }
        }
    }
    if (error)
        *error = why;
    return std::nullopt;
}

std::optional<JobRecord> RedisJobQueue::find(const QByteArray &token) const
{
    return lookup(token, nullptr);
}

QVariantHash RedisJobQueue::labels(const QByteArray &token) const
{
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_doneLabels.constFind(token);
        if (it != m_doneLabels.constEnd())
            return *it;
    }
    QString error;
    const std::optional<Value> r =
        m_sync->command({"HGET", "evalx:job:" + token, "labels"}, &error);
    if (!r)
        return {};
    return QJsonDocument::fromJson(r->str).object().toVariantHash();
}

std::optional<JobRecord> RedisJobQueue::lookup(const QByteArray &token, bool *unreachable) const
{
    QString error;
    const std::optional<Value> r = m_sync->command({"HGETALL", "evalx:job:" + token}, &error);
    if (unreachable)
        *unreachable = !r;
    if (!r) {
        qCWarning(lcRedisQueue, "%s", qUtf8Printable(error));
        return std::nullopt;
    }
    return recordFromHash(token, *r);
}

// Redis going away meanwhile is not the job going away: the last record seen
// (or, never having seen one, a queued stand-in) is the answer at the deadline.
std::optional<JobRecord> RedisJobQueue::waitFor(const QByteArray &token, int timeoutMs) const
{
    QDeadlineTimer deadline(timeoutMs);
    std::optional<JobRecord> last;
    for (;;) {
        quint64 seen;
        {
            QMutexLocker lock(&m_mutex);
            seen = m_doneSeq;
        }
        bool unreachable = false;
        std::optional<JobRecord> job = lookup(token, &unreachable);
        if (!unreachable) {
            if (!job || job->state == JobState::Done)
                return job;
            last = std::move(job);
        }
        if (deadline.hasExpired()) {
            if (!last) {
                last = JobRecord{};
                last->token = token;
            }
            return last;
        }
        QMutexLocker lock(&m_mutex);
        // A completion published while the subscription was down is never
        // heard: look again now and then regardless.
        if (m_doneSeq == seen)
            m_doneChanged.wait(&m_mutex,
                               QDeadlineTimer(std::min<qint64>(deadline.remainingTime(), 1000)));
    }
}

QByteArray RedisJobQueue::noteDone(const QByteArray &payload)
{
    const qsizetype newline = payload.indexOf('\n');
    const QByteArray token = newline < 0 ? payload : payload.left(newline);
    QMutexLocker lock(&m_mutex);
    if (newline >= 0 && !m_doneLabels.contains(token)) {
        m_doneLabels.insert(
            token, QJsonDocument::fromJson(payload.mid(newline + 1)).object().toVariantHash());
        m_doneOrder << token;
        while (m_doneOrder.size() > kDoneLabelsKept)
            m_doneLabels.remove(m_doneOrder.takeFirst());
    }
    ++m_doneSeq;
    m_doneChanged.wakeAll();
    return token;
}

QList<JobRecord> RedisJobQueue::page(int offset, int count, int *total) const
{
    *total = 0;
    QList<JobRecord> out;
    if (count <= 0)
        return out;
    QString error;
    const auto r = m_sync->pipeline({{"ZCARD", "evalx:recent"},
                                     {"ZREVRANGE", "evalx:recent", QByteArray::number(offset),
                                      QByteArray::number(offset + count - 1)}},
                                    &error);
    if (!r) {
        qCWarning(lcRedisQueue, "%s", qUtf8Printable(error));
        return out;
    }
    *total = int(r->at(0).integer);
    QList<Command> reads;
    for (const Value &t : r->at(1).elements)
        reads << Command{"HGETALL", "evalx:job:" + t.str};
    if (reads.isEmpty())
        return out;
    const auto hashes = m_sync->pipeline(reads, &error);
    if (!hashes)
        return out;
    for (qsizetype i = 0; i < hashes->size(); ++i) {
        const QByteArray token = r->at(1).elements[i].str;
        if (auto job = recordFromHash(token, hashes->at(i)))
            out << std::move(*job);
        else // expired with its result
            m_sync->command({"ZREM", "evalx:recent", token}, &error);
    }
    return out;
}

bool RedisJobQueue::remove(const QByteArray &token, QString *error)
{
    QString why;
    const std::optional<Value> r = m_sync->command(script(kRemoveScript, {token}), &why);
    if (r && r->str == "ok")
        return true;
    if (r && r->str == "busy")
        why = QStringLiteral("submission %1 cannot be deleted while it is in queue or processing")
                  .arg(QString::fromLatin1(token));
    else if (r)
        why = QStringLiteral("submission %1 not found").arg(QString::fromLatin1(token));
    if (error)
        *error = why;
    return false;
}

int RedisJobQueue::waiting() const
{
    QString error;
    const std::optional<Value> r = m_sync->command(script(kWaitingScript, {}), &error);
    return r ? int(r->integer) : 0;
}

int RedisJobQueue::running() const
{
    return m_active;
}

JobStats RedisJobQueue::stats() const
{
    QMutexLocker lock(&m_mutex);
    return m_stats;
}

QByteArray RedisJobQueue::cacheKey(BatchRequest request)
{
    // Where it came from does not change the answer.
    request.submission.origin.clear();
    if (request.checker.program)
        request.checker.program->origin.clear();
    return QCryptographicHash::hash(jobcodec::toBytes(jobcodec::encode(request)),
                                    QCryptographicHash::Sha256)
        .toHex();
}

QueueStatus RedisJobQueue::status() const
{
    QueueStatus s;
    s.kind = QStringLiteral("redis");
    s.location = m_url.display();
    s.reachable = m_asyncUp;
    s.state = m_asyncUp ? QStringLiteral("connected") : QStringLiteral("reconnecting");
    if (!m_asyncUp)
        s.error = QStringLiteral("Redis at %1 is unreachable; reconnecting").arg(s.location);
    s.resultCache = m_options.resultCacheTtlSeconds > 0;
    if (m_asyncUp && s.resultCache) {
        QString error;
        if (const auto r =
                m_sync->command({"MGET", "evalx:cache:hits", "evalx:cache:misses"}, &error);
            r && r->elements.size() == 2) {
            s.cacheHits = r->elements[0].str.toULongLong();
            s.cacheMisses = r->elements[1].str.toULongLong();
        }
    }
    return s;
}

void RedisJobQueue::startClaimed(const QList<Claimed> &jobs)
{
    for (const Claimed &job : jobs) {
        if (m_closed) { // claimed as shutdown began: straight back
            handBack(job);
            continue;
        }
        ++m_active;
        {
            QMutexLocker lock(&m_mutex);
            m_running << job;
        }
        m_workers.start([this, job] { run(job); });
    }
}

void RedisJobQueue::publishTest(const QByteArray &token, const TestOutcome &test)
{
    const QJsonObject message{{QStringLiteral("token"), QString::fromLatin1(token)},
                              {QStringLiteral("test"), jobcodec::encode(test)}};
    // On the queue's thread, not waited for: the judge goes on with the next
    // test. A stream that misses one (Redis away) gets it from the record
    // when the job ends, as a client that connects late does.
    if (Io *io = m_io) {
        QMetaObject::invokeMethod(
            io,
            [io, command = Command{"PUBLISH", channel("test"), jobcodec::toBytes(message)}] {
                io->publish(command);
            },
            Qt::QueuedConnection);
    }
}

void RedisJobQueue::run(const Claimed &job)
{
    QString error;
    BatchResult result;
    std::optional<BatchRequest> request;
    if (const auto json = jobcodec::fromBytes(job.request, &error))
        request = jobcodec::decodeRequest(*json, &error);
    if (!request) {
        result.verdict = Verdict::IE;
        result.message = QStringLiteral("the job could not be read: ") + error;
    } else {
        Q_EMIT jobStarted(job.token);
        result = m_judge->judge(
            *request, [this, &job](const TestOutcome &t) { publishTest(job.token, t); }, &m_cancel);
    }
    bool stored = false;
    if (!m_cancel) {
        const QByteArray encoded = jobcodec::toBytes(jobcodec::encode(result));
        // Until the result is stored the entry stays unacknowledged: if this
        // process dies meanwhile, another worker runs the job again.
        for (bool warned = false; !m_handBack; warned = true) {
            const std::optional<Value> r = m_sync->command(
                script(kFinishScript,
                       {job.token, job.stream, job.id, m_options.consumer.toUtf8(), encoded,
                        QByteArray::number(m_options.resultTtlSeconds), channel("done"),
                        // The judge's own failures are not an answer worth keeping.
                        QByteArray::number(
                            result.verdict == Verdict::IE ? 0 : m_options.resultCacheTtlSeconds)}),
                &error);
            if (r) {
                stored = true;
                if (r->integer == 1) {
                    QMutexLocker lock(&m_mutex);
                    const qint64 ms = QDateTime::currentMSecsSinceEpoch() - job.createdMs;
                    m_stats.recordFinished(result, double(std::max<qint64>(0, ms)) / 1000.0);
                }
                break;
            }
            if (!warned)
                qCWarning(lcRedisQueue, "result of %s not stored yet: %s", job.token.constData(),
                          qUtf8Printable(error));
            QThread::msleep(kStoreRetryMs);
        }
    }
    if (!stored)
        handBack(job);
    {
        QMutexLocker lock(&m_mutex);
        for (qsizetype i = 0; i < m_running.size(); ++i) {
            if (m_running[i].id == job.id && m_running[i].stream == job.stream) {
                m_running.removeAt(i);
                break;
            }
        }
    }
    --m_active;
    if (m_io)
        QMetaObject::invokeMethod(m_io, &Io::claim, Qt::QueuedConnection);
}

void RedisJobQueue::handBack(const Claimed &job)
{
    QString error;
    const std::optional<Value> r =
        m_sync->command(script(kHandBackScript, {m_options.consumer.toUtf8(),
                                                 QByteArray::number(m_options.reclaimIdleMs + 1),
                                                 job.token, job.stream, job.id}),
                        &error);
    qCInfo(lcRedisQueue, "job %s handed back%s", job.token.constData(),
           r ? "" : " (Redis unreachable: it will be reclaimed once idle)");
}

void RedisJobQueue::shutdown(int graceMs)
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    m_closed = true;
    if (m_options.workers > 0 && m_sync) {
        QString error;
        Command c = script(kDeregisterScript, {m_options.consumer.toUtf8()});
        for (const QString &l : m_options.languages)
            c << l.toUtf8();
        m_sync->command(c, &error);
    }
    if (!m_workers.waitForDone(graceMs)) {
        qCInfo(lcRedisQueue, "%d jobs still running after %d ms: cancelled and handed back",
               int(m_active), graceMs);
        m_handBack = true;
        m_cancel = true;
        m_workers.waitForDone();
    }
}

} // namespace evalx
