#include "problemjudge.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace evalx {

namespace {

// Accepted submissions may take this long while the limit is being found.
constexpr double kDerivationTimeSeconds = 30;

std::optional<Submission> checkerProgram(const ValidatorInfo &v, QString *error)
{
    if (!v.buildScript.isEmpty() || !v.runScript.isEmpty()) {
        *error = QStringLiteral("%1: build and run scripts are not supported; "
                                "give the validator as C, C++ or Python sources")
                     .arg(v.buildScript.isEmpty() ? v.runScript : v.buildScript);
        return std::nullopt;
    }
    Submission s;
    s.languageId = v.language;
    s.origin = v.directory;
    const QDir dir(v.directory);
    for (const QString &path : v.files) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
            return std::nullopt;
        }
        s.files << SourceFile{dir.relativeFilePath(path), f.readAll()};
    }
    if (v.sources.isEmpty()) {
        *error = QStringLiteral("%1: the validator has no sources").arg(v.directory);
        return std::nullopt;
    }
    s.mainFile = dir.relativeFilePath(v.sources.first());
    return s;
}

} // namespace

ProblemJudge::ProblemJudge(BatchJudge &judge, const LanguageCatalogue &languages)
    : m_judge(judge)
    , m_languages(languages)
{}

std::optional<BatchRequest>
ProblemJudge::batchFor(const Problem &problem, const ProblemJudgeOptions &options, QString *error)
{
    BatchRequest r;
    r.interactive = problem.interactive;
    r.stopOnFirstFailure = options.stopOnFirstFailure;
    r.parallel = options.parallel;
    const QString yaml = QDir(problem.directory).filePath(QStringLiteral("problem.yaml"));
    for (const TestCase &t : problem.tests) {
        TestData d;
        d.name = t.name;
        d.inputPath = t.inputPath;
        d.answerPath = t.answerPath;
        d.arguments = t.args;
        d.checkerFlags = t.validatorFlags;
        // A group's own flags for the default validator (a looser tolerance, say).
        if (problem.validator.kind == ValidatorKind::Default &&
            problem.format != QLatin1String("folder") && !options.comparison &&
            t.validatorFlags != problem.validator.flags) {
            d.compare = kattisDefaultValidator(t.validatorFlags, error);
            if (!d.compare) {
                *error =
                    QStringLiteral("%1: the validator flags of %2: %3").arg(yaml, t.name, *error);
                return std::nullopt;
            }
        }
        r.tests << d;
    }

    CheckerConfig &c = r.checker;
    switch (problem.validator.kind) {
    case ValidatorKind::Default:
        if (problem.format == QLatin1String("folder")) {
            c.compare.mode = Comparison::Lines;
        } else {
            const std::optional<CompareOptions> o =
                kattisDefaultValidator(problem.validator.flags, error);
            if (!o) {
                *error = QStringLiteral("%1: validator_flags: %2").arg(yaml, *error);
                return std::nullopt;
            }
            c.compare = *o;
        }
        if (options.comparison)
            c.compare = *options.comparison;
        break;
    case ValidatorKind::Custom:
    case ValidatorKind::Testlib:
        c.kind = problem.validator.kind == ValidatorKind::Custom ? CheckerConfig::Kind::Kattis
                                                                 : CheckerConfig::Kind::Testlib;
        c.program = checkerProgram(problem.validator, error);
        if (!c.program)
            return std::nullopt;
        c.flags = problem.validator.flags;
        break;
    }
    if (problem.interactive && c.kind != CheckerConfig::Kind::Kattis) {
        *error = QStringLiteral("%1: an interactive problem needs an output validator")
                     .arg(problem.directory);
        return std::nullopt;
    }

    RunLimits &l = r.limits;
    const double seconds = options.timeSeconds.value_or(
        problem.limits.timeSeconds.value_or(options.defaultTimeSeconds));
    l.cpuMs = quint64(seconds * 1000 + 0.5);
    l.wallMs = l.cpuMs * 2 + 1000;
    l.memoryKib =
        options.memoryMib.value_or(problem.limits.memoryMib.value_or(options.defaultMemoryMib)) *
        1024;
    l.outputKib = problem.limits.outputMib.value_or(options.defaultOutputMib) * 1024;
    l.fileSizeKib = l.outputKib;
    l.processes = 64;
    l.stackKib = l.memoryKib; // as ICPC judges do: the stack may use all of the memory
    return r;
}

bool ProblemJudge::prepare(const Problem &problem, const ProblemJudgeOptions &options,
                           QString *error)
{
    m_problem = problem;
    std::optional<BatchRequest> r = batchFor(problem, options, error);
    if (!r)
        return false;
    m_template = *r;
    // A checker that does not build breaks the package: say so before any submission runs
    // (and build it once for them all).
    if (m_template.checker.kind != CheckerConfig::Kind::Compare &&
        !m_judge.buildChecker(m_template.checker, error)) {
        const ValidatorInfo &v = problem.validator;
        *error = QStringLiteral("%1: %2").arg(
            v.sources.size() == 1 ? v.sources.first() : v.directory, *error);
        return false;
    }
    if (options.timeSeconds) {
        m_timeLimitOrigin = QStringLiteral("command line");
        return true;
    }
    if (problem.limits.timeSeconds) {
        m_timeLimitOrigin = problem.timeLimitSource;
        return true;
    }
    const QStringList accepted = problem.submissions.value(QStringLiteral("accepted"));
    if (accepted.isEmpty()) {
        m_timeLimitOrigin = QStringLiteral("default");
        return true;
    }

    // The format's rule: the slowest accepted submission times a multiplier. They are
    // judged as the package judges them: a --checker override is for the submissions judged
    // here, and the package's accepted ones need not pass it.
    double slowest = 0;
    BatchRequest probe = m_template;
    if (options.comparison) {
        ProblemJudgeOptions own = options;
        own.comparison.reset();
        const std::optional<BatchRequest> packaged = batchFor(problem, own, error);
        if (!packaged)
            return false;
        probe = *packaged;
    }
    probe.limits = m_template.limits;
    probe.limits.cpuMs = quint64(kDerivationTimeSeconds * 1000);
    probe.limits.wallMs = probe.limits.cpuMs * 2;
    probe.stopOnFirstFailure = true;
    for (const QString &path : accepted) {
        const std::optional<Submission> s = loadSubmission(path, m_languages, {}, error);
        if (!s) {
            *error = QStringLiteral("accepted submission %1").arg(*error);
            return false;
        }
        probe.submission = *s;
        const BatchResult b = m_judge.judge(probe);
        if (b.verdict != Verdict::AC) {
            QString why = b.message;
            for (const TestOutcome &t : b.tests) {
                if (isFailure(t.verdict)) {
                    why = QStringLiteral("on test %1: %2")
                              .arg(t.name,
                                   t.check.message.isEmpty() ? t.run.message : t.check.message);
                    break;
                }
            }
            *error = QStringLiteral("%1: an accepted submission is judged %2 %3")
                         .arg(path, verdictName(b.verdict), why)
                         .trimmed();
            return false;
        }
        slowest = std::max(slowest, b.maxCpuSeconds());
    }
    const double limit = deriveTimeLimit(problem, slowest);
    m_template.limits.cpuMs = quint64(limit * 1000 + 0.5);
    m_template.limits.wallMs = m_template.limits.cpuMs * 2 + 1000;
    m_timeLimitOrigin = QStringLiteral("%1 accepted submission(s), the slowest %2 s")
                            .arg(accepted.size())
                            .arg(slowest, 0, 'f', 3);
    return true;
}

ProblemResult ProblemJudge::judge(const Submission &submission, const BatchJudge::Progress &onTest,
                                  const std::atomic_bool *cancel)
{
    ProblemResult result;
    result.batch = m_judge.judge(requestFor(submission), onTest, cancel);
    result.score = scoreSubmission(m_problem, result.batch);
    return result;
}

BatchRequest ProblemJudge::requestFor(const Submission &submission) const
{
    BatchRequest r = m_template;
    r.submission = submission;
    return r;
}

} // namespace evalx
