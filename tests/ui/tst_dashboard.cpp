// The dashboard: the telemetry history's arithmetic on known samples, the box
// grid, and the page over a real engine judging real programs.

#include "boxgridwidget.h"
#include "dashboardpage.h"
#include "engine.h"
#include "telemetryhistory.h"
#include "verdictstyle.h"

#include <QAreaSeries>
#include <QChart>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace evalx;
using namespace evalx::ui;

namespace {

const QDateTime kStart(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);

// A reachable sample taken `seconds` after kStart.
Telemetry sampleAt(double seconds, const JobStats &stats = {})
{
    Telemetry t;
    t.at = kStart.addMSecs(qint64(seconds * 1000));
    t.stats = stats;
    t.workers = 2;
    return t;
}

void observe(Histogram &h, double value, int times)
{
    for (int i = 0; i < times; ++i)
        h.observe(value);
}

// Adds n observations of one value at once (for an hour of samples).
void observeMany(Histogram &h, double value, quint64 n)
{
    for (qsizetype i = 0; i < h.bounds.size(); ++i) {
        if (value <= h.bounds[i])
            h.counts[i] += n;
    }
    h.count += n;
    h.sum += value * double(n);
}

const QLineSeries *lineNamed(const QChart *chart, const QString &name)
{
    const auto series = chart->series();
    for (QAbstractSeries *s : series) {
        if (s->name() == name)
            return qobject_cast<QLineSeries *>(s);
    }
    return nullptr;
}

const QAreaSeries *areaOf(const QChart *chart, Verdict verdict)
{
    const auto series = chart->series();
    for (QAbstractSeries *s : series) {
        if (s->name() == verdictLabel(verdict))
            return qobject_cast<QAreaSeries *>(s);
    }
    return nullptr;
}

// The jobs a stacked verdict area holds, summed over its points.
double areaTotal(const QAreaSeries *area)
{
    const QList<QPointF> upper = area->upperSeries()->points();
    const QList<QPointF> lower = area->lowerSeries()->points();
    double total = 0;
    for (qsizetype i = 0; i < upper.size(); ++i)
        total += upper[i].y() - lower[i].y();
    return total;
}

qint64 axisSpanSeconds(const QChart *chart)
{
    const auto *axis = qobject_cast<QDateTimeAxis *>(chart->axes(Qt::Horizontal).value(0));
    return axis ? axis->min().secsTo(axis->max()) : -1;
}

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void quantileInterpolatesInsideTheBucket();
    void quantilesComeFromTheDeltaOfTwoSamples();
    void ratesComeFromCounterDeltas();
    void aCounterGoingBackIsARestart();
    void anUnreachableSampleKeepsTheBaseline();
    void theHistoryKeepsItsWindow();
    void intervalsAreGroupedOnTheClock();
    void boxGridTellsEachBox();
    void anHourAtAThousandRunsASecondStaysBounded();
    void followsThePalette();
    void followsARealEngine();
};

void TestDashboard::quantileInterpolatesInsideTheBucket()
{
    // 2 observations <= 1, 4 in (1, 2], 2 in (2, 4], 2 above 4.
    Histogram h({1, 2, 4});
    observe(h, 0.5, 2);
    observe(h, 1.5, 4);
    observe(h, 3, 2);
    observe(h, 9, 2);
    QCOMPARE(h.counts, (QList<quint64>{2, 6, 8}));
    QCOMPARE(TelemetryHistory::quantile(0.1, h).value(), 0.5);  // rank 1 of 2 in [0, 1]
    QCOMPARE(TelemetryHistory::quantile(0.5, h).value(), 1.75); // rank 3 of 4 in (1, 2]
    QCOMPARE(TelemetryHistory::quantile(0.7, h).value(), 3.0);  // rank 1 of 2 in (2, 4]
    QCOMPARE(TelemetryHistory::quantile(0.95, h).value(), 4.0); // in +Inf: the largest bound
    QVERIFY(!TelemetryHistory::quantile(0.5, Histogram({1, 2, 4})));
}

void TestDashboard::quantilesComeFromTheDeltaOfTwoSamples()
{
    JobStats before;
    observe(before.jobSeconds, 0.005, 100); // before the interval: must not count
    observe(before.runSeconds, 0.0005, 100);
    JobStats after = before;
    observe(after.jobSeconds, 0.02, 4);  // (0.01, 0.025]
    observe(after.jobSeconds, 0.07, 4);  // (0.05, 0.1]
    observe(after.jobSeconds, 0.3, 2);   // (0.25, 0.5]
    observe(after.runSeconds, 0.002, 3); // (0.001, 0.0025]
    observe(after.runSeconds, 0.02, 1);  // (0.01, 0.025]

    TelemetryHistory history;
    history.add(sampleAt(0, before));
    history.add(sampleAt(1, after));
    const TelemetryInterval iv = history.interval(0, 1);
    // p50: rank 5 of the 10, the 1st of the 4 in (0.05, 0.1].
    QCOMPARE(iv.jobP50.value(), 0.0625);
    // p95: rank 9.5, 1.5 of the 2 in (0.25, 0.5].
    QCOMPARE(iv.jobP95.value(), 0.4375);
    // p50: rank 2, 2 of the 3 in (0.001, 0.0025]; p95: rank 3.8, 0.8 of 1 in (0.01, 0.025].
    QCOMPARE(iv.runP50.value(), 0.002);
    QCOMPARE(iv.runP95.value(), 0.022);

    // Nothing observed in the next second: no latency, rather than zero.
    history.add(sampleAt(2, after));
    QVERIFY(!history.interval(1, 2).jobP50);
    QVERIFY(!history.interval(1, 2).runP95);
}

void TestDashboard::ratesComeFromCounterDeltas()
{
    JobStats a;
    a.runsByVerdict = {{QStringLiteral("AC"), 100}, {QStringLiteral("WA"), 10}};
    a.finishedByVerdict = {{QStringLiteral("AC"), 10}};
    JobStats b = a;
    b.runsByVerdict = {
        {QStringLiteral("AC"), 130}, {QStringLiteral("WA"), 20}, {QStringLiteral("TLE"), 10}};
    b.finishedByVerdict = {{QStringLiteral("AC"), 15}, {QStringLiteral("WA"), 3}};

    TelemetryHistory history;
    Telemetry first = sampleAt(0, a);
    first.waiting = 7;
    first.running = 2;
    history.add(first);
    Telemetry second = sampleAt(2, b);
    second.waiting = 3;
    second.running = 1;
    history.add(second);

    const TelemetryInterval iv = history.interval(0, 1);
    QCOMPARE(iv.runs, quint64(50));
    QCOMPARE(iv.runsPerSecond, 25.0); // 50 runs in 2 s
    QCOMPARE(iv.finished[std::size_t(Verdict::AC)], quint64(5));
    QCOMPARE(iv.finished[std::size_t(Verdict::WA)], quint64(3));
    QCOMPARE(iv.finished[std::size_t(Verdict::TLE)], quint64(0));
    QCOMPARE(iv.finishedTotal(), quint64(8));
    QCOMPARE(iv.waiting, 3); // as seen at the interval's end
    QCOMPARE(iv.running, 1);
    QCOMPARE(history.resets(), 0);
}

void TestDashboard::aCounterGoingBackIsARestart()
{
    JobStats a;
    a.runsByVerdict = {{QStringLiteral("AC"), 100}};
    a.finishedByVerdict = {{QStringLiteral("AC"), 100}};
    observe(a.jobSeconds, 0.07, 100);
    JobStats b = a;
    b.runsByVerdict = {{QStringLiteral("AC"), 160}};
    b.finishedByVerdict = {{QStringLiteral("AC"), 160}};
    observe(b.jobSeconds, 0.07, 60);
    // The judge restarted: everything it counted since is new.
    JobStats c;
    c.runsByVerdict = {{QStringLiteral("AC"), 20}};
    c.finishedByVerdict = {{QStringLiteral("AC"), 15}, {QStringLiteral("WA"), 5}};
    observe(c.jobSeconds, 0.3, 20);

    TelemetryHistory history;
    history.add(sampleAt(0, a));
    history.add(sampleAt(1, b));
    history.add(sampleAt(2, c));
    QCOMPARE(history.resets(), 1);
    const TelemetryInterval restart = history.interval(1, 2);
    QCOMPARE(restart.runs, quint64(20));
    QCOMPARE(restart.runsPerSecond, 20.0);
    QCOMPARE(restart.finished[std::size_t(Verdict::AC)], quint64(15));
    QCOMPARE(restart.finished[std::size_t(Verdict::WA)], quint64(5));
    QCOMPARE(restart.jobP50.value(), 0.375); // all 20 in (0.25, 0.5]: rank 10 of 20
    const TelemetryInterval both = history.interval(0, 2);
    QCOMPARE(both.runs, quint64(80)); // 60 before the restart, 20 after
    QCOMPARE(both.finished[std::size_t(Verdict::AC)], quint64(75));

    // Counting goes on from the restarted judge's numbers.
    JobStats d = c;
    d.runsByVerdict = {{QStringLiteral("AC"), 50}};
    history.add(sampleAt(3, d));
    QCOMPARE(history.interval(2, 3).runs, quint64(30));
    QCOMPARE(history.resets(), 1);
}

void TestDashboard::anUnreachableSampleKeepsTheBaseline()
{
    JobStats a;
    a.runsByVerdict = {{QStringLiteral("AC"), 10}};
    JobStats b;
    b.runsByVerdict = {{QStringLiteral("AC"), 16}};

    TelemetryHistory history;
    history.add(sampleAt(0, a));
    Telemetry lost = sampleAt(1); // no stats: all zero, which is not a restart
    lost.reachable = false;
    history.add(lost);
    history.add(sampleAt(2, b));
    QCOMPARE(history.resets(), 0);
    QVERIFY(!history.interval(0, 1).reachable);
    QCOMPARE(history.interval(0, 1).runs, quint64(0));
    QCOMPARE(history.interval(0, 2).runs, quint64(6));
}

void TestDashboard::theHistoryKeepsItsWindow()
{
    TelemetryHistory history(60);
    JobStats stats;
    for (int s = 0; s < 200; ++s) {
        stats.runsByVerdict[QStringLiteral("AC")] = quint64(s) * 10;
        history.add(sampleAt(s, stats));
    }
    // The points of the last minute, both ends included.
    QCOMPARE(history.size(), 61);
    QCOMPARE(history.last().msecs - history.point(0).msecs, qint64(60000));
    QCOMPARE(history.intervals(60, 600).size(), 60);
    QCOMPARE(history.intervals(30, 600).size(), 30);
    for (const TelemetryInterval &iv : history.intervals(60, 600))
        QCOMPARE(iv.runsPerSecond, 10.0);

    // A sample no later than the newest replaces it instead of adding one.
    stats.runsByVerdict[QStringLiteral("AC")] = 2000;
    history.add(sampleAt(199, stats));
    QCOMPARE(history.size(), 61);
    QCOMPARE(history.interval(59, 60).runs, quint64(20));
}

void TestDashboard::intervalsAreGroupedOnTheClock()
{
    TelemetryHistory history;
    JobStats stats;
    for (int s = 0; s <= 120; ++s) {
        stats.runsByVerdict[QStringLiteral("AC")] = quint64(s) * 3;
        history.add(sampleAt(s, stats));
    }
    // Two minutes of 1 s samples in at most 11 intervals: 12 s each, whole.
    const QList<TelemetryInterval> grouped = history.intervals(120, 11);
    QVERIFY(grouped.size() <= 11);
    quint64 runs = 0;
    for (const TelemetryInterval &iv : grouped) {
        runs += iv.runs;
        QCOMPARE(iv.runsPerSecond, 3.0);
        QVERIFY(iv.endMsecs - iv.startMsecs <= 12000);
    }
    QCOMPARE(runs, quint64(360)); // nothing lost between the groups
    QCOMPARE(grouped.last().endMsecs, history.last().msecs);
}

void TestDashboard::boxGridTellsEachBox()
{
    BoxGridWidget grid;
    QList<BoxInfo> boxes;
    for (int i = 0; i < 5; ++i) {
        BoxInfo b;
        b.index = i;
        b.state = allBoxStates()[i];
        b.runs = quint64(10 * i);
        b.failures = quint64(i);
        b.activity = i == 2 ? QStringLiteral("job ab12, test 3") : QString();
        boxes << b;
    }
    grid.setBoxes(boxes);
    grid.resize(grid.sizeHint());
    QCOMPARE(grid.boxes().size(), 5);
    const QString running = grid.toolTipAt(grid.boxRect(2).center());
    QVERIFY2(running.startsWith(QLatin1String("Box 2: Running")), qPrintable(running));
    QVERIFY(running.contains(QLatin1String("job ab12, test 3")));
    QVERIFY(running.contains(QLatin1String("20 runs, 2 failures")));
    QVERIFY(grid.toolTipAt(grid.boxRect(4).center()).startsWith(QLatin1String("Box 4: Broken")));
    QVERIFY(grid.toolTipAt(QPoint(grid.width() - 1, 1)).isEmpty()); // right of the last box
    QCOMPARE(grid.boxAt(grid.boxRect(3).center()), 3);

    // Painted: the boxes in their states' colours.
    const QImage image = grid.grab().toImage();
    const QPoint centre = grid.boxRect(1).center() * grid.devicePixelRatioF();
    QCOMPARE(image.pixelColor(centre), boxStateColor(BoxState::Compiling));

    // Narrow: the boxes wrap and the widget grows taller.
    QVERIFY(grid.heightForWidth(50) > grid.heightForWidth(500));
}

void TestDashboard::anHourAtAThousandRunsASecondStaysBounded()
{
    DashboardPage page(nullptr);
    page.history().clear();
    JobStats stats;
    for (int s = 0; s <= 3600; ++s) {
        Telemetry t = sampleAt(s, stats);
        t.waiting = s % 50;
        page.history().add(t);
        stats.runsByVerdict[QStringLiteral("AC")] += 1000;
        stats.finishedByVerdict[QStringLiteral("AC")] += 100;
        observeMany(stats.jobSeconds, 0.02, 100);
        observeMany(stats.runSeconds, 0.002, 1000);
    }
    QCOMPARE(page.history().size(), 3601);
    page.setWindowSeconds(3600);
    page.refresh();

    const auto charts = {DashboardPage::Chart::Queue, DashboardPage::Chart::Throughput,
                         DashboardPage::Chart::Latency, DashboardPage::Chart::Verdicts};
    for (DashboardPage::Chart which : charts) {
        const auto series = page.chart(which)->series();
        for (QAbstractSeries *s : series) {
            if (auto *area = qobject_cast<QAreaSeries *>(s)) {
                QVERIFY(area->upperSeries()->count() <= DashboardPage::kMaxPointsPerSeries);
                QVERIFY(area->lowerSeries()->count() <= DashboardPage::kMaxPointsPerSeries);
            } else {
                const int points = qobject_cast<QXYSeries *>(s)->count();
                QVERIFY2(points <= DashboardPage::kMaxPointsPerSeries,
                         qPrintable(s->name() + QString::number(points)));
            }
        }
    }
    const QChart *throughput = page.chart(DashboardPage::Chart::Throughput);
    const auto *runSeries = qobject_cast<QLineSeries *>(throughput->series().value(0));
    QVERIFY(runSeries->count() >= 500); // the hour, grouped, not cut short
    for (const QPointF &p : runSeries->points())
        QCOMPARE(p.y(), 1000.0);
    // Every job of the hour in the verdict chart, at 100 a second.
    QCOMPARE(areaTotal(areaOf(page.chart(DashboardPage::Chart::Verdicts), Verdict::AC)), 360000.0);
    // All at 20 ms: p50 halfway into (10 ms, 25 ms].
    const QLineSeries *p50 =
        lineNamed(page.chart(DashboardPage::Chart::Latency), QStringLiteral("End to end p50"));
    QVERIFY(p50 && p50->count() > 0);
    for (const QPointF &p : p50->points())
        QCOMPARE(p.y(), 17.5);
    QCOMPARE(axisSpanSeconds(throughput), qint64(3600));

    page.setWindowSeconds(60);
    QCOMPARE(runSeries->count(), 60);
    QCOMPARE(axisSpanSeconds(throughput), qint64(60));
}

void TestDashboard::followsThePalette()
{
    DashboardPage page(nullptr);
    QVERIFY(page.statusSummary().contains(QLatin1String("no judge to watch")));
    QPalette dark = page.palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x18, 0x1a, 0x1c));
    page.setPalette(dark);
    QChart *queue = page.chart(DashboardPage::Chart::Queue);
    QCOMPARE(queue->theme(), QChart::ChartThemeDark);
    QCOMPARE(queue->titleBrush().color(), QColor(0xe0, 0xe0, 0xe0));
    // The theme does not take the verdicts' own colours.
    QCOMPARE(areaOf(page.chart(DashboardPage::Chart::Verdicts), Verdict::WA)->brush().color(),
             verdictColor(Verdict::WA));
    page.setPalette(QPalette(Qt::white));
    QCOMPARE(queue->theme(), QChart::ChartThemeLight);
}

void TestDashboard::followsARealEngine()
{
    EngineOptions options;
    options.sandbox.poolSize = 1;
    Engine engine(options);
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    LocalSource source(&engine);
    source.setApiAddress(QStringLiteral("http://127.0.0.1:2358"));
    DashboardPage page(&source);
    page.resize(1100, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    QVERIFY2(page.statusSummary().contains(QLatin1String("worker")),
             qPrintable(page.statusSummary()));
    QVERIFY(page.statusSummary().contains(QLatin1String("queue local ok")));
    QVERIFY(page.statusSummary().contains(QLatin1String("API http://127.0.0.1:2358")));
    QCOMPARE(page.boxGrid()->boxes().size(), engine.pool().size());
    QVERIFY(page.boxGrid()
                ->toolTipAt(page.boxGrid()->boxRect(0).center())
                .startsWith(QLatin1String("Box 0")));

    // 20 jobs of two tests each: print the input back.
    const Language *python = source.languages().find(QStringLiteral("python3"));
    QVERIFY(python);
    QList<QByteArray> tokens;
    for (int i = 0; i < 20; ++i) {
        BatchRequest r;
        r.submission = Submission::fromSource(*python, "print(input())\n");
        for (int t = 0; t < 2; ++t) {
            TestData test;
            test.name = QString::number(t + 1);
            test.input = QByteArray::number(i * 10 + t) + '\n';
            test.answer = test.input;
            r.tests << test;
        }
        r.limits.cpuMs = 5000;
        r.limits.wallMs = 10000;
        r.limits.memoryKib = 256 * 1024;
        r.limits.processes = 32;
        r.limits.outputKib = 4096;
        const std::optional<QByteArray> token = source.submit(r, {}, &error);
        QVERIFY2(token, qPrintable(error));
        tokens << *token;
    }
    const auto allDone = [&] {
        for (const QByteArray &token : std::as_const(tokens)) {
            const std::optional<JobRecord> job = source.find(token);
            if (!job || job->state != JobState::Done)
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allDone(), 120000);
    page.pollNow();

    // Every run and every job is in the history, and in the charts.
    quint64 runs = 0;
    for (const TelemetryInterval &iv : page.history().intervals(3600, 3600))
        runs += iv.runs;
    QCOMPARE(runs, quint64(40));
    const QChart *verdicts = page.chart(DashboardPage::Chart::Verdicts);
    QCOMPARE(areaTotal(areaOf(verdicts, Verdict::AC)), 20.0);
    QCOMPARE(areaTotal(areaOf(verdicts, Verdict::WA)), 0.0);
    QVERIFY(areaOf(verdicts, Verdict::AC)->isVisible());
    QVERIFY(!areaOf(verdicts, Verdict::WA)->isVisible()); // not seen: not in the legend
    const auto *runSeries = qobject_cast<QLineSeries *>(
        page.chart(DashboardPage::Chart::Throughput)->series().value(0));
    double mostRuns = 0;
    for (const QPointF &p : runSeries->points())
        mostRuns = std::max(mostRuns, p.y());
    QVERIFY(mostRuns > 0);
    const QLineSeries *p95 =
        lineNamed(page.chart(DashboardPage::Chart::Latency), QStringLiteral("Run p95"));
    QVERIFY(p95 && p95->count() > 0);
    QCOMPARE(page.boxGrid()->boxes().size(), 1);
    QVERIFY(page.boxGrid()->boxes().constFirst().runs >= 40);

    // The window: the x axis spans what the combo says.
    const QChart *queue = page.chart(DashboardPage::Chart::Queue);
    QCOMPARE(axisSpanSeconds(queue), qint64(600));
    page.windowBox()->setCurrentIndex(page.windowBox()->findData(60));
    QCOMPARE(axisSpanSeconds(queue), qint64(60));
    page.windowBox()->setCurrentIndex(page.windowBox()->findData(3600));
    QCOMPARE(axisSpanSeconds(queue), qint64(3600));

    // A change of state reaches the status bar once.
    QSignalSpy status(&page, &DashboardPage::statusChanged);
    source.setApiAddress(QString());
    page.pollNow();
    page.pollNow();
    QCOMPARE(status.count(), 1);
    QVERIFY(status.at(0).at(0).toString().contains(QLatin1String("API off")));
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
