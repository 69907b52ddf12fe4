#include "report.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace evalx {

namespace {

QJsonValue orNull(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(const std::optional<int> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QDateTime toMilliseconds(const QDateTime &t)
{
    return QDateTime::fromMSecsSinceEpoch(t.toMSecsSinceEpoch(), Qt::UTC);
}

// Reads JSON written by toJson or by `evalx judge --json`, naming the field at fault.
class Reader
{
public:
    explicit Reader(QString *error)
        : m_error(error)
    {}

    bool failed() const { return m_failed; }

    void fail(const QString &field, const QString &why)
    {
        if (m_failed)
            return;
        m_failed = true;
        if (m_error)
            *m_error = field.isEmpty() ? why : QStringLiteral("%1: %2").arg(field, why);
    }

    QString string(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString())
            fail(path + key, QStringLiteral("not a string"));
        return v.toString();
    }

    std::optional<double> number(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isDouble()) {
            fail(path + key, QStringLiteral("not a number"));
            return std::nullopt;
        }
        return v.toDouble();
    }

    std::optional<qint64> integer(const QJsonObject &o, const QString &key, const QString &path)
    {
        const std::optional<double> d = number(o, key, path);
        if (!d)
            return std::nullopt;
        if (*d != double(qint64(*d))) {
            fail(path + key, QStringLiteral("not a whole number"));
            return std::nullopt;
        }
        return qint64(*d);
    }

    Verdict verdict(const QJsonObject &o, const QString &path, bool required)
    {
        const QString name = string(o, QStringLiteral("verdict"), path);
        if (name.isEmpty()) {
            if (required)
                fail(path + QStringLiteral("verdict"), QStringLiteral("missing"));
            return Verdict::Skipped;
        }
        const std::optional<Verdict> v = verdictFromName(name);
        if (!v)
            fail(path + QStringLiteral("verdict"),
                 QStringLiteral("unknown verdict '%1'").arg(name));
        return v.value_or(Verdict::Skipped);
    }

    QJsonArray array(const QJsonObject &o, const QString &key, const QString &path, bool required)
    {
        const QJsonValue v = o.value(key);
        if ((v.isUndefined() || v.isNull()) && !required)
            return {};
        if (!v.isArray())
            fail(path + key,
                 v.isUndefined() ? QStringLiteral("missing") : QStringLiteral("not an array"));
        return v.toArray();
    }

private:
    QString *m_error;
    bool m_failed = false;
};

ReportTest readTest(Reader &r, const QJsonValue &value, const QString &path)
{
    ReportTest t;
    if (!value.isObject()) {
        r.fail(path.chopped(1), QStringLiteral("not an object"));
        return t;
    }
    const QJsonObject o = value.toObject();
    t.name = r.string(o, QStringLiteral("name"), path);
    t.verdict = r.verdict(o, path, true);
    t.cpuSeconds = r.number(o, QStringLiteral("time"), path);
    t.wallSeconds = r.number(o, QStringLiteral("wall_time"), path);
    t.memoryKib = r.integer(o, QStringLiteral("memory"), path);
    if (const std::optional<qint64> code = r.integer(o, QStringLiteral("exit_code"), path))
        t.exitCode = int(*code);
    t.message = r.string(o, QStringLiteral("message"), path);
    t.score = r.number(o, QStringLiteral("score"), path);
    return t;
}

ReportEntry readEntry(Reader &r, const QJsonValue &value, const QString &path)
{
    ReportEntry e;
    if (!value.isObject()) {
        r.fail(path.chopped(1), QStringLiteral("not an object"));
        return e;
    }
    const QJsonObject o = value.toObject();
    // `evalx judge --json` names a submission by its file.
    e.name = o.contains(QLatin1String("name")) ? r.string(o, QStringLiteral("name"), path)
                                               : r.string(o, QStringLiteral("file"), path);
    e.language = r.string(o, QStringLiteral("language"), path);
    e.origin = o.contains(QLatin1String("origin")) ? r.string(o, QStringLiteral("origin"), path)
                                                   : r.string(o, QStringLiteral("file"), path);
    const QString status = r.string(o, QStringLiteral("status"), path);
    if (!status.isEmpty())
        e.status = status;
    e.verdict = r.verdict(o, path, e.isDone());
    e.score = r.number(o, QStringLiteral("score"), path);
    e.maxScore = r.number(o, QStringLiteral("max_score"), path);
    e.compileOutput = r.string(o, QStringLiteral("compile_output"), path);
    e.message = r.string(o, QStringLiteral("message"), path);
    const QJsonArray tests = r.array(o, QStringLiteral("tests"), path, false);
    for (qsizetype i = 0; i < tests.size() && !r.failed(); ++i)
        e.tests << readTest(r, tests.at(i), path + QStringLiteral("tests[%1].").arg(i));
    return e;
}

} // namespace

int ReportEntry::passed() const
{
    int n = 0;
    for (const ReportTest &t : tests)
        n += t.verdict == Verdict::AC ? 1 : 0;
    return n;
}

const ReportTest *ReportEntry::test(const QString &testName) const
{
    for (const ReportTest &t : tests) {
        if (t.name == testName)
            return &t;
    }
    return nullptr;
}

void Report::completeTestNames()
{
    QSet<QString> known(testNames.cbegin(), testNames.cend());
    for (const ReportEntry &e : std::as_const(entries)) {
        for (const ReportTest &t : e.tests) {
            if (!known.contains(t.name)) {
                known.insert(t.name);
                testNames << t.name;
            }
        }
    }
}

QString testMessage(const TestOutcome &t)
{
    if (!t.check.message.isEmpty() && (t.verdict == t.check.verdict || t.run.message.isEmpty()))
        return t.check.message;
    return t.run.message;
}

ReportTest reportTest(const TestOutcome &outcome)
{
    ReportTest t;
    t.name = outcome.name;
    t.verdict = outcome.verdict;
    // Skipped and never-compiled tests did not run; an internal error may not have.
    const bool ran = outcome.verdict != Verdict::Skipped && outcome.verdict != Verdict::CE &&
                     outcome.run.status != RunStatus::IE;
    if (ran) {
        t.cpuSeconds = outcome.run.cpuSeconds;
        t.wallSeconds = outcome.run.wallSeconds;
        t.memoryKib = qint64(outcome.run.memoryKib);
        if (!outcome.run.signal)
            t.exitCode = outcome.run.exitCode;
    }
    t.message = testMessage(outcome);
    t.score = outcome.score;
    return t;
}

ReportEntry reportEntry(const BatchResult &result)
{
    ReportEntry e;
    e.verdict = result.verdict;
    e.message = result.message;
    e.compileOutput = result.compileOutput;
    QList<TestOutcome> tests = result.tests;
    // While a job runs its tests are in the order they finished.
    std::stable_sort(tests.begin(), tests.end(),
                     [](const TestOutcome &a, const TestOutcome &b) { return a.index < b.index; });
    for (const TestOutcome &t : std::as_const(tests))
        e.tests << reportTest(t);
    if (e.message.isEmpty()) {
        for (const ReportTest &t : std::as_const(e.tests)) {
            if (isFailure(t.verdict)) {
                e.message = QStringLiteral("test %1 (%2): %3")
                                .arg(t.name, verdictName(t.verdict), t.message)
                                .trimmed();
                break;
            }
        }
    }
    return e;
}

Report Report::fromJobs(const QList<JobRecord> &jobs, const QString &title)
{
    Report r;
    r.title = title;
    if (r.title.isEmpty())
        r.title = jobs.size() == 1
                      ? QStringLiteral("EvalX report: 1 submission")
                      : QStringLiteral("EvalX report: %1 submissions").arg(jobs.size());
    r.createdAt = toMilliseconds(QDateTime::currentDateTimeUtc());
    for (const JobRecord &job : jobs) {
        ReportEntry e = reportEntry(job.result);
        const QString student = job.labels.value(QStringLiteral("local_student")).toString();
        e.name = student.isEmpty() ? QString::fromLatin1(job.token) : student;
        e.language = job.request.submission.languageId;
        const QString console = job.labels.value(QStringLiteral("console_origin")).toString();
        e.origin = console.isEmpty() ? job.request.submission.origin : console;
        switch (job.state) {
        case JobState::Queued:
            e.status = QStringLiteral("queued");
            break;
        case JobState::Running:
            e.status = QStringLiteral("running");
            break;
        case JobState::Done:
            break;
        }
        // The native API's score: the checker's where it gave one, else 1 per accepted test.
        double score = 0;
        for (const ReportTest &t : std::as_const(e.tests))
            score += t.score.value_or(t.verdict == Verdict::AC ? 1 : 0);
        if (e.isDone()) {
            e.score = score;
            const bool checkerScores = std::any_of(e.tests.cbegin(), e.tests.cend(),
                                                   [](const ReportTest &t) { return t.score; });
            if (!checkerScores)
                e.maxScore = double(job.request.tests.size());
        }
        // Tests that have not run yet are columns all the same.
        for (const TestData &t : job.request.tests) {
            if (!r.testNames.contains(t.name))
                r.testNames << t.name;
        }
        r.entries << e;
    }
    r.completeTestNames();
    return r;
}

Report reportFromJudge(const Problem &problem, const RunLimits &limits,
                       const QList<JudgedFile> &files)
{
    Report r;
    r.title = QStringLiteral("EvalX report: %1").arg(problem.name);
    r.createdAt = toMilliseconds(QDateTime::currentDateTimeUtc());
    r.problem = problem.name;
    r.timeLimitSeconds = limits.cpuMs / 1000.0;
    r.memoryLimitKib = qint64(limits.memoryKib);
    for (const TestCase &t : problem.tests)
        r.testNames << t.name;
    for (const JudgedFile &f : files) {
        ReportEntry e;
        if (f.result) {
            e = reportEntry(f.result->batch);
            e.score = f.result->score.score;
            e.maxScore = f.result->score.maxScore;
        } else {
            e.verdict = Verdict::IE;
            e.message = f.error;
        }
        e.name = f.file;
        e.origin = f.file;
        e.language = f.language;
        r.entries << e;
    }
    r.completeTestNames();
    return r;
}

QJsonObject Report::toJson() const
{
    QJsonArray list;
    for (const ReportEntry &e : entries) {
        QJsonArray tests;
        for (const ReportTest &t : e.tests) {
            QJsonObject o{
                {QStringLiteral("name"), t.name},
                {QStringLiteral("verdict"), verdictName(t.verdict)},
                {QStringLiteral("time"), orNull(t.cpuSeconds)},
                {QStringLiteral("wall_time"), orNull(t.wallSeconds)},
                {QStringLiteral("memory"), orNull(t.memoryKib)},
                {QStringLiteral("exit_code"), orNull(t.exitCode)},
                {QStringLiteral("message"), t.message},
                {QStringLiteral("score"), orNull(t.score)},
            };
            tests.append(o);
        }
        list.append(QJsonObject{
            {QStringLiteral("name"), e.name},
            {QStringLiteral("language"), e.language},
            {QStringLiteral("origin"), e.origin},
            {QStringLiteral("status"), e.status},
            {QStringLiteral("verdict"), verdictName(e.verdict)},
            {QStringLiteral("score"), orNull(e.score)},
            {QStringLiteral("max_score"), orNull(e.maxScore)},
            {QStringLiteral("passed"), e.passed()},
            {QStringLiteral("compile_output"), e.compileOutput},
            {QStringLiteral("message"), e.message},
            {QStringLiteral("tests"), tests},
        });
    }
    return QJsonObject{
        {QStringLiteral("evalx_report"), 1},
        {QStringLiteral("title"), title},
        {QStringLiteral("created_at"), createdAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("problem"), problem},
        {QStringLiteral("time_limit"), orNull(timeLimitSeconds)},
        {QStringLiteral("memory_limit"), orNull(memoryLimitKib)},
        {QStringLiteral("tests"), QJsonArray::fromStringList(testNames)},
        {QStringLiteral("submissions"), list},
    };
}

std::optional<Report> Report::fromJson(const QJsonObject &json, QString *error)
{
    Reader r(error);
    if (!json.contains(QLatin1String("submissions"))) {
        r.fail({}, QStringLiteral("neither a report nor the output of `evalx judge --json`: "
                                  "no \"submissions\""));
        return std::nullopt;
    }
    const QString none;
    Report report;
    report.problem = r.string(json, QStringLiteral("problem"), none);
    report.title = r.string(json, QStringLiteral("title"), none);
    if (report.title.isEmpty())
        report.title = report.problem.isEmpty()
                           ? QStringLiteral("EvalX report")
                           : QStringLiteral("EvalX report: %1").arg(report.problem);
    const QString created = r.string(json, QStringLiteral("created_at"), none);
    if (created.isEmpty()) {
        report.createdAt = toMilliseconds(QDateTime::currentDateTimeUtc());
    } else {
        report.createdAt = QDateTime::fromString(created, Qt::ISODateWithMs).toUTC();
        if (!report.createdAt.isValid())
            r.fail(QStringLiteral("created_at"), QStringLiteral("not an ISO 8601 time"));
    }
    report.timeLimitSeconds = r.number(json, QStringLiteral("time_limit"), none);
    report.memoryLimitKib = r.integer(json, QStringLiteral("memory_limit"), none);
    const QJsonArray names = r.array(json, QStringLiteral("tests"), none, false);
    for (qsizetype i = 0; i < names.size() && !r.failed(); ++i) {
        if (!names.at(i).isString())
            r.fail(QStringLiteral("tests[%1]").arg(i), QStringLiteral("not a string"));
        report.testNames << names.at(i).toString();
    }
    const QJsonArray list = r.array(json, QStringLiteral("submissions"), none, true);
    for (qsizetype i = 0; i < list.size() && !r.failed(); ++i)
        report.entries << readEntry(r, list.at(i), QStringLiteral("submissions[%1].").arg(i));
    if (r.failed())
        return std::nullopt;
    report.completeTestNames();
    return report;
}

} // namespace evalx
