#pragma once

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QMutex>
#include <QThreadPool>
#include <QUrlQuery>

namespace evalx {

class Engine;
struct JobRecord;

// The Judge0 CE compatible resources: submissions, languages, statuses, about.
// Paths, fields, defaults and status ids are Judge0's (shared/reference's
// judge0-api.md); EvalX adds fields (evalx_verdict), never changes them.
class Judge0Controller final
{
public:
    explicit Judge0Controller(Engine &engine);
    ~Judge0Controller();

    // POST /submissions?base64_encoded=&wait=&fields=
    // Body: a Judge0 submission. 201 {"token"}, or with wait=true 201 and the
    // result; 422 {"field": ["message"]} for invalid fields; 503 when the queue is full.
    QFuture<QHttpServerResponse> create(const QHttpServerRequest &request);
    // GET /submissions/{token}?base64_encoded=&fields=
    QHttpServerResponse show(const QString &token, const QHttpServerRequest &request) const;
    // GET /languages: the available languages under every Judge0 id they answer to.
    QHttpServerResponse languages() const;
    // GET /languages/{id}
    QHttpServerResponse language(int id) const;
    // GET /statuses
    QHttpServerResponse statuses() const;
    // GET /about
    QHttpServerResponse about() const;

private:
    QHttpServerResponse render(const JobRecord &job, const QUrlQuery &query,
                               QHttpServerResponse::StatusCode code) const;

    Engine &m_engine;
    QThreadPool m_waiters; // wait=true requests block here, never on the server's thread
    mutable QMutex m_mutex;
    QHash<QByteArray, int> m_languageIds; // token -> the Judge0 language id it was sent with
};

} // namespace evalx
