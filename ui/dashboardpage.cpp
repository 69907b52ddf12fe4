#include "dashboardpage.h"
#include "boxgridwidget.h"
#include "verdictstyle.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>
#include <utility>

namespace evalx::ui {

namespace {

constexpr int kRecentRateSeconds = 5; // the headline's runs per second: over the last 5 s

// Series colours, set again whenever a chart theme resets them.
const QColor kWaitingColor(0x3b, 0x82, 0xc4);
const QColor kRunningColor(0xdb, 0x8b, 0x0b);
const QColor kRunsColor(0x2e, 0xa0, 0x43);
const QColor kJobP50Color(0x3b, 0x82, 0xc4);
const QColor kJobP95Color(0x17, 0xa2, 0xb8);
const QColor kRunP50Color(0x9a, 0x5c, 0xd0);
const QColor kRunP95Color(0xe3, 0x6c, 0x8f);

void setPen(QLineSeries *series, const QColor &color, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(color, 2);
    pen.setStyle(style);
    series->setPen(pen);
}

// An axis from 0 to a round number above the largest value.
void fitValues(QValueAxis *axis, double largest)
{
    axis->setRange(0, largest > 0 ? largest * 1.1 : 1.0);
    axis->applyNiceNumbers();
}

QString windowLabel(int seconds)
{
    if (seconds >= 3600)
        return QCoreApplication::translate("evalx::ui", "%n h", nullptr, seconds / 3600);
    return QCoreApplication::translate("evalx::ui", "%n min", nullptr, seconds / 60);
}

} // namespace

DashboardPage::DashboardPage(ConsoleSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
    , m_timer(new QTimer(this))
    , m_window(new QComboBox(this))
    , m_boxes(new BoxGridWidget(this))
{
    for (int seconds : {60, 600, 3600})
        m_window->addItem(windowLabel(seconds), seconds);
    m_window->setCurrentIndex(1);
    m_window->setToolTip(tr("How far back the charts reach"));

    // Headline numbers: a caption above each value.
    auto *headlines = new QGridLayout;
    headlines->setHorizontalSpacing(24);
    const QList<std::pair<Headline, QString>> captions{
        {Headline::Workers, tr("Workers")}, {Headline::Waiting, tr("Waiting")},
        {Headline::Running, tr("Running")}, {Headline::RunsPerSecond, tr("Runs/s")},
        {Headline::Queue, tr("Queue")},     {Headline::Sandbox, tr("Sandbox")},
        {Headline::Api, tr("API")},
    };
    QFont valueFont = font();
    valueFont.setBold(true);
    if (valueFont.pointSizeF() > 0)
        valueFont.setPointSizeF(valueFont.pointSizeF() * 1.25);
    for (int column = 0; column < int(captions.size()); ++column) {
        auto *caption = new QLabel(captions[column].second, this);
        auto *value = new QLabel(QStringLiteral("–"), this);
        value->setFont(valueFont);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        headlines->addWidget(caption, 0, column);
        headlines->addWidget(value, 1, column);
        m_headlines.insert(captions[column].first, value);
    }

    auto *header = new QHBoxLayout;
    header->addLayout(headlines);
    header->addStretch(1);
    auto *windowCaption = new QLabel(tr("&Window:"), this);
    windowCaption->setBuddy(m_window);
    header->addWidget(windowCaption);
    header->addWidget(m_window);

    m_queue = makeChart(tr("Queue depth"), tr("jobs"));
    m_waiting = addLine(m_queue, tr("Waiting"));
    m_running = addLine(m_queue, tr("Running"));
    m_throughput = makeChart(tr("Runs per second"), tr("runs/s"));
    m_runsPerSecond = addLine(m_throughput, tr("Runs/s"));
    m_throughput.chart->legend()->hide();
    m_latency = makeChart(tr("Latency"), tr("ms"));
    m_jobP50 = addLine(m_latency, tr("End to end p50"));
    m_jobP95 = addLine(m_latency, tr("End to end p95"));
    m_runP50 = addLine(m_latency, tr("Run p50"));
    m_runP95 = addLine(m_latency, tr("Run p95"));
    m_verdicts = makeChart(tr("Verdicts"), tr("jobs"));
    for (Verdict v : allVerdicts()) {
        auto *upper = new QLineSeries(m_verdicts.chart);
        auto *lower = new QLineSeries(m_verdicts.chart);
        auto *area = new QAreaSeries(upper, lower);
        area->setName(verdictLabel(v));
        m_verdicts.chart->addSeries(area);
        area->attachAxis(m_verdicts.x);
        area->attachAxis(m_verdicts.y);
        m_verdictAreas.append(area);
    }

    auto *charts = new QGridLayout;
    charts->addWidget(m_queue.view, 0, 0);
    charts->addWidget(m_throughput.view, 0, 1);
    charts->addWidget(m_latency.view, 1, 0);
    charts->addWidget(m_verdicts.view, 1, 1);

    auto *pool = new QGroupBox(tr("Box pool"), this);
    auto *poolLayout = new QVBoxLayout(pool);
    poolLayout->addWidget(m_boxes);

    auto *root = new QVBoxLayout(this);
    root->addLayout(header);
    root->addLayout(charts, 1);
    root->addWidget(pool);

    applyPalette();

    connect(m_window, &QComboBox::currentIndexChanged, this, &DashboardPage::refresh);
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &DashboardPage::tick);
    m_timer->start();
    pollNow();
}

DashboardPage::~DashboardPage() = default;

DashboardPage::ChartParts DashboardPage::makeChart(const QString &title, const QString &yTitle)
{
    ChartParts parts;
    parts.chart = new QChart;
    parts.chart->setTitle(title);
    parts.chart->setAnimationOptions(QChart::NoAnimation);
    parts.chart->legend()->setAlignment(Qt::AlignBottom);
    parts.chart->setMargins(QMargins(4, 4, 4, 4));
    parts.x = new QDateTimeAxis(parts.chart);
    parts.x->setTickCount(6);
    parts.chart->addAxis(parts.x, Qt::AlignBottom);
    parts.y = new QValueAxis(parts.chart);
    parts.y->setTitleText(yTitle);
    parts.y->setLabelFormat(QStringLiteral("%g"));
    parts.chart->addAxis(parts.y, Qt::AlignLeft);
    parts.view = new QChartView(parts.chart, this); // the view owns the chart
    parts.view->setRenderHint(QPainter::Antialiasing);
    parts.view->setMinimumSize(280, 200);
    return parts;
}

QLineSeries *DashboardPage::addLine(ChartParts &parts, const QString &name)
{
    auto *series = new QLineSeries(parts.chart);
    series->setName(name);
    parts.chart->addSeries(series);
    series->attachAxis(parts.x);
    series->attachAxis(parts.y);
    return series;
}

QChart *DashboardPage::chart(Chart which) const
{
    switch (which) {
    case Chart::Queue:
        return m_queue.chart;
    case Chart::Throughput:
        return m_throughput.chart;
    case Chart::Latency:
        return m_latency.chart;
    case Chart::Verdicts:
        break;
    }
    return m_verdicts.chart;
}

int DashboardPage::windowSeconds() const
{
    return m_window->currentData().toInt();
}

void DashboardPage::setWindowSeconds(int seconds)
{
    const int i = m_window->findData(seconds);
    if (i >= 0)
        m_window->setCurrentIndex(i);
}

void DashboardPage::pollNow()
{
    Telemetry sample;
    if (m_source) {
        sample = m_source->telemetry();
    } else {
        sample.at = QDateTime::currentDateTimeUtc();
        sample.reachable = false;
        sample.error = tr("no judge to watch");
    }
    take(sample);
    refresh();
}

void DashboardPage::tick()
{
    if (!m_source)
        return;
    take(m_source->telemetry());
    // A hidden page keeps its history but draws only once it is shown again.
    if (isVisible())
        refresh();
    else
        m_stale = true;
}

void DashboardPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void DashboardPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_verdicts.chart)
        applyPalette();
}

void DashboardPage::take(const Telemetry &sample)
{
    m_history.add(sample);
    m_boxes->setBoxes(sample.boxes);
    updateHeadlines(sample);
    updateStatus(sample);
}

void DashboardPage::updateHeadlines(const Telemetry &sample)
{
    const auto set = [this](Headline h, const QString &text) {
        m_headlines.value(h)->setText(text);
    };
    if (!sample.reachable) {
        for (Headline h :
             {Headline::Workers, Headline::Waiting, Headline::Running, Headline::RunsPerSecond})
            set(h, QStringLiteral("–"));
    } else {
        set(Headline::Workers, QString::number(sample.workers));
        set(Headline::Waiting, sample.capacity > 0
                                   ? tr("%1 of %2").arg(sample.waiting).arg(sample.capacity)
                                   : QString::number(sample.waiting));
        set(Headline::Running, QString::number(sample.running));
        const QList<TelemetryInterval> recent = m_history.intervals(kRecentRateSeconds, 1);
        set(Headline::RunsPerSecond, recent.isEmpty()
                                         ? QStringLiteral("–")
                                         : QString::number(recent.last().runsPerSecond, 'f', 1));
    }
    const QueueStatus &q = sample.queue;
    QString queue =
        q.reachable ? tr("%1, %2").arg(q.kind, q.state) : tr("%1, unreachable").arg(q.kind);
    set(Headline::Queue, queue);
    m_headlines.value(Headline::Queue)
        ->setToolTip(q.reachable ? q.location : tr("%1\n%2").arg(q.location, q.error).trimmed());
    set(Headline::Sandbox, sample.sandbox.isEmpty() ? QStringLiteral("–") : sample.sandbox);
    set(Headline::Api, sample.api.isEmpty() ? tr("off") : sample.api);
}

void DashboardPage::updateStatus(const Telemetry &sample)
{
    QStringList parts;
    if (!sample.reachable && !sample.error.isEmpty())
        parts << tr("judge unreachable: %1").arg(sample.error);
    if (sample.reachable)
        parts << tr("%n worker(s)", nullptr, sample.workers);
    const QueueStatus &q = sample.queue;
    if (!q.reachable)
        parts << tr("queue %1 unreachable").arg(q.kind);
    else if (sample.reachable)
        parts << tr("queue %1 %2").arg(q.kind, q.state);
    parts << (sample.api.isEmpty() ? tr("API off") : tr("API %1").arg(sample.api));
    if (!sample.sandbox.isEmpty() && sample.reachable)
        parts << sample.sandbox;
    const QString status = parts.join(QStringLiteral(" · "));
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged(m_status);
}

void DashboardPage::refresh()
{
    m_stale = false;
    const int window = windowSeconds();
    const QList<TelemetryInterval> intervals = m_history.intervals(window, kMaxPointsPerSeries);

    QList<QPointF> waiting, running, runs, jobP50, jobP95, runP50, runP95;
    for (QList<QPointF> *list : {&waiting, &running, &runs, &jobP50, &jobP95, &runP50, &runP95})
        list->reserve(intervals.size());
    const qsizetype verdictCount = m_verdictAreas.size();
    QList<QList<QPointF>> upper(verdictCount), lower(verdictCount);
    QList<quint64> verdictTotals(verdictCount);
    double mostJobs = 0, mostRuns = 0, mostMs = 0, mostFinished = 0;
    const auto addMs = [&mostMs](QList<QPointF> &list, double x, std::optional<double> seconds) {
        if (!seconds)
            return; // nothing observed then: no point rather than a zero
        list.append(QPointF(x, *seconds * 1000.0));
        mostMs = std::max(mostMs, *seconds * 1000.0);
    };
    for (const TelemetryInterval &iv : intervals) {
        if (!iv.reachable)
            continue;
        const double x = double(iv.endMsecs);
        waiting.append(QPointF(x, iv.waiting));
        running.append(QPointF(x, iv.running));
        runs.append(QPointF(x, iv.runsPerSecond));
        mostJobs = std::max({mostJobs, double(iv.waiting), double(iv.running)});
        mostRuns = std::max(mostRuns, iv.runsPerSecond);
        addMs(jobP50, x, iv.jobP50);
        addMs(jobP95, x, iv.jobP95);
        addMs(runP50, x, iv.runP50);
        addMs(runP95, x, iv.runP95);
        double stacked = 0;
        for (qsizetype v = 0; v < verdictCount; ++v) {
            const quint64 n = iv.finished[std::size_t(allVerdicts()[v])];
            lower[v].append(QPointF(x, stacked));
            stacked += double(n);
            upper[v].append(QPointF(x, stacked));
            verdictTotals[v] += n;
        }
        mostFinished = std::max(mostFinished, stacked);
    }

    m_waiting->replace(waiting);
    m_running->replace(running);
    m_runsPerSecond->replace(runs);
    m_jobP50->replace(jobP50);
    m_jobP95->replace(jobP95);
    m_runP50->replace(runP50);
    m_runP95->replace(runP95);
    for (qsizetype v = 0; v < verdictCount; ++v) {
        QAreaSeries *area = m_verdictAreas[v];
        area->upperSeries()->replace(upper[v]);
        area->lowerSeries()->replace(lower[v]);
        // Only the verdicts seen in the window take room in the legend.
        const bool seen = verdictTotals[v] > 0;
        area->setVisible(seen);
        const QList<QLegendMarker *> markers = m_verdicts.chart->legend()->markers(area);
        for (QLegendMarker *marker : markers)
            marker->setVisible(seen);
    }

    // Grouped samples: the verdict chart counts jobs per group, so it says how long one is.
    const int perSeconds =
        std::max(1, int(std::lround(double(window) / (kMaxPointsPerSeries - 1))));
    m_verdicts.chart->setTitle(tr("Verdicts (jobs finished per %n s)", nullptr, perSeconds));

    const qint64 end =
        m_history.isEmpty() ? QDateTime::currentMSecsSinceEpoch() : m_history.last().msecs;
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(end - qint64(window) * 1000);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(end);
    const QString format = window >= 3600 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss");
    for (ChartParts *parts : {&m_queue, &m_throughput, &m_latency, &m_verdicts}) {
        parts->x->setRange(from, to);
        parts->x->setFormat(format);
    }
    fitValues(m_queue.y, mostJobs);
    fitValues(m_throughput.y, mostRuns);
    fitValues(m_latency.y, mostMs);
    fitValues(m_verdicts.y, mostFinished);
}

void DashboardPage::applyPalette()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QColor text = palette().color(QPalette::WindowText);
    for (ChartParts *parts : {&m_queue, &m_throughput, &m_latency, &m_verdicts}) {
        // A theme resets every colour and font of the chart: the page's own
        // come after it.
        parts->chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        parts->chart->setBackgroundBrush(palette().color(QPalette::Base));
        parts->chart->setTitleBrush(text);
        parts->chart->legend()->setLabelColor(text);
        for (QAbstractAxis *axis :
             {static_cast<QAbstractAxis *>(parts->x), static_cast<QAbstractAxis *>(parts->y)}) {
            axis->setLabelsColor(text);
            axis->setTitleBrush(text);
        }
        parts->view->setBackgroundBrush(palette().color(QPalette::Base));
    }
    setPen(m_waiting, kWaitingColor);
    setPen(m_running, kRunningColor);
    setPen(m_runsPerSecond, kRunsColor);
    setPen(m_jobP50, kJobP50Color);
    setPen(m_jobP95, kJobP95Color, Qt::DashLine);
    setPen(m_runP50, kRunP50Color);
    setPen(m_runP95, kRunP95Color, Qt::DashLine);
    for (qsizetype v = 0; v < m_verdictAreas.size(); ++v) {
        const QColor color = verdictColor(allVerdicts()[v]);
        m_verdictAreas[v]->setBrush(color);
        m_verdictAreas[v]->setPen(QPen(color.darker(120), 1));
    }
}

} // namespace evalx::ui
