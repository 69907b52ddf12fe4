#include "localjudgesession.h"
#include "consolesource.h"
#include "engine.h"
#include "problemjudge.h"
#include "submission.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace evalx::ui {

namespace {

// Editors leave these next to the files they save; they are nobody's submission.
bool isBackupName(const QString &name)
{
    return name.endsWith(QLatin1Char('~')) || name.endsWith(QLatin1String(".swp")) ||
           name.endsWith(QLatin1String(".bak")) || name.endsWith(QLatin1String(".orig"));
}

// The language most of the files are written in, as loadSubmission picks it; empty
// when no file name says.
QString detectLanguage(const QString &path, const LanguageCatalogue &languages)
{
    QStringList names;
    const QFileInfo info(path);
    if (info.isDir()) {
        QDirIterator it(path, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext())
            names << QFileInfo(it.next()).fileName();
    } else {
        names << info.fileName();
    }
    QHash<QString, int> votes;
    for (const QString &name : std::as_const(names)) {
        if (const Language *l = languages.forFileName(name))
            ++votes[l->id];
    }
    QString best;
    int most = 0;
    for (auto it = votes.cbegin(); it != votes.cend(); ++it) {
        if (it.value() > most || (it.value() == most && it.key() < best)) {
            most = it.value();
            best = it.key();
        }
    }
    return best;
}

// What the matrix keeps of a test: not its output, which may be megabytes.
TestOutcome withoutOutput(TestOutcome t)
{
    t.run.stdoutData.clear();
    t.run.stderrData.clear();
    return t;
}

// The entry as it is saved now. A file whose extension is not its language's
// (erin.txt judged as Python) is handed in as a nameless source, under the
// language's own file name, since the language finds its entry point by extension.
std::optional<Submission> loadEntry(const LocalJudgeEntry &e, const LanguageCatalogue &languages,
                                    QString *error)
{
    const Language *language = languages.find(e.languageId);
    const QFileInfo info(e.path);
    if (!language || !info.isFile() || language->extensions.contains(info.suffix().toLower()))
        return loadSubmission(e.path, languages, e.languageId, error);
    constexpr qint64 kMaxBytes = 16 * 1024 * 1024; // as loadSubmission allows
    QFile f(e.path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(e.path, f.errorString());
        return std::nullopt;
    }
    if (f.size() > kMaxBytes) {
        *error = QStringLiteral("%1: larger than %2 MiB").arg(e.path).arg(kMaxBytes >> 20);
        return std::nullopt;
    }
    Submission s = Submission::fromSource(*language, f.readAll());
    s.origin = e.path;
    return s;
}

} // namespace

int LocalJudgeEntry::passed() const
{
    return int(std::count_if(tests.cbegin(), tests.cend(),
                             [](const auto &t) { return t && t->verdict == Verdict::AC; }));
}

LocalJudgeSession::LocalJudgeSession(ConsoleSource *source, QObject *parent)
    : QObject(parent)
    , m_source(source)
{
    if (m_source)
        connect(m_source, &ConsoleSource::jobChanged, this, &LocalJudgeSession::onJobChanged);
}

LocalJudgeSession::~LocalJudgeSession()
{
    // A preparation judges through the engine's boxes: the engine must outlive it.
    for (QFuture<Prepared> &f : m_preparations)
        f.waitForFinished();
}

bool LocalJudgeSession::isAvailable() const
{
    return m_source && m_source->engine();
}

bool LocalJudgeSession::setProblem(const QString &dir, QString *error)
{
    Engine *engine = m_source ? m_source->engine() : nullptr;
    if (!engine) {
        *error = tr("Local judging needs the engine in this process.");
        return false;
    }
    if (!engine->isStarted()) {
        *error = tr("The sandbox is not running.");
        return false;
    }
    QString why;
    std::optional<Problem> problem = loadProblem(dir, &why);
    if (!problem) {
        *error = tr("Broken problem package: %1").arg(why);
        return false;
    }

    // The old run's jobs judge another problem: they finish unobserved.
    Q_EMIT problemAboutToChange();
    const bool wasRunning = m_running;
    m_pending.clear();
    m_inFlight.clear();
    m_running = false;
    m_done = 0;
    m_total = 0;
    m_problem = std::move(*problem);
    m_judge.reset();
    m_problemError.clear();
    m_preparing = true;
    const quint64 generation = ++m_generation;
    for (LocalJudgeEntry &e : m_entries) {
        resetResults(e);
        e.rerun = false;
    }
    Q_EMIT problemChanged();
    if (wasRunning) {
        Q_EMIT progress(0, 0);
        Q_EMIT finished();
    }

    auto judge = std::make_shared<ProblemJudge>(engine->batchJudge(), engine->languages());
    const Problem copy = *m_problem;
    QFuture<Prepared> future = QtConcurrent::run([judge, copy] {
        Prepared p;
        p.ok = judge->prepare(copy, ProblemJudgeOptions(), &p.error);
        return p;
    });
    m_preparations.removeIf([](const QFuture<Prepared> &f) { return f.isFinished(); });
    m_preparations << future;
    auto *watcher = new QFutureWatcher<Prepared>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, judge] {
        watcher->deleteLater();
        preparationFinished(generation, judge, watcher->result());
    });
    watcher->setFuture(future);
    return true;
}

void LocalJudgeSession::preparationFinished(quint64 generation, std::shared_ptr<ProblemJudge> judge,
                                            const Prepared &result)
{
    if (generation != m_generation)
        return; // another problem was opened meanwhile
    m_preparing = false;
    if (!result.ok) {
        m_problemError = tr("Broken problem package: %1").arg(result.error);
        for (int row : std::as_const(m_pending)) {
            LocalJudgeEntry &e = m_entries[row];
            e.state = LocalJudgeEntry::State::Failed;
            e.message = m_problemError;
            Q_EMIT entryChanged(row);
        }
        m_done += int(m_pending.size());
        m_pending.clear();
        Q_EMIT problemFailed(m_problemError);
        if (m_running) {
            m_running = false;
            Q_EMIT progress(m_done, m_total);
            Q_EMIT finished();
        }
        return;
    }
    m_judge = std::move(judge);
    Q_EMIT problemReady();
    pump();
}

QString LocalJudgeSession::problemSummary() const
{
    if (!m_problem)
        return {};
    const QString tests = tr("%n test(s)", nullptr, int(m_problem->tests.size()));
    if (!m_judge)
        return tests;
    const RunLimits &l = m_judge->limits();
    return tr("%1, time limit %2 s (%3), memory %4 MiB")
        .arg(tests, QString::number(double(l.cpuMs) / 1000.0, 'g', 4), m_judge->timeLimitOrigin())
        .arg(l.memoryKib / 1024);
}

std::optional<BatchRequest> LocalJudgeSession::requestFor(const Submission &submission) const
{
    if (!m_judge)
        return std::nullopt;
    return m_judge->requestFor(submission);
}

QList<int> LocalJudgeSession::addFiles(const QStringList &paths, QList<int> *alreadyListed)
{
    QList<int> added;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists())
            continue;
        const QString absolute = QDir::cleanPath(info.absoluteFilePath());
        if (info.isDir() && rowOf(absolute) < 0) {
            // A folder of submissions: one entry per file or sub-folder.
            QStringList names =
                QDir(absolute).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
            std::sort(names.begin(), names.end(),
                      [](const QString &a, const QString &b) { return naturalCompare(a, b) < 0; });
            for (const QString &name : std::as_const(names)) {
                if (!isBackupName(name))
                    addOne(QDir(absolute).filePath(name), &added, alreadyListed);
            }
        } else {
            addOne(absolute, &added, alreadyListed);
        }
    }
    return added;
}

void LocalJudgeSession::addOne(const QString &path, QList<int> *added, QList<int> *alreadyListed)
{
    const int existing = rowOf(path);
    if (existing >= 0) {
        if (alreadyListed && !alreadyListed->contains(existing))
            alreadyListed->append(existing);
        return;
    }
    const QFileInfo info(path);
    LocalJudgeEntry e;
    e.path = path;
    e.student = info.isDir() ? info.fileName() : info.completeBaseName();
    if (m_source)
        e.languageId = detectLanguage(path, m_source->languages());
    e.languageDetected = !e.languageId.isEmpty();
    resetResults(e);
    const int row = count();
    Q_EMIT entriesAboutToBeAdded(row, row);
    m_entries << e;
    Q_EMIT entriesAdded();
    added->append(row);
}

int LocalJudgeSession::rowOf(const QString &path) const
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    for (int i = 0; i < count(); ++i) {
        if (m_entries[i].path == clean)
            return i;
    }
    return -1;
}

int LocalJudgeSession::rowContaining(const QString &path) const
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    for (int i = 0; i < count(); ++i) {
        const QString &p = m_entries[i].path;
        if (p == clean || clean.startsWith(p + QLatin1Char('/')))
            return i;
    }
    return -1;
}

bool LocalJudgeSession::setLanguage(int row, const QString &languageId)
{
    if (row < 0 || row >= count() || !m_source || !m_source->languages().find(languageId))
        return false;
    LocalJudgeEntry &e = m_entries[row];
    if (e.languageId == languageId)
        return true;
    e.languageId = languageId;
    if (e.state == LocalJudgeEntry::State::NeedsLanguage)
        e.state = LocalJudgeEntry::State::Idle;
    Q_EMIT entryChanged(row);
    return true;
}

Report LocalJudgeSession::report() const
{
    Report r;
    r.createdAt = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    if (m_problem) {
        r.problem = m_problem->name;
        for (const TestCase &t : m_problem->tests)
            r.testNames << t.name;
    }
    r.title = r.problem.isEmpty() ? QStringLiteral("EvalX local judge")
                                  : QStringLiteral("EvalX local judge: %1").arg(r.problem);
    if (m_judge) {
        r.timeLimitSeconds = m_judge->limits().cpuMs / 1000.0;
        r.memoryLimitKib = qint64(m_judge->limits().memoryKib);
    }
    for (const LocalJudgeEntry &e : m_entries) {
        ReportEntry entry;
        entry.name = e.student;
        entry.language = e.languageId;
        entry.origin = e.path;
        entry.message = e.message;
        entry.compileOutput = e.compileOutput;
        for (const std::optional<TestOutcome> &t : e.tests) {
            if (t)
                entry.tests << reportTest(*t);
        }
        switch (e.state) {
        case LocalJudgeEntry::State::Done:
            entry.verdict = e.verdict();
            if (e.score) {
                entry.score = e.score->score;
                entry.maxScore = e.score->maxScore;
            }
            break;
        case LocalJudgeEntry::State::Failed:
            entry.verdict = Verdict::IE;
            break;
        case LocalJudgeEntry::State::Pending:
        case LocalJudgeEntry::State::Queued:
            entry.status = QStringLiteral("queued");
            break;
        case LocalJudgeEntry::State::Running:
            entry.status = QStringLiteral("running");
            break;
        case LocalJudgeEntry::State::Cancelled:
            entry.status = QStringLiteral("cancelled");
            break;
        case LocalJudgeEntry::State::NeedsLanguage:
        case LocalJudgeEntry::State::Idle:
            entry.status = QStringLiteral("not judged");
            break;
        }
        r.entries << entry;
    }
    return r;
}

QString LocalJudgeSession::languageName(const QString &languageId) const
{
    const Language *l = m_source ? m_source->languages().find(languageId) : nullptr;
    return l ? l->name : languageId;
}

void LocalJudgeSession::resetResults(LocalJudgeEntry &e) const
{
    e.tests = QList<std::optional<TestOutcome>>(m_problem ? m_problem->tests.size() : 0);
    e.score.reset();
    e.message.clear();
    e.compileOutput.clear();
    e.state = e.languageId.isEmpty() ? LocalJudgeEntry::State::NeedsLanguage
                                     : LocalJudgeEntry::State::Idle;
}

void LocalJudgeSession::run(QList<int> rows)
{
    if (!m_problem || !m_problemError.isEmpty() || !isAvailable())
        return;
    if (rows.isEmpty()) {
        for (int i = 0; i < count(); ++i)
            rows << i;
    }
    if (!m_running) {
        m_done = 0;
        m_total = 0;
    }
    int added = 0;
    for (int row : std::as_const(rows)) {
        if (row < 0 || row >= count())
            continue;
        LocalJudgeEntry &e = m_entries[row];
        if (e.languageId.isEmpty() || e.state == LocalJudgeEntry::State::Pending)
            continue;
        if (e.isActive()) {
            e.rerun = true; // what is being judged is already out of date
            continue;
        }
        resetResults(e);
        e.state = LocalJudgeEntry::State::Pending;
        m_pending << row;
        ++added;
        Q_EMIT entryChanged(row);
    }
    if (added == 0)
        return;
    m_total += added;
    m_running = true;
    Q_EMIT progress(m_done, m_total);
    pump();
}

void LocalJudgeSession::cancel()
{
    for (int row : std::as_const(m_pending)) {
        LocalJudgeEntry &e = m_entries[row];
        e.state = LocalJudgeEntry::State::Cancelled;
        e.message = tr("Cancelled before it was judged.");
        Q_EMIT entryChanged(row);
    }
    // The progress now counts what is still being judged.
    m_total -= int(m_pending.size());
    m_pending.clear();
    for (int row : std::as_const(m_inFlight))
        m_entries[row].rerun = false;
    if (!m_running)
        return;
    Q_EMIT progress(m_done, m_total);
    if (m_inFlight.isEmpty()) {
        m_running = false;
        Q_EMIT finished();
    }
}

int LocalJudgeSession::window() const
{
    // One job waiting behind each busy worker keeps them all busy between the
    // round trips to this thread, and leaves little for a cancel to wait for.
    Engine *engine = m_source ? m_source->engine() : nullptr;
    JobQueue *queue = engine ? engine->jobs() : nullptr;
    return std::max(1, queue ? queue->workers() : 1) + 1;
}

void LocalJudgeSession::pump()
{
    if (!m_judge)
        return;
    while (m_inFlight.size() < window() && !m_pending.isEmpty())
        submit(m_pending.takeFirst());
}

void LocalJudgeSession::submit(int row)
{
    LocalJudgeEntry &e = m_entries[row];
    QString error;
    // Read now, not when added: a re-run judges the file as it is saved.
    std::optional<Submission> s =
        m_source ? loadEntry(e, m_source->languages(), &error) : std::nullopt;
    if (!s) {
        e.state = LocalJudgeEntry::State::Failed;
        e.message = error;
        entryFinished(row);
        return;
    }
    SubmitOptions options;
    options.labels.insert(QLatin1String(kOriginLabel), QStringLiteral("local"));
    options.labels.insert(QStringLiteral("local_student"), e.student);
    const std::optional<QByteArray> token =
        m_source->submit(m_judge->requestFor(*s), options, &error);
    if (!token) {
        e.state = LocalJudgeEntry::State::Failed;
        e.message = tr("The queue refused it: %1").arg(error);
        entryFinished(row);
        return;
    }
    e.token = *token;
    e.state = LocalJudgeEntry::State::Queued;
    m_inFlight.insert(*token, row);
    Q_EMIT entryChanged(row);
}

void LocalJudgeSession::updateTests(LocalJudgeEntry &e, const QList<TestOutcome> &outcomes) const
{
    for (const TestOutcome &t : outcomes) {
        if (t.index >= 0 && t.index < e.tests.size())
            e.tests[t.index] = withoutOutput(t);
    }
}

void LocalJudgeSession::onJobChanged(const JobRecord &job)
{
    const auto it = m_inFlight.constFind(job.token);
    if (it == m_inFlight.cend())
        return;
    const int row = *it;
    LocalJudgeEntry &e = m_entries[row];
    updateTests(e, job.result.tests);
    if (job.state != JobState::Done) {
        if (job.state == JobState::Running)
            e.state = LocalJudgeEntry::State::Running;
        Q_EMIT entryChanged(row);
        return;
    }
    m_inFlight.erase(it);
    if (e.rerun) {
        // Its file changed while it was judged: this result is already stale.
        e.rerun = false;
        resetResults(e);
        e.state = LocalJudgeEntry::State::Pending;
        m_pending << row;
        Q_EMIT entryChanged(row);
        pump();
        return;
    }
    e.score = scoreSubmission(*m_problem, job.result);
    e.message = job.result.message.isEmpty() ? e.score->error : job.result.message;
    e.compileOutput = job.result.compileOutput;
    e.state = LocalJudgeEntry::State::Done;
    entryFinished(row);
    pump();
}

void LocalJudgeSession::entryFinished(int row)
{
    ++m_done;
    Q_EMIT entryChanged(row);
    Q_EMIT progress(m_done, m_total);
    if (m_running && m_pending.isEmpty() && m_inFlight.isEmpty()) {
        m_running = false;
        Q_EMIT finished();
    }
}

} // namespace evalx::ui
