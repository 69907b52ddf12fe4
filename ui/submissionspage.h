#pragma once

#include "jobqueue.h"
#include "report.h"

#include <QPointer>
#include <QWidget>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QTabWidget;

namespace evalx::ui {

class ConsoleSource;
class OutputDiffView;
class SubmissionFilterModel;
class SubmissionModel;
class TestResultModel;

// Every submission the judge has seen (from the window, the APIs, the
// command line), live: a filter bar over the table, and for the selected
// submission its source, its compiler's output, its tests and, for the
// selected test, input, expected and actual output side by side. Re-judge
// (Ctrl+R) submits the selected submissions again.
class SubmissionsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubmissionsPage)
public:
    explicit SubmissionsPage(ConsoleSource *source, QWidget *parent = nullptr);
    ~SubmissionsPage() override;

    SubmissionModel *model() const { return m_model; }
    SubmissionFilterModel *filterModel() const { return m_filter; }
    TestResultModel *testModel() const { return m_testModel; }
    OutputDiffView *diffView() const { return m_diff; }
    QTableView *table() const { return m_table; }
    QTableView *testTable() const { return m_testTable; }
    QAction *rejudgeAction() const { return m_rejudge; }
    QPlainTextEdit *sourceView() const { return m_sourceView; }
    QPlainTextEdit *compileView() const { return m_compileView; }

    // Submits every selected job's request again (labelled as the window's,
    // at its priority); the new tokens. Failures are shown on the page.
    QList<QByteArray> rejudgeSelected();
    // Writes the selected jobs (in the table's order) as a report, its format
    // chosen by the extension; false and *error otherwise (nothing selected,
    // a job no longer kept, a bad extension).
    bool exportSelection(const QString &path, QString *error = nullptr);
    QAction *exportAction() const { return m_export; }
    // Makes a job the current and only selected row; false when it is not in
    // the table or filtered out.
    bool selectToken(const QByteArray &token);
    QByteArray currentToken() const { return m_token; }

private:
    QWidget *createFilterBar();
    QWidget *createDetails();
    void applyVerdictFilter();
    void onCurrentJobChanged();
    void onJobChanged(const JobRecord &job);
    void showJob(const std::optional<JobRecord> &job, bool fresh);
    void showTest(int row);
    void updateActions();
    std::optional<Report> selectionReport(QString *error) const;
    void chooseExportFile();

    QPointer<ConsoleSource> m_source;
    SubmissionModel *m_model;
    SubmissionFilterModel *m_filter;
    TestResultModel *m_testModel;
    QComboBox *m_verdictCombo = nullptr;
    QComboBox *m_languageCombo = nullptr;
    QComboBox *m_sourceCombo = nullptr;
    QLineEdit *m_search = nullptr;
    QAction *m_rejudge = nullptr;
    QAction *m_export = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_header = nullptr;
    QTabWidget *m_detailTabs = nullptr;
    QPlainTextEdit *m_sourceView = nullptr;
    QPlainTextEdit *m_compileView = nullptr;
    QTableView *m_testTable = nullptr;
    OutputDiffView *m_diff = nullptr;

    QByteArray m_token;             // the job shown in the details
    std::optional<JobRecord> m_job; // as last seen
    int m_testRow = -1;             // the test shown in the diff view
    bool m_testShownRun = false;    // and whether it had run then
};

} // namespace evalx::ui
