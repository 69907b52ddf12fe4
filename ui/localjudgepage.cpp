#include "localjudgepage.h"
#include "appearance.h"
#include "consolesource.h"
#include "languagedelegate.h"
#include "localjudgemodel.h"
#include "localjudgesession.h"
#include "reportexport.h"
#include "reportwriter.h"

#include <QAction>
#include <QDirIterator>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace evalx::ui {

namespace {

// Editors save in bursts (truncate, write, rename): one re-run per burst.
constexpr int kRerunDelayMs = 300;

QStringList localPaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    return paths;
}

} // namespace

LocalJudgePage::LocalJudgePage(ConsoleSource *source, QWidget *parent)
    : LocalJudgePage(source, nullptr, parent)
{}

LocalJudgePage::LocalJudgePage(ConsoleSource *source, LocalJudgeSession *session,
                               QWidget *parent)
    : QWidget(parent)
    , m_session(session ? session : new LocalJudgeSession(source, this))
    , m_model(new LocalJudgeModel(m_session, this))
    , m_notice(new QLabel(this))
    , m_workspace(new QWidget(this))
    , m_problemLabel(new QLabel(tr("Open a problem: a folder of NAME.in and NAME.out files, or "
                                   "an ICPC/Kattis package."),
                                m_workspace))
    , m_progress(new QProgressBar(m_workspace))
    , m_view(new QTableView(m_workspace))
    , m_openProblem(new QAction(icon("open-problem"), tr("Open &problem…"), this))
    , m_addFiles(new QAction(icon("add-files"), tr("&Add submissions…"), this))
    , m_addFolder(new QAction(icon("add-folder"), tr("Add a &folder of submissions…"), this))
    , m_run(new QAction(icon("run"), tr("&Run"), this))
    , m_cancel(new QAction(icon("cancel"), tr("&Cancel"), this))
    , m_export(new QAction(tr("&Export report…"), this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_debounce(new QTimer(this))
{
    m_run->setShortcut(QKeySequence(Qt::Key_F5));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_run->setToolTip(tr("Judge every submission (F5)"));
    m_cancel->setToolTip(tr("Submit no more; what is being judged finishes (Esc)"));
    m_export->setToolTip(tr("Save the matrix and every result as HTML, PDF, CSV or JSON"));
    for (QAction *a : {m_openProblem, m_addFiles, m_addFolder, m_run, m_cancel, m_export}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    connect(m_openProblem, &QAction::triggered, this, &LocalJudgePage::chooseProblem);
    connect(m_addFiles, &QAction::triggered, this, &LocalJudgePage::chooseFiles);
    connect(m_addFolder, &QAction::triggered, this, &LocalJudgePage::chooseFolder);
    connect(m_run, &QAction::triggered, this, &LocalJudgePage::run);
    connect(m_cancel, &QAction::triggered, this, &LocalJudgePage::cancel);
    connect(m_export, &QAction::triggered, this, &LocalJudgePage::chooseExportFile);

    auto *toolBar = new QToolBar(m_workspace);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addActions({m_openProblem, m_addFiles, m_addFolder});
    toolBar->addSeparator();
    toolBar->addActions({m_run, m_cancel});
    toolBar->addSeparator();
    toolBar->addAction(m_export);

    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setFormat(tr("%v of %m judged"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);

    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(LocalJudgeModel::Language,
                                     new LanguageDelegate(source->languages(), m_view));
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::SelectedClicked);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->horizontalHeader()->setMinimumSectionSize(44);
    m_view->horizontalHeader()->setDefaultSectionSize(52);
    m_view->setColumnWidth(LocalJudgeModel::Student, 160);
    m_view->setColumnWidth(LocalJudgeModel::Language, 150);
    m_view->setColumnWidth(LocalJudgeModel::Total, 110);

    auto *work = new QVBoxLayout(m_workspace);
    work->setContentsMargins(0, 0, 0, 0);
    work->addWidget(toolBar);
    work->addWidget(m_problemLabel);
    work->addWidget(m_progress);
    work->addWidget(m_view, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_notice);
    layout->addWidget(m_workspace, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kRerunDelayMs);
    connect(m_debounce, &QTimer::timeout, this, &LocalJudgePage::rerunChanged);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &LocalJudgePage::onFileChanged);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this,
            &LocalJudgePage::onDirectoryChanged);

    connect(m_session, &LocalJudgeSession::entriesAdded, this, &LocalJudgePage::onEntriesAdded);
    connect(m_session, &LocalJudgeSession::problemChanged, this, &LocalJudgePage::onProblemChanged);
    connect(m_session, &LocalJudgeSession::problemReady, this, &LocalJudgePage::onProblemReady);
    connect(m_session, &LocalJudgeSession::problemFailed, this, &LocalJudgePage::onProblemFailed);
    connect(m_session, &LocalJudgeSession::progress, this, &LocalJudgePage::onProgress);
    connect(m_session, &LocalJudgeSession::finished, this, &LocalJudgePage::updateActions);

    if (!m_session->isAvailable()) {
        m_notice->setText(tr("Local judging needs the engine in this process; this console "
                             "watches %1. Start EvalX here to judge files on this computer.")
                              .arg(source->describe()));
        m_notice->setWordWrap(true);
        m_workspace->setEnabled(false);
        for (QAction *a : {m_openProblem, m_addFiles, m_addFolder, m_run, m_cancel, m_export})
            a->setEnabled(false);
        return;
    }
    m_notice->hide();
    setAcceptDrops(true);
    if (session) { // adopted: show what it holds
        session->setParent(this);
        if (session->hasProblem()) {
            onProblemChanged();
            if (session->isPrepared())
                onProblemReady();
            else if (!session->problemError().isEmpty())
                onProblemFailed(session->problemError());
        }
        onEntriesAdded();
        onProgress(session->done(), session->total());
    }
    updateActions();
}

LocalJudgePage::~LocalJudgePage() = default;

bool LocalJudgePage::openProblem(const QString &dir, QString *error)
{
    QString why;
    if (!m_session->setProblem(dir, &why)) {
        m_problemLabel->setText(why);
        m_problemLabel->setStyleSheet(QStringLiteral("color: #d73a49"));
        if (error)
            *error = why;
        return false;
    }
    m_lastDir = QFileInfo(dir).absolutePath();
    return true;
}

QList<int> LocalJudgePage::addSubmissions(const QStringList &paths)
{
    if (!m_session->isAvailable())
        return {};
    QList<int> listed;
    const QList<int> added = m_session->addFiles(paths, &listed);
    if (!listed.isEmpty())
        m_session->run(listed);
    updateActions();
    return added;
}

void LocalJudgePage::run()
{
    m_session->run();
    updateActions();
}

void LocalJudgePage::cancel()
{
    m_session->cancel();
    updateActions();
}

void LocalJudgePage::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void LocalJudgePage::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void LocalJudgePage::dropEvent(QDropEvent *event)
{
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    addSubmissions(paths);
}

void LocalJudgePage::chooseProblem()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a problem"), m_lastDir);
    if (dir.isEmpty())
        return;
    QString error;
    if (!openProblem(dir, &error))
        QMessageBox::warning(this, tr("Open a problem"), error);
}

void LocalJudgePage::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add submissions"), m_lastDir);
    if (files.isEmpty())
        return;
    m_lastDir = QFileInfo(files.first()).absolutePath();
    addSubmissions(files);
}

void LocalJudgePage::chooseFolder()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Add a folder of submissions"), m_lastDir);
    if (dir.isEmpty())
        return;
    m_lastDir = dir;
    addSubmissions({dir});
}

void LocalJudgePage::onEntriesAdded()
{
    for (; m_watchedRows < m_session->count(); ++m_watchedRows)
        watch(m_watchedRows);
    openLanguageEditors();
    updateActions();
}

void LocalJudgePage::onProblemChanged()
{
    const Problem *p = m_session->problem();
    m_problemLabel->setStyleSheet(QString());
    m_problemLabel->setText(tr("%1: preparing (building the checker, timing the accepted "
                               "submissions)…")
                                .arg(p->name));
    m_problemLabel->setToolTip(p->warnings.join(QLatin1Char('\n')));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    openLanguageEditors(); // the model was reset, and its editors closed
    updateActions();
}

void LocalJudgePage::onProblemReady()
{
    m_problemLabel->setText(
        tr("%1: %2").arg(m_session->problem()->name, m_session->problemSummary()));
    updateActions();
}

void LocalJudgePage::onProblemFailed(const QString &error)
{
    m_problemLabel->setText(error);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #d73a49"));
    updateActions();
}

void LocalJudgePage::onProgress(int done, int total)
{
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
    updateActions();
}

void LocalJudgePage::updateActions()
{
    if (!m_session->isAvailable())
        return;
    const bool running = m_session->isRunning();
    m_run->setEnabled(m_session->hasProblem() && m_session->problemError().isEmpty() &&
                      m_session->count() > 0);
    m_cancel->setEnabled(running);
    m_export->setEnabled(m_session->count() > 0);
}

bool LocalJudgePage::exportReport(const QString &path, QString *error)
{
    return writeReport(m_session->report(), path, error);
}

void LocalJudgePage::chooseExportFile()
{
    const Report report = m_session->report();
    const QString path = chooseReportFile(
        this, report.problem.isEmpty() ? QStringLiteral("local-judge") : report.problem);
    if (!path.isEmpty())
        saveReport(this, report, path);
}

void LocalJudgePage::openLanguageEditors()
{
    for (int row = 0; row < m_session->count(); ++row) {
        if (!m_session->entry(row).languageDetected)
            m_view->openPersistentEditor(m_model->index(row, LocalJudgeModel::Language));
    }
}

void LocalJudgePage::watch(int row)
{
    const QString path = m_session->entry(row).path;
    const QFileInfo info(path);
    QStringList paths{path};
    if (info.isDir()) {
        QDirIterator it(path, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            paths << it.next();
    } else {
        // Editors that save by renaming a new file over the old one end the old
        // file's watch: the folder's change tells of the new one.
        paths << info.absolutePath();
    }
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    for (const QString &p : std::as_const(paths)) {
        if (!watched.contains(p))
            m_watcher->addPath(p);
    }
}

void LocalJudgePage::onFileChanged(const QString &path)
{
    if (QFileInfo::exists(path) && !m_watcher->files().contains(path))
        m_watcher->addPath(path);
    const int row = m_session->rowContaining(path);
    if (row < 0)
        return;
    m_changedRows.insert(row);
    m_debounce->start();
}

void LocalJudgePage::onDirectoryChanged(const QString &path)
{
    const QStringList files = m_watcher->files();
    for (int row = 0; row < m_session->count(); ++row) {
        const QString &p = m_session->entry(row).path;
        const QFileInfo info(p);
        const bool replaced = info.isFile() && info.absolutePath() == path && !files.contains(p);
        const bool inside = p == path || path.startsWith(p + QLatin1Char('/'));
        if (!replaced && !inside)
            continue;
        watch(row);
        m_changedRows.insert(row);
        m_debounce->start();
    }
}

void LocalJudgePage::rerunChanged()
{
    // Only what was judged is judged again; a file not run yet waits for Run.
    QList<int> rows;
    for (int row : std::as_const(m_changedRows)) {
        const LocalJudgeEntry::State s = m_session->entry(row).state;
        if (s != LocalJudgeEntry::State::Idle && s != LocalJudgeEntry::State::NeedsLanguage &&
            QFileInfo::exists(m_session->entry(row).path))
            rows << row;
    }
    m_changedRows.clear();
    std::sort(rows.begin(), rows.end());
    if (!rows.isEmpty())
        m_session->run(rows);
    updateActions();
}

} // namespace evalx::ui
