#include "mainwindow.h"
#include "engine.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

namespace evalx::ui {

MainWindow::MainWindow(Engine *engine, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(engine)
    , m_pages(new QTabWidget(this))
    , m_sandboxStatus(new QLabel(this))
{
    setWindowTitle(tr("EvalX"));
    resize(1100, 720);

    for (const QString &title : {tr("Dashboard"), tr("Submissions"), tr("Local judge")}) {
        auto *placeholder = new QLabel(tr("%1 arrives in a later version.").arg(title), m_pages);
        placeholder->setAlignment(Qt::AlignCenter);
        m_pages->addTab(placeholder, title);
    }
    setCentralWidget(m_pages);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    statusBar()->addPermanentWidget(m_sandboxStatus);
    if (m_engine)
        connect(&m_engine->pool(), &BoxPool::boxesChanged, this, &MainWindow::updateStatus);
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::updateStatus()
{
    if (!m_engine || !m_engine->isStarted()) {
        m_sandboxStatus->setText(tr("Sandbox not running"));
        return;
    }
    const SandboxSummary s = m_engine->pool().summary();
    int idle = 0;
    const auto boxes = m_engine->pool().snapshot();
    for (const BoxInfo &b : boxes)
        idle += b.state == BoxState::Idle ? 1 : 0;
    m_sandboxStatus->setText(tr("Sandbox: %1, cgroup %2 — %3 of %4 boxes idle")
                                 .arg(s.mode, s.cgroup)
                                 .arg(idle)
                                 .arg(boxes.size()));
    m_sandboxStatus->setToolTip(s.warnings.join(QLatin1Char('\n')));
}

} // namespace evalx::ui
