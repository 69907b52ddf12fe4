#include "batchjudge.h"
#include "boxpool.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QThreadPool>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <sys/resource.h>
#include <unistd.h>

namespace evalx {

namespace {

// The threads that shepherd runs (leases, files, outputs, checkers) come
// after the ones that answer requests: the API's thread, a client's, Redis.
// A judged program comes after both (SCHED_IDLE, set by its box). A thread's
// own nice value, raised once; no privilege needed.
void yieldToRequests()
{
    constexpr int kJudgeNice = 5;
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    const auto tid = static_cast<id_t>(::gettid());
    if (::getpriority(PRIO_PROCESS, tid) < kJudgeNice)
        ::setpriority(PRIO_PROCESS, tid, kJudgeNice);
}

constexpr qint64 kMaxTestFileBytes = 1024LL * 1024 * 1024;

std::optional<QByteArray> readTestFile(const QString &path, const QByteArray &inMemory,
                                       QString *error)
{
    if (path.isEmpty())
        return inMemory;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    if (f.size() > kMaxTestFileBytes) {
        *error = QStringLiteral("%1 is larger than 1 GiB").arg(path);
        return std::nullopt;
    }
    return f.readAll();
}

TestOutcome internalError(int index, const QString &name, const QString &message)
{
    TestOutcome t;
    t.index = index;
    t.name = name;
    t.verdict = Verdict::IE;
    t.run = RunResult::internalError(message);
    t.check.verdict = Verdict::IE;
    t.check.message = message;
    return t;
}

// A Kattis validator's feedback directory, read back from the box.
struct Feedback
{
    QByteArray judgeMessage;
    QByteArray teamMessage;
    std::optional<QByteArray> score;
};

Feedback feedbackFrom(const QList<BoxFile> &files)
{
    Feedback f;
    for (const BoxFile &file : files) {
        if (file.path == QLatin1String("feedback/judgemessage.txt"))
            f.judgeMessage = file.data;
        else if (file.path == QLatin1String("feedback/teammessage.txt"))
            f.teamMessage = file.data;
        else if (file.path == QLatin1String("feedback/score.txt"))
            f.score = file.data;
    }
    return f;
}

QList<BoxFile> kattisFiles(const QByteArray &input, const QByteArray &answer)
{
    return {{QStringLiteral("input"), 0644, input},
            {QStringLiteral("answer"), 0644, answer},
            {QStringLiteral("feedback/.keep"), 0644, {}}};
}

QStringList kattisArguments(const QStringList &flags)
{
    return QStringList{QStringLiteral("input"), QStringLiteral("answer"),
                       QStringLiteral("feedback/")} +
           flags;
}

// A checker that crashed or ran out of time is the judge's failure, not the
// contestant's.
std::optional<CheckOutcome> checkerFailure(const RunResult &run, const QString &what)
{
    if (run.status == RunStatus::IE || run.status == RunStatus::TLE ||
        run.status == RunStatus::MLE || run.status == RunStatus::OLE || run.signal != 0) {
        CheckOutcome c;
        c.verdict = Verdict::IE;
        c.message = QStringLiteral("the %1 failed: %2 %3")
                        .arg(what, runStatusName(run.status), run.message)
                        .trimmed();
        return c;
    }
    return std::nullopt;
}

} // namespace

double BatchResult::maxCpuSeconds() const
{
    double m = 0;
    for (const TestOutcome &t : tests)
        m = std::max(m, t.run.cpuSeconds);
    return m;
}

quint64 BatchResult::maxMemoryKib() const
{
    quint64 m = 0;
    for (const TestOutcome &t : tests)
        m = std::max(m, t.run.memoryKib);
    return m;
}

int BatchResult::count(Verdict which) const
{
    return int(std::count_if(tests.cbegin(), tests.cend(),
                             [which](const TestOutcome &t) { return t.verdict == which; }));
}

struct BatchJudge::Prepared
{
    const BatchRequest *request = nullptr;
    const Language *language = nullptr;
    ArtifactCache::Outcome program;
    const Language *checkerLanguage = nullptr;
    ArtifactCache::Outcome checker;
};

BatchJudge::BatchJudge(Executor &executor, const LanguageCatalogue &languages)
    : m_executor(executor)
    , m_languages(languages)
{}

BatchJudge::~BatchJudge() = default;

std::unique_ptr<QThreadPool> BatchJudge::takeTestPool()
{
    QMutexLocker lock(&m_testPoolsMutex);
    if (m_testPools.empty())
        return std::make_unique<QThreadPool>();
    std::unique_ptr<QThreadPool> pool = std::move(m_testPools.back());
    m_testPools.pop_back();
    return pool;
}

void BatchJudge::giveBackTestPool(std::unique_ptr<QThreadPool> pool)
{
    QMutexLocker lock(&m_testPoolsMutex);
    m_testPools.push_back(std::move(pool));
}

ArtifactCache::Outcome BatchJudge::buildChecker(const CheckerConfig &checker, QString *error,
                                                const Language **language)
{
    if (!checker.program) {
        *error = QStringLiteral("the checker has no sources");
        return nullptr;
    }
    const Language *l = m_languages.find(checker.program->languageId);
    if (!l) {
        *error = QStringLiteral("the checker's language '%1' is unknown")
                     .arg(checker.program->languageId);
        return nullptr;
    }
    if (language)
        *language = l;
    ArtifactCache::Outcome built = m_executor.compile(*l, *checker.program);
    if (built->status != RunStatus::OK) {
        *error = QStringLiteral("the checker does not build: %1\n%2")
                     .arg(built->message, built->output)
                     .trimmed();
        return nullptr;
    }
    return built;
}

RunLimits BatchJudge::checkerLimits(const RunLimits &submissionLimits)
{
    RunLimits l;
    l.cpuMs = std::max<quint64>(10000, submissionLimits.cpuMs * 2);
    l.wallMs = std::max<quint64>(20000, submissionLimits.wallMs * 2);
    l.memoryKib = std::max<quint64>(1024 * 1024, submissionLimits.memoryKib);
    l.processes = 64;
    l.fileSizeKib = 256 * 1024;
    l.outputKib = 1024 * 1024;
    return l;
}

BatchResult BatchJudge::judge(const BatchRequest &request, const Progress &onTest,
                              const std::atomic_bool *cancel)
{
    yieldToRequests();
    BatchResult result;
    Prepared p;
    p.request = &request;
    p.language = m_languages.find(request.submission.languageId);
    if (!p.language) {
        result.message = QStringLiteral("unknown language '%1'").arg(request.submission.languageId);
        return result;
    }
    if (request.tests.isEmpty()) {
        result.message = QStringLiteral("the batch has no tests");
        return result;
    }
    if (request.interactive && request.checker.kind != CheckerConfig::Kind::Kattis) {
        result.message = QStringLiteral("an interactive problem needs an interactor");
        return result;
    }

    // The checker first: a package whose checker does not build is the
    // package's fault, and says so before any submission runs.
    if (request.checker.kind != CheckerConfig::Kind::Compare) {
        p.checker = buildChecker(request.checker, &result.message, &p.checkerLanguage);
        if (!p.checker)
            return result;
    }

    QElapsedTimer compileClock;
    compileClock.start();
    p.program = m_executor.compile(*p.language, request.submission, &result.compileCached);
    result.compileSeconds = double(compileClock.nsecsElapsed()) / 1e9;
    result.compileOutput = p.program->output;
    result.compileRun = p.program->compileRun;
    if (p.program->status != RunStatus::OK) {
        result.verdict = p.program->status == RunStatus::CE ? Verdict::CE : Verdict::IE;
        result.message = p.program->message;
        for (int i = 0; i < request.tests.size(); ++i) {
            TestOutcome t;
            t.index = i;
            t.name = request.tests[i].name;
            t.verdict = result.verdict;
            result.tests << t;
        }
        return result;
    }

    // The fan-out. Tests start in order; once one fails, a batch that stops
    // at the first failure skips the later tests that have not started.
    const int n = int(request.tests.size());
    QList<TestOutcome> outcomes(n);
    std::atomic_int firstFailure{INT_MAX};
    QMutex progressMutex;
    std::unique_ptr<QThreadPool> pool = takeTestPool();
    QThreadPool &workers = *pool;
    int parallel = request.parallel > 0 ? request.parallel : m_executor.poolSize();
    if (request.interactive)
        parallel = std::max(1, parallel / 2);
    workers.setMaxThreadCount(std::clamp(parallel, 1, n));
    for (int i = 0; i < n; ++i) {
        workers.start([&, i] {
            yieldToRequests();
            TestOutcome t;
            if ((cancel && cancel->load()) ||
                (request.stopOnFirstFailure && firstFailure.load() < i)) {
                t.index = i;
                t.name = request.tests[i].name;
                t.verdict = Verdict::Skipped;
                outcomes[i] = t;
                return;
            }
            t = runTest(p, i);
            if (isFailure(t.verdict)) {
                int seen = firstFailure.load();
                while (i < seen && !firstFailure.compare_exchange_weak(seen, i)) {
                }
            }
            outcomes[i] = t;
            if (onTest) {
                QMutexLocker lock(&progressMutex);
                onTest(t);
            }
        });
    }
    workers.waitForDone();
    giveBackTestPool(std::move(pool));

    result.tests = outcomes;
    result.verdict = Verdict::AC;
    for (const TestOutcome &t : std::as_const(result.tests)) {
        if (isFailure(t.verdict)) {
            result.verdict = t.verdict;
            break;
        }
    }
    if (cancel && cancel->load() && result.verdict == Verdict::AC &&
        result.count(Verdict::Skipped) > 0) {
        result.verdict = Verdict::Skipped;
        result.message = QStringLiteral("cancelled");
    }
    return result;
}

TestOutcome BatchJudge::runTest(const Prepared &p, int index)
{
    const TestData &test = p.request->tests[index];
    QString error;
    const std::optional<QByteArray> input = readTestFile(test.inputPath, test.input, &error);
    std::optional<QByteArray> answer;
    if (input)
        answer = readTestFile(test.answerPath, test.answer, &error);
    if (!input || !answer)
        return internalError(index, test.name, error);
    if (p.request->interactive)
        return runInteractive(p, index, *input, *answer);

    TestOutcome t;
    t.index = index;
    t.name = test.name;
    RunJob job;
    job.stdinData = *input;
    job.limits = p.request->limits;
    job.arguments = test.arguments;
    job.mergeStderr = p.request->mergeStderr;
    job.workFiles = p.request->workFiles;
    t.run = m_executor.run(*p.language, p.program->artifact, job).run;
    t.verdict = verdictFromRun(t.run.status);
    if (t.run.status != RunStatus::OK || !test.hasAnswer)
        return t;
    t.check = check(p, test, *input, t.run.stdoutData, *answer);
    t.verdict = t.check.verdict;
    t.score = t.check.score;
    return t;
}

CheckOutcome BatchJudge::check(const Prepared &p, const TestData &test, const QByteArray &input,
                               const QByteArray &output, const QByteArray &answer)
{
    const CheckerConfig &config = p.request->checker;
    if (config.kind == CheckerConfig::Kind::Compare)
        return compareOutputs(output, answer, test.compare.value_or(config.compare));

    RunJob job;
    job.limits = checkerLimits(p.request->limits);
    if (config.kind == CheckerConfig::Kind::Testlib) {
        job.workFiles = {{QStringLiteral("input"), 0644, input},
                         {QStringLiteral("output"), 0644, output},
                         {QStringLiteral("answer"), 0644, answer}};
        job.arguments = {QStringLiteral("input"), QStringLiteral("output"),
                         QStringLiteral("answer")};
        const JobResult r = m_executor.run(*p.checkerLanguage, p.checker->artifact, job);
        if (auto failed = checkerFailure(r.run, QStringLiteral("checker")))
            return *failed;
        return interpretTestlib(r.run.exitCode, r.run.stderrData);
    }
    job.workFiles = kattisFiles(input, answer);
    job.arguments = kattisArguments(test.checkerFlags.isEmpty() ? config.flags : test.checkerFlags);
    job.stdinData = output;
    job.collectWorkFiles = true;
    const JobResult r = m_executor.run(*p.checkerLanguage, p.checker->artifact, job);
    if (auto failed = checkerFailure(r.run, QStringLiteral("output validator")))
        return *failed;
    const Feedback f = feedbackFrom(r.workFiles);
    return interpretKattis(r.run.exitCode, f.judgeMessage, f.teamMessage, f.score);
}

// The verdict of an interactive test, as problemtools' reference runner gives
// it: whichever side ends first decides, except that a validator's accept
// still lets the solution's own failure count.
TestOutcome BatchJudge::runInteractive(const Prepared &p, int index, const QByteArray &input,
                                       const QByteArray &answer)
{
    TestOutcome t;
    t.index = index;
    t.name = p.request->tests[index].name;
    RunJob solutionJob;
    solutionJob.limits = p.request->limits;
    RunJob interactorJob;
    interactorJob.limits = checkerLimits(p.request->limits);
    // The wall clock covers both: an interactor waiting on a silent solution
    // ends when the solution's wall time does, and a little after.
    if (p.request->limits.wallMs)
        interactorJob.limits.wallMs = p.request->limits.wallMs + 1000;
    interactorJob.workFiles = kattisFiles(input, answer);
    const TestData &test = p.request->tests[index];
    interactorJob.arguments =
        kattisArguments(test.checkerFlags.isEmpty() ? p.request->checker.flags : test.checkerFlags);
    solutionJob.arguments = test.arguments;
    interactorJob.collectWorkFiles = true;

    const InteractiveResult r =
        m_executor.runInteractive(*p.language, p.program->artifact, solutionJob, *p.checkerLanguage,
                                  p.checker->artifact, interactorJob);
    t.run = r.solution.run;
    const Verdict solutionVerdict = verdictFromRun(t.run.status);
    if (t.run.status == RunStatus::IE) {
        t.verdict = Verdict::IE;
        return t;
    }
    if (auto failed = checkerFailure(r.interactor.run, QStringLiteral("interactor"))) {
        // An interactor killed at the wall limit because the solution stalled
        // is the solution's time limit, not the judge's failure.
        if (r.interactor.run.status == RunStatus::TLE && solutionVerdict == Verdict::TLE) {
            t.verdict = Verdict::TLE;
            return t;
        }
        t.check = *failed;
        t.verdict = Verdict::IE;
        return t;
    }
    const Feedback f = feedbackFrom(r.interactor.workFiles);
    t.check = interpretKattis(r.interactor.run.exitCode, f.judgeMessage, f.teamMessage, f.score);
    t.score = t.check.score;
    const bool solutionFailed = solutionVerdict != Verdict::AC;
    if (r.interactorEndedFirst) {
        t.verdict =
            t.check.verdict == Verdict::AC && solutionFailed ? solutionVerdict : t.check.verdict;
    } else {
        t.verdict = solutionFailed ? solutionVerdict : t.check.verdict;
    }
    return t;
}

} // namespace evalx
