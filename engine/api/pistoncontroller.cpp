#include "pistoncontroller.h"
#include "deferredresponse.h"
#include "engine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

#include <csignal>
#include <optional>

namespace evalx {

namespace {

using Status = QHttpServerResponse::StatusCode;

// EvalX ids under Piston's names, aliases and runtimes (Piston's package
// metadata). cpp17 is left out: "c++" is one runtime in Piston, and two with
// the same version would be told apart by nothing a client sends.
struct PistonName
{
    const char *id;
    const char *name;
    const char *aliases; // space-separated
    const char *runtime; // empty: none
    bool compiled;       // Piston has a compile stage for it
};

constexpr PistonName kNames[] = {
    {"c", "c", "gcc", "", true},
    {"cpp", "c++", "cpp g++", "", true},
    {"python3", "python", "py py3 python3", "", false},
    {"java", "java", "", "", true},
    {"javascript", "javascript", "node-javascript node-js js node", "node", false},
    {"go", "go", "golang", "", true},
    {"rust", "rust", "rs", "", true},
    {"bash", "bash", "sh", "", false},
    {"ruby", "ruby", "ruby3 rb", "", false},
    {"php", "php", "", "", false},
    {"pascal", "pascal", "freepascal pp pas", "", true},
    {"lua", "lua", "", "", false},
    {"perl", "perl", "pl", "", false},
};

// Piston's defaults and this server's maxima (its "configured limits").
constexpr qint64 kCompileTimeoutMs = 10000;
constexpr qint64 kRunTimeoutMs = 3000;
constexpr qint64 kMaxCompileMs = 60000;
constexpr qint64 kMaxRunMs = 30000;
constexpr qint64 kMaxMemoryBytes = qint64(1) << 30;
// Piston's output_max_size: 1024 characters per stream; here 1 KiB of bytes.
constexpr quint64 kOutputKib = 1;
constexpr qsizetype kOutputBytes = qsizetype(kOutputKib * 1024);
constexpr quint32 kProcesses = 64;
constexpr quint64 kFileSizeKib = 10 * 1024;
// How long an execute waits for its job: the longest compile and run, and a queue.
constexpr int kWaitTimeoutMs = 10 * 60 * 1000;

QHttpServerResponse badRequest(const QString &message)
{
    return QHttpServerResponse(QJsonObject{{QStringLiteral("message"), message}},
                               Status::BadRequest);
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// One stage of Piston's answer from a run. Piston has no memory status: its
// programs are killed (SIGKILL) at the limit, and so an MLE reads SG here.
// `output` is stdout followed by stderr: EvalX reads the two streams apart
// and cannot tell their interleaving; stdout and stderr themselves are exact.
QJsonObject stage(const RunResult &r)
{
    QString status, signal, message = r.message;
    QJsonValue code = r.exitCode;
    switch (r.status) {
    case RunStatus::OK:
        break;
    case RunStatus::RE:
    case RunStatus::CE:
        if (r.signal) {
            status = QStringLiteral("SG");
            signal = signalName(r.signal);
        } else {
            status = QStringLiteral("RE");
        }
        break;
    case RunStatus::TLE:
        status = QStringLiteral("TO");
        signal = QStringLiteral("SIGKILL");
        break;
    case RunStatus::MLE:
        status = QStringLiteral("SG");
        signal = QStringLiteral("SIGKILL");
        break;
    case RunStatus::OLE:
        if (r.signal == SIGXFSZ) {
            status = QStringLiteral("SG");
            signal = signalName(SIGXFSZ);
        } else if (r.stdoutData.size() < kOutputBytes && r.stderrData.size() >= kOutputBytes) {
            status = QStringLiteral("EL");
            signal = QStringLiteral("SIGKILL");
            message = QStringLiteral("stderr length exceeded");
        } else {
            status = QStringLiteral("OL");
            signal = QStringLiteral("SIGKILL");
            message = QStringLiteral("stdout length exceeded");
        }
        break;
    case RunStatus::IE:
        status = QStringLiteral("XX");
        break;
    }
    if (!signal.isEmpty() || r.status == RunStatus::IE)
        code = QJsonValue::Null;
    const QString out = QString::fromUtf8(r.stdoutData);
    const QString err = QString::fromUtf8(r.stderrData);
    return {
        {QStringLiteral("stdout"), out},
        {QStringLiteral("stderr"), err},
        {QStringLiteral("output"), QString(out + err)},
        {QStringLiteral("code"), code},
        {QStringLiteral("signal"), orNull(signal)},
        {QStringLiteral("message"), orNull(message)},
        {QStringLiteral("status"), orNull(status)},
        {QStringLiteral("cpu_time"), qint64(r.cpuSeconds * 1000 + 0.5)},
        {QStringLiteral("wall_time"), qint64(r.wallSeconds * 1000 + 0.5)},
        {QStringLiteral("memory"), qint64(r.memoryKib) * 1024},
    };
}

struct StageLimits
{
    qint64 timeoutMs = 0;
    qint64 cpuMs = 0;
    qint64 memoryBytes = -1;
};

struct ExecuteRequest
{
    PistonController::Runtime runtime;
    Submission submission;
    QByteArray stdinData;
    QStringList arguments;
    StageLimits compile;
    StageLimits run;
};

// The request's fields, or the message of a 400 naming the first bad one.
class RequestReader final
{
public:
    explicit RequestReader(const QJsonObject &in)
        : m_in(in)
    {}

    std::optional<QString> text(const QString &name, QString *value)
    {
        const QJsonValue v = m_in.value(name);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isString())
            return QStringLiteral("%1 must be a string").arg(name);
        *value = v.toString();
        return std::nullopt;
    }

    // Milliseconds or bytes: absent, null or 0 is the default (Piston's `||`);
    // -1 is "none" where allowed, which here is the server's maximum.
    std::optional<QString> number(const QString &name, qint64 fallback, qint64 max, bool minusOne,
                                  qint64 *value)
    {
        *value = fallback;
        const QJsonValue v = m_in.value(name);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isDouble())
            return QStringLiteral("If specified, %1 must be a number").arg(name);
        const double d = v.toDouble();
        if (minusOne && d == -1) {
            *value = max;
            return std::nullopt;
        }
        if (d < 0)
            return QStringLiteral("%1 must be non-negative").arg(name);
        if (d > double(max))
            return QStringLiteral("%1 cannot exceed the configured limit of %2").arg(name).arg(max);
        if (d != 0)
            *value = qint64(d + 0.5);
        return std::nullopt;
    }

private:
    const QJsonObject &m_in;
};

std::optional<QByteArray> decode(const QString &content, const QString &encoding)
{
    if (encoding == QLatin1String("utf8"))
        return content.toUtf8();
    if (encoding == QLatin1String("base64")) {
        auto decoded = QByteArray::fromBase64Encoding(content.toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return std::nullopt;
        return *decoded;
    }
    static const QRegularExpression hex(QStringLiteral("^([0-9a-fA-F]{2})*$"));
    if (encoding == QLatin1String("hex") && hex.match(content).hasMatch())
        return QByteArray::fromHex(content.toLatin1());
    return std::nullopt;
}

bool safeName(const QString &name)
{
    if (name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\')) ||
        name.contains(QChar(0)))
        return false;
    const QStringList parts = name.split(QLatin1Char('/'));
    for (const QString &p : parts) {
        if (p.isEmpty() || p == QLatin1String(".") || p == QLatin1String(".."))
            return false;
    }
    return true;
}

RunLimits runLimits(const StageLimits &s)
{
    RunLimits l;
    l.wallMs = quint64(s.timeoutMs);
    l.cpuMs = quint64(s.cpuMs);
    l.memoryKib = quint64(s.memoryBytes) / 1024;
    l.processes = kProcesses;
    l.fileSizeKib = kFileSizeKib;
    l.outputKib = kOutputKib;
    return l;
}

} // namespace

PistonController::PistonController(Engine &engine)
    : m_engine(engine)
{
    m_workers.setMaxThreadCount(64);
}

PistonController::~PistonController()
{
    m_workers.waitForDone();
}

QString PistonController::semver(const QString &detected)
{
    static const QRegularExpression re(QStringLiteral("(\\d+)\\.(\\d+)(?:\\.(\\d+))?"));
    const QRegularExpressionMatch m = re.match(detected);
    if (!m.hasMatch())
        return QStringLiteral("0.0.0");
    const QString patch = m.captured(3).isEmpty() ? QStringLiteral("0") : m.captured(3);
    return m.captured(1) + QLatin1Char('.') + m.captured(2) + QLatin1Char('.') + patch;
}

bool PistonController::versionMatches(const QString &version, const QString &selector)
{
    if (selector == QLatin1String("*") || selector == version)
        return true;
    const QStringList want = selector.split(QLatin1Char('.'));
    const QStringList have = version.split(QLatin1Char('.'));
    if (want.size() > have.size())
        return false;
    for (qsizetype i = 0; i < want.size(); ++i) {
        const QString &w = want[i];
        if (w == QLatin1String("x") || w == QLatin1String("X") || w == QLatin1String("*"))
            continue;
        if (w != have[i])
            return false;
    }
    return true;
}

QList<PistonController::Runtime> PistonController::availableRuntimes() const
{
    QList<Runtime> list;
    const LanguageCatalogue &catalogue = m_engine.languages();
    for (const PistonName &n : kNames) {
        const Language *l = catalogue.find(QLatin1String(n.id));
        if (!l)
            continue;
        const LanguageStatus st = catalogue.status(l->id);
        if (!st.available)
            continue;
        Runtime r;
        r.language = l;
        r.name = QLatin1String(n.name);
        r.version = semver(st.version);
        r.aliases = QString::fromLatin1(n.aliases).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        r.runtime = QLatin1String(n.runtime);
        r.compiled = n.compiled;
        list << r;
    }
    return list;
}

QHttpServerResponse PistonController::runtimes() const
{
    QJsonArray list;
    for (const Runtime &r : availableRuntimes()) {
        QJsonObject o{{QStringLiteral("language"), r.name},
                      {QStringLiteral("version"), r.version},
                      {QStringLiteral("aliases"), QJsonArray::fromStringList(r.aliases)}};
        if (!r.runtime.isEmpty())
            o.insert(QStringLiteral("runtime"), r.runtime);
        list.append(o);
    }
    return QHttpServerResponse(list);
}

// The compile's outcome goes through the artifact cache, whose entries do not
// depend on the request's limits: it runs under EvalX's compile limits
// (Executor::compileLimits) and the request's compile_timeout and
// compile_cpu_time are applied to its measured times here.
static QHttpServerResponse answer(const ExecuteRequest &job, const BatchResult &result)
{
    const Language &lang = *job.runtime.language;
    QJsonObject out{{QStringLiteral("language"), job.runtime.name},
                    {QStringLiteral("version"), job.runtime.version}};
    const bool compiled = result.verdict != Verdict::CE && result.verdict != Verdict::IE;
    RunResult compileRun = result.compileRun;
    if (!compiled && result.verdict == Verdict::IE) {
        compileRun = RunResult::internalError(result.message);
    } else if (!compiled && compileRun.status == RunStatus::OK) {
        // The compiler succeeded but left no program.
        compileRun.status = RunStatus::RE;
        compileRun.exitCode = 1;
        compileRun.message = result.message;
    } else if (lang.needsCompile() &&
               (compileRun.wallSeconds * 1000 > double(job.compile.timeoutMs) ||
                compileRun.cpuSeconds * 1000 > double(job.compile.cpuMs))) {
        compileRun.status = RunStatus::TLE;
        compileRun.message = QStringLiteral("Compilation time limit exceeded");
    }
    // The compiler's stdout and stderr come merged; they are shown as its stderr.
    compileRun.stderrData = compileRun.stdoutData;
    compileRun.stdoutData.clear();
    const bool compileFailed = compileRun.status != RunStatus::OK;

    if (job.runtime.compiled) {
        out.insert(QStringLiteral("compile"), stage(compileRun));
        // Piston's own choice: a failed compile has no run stage.
        if (compileFailed)
            return QHttpServerResponse(out);
    } else if (compileFailed) {
        // An interpreted language's syntax check (py_compile, node --check):
        // Piston has no such stage, and the interpreter would have failed
        // the same way at run time, so the failure is the run stage.
        out.insert(QStringLiteral("run"), stage(compileRun));
        return QHttpServerResponse(out);
    }
    out.insert(QStringLiteral("run"), stage(result.tests.value(0).run));
    return QHttpServerResponse(out);
}

QFuture<QHttpServerResponse> PistonController::execute(const QHttpServerRequest &request)
{
    // The npm client sends its JSON as text/plain: the Content-Type is not looked at.
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
    if (!doc.isObject())
        return readyResponse(badRequest(
            parseError.error == QJsonParseError::NoError
                ? QStringLiteral("the body must be a JSON object")
                : QStringLiteral("the body is not JSON: %1").arg(parseError.errorString())));
    const QJsonObject in = doc.object();
    RequestReader read(in);

    const QJsonValue language = in.value(QLatin1String("language"));
    if (!language.isString() || language.toString().isEmpty())
        return readyResponse(badRequest(QStringLiteral("language is required as a string")));
    const QJsonValue version = in.value(QLatin1String("version"));
    if (!version.isString() || version.toString().isEmpty())
        return readyResponse(badRequest(QStringLiteral("version is required as a string")));
    const QJsonValue filesValue = in.value(QLatin1String("files"));
    if (!filesValue.isArray())
        return readyResponse(badRequest(QStringLiteral("files is required as an array")));
    const QJsonArray files = filesValue.toArray();
    if (files.isEmpty())
        return readyResponse(badRequest(QStringLiteral("files must contain at least one file")));

    ExecuteRequest job;
    if (auto e = read.number(QStringLiteral("compile_timeout"), kCompileTimeoutMs, kMaxCompileMs,
                             false, &job.compile.timeoutMs))
        return readyResponse(badRequest(*e));
    if (auto e = read.number(QStringLiteral("run_timeout"), kRunTimeoutMs, kMaxRunMs, false,
                             &job.run.timeoutMs))
        return readyResponse(badRequest(*e));
    if (auto e = read.number(QStringLiteral("compile_cpu_time"), kCompileTimeoutMs, kMaxCompileMs,
                             false, &job.compile.cpuMs))
        return readyResponse(badRequest(*e));
    if (auto e = read.number(QStringLiteral("run_cpu_time"), kRunTimeoutMs, kMaxRunMs, false,
                             &job.run.cpuMs))
        return readyResponse(badRequest(*e));
    if (auto e = read.number(QStringLiteral("compile_memory_limit"), kMaxMemoryBytes,
                             kMaxMemoryBytes, true, &job.compile.memoryBytes))
        return readyResponse(badRequest(*e));
    if (auto e = read.number(QStringLiteral("run_memory_limit"), kMaxMemoryBytes, kMaxMemoryBytes,
                             true, &job.run.memoryBytes))
        return readyResponse(badRequest(*e));
    QString stdinText;
    if (auto e = read.text(QStringLiteral("stdin"), &stdinText))
        return readyResponse(badRequest(*e));
    job.stdinData = stdinText.toUtf8();
    const QJsonValue args = in.value(QLatin1String("args"));
    if (!args.isUndefined() && !args.isNull()) {
        if (!args.isArray())
            return readyResponse(badRequest(QStringLiteral("args must be an array of strings")));
        for (const QJsonValue &a : args.toArray()) {
            if (a.isString())
                job.arguments << a.toString();
            else if (a.isDouble())
                job.arguments << QString::number(a.toDouble(), 'g', 17);
            else
                return readyResponse(
                    badRequest(QStringLiteral("args must be an array of strings")));
        }
    }

    // Piston's choice among several matching versions is the latest; EvalX has
    // one version per language.
    const QString name = language.toString();
    const QString selector = version.toString();
    std::optional<Runtime> runtime;
    for (const Runtime &r : availableRuntimes()) {
        if ((r.name == name || r.aliases.contains(name)) && versionMatches(r.version, selector)) {
            runtime = r;
            break;
        }
    }
    if (!runtime)
        return readyResponse(
            badRequest(QStringLiteral("%1-%2 runtime is unknown").arg(name, selector)));
    job.runtime = *runtime;

    Submission &s = job.submission;
    s.languageId = runtime->language->id;
    s.origin = QStringLiteral("piston");
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QJsonValue fv = files.at(i);
        if (!fv.isObject())
            return readyResponse(badRequest(QStringLiteral("files[%1] must be an object").arg(i)));
        const QJsonObject f = fv.toObject();
        const QJsonValue content = f.value(QLatin1String("content"));
        if (!content.isString())
            return readyResponse(
                badRequest(QStringLiteral("files[%1].content is required as a string").arg(i)));
        const QJsonValue encoding = f.value(QLatin1String("encoding"));
        if (!encoding.isUndefined() && !encoding.isNull() && !encoding.isString())
            return readyResponse(badRequest(
                QStringLiteral("files[%1].encoding must be one of utf8, base64, hex").arg(i)));
        const QString enc = encoding.isString() ? encoding.toString() : QStringLiteral("utf8");
        const std::optional<QByteArray> data = decode(content.toString(), enc);
        if (!data)
            return readyResponse(badRequest(
                QStringLiteral(
                    "files[%1].encoding must be one of utf8, base64, hex, and match the content")
                    .arg(i)));
        const QJsonValue nameValue = f.value(QLatin1String("name"));
        if (!nameValue.isUndefined() && !nameValue.isNull() && !nameValue.isString())
            return readyResponse(
                badRequest(QStringLiteral("files[%1].name must be a string").arg(i)));
        QString fileName = nameValue.toString();
        // A nameless main file takes the language's source name (Main.java);
        // a nameless other file a made-up one, as Piston does.
        if (fileName.isEmpty())
            fileName =
                i == 0 ? runtime->language->sourceName : QStringLiteral("file%1.code").arg(i);
        if (!safeName(fileName))
            return readyResponse(badRequest(
                QStringLiteral("files[%1].name must be a relative path inside the program")
                    .arg(i)));
        for (const SourceFile &other : std::as_const(s.files)) {
            if (other.name == fileName)
                return readyResponse(
                    badRequest(QStringLiteral("files[%1].name repeats %2").arg(i).arg(fileName)));
        }
        s.files << SourceFile{fileName, *data};
    }
    s.mainFile = s.files.first().name;

    // A job like any other: it waits its turn in the queue (which may be
    // Redis, and the job run by another process), then is answered here.
    JobQueue *jobs = m_engine.jobs();
    BatchRequest batch;
    batch.submission = job.submission;
    TestData test;
    test.name = QStringLiteral("run");
    test.input = job.stdinData;
    test.arguments = job.arguments;
    test.hasAnswer = false;
    batch.tests << test;
    batch.limits = runLimits(job.run);
    auto submit = [jobs, batch]() -> Submitted {
        QString error;
        const std::optional<QByteArray> token =
            jobs
                ? jobs->submit(batch, &error, {{{QStringLiteral("api"), QStringLiteral("piston")}}})
                : std::nullopt;
        if (!token)
            return QHttpServerResponse(
                QJsonObject{{QStringLiteral("message"),
                             jobs ? error : QStringLiteral("the engine is not running")}},
                Status::ServiceUnavailable);
        return QList<QByteArray>{*token};
    };
    return submitThenAnswer(
        jobs, &m_workers, true, submit, [this, jobs, job](const QList<QByteArray> &tokens) {
            const QByteArray &token = tokens.first();
            const std::optional<JobRecord> record = jobs->waitFor(token, kWaitTimeoutMs);
            if (!record || record->state != JobState::Done)
                return QHttpServerResponse(
                    QJsonObject{{QStringLiteral("message"),
                                 QStringLiteral("the server stopped before running the job")}},
                    Status::ServiceUnavailable);
            // Piston shows jobs once: the queue need not keep them.
            QString ignored;
            jobs->remove(token, &ignored);
            return answer(job, record->result);
        });
}

} // namespace evalx
