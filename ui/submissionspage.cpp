#include "submissionspage.h"
#include "appearance.h"
#include "reportexport.h"
#include "reportwriter.h"
#include "consolesource.h"
#include "outputdiffview.h"
#include "submissionfiltermodel.h"
#include "submissionmodel.h"
#include "testresultmodel.h"
#include "verdictstyle.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace evalx::ui {

namespace {

constexpr int kAnyVerdict = -1;
constexpr int kUnfinished = -2;

// A test's data as a pane shows it: in memory, or the head of its file.
OutputDiffView::Text testText(const QByteArray &data, const QString &path)
{
    OutputDiffView::Text text;
    if (path.isEmpty()) {
        text.data = data;
        return text;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        text.data = QCoreApplication::translate("evalx::ui", "(cannot read %1: %2)")
                        .arg(path, file.errorString())
                        .toUtf8();
        return text;
    }
    text.data = file.read(OutputDiffView::kMaxBytes + 1);
    if (file.size() > text.data.size())
        text.fullSize = file.size();
    return text;
}

QString sourceText(const Submission &submission)
{
    if (submission.files.size() == 1)
        return QString::fromUtf8(submission.files.constFirst().data);
    QString text;
    for (const SourceFile &file : submission.files) {
        if (!text.isEmpty())
            text += u'\n';
        text += QLatin1String("==> ") + file.name + QLatin1String(" <==\n") +
                QString::fromUtf8(file.data);
    }
    return text;
}

void setTextIfChanged(QPlainTextEdit *edit, const QString &text)
{
    // Setting the same text again would scroll the reader back to the top.
    if (edit->toPlainText() != text)
        edit->setPlainText(text);
}

QTableView *newTable(QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

} // namespace

SubmissionsPage::SubmissionsPage(ConsoleSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
    , m_model(new SubmissionModel(source, this))
    , m_filter(new SubmissionFilterModel(this))
    , m_testModel(new TestResultModel(this))
{
    m_filter->setSourceModel(m_model);

    m_rejudge = new QAction(icon("rejudge"), tr("&Re-judge"), this);
    m_rejudge->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_rejudge->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_rejudge->setToolTip(tr("Submit the selected submissions again (%1)")
                              .arg(m_rejudge->shortcut().toString(QKeySequence::NativeText)));
    connect(m_rejudge, &QAction::triggered, this, &SubmissionsPage::rejudgeSelected);
    addAction(m_rejudge);
    m_export = new QAction(tr("&Export selection…"), this);
    m_export->setToolTip(tr("Save the selected submissions as an HTML, PDF, CSV or JSON report"));
    connect(m_export, &QAction::triggered, this, &SubmissionsPage::chooseExportFile);
    addAction(m_export);

    m_table = newTable(this);
    m_table->setModel(m_filter);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SubmissionModel::CreatedColumn, Qt::DescendingOrder);
    // Wide enough for the longest verdict, "Memory limit exceeded".
    const int verdictWidth = fontMetrics().horizontalAdvance(verdictLabel(Verdict::MLE)) + 48;
    m_table->horizontalHeader()->resizeSection(SubmissionModel::VerdictColumn, verdictWidth);
    m_table->addAction(m_rejudge);
    m_table->addAction(m_export);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SubmissionsPage::onCurrentJobChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SubmissionsPage::updateActions);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(createDetails());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createFilterBar());
    layout->addWidget(splitter, 1);

    if (m_source)
        connect(m_source, &ConsoleSource::jobChanged, this, &SubmissionsPage::onJobChanged);
    showJob(std::nullopt, true);
    updateActions();
}

SubmissionsPage::~SubmissionsPage() = default;

QWidget *SubmissionsPage::createFilterBar()
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);

    m_verdictCombo = new QComboBox(bar);
    m_verdictCombo->addItem(tr("Any verdict"), kAnyVerdict);
    m_verdictCombo->addItem(tr("Queued or running"), kUnfinished);
    for (Verdict v : allVerdicts())
        m_verdictCombo->addItem(verdictIcon(v), verdictLabel(v), int(v));
    connect(m_verdictCombo, &QComboBox::currentIndexChanged, this,
            &SubmissionsPage::applyVerdictFilter);

    m_languageCombo = new QComboBox(bar);
    m_languageCombo->addItem(tr("Any language"), QString());
    if (m_source) {
        for (const Language &l : m_source->languages().languages())
            m_languageCombo->addItem(l.name, l.id);
    }
    connect(m_languageCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setLanguageFilter(m_languageCombo->currentData().toString()); });

    m_sourceCombo = new QComboBox(bar);
    m_sourceCombo->addItem(tr("Any source"), -1);
    for (SubmissionSource s :
         {SubmissionSource::Window, SubmissionSource::LocalJudge, SubmissionSource::Judge0,
          SubmissionSource::Piston, SubmissionSource::Native, SubmissionSource::Other})
        m_sourceCombo->addItem(sourceName(s), int(s));
    connect(m_sourceCombo, &QComboBox::currentIndexChanged, this, [this] {
        const int s = m_sourceCombo->currentData().toInt();
        m_filter->setSourceFilter(s < 0 ? std::nullopt
                                        : std::optional<SubmissionSource>(SubmissionSource(s)));
    });

    m_search = new QLineEdit(bar);
    m_search->setPlaceholderText(tr("Search token, origin, language, message"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &SubmissionFilterModel::setTextFilter);

    auto *rejudge = new QToolButton(bar);
    rejudge->setDefaultAction(m_rejudge);
    auto *exportButton = new QToolButton(bar);
    exportButton->setDefaultAction(m_export);
    m_status = new QLabel(bar);

    layout->addWidget(m_verdictCombo);
    layout->addWidget(m_languageCombo);
    layout->addWidget(m_sourceCombo);
    layout->addWidget(m_search, 1);
    layout->addWidget(rejudge);
    layout->addWidget(exportButton);
    layout->addWidget(m_status);
    return bar;
}

QWidget *SubmissionsPage::createDetails()
{
    auto *details = new QWidget(this);
    auto *layout = new QVBoxLayout(details);
    layout->setContentsMargins(0, 0, 0, 0);
    m_header = new QLabel(details);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setWordWrap(true);
    layout->addWidget(m_header);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_detailTabs = new QTabWidget(details);
    m_sourceView = new QPlainTextEdit(m_detailTabs);
    m_compileView = new QPlainTextEdit(m_detailTabs);
    for (QPlainTextEdit *edit : {m_sourceView, m_compileView}) {
        edit->setReadOnly(true);
        edit->setUndoRedoEnabled(false);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setFont(fixed);
    }
    m_compileView->setPlaceholderText(tr("No compiler output."));
    m_detailTabs->addTab(m_sourceView, tr("Source"));
    m_detailTabs->addTab(m_compileView, tr("Compiler output"));

    m_testTable = newTable(details);
    m_testTable->setModel(m_testModel);
    m_testTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_testTable->horizontalHeader()->resizeSection(
        TestResultModel::VerdictColumn,
        fontMetrics().horizontalAdvance(verdictLabel(Verdict::MLE)) + 48);
    m_testTable->horizontalHeader()->resizeSection(TestResultModel::IndexColumn,
                                                   fontMetrics().horizontalAdvance(u'0') * 6);
    connect(
        m_testTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { showTest(current.isValid() ? current.row() : -1); });
    m_diff = new OutputDiffView(details);

    auto *tests = new QSplitter(Qt::Vertical, details);
    tests->addWidget(m_testTable);
    tests->addWidget(m_diff);
    tests->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Horizontal, details);
    split->addWidget(m_detailTabs);
    split->addWidget(tests);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    return details;
}

void SubmissionsPage::applyVerdictFilter()
{
    const int key = m_verdictCombo->currentData().toInt();
    if (key == kAnyVerdict)
        m_filter->setVerdictFilter({});
    else if (key == kUnfinished)
        m_filter->setVerdictFilter({}, true);
    else
        m_filter->setVerdictFilter({Verdict(key)});
}

void SubmissionsPage::onCurrentJobChanged()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const QByteArray token =
        current.isValid()
            ? current.siblingAtColumn(0).data(SubmissionModel::TokenRole).toByteArray()
            : QByteArray();
    if (token == m_token)
        return;
    m_token = token;
    showJob(token.isEmpty() || !m_source ? std::nullopt : m_source->find(token), true);
}

void SubmissionsPage::onJobChanged(const JobRecord &job)
{
    if (!m_token.isEmpty() && job.token == m_token)
        showJob(job, false);
}

void SubmissionsPage::showJob(const std::optional<JobRecord> &job, bool fresh)
{
    m_job = job;
    if (!job) {
        m_header->setText(
            m_token.isEmpty()
                ? tr("Select a submission to see its source, its compiler's output "
                     "and its tests.")
                : tr("The judge no longer keeps submission %1.").arg(QString::fromLatin1(m_token)));
        m_sourceView->clear();
        m_compileView->clear();
        m_testModel->clear();
        m_testRow = -1;
        m_diff->clear();
        return;
    }
    QString header = tr("%1 — %2 — %3 — %4")
                         .arg(QString::fromLatin1(job->token), sourceName(sourceOf(*job)),
                              job->request.submission.languageId,
                              jobStatusText(job->state, job->result.verdict));
    if (job->state == JobState::Done && !job->result.message.isEmpty())
        header += QLatin1String(": ") + job->result.message;
    m_header->setText(header);
    setTextIfChanged(m_sourceView, sourceText(job->request.submission));
    QString compile = job->result.compileOutput;
    if (job->state == JobState::Done && job->result.verdict == Verdict::CE && compile.isEmpty())
        compile = job->result.message;
    setTextIfChanged(m_compileView, compile);
    if (fresh && job->result.verdict == Verdict::CE && job->state == JobState::Done)
        m_detailTabs->setCurrentWidget(m_compileView);
    else if (fresh)
        m_detailTabs->setCurrentWidget(m_sourceView);

    m_testModel->setJob(*job);
    if (fresh) {
        m_testRow = -1;
        m_diff->clear();
        // Straight to the first failing test, where there is one.
        int row = -1;
        for (int r = 0; r < m_testModel->rowCount(); ++r) {
            const TestOutcome *t = m_testModel->outcome(r);
            if (t && isFailure(t->verdict)) {
                row = r;
                break;
            }
        }
        if (row >= 0)
            m_testTable->selectionModel()->setCurrentIndex(m_testModel->index(row, 0),
                                                           QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
        else
            m_testTable->clearSelection();
    } else if (m_testRow >= 0 && !m_testShownRun && m_testModel->outcome(m_testRow)) {
        showTest(m_testRow); // the test shown has now run
    }
}

void SubmissionsPage::showTest(int row)
{
    m_testRow = row;
    if (!m_job || row < 0 || row >= m_testModel->rowCount()) {
        m_diff->clear();
        return;
    }
    const TestOutcome *outcome = m_testModel->outcome(row);
    m_testShownRun = outcome != nullptr;
    OutputDiffView::Text input;
    OutputDiffView::Text expected;
    if (row < m_job->request.tests.size()) {
        const TestData &test = m_job->request.tests.at(row);
        input = testText(test.input, test.inputPath);
        expected = testText(test.answer, test.answerPath);
        expected.present = test.hasAnswer;
    } else {
        expected.present = false;
    }
    OutputDiffView::Text actual;
    actual.present = outcome != nullptr;
    if (outcome)
        actual.data = outcome->run.stdoutData;
    m_diff->setTexts(input, expected, actual);
}

QList<QByteArray> SubmissionsPage::rejudgeSelected()
{
    QList<QByteArray> added;
    if (!m_source)
        return added;
    const QList<QByteArray> tokens = m_filter->tokens(m_table->selectionModel()->selectedRows());
    QStringList errors;
    for (const QByteArray &token : tokens) {
        const std::optional<JobRecord> job = m_source->find(token);
        if (!job) {
            errors << tr("%1 is no longer kept").arg(QString::fromLatin1(token.left(8)));
            continue;
        }
        SubmitOptions options;
        options.labels.insert(QLatin1String(kOriginLabel), QStringLiteral("window"));
        options.priority = job->priority;
        QString error;
        if (const std::optional<QByteArray> fresh = m_source->submit(job->request, options, &error))
            added << *fresh;
        else
            errors << tr("%1: %2").arg(QString::fromLatin1(token.left(8)), error);
    }
    if (errors.isEmpty())
        m_status->setText(tr("Re-judging %n submission(s).", nullptr, int(added.size())));
    else
        m_status->setText(tr("Could not re-judge %1").arg(errors.join(QLatin1String("; "))));
    return added;
}

bool SubmissionsPage::selectToken(const QByteArray &token)
{
    int row = m_model->rowOf(token);
    if (row < 0) {
        m_model->insertPending();
        row = m_model->rowOf(token);
    }
    if (row < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void SubmissionsPage::updateActions()
{
    m_rejudge->setEnabled(m_source && m_table->selectionModel()->hasSelection());
    m_export->setEnabled(m_source && m_table->selectionModel()->hasSelection());
}

std::optional<Report> SubmissionsPage::selectionReport(QString *error) const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    const QList<QByteArray> tokens = m_filter->tokens(rows);
    if (!m_source || tokens.isEmpty()) {
        if (error)
            *error = tr("no submission selected");
        return std::nullopt;
    }
    QList<JobRecord> jobs;
    for (const QByteArray &token : tokens) {
        std::optional<JobRecord> job = m_source->find(token);
        if (!job) {
            if (error)
                *error = tr("%1 is no longer kept").arg(QString::fromLatin1(token));
            return std::nullopt;
        }
        jobs << std::move(*job);
    }
    return Report::fromJobs(jobs);
}

bool SubmissionsPage::exportSelection(const QString &path, QString *error)
{
    const std::optional<Report> report = selectionReport(error);
    return report && writeReport(*report, path, error);
}

void SubmissionsPage::chooseExportFile()
{
    QString error;
    const std::optional<Report> report = selectionReport(&error);
    if (!report) {
        m_status->setText(tr("Nothing exported: %1").arg(error));
        return;
    }
    const QString path = chooseReportFile(this, QStringLiteral("submissions"));
    if (!path.isEmpty() && saveReport(this, *report, path))
        m_status->setText(tr("Exported %n submission(s) to %1", nullptr,
                             int(report->entries.size()))
                              .arg(QDir::toNativeSeparators(path)));
}

} // namespace evalx::ui
