#pragma once

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace evalx {
class Engine;
}

namespace evalx::ui {

// The console's main window. It drives the engine it is given; without one
// (the engine could not start) it says why in the status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Engine *engine, QWidget *parent = nullptr);
    ~MainWindow() override;

    QTabWidget *pages() const { return m_pages; }

private:
    void updateStatus();

    Engine *m_engine;
    QTabWidget *m_pages;
    QLabel *m_sandboxStatus;
};

} // namespace evalx::ui
