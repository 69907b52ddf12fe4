#include "judge0controller.h"
#include "apierror.h"
#include "deferredresponse.h"
#include "engine.h"
#include "historystore.h"
#include "hostinfo.h"
#include "judge0config.h"
#include "ziparchive.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <csignal>
#include <limits>

namespace evalx {

namespace {

using Status = QHttpServerResponse::StatusCode;

constexpr int kWaitTimeoutMs = 5 * 60 * 1000;

// Kept with a job: the Judge0 language id it was sent with, and where and how
// its result is to be PUT when it is done.
const QString kLanguageLabel = QStringLiteral("judge0_language_id");
const QString kCallbackLabel = QStringLiteral("judge0_callback_url");
const QString kCallbackBase64Label = QStringLiteral("judge0_callback_base64");

struct Judge0Status
{
    int id;
    const char *description;
};

constexpr Judge0Status kStatuses[] = {
    {1, "In Queue"},
    {2, "Processing"},
    {3, "Accepted"},
    {4, "Wrong Answer"},
    {5, "Time Limit Exceeded"},
    {6, "Compilation Error"},
    {7, "Runtime Error (SIGSEGV)"},
    {8, "Runtime Error (SIGXFSZ)"},
    {9, "Runtime Error (SIGFPE)"},
    {10, "Runtime Error (SIGABRT)"},
    {11, "Runtime Error (NZEC)"},
    {12, "Runtime Error (Other)"},
    {13, "Internal Error"},
    {14, "Exec Format Error"},
};

QJsonObject statusObject(int id)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("description"), QLatin1String(kStatuses[id - 1].description)}};
}

// A submission's runs (number_of_runs of them, each a test of the batch) as
// Judge0 reports them: they ran in turn and stopped at the first one not
// accepted, which (or else the last) gives the status and the output; time
// and memory are averaged over the runs made.
struct Runs
{
    const TestOutcome *reported = nullptr;
    double cpuSeconds = 0;
    double wallSeconds = 0;
    quint64 memoryKib = 0;
    int made = 0;
};

Runs runsOf(const BatchResult &b)
{
    Runs r;
    int &made = r.made;
    for (const TestOutcome &t : b.tests) {
        if (t.verdict == Verdict::Skipped)
            break;
        r.reported = &t;
        r.cpuSeconds += t.run.cpuSeconds;
        r.wallSeconds += t.run.wallSeconds;
        r.memoryKib += t.run.memoryKib;
        ++made;
        if (isFailure(t.verdict))
            break;
    }
    if (!r.reported && !b.tests.isEmpty())
        r.reported = &b.tests.first();
    if (made > 1) {
        r.cpuSeconds /= made;
        r.wallSeconds /= made;
        r.memoryKib = (r.memoryKib + quint64(made) / 2) / quint64(made);
    }
    return r;
}

// Judge0 has no memory or output status: a memory kill is a runtime error
// (EvalX's own verdict is in evalx_verdict), a file too large is SIGXFSZ.
int statusId(const JobRecord &job)
{
    if (job.state == JobState::Queued)
        return 1;
    if (job.state == JobState::Running)
        return 2;
    const BatchResult &b = job.result;
    if (b.verdict == Verdict::CE)
        return 6;
    const TestOutcome *reported = runsOf(b).reported;
    if (!reported)
        return 13;
    const TestOutcome &t = *reported;
    switch (t.verdict) {
    case Verdict::AC:
        return 3;
    case Verdict::WA:
    case Verdict::PE:
        return 4;
    case Verdict::TLE:
        return 5;
    case Verdict::OLE:
        return 8;
    case Verdict::MLE:
        return 12;
    case Verdict::RE:
        if (t.run.message == QLatin1String("Exec format error"))
            return 14;
        switch (t.run.signal) {
        case 0:
            return 11;
        case SIGSEGV:
            return 7;
        case SIGXFSZ:
            return 8;
        case SIGFPE:
            return 9;
        case SIGABRT:
            return 10;
        default:
            return 12;
        }
    default:
        return 13;
    }
}

// Words as a POSIX shell splits them (Judge0 appends command_line_arguments
// and compiler_options to a shell command): blanks separate, '...' is
// literal, "..." keeps \ " $ ` escapable, a backslash escapes outside quotes.
// Nothing is expanded or run. Nothing for an unterminated quote.
std::optional<QStringList> shellWords(const QString &text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text[i];
        if (ch == QLatin1Char('\'')) {
            const qsizetype end = text.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0)
                return std::nullopt;
            word += text.mid(i + 1, end - i - 1);
            i = end;
            inWord = true;
        } else if (ch == QLatin1Char('"')) {
            for (++i;; ++i) {
                if (i >= text.size())
                    return std::nullopt;
                if (text[i] == QLatin1Char('"'))
                    break;
                if (text[i] == QLatin1Char('\\') && i + 1 < text.size() &&
                    QStringLiteral("\\\"$`").contains(text[i + 1]))
                    ++i;
                word += text[i];
            }
            inWord = true;
        } else if (ch == QLatin1Char('\\')) {
            if (i + 1 < text.size())
                word += text[++i];
            inWord = true;
        } else if (ch.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += ch;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    return words;
}

QJsonObject errorBody(const QString &message)
{
    return {{QStringLiteral("error"), message}};
}

QHttpServerResponse invalidField(const QString &name)
{
    return QHttpServerResponse(errorBody(QStringLiteral("invalid field: %1").arg(name)),
                               Status::BadRequest);
}

bool flag(const QUrlQuery &query, const QString &name)
{
    const QString v = query.queryItemValue(name);
    return v == QLatin1String("true") || v == QLatin1String("1");
}

const QStringList &defaultFields()
{
    static const QStringList fields = {QStringLiteral("token"),   QStringLiteral("time"),
                                       QStringLiteral("memory"),  QStringLiteral("stdout"),
                                       QStringLiteral("stderr"),  QStringLiteral("compile_output"),
                                       QStringLiteral("message"), QStringLiteral("status")};
    return fields;
}

// A text field as Judge0 gives it: null when empty, base64 when asked.
QJsonValue text(const QByteArray &bytes, bool base64)
{
    if (bytes.isEmpty())
        return QJsonValue::Null;
    return base64 ? QString::fromLatin1(bytes.toBase64()) : QString::fromUtf8(bytes);
}

// The jobs a Judge0 status stands for, as the history can look them up:
// statusId() in the history's terms.
QList<HistoryFilter::Outcome> outcomesOf(int status)
{
    using O = HistoryFilter::Outcome;
    const QString execFormat = QStringLiteral("Exec format error");
    switch (status) {
    case 1:
        return {O{.state = JobState::Queued}};
    case 2:
        return {O{.state = JobState::Running}};
    case 3:
        return {O{.verdict = Verdict::AC}};
    case 4:
        return {O{.verdict = Verdict::WA}, O{.verdict = Verdict::PE}};
    case 5:
        return {O{.verdict = Verdict::TLE}};
    case 6:
        return {O{.verdict = Verdict::CE}};
    case 7:
        return {O{.verdict = Verdict::RE, .exitSignals = {SIGSEGV}}};
    case 8:
        return {O{.verdict = Verdict::OLE}, O{.verdict = Verdict::RE, .exitSignals = {SIGXFSZ}}};
    case 9:
        return {O{.verdict = Verdict::RE, .exitSignals = {SIGFPE}}};
    case 10:
        return {O{.verdict = Verdict::RE, .exitSignals = {SIGABRT}}};
    case 11:
        return {O{.verdict = Verdict::RE,
                  .exitSignals = {0},
                  .message = execFormat,
                  .otherMessage = true}};
    case 12:
        return {O{.verdict = Verdict::MLE}, O{.verdict = Verdict::RE,
                                              .exitSignals = {0, SIGSEGV, SIGXFSZ, SIGFPE, SIGABRT},
                                              .otherSignals = true}};
    case 13:
        return {O{.verdict = Verdict::IE}, O{.verdict = Verdict::Skipped}};
    case 14:
        return {O{.verdict = Verdict::RE, .message = execFormat}};
    default:
        return {};
    }
}

// A time given as ISO 8601 (a date alone: its start, local time).
std::optional<QDateTime> isoTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (!day.isValid())
            return std::nullopt;
        t = day.startOfDay();
    }
    return t;
}

// GET /submissions' filters: status_id (one or a comma-separated list),
// language_id, since and until (ISO 8601), q (text in the token, origin or
// message). Nothing and *error naming the parameter when one is wrong.
std::optional<HistoryFilter> listFilter(const QUrlQuery &query, const LanguageCatalogue &languages,
                                        QList<int> *statuses, QString *error)
{
    HistoryFilter f;
    const QString status = query.queryItemValue(QStringLiteral("status_id"));
    for (const QString &item : status.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int id = item.trimmed().toInt(&ok);
        if (!ok || id < 1 || id > int(std::size(kStatuses))) {
            *error = QStringLiteral("status_id must be a Judge0 status from 1 to %1, not '%2'")
                         .arg(std::size(kStatuses))
                         .arg(item);
            return std::nullopt;
        }
        *statuses << id;
        f.outcomes << outcomesOf(id);
    }
    if (const QString id = query.queryItemValue(QStringLiteral("language_id")); !id.isEmpty()) {
        bool ok = false;
        const Language *l = languages.forJudge0Id(id.toInt(&ok));
        if (!ok || !l) {
            *error = QStringLiteral("language_id %1 is not a language of this server").arg(id);
            return std::nullopt;
        }
        f.language = l->id;
    }
    for (const auto &[name, bound] : {std::pair{QStringLiteral("since"), &f.createdFrom},
                                      std::pair{QStringLiteral("until"), &f.createdBefore}}) {
        const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
        if (text.isEmpty())
            continue;
        const std::optional<QDateTime> t = isoTime(text);
        if (!t) {
            *error = QStringLiteral("%1 must be an ISO 8601 date or time, such as "
                                    "2024-05-01T12:00:00Z, not '%2'")
                         .arg(name, text);
            return std::nullopt;
        }
        *bound = *t;
    }
    f.text = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    return f;
}

// The same filter over records in memory, for a server without a history.
bool matches(const JobRecord &job, const QList<int> &statuses, const HistoryFilter &f)
{
    if (!statuses.isEmpty() && !statuses.contains(statusId(job)))
        return false;
    if (!f.language.isEmpty() && job.request.submission.languageId != f.language)
        return false;
    if (f.createdFrom.isValid() && job.createdAt < f.createdFrom)
        return false;
    if (f.createdBefore.isValid() && job.createdAt >= f.createdBefore)
        return false;
    if (f.text.isEmpty())
        return true;
    QStringList haystack = {QString::fromLatin1(job.token), job.request.submission.origin,
                            job.result.message};
    for (const TestOutcome &t : job.result.tests)
        haystack << t.run.message << t.check.message;
    for (const QString &s : haystack) {
        if (s.contains(f.text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

Judge0Controller::Judge0Controller(Engine &engine)
    : m_engine(engine)
    , m_callbacks(WebhookSender::Options{judge0::kCallbackTries, judge0::kCallbackRetryMs,
                                         judge0::kCallbackTimeoutSec * 1000})
{
    m_waiters.setMaxThreadCount(64);
    // Jobs end on the queue's threads; the callback goes out from this one.
    if (JobQueue *jobs = m_engine.jobs())
        QObject::connect(jobs, &JobQueue::jobFinished, &m_callbacks,
                         [this](const QByteArray &token) { sendCallback(token); });
}

void Judge0Controller::sendCallback(const QByteArray &token)
{
    JobQueue *jobs = m_engine.jobs();
    if (!jobs)
        return;
    // Every finished job passes here: its labels first, the whole record
    // only for a callback this process owes.
    const QVariantHash labels = jobs->labels(token);
    if (!labels.contains(kCallbackLabel) || !WebhookSender::claimedHere(labels))
        return;
    const std::optional<JobRecord> job = jobs->find(token);
    if (!job)
        return;
    // Judge0's default fields, in base64 when the submission was.
    QUrlQuery query;
    if (job->labels.value(kCallbackBase64Label).toBool())
        query.addQueryItem(QStringLiteral("base64_encoded"), QStringLiteral("true"));
    QString unused;
    const std::optional<QJsonObject> body = result(*job, query, &unused);
    m_callbacks.send(QByteArrayLiteral("PUT"), QUrl(job->labels.value(kCallbackLabel).toString()),
                     QJsonDocument(*body).toJson(QJsonDocument::Compact));
}

Judge0Controller::~Judge0Controller()
{
    m_waiters.waitForDone();
}

QHttpServerResponse Judge0Controller::statuses() const
{
    QJsonArray list;
    for (const Judge0Status &s : kStatuses)
        list.append(statusObject(s.id));
    return QHttpServerResponse(list);
}

QHttpServerResponse Judge0Controller::languages() const
{
    QJsonArray list;
    const LanguageCatalogue &catalogue = m_engine.languages();
    for (const Language &l : catalogue.languages()) {
        const LanguageStatus st = catalogue.status(l.id);
        if (!st.available)
            continue;
        const QString name =
            st.version.isEmpty() ? l.name : QStringLiteral("%1 %2").arg(l.name, st.version);
        for (int id : l.judge0Ids)
            list.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}});
    }
    return QHttpServerResponse(list);
}

QHttpServerResponse Judge0Controller::allLanguages() const
{
    QJsonArray list;
    const LanguageCatalogue &catalogue = m_engine.languages();
    for (const Language &l : catalogue.languages()) {
        for (int id : l.judge0Ids)
            list.append(
                QJsonObject{{QStringLiteral("id"), id},
                            {QStringLiteral("name"), l.name},
                            {QStringLiteral("is_archived"), !catalogue.status(l.id).available}});
    }
    return QHttpServerResponse(list);
}

QHttpServerResponse Judge0Controller::configInfo() const
{
    JobQueue *jobs = m_engine.jobs();
    return QHttpServerResponse(judge0::configInfo(jobs ? jobs->capacity() : 0));
}

QHttpServerResponse Judge0Controller::systemInfo() const
{
    return QHttpServerResponse(hostInfo());
}

QHttpServerResponse Judge0Controller::statistics() const
{
    JobQueue *jobs = m_engine.jobs();
    int total = 0;
    const QList<JobRecord> records =
        jobs ? jobs->page(0, std::numeric_limits<int>::max(), &total) : QList<JobRecord>();
    const QDate today = QDate::currentDate();
    int todayCount = 0;
    QMap<QString, int> lastDays;
    for (int d = 29; d >= 0; --d)
        lastDays.insert(today.addDays(-d).toString(Qt::ISODate), 0);
    QMap<int, int> byLanguage;
    QMap<int, int> byStatus;
    for (const JobRecord &job : records) {
        const QDate day = job.createdAt.toLocalTime().date();
        todayCount += day == today ? 1 : 0;
        const QString key = day.toString(Qt::ISODate);
        if (lastDays.contains(key))
            ++lastDays[key];
        ++byLanguage[job.labels.value(kLanguageLabel).toInt()];
        ++byStatus[statusId(job)];
    }
    QJsonObject days;
    for (auto it = lastDays.cbegin(); it != lastDays.cend(); ++it)
        days.insert(it.key(), it.value());
    QJsonArray languageCounts;
    for (auto it = byLanguage.cbegin(); it != byLanguage.cend(); ++it) {
        const Language *l = m_engine.languages().forJudge0Id(it.key());
        languageCounts.append(QJsonObject{
            {QStringLiteral("language"),
             QJsonObject{{QStringLiteral("id"), it.key()},
                         {QStringLiteral("name"), l ? QJsonValue(l->name) : QJsonValue()}}},
            {QStringLiteral("count"), it.value()}});
    }
    QJsonArray statusCounts;
    for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it) {
        statusCounts.append(
            QJsonObject{{QStringLiteral("status"),
                         QJsonObject{{QStringLiteral("id"), it.key()},
                                     {QStringLiteral("name"),
                                      QLatin1String(kStatuses[it.key() - 1].description)}}},
                        {QStringLiteral("count"), it.value()}});
    }
    return QHttpServerResponse(QJsonObject{
        {QStringLiteral("now"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("submissions"), QJsonObject{{QStringLiteral("total"), total},
                                                    {QStringLiteral("today"), todayCount},
                                                    {QStringLiteral("last_30_days"), days}}},
        {QStringLiteral("languages"), languageCounts},
        {QStringLiteral("statuses"), statusCounts},
    });
}

QHttpServerResponse Judge0Controller::language(int id) const
{
    const Language *l = m_engine.languages().forJudge0Id(id);
    if (!l)
        return QHttpServerResponse(errorBody(QStringLiteral("language %1 not found").arg(id)),
                                   Status::NotFound);
    return QHttpServerResponse(QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), l->name},
        {QStringLiteral("is_archived"), false},
        {QStringLiteral("source_file"), l->sourceName},
        {QStringLiteral("compile_cmd"), l->compile.isEmpty()
                                            ? QJsonValue(QJsonValue::Null)
                                            : QJsonValue(l->compile.join(QLatin1Char(' ')))},
        {QStringLiteral("run_cmd"), l->run.join(QLatin1Char(' '))},
        {QStringLiteral("evalx_id"), l->id},
    });
}

QHttpServerResponse Judge0Controller::about() const
{
    return QHttpServerResponse(QJsonObject{
        {QStringLiteral("version"), QStringLiteral(EVALX_VERSION)},
        {QStringLiteral("homepage"), QStringLiteral("https://github.com/evalx/evalx")},
        {QStringLiteral("source_code"), QStringLiteral("https://github.com/evalx/evalx")},
        {QStringLiteral("maintainer"), QStringLiteral("EvalX")},
    });
}

std::optional<Judge0Controller::Parsed> Judge0Controller::parse(const QJsonObject &in, bool base64,
                                                                QJsonObject *errorsOut) const
{
    QJsonObject errors;
    auto fail = [&errors](const QString &field, const QString &message) {
        QJsonArray list = errors.value(field).toArray();
        list.append(message);
        errors.insert(field, list);
    };
    auto present = [&in](const QString &name) {
        const QJsonValue v = in.value(name);
        return !v.isUndefined() && !v.isNull();
    };
    auto decode = [&](const QString &name, const QString &value) -> QByteArray {
        const auto decoded = QByteArray::fromBase64Encoding(
            value.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || (!value.isEmpty() && decoded.decoded.isEmpty())) {
            fail(name, QStringLiteral("is not valid base64"));
            return {};
        }
        return *decoded;
    };
    auto string = [&](const QString &name) -> QString {
        if (!present(name))
            return {};
        const QJsonValue v = in.value(name);
        if (!v.isString()) {
            fail(name, QStringLiteral("must be a string"));
            return {};
        }
        return v.toString();
    };
    auto textField = [&](const QString &name) -> QByteArray {
        const QString v = string(name);
        return base64 ? decode(name, v) : v.toUtf8();
    };
    auto boolean = [&](const QString &name) {
        if (!present(name))
            return false;
        if (!in.value(name).isBool()) {
            fail(name, QStringLiteral("must be true or false"));
            return false;
        }
        return in.value(name).toBool();
    };
    // A number of seconds, kilobytes or times within Judge0's bounds, or its default.
    auto number = [&](const judge0::Limit &limit) {
        const QString name(limit.field);
        if (!present(name))
            return limit.fallback;
        const QJsonValue v = in.value(name);
        if (!v.isDouble()) {
            fail(name, QStringLiteral("must be a number"));
            return limit.fallback;
        }
        const double d = v.toDouble();
        if (limit.integer && d != std::floor(d))
            fail(name, QStringLiteral("must be an integer"));
        else if (d < limit.min)
            fail(name, QStringLiteral("must be greater than or equal to %1").arg(limit.min));
        else if (d > limit.max)
            fail(name, QStringLiteral("must be less than or equal to %1").arg(limit.max));
        return d;
    };
    auto words = [&](const QString &name) {
        const QString text = string(name);
        if (text.size() > judge0::kMaxOptionChars) {
            fail(name, QStringLiteral("is too long (maximum is %1 characters)")
                           .arg(judge0::kMaxOptionChars));
            return QStringList();
        }
        std::optional<QStringList> split = shellWords(text);
        if (!split)
            fail(name, QStringLiteral("has a quote that is not closed"));
        return split.value_or(QStringList());
    };

    const Language *language = nullptr;
    int languageId = 0;
    const QJsonValue lid = in.value(QLatin1String("language_id"));
    if (lid.isUndefined() || lid.isNull()) {
        fail(QStringLiteral("language_id"), QStringLiteral("can't be blank"));
    } else if (!lid.isDouble() || lid.toDouble() != std::floor(lid.toDouble())) {
        fail(QStringLiteral("language_id"), QStringLiteral("must be an integer"));
    } else {
        languageId = lid.toInt();
        language = m_engine.languages().forJudge0Id(languageId);
        if (!language || !m_engine.languages().status(language->id).available)
            fail(QStringLiteral("language_id"),
                 QStringLiteral("language with id %1 doesn't exist").arg(languageId));
    }
    const bool multiFile = languageId == judge0::kMultiFileLanguage;
    // A multi-file program is its additional files alone.
    const QByteArray source = multiFile ? QByteArray() : textField(QStringLiteral("source_code"));
    if (!multiFile && !in.contains(QLatin1String("source_code")))
        fail(QStringLiteral("source_code"), QStringLiteral("can't be blank"));
    const QByteArray stdinData = textField(QStringLiteral("stdin"));
    const bool hasExpected = present(QStringLiteral("expected_output"));
    const QByteArray expected = textField(QStringLiteral("expected_output"));
    const double cpu = number(judge0::kCpuTimeLimit);
    const double cpuExtra = number(judge0::kCpuExtraTime);
    const double wall = number(judge0::kWallTimeLimit);
    const double memory = number(judge0::kMemoryLimit);
    const double stack = number(judge0::kStackLimit);
    const double processes = number(judge0::kMaxProcesses);
    const double fileSize = number(judge0::kMaxFileSize);
    const int runs = int(number(judge0::kNumberOfRuns));
    const QStringList arguments = words(QStringLiteral("command_line_arguments"));
    const QStringList compilerOptions = words(QStringLiteral("compiler_options"));
    if (!compilerOptions.isEmpty() && language && !language->acceptsCompilerOptions())
        fail(QStringLiteral("compiler_options"),
             QStringLiteral("setting compiler options is only allowed for compiled languages"));
    const bool mergeStderr = boolean(QStringLiteral("redirect_stderr_to_stdout"));
    if (boolean(QStringLiteral("enable_network")))
        fail(QStringLiteral("enable_network"),
             QStringLiteral("enabling network is not allowed: EvalX's boxes have no network"));
    for (const QString &name : {QStringLiteral("enable_per_process_and_thread_time_limit"),
                                QStringLiteral("enable_per_process_and_thread_memory_limit")}) {
        if (boolean(name))
            fail(name, QStringLiteral("is not allowed: the limits cover all the processes and "
                                      "threads of a run together"));
    }
    const QString callback = string(QStringLiteral("callback_url"));
    QString why;
    if (!callback.isEmpty() && !WebhookSender::acceptable(QUrl(callback), &why))
        fail(QStringLiteral("callback_url"), why);

    QList<BoxFile> additional;
    const QString filesField = QStringLiteral("additional_files");
    // Binary whatever base64_encoded says: Judge0 always takes it in base64.
    const QString zip = string(filesField);
    if (!zip.isEmpty()) {
        const QByteArray bytes = decode(filesField, zip);
        if (!bytes.isEmpty()) {
            const ZipBounds bounds{qint64(judge0::kMaxExtractKib) * 1024, judge0::kMaxExtractFiles};
            if (auto files = unpackZip(bytes, bounds, &why))
                additional = std::move(*files);
            else
                fail(filesField, why);
        }
    }
    if (language && errors.isEmpty()) {
        auto holds = [&additional](const QString &name) {
            return std::any_of(additional.cbegin(), additional.cend(),
                               [&name](const BoxFile &f) { return f.path == name; });
        };
        if (multiFile && !holds(language->sourceName))
            fail(filesField, QStringLiteral("must hold a '%1' script (and optionally a "
                                            "'compile' script) for a multi-file program")
                                 .arg(language->sourceName));
        else if (!multiFile && holds(language->sourceName))
            fail(filesField, QStringLiteral("holds '%1', the name of the source file")
                                 .arg(language->sourceName));
    }
    if (!errors.isEmpty()) {
        *errorsOut = errors;
        return std::nullopt;
    }

    BatchRequest batch;
    if (multiFile) {
        batch.submission.languageId = language->id;
        batch.submission.mainFile = language->sourceName;
    } else {
        batch.submission = Submission::fromSource(*language, source);
        // Beside the source for the compile, and in the run's directory.
        batch.workFiles = additional;
    }
    for (const BoxFile &f : std::as_const(additional))
        batch.submission.files << SourceFile{f.path, f.data};
    batch.submission.compilerOptions = compilerOptions;
    batch.submission.origin = QStringLiteral("judge0");
    // The runs are tests of one batch: one compile, run in turn, stopping at
    // the first that is not accepted.
    TestData test;
    test.input = stdinData;
    test.answer = expected;
    test.hasAnswer = hasExpected;
    test.arguments = arguments;
    for (int i = 1; i <= runs; ++i) {
        test.name = QString::number(i);
        batch.tests << test;
    }
    batch.parallel = 1;
    batch.stopOnFirstFailure = true;
    batch.checker.compare.mode = Comparison::Lines;
    batch.mergeStderr = mergeStderr;
    RunLimits &l = batch.limits;
    l.cpuMs = quint64(cpu * 1000 + 0.5);
    l.cpuExtraMs = quint64(cpuExtra * 1000 + 0.5);
    l.wallMs = quint64(wall * 1000 + 0.5);
    l.memoryKib = quint64(memory);
    l.stackKib = quint64(stack);
    l.processes = quint32(processes);
    l.fileSizeKib = quint64(fileSize);
    l.outputKib = std::max<quint64>(l.fileSizeKib, 1024);

    QVariantHash labels{{kLanguageLabel, languageId}};
    if (!callback.isEmpty()) {
        labels.insert(kCallbackLabel, callback);
        labels.insert(kCallbackBase64Label, base64);
        WebhookSender::claim(&labels);
    }
    return Parsed{std::move(batch), std::move(labels)};
}

QFuture<QHttpServerResponse> Judge0Controller::create(const QHttpServerRequest &request)
{
    const QUrlQuery query(request.url());
    const bool base64 = flag(query, QStringLiteral("base64_encoded"));
    const bool wait = flag(query, QStringLiteral("wait"));

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
    if (!doc.isObject())
        return readyResponse(QHttpServerResponse(
            errorBody(
                QStringLiteral("the body is not a JSON object: %1").arg(parseError.errorString())),
            Status::BadRequest));
    const QJsonObject in = doc.object();
    QJsonObject errors;
    std::optional<Parsed> parsed = parse(in, base64, &errors);
    if (!parsed)
        return readyResponse(QHttpServerResponse(errors, Status::UnprocessableEntity));
    JobQueue *jobs = m_engine.jobs();
    auto submit = [jobs, parsed = *parsed]() -> Submitted {
        QString error;
        const std::optional<QByteArray> token =
            jobs ? jobs->submit(parsed.batch, &error, {parsed.labels}) : std::nullopt;
        if (!token)
            return QHttpServerResponse(
                errorBody(jobs ? error : QStringLiteral("the engine is not running")),
                Status::ServiceUnavailable);
        return QList<QByteArray>{*token};
    };
    if (!wait)
        return submitThenAnswer(jobs, &m_waiters, false, submit, [](const QList<QByteArray> &t) {
            return QHttpServerResponse(
                QJsonObject{{QStringLiteral("token"), QString::fromLatin1(t.first())}},
                Status::Created);
        });
    return submitThenAnswer(
        jobs, &m_waiters, true, submit, [this, jobs, query](const QList<QByteArray> &t) {
            const std::optional<JobRecord> job = jobs->waitFor(t.first(), kWaitTimeoutMs);
            if (!job) // dropped by a shutdown before it ran
                return QHttpServerResponse(errorBody(QStringLiteral("the server stopped before "
                                                                    "running submission %1")
                                                         .arg(QString::fromLatin1(t.first()))),
                                           Status::ServiceUnavailable);
            return render(*job, query, Status::Created);
        });
}

QFuture<QHttpServerResponse> Judge0Controller::createBatch(const QHttpServerRequest &request)
{
    constexpr int kMaxBatch = judge0::kMaxBatchSize;
    const bool base64 = flag(QUrlQuery(request.url()), QStringLiteral("base64_encoded"));
    const QJsonDocument doc = QJsonDocument::fromJson(request.body());
    const QJsonValue list = doc.object().value(QLatin1String("submissions"));
    if (!doc.isObject() || !list.isArray())
        return readyResponse(QHttpServerResponse(
            errorBody(QStringLiteral("the body must be {\"submissions\": [...]}")),
            Status::BadRequest));
    const QJsonArray items = list.toArray();
    if (items.isEmpty() || items.size() > kMaxBatch)
        return readyResponse(QHttpServerResponse(
            QJsonObject{{QStringLiteral("submissions"),
                         QJsonArray{QStringLiteral("number of submissions in a batch should be "
                                                   "between 1 and %1")
                                        .arg(kMaxBatch)}}},
            Status::UnprocessableEntity));
    // Validated first, all of them: a full queue takes none rather than some.
    QList<std::optional<Parsed>> parsed;
    QJsonArray answers;
    int valid = 0;
    for (const QJsonValue &item : items) {
        QJsonObject errors;
        parsed << (item.isObject() ? parse(item.toObject(), base64, &errors) : std::nullopt);
        if (!item.isObject())
            errors.insert(QStringLiteral("submission"),
                          QJsonArray{QStringLiteral("must be an object")});
        answers.append(errors);
        valid += parsed.last() ? 1 : 0;
    }
    if (valid == 0)
        return readyResponse(QHttpServerResponse(answers, Status::UnprocessableEntity));
    JobQueue *jobs = m_engine.jobs();
    return answerNearQueue(jobs, &m_waiters, [jobs, parsed, answers, valid]() mutable {
        if (!jobs || jobs->waiting() + valid > jobs->capacity())
            return QHttpServerResponse(errorBody(QStringLiteral("queue is full")),
                                       Status::ServiceUnavailable);
        for (int i = 0; i < parsed.size(); ++i) {
            if (!parsed[i])
                continue;
            QString error;
            const std::optional<QByteArray> token =
                jobs->submit(std::move(parsed[i]->batch), &error, {parsed[i]->labels});
            if (!token) {
                answers[i] = errorBody(error);
                continue;
            }
            answers[i] = QJsonObject{{QStringLiteral("token"), QString::fromLatin1(*token)}};
        }
        return QHttpServerResponse(answers, Status::Created);
    });
}

QHttpServerResponse Judge0Controller::showBatch(const QHttpServerRequest &request) const
{
    const QUrlQuery query(request.url());
    const QStringList tokens =
        query.queryItemValue(QStringLiteral("tokens")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (tokens.isEmpty())
        return QHttpServerResponse(errorBody(QStringLiteral("tokens are missing")),
                                   Status::BadRequest);
    QJsonArray results;
    QString badField;
    for (const QString &token : tokens) {
        const std::optional<JobRecord> job = m_engine.findJob(token.trimmed().toLatin1());
        if (!job) {
            results.append(QJsonValue::Null);
            continue;
        }
        const std::optional<QJsonObject> one = result(*job, query, &badField);
        if (!one)
            return invalidField(badField);
        results.append(*one);
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("submissions"), results}});
}

QHttpServerResponse Judge0Controller::index(const QHttpServerRequest &request) const
{
    const QUrlQuery query(request.url());
    bool okPage = true, okPer = true;
    const QString pageText = query.queryItemValue(QStringLiteral("page"));
    const QString perText = query.queryItemValue(QStringLiteral("per_page"));
    const int page = pageText.isEmpty() ? 1 : pageText.toInt(&okPage);
    const int perPage = perText.isEmpty() ? 20 : perText.toInt(&okPer);
    if (!okPage || !okPer || page < 1 || perPage < 1 || perPage > 1000)
        return QHttpServerResponse(
            errorBody(QStringLiteral("page must be 1 or more, per_page from 1 to 1000")),
            Status::BadRequest);
    QList<int> statuses;
    QString why;
    const std::optional<HistoryFilter> filter =
        listFilter(query, m_engine.languages(), &statuses, &why);
    if (!filter)
        return QHttpServerResponse(errorBody(why), Status::BadRequest);
    const bool filtered = !statuses.isEmpty() || !filter->language.isEmpty() ||
                          filter->createdFrom.isValid() || filter->createdBefore.isValid() ||
                          !filter->text.isEmpty();
    JobQueue *jobs = m_engine.jobs();
    const int offset = (page - 1) * perPage;
    int total = 0;
    QList<JobRecord> records;
    if (HistoryStore *history = m_engine.history()) {
        records = history->query(*filter, offset, perPage, &total);
        // The history keeps a job as it was submitted until it ends: the
        // queue knows how it is doing now.
        for (JobRecord &job : records) {
            if (job.state == JobState::Done || !jobs)
                continue;
            if (std::optional<JobRecord> live = jobs->find(job.token))
                job = std::move(*live);
        }
    } else if (jobs && !filtered) {
        records = jobs->page(offset, perPage, &total);
    } else if (jobs) {
        for (const JobRecord &job : jobs->page(0, std::numeric_limits<int>::max(), &total)) {
            if (matches(job, statuses, *filter))
                records << job;
        }
        total = int(records.size());
        records = records.mid(offset, perPage);
    }
    QJsonArray list;
    QString badField;
    for (const JobRecord &job : records) {
        const std::optional<QJsonObject> one = result(job, query, &badField);
        if (!one)
            return invalidField(badField);
        list.append(*one);
    }
    const int pages = (total + perPage - 1) / perPage;
    auto pageOrNull = [](bool exists, int n) {
        return exists ? QJsonValue(n) : QJsonValue(QJsonValue::Null);
    };
    return QHttpServerResponse(QJsonObject{
        {QStringLiteral("submissions"), list},
        {QStringLiteral("meta"),
         QJsonObject{{QStringLiteral("current_page"), page},
                     {QStringLiteral("next_page"), pageOrNull(page < pages, page + 1)},
                     {QStringLiteral("prev_page"), pageOrNull(page > 1, page - 1)},
                     {QStringLiteral("total_pages"), pages},
                     {QStringLiteral("total_count"), total}}},
    });
}

QHttpServerResponse Judge0Controller::destroy(const QString &token,
                                              const QHttpServerRequest &request)
{
    const std::optional<JobRecord> job = m_engine.findJob(token.toLatin1());
    if (!job)
        return QHttpServerResponse(errorBody(QStringLiteral("submission %1 not found").arg(token)),
                                   Status::NotFound);
    QHttpServerResponse answer = render(*job, QUrlQuery(request.url()), Status::Ok);
    QString error;
    if (!m_engine.removeJob(token.toLatin1(), &error))
        return QHttpServerResponse(errorBody(error), Status::BadRequest);
    return answer;
}

QHttpServerResponse Judge0Controller::version() const
{
    return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral(EVALX_VERSION));
}

QHttpServerResponse Judge0Controller::workers() const
{
    JobQueue *jobs = m_engine.jobs();
    const int working = jobs ? jobs->running() : 0;
    const int available = jobs ? jobs->workers() : 0;
    return QHttpServerResponse(QJsonArray{QJsonObject{
        {QStringLiteral("queue"), QStringLiteral("default")},
        {QStringLiteral("size"), jobs ? jobs->waiting() : 0},
        {QStringLiteral("available"), available},
        {QStringLiteral("idle"), available - working},
        {QStringLiteral("working"), working},
        {QStringLiteral("paused"), 0},
        {QStringLiteral("failed"), 0},
    }});
}

QHttpServerResponse Judge0Controller::show(const QString &token,
                                           const QHttpServerRequest &request) const
{
    JobQueue *jobs = m_engine.jobs();
    const std::optional<JobRecord> job = m_engine.findJob(token.toLatin1());
    if (!job) {
        const auto [error, message] = missingJob(jobs, token);
        return errorResponse(error, message);
    }
    return render(*job, QUrlQuery(request.url()), Status::Ok);
}

QHttpServerResponse Judge0Controller::render(const JobRecord &job, const QUrlQuery &query,
                                             QHttpServerResponse::StatusCode code) const
{
    QString badField;
    const std::optional<QJsonObject> out = result(job, query, &badField);
    if (!out)
        return invalidField(badField);
    return QHttpServerResponse(*out, code);
}

std::optional<QJsonObject> Judge0Controller::result(const JobRecord &job, const QUrlQuery &query,
                                                    QString *badField) const
{
    const bool base64 = flag(query, QStringLiteral("base64_encoded"));
    const bool done = job.state == JobState::Done;
    const Runs runs = done ? runsOf(job.result) : Runs{};
    const TestOutcome *t = runs.reported;
    const bool ran = t && t->verdict != Verdict::CE && t->verdict != Verdict::Skipped;
    const int languageId = job.labels.value(kLanguageLabel).toInt();
    QString message;
    if (done)
        message = job.result.message.isEmpty() && t
                      ? (t->check.message.isEmpty() ? t->run.message : t->check.message)
                      : job.result.message;
    QJsonObject all{
        {QStringLiteral("token"), QString::fromLatin1(job.token)},
        {QStringLiteral("status"), statusObject(statusId(job))},
        {QStringLiteral("stdout"),
         ran ? text(t->run.stdoutData, base64) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("stderr"),
         ran ? text(t->run.stderrData, base64) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("compile_output"), text(job.result.compileOutput.toUtf8(), base64)},
        {QStringLiteral("message"), text(message.toUtf8(), base64)},
        {QStringLiteral("time"),
         ran ? QJsonValue(QString::number(runs.cpuSeconds, 'f', 3)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("wall_time"), ran ? QJsonValue(QString::number(runs.wallSeconds, 'f', 3))
                                          : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("memory"),
         ran ? QJsonValue(qint64(runs.memoryKib)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("exit_code"),
         ran && t->run.signal == 0 ? QJsonValue(t->run.exitCode) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("exit_signal"),
         ran && t->run.signal ? QJsonValue(t->run.signal) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("created_at"), job.createdAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("finished_at"), done
                                            ? QJsonValue(job.finishedAt.toString(Qt::ISODateWithMs))
                                            : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("language_id"), languageId},
        {QStringLiteral("evalx_runs"), ran ? QJsonValue(runs.made) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("evalx_verdict"),
         done ? QJsonValue(verdictName(t ? t->verdict : job.result.verdict))
              : QJsonValue(QJsonValue::Null)},
    };
    const QString fieldsParam = query.queryItemValue(QStringLiteral("fields"));
    QStringList fields = defaultFields();
    if (fieldsParam == QLatin1String("*"))
        fields = all.keys();
    else if (!fieldsParam.isEmpty())
        fields = fieldsParam.split(QLatin1Char(','), Qt::SkipEmptyParts);
    QJsonObject out;
    for (const QString &f : std::as_const(fields)) {
        const QString name = f.trimmed();
        if (!all.contains(name)) {
            *badField = name;
            return std::nullopt;
        }
        out.insert(name, all.value(name));
    }
    return out;
}

} // namespace evalx
