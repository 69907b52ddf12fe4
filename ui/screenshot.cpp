#include "screenshot.h"
#include "console.h"
#include "consolesource.h"
#include "dashboardpage.h"
#include "localjudgepage.h"
#include "localjudgesession.h"
#include "mainwindow.h"
#include "engine.h"
#include "submissionspage.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QPixmap>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>

namespace evalx::ui {

namespace {

constexpr int kWorkloadMs = 120000;

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// Lets the window's timers and the queue's signals run until done() or the deadline.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(20);
    }
    return true;
}

struct Program
{
    const char *language;
    const char *source;
};

// Sums two numbers; each program fails in its own way.
const Program kPrograms[] = {
    {"c", "#include <stdio.h>\nint main(void){long a,b;scanf(\"%ld %ld\",&a,&b);"
          "printf(\"%ld\\n\",a+b);return 0;}\n"},
    {"python3", "a, b = map(int, input().split())\nprint(a + b)\n"},
    {"python3", "a, b = map(int, input().split())\nprint(a - b if a > 5 else a + b)\n"},
    {"python3", "a, b = map(int, input().split())\nwhile a > 8: pass\nprint(a + b)\n"},
    {"c", "int main(void) { return missing; }\n"},
    {"python3", "a, b = map(int, input().split())\nprint(1 // (a - 7) * 0 + a + b)\n"},
};

QList<TestData> sumTests()
{
    QList<TestData> tests;
    for (int i = 1; i <= 10; ++i) {
        TestData t;
        t.name = QString::number(i);
        t.input = QByteArray::number(i) + ' ' + QByteArray::number(i * 3) + '\n';
        t.answer = QByteArray::number(i * 4) + '\n';
        tests << t;
    }
    return tests;
}

bool submitWorkload(ConsoleSource *source, QList<QByteArray> *tokens, QString *error)
{
    const QList<TestData> tests = sumTests();
    for (int round = 0; round < 3; ++round) {
        for (const Program &p : kPrograms) {
            const Language *language = source->languages().find(QLatin1String(p.language));
            if (!language) {
                *error = QStringLiteral("language %1 is not available").arg(QLatin1String(p.language));
                return false;
            }
            BatchRequest r;
            r.submission = Submission::fromSource(*language, p.source);
            r.submission.origin = QStringLiteral("window");
            r.tests = tests;
            r.limits.cpuMs = 500;
            r.limits.wallMs = 1500;
            r.limits.memoryKib = 256 * 1024;
            r.limits.processes = 16;
            r.limits.outputKib = 1024;
            SubmitOptions options;
            options.labels.insert(QLatin1String(kOriginLabel), QStringLiteral("window"));
            const std::optional<QByteArray> token = source->submit(r, options, error);
            if (!token)
                return false;
            *tokens << *token;
        }
    }
    return true;
}

// A plain-folder problem (a + b) and a class of five, one of each outcome.
bool writeClass(const QString &root, QString *problemDir, QStringList *files)
{
    *problemDir = root + QStringLiteral("/a-plus-b");
    QDir().mkpath(*problemDir + QStringLiteral("/tests"));
    for (const TestData &t : sumTests()) {
        const QString base = *problemDir + QStringLiteral("/tests/") + t.name;
        if (!writeFile(base + QStringLiteral(".in"), t.input) ||
            !writeFile(base + QStringLiteral(".out"), t.answer))
            return false;
    }
    const QString dir = root + QStringLiteral("/class");
    QDir().mkpath(dir);
    const QList<QPair<QString, int>> students{{QStringLiteral("alice.c"), 0},
                                              {QStringLiteral("bob.py"), 1},
                                              {QStringLiteral("carol.py"), 2},
                                              {QStringLiteral("dave.py"), 3},
                                              {QStringLiteral("erin.c"), 4},
                                              {QStringLiteral("frank.py"), 5}};
    for (const auto &[name, program] : students) {
        if (!writeFile(dir + QLatin1Char('/') + name, kPrograms[program].source))
            return false;
        *files << dir + QLatin1Char('/') + name;
    }
    return true;
}

} // namespace

bool takeScreenshot(MainWindow &window, Console &console, const QString &file,
                    const QString &page, QString *error)
{
    const QHash<QString, MainWindow::Page> pages{
        {QStringLiteral("dashboard"), MainWindow::Page::Dashboard},
        {QStringLiteral("submissions"), MainWindow::Page::Submissions},
        {QStringLiteral("local"), MainWindow::Page::LocalJudge}};
    if (!pages.contains(page)) {
        *error = QStringLiteral("--page takes dashboard, submissions or local, not '%1'").arg(page);
        return false;
    }
    ConsoleSource *source = console.source();
    if (!console.engine() || !console.engine()->isStarted() || !source) {
        *error = console.problem().isEmpty() ? QStringLiteral("the sandbox is not running")
                                             : console.problem();
        return false;
    }
    window.resize(1280, 820);
    window.show();

    QList<QByteArray> tokens;
    if (!submitWorkload(source, &tokens, error))
        return false;
    QTemporaryDir work;
    QString problemDir;
    QStringList files;
    if (!work.isValid() || !writeClass(work.path(), &problemDir, &files)) {
        *error = QStringLiteral("the sample class could not be written to %1").arg(work.path());
        return false;
    }
    auto *local = qobject_cast<LocalJudgePage *>(window.page(MainWindow::Page::LocalJudge));
    if (!local || !local->openProblem(problemDir, error))
        return false;
    local->addSubmissions(files);
    local->run();

    const bool finished = spinUntil(
        [&] {
            for (const QByteArray &t : std::as_const(tokens)) {
                const auto job = source->find(t);
                if (!job || job->state != JobState::Done)
                    return false;
            }
            return !local->session()->isRunning() && local->session()->done() > 0;
        },
        kWorkloadMs);
    if (!finished) {
        *error = QStringLiteral("the sample workload did not finish in %1 s").arg(kWorkloadMs / 1000);
        return false;
    }
    // Two more samples so the charts have the workload's last seconds.
    auto *dashboard = qobject_cast<DashboardPage *>(window.page(MainWindow::Page::Dashboard));
    if (dashboard) {
        dashboard->setWindowSeconds(60);
        spinUntil([] { return false; }, 1200);
        dashboard->pollNow();
    }
    if (auto *submissions =
            qobject_cast<SubmissionsPage *>(window.page(MainWindow::Page::Submissions))) {
        // The wrong answer, so the details show a difference.
        submissions->selectToken(tokens.value(2));
    }
    window.showPage(pages.value(page));
    spinUntil([] { return false; }, 300);
    const QPixmap shot = window.grab();
    if (!shot.save(file, "PNG")) {
        *error = QStringLiteral("%1 could not be written").arg(file);
        return false;
    }
    return true;
}

} // namespace evalx::ui
