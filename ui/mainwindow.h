#pragma once

#include <QMainWindow>

class QLabel;
class QTabWidget;
class QTimer;

namespace evalx::ui {

class Console;
class LocalJudgeSession;
struct ConsoleSettings;
class SubmitDialog;

// The console's main window: the dashboard, the submissions and the local
// judge over whatever the Console holds (the engine in this process or a
// remote server), a status bar of workers, queue, API and sandbox, and the
// settings. Pages are rebuilt when the console's source changes (new
// settings) and when the language does.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    enum class Page { Dashboard, Submissions, LocalJudge };

    explicit MainWindow(Console *console, QWidget *parent = nullptr);
    ~MainWindow() override;

    QTabWidget *pages() const { return m_pages; }
    QWidget *page(Page page) const;
    void showPage(Page page);

    // What the settings dialog's OK does: saves, then restarts the engine,
    // the palette and the language as needed. False (and a message in the
    // status bar) when the new engine could not start.
    bool applySettings(const ConsoleSettings &settings);
    // The dialog "Submit a program" opens (not yet shown): for tests and
    // the screenshot, which fill it in.
    SubmitDialog *newSubmission();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildMenus();
    void buildPages();
    void clearPages();
    void updateStatus();
    void openSettings();
    void about();

    Console *m_console;
    QTabWidget *m_pages;
    QLabel *m_workers;
    QLabel *m_queue;
    QLabel *m_api;
    QLabel *m_sandbox;
    QTimer *m_poll;
    int m_currentPage = 0;
    LocalJudgeSession *m_localSession = nullptr; // between clearPages and buildPages
    bool m_keepLocalSession = false;
};

} // namespace evalx::ui
