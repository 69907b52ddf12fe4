#include "apierror.h"
#include "jobqueue.h"

namespace evalx {

QHttpServerResponse::StatusCode statusOf(ApiError error)
{
    using S = QHttpServerResponse::StatusCode;
    switch (error) {
    case ApiError::Malformed:
        return S::BadRequest;
    case ApiError::Unauthorized:
        return S::Unauthorized;
    case ApiError::Forbidden:
        return S::Forbidden;
    case ApiError::NotFound:
        return S::NotFound;
    case ApiError::TooLarge:
        return S::PayloadTooLarge;
    case ApiError::Invalid:
        return S::UnprocessableEntity;
    case ApiError::RateLimited:
        return S::TooManyRequests;
    case ApiError::Internal:
        return S::InternalServerError;
    case ApiError::Unavailable:
        return S::ServiceUnavailable;
    }
    return S::InternalServerError;
}

std::pair<ApiError, QString> missingJob(const JobQueue *jobs, const QString &token)
{
    if (!jobs)
        return {ApiError::Unavailable, QStringLiteral("the engine is not running")};
    const QueueStatus status = jobs->status();
    if (!status.reachable)
        return {ApiError::Unavailable, status.error};
    return {ApiError::NotFound, QStringLiteral("submission %1 not found").arg(token)};
}

QHttpServerResponse errorResponse(ApiError error, const QString &message)
{
    return errorResponse(error, QJsonObject{{QStringLiteral("error"), message}});
}

QHttpServerResponse errorResponse(ApiError error, const QJsonObject &body)
{
    return QHttpServerResponse(body, statusOf(error));
}

} // namespace evalx
