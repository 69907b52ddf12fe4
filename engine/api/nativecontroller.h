#pragma once

#include "batchjudge.h"
#include "jobqueue.h"
#include "webhook.h"

#include <QFuture>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QObject>
#include <QThreadPool>

namespace evalx {

class Engine;

// What one request to /api/v1 may ask for.
struct NativeApiLimits
{
    int maxTests = 1000;               // per submission (more: 413)
    qsizetype maxTestBytes = 8 << 20;  // per test input and expected output (more: 413)
    int maxParallel = 20;              // submissions per execute-parallel (more: 413)
    int waitTimeoutMs = 5 * 60 * 1000; // wait=true and the execute shapes
};

// The EvalX-native API, /api/v1: one source judged against many tests with a
// checker and limits, per-test results, webhooks, and the execute shapes.
// Errors are {"error", "field"}; the README's "EvalX-native API" section is
// the reference, and its changelog follows kApiVersion.
class NativeController final : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kApiVersion = "1";

    using Limits = NativeApiLimits;

    NativeController(Engine &engine, Limits limits = {}, QObject *parent = nullptr);
    ~NativeController() override;
    Q_DISABLE_COPY_MOVE(NativeController)

    // POST /api/v1/submissions?wait=
    // Body: language, source | files [{name, content}], tests [{name?, input,
    // expected?, args?}], checker {type, abs?, rel?} | {type: "testlib",
    // language, source | files}, limits {time, wall_time, memory, processes,
    // output}, stop_on_first_failure, priority, webhook.
    // 201 {"token"}, or with wait=true 201 and the result.
    QFuture<QHttpServerResponse> create(const QHttpServerRequest &request);
    // GET /api/v1/submissions/{token}: the result so far; 404 when unknown.
    QHttpServerResponse show(const QString &token) const;
    // GET /api/v1/languages: [{id, name, version, available, extensions, source_name}],
    // every language of the catalogue, installed or not.
    QHttpServerResponse languages() const;
    // POST /api/v1/execute. Body: language, source | files, stdin, args,
    // limits, priority. 200 with the run, once it has run.
    QFuture<QHttpServerResponse> execute(const QHttpServerRequest &request);
    // POST /api/v1/execute-batch. Body: language, source | files, inputs
    // [stdin | {stdin, args}], limits, priority. One compile; 200 with one run
    // per input, in order.
    QFuture<QHttpServerResponse> executeBatch(const QHttpServerRequest &request);
    // POST /api/v1/execute-parallel. Body {"submissions": [execute bodies]}:
    // independent programs judged at once; 200 with their runs, in order.
    QFuture<QHttpServerResponse> executeParallel(const QHttpServerRequest &request);

    // Returns once every request waiting for a job has its answer.
    void drain() { m_waiters.waitForDone(); }

    // The shapes every answer, stream message and webhook shares.
    static QJsonObject resultJson(const JobRecord &job);
    static QJsonObject testJson(const TestOutcome &test);

private:
    void jobFinished(const QByteArray &token);

    Engine &m_engine;
    Limits m_limits;
    WebhookSender m_webhooks;
    QThreadPool
        m_waiters; // wait=true and execute requests block here, never on the server's thread
};

} // namespace evalx
