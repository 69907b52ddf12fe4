#include "nativecontroller.h"
#include "apierror.h"
#include "deferredresponse.h"
#include "engine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace evalx {

namespace {

using Status = QHttpServerResponse::StatusCode;

// The webhook URL a job was submitted with, kept with the job.
const QString kWebhookLabel = QStringLiteral("native_webhook");

// A failure of /api/v1: what went wrong (its status is ApiError's, from
// statusOf()), the field at fault (empty: the request as a whole, null in the
// answer) and why.
struct NativeError
{
    ApiError kind = ApiError::Invalid;
    QString field;
    QString message;
};

QHttpServerResponse errorResponse(const NativeError &e)
{
    return evalx::errorResponse(
        e.kind,
        QJsonObject{{QStringLiteral("error"), e.message},
                    {QStringLiteral("field"),
                     e.field.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.field)}});
}

QString fieldPath(const QString &prefix, const QString &name)
{
    return prefix.isEmpty() ? name : prefix + QLatin1Char('.') + name;
}

QString itemPath(const QString &array, qsizetype i)
{
    return array + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

QString decimal(double d)
{
    return QString::number(d, 'g', 12);
}

// Reads the fields of one JSON object. The first error is kept and every
// read after it does nothing, so a parser reads on and checks once.
class Reader final
{
public:
    Reader(const QJsonObject &object, QString prefix, std::optional<NativeError> *error)
        : m_object(object)
        , m_prefix(std::move(prefix))
        , m_error(error)
    {}

    bool failed() const { return m_error->has_value(); }
    QString field(const QString &name) const { return fieldPath(m_prefix, name); }
    // A reader of a nested object (which must outlive it), sharing this one's error.
    Reader nested(const QJsonObject &object, const QString &path) const
    {
        return Reader(object, path, m_error);
    }

    void fail(ApiError kind, const QString &field, const QString &message)
    {
        if (!failed())
            *m_error = NativeError{kind, field, message};
    }

    bool has(const QString &name) const
    {
        const QJsonValue v = m_object.value(name);
        return !v.isUndefined() && !v.isNull();
    }

    // A field not in `known` is refused: a misspelt "limit" should not pass unseen.
    void only(const QStringList &known)
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!known.contains(it.key()))
                fail(ApiError::Invalid, field(it.key()),
                     QStringLiteral("unknown field (known: %1)")
                         .arg(known.join(QStringLiteral(", "))));
        }
    }

    std::optional<QJsonValue> present(const QString &name, bool required)
    {
        if (failed())
            return std::nullopt;
        if (!has(name)) {
            if (required)
                fail(ApiError::Invalid, field(name), QStringLiteral("is required"));
            return std::nullopt;
        }
        return m_object.value(name);
    }

    std::optional<QString> string(const QString &name, bool required = false)
    {
        const std::optional<QJsonValue> v = present(name, required);
        if (!v)
            return std::nullopt;
        if (!v->isString()) {
            fail(ApiError::Malformed, field(name), QStringLiteral("must be a string"));
            return std::nullopt;
        }
        return v->toString();
    }

    std::optional<bool> boolean(const QString &name)
    {
        const std::optional<QJsonValue> v = present(name, false);
        if (!v)
            return std::nullopt;
        if (!v->isBool()) {
            fail(ApiError::Malformed, field(name), QStringLiteral("must be true or false"));
            return std::nullopt;
        }
        return v->toBool();
    }

    // A number within [min, max]; an integer where asked.
    std::optional<double> number(const QString &name, double min, double max, bool integer)
    {
        const std::optional<QJsonValue> v = present(name, false);
        if (!v)
            return std::nullopt;
        if (!v->isDouble() || (integer && v->toDouble() != std::floor(v->toDouble()))) {
            fail(ApiError::Malformed, field(name),
                 integer ? QStringLiteral("must be an integer")
                         : QStringLiteral("must be a number"));
            return std::nullopt;
        }
        const double d = v->toDouble();
        if (d < min || d > max) {
            fail(ApiError::Invalid, field(name),
                 QStringLiteral("must be between %1 and %2").arg(decimal(min), decimal(max)));
            return std::nullopt;
        }
        return d;
    }

    std::optional<QJsonArray> array(const QString &name, bool required)
    {
        const std::optional<QJsonValue> v = present(name, required);
        if (!v)
            return std::nullopt;
        if (!v->isArray()) {
            fail(ApiError::Malformed, field(name), QStringLiteral("must be an array"));
            return std::nullopt;
        }
        return v->toArray();
    }

    std::optional<QJsonObject> object(const QString &name)
    {
        const std::optional<QJsonValue> v = present(name, false);
        if (!v)
            return std::nullopt;
        if (!v->isObject()) {
            fail(ApiError::Malformed, field(name), QStringLiteral("must be an object"));
            return std::nullopt;
        }
        return v->toObject();
    }

    // Command-line arguments: an array of strings.
    QStringList strings(const QString &name)
    {
        QStringList out;
        const std::optional<QJsonArray> list = array(name, false);
        for (qsizetype i = 0; list && i < list->size(); ++i) {
            if (!list->at(i).isString()) {
                fail(ApiError::Malformed, itemPath(field(name), i),
                     QStringLiteral("must be a string"));
                break;
            }
            out << list->at(i).toString();
        }
        return out;
    }

private:
    const QJsonObject &m_object;
    QString m_prefix;
    std::optional<NativeError> *m_error;
};

bool safeName(const QString &name)
{
    if (name.isEmpty() || name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\')) ||
        name.contains(QChar(0)))
        return false;
    const QStringList parts = name.split(QLatin1Char('/'));
    return std::none_of(parts.cbegin(), parts.cend(), [](const QString &p) {
        return p.isEmpty() || p == QLatin1String(".") || p == QLatin1String("..");
    });
}

// language and source | files of a program (the submission's, or a checker's).
std::optional<Submission> readProgram(Reader &r, const LanguageCatalogue &languages)
{
    const std::optional<QString> id = r.string(QStringLiteral("language"), true);
    if (!id)
        return std::nullopt;
    const Language *language = languages.find(*id);
    if (!language) {
        QStringList known;
        for (const Language &l : languages.languages()) {
            if (languages.status(l.id).available)
                known << l.id;
        }
        r.fail(ApiError::Invalid, r.field(QStringLiteral("language")),
               QStringLiteral("unknown language '%1' (known: %2)")
                   .arg(*id, known.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    if (languages.isDetected() && !languages.status(language->id).available) {
        r.fail(ApiError::Invalid, r.field(QStringLiteral("language")),
               QStringLiteral("language '%1' is not installed on this server (Debian package %2)")
                   .arg(*id, language->package));
        return std::nullopt;
    }
    const bool hasSource = r.has(QStringLiteral("source"));
    if (hasSource == r.has(QStringLiteral("files"))) {
        r.fail(ApiError::Invalid, r.field(QStringLiteral("source")),
               QStringLiteral("give either source or files"));
        return std::nullopt;
    }
    if (hasSource) {
        const std::optional<QString> source = r.string(QStringLiteral("source"));
        if (!source)
            return std::nullopt;
        return Submission::fromSource(*language, source->toUtf8());
    }
    const std::optional<QJsonArray> files = r.array(QStringLiteral("files"), true);
    if (!files)
        return std::nullopt;
    if (files->isEmpty()) {
        r.fail(ApiError::Invalid, r.field(QStringLiteral("files")),
               QStringLiteral("must hold at least one file"));
        return std::nullopt;
    }
    Submission s;
    s.languageId = language->id;
    for (qsizetype i = 0; i < files->size(); ++i) {
        const QString at = itemPath(r.field(QStringLiteral("files")), i);
        if (!files->at(i).isObject()) {
            r.fail(ApiError::Malformed, at, QStringLiteral("must be an object"));
            return std::nullopt;
        }
        const QJsonObject f = files->at(i).toObject();
        Reader file = r.nested(f, at);
        file.only({QStringLiteral("name"), QStringLiteral("content")});
        const std::optional<QString> name = file.string(QStringLiteral("name"), true);
        const std::optional<QString> content = file.string(QStringLiteral("content"), true);
        if (file.failed())
            return std::nullopt;
        if (!safeName(*name)) {
            r.fail(ApiError::Invalid, file.field(QStringLiteral("name")),
                   QStringLiteral("must be a relative path inside the program"));
            return std::nullopt;
        }
        for (const SourceFile &other : std::as_const(s.files)) {
            if (other.name == *name) {
                r.fail(ApiError::Invalid, file.field(QStringLiteral("name")),
                       QStringLiteral("repeats %1").arg(*name));
                return std::nullopt;
            }
        }
        s.files << SourceFile{*name, content->toUtf8()};
    }
    QString why;
    const std::optional<QString> main = chooseMainFile(*language, s.files, &why);
    if (!main) {
        r.fail(ApiError::Invalid, r.field(QStringLiteral("files")), why);
        return std::nullopt;
    }
    s.mainFile = *main;
    return s;
}

// limits: time (CPU) and wall_time in seconds, memory and output (per stream,
// and per file written) in KiB, processes. Defaults 2 s, 2 x time + 1 s,
// 256 MiB, 8 MiB, 64; the README lists the ranges.
RunLimits readLimits(Reader &r)
{
    RunLimits l;
    const std::optional<QJsonObject> object = r.object(QStringLiteral("limits"));
    const QJsonObject in = object.value_or(QJsonObject());
    Reader limits = r.nested(in, r.field(QStringLiteral("limits")));
    limits.only({QStringLiteral("time"), QStringLiteral("wall_time"), QStringLiteral("memory"),
                 QStringLiteral("processes"), QStringLiteral("output")});
    const double time = limits.number(QStringLiteral("time"), 0.01, 60, false).value_or(2);
    const double wall = limits.number(QStringLiteral("wall_time"), 0.01, 120, false)
                            .value_or(std::min(120.0, time * 2 + 1));
    const double memory =
        limits.number(QStringLiteral("memory"), 1024, 2 * 1024 * 1024, true).value_or(256 * 1024);
    const double processes = limits.number(QStringLiteral("processes"), 1, 256, true).value_or(64);
    const double output =
        limits.number(QStringLiteral("output"), 1, 64 * 1024, true).value_or(8 * 1024);
    l.cpuMs = quint64(time * 1000 + 0.5);
    l.wallMs = quint64(wall * 1000 + 0.5);
    l.memoryKib = quint64(memory);
    l.processes = quint32(processes);
    l.outputKib = quint64(output);
    l.fileSizeKib = quint64(output);
    return l;
}

int readPriority(Reader &r)
{
    return int(r.number(QStringLiteral("priority"), -10, 10, true).value_or(0));
}

// A text the program reads (an input, an expected output), within the size limit.
std::optional<QByteArray> readData(Reader &r, const QString &name, bool required,
                                   qsizetype maxBytes)
{
    const std::optional<QString> text = r.string(name, required);
    if (!text)
        return std::nullopt;
    QByteArray bytes = text->toUtf8();
    if (bytes.size() > maxBytes) {
        r.fail(ApiError::TooLarge, r.field(name),
               QStringLiteral("is %1 bytes, more than the %2 allowed")
                   .arg(bytes.size())
                   .arg(maxBytes));
        return std::nullopt;
    }
    return bytes;
}

CheckerConfig readChecker(Reader &r, const LanguageCatalogue &languages)
{
    CheckerConfig checker;
    checker.compare.mode = Comparison::Lines;
    const std::optional<QJsonObject> object = r.object(QStringLiteral("checker"));
    if (!object)
        return checker;
    Reader c = r.nested(*object, r.field(QStringLiteral("checker")));
    const std::optional<QString> type = c.string(QStringLiteral("type"), true);
    if (type == QLatin1String("testlib")) {
        c.only({QStringLiteral("type"), QStringLiteral("language"), QStringLiteral("source"),
                QStringLiteral("files")});
        checker.kind = CheckerConfig::Kind::Testlib;
        checker.program = readProgram(c, languages);
    } else if (type) {
        c.only({QStringLiteral("type"), QStringLiteral("abs"), QStringLiteral("rel")});
        const std::optional<double> abs = c.number(QStringLiteral("abs"), 0, 1e9, false);
        const std::optional<double> rel = c.number(QStringLiteral("rel"), 0, 1e9, false);
        // The judge's own spelling of comparisons, so that every one it knows is here.
        QString spec = *type;
        if ((abs || rel) && *type != QLatin1String("float")) {
            c.fail(ApiError::Invalid, c.field(abs ? QStringLiteral("abs") : QStringLiteral("rel")),
                   QStringLiteral("applies to the float checker only"));
        } else if (abs || rel) {
            QStringList terms;
            if (abs)
                terms << QString(QStringLiteral("float-abs:") + decimal(*abs));
            if (rel)
                terms << QString(QStringLiteral("float-rel:") + decimal(*rel));
            spec = terms.join(QLatin1Char(','));
        }
        QString why;
        const std::optional<CompareOptions> compare =
            c.failed() ? std::nullopt : parseComparison(spec, &why);
        if (compare)
            checker.compare = *compare;
        else
            c.fail(ApiError::Invalid, c.field(QStringLiteral("type")),
                   why + QStringLiteral("; or testlib"));
    }
    return checker;
}

struct Parsed
{
    BatchRequest batch;
    SubmitOptions options;
};

std::optional<Parsed> parseSubmission(const QJsonObject &in, const LanguageCatalogue &languages,
                                      const NativeController::Limits &max,
                                      std::optional<NativeError> *error)
{
    Reader r(in, {}, error);
    r.only({QStringLiteral("language"), QStringLiteral("source"), QStringLiteral("files"),
            QStringLiteral("tests"), QStringLiteral("checker"), QStringLiteral("limits"),
            QStringLiteral("stop_on_first_failure"), QStringLiteral("priority"),
            QStringLiteral("webhook")});
    Parsed p;
    std::optional<Submission> program = readProgram(r, languages);
    const std::optional<QJsonArray> tests = r.array(QStringLiteral("tests"), true);
    if (tests && tests->isEmpty())
        r.fail(ApiError::Invalid, QStringLiteral("tests"),
               QStringLiteral("must hold at least one test"));
    if (tests && tests->size() > max.maxTests)
        r.fail(ApiError::TooLarge, QStringLiteral("tests"),
               QStringLiteral("holds %1 tests, more than the %2 allowed")
                   .arg(tests->size())
                   .arg(max.maxTests));
    for (qsizetype i = 0; tests && !r.failed() && i < tests->size(); ++i) {
        const QString at = itemPath(QStringLiteral("tests"), i);
        if (!tests->at(i).isObject()) {
            r.fail(ApiError::Malformed, at, QStringLiteral("must be an object"));
            break;
        }
        const QJsonObject item = tests->at(i).toObject();
        Reader t = r.nested(item, at);
        t.only({QStringLiteral("name"), QStringLiteral("input"), QStringLiteral("expected"),
                QStringLiteral("args")});
        TestData test;
        test.name = t.string(QStringLiteral("name")).value_or(QString::number(i + 1));
        test.input =
            readData(t, QStringLiteral("input"), true, max.maxTestBytes).value_or(QByteArray());
        const std::optional<QByteArray> expected =
            readData(t, QStringLiteral("expected"), false, max.maxTestBytes);
        test.hasAnswer = expected.has_value();
        test.answer = expected.value_or(QByteArray());
        test.arguments = t.strings(QStringLiteral("args"));
        p.batch.tests << test;
    }
    p.batch.checker = readChecker(r, languages);
    p.batch.limits = readLimits(r);
    p.batch.stopOnFirstFailure = r.boolean(QStringLiteral("stop_on_first_failure")).value_or(false);
    p.options.priority = readPriority(r);
    if (const std::optional<QString> webhook = r.string(QStringLiteral("webhook"))) {
        const QUrl url(*webhook, QUrl::StrictMode);
        QString why;
        if (!WebhookSender::acceptable(url, &why))
            r.fail(ApiError::Invalid, QStringLiteral("webhook"), why);
        else
            p.options.labels.insert(kWebhookLabel, url.toString(QUrl::FullyEncoded));
        WebhookSender::claim(&p.options.labels);
    }
    if (r.failed())
        return std::nullopt;
    p.batch.submission = std::move(*program);
    p.batch.submission.origin = QStringLiteral("api/v1");
    return p;
}

// The execute shapes: no expected output, so any clean run is accepted.
std::optional<Parsed> parseExecute(const QJsonObject &in, const QString &prefix, bool batch,
                                   const LanguageCatalogue &languages,
                                   const NativeController::Limits &max,
                                   std::optional<NativeError> *error)
{
    Reader r(in, prefix, error);
    QStringList known{QStringLiteral("language"), QStringLiteral("source"), QStringLiteral("files"),
                      QStringLiteral("limits"), QStringLiteral("priority")};
    known << (batch ? QStringList{QStringLiteral("inputs")}
                    : QStringList{QStringLiteral("stdin"), QStringLiteral("args")});
    r.only(known);
    Parsed p;
    std::optional<Submission> program = readProgram(r, languages);
    if (!batch) {
        TestData test;
        test.name = QStringLiteral("1");
        test.input =
            readData(r, QStringLiteral("stdin"), false, max.maxTestBytes).value_or(QByteArray());
        test.arguments = r.strings(QStringLiteral("args"));
        test.hasAnswer = false;
        p.batch.tests << test;
    }
    const std::optional<QJsonArray> inputs =
        batch ? r.array(QStringLiteral("inputs"), true) : std::nullopt;
    if (inputs && inputs->isEmpty())
        r.fail(ApiError::Invalid, r.field(QStringLiteral("inputs")),
               QStringLiteral("must hold at least one input"));
    if (inputs && inputs->size() > max.maxTests)
        r.fail(ApiError::TooLarge, r.field(QStringLiteral("inputs")),
               QStringLiteral("holds %1 inputs, more than the %2 allowed")
                   .arg(inputs->size())
                   .arg(max.maxTests));
    for (qsizetype i = 0; inputs && !r.failed() && i < inputs->size(); ++i) {
        const QString at = itemPath(r.field(QStringLiteral("inputs")), i);
        TestData test;
        test.name = QString::number(i + 1);
        test.hasAnswer = false;
        const QJsonValue v = inputs->at(i);
        // A bare string is the stdin; an object may add arguments.
        const QJsonObject item =
            v.isString() ? QJsonObject{{QStringLiteral("stdin"), v}} : v.toObject();
        if (!v.isString() && !v.isObject()) {
            r.fail(ApiError::Malformed, at,
                   QStringLiteral("must be a string or an object {stdin, args}"));
            break;
        }
        Reader t = r.nested(item, at);
        t.only({QStringLiteral("stdin"), QStringLiteral("args")});
        test.input =
            readData(t, QStringLiteral("stdin"), false, max.maxTestBytes).value_or(QByteArray());
        test.arguments = t.strings(QStringLiteral("args"));
        p.batch.tests << test;
    }
    p.batch.limits = readLimits(r);
    p.options.priority = readPriority(r);
    if (r.failed())
        return std::nullopt;
    p.batch.submission = std::move(*program);
    p.batch.submission.origin = QStringLiteral("api/v1");
    return p;
}

std::optional<QJsonObject> bodyObject(const QHttpServerRequest &request,
                                      std::optional<NativeError> *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = NativeError{ApiError::Malformed,
                             {},
                             QStringLiteral("the body is not JSON: %1 at offset %2")
                                 .arg(parseError.errorString())
                                 .arg(parseError.offset)};
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error =
            NativeError{ApiError::Malformed, {}, QStringLiteral("the body must be a JSON object")};
        return std::nullopt;
    }
    return doc.object();
}

double rounded(double seconds)
{
    return std::round(seconds * 1000) / 1000;
}

QString stateName(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return QStringLiteral("queued");
    case JobState::Running:
        return QStringLiteral("running");
    case JobState::Done:
        break;
    }
    return QStringLiteral("done");
}

QJsonValue textOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// One execute's answer: the job's state with its one run's fields beside it.
QJsonObject runJson(const JobRecord &job)
{
    const QJsonObject result = NativeController::resultJson(job);
    const QJsonArray tests = result.value(QLatin1String("tests")).toArray();
    QJsonObject out = tests.isEmpty() ? QJsonObject() : tests.first().toObject();
    out.remove(QStringLiteral("index"));
    out.remove(QStringLiteral("name"));
    out.remove(QStringLiteral("checker_message"));
    for (const char *key : {"token", "status", "verdict", "compile_output"})
        out.insert(QLatin1String(key), result.value(QLatin1String(key)));
    // The batch's message where it has one (CE, IE), else the run's own.
    if (!job.result.message.isEmpty() || tests.isEmpty())
        out.insert(QStringLiteral("message"), result.value(QLatin1String("message")));
    return out;
}

// A job the queue dropped at shutdown before it ran.
QHttpServerResponse stopped(const QByteArray &token)
{
    return errorResponse({ApiError::Unavailable,
                          {},
                          QStringLiteral("the server stopped before running submission %1")
                              .arg(QString::fromLatin1(token))});
}

// The jobs' tokens, or why the queue refused one (full, shutting down,
// unreachable). Several are checked against the capacity first: a queue
// without room for all of them takes none.
std::optional<QList<QByteArray>> enqueue(JobQueue *jobs, QList<Parsed> parsed,
                                         std::optional<NativeError> *error)
{
    if (!jobs) {
        *error =
            NativeError{ApiError::Unavailable, {}, QStringLiteral("the engine is not running")};
        return std::nullopt;
    }
    if (parsed.size() > 1 && jobs->waiting() + parsed.size() > jobs->capacity()) {
        *error = NativeError{ApiError::Unavailable, {}, QStringLiteral("queue is full")};
        return std::nullopt;
    }
    QList<QByteArray> tokens;
    for (Parsed &p : parsed) {
        QString why;
        const std::optional<QByteArray> token = jobs->submit(std::move(p.batch), &why, p.options);
        if (!token) {
            *error = NativeError{ApiError::Unavailable, {}, why};
            return std::nullopt;
        }
        tokens << *token;
    }
    return tokens;
}

using Render = std::function<QHttpServerResponse(const QList<QByteArray> &tokens)>;

QFuture<QHttpServerResponse> submitAndAnswer(JobQueue *jobs, QList<Parsed> parsed,
                                             QThreadPool *waiters, bool waits, Render render)
{
    return submitThenAnswer(
        jobs, waiters, waits,
        [jobs, parsed]() -> Submitted {
            std::optional<NativeError> error;
            std::optional<QList<QByteArray>> tokens = enqueue(jobs, parsed, &error);
            if (!tokens)
                return errorResponse(*error);
            return std::move(*tokens);
        },
        std::move(render));
}

// Waits for one job and answers render(it).
Render waitingFor(JobQueue *jobs, int timeoutMs, QHttpServerResponse (*render)(const JobRecord &))
{
    return [jobs, timeoutMs, render](const QList<QByteArray> &tokens) {
        const std::optional<JobRecord> job = jobs->waitFor(tokens.first(), timeoutMs);
        return job ? render(*job) : stopped(tokens.first());
    };
}

} // namespace

NativeController::NativeController(Engine &engine, Limits limits, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_limits(limits)
{
    m_waiters.setMaxThreadCount(64);
    if (JobQueue *jobs = m_engine.jobs())
        connect(jobs, &JobQueue::jobFinished, this, &NativeController::jobFinished);
}

NativeController::~NativeController()
{
    m_waiters.waitForDone();
}

QJsonObject NativeController::testJson(const TestOutcome &t)
{
    // Skipped and never-compiled tests did not run; an internal error may not have.
    const bool ran =
        t.verdict != Verdict::Skipped && t.verdict != Verdict::CE && t.run.status != RunStatus::IE;
    const QJsonValue null(QJsonValue::Null);
    QJsonObject o{
        {QStringLiteral("index"), t.index},
        {QStringLiteral("name"), t.name},
        {QStringLiteral("verdict"), verdictName(t.verdict)},
        {QStringLiteral("time"), ran ? QJsonValue(rounded(t.run.cpuSeconds)) : null},
        {QStringLiteral("wall_time"), ran ? QJsonValue(rounded(t.run.wallSeconds)) : null},
        {QStringLiteral("memory"), ran ? QJsonValue(qint64(t.run.memoryKib)) : null},
        {QStringLiteral("exit_code"), ran && !t.run.signal ? QJsonValue(t.run.exitCode) : null},
        {QStringLiteral("signal"), ran && t.run.signal ? QJsonValue(t.run.signal) : null},
        {QStringLiteral("stdout"), QString::fromUtf8(t.run.stdoutData)},
        {QStringLiteral("stderr"), QString::fromUtf8(t.run.stderrData)},
        {QStringLiteral("message"), textOrNull(t.run.message)},
        {QStringLiteral("checker_message"), textOrNull(t.check.message)},
    };
    if (t.score)
        o.insert(QStringLiteral("score"), *t.score);
    return o;
}

QJsonObject NativeController::resultJson(const JobRecord &job)
{
    const bool done = job.state == JobState::Done;
    const BatchResult &b = job.result;
    // While running the tests are in the order they finished.
    QList<TestOutcome> tests = b.tests;
    std::sort(tests.begin(), tests.end(),
              [](const TestOutcome &a, const TestOutcome &c) { return a.index < c.index; });
    QJsonArray list;
    double score = 0;
    int passed = 0;
    QString firstFailure;
    for (const TestOutcome &t : std::as_const(tests)) {
        list.append(testJson(t));
        passed += t.verdict == Verdict::AC ? 1 : 0;
        score += t.score.value_or(t.verdict == Verdict::AC ? 1 : 0);
        if (firstFailure.isEmpty() && isFailure(t.verdict))
            firstFailure = QStringLiteral("test %1 (%2): %3")
                               .arg(t.name, verdictName(t.verdict),
                                    t.check.message.isEmpty() ? t.run.message : t.check.message);
    }
    const QJsonValue null(QJsonValue::Null);
    QJsonObject o{
        {QStringLiteral("token"), QString::fromLatin1(job.token)},
        {QStringLiteral("status"), stateName(job.state)},
        {QStringLiteral("verdict"), done ? QJsonValue(verdictName(b.verdict)) : null},
        {QStringLiteral("message"),
         done ? textOrNull(b.message.isEmpty() ? firstFailure.trimmed() : b.message) : null},
        {QStringLiteral("compile_output"), textOrNull(b.compileOutput)},
        {QStringLiteral("created_at"), job.createdAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("finished_at"),
         done ? QJsonValue(job.finishedAt.toString(Qt::ISODateWithMs)) : null},
        {QStringLiteral("passed"), passed},
        {QStringLiteral("score"), done ? QJsonValue(score) : null},
        {QStringLiteral("tests"), list},
    };
    return o;
}

QFuture<QHttpServerResponse> NativeController::create(const QHttpServerRequest &request)
{
    const QString waitParam = QUrlQuery(request.url()).queryItemValue(QStringLiteral("wait"));
    const bool wait = waitParam == QLatin1String("true") || waitParam == QLatin1String("1");
    std::optional<NativeError> error;
    const std::optional<QJsonObject> in = bodyObject(request, &error);
    std::optional<Parsed> parsed =
        in ? parseSubmission(*in, m_engine.languages(), m_limits, &error) : std::nullopt;
    if (!parsed)
        return readyResponse(errorResponse(*error));
    JobQueue *jobs = m_engine.jobs();
    if (!wait) {
        return submitAndAnswer(
            jobs, {std::move(*parsed)}, &m_waiters, false, [](const QList<QByteArray> &tokens) {
                return QHttpServerResponse(
                    QJsonObject{{QStringLiteral("token"), QString::fromLatin1(tokens.first())}},
                    Status::Created);
            });
    }
    return submitAndAnswer(jobs, {std::move(*parsed)}, &m_waiters, true,
                           waitingFor(jobs, m_limits.waitTimeoutMs, [](const JobRecord &job) {
                               return QHttpServerResponse(resultJson(job), Status::Created);
                           }));
}

QHttpServerResponse NativeController::show(const QString &token) const
{
    JobQueue *jobs = m_engine.jobs();
    const std::optional<JobRecord> job = m_engine.findJob(token.toLatin1());
    if (!job) {
        const auto [error, message] = missingJob(jobs, token);
        return errorResponse({error, QStringLiteral("token"), message});
    }
    return QHttpServerResponse(resultJson(*job));
}

QHttpServerResponse NativeController::languages() const
{
    QJsonArray list;
    const LanguageCatalogue &catalogue = m_engine.languages();
    for (const Language &l : catalogue.languages()) {
        const LanguageStatus st = catalogue.status(l.id);
        list.append(QJsonObject{
            {QStringLiteral("id"), l.id},
            {QStringLiteral("name"), l.name},
            {QStringLiteral("version"), textOrNull(st.version)},
            {QStringLiteral("available"), st.available},
            {QStringLiteral("extensions"), QJsonArray::fromStringList(l.extensions)},
            {QStringLiteral("source_name"), l.sourceName},
        });
    }
    return QHttpServerResponse(list);
}

QFuture<QHttpServerResponse> NativeController::execute(const QHttpServerRequest &request)
{
    std::optional<NativeError> error;
    const std::optional<QJsonObject> in = bodyObject(request, &error);
    std::optional<Parsed> parsed =
        in ? parseExecute(*in, {}, false, m_engine.languages(), m_limits, &error) : std::nullopt;
    if (!parsed)
        return readyResponse(errorResponse(*error));
    JobQueue *jobs = m_engine.jobs();
    return submitAndAnswer(jobs, {std::move(*parsed)}, &m_waiters, true,
                           waitingFor(jobs, m_limits.waitTimeoutMs, [](const JobRecord &job) {
                               return QHttpServerResponse(runJson(job));
                           }));
}

QFuture<QHttpServerResponse> NativeController::executeBatch(const QHttpServerRequest &request)
{
    std::optional<NativeError> error;
    const std::optional<QJsonObject> in = bodyObject(request, &error);
    std::optional<Parsed> parsed =
        in ? parseExecute(*in, {}, true, m_engine.languages(), m_limits, &error) : std::nullopt;
    if (!parsed)
        return readyResponse(errorResponse(*error));
    JobQueue *jobs = m_engine.jobs();
    return submitAndAnswer(jobs, {std::move(*parsed)}, &m_waiters, true,
                           waitingFor(jobs, m_limits.waitTimeoutMs, [](const JobRecord &job) {
                               return QHttpServerResponse(resultJson(job));
                           }));
}

QFuture<QHttpServerResponse> NativeController::executeParallel(const QHttpServerRequest &request)
{
    std::optional<NativeError> error;
    const std::optional<QJsonObject> in = bodyObject(request, &error);
    if (!in)
        return readyResponse(errorResponse(*error));
    Reader r(*in, {}, &error);
    r.only({QStringLiteral("submissions")});
    const std::optional<QJsonArray> items = r.array(QStringLiteral("submissions"), true);
    if (items && items->isEmpty())
        r.fail(ApiError::Invalid, QStringLiteral("submissions"),
               QStringLiteral("must hold at least one submission"));
    if (items && items->size() > m_limits.maxParallel)
        r.fail(ApiError::TooLarge, QStringLiteral("submissions"),
               QStringLiteral("holds %1 submissions, more than the %2 allowed")
                   .arg(items->size())
                   .arg(m_limits.maxParallel));
    // Every one is read before any is queued: one bad item refuses them all.
    QList<Parsed> parsed;
    for (qsizetype i = 0; items && !error && i < items->size(); ++i) {
        const QString at = itemPath(QStringLiteral("submissions"), i);
        if (!items->at(i).isObject()) {
            r.fail(ApiError::Malformed, at, QStringLiteral("must be an object"));
            break;
        }
        std::optional<Parsed> one = parseExecute(items->at(i).toObject(), at, false,
                                                 m_engine.languages(), m_limits, &error);
        if (one)
            parsed << std::move(*one);
    }
    if (error)
        return readyResponse(errorResponse(*error));
    JobQueue *jobs = m_engine.jobs();
    return submitAndAnswer(
        jobs, std::move(parsed), &m_waiters, true,
        [jobs, timeout = m_limits.waitTimeoutMs](const QList<QByteArray> &tokens) {
            QJsonArray results;
            for (const QByteArray &token : tokens) {
                const std::optional<JobRecord> job = jobs->waitFor(token, timeout);
                results.append(job ? QJsonValue(runJson(*job))
                                   : QJsonValue(QJsonValue::Null)); // dropped at shutdown
            }
            return QHttpServerResponse(QJsonObject{{QStringLiteral("results"), results}});
        });
}

void NativeController::jobFinished(const QByteArray &token)
{
    JobQueue *jobs = m_engine.jobs();
    if (!jobs)
        return;
    // Every finished job passes here: its labels first, the whole record
    // only for a webhook this process owes.
    const QVariantHash labels = jobs->labels(token);
    if (!labels.contains(kWebhookLabel) || !WebhookSender::claimedHere(labels))
        return;
    const std::optional<JobRecord> job = jobs->find(token);
    if (!job)
        return;
    QJsonObject body = resultJson(*job);
    body.insert(QStringLiteral("event"), QStringLiteral("done"));
    m_webhooks.send(QByteArrayLiteral("POST"), QUrl(job->labels.value(kWebhookLabel).toString()),
                    QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace evalx
