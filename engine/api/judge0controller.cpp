#include "judge0controller.h"
#include "engine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <csignal>

namespace evalx {

namespace {

using Status = QHttpServerResponse::StatusCode;

constexpr int kWaitTimeoutMs = 5 * 60 * 1000;

// The Judge0 language id a job was sent with, kept with the job.
const QString kLanguageLabel = QStringLiteral("judge0_language_id");

QVariantHash languageLabel(int id)
{
    return {{kLanguageLabel, id}};
}

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
    if (b.tests.isEmpty())
        return 13;
    const TestOutcome &t = b.tests.first();
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

} // namespace

Judge0Controller::Judge0Controller(Engine &engine)
    : m_engine(engine)
{
    m_waiters.setMaxThreadCount(64);
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
    auto textField = [&](const QString &name) -> QByteArray {
        const QJsonValue v = in.value(name);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString()) {
            fail(name, QStringLiteral("must be a string"));
            return {};
        }
        if (!base64)
            return v.toString().toUtf8();
        const auto decoded = QByteArray::fromBase64Encoding(
            v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            fail(name, QStringLiteral("is not valid base64"));
            return {};
        }
        return *decoded;
    };
    // A number of seconds or kilobytes within Judge0's bounds, or its default.
    auto number = [&](const QString &name, double fallback, double min, double max) {
        const QJsonValue v = in.value(name);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isDouble()) {
            fail(name, QStringLiteral("must be a number"));
            return fallback;
        }
        const double d = v.toDouble();
        if (d < min)
            fail(name, QStringLiteral("must be greater than or equal to %1").arg(min));
        else if (d > max)
            fail(name, QStringLiteral("must be less than or equal to %1").arg(max));
        return d;
    };

    const QByteArray source = textField(QStringLiteral("source_code"));
    if (!in.contains(QLatin1String("source_code")))
        fail(QStringLiteral("source_code"), QStringLiteral("can't be blank"));
    const QByteArray stdinData = textField(QStringLiteral("stdin"));
    const bool hasExpected = in.contains(QLatin1String("expected_output")) &&
                             !in.value(QLatin1String("expected_output")).isNull();
    const QByteArray expected = textField(QStringLiteral("expected_output"));
    const Language *language = nullptr;
    int languageId = 0;
    const QJsonValue lid = in.value(QLatin1String("language_id"));
    if (lid.isUndefined() || lid.isNull()) {
        fail(QStringLiteral("language_id"), QStringLiteral("can't be blank"));
    } else if (!lid.isDouble()) {
        fail(QStringLiteral("language_id"), QStringLiteral("must be an integer"));
    } else {
        languageId = lid.toInt();
        language = m_engine.languages().forJudge0Id(languageId);
        if (!language || !m_engine.languages().status(language->id).available)
            fail(QStringLiteral("language_id"),
                 QStringLiteral("language with id %1 doesn't exist").arg(languageId));
    }
    const double cpu = number(QStringLiteral("cpu_time_limit"), 5, 0, 15);
    number(QStringLiteral("cpu_extra_time"), 1, 0, 5);
    const double wall = number(QStringLiteral("wall_time_limit"), 10, 1, 20);
    const double memory = number(QStringLiteral("memory_limit"), 128000, 2048, 512000);
    const double stack = number(QStringLiteral("stack_limit"), 64000, 0, 128000);
    const double processes = number(QStringLiteral("max_processes_and_or_threads"), 60, 1, 120);
    const double fileSize = number(QStringLiteral("max_file_size"), 1024, 0, 4096);
    const QString arguments = in.value(QLatin1String("command_line_arguments")).toString();
    if (arguments.size() > 512)
        fail(QStringLiteral("command_line_arguments"),
             QStringLiteral("is too long (maximum is 512 characters)"));
    if (!errors.isEmpty()) {
        *errorsOut = errors;
        return std::nullopt;
    }

    BatchRequest batch;
    batch.submission = Submission::fromSource(*language, source);
    TestData test;
    test.name = QStringLiteral("1");
    test.input = stdinData;
    test.answer = expected;
    test.hasAnswer = hasExpected;
    test.arguments = QProcess::splitCommand(arguments);
    batch.tests << test;
    batch.checker.compare.mode = Comparison::Lines;
    batch.mergeStderr = in.value(QLatin1String("redirect_stderr_to_stdout")).toBool();
    RunLimits &l = batch.limits;
    l.cpuMs = quint64(cpu * 1000 + 0.5);
    l.wallMs = quint64(wall * 1000 + 0.5);
    l.memoryKib = quint64(memory);
    l.stackKib = quint64(stack);
    l.processes = quint32(processes);
    l.fileSizeKib = quint64(fileSize);
    l.outputKib = std::max<quint64>(l.fileSizeKib, 1024);

    return Parsed{std::move(batch), languageId};
}

QFuture<QHttpServerResponse> Judge0Controller::create(const QHttpServerRequest &request)
{
    const QUrlQuery query(request.url());
    const bool base64 = flag(query, QStringLiteral("base64_encoded"));
    const bool wait = flag(query, QStringLiteral("wait"));
    auto ready = [](QHttpServerResponse response) {
        return QtConcurrent::run([r = std::make_shared<QHttpServerResponse>(
                                      std::move(response))]() mutable { return std::move(*r); });
    };

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
    if (!doc.isObject())
        return ready(QHttpServerResponse(
            errorBody(
                QStringLiteral("the body is not a JSON object: %1").arg(parseError.errorString())),
            Status::BadRequest));
    const QJsonObject in = doc.object();
    QJsonObject errors;
    std::optional<Parsed> parsed = parse(in, base64, &errors);
    if (!parsed)
        return ready(QHttpServerResponse(errors, Status::UnprocessableEntity));
    JobQueue *jobs = m_engine.jobs();
    QString error;
    const std::optional<QByteArray> token =
        jobs ? jobs->submit(std::move(parsed->batch), &error, {languageLabel(parsed->languageId)})
             : std::nullopt;
    if (!token)
        return ready(QHttpServerResponse(
            errorBody(jobs ? error : QStringLiteral("the engine is not running")),
            Status::ServiceUnavailable));
    if (!wait)
        return ready(QHttpServerResponse(
            QJsonObject{{QStringLiteral("token"), QString::fromLatin1(*token)}}, Status::Created));
    return QtConcurrent::run(&m_waiters, [this, jobs, token = *token, query] {
        const std::optional<JobRecord> job = jobs->waitFor(token, kWaitTimeoutMs);
        if (!job) // dropped by a shutdown before it ran
            return QHttpServerResponse(errorBody(QStringLiteral("the server stopped before "
                                                                "running submission %1")
                                                     .arg(QString::fromLatin1(token))),
                                       Status::ServiceUnavailable);
        return render(*job, query, Status::Created);
    });
}

QHttpServerResponse Judge0Controller::createBatch(const QHttpServerRequest &request)
{
    constexpr int kMaxBatch = 20;
    const bool base64 = flag(QUrlQuery(request.url()), QStringLiteral("base64_encoded"));
    const QJsonDocument doc = QJsonDocument::fromJson(request.body());
    const QJsonValue list = doc.object().value(QLatin1String("submissions"));
    if (!doc.isObject() || !list.isArray())
        return QHttpServerResponse(
            errorBody(QStringLiteral("the body must be {\"submissions\": [...]}")),
            Status::BadRequest);
    const QJsonArray items = list.toArray();
    if (items.isEmpty() || items.size() > kMaxBatch)
        return QHttpServerResponse(
            QJsonObject{{QStringLiteral("submissions"),
                         QJsonArray{QStringLiteral("number of submissions in a batch should be "
                                                   "between 1 and %1")
                                        .arg(kMaxBatch)}}},
            Status::UnprocessableEntity);
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
        return QHttpServerResponse(answers, Status::UnprocessableEntity);
    JobQueue *jobs = m_engine.jobs();
    if (!jobs || jobs->waiting() + valid > jobs->capacity())
        return QHttpServerResponse(errorBody(QStringLiteral("queue is full")),
                                   Status::ServiceUnavailable);
    for (int i = 0; i < parsed.size(); ++i) {
        if (!parsed[i])
            continue;
        QString error;
        const std::optional<QByteArray> token =
            jobs->submit(std::move(parsed[i]->batch), &error,
                        {languageLabel(parsed[i]->languageId)});
        if (!token) {
            answers[i] = errorBody(error);
            continue;
        }
        answers[i] = QJsonObject{{QStringLiteral("token"), QString::fromLatin1(*token)}};
    }
    return QHttpServerResponse(answers, Status::Created);
}

QHttpServerResponse Judge0Controller::showBatch(const QHttpServerRequest &request) const
{
    const QUrlQuery query(request.url());
    const QStringList tokens =
        query.queryItemValue(QStringLiteral("tokens")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (tokens.isEmpty())
        return QHttpServerResponse(errorBody(QStringLiteral("tokens are missing")),
                                   Status::BadRequest);
    JobQueue *jobs = m_engine.jobs();
    QJsonArray results;
    QString badField;
    for (const QString &token : tokens) {
        const std::optional<JobRecord> job =
            jobs ? jobs->find(token.trimmed().toLatin1()) : std::nullopt;
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
    JobQueue *jobs = m_engine.jobs();
    int total = 0;
    const QList<JobRecord> records =
        jobs ? jobs->page((page - 1) * perPage, perPage, &total) : QList<JobRecord>();
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
    JobQueue *jobs = m_engine.jobs();
    const std::optional<JobRecord> job = jobs ? jobs->find(token.toLatin1()) : std::nullopt;
    if (!job)
        return QHttpServerResponse(errorBody(QStringLiteral("submission %1 not found").arg(token)),
                                   Status::NotFound);
    QHttpServerResponse answer = render(*job, QUrlQuery(request.url()), Status::Ok);
    QString error;
    if (!jobs->remove(token.toLatin1(), &error))
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
    const std::optional<JobRecord> job = jobs ? jobs->find(token.toLatin1()) : std::nullopt;
    if (!job)
        return QHttpServerResponse(errorBody(QStringLiteral("submission %1 not found").arg(token)),
                                   Status::NotFound);
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
    const TestOutcome *t =
        done && !job.result.tests.isEmpty() ? &job.result.tests.first() : nullptr;
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
        {QStringLiteral("time"), ran ? QJsonValue(QString::number(t->run.cpuSeconds, 'f', 3))
                                     : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("wall_time"), ran ? QJsonValue(QString::number(t->run.wallSeconds, 'f', 3))
                                          : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("memory"),
         ran ? QJsonValue(qint64(t->run.memoryKib)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("exit_code"),
         ran && t->run.signal == 0 ? QJsonValue(t->run.exitCode) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("exit_signal"),
         ran && t->run.signal ? QJsonValue(t->run.signal) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("created_at"), job.createdAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("finished_at"), done
                                            ? QJsonValue(job.finishedAt.toString(Qt::ISODateWithMs))
                                            : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("language_id"), languageId},
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
