#include "remotesource.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStringDecoder>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <memory>

Q_LOGGING_CATEGORY(lcRemote, "evalx.ui.remote")

namespace evalx::ui {

namespace {

constexpr int kPollMs = 1000;
constexpr int kRequestTimeoutMs = 5000;
constexpr int kPerPage = 100;       // jobs per page of Judge0's listing
constexpr int kPagesPerRound = 10;  // pages read in one poll while every job on them is new
constexpr int kDetailsInFlight = 4; // GET /api/v1/submissions/{token} at once
constexpr int kMaxStreams = 100;    // jobs followed over WebSockets; the rest are polled

const QString kJudge0LanguageLabel = QStringLiteral("judge0_language_id");

QString translate(const char *text)
{
    return QCoreApplication::translate("evalx::ui", text);
}

// Judge0's status ids: 1 In Queue, 2 Processing, anything else is an end.
JobState stateOfJudge0Status(int id)
{
    if (id == 1)
        return JobState::Queued;
    if (id == 2)
        return JobState::Running;
    return JobState::Done;
}

JobState stateOfName(const QString &name)
{
    if (name == QLatin1String("queued"))
        return JobState::Queued;
    if (name == QLatin1String("running"))
        return JobState::Running;
    return JobState::Done;
}

QDateTime timeOf(const QJsonValue &v)
{
    return v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs) : QDateTime();
}

// Text as the API takes it, or nothing when the bytes are not UTF-8.
std::optional<QString> utf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

std::optional<QJsonArray> filesJson(const Submission &program, QString *error)
{
    QJsonArray files;
    for (const SourceFile &f : program.files) {
        const std::optional<QString> content = utf8(f.data);
        if (!content) {
            *error = translate("%1 is not UTF-8 text, which the EvalX API needs").arg(f.name);
            return std::nullopt;
        }
        files.append(
            QJsonObject{{QStringLiteral("name"), f.name}, {QStringLiteral("content"), *content}});
    }
    return files;
}

// A test's input or answer: in memory, or in the file it names.
std::optional<QString> testText(const QByteArray &data, const QString &path, const QString &what,
                                QString *error)
{
    QByteArray bytes = data;
    if (!path.isEmpty()) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = translate("cannot read %1 %2: %3").arg(what, path, f.errorString());
            return std::nullopt;
        }
        bytes = f.readAll();
    }
    std::optional<QString> text = utf8(bytes);
    if (!text)
        *error = translate("the %1 is not UTF-8 text, which the EvalX API needs").arg(what);
    return text;
}

// What the server said, in a sentence: the native API's {"error", "field"},
// Judge0's {"field": ["message"]}, Piston's {"message"}, or the status alone.
QString serverWords(int status, const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonObject o = doc.object();
    QString words;
    if (o.value(QLatin1String("error")).isString()) {
        words = o.value(QLatin1String("error")).toString();
        const QString field = o.value(QLatin1String("field")).toString();
        if (!field.isEmpty())
            words = field + QLatin1String(": ") + words;
    } else if (o.value(QLatin1String("message")).isString()) {
        words = o.value(QLatin1String("message")).toString();
    } else if (!o.isEmpty()) {
        QStringList parts;
        for (auto it = o.begin(); it != o.end(); ++it) {
            QStringList messages;
            for (const QJsonValue &m : it.value().toArray())
                messages << m.toString();
            parts << it.key() + QLatin1String(": ") + messages.join(QLatin1String(", "));
        }
        words = parts.join(QLatin1String("; "));
    }
    if (status == 401)
        return translate("the server refused the token (HTTP 401: %1)")
            .arg(words.isEmpty() ? translate("no or wrong X-Auth-Token") : words);
    if (words.isEmpty())
        return translate("HTTP %1").arg(status);
    return translate("%1 (HTTP %2)").arg(words).arg(status);
}

// Prometheus text: one sample per line, "name{k="v",...} value".
struct Sample
{
    QByteArray name;
    QHash<QByteArray, QString> labels;
    double value = 0;
};

std::optional<Sample> parseSample(const QByteArray &line)
{
    Sample s;
    qsizetype at = 0;
    while (at < line.size() && line.at(at) != '{' && line.at(at) != ' ')
        ++at;
    s.name = line.left(at);
    if (at < line.size() && line.at(at) == '{') {
        ++at;
        while (at < line.size() && line.at(at) != '}') {
            const qsizetype eq = line.indexOf('=', at);
            if (eq < 0 || eq + 1 >= line.size() || line.at(eq + 1) != '"')
                return std::nullopt;
            const QByteArray key = line.mid(at, eq - at).trimmed();
            QByteArray value;
            at = eq + 2;
            while (at < line.size() && line.at(at) != '"') {
                if (line.at(at) == '\\' && at + 1 < line.size()) {
                    ++at;
                    value += line.at(at) == 'n' ? '\n' : line.at(at);
                } else {
                    value += line.at(at);
                }
                ++at;
            }
            ++at; // the closing quote
            s.labels.insert(key, QString::fromUtf8(value));
            if (at < line.size() && line.at(at) == ',')
                ++at;
        }
        ++at; // the closing brace
    }
    const QList<QByteArray> rest = line.mid(at).simplified().split(' ');
    bool ok = false;
    s.value = rest.value(0).toDouble(&ok);
    if (s.name.isEmpty() || !ok)
        return std::nullopt;
    return s;
}

// A histogram as /metrics writes it: its buckets by bound, then _sum and _count.
struct HistogramSamples
{
    QMap<double, quint64> buckets;
    double sum = 0;
    quint64 count = 0;

    Histogram toHistogram() const
    {
        Histogram h(buckets.keys());
        h.counts = buckets.values();
        h.sum = sum;
        h.count = count;
        return h;
    }
};

bool histogramSample(const Sample &s, const QByteArray &family, HistogramSamples *h)
{
    if (!s.name.startsWith(family))
        return false;
    const QByteArray suffix = s.name.mid(family.size());
    if (suffix == "_bucket") {
        const QString le = s.labels.value("le");
        bool ok = false;
        const double bound = le.toDouble(&ok);
        if (ok && qIsFinite(bound)) // +Inf is _count again
            h->buckets.insert(bound, quint64(s.value));
    } else if (suffix == "_sum") {
        h->sum = s.value;
    } else if (suffix == "_count") {
        h->count = quint64(s.value);
    } else {
        return false;
    }
    return true;
}

} // namespace

RemoteSource::RemoteSource(QUrl base, QString token, QObject *parent)
    : ConsoleSource(parent)
    , m_base(std::move(base))
    , m_token(std::move(token))
    , m_net(new QNetworkAccessManager(this))
    , m_poll(new QTimer(this))
    , m_languages(LanguageCatalogue::builtIn())
{
    m_telemetry.reachable = false;
    m_telemetry.error = tr("waiting for %1").arg(describe());
    m_telemetry.api = describe();
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, &RemoteSource::tick);
    m_poll->start();
    QTimer::singleShot(0, this, &RemoteSource::tick);
}

RemoteSource::~RemoteSource()
{
    // Replies and sockets are torn down before this object's members are:
    // what they would signal on the way out must not reach it.
    for (QWebSocket *socket : std::as_const(m_streams))
        socket->disconnect(this);
    qDeleteAll(m_streams);
    m_streams.clear();
    const QList<QNetworkReply *> replies = m_net->findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies)
        reply->disconnect(this);
    delete m_net;
}

QString RemoteSource::describe() const
{
    return m_base.toDisplayString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

const LanguageCatalogue &RemoteSource::languages() const
{
    return m_languages;
}

Telemetry RemoteSource::telemetry() const
{
    return m_telemetry;
}

QUrl RemoteSource::endpoint(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_base;
    QString prefix = m_base.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path);
    url.setQuery(query);
    return url;
}

QNetworkRequest RemoteSource::request(const QString &path, const QUrlQuery &query) const
{
    QNetworkRequest r(endpoint(path, query));
    if (!m_token.isEmpty())
        r.setRawHeader(QByteArrayLiteral("X-Auth-Token"), m_token.toUtf8());
    r.setTransferTimeout(kRequestTimeoutMs);
    return r;
}

QNetworkReply *RemoteSource::get(const QString &path, const QUrlQuery &query)
{
    return m_net->get(request(path, query));
}

QString RemoteSource::failure(QNetworkReply *reply) const
{
    const QString where = reply->url().toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return tr("%1: %2").arg(where, reply->errorString());
    return tr("%1: %2").arg(where, serverWords(status, reply->readAll()));
}

void RemoteSource::tick()
{
    pollTelemetry();
    if (!m_languagesFetched)
        fetchLanguages();
    if (m_capacity == 0)
        fetchCapacity();
    if (!m_listingPending)
        pollListing(1);
    // Jobs that run without a stream are polled.
    for (auto it = m_jobs.cbegin(); it != m_jobs.cend(); ++it) {
        if (it->state != JobState::Done && !m_streams.contains(it.key()))
            fetchDetails(it.key());
    }
}

// One sample is /health and /metrics together; a slow server skips ticks
// rather than piling requests up.
void RemoteSource::pollTelemetry()
{
    if (m_telemetryPending > 0)
        return;
    m_next = Telemetry();
    m_next.api = describe();
    m_telemetryPending = 2;
    QNetworkReply *health = get(QStringLiteral("/health"), {});
    connect(health, &QNetworkReply::finished, this,
            [this, health] { telemetryAnswered(health, false); });
    QNetworkReply *metrics = get(QStringLiteral("/metrics"), {});
    connect(metrics, &QNetworkReply::finished, this,
            [this, metrics] { telemetryAnswered(metrics, true); });
}

void RemoteSource::telemetryAnswered(QNetworkReply *reply, bool metrics)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // /health answers 503 with its body when the judge is unwell: still a sample.
    const bool healthBody = !metrics && (status == 200 || status == 503);
    if (reply->error() != QNetworkReply::NoError && !healthBody) {
        if (m_next.reachable) {
            m_next.reachable = false;
            m_next.error = failure(reply);
        }
    } else if (metrics) {
        applyMetrics(reply->readAll(), &m_next);
    } else {
        const bool wasReachable = m_next.reachable;
        const QString error = m_next.error;
        applyHealth(QJsonDocument::fromJson(reply->readAll()).object(), &m_next);
        if (!wasReachable) { // the other request's failure stands
            m_next.reachable = false;
            m_next.error = error;
        }
    }
    if (--m_telemetryPending > 0)
        return;
    m_next.at = QDateTime::currentDateTimeUtc();
    m_next.capacity = m_capacity;
    if (m_next.reachable && m_next.error.isEmpty())
        m_next.error = m_listingError;
    if (m_next.reachable != m_telemetry.reachable)
        qCInfo(lcRemote) << describe() << (m_next.reachable ? "reachable" : "unreachable:")
                         << m_next.error;
    m_telemetry = m_next;
}

void RemoteSource::applyHealth(const QJsonObject &health, Telemetry *t)
{
    const QJsonObject sandbox = health.value(QLatin1String("sandbox")).toObject();
    t->sandbox = tr("%1, cgroup %2")
                     .arg(sandbox.value(QLatin1String("mode")).toString(),
                          sandbox.value(QLatin1String("cgroup")).toString());
    const QJsonObject queue = health.value(QLatin1String("queue")).toObject();
    t->queue.kind = queue.value(QLatin1String("kind")).toString();
    t->queue.state = queue.value(QLatin1String("state")).toString();
    t->queue.location = queue.value(QLatin1String("url")).toString();
    t->queue.error = queue.value(QLatin1String("error")).toString();
    t->queue.reachable = t->queue.kind != QLatin1String("none") && t->queue.error.isEmpty();
    const QJsonObject cache = queue.value(QLatin1String("result_cache")).toObject();
    t->queue.resultCache = !cache.isEmpty();
    t->queue.cacheHits = quint64(cache.value(QLatin1String("hits")).toDouble());
    t->queue.cacheMisses = quint64(cache.value(QLatin1String("misses")).toDouble());
    t->workers = queue.value(QLatin1String("workers")).toInt();
    t->reachable = t->queue.reachable;
    if (!t->reachable)
        t->error = t->queue.error.isEmpty() ? tr("the server has no job queue") : t->queue.error;
}

void RemoteSource::applyMetrics(const QByteArray &text, Telemetry *t)
{
    HistogramSamples jobs, runs;
    QList<std::pair<BoxState, int>> boxes;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const std::optional<Sample> s = parseSample(line);
        if (!s)
            continue;
        if (s->name == "evalx_queue_waiting")
            t->waiting = int(s->value);
        else if (s->name == "evalx_queue_running")
            t->running = int(s->value);
        else if (s->name == "evalx_queue_refused_total")
            t->stats.refused = quint64(s->value);
        else if (s->name == "evalx_jobs_total")
            t->stats.finishedByVerdict.insert(s->labels.value("verdict"), quint64(s->value));
        else if (s->name == "evalx_runs_total")
            t->stats.runsByVerdict.insert(s->labels.value("verdict"), quint64(s->value));
        else if (histogramSample(*s, "evalx_job_duration_seconds", &jobs) ||
                 histogramSample(*s, "evalx_run_duration_seconds", &runs))
            continue;
        else if (s->name == "evalx_boxes") {
            for (const BoxState state : {BoxState::Starting, BoxState::Idle, BoxState::Compiling,
                                         BoxState::Running, BoxState::Cleaning, BoxState::Broken}) {
                if (s->labels.value("state") == boxStateName(state))
                    boxes.append({state, int(s->value)});
            }
        } else if (s->name == "evalx_result_cache_hits_total")
            t->queue.cacheHits = quint64(s->value);
        else if (s->name == "evalx_result_cache_misses_total")
            t->queue.cacheMisses = quint64(s->value);
    }
    t->stats.jobSeconds = jobs.toHistogram();
    t->stats.runSeconds = runs.toHistogram();
    // The metrics count boxes by state; which box is in which state, what it
    // runs and its own run counts are not published, so the boxes are numbered here.
    t->boxes.clear();
    for (const auto &[state, count] : std::as_const(boxes)) {
        for (int i = 0; i < count; ++i) {
            BoxInfo b;
            b.index = int(t->boxes.size());
            b.state = state;
            t->boxes.append(b);
        }
    }
}

void RemoteSource::fetchLanguages()
{
    if (m_languagesPending)
        return;
    m_languagesPending = true;
    QNetworkReply *reply = get(QStringLiteral("/api/v1/languages"), {});
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_languagesPending = false;
        if (reply->error() != QNetworkReply::NoError)
            return; // tried again on the next tick
        QSet<QString> available;
        for (const QJsonValue &v : QJsonDocument::fromJson(reply->readAll()).array()) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("available")).toBool())
                available.insert(o.value(QLatin1String("id")).toString());
        }
        // The catalogue is rebuilt from the same file LanguageCatalogue::builtIn()
        // reads, keeping only what the server can judge.
        const QString override = qEnvironmentVariable("EVALX_LANGUAGES");
        QFile f(override.isEmpty() ? QStringLiteral(":/evalx/languages.json") : override);
        if (!f.open(QIODevice::ReadOnly))
            return;
        QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        QJsonArray kept;
        for (const QJsonValue &v : root.value(QLatin1String("languages")).toArray()) {
            if (available.contains(v.toObject().value(QLatin1String("id")).toString()))
                kept.append(v);
        }
        root.insert(QStringLiteral("languages"), kept);
        QString error;
        std::optional<LanguageCatalogue> catalogue =
            LanguageCatalogue::fromJson(QJsonDocument(root).toJson(), &error);
        if (!catalogue) {
            qCWarning(lcRemote) << "language catalogue:" << error;
            return;
        }
        m_languages = std::move(*catalogue);
        m_languagesFetched = true;
    });
}

void RemoteSource::fetchCapacity()
{
    if (m_capacityPending)
        return;
    m_capacityPending = true;
    QNetworkReply *reply = get(QStringLiteral("/config_info"), {});
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_capacityPending = false;
        if (reply->error() == QNetworkReply::NoError)
            m_capacity = QJsonDocument::fromJson(reply->readAll())
                             .object()
                             .value(QLatin1String("max_queue_size"))
                             .toInt();
    });
}

// Judge0's listing, newest first: the one place every API's jobs show.
// While every job on a page is new the next page is read too (up to
// kPagesPerRound, or enough for kKeptJobs on the first round).
void RemoteSource::pollListing(int page)
{
    m_listingPending = true;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(kPerPage));
    query.addQueryItem(QStringLiteral("fields"),
                       QStringLiteral("token,status,created_at,finished_at,language_id"));
    QNetworkReply *reply = get(QStringLiteral("/submissions"), query);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, page] { listingAnswered(reply, page); });
}

void RemoteSource::listingAnswered(QNetworkReply *reply, int page)
{
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError) {
        m_listingPending = false;
        m_listingError = failure(reply);
        return;
    }
    m_listingError.clear();
    if (page == 1) // the first round fills the cache; later ones catch up
        m_listingPages = m_jobs.isEmpty() ? kKeptJobs / kPerPage : kPagesPerRound;
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    bool sawKnown = false;
    for (const QJsonValue &v : body.value(QLatin1String("submissions")).toArray()) {
        const QJsonObject o = v.toObject();
        const QByteArray token = o.value(QLatin1String("token")).toString().toLatin1();
        if (token.isEmpty())
            continue;
        const JobState listed = stateOfJudge0Status(
            o.value(QLatin1String("status")).toObject().value(QLatin1String("id")).toInt());
        // Done only once the details are in, so that a finished record always has its tests.
        const JobState state = listed == JobState::Done ? JobState::Running : listed;
        const auto known = m_jobs.find(token);
        if (known != m_jobs.end()) {
            sawKnown = true;
            if (int(state) > int(known->state)) { // queued -> running: no stream says so
                known->state = state;
                markChanged(token);
            }
            if (listed == JobState::Done && known->state != JobState::Done &&
                !m_streams.contains(token))
                fetchDetails(token);
            continue;
        }
        JobRecord job;
        job.token = token;
        job.state = state;
        job.createdAt = timeOf(o.value(QLatin1String("created_at")));
        const int judge0Id = o.value(QLatin1String("language_id")).toInt();
        if (judge0Id > 0) {
            job.labels.insert(kJudge0LanguageLabel, judge0Id);
            job.request.submission.origin = QStringLiteral("judge0");
            if (const Language *l = m_languages.forJudge0Id(judge0Id))
                job.request.submission.languageId = l->id;
        }
        insert(std::move(job));
        markChanged(token);
        if (listed == JobState::Done)
            fetchDetails(token);
        else
            follow(token);
    }
    const bool more =
        !body.value(QLatin1String("meta")).toObject().value(QLatin1String("next_page")).isNull();
    if (more && !sawKnown && page < m_listingPages) {
        pollListing(page + 1);
        return;
    }
    m_listingPending = false;
    evict();
}

void RemoteSource::fetchDetails(const QByteArray &token)
{
    if (m_detailWanted.contains(token))
        return;
    m_detailWanted.insert(token);
    m_detailQueue.append(token);
    startDetailFetches();
}

void RemoteSource::startDetailFetches()
{
    while (m_detailsInFlight < kDetailsInFlight && !m_detailQueue.isEmpty()) {
        const QByteArray token = m_detailQueue.takeFirst();
        ++m_detailsInFlight;
        QNetworkReply *reply =
            get(QStringLiteral("/api/v1/submissions/") + QString::fromLatin1(token), {});
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, token] { detailsAnswered(reply, token); });
    }
}

void RemoteSource::detailsAnswered(QNetworkReply *reply, const QByteArray &token)
{
    reply->deleteLater();
    --m_detailsInFlight;
    m_detailWanted.remove(token);
    const auto it = m_jobs.find(token);
    if (reply->error() == QNetworkReply::NoError && it != m_jobs.end()) {
        applyAndPlace(QJsonDocument::fromJson(reply->readAll()).object(), &*it);
        markChanged(token);
        if (it->state != JobState::Done)
            follow(token);
    } else if (reply->error() == QNetworkReply::ContentNotFoundError && it != m_jobs.end() &&
               it->state != JobState::Done) {
        // Gone from the server (deleted, expired): nothing more will come.
        it->state = JobState::Done;
        it->result.message = tr("the server no longer has this job");
        markChanged(token);
    }
    startDetailFetches();
}

// Follows a job that is queued or running over its stream; past kMaxStreams,
// or when its stream failed, the tick polls it instead.
void RemoteSource::follow(const QByteArray &token)
{
    if (m_streams.contains(token) || m_streamFailed.contains(token) ||
        m_streams.size() >= kMaxStreams)
        return;
    QUrl url = endpoint(
        QStringLiteral("/api/v1/submissions/%1/stream").arg(QString::fromLatin1(token)), {});
    url.setScheme(m_base.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                            : QStringLiteral("ws"));
    QNetworkRequest r(url);
    if (!m_token.isEmpty())
        r.setRawHeader(QByteArrayLiteral("X-Auth-Token"), m_token.toUtf8());
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_streams.insert(token, socket);
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, token](const QString &message) { streamMessage(token, message); });
    connect(socket, &QWebSocket::disconnected, this, [this, token] { streamClosed(token); });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, token](QAbstractSocket::SocketError) { streamClosed(token); });
    socket->open(r);
}

void RemoteSource::streamMessage(const QByteArray &token, const QString &text)
{
    const auto it = m_jobs.find(token);
    if (it == m_jobs.end())
        return;
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString event = message.value(QLatin1String("event")).toString();
    if (event == QLatin1String("test")) {
        const TestOutcome test = testFromJson(message);
        QList<TestOutcome> &tests = it->result.tests;
        const auto same = std::find_if(tests.begin(), tests.end(),
                                       [&](const TestOutcome &t) { return t.index == test.index; });
        if (same != tests.end())
            *same = test;
        else
            tests.append(test);
        std::sort(tests.begin(), tests.end(),
                  [](const TestOutcome &a, const TestOutcome &b) { return a.index < b.index; });
        it->state = JobState::Running;
        markChanged(token);
    } else if (event == QLatin1String("done")) {
        applyAndPlace(message, &*it);
        markChanged(token);
    } else if (event == QLatin1String("error")) {
        qCWarning(lcRemote) << "stream of" << token
                            << "refused:" << message.value(QLatin1String("error")).toString();
        m_streamFailed.insert(token);
    }
}

void RemoteSource::streamClosed(const QByteArray &token)
{
    QWebSocket *socket = m_streams.take(token);
    if (!socket)
        return;
    socket->disconnect(this);
    socket->deleteLater();
    const auto it = m_jobs.constFind(token);
    if (it != m_jobs.cend() && it->state != JobState::Done) {
        // Closed before "done": poll from now on.
        m_streamFailed.insert(token);
        fetchDetails(token);
    }
}

JobRecord &RemoteSource::insert(JobRecord job)
{
    const QByteArray token = job.token;
    const QDateTime created = job.createdAt;
    // Newest first; the binary search keeps a first fill of 10,000 jobs cheap.
    const auto at = std::upper_bound(m_order.begin(), m_order.end(), created,
                                     [this](const QDateTime &c, const QByteArray &other) {
                                         return c > m_jobs.constFind(other)->createdAt;
                                     });
    m_order.insert(at, token);
    return *m_jobs.insert(token, std::move(job));
}

// The server's clock orders the jobs: a job this object submitted moves to
// where the server's created_at puts it.
void RemoteSource::applyAndPlace(const QJsonObject &result, JobRecord *job)
{
    const QDateTime before = job->createdAt;
    applyResult(result, job);
    if (job->createdAt == before)
        return;
    const QByteArray token = job->token;
    m_order.removeOne(token);
    const auto at = std::upper_bound(m_order.begin(), m_order.end(), job->createdAt,
                                     [this](const QDateTime &c, const QByteArray &other) {
                                         return c > m_jobs.constFind(other)->createdAt;
                                     });
    m_order.insert(at, token);
}

void RemoteSource::evict()
{
    while (m_order.size() > kKeptJobs) {
        const QByteArray token = m_order.takeLast();
        m_jobs.remove(token);
        m_streamFailed.remove(token);
        if (QWebSocket *socket = m_streams.take(token)) {
            socket->disconnect(this);
            socket->deleteLater();
        }
    }
}

void RemoteSource::applyResult(const QJsonObject &o, JobRecord *job)
{
    job->state = stateOfName(o.value(QLatin1String("status")).toString());
    if (const QDateTime created = timeOf(o.value(QLatin1String("created_at"))); created.isValid())
        job->createdAt = created;
    job->finishedAt = timeOf(o.value(QLatin1String("finished_at")));
    BatchResult &r = job->result;
    r.compileOutput = o.value(QLatin1String("compile_output")).toString();
    QList<TestOutcome> tests;
    for (const QJsonValue &t : o.value(QLatin1String("tests")).toArray())
        tests.append(testFromJson(t.toObject()));
    r.tests = tests;
    if (job->state != JobState::Done)
        return;
    r.verdict = verdictFromName(o.value(QLatin1String("verdict")).toString()).value_or(Verdict::IE);
    // BatchResult keeps a message for CE and IE; other failures are in their tests.
    if (r.verdict == Verdict::CE || r.verdict == Verdict::IE)
        r.message = o.value(QLatin1String("message")).toString();
}

TestOutcome RemoteSource::testFromJson(const QJsonObject &o)
{
    TestOutcome t;
    t.index = o.value(QLatin1String("index")).toInt();
    t.name = o.value(QLatin1String("name")).toString();
    t.verdict = verdictFromName(o.value(QLatin1String("verdict")).toString()).value_or(Verdict::IE);
    RunResult &run = t.run;
    switch (t.verdict) {
    case Verdict::AC:
    case Verdict::WA:
    case Verdict::PE:
        run.status = RunStatus::OK;
        t.check.verdict = t.verdict;
        break;
    case Verdict::TLE:
        run.status = RunStatus::TLE;
        break;
    case Verdict::MLE:
        run.status = RunStatus::MLE;
        break;
    case Verdict::OLE:
        run.status = RunStatus::OLE;
        break;
    case Verdict::RE:
        run.status = RunStatus::RE;
        break;
    case Verdict::CE:
        run.status = RunStatus::CE;
        break;
    case Verdict::IE:
    case Verdict::Skipped:
        run.status = RunStatus::IE;
        break;
    }
    run.cpuSeconds = o.value(QLatin1String("time")).toDouble();
    run.wallSeconds = o.value(QLatin1String("wall_time")).toDouble();
    run.memoryKib = quint64(o.value(QLatin1String("memory")).toDouble());
    run.exitCode = o.value(QLatin1String("exit_code")).toInt();
    run.signal = o.value(QLatin1String("signal")).toInt();
    run.stdoutData = o.value(QLatin1String("stdout")).toString().toUtf8();
    run.stderrData = o.value(QLatin1String("stderr")).toString().toUtf8();
    run.message = o.value(QLatin1String("message")).toString();
    t.check.message = o.value(QLatin1String("checker_message")).toString();
    if (o.value(QLatin1String("score")).isDouble()) {
        t.score = o.value(QLatin1String("score")).toDouble();
        t.check.score = t.score;
    }
    return t;
}

std::optional<QJsonObject> RemoteSource::requestJson(const BatchRequest &request,
                                                     const SubmitOptions &options, QString *error)
{
    const auto refuse = [error](const QString &why) -> std::optional<QJsonObject> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (request.interactive)
        return refuse(tr("the EvalX API cannot judge interactive problems"));
    if (request.mergeStderr)
        return refuse(tr("the EvalX API cannot merge stderr into stdout"));
    if (!request.workFiles.isEmpty())
        return refuse(tr("the EvalX API cannot place data files beside the program"));
    if (!request.submission.compilerOptions.isEmpty())
        return refuse(tr("the EvalX API takes no compiler options"));
    QString why;
    const std::optional<QJsonArray> files = filesJson(request.submission, &why);
    if (!files)
        return refuse(why);
    QJsonObject body{{QStringLiteral("language"), request.submission.languageId},
                     {QStringLiteral("files"), *files},
                     {QStringLiteral("stop_on_first_failure"), request.stopOnFirstFailure},
                     {QStringLiteral("priority"), options.priority}};

    switch (request.checker.kind) {
    case CheckerConfig::Kind::Compare:
        body.insert(QStringLiteral("checker"),
                    QJsonObject{{QStringLiteral("type"), comparisonSpec(request.checker.compare)}});
        break;
    case CheckerConfig::Kind::Testlib: {
        if (!request.checker.program)
            return refuse(tr("the testlib checker has no sources"));
        const std::optional<QJsonArray> checkerFiles = filesJson(*request.checker.program, &why);
        if (!checkerFiles)
            return refuse(why);
        body.insert(QStringLiteral("checker"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("testlib")},
                                {QStringLiteral("language"), request.checker.program->languageId},
                                {QStringLiteral("files"), *checkerFiles}});
        break;
    }
    case CheckerConfig::Kind::Kattis:
        return refuse(tr("the EvalX API cannot run a Kattis output validator"));
    }

    QJsonArray tests;
    for (const TestData &test : request.tests) {
        if (!test.checkerFlags.isEmpty() ||
            (test.compare &&
             comparisonSpec(*test.compare) != comparisonSpec(request.checker.compare)))
            return refuse(tr("test %1 has a checker of its own, which the EvalX API cannot take")
                              .arg(test.name));
        const std::optional<QString> input =
            testText(test.input, test.inputPath, tr("input of test %1").arg(test.name), &why);
        if (!input)
            return refuse(why);
        QJsonObject t{{QStringLiteral("input"), *input}};
        if (!test.name.isEmpty())
            t.insert(QStringLiteral("name"), test.name);
        if (test.hasAnswer) {
            const std::optional<QString> answer = testText(
                test.answer, test.answerPath, tr("answer of test %1").arg(test.name), &why);
            if (!answer)
                return refuse(why);
            t.insert(QStringLiteral("expected"), *answer);
        }
        if (!test.arguments.isEmpty())
            t.insert(QStringLiteral("args"), QJsonArray::fromStringList(test.arguments));
        tests.append(t);
    }
    body.insert(QStringLiteral("tests"), tests);

    // Zero is "no limit" in RunLimits and "the server's default" here. The CPU
    // grace, the stack and the open files have no field: the server's apply.
    const RunLimits &l = request.limits;
    QJsonObject limits;
    if (l.cpuMs)
        limits.insert(QStringLiteral("time"), double(l.cpuMs) / 1000);
    if (l.wallMs)
        limits.insert(QStringLiteral("wall_time"), double(l.wallMs) / 1000);
    if (l.memoryKib)
        limits.insert(QStringLiteral("memory"), qint64(l.memoryKib));
    if (l.processes)
        limits.insert(QStringLiteral("processes"), qint64(l.processes));
    if (l.outputKib)
        limits.insert(QStringLiteral("output"), qint64(l.outputKib));
    if (!limits.isEmpty())
        body.insert(QStringLiteral("limits"), limits);
    return body;
}

std::optional<QByteArray> RemoteSource::submit(const BatchRequest &batch,
                                               const SubmitOptions &options, QString *error)
{
    const auto refuse = [error](const QString &why) -> std::optional<QByteArray> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QString why;
    const std::optional<QJsonObject> body = requestJson(batch, options, &why);
    if (!body)
        return refuse(why);

    QNetworkRequest r = request(QStringLiteral("/api/v1/submissions"), {});
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    r.setTransferTimeout(kSubmitTimeoutMs);
    struct Answer
    {
        int status = 0;
        QByteArray body;
        QString networkError;
    };
    auto answer = std::make_shared<Answer>();
    // The exchange runs on a thread of its own with its own manager and loop:
    // the GUI thread only waits, and nothing re-enters the console meanwhile.
    QThread *thread =
        QThread::create([r, payload = QJsonDocument(*body).toJson(QJsonDocument::Compact), answer] {
            QNetworkAccessManager net;
            QNetworkReply *reply = net.post(r, payload);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            if (!reply->isFinished())
                loop.exec();
            answer->status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answer->body = reply->readAll();
            answer->networkError = reply->errorString();
            delete reply;
        });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    const QString where = r.url().toDisplayString(QUrl::RemoveUserInfo);
    // The transfer timeout ends the exchange first; this bound is a backstop.
    if (!thread->wait(QDeadlineTimer(kSubmitTimeoutMs + 2000)))
        return refuse(tr("%1 did not answer within %2 s").arg(where).arg(kSubmitTimeoutMs / 1000));
    if (answer->status == 0)
        return refuse(tr("cannot reach %1: %2").arg(where, answer->networkError));
    if (answer->status != 201)
        return refuse(serverWords(answer->status, answer->body));
    const QByteArray token = QJsonDocument::fromJson(answer->body)
                                 .object()
                                 .value(QLatin1String("token"))
                                 .toString()
                                 .toLatin1();
    if (token.isEmpty())
        return refuse(tr("%1 answered without a token").arg(where));

    JobRecord job;
    job.token = token;
    job.state = JobState::Queued;
    job.request = batch;
    job.labels = options.labels;
    job.priority = options.priority;
    job.createdAt = QDateTime::currentDateTimeUtc();
    if (!m_jobs.contains(token)) {
        insert(std::move(job));
        evict();
    }
    markChanged(token);
    follow(token);
    return token;
}

QList<JobRecord> RemoteSource::recent(int limit) const
{
    QList<JobRecord> out;
    const qsizetype n = std::min<qsizetype>(std::max(limit, 0), m_order.size());
    out.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        out.append(m_jobs.value(m_order.at(i)));
    return out;
}

std::optional<JobRecord> RemoteSource::find(const QByteArray &token) const
{
    const auto it = m_jobs.constFind(token);
    if (it == m_jobs.cend())
        return std::nullopt;
    return *it;
}

} // namespace evalx::ui
