#pragma once

#include <QHttpServerResponse>
#include <QJsonObject>
#include <QString>

namespace evalx {

class JobQueue;

// Every way an API call can fail, and the one place that says which HTTP
// status each one answers with. Controllers name the failure; this decides
// the code, so the same failure answers the same way on every API.
enum class ApiError {
    Malformed,    // 400: the body or a parameter cannot be read
    Unauthorized, // 401: no or wrong X-Auth-Token
    Forbidden,    // 403: no or wrong X-Auth-User on an admin resource
    NotFound,     // 404: unknown token, language or path
    TooLarge,     // 413: body, test count or a field over its limit
    Invalid,      // 422: well-formed but not acceptable (unknown language, absurd limit)
    RateLimited,  // 429: this client asks too often
    Internal,     // 500
    Unavailable,  // 503: queue full, shutting down, Redis unreachable
};

QHttpServerResponse::StatusCode statusOf(ApiError error);

// Why a job cannot be shown: unknown (NotFound), or its queue cannot be
// reached just now (Unavailable, with the queue's reason): a Redis outage must
// not tell clients their submission is gone.
std::pair<ApiError, QString> missingJob(const JobQueue *jobs, const QString &token);

// {"error": message} with the status of `error`.
QHttpServerResponse errorResponse(ApiError error, const QString &message);
// A body of one's own (Judge0's {"field": ["message"]}) with the status of `error`.
QHttpServerResponse errorResponse(ApiError error, const QJsonObject &body);

} // namespace evalx
