#include "redisclient.h"

#include <QUrl>

#include <hiredis/hiredis.h>

#include <vector>

namespace evalx {

namespace {

redisReply *call(redisContext *ctx, const RedisCommand &argv)
{
    std::vector<const char *> args;
    std::vector<size_t> lengths;
    for (const QByteArray &a : argv) {
        args.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    return static_cast<redisReply *>(
        redisCommandArgv(ctx, int(args.size()), args.data(), lengths.data()));
}

void append(redisContext *ctx, const RedisCommand &argv)
{
    std::vector<const char *> args;
    std::vector<size_t> lengths;
    for (const QByteArray &a : argv) {
        args.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    redisAppendCommandArgv(ctx, int(args.size()), args.data(), lengths.data());
}

} // namespace

// --- RedisUrl ---------------------------------------------------------------

std::optional<RedisUrl> RedisUrl::parse(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    const auto fail = [&](const QString &why) {
        *error =
            QStringLiteral("--redis takes redis://[[USER]:PASSWORD@]HOST[:PORT][/DB], not '%1': %2")
                .arg(text, why);
        return std::nullopt;
    };
    if (!url.isValid())
        return fail(url.errorString());
    if (url.scheme() != QLatin1String("redis"))
        return fail(QStringLiteral("the scheme must be redis://"));
    if (url.host().isEmpty())
        return fail(QStringLiteral("no host"));
    RedisUrl r;
    r.host = url.host();
    r.port = url.port(6379);
    if (r.port <= 0)
        return fail(QStringLiteral("bad port"));
    r.user = url.userName();
    r.password = url.password();
    QString path = url.path();
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (!path.isEmpty()) {
        bool ok = false;
        r.db = path.toInt(&ok);
        if (!ok || r.db < 0 || r.db > 1000)
            return fail(QStringLiteral("the database must be a number"));
    }
    if (url.hasQuery() || url.hasFragment())
        return fail(QStringLiteral("no query or fragment is allowed"));
    return r;
}

QString RedisUrl::display() const
{
    const QString credentials = password.isEmpty() ? QString() : user + QStringLiteral(":***@");
    return QStringLiteral("redis://%1%2:%3/%4").arg(credentials, host).arg(port).arg(db);
}

// --- RedisValue -------------------------------------------------------------

RedisValue RedisValue::from(const redisReply *r)
{
    RedisValue v;
    v.type = r->type;
    v.integer = r->integer;
    if (r->str)
        v.str = QByteArray(r->str, qsizetype(r->len));
    for (size_t i = 0; i < r->elements; ++i)
        v.elements << from(r->element[i]);
    return v;
}

bool RedisValue::isNil() const
{
    return type == REDIS_REPLY_NIL;
}

bool RedisValue::isError() const
{
    return type == REDIS_REPLY_ERROR;
}

QByteArray RedisValue::text() const
{
    return type == REDIS_REPLY_INTEGER ? QByteArray::number(integer) : str;
}

// --- RedisClient ------------------------------------------------------------

RedisClient::RedisClient(RedisUrl url, int maxConnections)
    : m_url(std::move(url))
    , m_max(std::max(1, maxConnections))
{
    static_assert(REDIS_REPLY_NIL == 4, "RedisValue's default type is hiredis' nil");
}

RedisClient::~RedisClient()
{
    for (redisContext *ctx : std::as_const(m_idle))
        redisFree(ctx);
}

std::optional<RedisValue> RedisClient::command(const RedisCommand &argv, QString *error)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        redisContext *ctx = acquire(error);
        if (!ctx)
            return std::nullopt;
        redisReply *reply = call(ctx, argv);
        if (!reply) {
            *error = unreachable(QString::fromLocal8Bit(ctx->errstr));
            release(ctx, true);
            continue;
        }
        release(ctx, false);
        RedisValue v = RedisValue::from(reply);
        freeReplyObject(reply);
        if (v.isError()) {
            *error = QStringLiteral("Redis: ") + QString::fromUtf8(v.str);
            return std::nullopt;
        }
        return v;
    }
    return std::nullopt;
}

std::optional<QList<RedisValue>> RedisClient::pipeline(const QList<RedisCommand> &commands,
                                                       QString *error)
{
    redisContext *ctx = acquire(error);
    if (!ctx)
        return std::nullopt;
    for (const RedisCommand &c : commands)
        append(ctx, c);
    QList<RedisValue> out;
    for (qsizetype i = 0; i < commands.size(); ++i) {
        void *r = nullptr;
        if (redisGetReply(ctx, &r) != REDIS_OK || !r) {
            *error = unreachable(QString::fromLocal8Bit(ctx->errstr));
            release(ctx, true);
            return std::nullopt;
        }
        out << RedisValue::from(static_cast<redisReply *>(r));
        freeReplyObject(r);
    }
    release(ctx, false);
    return out;
}

QString RedisClient::unreachable(const QString &why) const
{
    return QStringLiteral("Redis at %1 is unreachable: %2").arg(m_url.display(), why);
}

redisContext *RedisClient::acquire(QString *error)
{
    QMutexLocker lock(&m_mutex);
    while (m_idle.isEmpty() && m_open >= m_max)
        m_freed.wait(&m_mutex);
    if (!m_idle.isEmpty())
        return m_idle.takeLast();
    ++m_open;
    lock.unlock();
    // Connecting may take up to its timeout: not under the lock.
    redisContext *ctx = open(error);
    if (!ctx) {
        lock.relock();
        --m_open;
        m_freed.wakeOne();
    }
    return ctx;
}

void RedisClient::release(redisContext *ctx, bool broken)
{
    QMutexLocker lock(&m_mutex);
    if (broken) {
        redisFree(ctx);
        --m_open;
    } else {
        m_idle << ctx;
    }
    m_freed.wakeOne();
}

redisContext *RedisClient::open(QString *error) const
{
    const timeval connectTimeout{2, 0};
    redisContext *ctx =
        redisConnectWithTimeout(m_url.host.toUtf8().constData(), m_url.port, connectTimeout);
    if (!ctx || ctx->err) {
        *error = unreachable(ctx ? QString::fromLocal8Bit(ctx->errstr)
                                 : QStringLiteral("out of memory"));
        if (ctx)
            redisFree(ctx);
        return nullptr;
    }
    const timeval commandTimeout{10, 0};
    redisSetTimeout(ctx, commandTimeout);
    redisEnableKeepAlive(ctx);
    QList<RedisCommand> setup;
    if (!m_url.password.isEmpty())
        setup << (m_url.user.isEmpty()
                      ? RedisCommand{"AUTH", m_url.password.toUtf8()}
                      : RedisCommand{"AUTH", m_url.user.toUtf8(), m_url.password.toUtf8()});
    setup << RedisCommand{"SELECT", QByteArray::number(m_url.db)};
    for (const RedisCommand &c : std::as_const(setup)) {
        redisReply *reply = call(ctx, c);
        const bool ok = reply && reply->type != REDIS_REPLY_ERROR;
        const QString why = !reply ? QString::fromLocal8Bit(ctx->errstr)
                            : ok   ? QString()
                                   : QString::fromUtf8(reply->str, qsizetype(reply->len));
        if (reply)
            freeReplyObject(reply);
        if (!ok) {
            *error = QStringLiteral("Redis at %1 refused %2: %3")
                         .arg(m_url.display(), QString::fromLatin1(c.first()), why);
            redisFree(ctx);
            return nullptr;
        }
    }
    return ctx;
}

} // namespace evalx
