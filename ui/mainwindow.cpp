#include "mainwindow.h"
#include "appearance.h"
#include "console.h"
#include "consolesource.h"
#include "dashboardpage.h"
#include "engine.h"
#include "localjudgepage.h"
#include "localjudgesession.h"
#include "settingsdialog.h"
#include "submissionspage.h"
#include "submitdialog.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace evalx::ui {

namespace {
constexpr int kStatusPollMs = 1000;

// The platform's key where it has one (offscreen and some desktops have none
// for Quit and Preferences), else ours.
QKeySequence standardOr(QKeySequence::StandardKey key, const QKeySequence &fallback)
{
    const QKeySequence platform(key);
    return platform.isEmpty() ? fallback : platform;
}
} // namespace

MainWindow::MainWindow(Console *console, QWidget *parent)
    : QMainWindow(parent)
    , m_console(console)
    , m_pages(new QTabWidget(this))
    , m_workers(new QLabel(this))
    , m_queue(new QLabel(this))
    , m_api(new QLabel(this))
    , m_sandbox(new QLabel(this))
    , m_poll(new QTimer(this))
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/evalx.svg")));
    resize(1200, 780);
    setCentralWidget(m_pages);
    for (QLabel *label : {m_workers, m_queue, m_api, m_sandbox})
        statusBar()->addPermanentWidget(label);
    buildMenus();
    buildPages();
    connect(m_console, &Console::sourceAboutToChange, this, &MainWindow::clearPages);
    connect(m_console, &Console::sourceChanged, this, &MainWindow::buildPages);
    connect(m_poll, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_poll->start(kStatusPollMs);
    updateStatus();
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::page(Page page) const
{
    return m_pages->widget(int(page));
}

void MainWindow::showPage(Page page)
{
    m_pages->setCurrentIndex(int(page));
}

void MainWindow::buildMenus()
{
    menuBar()->clear();
    setWindowTitle(tr("EvalX"));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *submit = file->addAction(icon("submit"), tr("&Submit a program…"));
    submit->setObjectName(QStringLiteral("actionSubmit"));
    submit->setShortcut(standardOr(QKeySequence::New, QKeySequence(Qt::CTRL | Qt::Key_N)));
    connect(submit, &QAction::triggered, this, [this] {
        SubmitDialog *dialog = newSubmission();
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    file->addSeparator();
    QAction *settings = file->addAction(icon("settings"), tr("S&ettings…"));
    settings->setObjectName(QStringLiteral("actionSettings"));
    settings->setShortcut(standardOr(QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)));
    settings->setMenuRole(QAction::PreferencesRole);
    connect(settings, &QAction::triggered, this, &MainWindow::openSettings);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(standardOr(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QList<std::tuple<Page, const char *, QString>> pages{
        {Page::Dashboard, "dashboard", tr("&Dashboard")},
        {Page::Submissions, "submissions", tr("&Submissions")},
        {Page::LocalJudge, "local-judge", tr("&Local judge")}};
    int key = Qt::Key_1;
    for (const auto &[p, iconName, title] : pages) {
        QAction *show = view->addAction(icon(iconName), title);
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(key++)));
        connect(show, &QAction::triggered, this, [this, p] { showPage(p); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *aboutAction = help->addAction(tr("&About EvalX"));
    aboutAction->setMenuRole(QAction::AboutRole);
    connect(aboutAction, &QAction::triggered, this, &MainWindow::about);
}

void MainWindow::clearPages()
{
    if (m_pages->count() > 0)
        m_currentPage = m_pages->currentIndex();
    // A teacher's work outlives the page (a new language); a new source ends it.
    if (auto *local = qobject_cast<LocalJudgePage *>(page(Page::LocalJudge));
        local && m_keepLocalSession) {
        m_localSession = local->session();
        m_localSession->setParent(this);
    }
    while (m_pages->count() > 0) {
        QWidget *w = m_pages->widget(0);
        m_pages->removeTab(0);
        delete w;
    }
}

void MainWindow::buildPages()
{
    clearPages();
    ConsoleSource *source = m_console->source();
    if (!source)
        return;
    m_pages->addTab(new DashboardPage(source, m_pages), icon("dashboard"), tr("Dashboard"));
    m_pages->addTab(new SubmissionsPage(source, m_pages), icon("submissions"), tr("Submissions"));
    m_pages->addTab(new LocalJudgePage(source, std::exchange(m_localSession, nullptr), m_pages),
                    icon("local-judge"), tr("Local judge"));
    m_pages->setCurrentIndex(std::max(0, m_currentPage));
    updateStatus();
}

void MainWindow::updateStatus()
{
    ConsoleSource *source = m_console->source();
    if (!source) {
        m_workers->setText(tr("Not started"));
        return;
    }
    const Telemetry t = source->telemetry();
    m_workers->setText(tr("%n worker(s)", nullptr, t.workers));
    const QString queueState =
        t.queue.kind == QLatin1String("redis")
            ? tr("Redis %1: %2").arg(t.queue.location, t.queue.state)
            : tr("queue in this process");
    m_queue->setText(t.reachable ? queueState : tr("unreachable: %1").arg(t.error));
    m_api->setText(t.api.isEmpty() ? tr("API off") : tr("API at %1").arg(t.api));
    m_sandbox->setText(tr("Sandbox: %1").arg(t.sandbox));
    if (Engine *engine = m_console->engine(); engine && engine->isStarted())
        m_sandbox->setToolTip(engine->pool().summary().warnings.join(QLatin1Char('\n')));
    if (!m_console->problem().isEmpty())
        statusBar()->showMessage(m_console->problem());
}

bool MainWindow::applySettings(const ConsoleSettings &settings)
{
    const ConsoleSettings old = m_console->settings();
    QSettings store;
    settings.save(store);
    if (settings.theme != old.theme)
        applyTheme(settings.theme);
    if (settings.uiLanguage != old.uiLanguage)
        applyLanguage(settings.uiLanguage); // LanguageChange rebuilds the menus and pages
    QString error;
    const bool ok = m_console->apply(settings, &error);
    if (!ok)
        statusBar()->showMessage(error);
    updateStatus();
    return ok;
}

SubmitDialog *MainWindow::newSubmission()
{
    return new SubmitDialog(m_console->source(), m_console->settings().runLimits(), this);
}

void MainWindow::openSettings()
{
    static const LanguageCatalogue builtIn = LanguageCatalogue::builtIn();
    const LanguageCatalogue &languages =
        m_console->engine() ? m_console->engine()->allLanguages() : builtIn;
    SettingsDialog dialog(m_console->settings(), languages, this);
    if (dialog.exec() == QDialog::Accepted)
        applySettings(dialog.settings());
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About EvalX"),
                       tr("<h3>EvalX %1</h3><p>A fast judge for untrusted programs: a sandbox "
                          "of its own, Judge0- and Piston-compatible APIs, and this console.</p>")
                           .arg(QStringLiteral(EVALX_VERSION)));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        buildMenus();
        m_keepLocalSession = true;
        buildPages();
        m_keepLocalSession = false;
    }
    QMainWindow::changeEvent(event);
}

} // namespace evalx::ui
