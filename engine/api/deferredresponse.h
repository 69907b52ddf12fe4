#pragma once

#include <QFuture>
#include <QHttpServerResponse>
#include <QList>
#include <functional>
#include <variant>

class QThreadPool;

namespace evalx {

class JobQueue;

// A response already known, as the future a route returns: no thread hop.
QFuture<QHttpServerResponse> readyResponse(QHttpServerResponse response);

// Answers with what `work` returns. When the queue's calls wait on another
// process (Redis), `work` runs on `pool`: the server's thread goes on reading
// requests, and the submissions in flight overlap their round trips (and, on a
// Redis that syncs every write, share its fsyncs) instead of queueing behind
// each other. In-process queues answer at once, on the server's thread.
QFuture<QHttpServerResponse> answerNearQueue(const JobQueue *jobs, QThreadPool *pool,
                                             std::function<QHttpServerResponse()> work);

// What queueing a request's jobs gave: their tokens, or the answer saying why not.
using Submitted = std::variant<QList<QByteArray>, QHttpServerResponse>;

// Queues with `submit`, then answers with answer(the tokens). Where the
// queue wants its calls made (answerNearQueue) when `waits` is false; when
// answer waits for the jobs, on a thread of `pool` (the jobs queued first on
// the server's thread when that costs nothing, so that a pool full of waiting
// requests delays no submission).
QFuture<QHttpServerResponse>
submitThenAnswer(const JobQueue *jobs, QThreadPool *pool, bool waits,
                 std::function<Submitted()> submit,
                 std::function<QHttpServerResponse(const QList<QByteArray> &tokens)> answer);

} // namespace evalx
