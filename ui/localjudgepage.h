#pragma once

#include <QSet>
#include <QWidget>

class QAction;
class QFileSystemWatcher;
class QLabel;
class QProgressBar;
class QTableView;
class QTimer;

namespace evalx::ui {

class ConsoleSource;
class LocalJudgeModel;
class LocalJudgeSession;

// The local judge workspace: a problem package, a folder of submissions (or
// files dropped on the page), and a matrix of submissions x tests. Every file
// is watched: saving one judges it again, and dropping a listed file does too.
// It needs the engine in this process; over a remote source it says so and
// stays disabled.
class LocalJudgePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalJudgePage)
public:
    explicit LocalJudgePage(ConsoleSource *source, QWidget *parent = nullptr);
    // Over an existing session (its problem, students and results), which the
    // page adopts: the window keeps a teacher's work when it rebuilds its pages
    // for another language.
    LocalJudgePage(ConsoleSource *source, LocalJudgeSession *session, QWidget *parent = nullptr);
    ~LocalJudgePage() override;

    LocalJudgeSession *session() const { return m_session; }
    LocalJudgeModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QAction *runAction() const { return m_run; }
    QAction *cancelAction() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }

    // False, with the reason shown on the page and in *error, for a broken package.
    bool openProblem(const QString &dir, QString *error = nullptr);
    // Adds files and folders (a folder adds what is inside it); those already
    // listed are judged again. Returns the rows added.
    QList<int> addSubmissions(const QStringList &paths);
    void run();
    void cancel();
    // Writes the session's entries (LocalJudgeSession::report) as a report, its
    // format chosen by the extension; false and *error otherwise.
    bool exportReport(const QString &path, QString *error = nullptr);
    QAction *exportAction() const { return m_export; }

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void chooseProblem();
    void chooseFiles();
    void chooseFolder();
    void onEntriesAdded();
    void onProblemChanged();
    void onProblemReady();
    void onProblemFailed(const QString &error);
    void onProgress(int done, int total);
    void updateActions();
    void openLanguageEditors();
    void watch(int row);
    void onFileChanged(const QString &path);
    void onDirectoryChanged(const QString &path);
    void rerunChanged();
    void chooseExportFile();

    LocalJudgeSession *m_session;
    LocalJudgeModel *m_model;
    QLabel *m_notice;
    QWidget *m_workspace;
    QLabel *m_problemLabel;
    QProgressBar *m_progress;
    QTableView *m_view;
    QAction *m_openProblem;
    QAction *m_addFiles;
    QAction *m_addFolder;
    QAction *m_run;
    QAction *m_cancel;
    QAction *m_export;
    QFileSystemWatcher *m_watcher;
    QTimer *m_debounce;
    QSet<int> m_changedRows;
    int m_watchedRows = 0;
    QString m_lastDir;
};

} // namespace evalx::ui
