#pragma once

#include "consolesource.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QTimer;
class QUrlQuery;
class QWebSocket;

namespace evalx::ui {

// A remote `evalx --headless`, watched through its APIs: /health and /metrics
// once a second for the telemetry, Judge0's listing once a second to discover
// jobs, /api/v1/submissions/{token} for their details and the submission's
// WebSocket stream to follow the ones that run. Everything but submit() is
// asynchronous on one QNetworkAccessManager; see submit() for its one wait.
//
// What the APIs do not give is left empty in the records of jobs others
// submitted: the source, the tests' inputs and expected outputs, the limits,
// the checker, the labels and the priority; the origin is "judge0" for Judge0
// jobs and empty (Other) for the rest. Jobs submitted through this object keep
// the request they were made from.
class RemoteSource final : public ConsoleSource
{
    Q_OBJECT
public:
    RemoteSource(QUrl base, QString token, QObject *parent = nullptr);
    ~RemoteSource() override;
    Q_DISABLE_COPY_MOVE(RemoteSource)

    QString describe() const override;
    const LanguageCatalogue &languages() const override;
    Telemetry telemetry() const override;
    // Posts to /api/v1/submissions from a short-lived thread of its own and
    // waits for the answer (at most kSubmitTimeoutMs): the interface returns the
    // token, and a nested event loop on the GUI thread would re-enter the
    // console (timers, jobChanged, a second click on Submit) in the middle of
    // a submission. On loopback or a LAN the wait is a few milliseconds.
    std::optional<QByteArray> submit(const BatchRequest &request, const SubmitOptions &options,
                                     QString *error) override;
    QList<JobRecord> recent(int limit) const override;
    std::optional<JobRecord> find(const QByteArray &token) const override;

    static constexpr int kSubmitTimeoutMs = 10000;
    static constexpr int kKeptJobs = 10000;

    // The conversions, public for the tests.
    // The body of POST /api/v1/submissions, or nothing and why the request
    // cannot be expressed there (an interactor, a Kattis validator...).
    static std::optional<QJsonObject> requestJson(const BatchRequest &request,
                                                  const SubmitOptions &options, QString *error);
    // A result of /api/v1 (GET, or a stream's "done") applied to a record.
    static void applyResult(const QJsonObject &result, JobRecord *job);
    static TestOutcome testFromJson(const QJsonObject &test);
    // /metrics' Prometheus text and /health's JSON, into a sample.
    static void applyMetrics(const QByteArray &text, Telemetry *telemetry);
    static void applyHealth(const QJsonObject &health, Telemetry *telemetry);

private:
    QUrl endpoint(const QString &path, const QUrlQuery &query) const;
    QNetworkRequest request(const QString &path, const QUrlQuery &query) const;
    QNetworkReply *get(const QString &path, const QUrlQuery &query);
    // Why a reply failed, for a person: the server's own words where it gave some.
    QString failure(QNetworkReply *reply) const;

    void tick();
    void pollTelemetry();
    void telemetryAnswered(QNetworkReply *reply, bool metrics);
    void fetchLanguages();
    void fetchCapacity();
    void pollListing(int page);
    void listingAnswered(QNetworkReply *reply, int page);
    void fetchDetails(const QByteArray &token);
    void startDetailFetches();
    void detailsAnswered(QNetworkReply *reply, const QByteArray &token);
    void follow(const QByteArray &token);
    void streamMessage(const QByteArray &token, const QString &text);
    void streamClosed(const QByteArray &token);

    JobRecord &insert(JobRecord job);
    void applyAndPlace(const QJsonObject &result, JobRecord *job);
    void evict();

    QUrl m_base;
    QString m_token;
    QNetworkAccessManager *m_net;
    QTimer *m_poll;

    LanguageCatalogue m_languages;
    bool m_languagesFetched = false;
    bool m_languagesPending = false;
    int m_capacity = 0;
    bool m_capacityPending = false;

    Telemetry m_telemetry;
    Telemetry m_next; // the sample being gathered
    int m_telemetryPending = 0;
    QString m_listingError; // the listing's own failure (with --auth-user, say)

    QHash<QByteArray, JobRecord> m_jobs;
    QList<QByteArray> m_order; // newest first
    bool m_listingPending = false;
    int m_listingPages = 0;          // pages this round may read
    QList<QByteArray> m_detailQueue; // tokens waiting for GET /api/v1/submissions/{token}
    QSet<QByteArray> m_detailWanted;
    int m_detailsInFlight = 0;
    QHash<QByteArray, QWebSocket *> m_streams;
    QSet<QByteArray> m_streamFailed; // followed by polling instead
};

} // namespace evalx::ui
