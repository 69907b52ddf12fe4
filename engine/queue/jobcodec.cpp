#include "jobcodec.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace evalx::jobcodec {

namespace {

QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

const char *comparisonName(Comparison c)
{
    switch (c) {
    case Comparison::Lines:
        return "lines";
    case Comparison::Exact:
        return "exact";
    case Comparison::Tokens:
        return "tokens";
    }
    return "lines";
}

const char *checkerKindName(CheckerConfig::Kind k)
{
    switch (k) {
    case CheckerConfig::Kind::Compare:
        return "compare";
    case CheckerConfig::Kind::Testlib:
        return "testlib";
    case CheckerConfig::Kind::Kattis:
        return "kattis";
    }
    return "compare";
}

QJsonValue optionalNumber(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonObject encodeCompare(const CompareOptions &c)
{
    return {{QStringLiteral("mode"), QLatin1String(comparisonName(c.mode))},
            {QStringLiteral("caseSensitive"), c.caseSensitive},
            {QStringLiteral("spaceChangeSensitive"), c.spaceChangeSensitive},
            {QStringLiteral("absoluteTolerance"), c.absoluteTolerance},
            {QStringLiteral("relativeTolerance"), c.relativeTolerance}};
}

QJsonObject encodeSubmission(const Submission &s)
{
    QJsonArray files;
    for (const SourceFile &f : s.files)
        files.append(QJsonObject{{QStringLiteral("name"), f.name},
                                 {QStringLiteral("data"), base64(f.data)}});
    return {{QStringLiteral("languageId"), s.languageId},
            {QStringLiteral("files"), files},
            {QStringLiteral("mainFile"), s.mainFile},
            {QStringLiteral("origin"), s.origin},
            {QStringLiteral("compilerOptions"), strings(s.compilerOptions)}};
}

QJsonObject encodeLimits(const RunLimits &l)
{
    // quint64 as JSON numbers: exact up to 2^53, far beyond any real limit.
    return {{QStringLiteral("cpuMs"), double(l.cpuMs)},
            {QStringLiteral("cpuExtraMs"), double(l.cpuExtraMs)},
            {QStringLiteral("wallMs"), double(l.wallMs)},
            {QStringLiteral("memoryKib"), double(l.memoryKib)},
            {QStringLiteral("stackKib"), double(l.stackKib)},
            {QStringLiteral("processes"), double(l.processes)},
            {QStringLiteral("fileSizeKib"), double(l.fileSizeKib)},
            {QStringLiteral("openFiles"), double(l.openFiles)},
            {QStringLiteral("outputKib"), double(l.outputKib)}};
}

QJsonObject encodeTestData(const TestData &t)
{
    return {{QStringLiteral("name"), t.name},
            {QStringLiteral("inputPath"), t.inputPath},
            {QStringLiteral("answerPath"), t.answerPath},
            {QStringLiteral("input"), base64(t.input)},
            {QStringLiteral("answer"), base64(t.answer)},
            {QStringLiteral("arguments"), strings(t.arguments)},
            {QStringLiteral("checkerFlags"), strings(t.checkerFlags)},
            {QStringLiteral("compare"),
             t.compare ? QJsonValue(encodeCompare(*t.compare)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("hasAnswer"), t.hasAnswer}};
}

QJsonObject encodeChecker(const CheckerConfig &c)
{
    return {{QStringLiteral("kind"), QLatin1String(checkerKindName(c.kind))},
            {QStringLiteral("compare"), encodeCompare(c.compare)},
            {QStringLiteral("program"),
             c.program ? QJsonValue(encodeSubmission(*c.program)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("flags"), strings(c.flags)}};
}

QJsonObject encodeCheck(const CheckOutcome &c)
{
    return {{QStringLiteral("verdict"), verdictName(c.verdict)},
            {QStringLiteral("message"), c.message},
            {QStringLiteral("teamMessage"), c.teamMessage},
            {QStringLiteral("score"), optionalNumber(c.score)}};
}

// Reads fields of one object, remembering the first that is missing or of
// the wrong type, with its path ("tests[2].run.status").
class Reader
{
public:
    Reader(const QJsonObject &object, QString path, QString *error)
        : m_object(object)
        , m_path(std::move(path))
        , m_error(error)
    {}

    bool ok() const { return m_error->isEmpty(); }

    QJsonValue value(const char *name, QJsonValue::Type type)
    {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (v.type() != type) {
            fail(name, type == QJsonValue::Null ? "null" : typeName(type));
            return QJsonValue(type);
        }
        return v;
    }
    bool isNull(const char *name) const { return m_object.value(QLatin1String(name)).isNull(); }
    QString string(const char *name) { return value(name, QJsonValue::String).toString(); }
    bool boolean(const char *name) { return value(name, QJsonValue::Bool).toBool(); }
    double number(const char *name) { return value(name, QJsonValue::Double).toDouble(); }
    qint64 integer(const char *name) { return qint64(number(name)); }
    quint64 count(const char *name)
    {
        const double v = number(name);
        if (v < 0) {
            fail(name, "a number not below 0");
            return 0;
        }
        return quint64(v);
    }
    QByteArray bytes(const char *name)
    {
        const QString text = string(name);
        auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            fail(name, "base64");
            return {};
        }
        return *decoded;
    }
    QStringList stringList(const char *name)
    {
        QStringList out;
        const QJsonArray array = value(name, QJsonValue::Array).toArray();
        for (const QJsonValue &v : array) {
            if (!v.isString()) {
                fail(name, "an array of strings");
                return {};
            }
            out << v.toString();
        }
        return out;
    }
    QJsonObject object(const char *name) { return value(name, QJsonValue::Object).toObject(); }
    QJsonArray array(const char *name) { return value(name, QJsonValue::Array).toArray(); }
    QString path(const char *name) const
    {
        if (m_path.isEmpty())
            return QLatin1String(name);
        return m_path + QLatin1Char('.') + QLatin1String(name);
    }
    void fail(const char *name, const char *expected)
    {
        if (m_error->isEmpty())
            *m_error = QStringLiteral("%1: expected %2").arg(path(name), QLatin1String(expected));
    }

private:
    static const char *typeName(QJsonValue::Type type)
    {
        switch (type) {
        case QJsonValue::Bool:
            return "a boolean";
        case QJsonValue::Double:
            return "a number";
        case QJsonValue::String:
            return "a string";
        case QJsonValue::Array:
            return "an array";
        case QJsonValue::Object:
            return "an object";
        default:
            return "a value";
        }
    }

    QJsonObject m_object;
    QString m_path;
    QString *m_error;
};

CompareOptions decodeCompare(const QJsonObject &json, const QString &path, QString *error)
{
    Reader r(json, path, error);
    CompareOptions c;
    const QString mode = r.string("mode");
    if (mode == QLatin1String("lines"))
        c.mode = Comparison::Lines;
    else if (mode == QLatin1String("exact"))
        c.mode = Comparison::Exact;
    else if (mode == QLatin1String("tokens"))
        c.mode = Comparison::Tokens;
    else
        r.fail("mode", "lines, exact or tokens");
    c.caseSensitive = r.boolean("caseSensitive");
    c.spaceChangeSensitive = r.boolean("spaceChangeSensitive");
    c.absoluteTolerance = r.number("absoluteTolerance");
    c.relativeTolerance = r.number("relativeTolerance");
    return c;
}

Submission decodeSubmission(const QJsonObject &json, const QString &path, QString *error)
{
    Reader r(json, path, error);
    Submission s;
    s.languageId = r.string("languageId");
    const QJsonArray files = r.array("files");
    for (qsizetype i = 0; i < files.size() && r.ok(); ++i) {
        Reader f(files.at(i).toObject(), QStringLiteral("%1[%2]").arg(r.path("files")).arg(i),
                 error);
        if (!files.at(i).isObject()) {
            r.fail("files", "an array of objects");
            break;
        }
        s.files << SourceFile{f.string("name"), f.bytes("data")};
    }
    s.mainFile = r.string("mainFile");
    s.origin = r.string("origin");
    s.compilerOptions = r.stringList("compilerOptions");
    return s;
}

RunLimits decodeLimits(const QJsonObject &json, const QString &path, QString *error)
{
    Reader r(json, path, error);
    RunLimits l;
    l.cpuMs = r.count("cpuMs");
    l.cpuExtraMs = r.count("cpuExtraMs");
    l.wallMs = r.count("wallMs");
    l.memoryKib = r.count("memoryKib");
    l.stackKib = r.count("stackKib");
    l.processes = quint32(r.count("processes"));
    l.fileSizeKib = r.count("fileSizeKib");
    l.openFiles = quint32(r.count("openFiles"));
    l.outputKib = r.count("outputKib");
    return l;
}

TestData decodeTestData(const QJsonObject &json, const QString &path, QString *error)
{
    Reader r(json, path, error);
    TestData t;
    t.name = r.string("name");
    t.inputPath = r.string("inputPath");
    t.answerPath = r.string("answerPath");
    t.input = r.bytes("input");
    t.answer = r.bytes("answer");
    t.arguments = r.stringList("arguments");
    t.checkerFlags = r.stringList("checkerFlags");
    if (!r.isNull("compare"))
        t.compare = decodeCompare(r.object("compare"), r.path("compare"), error);
    t.hasAnswer = r.boolean("hasAnswer");
    return t;
}

CheckerConfig decodeChecker(const QJsonObject &json, const QString &path, QString *error)
{
    Reader r(json, path, error);
    CheckerConfig c;
    const QString kind = r.string("kind");
    if (kind == QLatin1String("compare"))
        c.kind = CheckerConfig::Kind::Compare;
    else if (kind == QLatin1String("testlib"))
        c.kind = CheckerConfig::Kind::Testlib;
    else if (kind == QLatin1String("kattis"))
        c.kind = CheckerConfig::Kind::Kattis;
    else
        r.fail("kind", "compare, testlib or kattis");
    c.compare = decodeCompare(r.object("compare"), r.path("compare"), error);
    if (!r.isNull("program"))
        c.program = decodeSubmission(r.object("program"), r.path("program"), error);
    c.flags = r.stringList("flags");
    return c;
}

Verdict readVerdict(Reader &r, const char *name)
{
    const std::optional<Verdict> v = verdictFromName(r.string(name));
    if (!v) {
        r.fail(name, "a verdict name");
        return Verdict::IE;
    }
    return *v;
}

std::optional<double> readOptionalNumber(Reader &r, const char *name)
{
    if (r.isNull(name))
        return std::nullopt;
    return r.number(name);
}

CheckOutcome decodeCheck(const QJsonObject &json, const QString &path, QString *error)
{
    Reader r(json, path, error);
    CheckOutcome c;
    c.verdict = readVerdict(r, "verdict");
    c.message = r.string("message");
    c.teamMessage = r.string("teamMessage");
    c.score = readOptionalNumber(r, "score");
    return c;
}

RunResult decodeRunAt(const QJsonObject &json, const QString &path, QString *error)
{
    Reader r(json, path, error);
    RunResult run;
    if (!runStatusFromName(r.string("status"), &run.status))
        r.fail("status", "a run status name");
    run.exitCode = int(r.integer("exitCode"));
    run.signal = int(r.integer("signal"));
    run.cpuSeconds = r.number("cpuSeconds");
    run.wallSeconds = r.number("wallSeconds");
    run.memoryKib = r.count("memoryKib");
    run.endedAtUs = r.integer("endedAtUs");
    run.stdoutData = r.bytes("stdout");
    run.stderrData = r.bytes("stderr");
    run.outputTruncated = r.boolean("outputTruncated");
    run.message = r.string("message");
    return run;
}

TestOutcome decodeTestAt(const QJsonObject &json, const QString &path, QString *error)
{
    Reader r(json, path, error);
    TestOutcome t;
    t.index = int(r.integer("index"));
    t.name = r.string("name");
    t.verdict = readVerdict(r, "verdict");
    t.run = decodeRunAt(r.object("run"), r.path("run"), error);
    t.check = decodeCheck(r.object("check"), r.path("check"), error);
    t.score = readOptionalNumber(r, "score");
    return t;
}

template<typename T> std::optional<T> orError(T value, const QString &error)
{
    if (!error.isEmpty())
        return std::nullopt;
    return value;
}

} // namespace

QJsonObject encode(const BatchRequest &request)
{
    QJsonArray tests;
    for (const TestData &t : request.tests)
        tests.append(encodeTestData(t));
    QJsonArray workFiles;
    for (const BoxFile &f : request.workFiles)
        workFiles.append(QJsonObject{{QStringLiteral("path"), f.path},
                                     {QStringLiteral("mode"), f.mode},
                                     {QStringLiteral("data"), base64(f.data)}});
    return {{QStringLiteral("submission"), encodeSubmission(request.submission)},
            {QStringLiteral("workFiles"), workFiles},
            {QStringLiteral("tests"), tests},
            {QStringLiteral("checker"), encodeChecker(request.checker)},
            {QStringLiteral("limits"), encodeLimits(request.limits)},
            {QStringLiteral("interactive"), request.interactive},
            {QStringLiteral("stopOnFirstFailure"), request.stopOnFirstFailure},
            {QStringLiteral("mergeStderr"), request.mergeStderr},
            {QStringLiteral("parallel"), request.parallel}};
}

QJsonObject encode(const RunResult &run)
{
    return {{QStringLiteral("status"), runStatusName(run.status)},
            {QStringLiteral("exitCode"), run.exitCode},
            {QStringLiteral("signal"), run.signal},
            {QStringLiteral("cpuSeconds"), run.cpuSeconds},
            {QStringLiteral("wallSeconds"), run.wallSeconds},
            {QStringLiteral("memoryKib"), double(run.memoryKib)},
            {QStringLiteral("endedAtUs"), double(run.endedAtUs)},
            {QStringLiteral("stdout"), base64(run.stdoutData)},
            {QStringLiteral("stderr"), base64(run.stderrData)},
            {QStringLiteral("outputTruncated"), run.outputTruncated},
            {QStringLiteral("message"), run.message}};
}

QJsonObject encode(const TestOutcome &test)
{
    return {{QStringLiteral("index"), test.index},
            {QStringLiteral("name"), test.name},
            {QStringLiteral("verdict"), verdictName(test.verdict)},
            {QStringLiteral("run"), encode(test.run)},
            {QStringLiteral("check"), encodeCheck(test.check)},
            {QStringLiteral("score"), optionalNumber(test.score)}};
}

QJsonObject encode(const BatchResult &result)
{
    QJsonArray tests;
    for (const TestOutcome &t : result.tests)
        tests.append(encode(t));
    return {{QStringLiteral("verdict"), verdictName(result.verdict)},
            {QStringLiteral("message"), result.message},
            {QStringLiteral("compileOutput"), result.compileOutput},
            {QStringLiteral("compileRun"), encode(result.compileRun)},
            {QStringLiteral("compileCached"), result.compileCached},
            {QStringLiteral("compileSeconds"), result.compileSeconds},
            {QStringLiteral("tests"), tests}};
}

std::optional<BatchRequest> decodeRequest(const QJsonObject &json, QString *error)
{
    QString e;
    Reader r(json, {}, &e);
    BatchRequest b;
    b.submission = decodeSubmission(r.object("submission"), r.path("submission"), &e);
    const QJsonArray tests = r.array("tests");
    for (qsizetype i = 0; i < tests.size() && r.ok(); ++i)
        b.tests << decodeTestData(tests.at(i).toObject(), QStringLiteral("tests[%1]").arg(i), &e);
    const QJsonArray workFiles = r.array("workFiles");
    for (qsizetype i = 0; i < workFiles.size() && r.ok(); ++i) {
        if (!workFiles.at(i).isObject()) {
            r.fail("workFiles", "an array of objects");
            break;
        }
        Reader f(workFiles.at(i).toObject(),
                 QStringLiteral("%1[%2]").arg(r.path("workFiles")).arg(i), &e);
        b.workFiles << BoxFile{f.string("path"), int(f.integer("mode")), f.bytes("data")};
    }
    b.checker = decodeChecker(r.object("checker"), r.path("checker"), &e);
    b.limits = decodeLimits(r.object("limits"), r.path("limits"), &e);
    b.interactive = r.boolean("interactive");
    b.stopOnFirstFailure = r.boolean("stopOnFirstFailure");
    b.mergeStderr = r.boolean("mergeStderr");
    b.parallel = int(r.integer("parallel"));
    if (error)
        *error = e;
    return orError(std::move(b), e);
}

std::optional<BatchResult> decodeResult(const QJsonObject &json, QString *error)
{
    QString e;
    Reader r(json, {}, &e);
    BatchResult b;
    b.verdict = readVerdict(r, "verdict");
    b.message = r.string("message");
    b.compileOutput = r.string("compileOutput");
    b.compileRun = decodeRunAt(r.object("compileRun"), r.path("compileRun"), &e);
    b.compileCached = r.boolean("compileCached");
    b.compileSeconds = r.number("compileSeconds");
    const QJsonArray tests = r.array("tests");
    for (qsizetype i = 0; i < tests.size() && r.ok(); ++i)
        b.tests << decodeTestAt(tests.at(i).toObject(), QStringLiteral("tests[%1]").arg(i), &e);
    if (error)
        *error = e;
    return orError(std::move(b), e);
}

std::optional<TestOutcome> decodeTest(const QJsonObject &json, QString *error)
{
    QString e;
    TestOutcome t = decodeTestAt(json, {}, &e);
    if (error)
        *error = e;
    return orError(std::move(t), e);
}

std::optional<RunResult> decodeRun(const QJsonObject &json, QString *error)
{
    QString e;
    RunResult run = decodeRunAt(json, {}, &e);
    if (error)
        *error = e;
    return orError(std::move(run), e);
}

QByteArray toBytes(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

std::optional<QJsonObject> fromBytes(const QByteArray &bytes, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError
                         ? parseError.errorString()
                         : QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    return doc.object();
}

} // namespace evalx::jobcodec
