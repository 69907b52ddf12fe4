// HistoryStore, the SQLite history of jobs, on real files: a record comes
// back as it went in, every filter narrows what it should, old jobs are
// pruned, a damaged file is refused with its name, thousands of records go
// in batches and readers on other threads see them while they are written.

#include "historystore.h"
#include "jobcodec.h"

#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <csignal>

using namespace evalx;

namespace {

const QDateTime kBase = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

RunResult run(RunStatus status, int exitCode, int signal, double cpu, quint64 memory,
              const QString &message)
{
    RunResult r;
    r.status = status;
    r.exitCode = exitCode;
    r.signal = signal;
    r.cpuSeconds = cpu;
    r.wallSeconds = cpu * 2 + 0.125;
    r.memoryKib = memory;
    r.endedAtUs = 987654321;
    r.stdoutData = QByteArray("out\0\xff", 5);
    r.stderrData = "err\n";
    r.outputTruncated = true;
    r.message = message;
    return r;
}

// Every field of a job set to something other than its default.
JobRecord fullJob(const QByteArray &token)
{
    JobRecord job;
    job.token = token;
    job.state = JobState::Done;
    job.createdAt = kBase;
    job.finishedAt = kBase.addMSecs(1500);
    job.labels = {{QStringLiteral("judge0_language_id"), 54},
                  {QStringLiteral("note"), QStringLiteral("caf\u00e9")},
                  {QStringLiteral("flag"), true}};
    job.priority = 7;
    BatchRequest &r = job.request;
    r.submission.languageId = QStringLiteral("cpp");
    r.submission.files = {{QStringLiteral("main.cpp"), QByteArray("int main(){}\0", 13)},
                          {QStringLiteral("lib/x.h"), "#pragma once\n"}};
    r.submission.mainFile = QStringLiteral("main.cpp");
    r.submission.origin = QStringLiteral("api:judge0");
    r.submission.compilerOptions = {QStringLiteral("-O2"), QStringLiteral("-DX=1")};
    TestData t;
    t.name = QStringLiteral("t1");
    t.inputPath = QStringLiteral("/in/1.in");
    t.answerPath = QStringLiteral("/in/1.ans");
    t.input = QByteArray("1 2\n\0", 5);
    t.answer = "3\n";
    t.arguments = {QStringLiteral("-v")};
    t.checkerFlags = {QStringLiteral("float_tolerance"), QStringLiteral("1e-6")};
    t.compare = CompareOptions{Comparison::Exact, false, true, 0.5, 0.25};
    t.hasAnswer = false;
    r.tests = {t, TestData{}, TestData{}};
    r.tests[1].name = QStringLiteral("t2");
    r.tests[2].name = QStringLiteral("t3");
    r.checker.kind = CheckerConfig::Kind::Testlib;
    r.checker.program = r.submission;
    r.checker.flags = {QStringLiteral("x")};
    r.limits.cpuMs = 1000;
    r.limits.memoryKib = 262144;
    r.workFiles = {BoxFile{QStringLiteral("data/x.txt"), 0600, QByteArray("x\0y", 3)}};
    r.interactive = true;
    r.stopOnFirstFailure = true;
    r.mergeStderr = true;
    r.parallel = 3;
    BatchResult &b = job.result;
    b.verdict = Verdict::WA;
    b.compileOutput = QStringLiteral("warning: unused variable");
    b.compileRun = run(RunStatus::OK, 0, 0, 0.5, 1000, QStringLiteral("compiled"));
    b.compileCached = true;
    b.compileSeconds = 0.42;
    TestOutcome ok;
    ok.index = 0;
    ok.name = QStringLiteral("t1");
    ok.verdict = Verdict::AC;
    ok.run = run(RunStatus::OK, 0, 0, 0.25, 5000, {});
    ok.check = CheckOutcome{Verdict::AC, QStringLiteral("ok"), QStringLiteral("well done"), 1.0};
    ok.score = 1.0;
    TestOutcome wrong = ok;
    wrong.index = 1;
    wrong.name = QStringLiteral("t2");
    wrong.verdict = Verdict::WA;
    wrong.run = run(RunStatus::OK, 3, 0, 0.75, 7000, {});
    wrong.check = CheckOutcome{Verdict::WA, QStringLiteral("line 2 differs"), {}, 0.0};
    wrong.score = std::nullopt;
    TestOutcome skipped;
    skipped.index = 2;
    skipped.name = QStringLiteral("t3");
    b.tests = {ok, wrong, skipped};
    return job;
}

// A small finished job with what the filters look at.
JobRecord job(const QByteArray &token, Verdict verdict, const QString &language,
              const QString &origin, const QDateTime &created, int signal = 0,
              const QString &message = {})
{
    JobRecord j;
    j.token = token;
    j.state = JobState::Done;
    j.createdAt = created;
    j.finishedAt = created.addSecs(1);
    j.request.submission.languageId = language;
    j.request.submission.origin = origin;
    j.request.tests = {TestData{}};
    j.result.verdict = verdict;
    TestOutcome t;
    t.verdict = verdict;
    t.run = run(verdict == Verdict::AC ? RunStatus::OK : RunStatus::RE, signal ? 0 : 1, signal, 0.1,
                100, message);
    j.result.tests = {t};
    return j;
}

QList<QByteArray> tokens(const QList<JobRecord> &jobs)
{
    QList<QByteArray> out;
    for (const JobRecord &j : jobs)
        out << j.token;
    return out;
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestHistoryStore final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsAFullRecord();
    void summaryColumns();
    void filters();
    void filtersByOutcome();
    void pagingIsNewestFirst();
    void doneIsNotOverwrittenByAnEarlierState();
    void removes();
    void prunesByAge();
    void abandonsUnfinished();
    void survivesReopening();
    void refusesADamagedFile();
    void refusesANewerSchema();
    void refusesAPathItCannotCreate();
    void writesThousandsInBatches();
    void readsWhileWriting();

private:
    QTemporaryDir m_dir;
    QString file(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
};

void TestHistoryStore::roundTripsAFullRecord()
{
    HistoryStore store(file("full.sqlite"));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const JobRecord in = fullJob("tok-full");
    store.save(in);
    const std::optional<JobRecord> out = store.find("tok-full");
    QVERIFY(out);
    QCOMPARE(out->token, in.token);
    QCOMPARE(out->state, in.state);
    QCOMPARE(out->createdAt, in.createdAt);
    QCOMPARE(out->finishedAt, in.finishedAt);
    QCOMPARE(out->priority, in.priority);
    QCOMPARE(out->labels, in.labels);
    // Every leaf of the request and the result, as the codec sees them.
    QCOMPARE(json(jobcodec::encode(out->request)), json(jobcodec::encode(in.request)));
    QCOMPARE(json(jobcodec::encode(out->result)), json(jobcodec::encode(in.result)));
    QCOMPARE(out->result.tests[1].run.stdoutData, QByteArray("out\0\xff", 5));
    QVERIFY(!store.find("nope"));
    QVERIFY(store.lastError().isEmpty());
}

void TestHistoryStore::summaryColumns()
{
    const QString path = file("columns.sqlite");
    {
        HistoryStore store(path);
        QString error;
        QVERIFY(store.open(&error));
        store.save(fullJob("tok-c"));
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
    db.setDatabaseName(path);
    QVERIFY(db.open());
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
            "SELECT state, language, origin, verdict, tests_passed, tests_total, max_cpu_ms, "
            "max_memory_kib, message, compile_output, priority FROM submissions")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("done"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("cpp"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("api:judge0"));
        QCOMPARE(q.value(3).toString(), QStringLiteral("WA"));
        QCOMPARE(q.value(4).toInt(), 1);
        QCOMPARE(q.value(5).toInt(), 3);
        QCOMPARE(q.value(6).toInt(), 750);
        QCOMPARE(q.value(7).toInt(), 7000);
        QCOMPARE(q.value(8).toString(), QStringLiteral("line 2 differs")); // the failing test's
        QCOMPARE(q.value(9).toString(), QStringLiteral("warning: unused variable"));
        QCOMPARE(q.value(10).toInt(), 7);
        QVERIFY(!q.next());
        QVERIFY(q.exec(QStringLiteral("SELECT test_index, name, verdict, cpu_ms, wall_ms, "
                                      "memory_kib, exit_code, message FROM tests ORDER BY seq")));
        QVERIFY(q.next());
        QCOMPARE(q.value(2).toString(), QStringLiteral("AC"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(q.value(1).toString(), QStringLiteral("t2"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("WA"));
        QCOMPARE(q.value(3).toInt(), 750);
        QCOMPARE(q.value(4).toInt(), 1625);
        QCOMPARE(q.value(5).toInt(), 7000);
        QCOMPARE(q.value(6).toInt(), 3);
        QCOMPARE(q.value(7).toString(), QStringLiteral("line 2 differs"));
        QVERIFY(q.next());
        QCOMPARE(q.value(2).toString(), QStringLiteral("SK"));
        QVERIFY(!q.next());
        QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), HistoryStore::kSchemaVersion);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
}

void TestHistoryStore::filters()
{
    HistoryStore store(file("filters.sqlite"));
    QString error;
    QVERIFY(store.open(&error));
    store.save(job("a1", Verdict::AC, QStringLiteral("c"), QStringLiteral("alice"), kBase));
    store.save(
        job("a2", Verdict::WA, QStringLiteral("c"), QStringLiteral("bob"), kBase.addDays(1)));
    store.save(job("a3", Verdict::WA, QStringLiteral("python3"), QStringLiteral("alice"),
                   kBase.addDays(2)));
    store.save(job("a4", Verdict::TLE, QStringLiteral("python3"), QStringLiteral("carol"),
                   kBase.addDays(3), 0, QStringLiteral("Time limit exceeded")));
    store.save(job("a5", Verdict::CE, QStringLiteral("cpp"), QStringLiteral("bob 100%"),
                   kBase.addDays(4)));
    JobRecord queued =
        job("q1", Verdict::IE, QStringLiteral("c"), QStringLiteral("dave"), kBase.addDays(5));
    queued.state = JobState::Queued;
    queued.finishedAt = {};
    store.save(queued);

    auto ask = [&store](const HistoryFilter &f) {
        int total = -1;
        const QList<JobRecord> jobs = store.query(f, 0, 100, &total);
        if (total != jobs.size())
            return QList<QByteArray>{"total differs"};
        return tokens(jobs);
    };
    using L = QList<QByteArray>;
    QCOMPARE(ask({}), (L{"q1", "a5", "a4", "a3", "a2", "a1"}));
    QCOMPARE(store.count(), 6);
    HistoryFilter f;
    f.verdicts = {Verdict::WA};
    QCOMPARE(ask(f), (L{"a3", "a2"}));
    f.verdicts = {Verdict::WA, Verdict::CE};
    QCOMPARE(ask(f), (L{"a5", "a3", "a2"}));
    f.verdicts = {Verdict::IE}; // the queued job has no verdict yet
    QCOMPARE(ask(f), L{});
    f = {};
    f.language = QStringLiteral("python3");
    QCOMPARE(ask(f), (L{"a4", "a3"}));
    f = {};
    f.origin = QStringLiteral("alice");
    QCOMPARE(ask(f), (L{"a3", "a1"}));
    f = {};
    f.text = QStringLiteral("LIMIT exc"); // the message, any case
    QCOMPARE(ask(f), L{"a4"});
    f.text = QStringLiteral("a2"); // the token
    QCOMPARE(ask(f), L{"a2"});
    f.text = QStringLiteral("bob"); // the origin
    QCOMPARE(ask(f), (L{"a5", "a2"}));
    f.text = QStringLiteral("0%"); // LIKE's wildcards are plain text
    QCOMPARE(ask(f), L{"a5"});
    f.text = QStringLiteral("_");
    QCOMPARE(ask(f), L{});
    f = {};
    f.createdFrom = kBase.addDays(1);
    f.createdBefore = kBase.addDays(3);
    QCOMPARE(ask(f), (L{"a3", "a2"}));
    f.createdBefore = {};
    QCOMPARE(ask(f), (L{"q1", "a5", "a4", "a3", "a2"}));
    // Combined: every field narrows.
    f = {};
    f.verdicts = {Verdict::WA, Verdict::AC};
    f.origin = QStringLiteral("alice");
    f.language = QStringLiteral("c");
    QCOMPARE(ask(f), L{"a1"});
    f.createdFrom = kBase.addSecs(1);
    QCOMPARE(ask(f), L{});
    QCOMPARE(store.count(f), 0);
    f = {};
    f.outcomes = {{.state = JobState::Queued}};
    QCOMPARE(ask(f), L{"q1"});
}

void TestHistoryStore::filtersByOutcome()
{
    HistoryStore store(file("outcomes.sqlite"));
    QString error;
    QVERIFY(store.open(&error));
    store.save(job("segv", Verdict::RE, QStringLiteral("c"), {}, kBase, SIGSEGV));
    store.save(job("fpe", Verdict::RE, QStringLiteral("c"), {}, kBase.addSecs(1), SIGFPE));
    store.save(job("nzec", Verdict::RE, QStringLiteral("c"), {}, kBase.addSecs(2), 0,
                   QStringLiteral("Exited with code 1")));
    store.save(job("exec", Verdict::RE, QStringLiteral("c"), {}, kBase.addSecs(3), 0,
                   QStringLiteral("Exec format error")));
    store.save(job("mle", Verdict::MLE, QStringLiteral("c"), {}, kBase.addSecs(4), SIGKILL));
    store.save(job("wa", Verdict::WA, QStringLiteral("c"), {}, kBase.addSecs(5)));
    using O = HistoryFilter::Outcome;
    using L = QList<QByteArray>;
    auto ask = [&store](QList<O> outcomes) {
        HistoryFilter f;
        f.outcomes = std::move(outcomes);
        return tokens(store.query(f, 0, 100));
    };
    QCOMPARE(ask({O{.verdict = Verdict::RE, .exitSignals = {SIGSEGV}}}), L{"segv"});
    QCOMPARE(ask({O{.verdict = Verdict::RE, .exitSignals = {SIGSEGV, SIGFPE}}}),
             (L{"fpe", "segv"}));
    QCOMPARE(ask({O{.verdict = Verdict::RE,
                    .exitSignals = {0},
                    .message = QStringLiteral("Exec format error"),
                    .otherMessage = true}}),
             L{"nzec"});
    QCOMPARE(ask({O{.verdict = Verdict::RE, .message = QStringLiteral("Exec format error")}}),
             L{"exec"});
    QCOMPARE(ask({O{.verdict = Verdict::MLE},
                  O{.verdict = Verdict::RE, .exitSignals = {0, SIGSEGV}, .otherSignals = true}}),
             (L{"mle", "fpe"}));
    QCOMPARE(ask({O{.verdict = Verdict::WA}, O{.verdict = Verdict::PE}}), L{"wa"});
}

void TestHistoryStore::pagingIsNewestFirst()
{
    HistoryStore store(file("paging.sqlite"));
    QString error;
    QVERIFY(store.open(&error));
    for (int i = 0; i < 25; ++i)
        store.save(job("p" + QByteArray::number(i), i % 3 ? Verdict::AC : Verdict::WA,
                       QStringLiteral("c"), {}, kBase.addSecs(i)));
    int total = 0;
    QList<JobRecord> page = store.query({}, 0, 10, &total);
    QCOMPARE(total, 25);
    QCOMPARE(tokens(page).first(), QByteArray("p24"));
    QCOMPARE(tokens(page).last(), QByteArray("p15"));
    page = store.query({}, 20, 10, &total);
    QCOMPARE(total, 25);
    QCOMPARE(tokens(page), (QList<QByteArray>{"p4", "p3", "p2", "p1", "p0"}));
    HistoryFilter wrong;
    wrong.verdicts = {Verdict::WA};
    page = store.query(wrong, 3, 2, &total);
    QCOMPARE(total, 9); // 0, 3, ..., 24
    QCOMPARE(tokens(page), (QList<QByteArray>{"p15", "p12"}));
    QVERIFY(store.query({}, 30, 10, &total).isEmpty());
    QCOMPARE(total, 25);
}

void TestHistoryStore::doneIsNotOverwrittenByAnEarlierState()
{
    HistoryStore store(file("order.sqlite"));
    QString error;
    QVERIFY(store.open(&error));
    JobRecord done = job("j", Verdict::WA, QStringLiteral("c"), {}, kBase);
    JobRecord queued = done;
    queued.state = JobState::Queued;
    queued.result = {};
    // A job that ends at once may have its submission recorded after its end.
    store.save(done);
    store.save(queued);
    std::optional<JobRecord> out = store.find("j");
    QVERIFY(out);
    QCOMPARE(out->state, JobState::Done);
    QCOMPARE(out->result.verdict, Verdict::WA);
    QCOMPARE(out->result.tests.size(), 1);
    HistoryFilter wa;
    wa.verdicts = {Verdict::WA};
    QCOMPARE(store.count(wa), 1);
    // The other way round, the end replaces the submission.
    queued.token = done.token = "k";
    store.save(queued);
    QCOMPARE(store.find("k")->state, JobState::Queued);
    store.save(done);
    QCOMPARE(store.find("k")->state, JobState::Done);
}

void TestHistoryStore::removes()
{
    HistoryStore store(file("remove.sqlite"));
    QString error;
    QVERIFY(store.open(&error));
    store.save(fullJob("x"));
    store.save(fullJob("y"));
    QVERIFY(store.remove("x"));
    QVERIFY(!store.remove("x"));
    QVERIFY(!store.find("x"));
    QVERIFY(store.find("y"));
    QCOMPARE(store.count(), 1);
}

void TestHistoryStore::prunesByAge()
{
    HistoryStore store(file("prune.sqlite"));
    QString error;
    QVERIFY(store.open(&error));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    store.save(job("old", Verdict::AC, QStringLiteral("c"), {}, now.addDays(-100)));
    store.save(job("recent", Verdict::AC, QStringLiteral("c"), {}, now.addDays(-10)));
    // Created long ago but finished lately: its end counts.
    JobRecord late = job("late", Verdict::AC, QStringLiteral("c"), {}, now.addDays(-100));
    late.finishedAt = now.addDays(-1);
    store.save(late);
    // Never finished, from long ago: lost with its process.
    JobRecord lost = job("lost", Verdict::AC, QStringLiteral("c"), {}, now.addDays(-100));
    lost.state = JobState::Queued;
    lost.finishedAt = {};
    store.save(lost);
    JobRecord waiting = lost;
    waiting.token = "waiting";
    waiting.createdAt = now;
    store.save(waiting);
    QCOMPARE(store.prune(now.addDays(-90)), 2);
    QCOMPARE(tokens(store.query({}, 0, 10)), (QList<QByteArray>{"waiting", "recent", "late"}));
    QCOMPARE(store.prune(now.addDays(-90)), 0);
    QCOMPARE(store.prune(now.addDays(-5)), 1);
    QCOMPARE(tokens(store.query({}, 0, 10)), (QList<QByteArray>{"waiting", "late"}));
}

void TestHistoryStore::abandonsUnfinished()
{
    HistoryStore store(file("abandon.sqlite"));
    QString error;
    QVERIFY(store.open(&error));
    JobRecord queued = fullJob("q");
    queued.state = JobState::Queued;
    queued.result = {};
    queued.finishedAt = {};
    store.save(queued);
    store.save(fullJob("d"));
    QCOMPARE(store.abandonUnfinished(QStringLiteral("the server stopped")), 1);
    const std::optional<JobRecord> out = store.find("q");
    QVERIFY(out);
    QCOMPARE(out->state, JobState::Done);
    QCOMPARE(out->result.verdict, Verdict::IE);
    QCOMPARE(out->result.message, QStringLiteral("the server stopped"));
    QVERIFY(out->finishedAt.isValid());
    QCOMPARE(store.find("d")->result.verdict, Verdict::WA);
    QCOMPARE(store.abandonUnfinished(QStringLiteral("again")), 0);
}

void TestHistoryStore::survivesReopening()
{
    const QString path = file("reopen.sqlite");
    {
        HistoryStore store(path);
        QString error;
        QVERIFY(store.open(&error));
        for (int i = 0; i < 50; ++i)
            store.save(fullJob("r" + QByteArray::number(i)));
        // The destructor writes what is queued.
    }
    HistoryStore again(path);
    QString error;
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.count(), 50);
    QCOMPARE(json(jobcodec::encode(again.find("r49")->result)),
             json(jobcodec::encode(fullJob("r49").result)));
}

void TestHistoryStore::refusesADamagedFile()
{
    const QString path = file("damaged.sqlite");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    HistoryStore store(path);
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("not a database")), qPrintable(error));
    // Closed, the store takes nothing and finds nothing.
    store.save(fullJob("z"));
    QVERIFY(!store.find("z"));
    QCOMPARE(store.count(), 0);
}

void TestHistoryStore::refusesANewerSchema()
{
    const QString path = file("newer.sqlite");
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (99)")));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    HistoryStore store(path);
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(path) && error.contains(QLatin1String("newer EvalX")),
             qPrintable(error));
}

void TestHistoryStore::refusesAPathItCannotCreate()
{
    // A directory where a file is: root or not, nothing can be made under it.
    const QString blocker = file("blocker");
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const QString path = blocker + QStringLiteral("/sub/history.sqlite");
    HistoryStore store(path);
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("cannot create the directory")), qPrintable(error));
}

void TestHistoryStore::writesThousandsInBatches()
{
    HistoryStore store(file("many.sqlite"));
    QString error;
    QVERIFY(store.open(&error));
    constexpr int kJobs = 5000;
    for (int i = 0; i < kJobs; ++i) {
        store.save(job("m" + QByteArray::number(i), i % 2 ? Verdict::AC : Verdict::WA,
                       QStringLiteral("c"), {}, kBase.addMSecs(i)));
    }
    store.waitForWrites();
    QCOMPARE(store.count(), kJobs);
    HistoryFilter wa;
    wa.verdicts = {Verdict::WA};
    QCOMPARE(store.count(wa), kJobs / 2);
    QCOMPARE(store.find("m4999")->result.verdict, Verdict::AC);
    QVERIFY(store.lastError().isEmpty());
}

void TestHistoryStore::readsWhileWriting()
{
    HistoryStore store(file("concurrent.sqlite"));
    QString error;
    QVERIFY(store.open(&error));
    constexpr int kJobs = 2000;
    std::atomic_int saved{0};
    std::atomic_bool stop{false};
    std::atomic_int failures{0};
    std::atomic_int reads{0};
    QThread *writer = QThread::create([&] {
        for (int i = 0; i < kJobs; ++i) {
            store.save(job("c" + QByteArray::number(i), Verdict::AC, QStringLiteral("c"), {},
                           kBase.addMSecs(i)));
            saved.store(i + 1);
        }
    });
    QList<QThread *> readers;
    for (int r = 0; r < 4; ++r) {
        readers << QThread::create([&, r] {
            int lastCount = 0;
            while (!stop.load()) {
                const int known = saved.load();
                if (known > 0) {
                    // Saved before the read: found.
                    const QByteArray token =
                        "c" + QByteArray::number((reads.load() * 7919 + r) % known);
                    if (!store.find(token))
                        ++failures;
                }
                const int count = store.count();
                if (count < lastCount || count < known)
                    ++failures;
                lastCount = count;
                ++reads;
            }
        });
    }
    for (QThread *t : readers)
        t->start();
    writer->start();
    QVERIFY(writer->wait(120000));
    QTRY_VERIFY_WITH_TIMEOUT(reads.load() > 20, 60000);
    stop = true;
    for (QThread *t : readers) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    delete writer;
    QCOMPARE(failures.load(), 0);
    QCOMPARE(store.count(), kJobs);
    QVERIFY2(store.lastError().isEmpty(), qPrintable(store.lastError()));
}

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
