#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <QWaitCondition>
#include <optional>

struct redisContext;
struct redisReply;

namespace evalx {

// Where a Redis server is: redis://[[user]:password@]host[:port][/db].
struct RedisUrl
{
    QString host;
    int port = 6379;
    int db = 0;
    QString user;
    QString password;

    static std::optional<RedisUrl> parse(const QString &text, QString *error);
    QString display() const; // the URL without the password
};

// A reply, copied out of hiredis so that it outlives the connection.
struct RedisValue
{
    int type = 4; // REDIS_REPLY_NIL
    QByteArray str;
    long long integer = 0;
    QList<RedisValue> elements;

    static RedisValue from(const redisReply *reply);
    bool isNil() const;
    bool isError() const;
    QByteArray text() const; // an integer as digits, else the string
};

using RedisCommand = QList<QByteArray>;

// Synchronous Redis commands from any thread, over a small pool of
// connections opened as they are needed: a submission does not wait behind a
// worker's result, nor a result behind a large artifact. A connection that
// breaks is closed and the command tried once more on a new one.
class RedisClient final
{
public:
    explicit RedisClient(RedisUrl url, int maxConnections = 8);
    ~RedisClient();
    Q_DISABLE_COPY_MOVE(RedisClient)

    // One command; nothing (and why) when Redis cannot be reached or answers
    // with an error (the error names Redis and what it said).
    std::optional<RedisValue> command(const RedisCommand &argv, QString *error);
    // Several commands in one round trip; nothing when any cannot be sent.
    // Error replies are returned as values (isError()).
    std::optional<QList<RedisValue>> pipeline(const QList<RedisCommand> &commands,
                                              QString *error);

    const RedisUrl &url() const { return m_url; }
    QString unreachable(const QString &why) const; // "Redis at URL is unreachable: why"

private:
    redisContext *acquire(QString *error);
    void release(redisContext *ctx, bool broken);
    redisContext *open(QString *error) const;

    const RedisUrl m_url;
    const int m_max;
    QMutex m_mutex;
    QWaitCondition m_freed;
    QList<redisContext *> m_idle;
    int m_open = 0; // idle and in use
};

} // namespace evalx
