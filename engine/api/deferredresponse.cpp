#include "deferredresponse.h"
#include "jobqueue.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace evalx {

QFuture<QHttpServerResponse> readyResponse(QHttpServerResponse response)
{
    QPromise<QHttpServerResponse> promise;
    QFuture<QHttpServerResponse> future = promise.future();
    promise.start();
    promise.addResult(std::move(response));
    promise.finish();
    return future;
}

QFuture<QHttpServerResponse> answerNearQueue(const JobQueue *jobs, QThreadPool *pool,
                                             std::function<QHttpServerResponse()> work)
{
    if (jobs && jobs->callsWaitOnNetwork())
        return QtConcurrent::run(pool, std::move(work));
    return readyResponse(work());
}

QFuture<QHttpServerResponse>
submitThenAnswer(const JobQueue *jobs, QThreadPool *pool, bool waits,
                 std::function<Submitted()> submit,
                 std::function<QHttpServerResponse(const QList<QByteArray> &tokens)> answer)
{
    auto both = [submit, answer] {
        Submitted s = submit();
        if (auto *refusal = std::get_if<QHttpServerResponse>(&s))
            return std::move(*refusal);
        return answer(std::get<QList<QByteArray>>(s));
    };
    if (!waits)
        return answerNearQueue(jobs, pool, std::move(both));
    if (jobs && jobs->callsWaitOnNetwork())
        return QtConcurrent::run(pool, std::move(both));
    Submitted s = submit();
    if (auto *refusal = std::get_if<QHttpServerResponse>(&s))
        return readyResponse(std::move(*refusal));
    return QtConcurrent::run(
        pool, [answer, tokens = std::get<QList<QByteArray>>(s)] { return answer(tokens); });
}

} // namespace evalx
