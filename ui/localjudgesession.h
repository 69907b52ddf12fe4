#pragma once

#include "batchjudge.h"
#include "jobqueue.h"
#include "problem.h"
#include "report.h"
#include "scoring.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>

namespace evalx {
class ProblemJudge;
}

namespace evalx::ui {

class ConsoleSource;

// One student's submission in the local judge: a source file or a folder of them.
struct LocalJudgeEntry
{
    enum class State {
        NeedsLanguage, // the file names do not say; setLanguage() first
        Idle,          // not judged (since the problem changed)
        Pending,       // its turn to be submitted has not come
        Queued,        // submitted, waiting for a box
        Running,
        Done,      // judged: tests, score and verdict hold the result
        Failed,    // could not be judged (unreadable, no entry point, refused): see message
        Cancelled, // the run was cancelled before it was submitted
    };

    QString path;    // absolute
    QString student; // the file's name without its extension, or the folder's name
    QString languageId;
    bool languageDetected = false; // from the file names; false: chosen by hand, or missing
    State state = State::Idle;
    // One per test of the problem, in its order; nullopt: not judged (yet).
    QList<std::optional<TestOutcome>> tests;
    std::optional<SubmissionScore> score; // once Done
    QString message;                      // the batch's (CE, IE) or why it Failed
    QString compileOutput;
    QByteArray token;   // the job judging it now, or the last one
    bool rerun = false; // changed while being judged: judge it again when its job ends

    bool isActive() const
    {
        return state == State::Pending || state == State::Queued || state == State::Running;
    }
    int passed() const; // tests accepted
    // The submission's verdict once judged (its first failing test's), Skipped before.
    Verdict verdict() const { return score ? score->verdict : Verdict::Skipped; }
};

// The local judge's state, without widgets: a problem package, the submissions
// judged against it, and a run through the console's source. Every judgement is
// a job of the source's queue (labelled kOriginLabel "local"), so it shows in
// the submissions table too; the job's results come back through jobChanged.
//
// The queue cannot cancel a job it has queued (JobQueue::remove only forgets
// finished ones), so a run keeps few jobs submitted at a time (one more than
// the queue has workers) and cancelling stops submitting: the jobs already
// submitted finish and show their results, the rest are marked Cancelled.
class LocalJudgeSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalJudgeSession)
public:
    explicit LocalJudgeSession(ConsoleSource *source, QObject *parent = nullptr);
    ~LocalJudgeSession() override;

    // Whether this source can judge here: it needs the engine in this process.
    bool isAvailable() const;

    // Reads the package in dir; a broken one returns false with *error. Its
    // checker is then built and its time limit derived (which may judge its
    // accepted submissions) on a worker thread: problemReady or problemFailed
    // follows. Entries stay; their results are forgotten.
    bool setProblem(const QString &dir, QString *error);
    bool hasProblem() const { return m_problem.has_value(); }
    const Problem *problem() const { return m_problem ? &*m_problem : nullptr; }
    bool isPreparing() const { return m_preparing; }
    bool isPrepared() const { return m_judge != nullptr; }
    QString problemError() const { return m_problemError; }
    // "3 tests, time limit 2 s (default), memory 1024 MiB", once prepared.
    QString problemSummary() const;
    // The batch a submission is judged with (valid once prepared).
    std::optional<BatchRequest> requestFor(const Submission &submission) const;

    // Adds each path: a file or folder as one entry, except that a folder
    // holding submissions adds each file and sub-folder inside it (hidden and
    // backup files skipped). A path already listed is not added again; its row
    // goes to *alreadyListed. Returns the rows added.
    QList<int> addFiles(const QStringList &paths, QList<int> *alreadyListed = nullptr);
    int count() const { return int(m_entries.size()); }
    const LocalJudgeEntry &entry(int row) const { return m_entries.at(row); }
    int rowOf(const QString &path) const; // -1 when not listed
    // The row whose file or folder holds path (itself or a file inside it), or -1.
    int rowContaining(const QString &path) const;
    // Chooses the language of a row (an id of the source's catalogue).
    bool setLanguage(int row, const QString &languageId);
    QString languageName(const QString &languageId) const;
    // Every entry as it stands (judged or not), for reportwriter: the problem's
    // tests as columns, a row per entry in the table's order.
    Report report() const;

    // Judges the rows (every row when empty) that have a language. A run in
    // progress takes them on; a row being judged is judged again after. Before
    // the problem is prepared, the rows wait for it.
    void run(QList<int> rows = {});
    void cancel();
    bool isRunning() const { return m_running; }
    int done() const { return m_done; }
    int total() const { return m_total; }

Q_SIGNALS:
    void problemAboutToChange();
    void problemChanged(); // a new package: the tests (the matrix's columns) changed
    void problemReady();
    void problemFailed(const QString &error);
    void entriesAboutToBeAdded(int first, int last);
    void entriesAdded();
    void entryChanged(int row);
    void progress(int done, int total);
    void finished(); // the run ended: every row judged, failed or cancelled

private:
    struct Prepared
    {
        bool ok = false;
        QString error;
    };

    void preparationFinished(quint64 generation, std::shared_ptr<ProblemJudge> judge,
                             const Prepared &result);
    void resetResults(LocalJudgeEntry &entry) const;
    void pump();
    void submit(int row);
    void onJobChanged(const JobRecord &job);
    void entryFinished(int row);
    void updateTests(LocalJudgeEntry &entry, const QList<TestOutcome> &outcomes) const;
    void addOne(const QString &path, QList<int> *added, QList<int> *alreadyListed);
    int window() const;

    QPointer<ConsoleSource> m_source;
    std::optional<Problem> m_problem;
    std::shared_ptr<ProblemJudge> m_judge; // set once prepared
    QString m_problemError;
    bool m_preparing = false;
    quint64 m_generation = 0;
    QList<QFuture<Prepared>> m_preparations; // waited for on destruction

    QList<LocalJudgeEntry> m_entries;
    QList<int> m_pending;              // rows to submit, in order
    QHash<QByteArray, int> m_inFlight; // token -> row
    bool m_running = false;
    int m_done = 0;
    int m_total = 0;
};

} // namespace evalx::ui
