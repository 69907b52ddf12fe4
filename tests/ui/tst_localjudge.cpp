// The local judge, offscreen, over a real engine with two boxes: a plain problem
// (the sum of two numbers) and five students judged into a matrix, a language
// chosen by hand, cancel, re-runs on save and on drop, broken packages, and a
// page without an engine.

#include "consolesource.h"
#include "engine.h"
#include "localjudgemodel.h"
#include "localjudgepage.h"
#include "localjudgesession.h"
#include "problemjudge.h"
#include "submission.h"
#include "verdictstyle.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <cstdio>
#include <memory>

using namespace evalx;
using namespace evalx::ui;
using State = LocalJudgeEntry::State;

namespace {

constexpr int kJudgeTimeoutMs = 120000;

const QByteArray kAcceptedC = "#include <stdio.h>\n"
                              "int main(void)\n"
                              "{\n"
                              "    long a, b;\n"
                              "    if (scanf(\"%ld %ld\", &a, &b) != 2)\n"
                              "        return 1;\n"
                              "    printf(\"%ld\\n\", a + b);\n"
                              "    return 0;\n"
                              "}\n";
const QByteArray kAcceptedPython = "a, b = map(int, input().split())\nprint(a + b)\n";
// Off by one when a is 10: test 2 only.
const QByteArray kWrongOnTest2 =
    "a, b = map(int, input().split())\nprint(a + b + (1 if a == 10 else 0))\n";
const QByteArray kDoesNotCompile = "int main(void) { return missing; }\n";

bool write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

int localJobs(const ConsoleSource &source)
{
    int n = 0;
    const QList<JobRecord> jobs = source.recent(1000);
    for (const JobRecord &job : jobs)
        n += sourceOf(job) == SubmissionSource::LocalJudge ? 1 : 0;
    return n;
}

} // namespace

class TestLocalJudge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void requestForFillsThePreparedBatch();
    void judgesTheMatrix();
    void cancelStopsSubmitting();
    void brokenProblemsSayWhy();
    void withoutEngineDisablesItself();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    // The matrix's verdicts of a row, "AC WA AC"; "-" for a cell without one.
    static QString row(const LocalJudgeModel &model, int row);
    static QString cell(const LocalJudgeModel &model, int row, int column)
    {
        return model.index(row, column).data().toString();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<LocalSource> m_source;
};

QString TestLocalJudge::row(const LocalJudgeModel &model, int row)
{
    QStringList verdicts;
    for (int c = LocalJudgeModel::FirstTest; c < model.columnCount(); ++c) {
        const QVariant v = model.index(row, c).data(LocalJudgeModel::VerdictRole);
        verdicts << (v.isValid() ? verdictName(Verdict(v.toInt())) : QStringLiteral("-"));
    }
    return verdicts.join(QLatin1Char(' '));
}

void TestLocalJudge::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // The problem: a plain folder, tests in tests/.
    QVERIFY(write(path(QStringLiteral("sum/tests/1.in")), "1 2\n"));
    QVERIFY(write(path(QStringLiteral("sum/tests/1.out")), "3\n"));
    QVERIFY(write(path(QStringLiteral("sum/tests/2.in")), "10 20\n"));
    QVERIFY(write(path(QStringLiteral("sum/tests/2.out")), "30\n"));
    QVERIFY(write(path(QStringLiteral("sum/tests/3.in")), "-5 5\n"));
    QVERIFY(write(path(QStringLiteral("sum/tests/3.out")), "0\n"));
    // The class: two accepted, one wrong on test 2, one that does not compile, and one
    // whose extension names no language.
    QVERIFY(write(path(QStringLiteral("class/alice.c")), kAcceptedC));
    QVERIFY(write(path(QStringLiteral("class/bob.py")), kAcceptedPython));
    QVERIFY(write(path(QStringLiteral("class/carol.py")), kWrongOnTest2));
    QVERIFY(write(path(QStringLiteral("class/dave.c")), kDoesNotCompile));
    QVERIFY(write(path(QStringLiteral("class/erin.txt")), kAcceptedPython));
    QVERIFY(write(path(QStringLiteral("class/.hidden.c")), kDoesNotCompile));
    QVERIFY(write(path(QStringLiteral("class/alice.c~")), kDoesNotCompile));

    EngineOptions options;
    options.sandbox.poolSize = 2;
    options.detectLanguages = false;
    m_engine = std::make_unique<Engine>(options);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_source = std::make_unique<LocalSource>(m_engine.get());
}

void TestLocalJudge::cleanupTestCase()
{
    m_source.reset();
    m_engine.reset();
}

void TestLocalJudge::requestForFillsThePreparedBatch()
{
    QString error;
    const std::optional<Problem> problem = loadProblem(path(QStringLiteral("sum")), &error);
    QVERIFY2(problem, qPrintable(error));
    ProblemJudgeOptions options;
    options.timeSeconds = 3;
    ProblemJudge judge(m_engine->batchJudge(), m_engine->languages());
    QVERIFY2(judge.prepare(*problem, options, &error), qPrintable(error));
    const std::optional<Submission> alice =
        loadSubmission(path(QStringLiteral("class/alice.c")), m_engine->languages(), {}, &error);
    QVERIFY2(alice, qPrintable(error));

    const BatchRequest r = judge.requestFor(*alice);
    QCOMPARE(r.tests.size(), 3);
    QCOMPARE(r.tests[1].name, QStringLiteral("2"));
    QVERIFY(r.tests[1].inputPath.endsWith(QLatin1String("tests/2.in")));
    QVERIFY(r.tests[1].answerPath.endsWith(QLatin1String("tests/2.out")));
    QCOMPARE(r.submission.languageId, QStringLiteral("c"));
    QCOMPARE(r.submission.mainFile, QStringLiteral("alice.c"));
    QCOMPARE(r.submission.files.first().data, kAcceptedC);
    QCOMPARE(r.limits.cpuMs, quint64(3000)); // the prepared limits, not the defaults
    QCOMPARE(r.checker.kind, CheckerConfig::Kind::Compare);
    QCOMPARE(r.checker.compare.mode, Comparison::Lines); // plain folders compare lines
    // What judge() runs is that request.
    QCOMPARE(judge.judge(*alice).batch.verdict, Verdict::AC);
}

void TestLocalJudge::judgesTheMatrix()
{
    LocalJudgePage page(m_source.get());
    page.resize(900, 500);
    page.show();
    LocalJudgeSession *session = page.session();
    LocalJudgeModel *model = page.model();
    QVERIFY(page.acceptDrops());
    QCOMPARE(page.runAction()->shortcut(), QKeySequence(Qt::Key_F5));
    QCOMPARE(page.cancelAction()->shortcut(), QKeySequence(Qt::Key_Escape));

    QString error;
    QVERIFY2(page.openProblem(path(QStringLiteral("sum")), &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(session->isPrepared(), kJudgeTimeoutMs);
    QCOMPARE(model->columnCount(), LocalJudgeModel::FirstTest + 3);
    QCOMPARE(model->headerData(LocalJudgeModel::FirstTest + 1, Qt::Horizontal).toString(),
             QStringLiteral("2"));

    // A folder adds what is inside it, in natural order, without hidden or backup files.
    const QList<int> added = page.addSubmissions({path(QStringLiteral("class"))});
    QCOMPARE(added, QList<int>({0, 1, 2, 3, 4}));
    QCOMPARE(session->count(), 5);
    QCOMPARE(model->rowCount(), 6); // and the totals
    const int alice = 0, bob = 1, carol = 2, dave = 3, erin = 4;
    QCOMPARE(session->entry(alice).student, QStringLiteral("alice"));
    QCOMPARE(session->entry(erin).student, QStringLiteral("erin"));
    QCOMPARE(session->entry(alice).languageId, QStringLiteral("c"));
    QCOMPARE(session->entry(bob).languageId, QStringLiteral("python3"));
    QVERIFY(session->entry(alice).languageDetected);
    // erin.txt: the extension does not say; the row asks, with a combo box.
    QCOMPARE(session->entry(erin).state, State::NeedsLanguage);
    QVERIFY(session->entry(erin).languageId.isEmpty());
    QVERIFY(model->index(erin, LocalJudgeModel::Language)
                .data(LocalJudgeModel::LanguageChosenRole)
                .toBool());
    QVERIFY(page.view()->isPersistentEditorOpen(model->index(erin, LocalJudgeModel::Language)));
    QVERIFY(!page.view()->isPersistentEditorOpen(model->index(alice, LocalJudgeModel::Language)));
    QCOMPARE(cell(*model, erin, LocalJudgeModel::Total), QStringLiteral("Choose a language"));

    QSignalSpy progress(session, &LocalJudgeSession::progress);
    QSignalSpy finished(session, &LocalJudgeSession::finished);
    page.run();
    QCOMPARE(session->total(), 4); // erin waits for a language
    QVERIFY(page.cancelAction()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kJudgeTimeoutMs);
    QCOMPARE(progress.last(), QVariantList({4, 4}));
    QCOMPARE(page.progressBar()->maximum(), 4);
    QCOMPARE(page.progressBar()->value(), 4);
    QVERIFY(!page.cancelAction()->isEnabled());

    QCOMPARE(row(*model, alice), QStringLiteral("AC AC AC"));
    QCOMPARE(row(*model, bob), QStringLiteral("AC AC AC"));
    QCOMPARE(row(*model, carol), QStringLiteral("AC WA AC"));
    QCOMPARE(row(*model, dave), QStringLiteral("CE CE CE"));
    QCOMPARE(row(*model, erin), QStringLiteral("- - -"));
    QCOMPARE(session->entry(erin).state, State::NeedsLanguage);
    // Totals per student, with the submission's verdict.
    QCOMPARE(cell(*model, alice, LocalJudgeModel::Total), QStringLiteral("3/3"));
    QCOMPARE(cell(*model, carol, LocalJudgeModel::Total), QStringLiteral("2/3"));
    QCOMPARE(cell(*model, dave, LocalJudgeModel::Total), QStringLiteral("0/3"));
    QCOMPARE(model->index(carol, LocalJudgeModel::Total).data(LocalJudgeModel::VerdictRole),
             QVariant(int(Verdict::WA)));
    QCOMPARE(model->index(dave, LocalJudgeModel::Total).data(LocalJudgeModel::VerdictRole),
             QVariant(int(Verdict::CE)));
    QVERIFY(model->index(dave, LocalJudgeModel::Total)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("missing"))); // the compiler's words
    // Cells: colour and tooltip.
    const QModelIndex wrong = model->index(carol, model->testColumn(1));
    QCOMPARE(wrong.data().toString(), QStringLiteral("WA"));
    QCOMPARE(wrong.data(Qt::BackgroundRole).value<QColor>(), verdictColor(Verdict::WA));
    QVERIFY(wrong.data(Qt::ToolTipRole).toString().contains(verdictLabel(Verdict::WA)));
    QVERIFY(model->index(alice, model->testColumn(0))
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("KiB")));
    // Totals per test: passed of judged.
    const int totals = model->totalsRow();
    QCOMPARE(cell(*model, totals, model->testColumn(0)), QStringLiteral("3/4"));
    QCOMPARE(cell(*model, totals, model->testColumn(1)), QStringLiteral("2/4"));
    QCOMPARE(cell(*model, totals, model->testColumn(2)), QStringLiteral("3/4"));
    QCOMPARE(cell(*model, totals, LocalJudgeModel::Total), QStringLiteral("2/4"));

    // erin's language chosen through the model (as the combo box does), then judged.
    QVERIFY(
        model->setData(model->index(erin, LocalJudgeModel::Language), QStringLiteral("python3")));
    QCOMPARE(session->entry(erin).languageId, QStringLiteral("python3"));
    QCOMPARE(session->entry(erin).state, State::Idle);
    QCOMPARE(cell(*model, erin, LocalJudgeModel::Language), QStringLiteral("Python 3"));
    session->run({erin});
    QCOMPARE(session->total(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kJudgeTimeoutMs);
    QCOMPARE(row(*model, erin), QStringLiteral("AC AC AC"));
    QCOMPARE(cell(*model, totals, model->testColumn(1)), QStringLiteral("3/5"));
    QCOMPARE(cell(*model, totals, LocalJudgeModel::Total), QStringLiteral("3/5"));

    // Every judgement went through the console's queue, labelled as the local judge's.
    QList<JobRecord> jobs = m_source->recent(1000);
    QSet<QString> students;
    for (const JobRecord &job : std::as_const(jobs)) {
        if (sourceOf(job) == SubmissionSource::LocalJudge)
            students.insert(job.labels.value(QStringLiteral("local_student")).toString());
    }
    QCOMPARE(localJobs(*m_source), 5);
    QCOMPARE(students,
             QSet<QString>({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol"),
                            QStringLiteral("dave"), QStringLiteral("erin")}));

    // Saving carol's fixed file judges her again, and only her.
    QVERIFY(write(path(QStringLiteral("class/carol.py")), kAcceptedPython));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, kJudgeTimeoutMs);
    QCOMPARE(session->total(), 1);
    QCOMPARE(row(*model, carol), QStringLiteral("AC AC AC"));
    QCOMPARE(cell(*model, carol, LocalJudgeModel::Total), QStringLiteral("3/3"));
    QCOMPARE(cell(*model, totals, model->testColumn(1)), QStringLiteral("4/5"));
    QCOMPARE(cell(*model, totals, LocalJudgeModel::Total), QStringLiteral("4/5"));
    QCOMPARE(localJobs(*m_source), 6);

    // Dropping a listed file judges it again; it is not listed twice.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path(QStringLiteral("class/bob.py")))});
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&page, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&page, &drop);
    QCOMPARE(session->count(), 5);
    QVERIFY(session->entry(bob).isActive());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 4, kJudgeTimeoutMs);
    QCOMPARE(row(*model, bob), QStringLiteral("AC AC AC"));
    QCOMPARE(localJobs(*m_source), 7);

    // Editors that save by renaming a new file over the old one are followed too.
    const QString daveFile = path(QStringLiteral("class/dave.c"));
    QVERIFY(write(daveFile + QStringLiteral(".new"), kAcceptedC));
    QCOMPARE(std::rename(QFile::encodeName(daveFile + QStringLiteral(".new")).constData(),
                         QFile::encodeName(daveFile).constData()),
             0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 5, kJudgeTimeoutMs);
    QCOMPARE(row(*model, dave), QStringLiteral("AC AC AC"));
    QCOMPARE(cell(*model, totals, LocalJudgeModel::Total), QStringLiteral("5/5"));
    QCOMPARE(session->count(), 5); // dave.c.new came and went without being listed
}

void TestLocalJudge::cancelStopsSubmitting()
{
    for (int i = 1; i <= 10; ++i)
        QVERIFY(write(path(QStringLiteral("many/s%1.c").arg(i)), kAcceptedC));
    LocalJudgeSession session(m_source.get());
    LocalJudgeModel model(&session);
    QString error;
    QVERIFY2(session.setProblem(path(QStringLiteral("sum")), &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(session.isPrepared(), kJudgeTimeoutMs);
    QCOMPARE(session.addFiles({path(QStringLiteral("many"))}).size(), 10);
    QCOMPARE(session.entry(1).student, QStringLiteral("s2")); // natural order: s2 before s10
    const int before = localJobs(*m_source);

    QSignalSpy finished(&session, &LocalJudgeSession::finished);
    QSignalSpy progress(&session, &LocalJudgeSession::progress);
    session.run();
    QCOMPARE(session.total(), 10);
    // Only a few jobs are handed to the queue at a time: one more than its workers.
    const auto inState = [&session](State s) {
        int n = 0;
        for (int r = 0; r < session.count(); ++r)
            n += session.entry(r).state == s ? 1 : 0;
        return n;
    };
    QCOMPARE(inState(State::Queued), 3);
    QCOMPARE(inState(State::Pending), 7);

    session.cancel();
    QCOMPARE(inState(State::Cancelled), 7);
    QCOMPARE(session.total(), 3);
    QCOMPARE(model.index(9, LocalJudgeModel::Total).data().toString(), QStringLiteral("Cancelled"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kJudgeTimeoutMs);
    QCOMPARE(inState(State::Done), 3);
    QCOMPARE(inState(State::Cancelled), 7);
    QCOMPARE(progress.last(), QVariantList({3, 3}));
    QCOMPARE(localJobs(*m_source) - before, 3);
    QCOMPARE(row(model, 0), QStringLiteral("AC AC AC"));
    QCOMPARE(row(model, 9), QStringLiteral("- - -"));
}

void TestLocalJudge::brokenProblemsSayWhy()
{
    LocalJudgeSession session(m_source.get());
    QString error;
    QVERIFY(!session.setProblem(path(QStringLiteral("nowhere")), &error));
    QVERIFY2(error.contains(QLatin1String("no such folder")), qPrintable(error));

    // An input without an answer: the package is refused at once, naming the file.
    QVERIFY(write(path(QStringLiteral("noanswer/1.in")), "1 2\n"));
    QVERIFY(!session.setProblem(path(QStringLiteral("noanswer")), &error));
    QVERIFY2(error.startsWith(QLatin1String("Broken problem package: ")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("1.in: no answer")), qPrintable(error));
    QVERIFY(!session.hasProblem());

    // A checker that does not build: found while preparing, off this thread.
    QVERIFY(write(path(QStringLiteral("badchecker/1.in")), "1 2\n"));
    QVERIFY(write(path(QStringLiteral("badchecker/1.out")), "3\n"));
    QVERIFY(write(path(QStringLiteral("badchecker/checker.c")), "this is not C\n"));
    QSignalSpy failed(&session, &LocalJudgeSession::problemFailed);
    QVERIFY2(session.setProblem(path(QStringLiteral("badchecker")), &error), qPrintable(error));
    QVERIFY(session.isPreparing());
    QVERIFY(session.addFiles({path(QStringLiteral("class/alice.c"))}).size() == 1);
    session.run(); // waits for the problem, which fails: the row cannot be judged
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kJudgeTimeoutMs);
    const QString why = failed.first().first().toString();
    QVERIFY2(why.contains(QLatin1String("checker.c")) &&
                 why.contains(QLatin1String("does not build")),
             qPrintable(why));
    QCOMPARE(session.problemError(), why);
    QCOMPARE(session.entry(0).state, State::Failed);
    QVERIFY(!session.isRunning());

    // The page shows the reason where the problem's name would be.
    LocalJudgePage page(m_source.get());
    QVERIFY(!page.openProblem(path(QStringLiteral("noanswer")), &error));
    bool shown = false;
    for (const QLabel *label : page.findChildren<QLabel *>())
        shown = shown || label->text() == error;
    QVERIFY(shown);
    QVERIFY(!page.runAction()->isEnabled());
}

void TestLocalJudge::withoutEngineDisablesItself()
{
    LocalSource remote(nullptr); // as a source without an engine in this process
    LocalJudgePage page(&remote);
    page.show();
    QVERIFY(!page.session()->isAvailable());
    QVERIFY(!page.view()->isEnabled());
    QVERIFY(!page.runAction()->isEnabled());
    QVERIFY(!page.acceptDrops());
    bool said = false;
    for (const QLabel *label : page.findChildren<QLabel *>())
        said = said || (label->isVisible() && label->text().contains(QLatin1String("engine")));
    QVERIFY(said);
    QString error;
    QVERIFY(!page.openProblem(path(QStringLiteral("sum")), &error));
    QVERIFY2(error.contains(QLatin1String("engine")), qPrintable(error));
    QVERIFY(page.addSubmissions({path(QStringLiteral("class"))}).isEmpty());
    QCOMPARE(page.session()->count(), 0);
}

QTEST_MAIN(TestLocalJudge)
#include "tst_localjudge.moc"
