#include "redisartifactstore.h"
#include "executor.h"
#include "jobcodec.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>
#include <QLoggingCategory>

#include <hiredis/hiredis.h>

Q_LOGGING_CATEGORY(lcArtifactStore, "evalx.queue.artifacts")

namespace evalx {

namespace {

constexpr int kRetryMs = 1000;
constexpr int kConnections = 2; // artifacts are few and compiles are slow
// "EXA" and the format's version; a change of format is a new version, read
// by no older process (a miss: they compile).
constexpr char kMagic[] = {'E', 'X', 'A', '1'};
constexpr qsizetype kMagicSize = sizeof kMagic;
constexpr auto kDigest = QCryptographicHash::Sha256;
constexpr qsizetype kDigestSize = 32;
constexpr QDataStream::Version kStreamVersion = QDataStream::Qt_6_0;

} // namespace

RedisArtifactStore::RedisArtifactStore(Options options)
    : m_options(std::move(options))
    , m_client(m_options.url, kConnections)
{}

RedisArtifactStore::~RedisArtifactStore() = default;

QByteArray RedisArtifactStore::redisKey(const QByteArray &key)
{
    return QByteArrayLiteral("evalx:artifact:") + key;
}

// --- the stored form ----------------------------------------------------------------
//
// magic, then a QDataStream (Qt 6.0 format) of: the artifact key, the status, the
// compiler's output, the message, the entry point, the compiler's run (jobcodec JSON),
// the files (path, mode, bytes); then the SHA-256 of everything before it.

QByteArray RedisArtifactStore::encode(const CompileOutcome &outcome)
{
    QByteArray bytes(kMagic, kMagicSize);
    {
        QDataStream out(&bytes, QIODevice::Append);
        out.setVersion(kStreamVersion);
        out << outcome.artifact.key << quint8(outcome.status) << outcome.output << outcome.message
            << outcome.artifact.mainFile << jobcodec::toBytes(jobcodec::encode(outcome.compileRun))
            << quint32(outcome.artifact.files.size());
        for (const BoxFile &f : outcome.artifact.files)
            out << f.path << qint32(f.mode) << f.data;
    }
    bytes += QCryptographicHash::hash(QByteArrayView(bytes), kDigest);
    return bytes;
}

std::optional<CompileOutcome> RedisArtifactStore::decode(const QByteArray &bytes, QString *error)
{
    const auto fail = [error](const char *why) {
        *error = QString::fromLatin1(why);
        return std::nullopt;
    };
    if (bytes.size() < kMagicSize + kDigestSize ||
        !bytes.startsWith(QByteArrayView(kMagic, kMagicSize)))
        return fail("not an encoded artifact");
    // A view of the bytes, not a copy: an artifact may be tens of megabytes.
    const QByteArray body = QByteArray::fromRawData(bytes.constData(), bytes.size() - kDigestSize);
    if (QCryptographicHash::hash(QByteArrayView(body), kDigest) != bytes.last(kDigestSize))
        return fail("its digest does not match (damaged)");

    QDataStream in(body);
    in.setVersion(kStreamVersion);
    in.skipRawData(int(kMagicSize));
    CompileOutcome o;
    quint8 status = 0;
    QByteArray run;
    quint32 files = 0;
    in >> o.artifact.key >> status >> o.output >> o.message >> o.artifact.mainFile >> run >> files;
    if (in.status() != QDataStream::Ok)
        return fail("truncated");
    o.status = RunStatus(status);
    if (o.status != RunStatus::OK && o.status != RunStatus::CE)
        return fail("neither a compiled program nor a compile error");
    QString why;
    const std::optional<QJsonObject> runJson = jobcodec::fromBytes(run, &why);
    const std::optional<RunResult> compileRun =
        runJson ? jobcodec::decodeRun(*runJson, &why) : std::optional<RunResult>();
    if (!compileRun) {
        *error = QStringLiteral("the compiler's run: ") + why;
        return std::nullopt;
    }
    o.compileRun = *compileRun;
    for (quint32 i = 0; i < files && in.status() == QDataStream::Ok; ++i) {
        BoxFile f;
        qint32 mode = 0;
        in >> f.path >> mode >> f.data;
        f.mode = int(mode);
        o.artifact.files << f;
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return fail("truncated or followed by more");
    return o;
}

// --- Redis ----------------------------------------------------------------------------

std::optional<CompileOutcome> RedisArtifactStore::load(const QByteArray &key)
{
    const std::optional<RedisValue> r = command({"GET", redisKey(key)});
    if (!r || r->type != REDIS_REPLY_STRING)
        return std::nullopt;
    QString error;
    std::optional<CompileOutcome> outcome = decode(r->str, &error);
    if (outcome && outcome->artifact.key != key)
        error = QStringLiteral("it holds the artifact %1")
                    .arg(QString::fromLatin1(outcome->artifact.key));
    if (!error.isEmpty()) {
        // Compiled again and overwritten by the caller's save.
        qCWarning(lcArtifactStore, "%s: unreadable, ignored: %s", redisKey(key).constData(),
                  qUtf8Printable(error));
        return std::nullopt;
    }
    return outcome;
}

void RedisArtifactStore::save(const QByteArray &key, const CompileOutcome &outcome)
{
    if (outcome.status != RunStatus::OK && outcome.status != RunStatus::CE)
        return;
    const QByteArray value = encode(outcome);
    if (value.size() > m_options.maxBytes) {
        qCDebug(lcArtifactStore, "%s: %lld bytes, more than %lld: not shared", key.constData(),
                qlonglong(value.size()), qlonglong(m_options.maxBytes));
        return;
    }
    command({"SET", redisKey(key), value, "EX", QByteArray::number(m_options.ttlSeconds)});
}

std::optional<RedisValue> RedisArtifactStore::command(const RedisCommand &argv)
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_retryAt.hasExpired())
            return std::nullopt;
    }
    // A pipeline of one: an error reply comes back as a value, so that
    // "unreachable" and "refused" are told apart.
    QString error;
    const std::optional<QList<RedisValue>> replies = m_client.pipeline({argv}, &error);
    QMutexLocker lock(&m_mutex);
    if (!replies || replies->isEmpty()) {
        // Closed for a pause; said the first time only.
        m_retryAt.setRemainingTime(kRetryMs);
        if (!m_downLogged)
            qCWarning(lcArtifactStore,
                      "%s: artifacts are compiled here, not shared, until it is back",
                      qUtf8Printable(error));
        m_downLogged = true;
        return std::nullopt;
    }
    const RedisValue &r = replies->first();
    if (r.isError()) {
        // Redis is there but will not do it (out of memory, a read-only replica):
        // worth a line each time, as nothing else will say so.
        qCWarning(lcArtifactStore, "Redis refused %s: %s", argv.first().constData(),
                  r.str.constData());
        return std::nullopt;
    }
    if (m_downLogged) {
        qCInfo(lcArtifactStore, "Redis at %s is reachable again: artifacts are shared",
               qUtf8Printable(m_options.url.display()));
        m_downLogged = false;
    }
    return r;
}

} // namespace evalx
