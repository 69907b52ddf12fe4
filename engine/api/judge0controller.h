#pragma once

#include "batchjudge.h"
#include "webhook.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QThreadPool>
#include <QUrlQuery>

namespace evalx {

class Engine;
struct JobRecord;

// The Judge0 CE compatible resources: submissions, languages, statuses, about,
// config_info, system_info, statistics. Paths, fields, defaults and status ids
// are Judge0's (shared/reference's judge0-api.md); EvalX adds fields
// (evalx_verdict), never changes them. Built on the thread of an event loop:
// callbacks (callback_url) are sent from there.
class Judge0Controller final
{
public:
    explicit Judge0Controller(Engine &engine);
    ~Judge0Controller();

    // POST /submissions?base64_encoded=&wait=&fields=
    // Body: a Judge0 submission (every input field of judge0-api.md; the
    // numeric bounds are judge0config.h's). 201 {"token"}, or with wait=true
    // 201 and the result; 422 {"field": ["message"]} for invalid fields; 503
    // when the queue is full. With callback_url, the result (default fields)
    // is PUT there when the job ends, up to 3 tries.
    QFuture<QHttpServerResponse> create(const QHttpServerRequest &request);
    // GET /submissions/{token}?base64_encoded=&fields=
    // From the queue, else from the history (finished before a restart).
    QHttpServerResponse show(const QString &token, const QHttpServerRequest &request) const;
    // POST /submissions/batch?base64_encoded=
    // Body {"submissions": [...]}, at most 20. 201 with one {"token"} or one
    // error object per item, in order; 422 when none is valid. Never waits.
    QFuture<QHttpServerResponse> createBatch(const QHttpServerRequest &request);
    // GET /submissions/batch?tokens=a,b,c&base64_encoded=&fields=
    // {"submissions": [result or null, ...]}
    QHttpServerResponse showBatch(const QHttpServerRequest &request) const;
    // GET /submissions?page=&per_page=&base64_encoded=&fields=
    //                 &status_id=&language_id=&since=&until=&q=
    // {"submissions": [...], "meta": {current_page, next_page, prev_page, total_pages,
    // total_count}}, newest first: from the history when the engine has one (jobs
    // of earlier runs too), else the queue's. EvalX's filters: status_id (one or
    // a comma-separated list of Judge0 statuses), language_id (a Judge0 id: its
    // language), since and until (ISO 8601, created at or after / before), q
    // (text in the token, the origin or the message). 400 naming a wrong one.
    QHttpServerResponse index(const QHttpServerRequest &request) const;
    // DELETE /submissions/{token}: 200 with the result (fields applied), gone from
    // the queue and the history; 400 while it is queued or running, 404 when unknown.
    QHttpServerResponse destroy(const QString &token, const QHttpServerRequest &request);
    // GET /version: the version, as plain text.
    QHttpServerResponse version() const;
    // GET /workers: the queue as Judge0 describes its queues.
    QHttpServerResponse workers() const;
    // GET /languages: the available languages under every Judge0 id they answer to.
    QHttpServerResponse languages() const;
    // GET /languages/all: every language of the catalogue under every Judge0 id,
    // with is_archived true for those this host cannot run.
    QHttpServerResponse allLanguages() const;
    // GET /languages/{id}
    QHttpServerResponse language(int id) const;
    // GET /statuses
    QHttpServerResponse statuses() const;
    // GET /about
    QHttpServerResponse about() const;
    // GET /config_info: every setting under Judge0's keys (judge0config.h).
    QHttpServerResponse configInfo() const;
    // GET /system_info: the host's CPU and memory, lscpu's keys.
    QHttpServerResponse systemInfo() const;
    // GET /statistics: {now, submissions {total, today, last_30_days {date: n}},
    // languages [{language {id, name}, count}], statuses [{status {id, name}, count}]}
    // over the jobs the queue keeps.
    QHttpServerResponse statistics() const;

    // Returns once every wait=true request has its answer.
    void drain() { m_waiters.waitForDone(); }

private:
    struct Parsed
    {
        BatchRequest batch;
        QVariantHash labels; // kept with the job: the language id, the callback
    };
    // A Judge0 submission as a batch of one test, or nothing with Judge0's
    // {"field": ["message"]} errors.
    std::optional<Parsed> parse(const QJsonObject &in, bool base64, QJsonObject *errors) const;
    // A job's result with the fields asked for; nothing (and the name) for an unknown field.
    std::optional<QJsonObject> result(const JobRecord &job, const QUrlQuery &query,
                                      QString *badField) const;
    QHttpServerResponse render(const JobRecord &job, const QUrlQuery &query,
                               QHttpServerResponse::StatusCode code) const;
    // PUTs a finished job to its callback_url, if it has one.
    void sendCallback(const QByteArray &token);

    Engine &m_engine;
    WebhookSender m_callbacks;
    QThreadPool m_waiters; // wait=true requests block here, never on the server's thread
};

} // namespace evalx
