// The Submissions page over a real engine (one box): jobs from the window and
// from an API appear live, filter and sort; a wrong answer's test shows its
// differing lines; a huge output is cut short; re-judging submits again. And
// the model alone: a job's many changes are one row, and the table is bounded.

#include "consolesource.h"
#include "engine.h"
#include "linediff.h"
#include "outputdiffview.h"
#include "submissionfiltermodel.h"
#include "submissionmodel.h"
#include "submissionspage.h"
#include "testresultmodel.h"
#include "verdictstyle.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBlock>

using namespace evalx;
using namespace evalx::ui;

namespace {

constexpr int kWaitMs = 90000;

// Prints 1..n, but 33 for 3 and, from n = 5 on, an extra line n + 1.
const QByteArray kWrongPy = "n = int(input())\n"
                            "for i in range(1, n + 1):\n"
                            "    print(33 if i == 3 else i)\n"
                            "if n >= 5:\n"
                            "    print(n + 1)\n";

TestData test(const QString &name, const QByteArray &input, const QByteArray &answer)
{
    TestData t;
    t.name = name;
    t.input = input;
    t.answer = answer;
    return t;
}

BatchRequest request(const Engine &engine, const QByteArray &source, const QString &origin,
                     QList<TestData> tests)
{
    BatchRequest r;
    r.submission =
        Submission::fromSource(*engine.languages().find(QStringLiteral("python3")), source);
    r.submission.origin = origin;
    r.tests = std::move(tests);
    r.limits.cpuMs = 5000;
    r.limits.wallMs = 10000;
    r.limits.memoryKib = 256 * 1024;
    r.limits.processes = 32;
    r.limits.outputKib = 8192;
    return r;
}

SubmitOptions fromWindow(int priority = 0)
{
    SubmitOptions o;
    o.labels.insert(QLatin1String(kOriginLabel), QStringLiteral("window"));
    o.priority = priority;
    return o;
}

QList<QByteArray> tokensOf(const QAbstractItemModel &model)
{
    QList<QByteArray> out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, 0).data(SubmissionModel::TokenRole).toByteArray();
    return out;
}

QList<int> highlightedLines(const QPlainTextEdit *edit)
{
    QList<int> out;
    for (const QTextEdit::ExtraSelection &s : edit->extraSelections())
        out << s.cursor.blockNumber();
    return out;
}

JobRecord fakeJob(const QByteArray &token, JobState state, Verdict verdict)
{
    JobRecord job;
    job.token = token;
    job.state = state;
    job.createdAt = QDateTime::currentDateTimeUtc();
    job.result.verdict = verdict;
    job.request.submission.languageId = QStringLiteral("c");
    job.request.tests.resize(3);
    return job;
}

} // namespace

class TestSubmissions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void showsJobsLiveWithVerdicts();
    void filtersBySourceVerdictLanguageAndText();
    void sortsByVerdict();
    void wrongAnswerShowsItsTestsAndDifferingLines();
    void compileErrorShowsTheCompilersWords();
    void hugeOutputIsCutShort();
    void rejudgesTheSelectedRows();
    void modelKeepsOneRowPerJob();
    void modelIsBounded();
    void lineDiffFallsBackToPositions();

private:
    Verdict verdictAt(int sourceRow) const
    {
        return Verdict(
            m_page->model()->index(sourceRow, 0).data(SubmissionModel::VerdictRole).toInt());
    }
    bool allDone() const
    {
        for (int r = 0; r < m_page->model()->rowCount(); ++r) {
            if (m_page->model()->index(r, 0).data(SubmissionModel::StateRole).toInt() !=
                int(JobState::Done))
                return false;
        }
        return true;
    }

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<LocalSource> m_source;
    std::unique_ptr<SubmissionsPage> m_page;
    QByteArray m_ac, m_wa, m_ce;
};

void TestSubmissions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    EngineOptions options;
    options.sandbox.poolSize = 1;
    options.detectLanguages = false;
    m_engine = std::make_unique<Engine>(options);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_source = std::make_unique<LocalSource>(m_engine.get());
    m_page = std::make_unique<SubmissionsPage>(m_source.get());
    m_page->resize(1200, 800);
    m_page->show();
    QCOMPARE(m_page->model()->rowCount(), 0);

    const Engine &e = *m_engine;
    // Accepted and wrong answer from the window, a compile error from the API.
    auto ac = m_source->submit(request(e, "a, b = map(int, input().split())\nprint(a + b)\n",
                                       QStringLiteral("tests/sum.py"),
                                       {test(QStringLiteral("small"), "1 2\n", "3\n"),
                                        test(QStringLiteral("big"), "20 22\n", "42\n")}),
                               fromWindow(3), &error);
    QVERIFY2(ac, qPrintable(error));
    QTest::qWait(20); // distinct creation times: the newest is on top
    auto wa = m_source->submit(request(e, kWrongPy, QStringLiteral("tests/wrong.py"),
                                       {test(QStringLiteral("two"), "2\n", "1\n2\n"),
                                        test(QStringLiteral("five"), "5\n", "1\n2\n3\n4\n5\n")}),
                               fromWindow(), &error);
    QVERIFY2(wa, qPrintable(error));
    QTest::qWait(20);
    auto ce =
        m_engine->jobs()->submit(request(e, "def broken(:\n    pass\n", QStringLiteral("api/v1"),
                                         {test(QStringLiteral("1"), "", "")}),
                                 &error);
    QVERIFY2(ce, qPrintable(error));
    m_ac = *ac;
    m_wa = *wa;
    m_ce = *ce;
}

void TestSubmissions::cleanupTestCase()
{
    m_page.reset();
    m_source.reset();
    m_engine.reset();
}

void TestSubmissions::showsJobsLiveWithVerdicts()
{
    SubmissionModel *model = m_page->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(allDone(), kWaitMs);
    // Newest on top.
    QCOMPARE(model->tokenAt(0), m_ce);
    QCOMPARE(model->tokenAt(2), m_ac);
    QCOMPARE(verdictAt(model->rowOf(m_ac)), Verdict::AC);
    QCOMPARE(verdictAt(model->rowOf(m_wa)), Verdict::WA);
    QCOMPARE(verdictAt(model->rowOf(m_ce)), Verdict::CE);

    // What the row shows: the verdict with its colour and icon, the tests passed.
    const QModelIndex wa = model->index(model->rowOf(m_wa), SubmissionModel::VerdictColumn);
    QCOMPARE(wa.data().toString(), QStringLiteral("Wrong answer"));
    QCOMPARE(wa.data(Qt::ForegroundRole).value<QColor>(), verdictColor(Verdict::WA));
    QVERIFY(!wa.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(wa.siblingAtColumn(SubmissionModel::TestsColumn).data().toString(),
             QStringLiteral("1/2"));
    QCOMPARE(wa.siblingAtColumn(SubmissionModel::SourceColumn).data().toString(),
             sourceName(SubmissionSource::Window));
    QCOMPARE(wa.siblingAtColumn(SubmissionModel::LanguageColumn).data().toString(),
             QStringLiteral("python3"));
    QCOMPARE(wa.siblingAtColumn(SubmissionModel::TokenColumn).data().toString(),
             QString::fromLatin1(m_wa.left(8)));
    QVERIFY(
        wa.siblingAtColumn(SubmissionModel::CpuColumn).data(SubmissionModel::SortRole).toDouble() >
        0);

    // A model made now starts from the source's recent jobs, in the same order.
    SubmissionModel fresh(m_source.get());
    QCOMPARE(tokensOf(fresh), tokensOf(*model));
}

void TestSubmissions::filtersBySourceVerdictLanguageAndText()
{
    SubmissionFilterModel *filter = m_page->filterModel();
    QCOMPARE(filter->rowCount(), 3);

    filter->setVerdictFilter({Verdict::WA});
    QCOMPARE(tokensOf(*filter), QList<QByteArray>{m_wa});
    filter->setVerdictFilter({Verdict::AC, Verdict::CE});
    QCOMPARE(filter->rowCount(), 2);
    QVERIFY(!tokensOf(*filter).contains(m_wa));
    filter->setVerdictFilter({}, true); // queued or running: none by now
    QCOMPARE(filter->rowCount(), 0);
    filter->setVerdictFilter({});

    filter->setSourceFilter(SubmissionSource::Window);
    QCOMPARE(filter->rowCount(), 2);
    QVERIFY(!tokensOf(*filter).contains(m_ce));
    filter->setSourceFilter(SubmissionSource::Native);
    QCOMPARE(tokensOf(*filter), QList<QByteArray>{m_ce});
    filter->setSourceFilter(std::nullopt);

    filter->setLanguageFilter(QStringLiteral("cpp"));
    QCOMPARE(filter->rowCount(), 0);
    filter->setLanguageFilter(QStringLiteral("python3"));
    QCOMPARE(filter->rowCount(), 3);
    filter->setLanguageFilter({});

    // Text: the origin, a token's start, case-insensitively; and the page's
    // own search box drives the same filter.
    filter->setTextFilter(QStringLiteral("WRONG.py"));
    QCOMPARE(tokensOf(*filter), QList<QByteArray>{m_wa});
    filter->setTextFilter(QString::fromLatin1(m_ac.left(10)));
    QCOMPARE(tokensOf(*filter), QList<QByteArray>{m_ac});
    filter->setTextFilter({});
    QCOMPARE(filter->rowCount(), 3);
    auto *search = m_page->findChild<QLineEdit *>();
    QVERIFY(search);
    search->setText(QStringLiteral("Tests/Sum"));
    QCOMPARE(tokensOf(*filter), QList<QByteArray>{m_ac});
    search->clear();
    QCOMPARE(filter->rowCount(), 3);

    // Through the page's combos.
    QComboBox *verdicts = nullptr;
    for (QComboBox *combo : m_page->findChildren<QComboBox *>()) {
        if (combo->findData(int(Verdict::CE)) >= 0 &&
            combo->itemText(0) == QLatin1String("Any verdict"))
            verdicts = combo;
    }
    QVERIFY(verdicts);
    verdicts->setCurrentIndex(verdicts->findData(int(Verdict::CE)));
    QCOMPARE(tokensOf(*filter), QList<QByteArray>{m_ce});
    verdicts->setCurrentIndex(0);
    QCOMPARE(filter->rowCount(), 3);
}

void TestSubmissions::sortsByVerdict()
{
    m_page->table()->sortByColumn(SubmissionModel::VerdictColumn, Qt::AscendingOrder);
    QCOMPARE(tokensOf(*m_page->filterModel()), (QList<QByteArray>{m_ac, m_wa, m_ce}));
    m_page->table()->sortByColumn(SubmissionModel::VerdictColumn, Qt::DescendingOrder);
    QCOMPARE(tokensOf(*m_page->filterModel()), (QList<QByteArray>{m_ce, m_wa, m_ac}));
    m_page->table()->sortByColumn(SubmissionModel::CreatedColumn, Qt::DescendingOrder);
    QCOMPARE(tokensOf(*m_page->filterModel()), tokensOf(*m_page->model()));
}

void TestSubmissions::wrongAnswerShowsItsTestsAndDifferingLines()
{
    QVERIFY(m_page->selectToken(m_wa));
    QCOMPARE(m_page->currentToken(), m_wa);
    QVERIFY(m_page->sourceView()->toPlainText().contains(QLatin1String("print(33 if i == 3")));

    TestResultModel *tests = m_page->testModel();
    QCOMPARE(tests->rowCount(), 2);
    const auto cell = [tests](int row, int column) { return tests->index(row, column); };
    QCOMPARE(cell(0, TestResultModel::NameColumn).data().toString(), QStringLiteral("two"));
    QCOMPARE(cell(0, TestResultModel::VerdictColumn).data(TestResultModel::VerdictRole).toInt(),
             int(Verdict::AC));
    QCOMPARE(cell(1, TestResultModel::VerdictColumn).data(TestResultModel::VerdictRole).toInt(),
             int(Verdict::WA));
    QCOMPARE(cell(1, TestResultModel::VerdictColumn).data().toString(),
             QStringLiteral("Wrong answer"));
    QCOMPARE(cell(1, TestResultModel::VerdictColumn).data(Qt::ForegroundRole).value<QColor>(),
             verdictColor(Verdict::WA));
    QCOMPARE(cell(1, TestResultModel::ExitColumn).data().toInt(), 0);
    QVERIFY(!cell(1, TestResultModel::MessageColumn).data().toString().isEmpty());
    QVERIFY(cell(1, TestResultModel::WallColumn).data().toString().endsWith(QLatin1String(" s")));

    // The first failing test is selected: its input and both outputs, and
    // exactly the lines that differ. Expected 1 2 3 4 5, actual 1 2 33 4 5 6.
    QCOMPARE(m_page->testTable()->currentIndex().row(), 1);
    OutputDiffView *diff = m_page->diffView();
    QCOMPARE(diff->edit(OutputDiffView::InputPane)->toPlainText(), QStringLiteral("5"));
    QCOMPARE(diff->edit(OutputDiffView::ExpectedPane)->toPlainText(),
             QStringLiteral("1\n2\n3\n4\n5"));
    QCOMPARE(diff->edit(OutputDiffView::ActualPane)->toPlainText(),
             QStringLiteral("1\n2\n33\n4\n5\n6"));
    QCOMPARE(highlightedLines(diff->edit(OutputDiffView::ExpectedPane)), QList<int>{2});
    QCOMPARE(highlightedLines(diff->edit(OutputDiffView::ActualPane)), (QList<int>{2, 5}));
    QVERIFY(!diff->diff().positional);
    QVERIFY2(diff->summary().contains(QLatin1String("line 3")), qPrintable(diff->summary()));

    // The accepted test: nothing highlighted.
    m_page->testTable()->selectionModel()->setCurrentIndex(
        cell(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(diff->edit(OutputDiffView::ActualPane)->toPlainText(), QStringLiteral("1\n2"));
    QVERIFY(diff->edit(OutputDiffView::ExpectedPane)->extraSelections().isEmpty());
    QVERIFY(diff->edit(OutputDiffView::ActualPane)->extraSelections().isEmpty());
}

void TestSubmissions::compileErrorShowsTheCompilersWords()
{
    QVERIFY(m_page->selectToken(m_ce));
    QVERIFY2(m_page->compileView()->toPlainText().contains(QLatin1String("SyntaxError")),
             qPrintable(m_page->compileView()->toPlainText()));
    QCOMPARE(m_page->testModel()->rowCount(), 1);
}

void TestSubmissions::hugeOutputIsCutShort()
{
    // 200,000 lines expected; the program gets every 1,000th one wrong.
    QByteArray expected;
    for (int i = 0; i < 200000; ++i)
        expected += QByteArray::number(i) + '\n';
    const QByteArray program = "import sys\n"
                               "sys.stdout.write(''.join(str(i) + ('x' if i % 1000 == 999 else '')"
                               " + '\\n' for i in range(200000)))\n";
    QString error;
    const auto token = m_source->submit(request(*m_engine, program, QStringLiteral("tests/huge.py"),
                                                {test(QStringLiteral("huge"), "", expected)}),
                                        fromWindow(), &error);
    QVERIFY2(token, qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOf(*token) >= 0 && allDone(), kWaitMs);
    QCOMPARE(verdictAt(m_page->model()->rowOf(*token)), Verdict::WA);

    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_page->selectToken(*token));
    qInfo("selecting the job with 200,000 lines and showing its test took %lld ms",
          timer.elapsed());
    OutputDiffView *diff = m_page->diffView();
    const QString note = QStringLiteral("showing the first %1 of %2 lines")
                             .arg(QLocale().toString(2000), QLocale().toString(200000));
    QCOMPARE(diff->note(OutputDiffView::ExpectedPane), note);
    QCOMPARE(diff->note(OutputDiffView::ActualPane), note);
    for (auto pane : {OutputDiffView::ExpectedPane, OutputDiffView::ActualPane})
        QCOMPARE(diff->edit(pane)->document()->blockCount(), OutputDiffView::kMaxLines);
    // Only the shown lines are compared: lines 999 and 1999 of each.
    QCOMPARE(highlightedLines(diff->edit(OutputDiffView::ExpectedPane)), (QList<int>{999, 1999}));
    QCOMPARE(highlightedLines(diff->edit(OutputDiffView::ActualPane)), (QList<int>{999, 1999}));

    // Everything different: the highlighting is bounded by the lines shown.
    QByteArray other;
    for (int i = 0; i < 200000; ++i)
        other += "y" + QByteArray::number(i) + '\n';
    diff->setTexts({}, {expected}, {other});
    QCOMPARE(diff->edit(OutputDiffView::ActualPane)->extraSelections().size(),
             OutputDiffView::kMaxLines);
    QCOMPARE(diff->edit(OutputDiffView::ExpectedPane)->extraSelections().size(),
             OutputDiffView::kMaxLines);

    // One line longer than the byte cap is cut too.
    diff->setTexts({}, {QByteArray(3 << 20, 'a')}, {QByteArray("a\n")});
    QCOMPARE(diff->edit(OutputDiffView::ExpectedPane)->document()->characterCount() - 1,
             OutputDiffView::kMaxBytes);
}

void TestSubmissions::rejudgesTheSelectedRows()
{
    QCOMPARE(m_page->rejudgeAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    m_page->table()->sortByColumn(SubmissionModel::CreatedColumn, Qt::DescendingOrder);
    QVERIFY(m_page->selectToken(m_ac));
    const QModelIndex wa = m_page->filterModel()->mapFromSource(
        m_page->model()->index(m_page->model()->rowOf(m_wa), 0));
    m_page->table()->selectionModel()->select(wa, QItemSelectionModel::Select |
                                                      QItemSelectionModel::Rows);
    QVERIFY(m_page->rejudgeAction()->isEnabled());
    const int before = m_page->model()->rowCount();

    const QList<QByteArray> fresh = m_page->rejudgeSelected();
    QCOMPARE(fresh.size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), before + 2, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(allDone(), kWaitMs);
    QList<Verdict> verdicts;
    for (const QByteArray &token : fresh) {
        const int row = m_page->model()->rowOf(token);
        QVERIFY(row >= 0 && row < 2); // on top
        verdicts << verdictAt(row);
        const std::optional<JobRecord> job = m_source->find(token);
        QVERIFY(job);
        QCOMPARE(sourceOf(*job), SubmissionSource::Window);
        // The same request, at the same priority.
        const std::optional<JobRecord> original = m_source->find(
            job->request.submission.origin == QLatin1String("tests/sum.py") ? m_ac : m_wa);
        QCOMPARE(job->request.submission.files.constFirst().data,
                 original->request.submission.files.constFirst().data);
        QCOMPARE(job->priority, original->priority);
    }
    std::sort(verdicts.begin(), verdicts.end());
    QCOMPARE(verdicts, (QList<Verdict>{Verdict::AC, Verdict::WA}));
}

void TestSubmissions::modelKeepsOneRowPerJob()
{
    LocalSource source(nullptr);
    SubmissionModel model(&source);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // A burst before the event loop comes back: one insertion.
    for (int i = 0; i < 1000; ++i) {
        JobRecord job = fakeJob("same-token", JobState::Running, Verdict::IE);
        job.result.tests.resize(i % 3);
        Q_EMIT source.jobChanged(job);
    }
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.size(), 1);
    // Then each change is that one row, changed in place.
    for (int i = 0; i < 999; ++i)
        Q_EMIT source.jobChanged(fakeJob("same-token", JobState::Running, Verdict::IE));
    Q_EMIT source.jobChanged(fakeJob("same-token", JobState::Done, Verdict::TLE));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(changed.size(), 1000);
    for (const QList<QVariant> &args : changed) {
        QCOMPARE(args.at(0).toModelIndex().row(), 0);
        QCOMPARE(args.at(1).toModelIndex().row(), 0);
    }
    QCOMPARE(model.index(0, 0).data(SubmissionModel::VerdictRole).toInt(), int(Verdict::TLE));
    QCOMPARE(model.index(0, SubmissionModel::TestsColumn).data().toString(), QStringLiteral("0/3"));

    // A second job goes on top; the first keeps being updated where it now is.
    Q_EMIT source.jobChanged(fakeJob("other", JobState::Queued, Verdict::IE));
    model.insertPending();
    QCOMPARE(model.tokenAt(0), QByteArray("other"));
    QCOMPARE(model.rowOf("same-token"), 1);
    Q_EMIT source.jobChanged(fakeJob("same-token", JobState::Done, Verdict::MLE));
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 1);
    QCOMPARE(model.index(1, 0).data(SubmissionModel::VerdictRole).toInt(), int(Verdict::MLE));
}

void TestSubmissions::modelIsBounded()
{
    LocalSource source(nullptr);
    SubmissionModel model(&source);
    QCOMPARE(model.maxRows(), 10000);
    const int total = 10050;
    for (int i = 0; i < total; ++i)
        Q_EMIT source.jobChanged(
            fakeJob("job-" + QByteArray::number(i), JobState::Queued, Verdict::IE));
    model.insertPending();
    QCOMPARE(model.rowCount(), 10000);
    QCOMPARE(model.tokenAt(0), QByteArray("job-10049"));
    QCOMPARE(model.tokenAt(9999), QByteArray("job-50"));
    QCOMPARE(model.rowOf("job-49"), -1);
    QCOMPARE(model.rowOf("job-50"), 9999);
    // Another one drops the oldest again, and rows still find their jobs.
    Q_EMIT source.jobChanged(fakeJob("job-new", JobState::Queued, Verdict::IE));
    model.insertPending();
    QCOMPARE(model.rowCount(), 10000);
    QCOMPARE(model.rowOf("job-50"), -1);
    QCOMPARE(model.rowOf("job-new"), 0);
    QCOMPARE(model.rowOf("job-5000"), 5050);
    QCOMPARE(model.tokenAt(5050), QByteArray("job-5000"));
}

void TestSubmissions::lineDiffFallsBackToPositions()
{
    const QStringList a{QStringLiteral("x"), QStringLiteral("1"), QStringLiteral("2"),
                        QStringLiteral("3"), QStringLiteral("y")};
    const QStringList b{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                        QStringLiteral("z")};
    // The LCS sees a line missing at the start and one changed at the end...
    const LineDiff lcs = diffLines(a, b);
    QVERIFY(!lcs.positional);
    QCOMPARE(lcs.expectedOnly, (QList<int>{0, 4}));
    QCOMPARE(lcs.actualOnly, QList<int>{3});
    // ...over too many cells, lines are compared by position: everything moved differs.
    const LineDiff positional = diffLines(a, b, 19);
    QVERIFY(positional.positional);
    QCOMPARE(positional.expectedOnly, (QList<int>{0, 1, 2, 3, 4}));
    QCOMPARE(positional.actualOnly, (QList<int>{0, 1, 2, 3}));
    // A common start and end cost no cells.
    const QStringList c{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")};
    const QStringList d{QStringLiteral("1"), QStringLiteral("4"), QStringLiteral("3")};
    const LineDiff small = diffLines(c, d, 1);
    QVERIFY(!small.positional);
    QCOMPARE(small.expectedOnly, QList<int>{1});
    QCOMPARE(small.actualOnly, QList<int>{1});
}

QTEST_MAIN(TestSubmissions)
#include "tst_submissions.moc"
