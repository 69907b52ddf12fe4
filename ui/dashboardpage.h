#pragma once

#include "consolesource.h"
#include "telemetryhistory.h"

#include <QMap>
#include <QPointer>
#include <QWidget>

class QAreaSeries;
class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTimer;
class QValueAxis;

namespace evalx::ui {

class BoxGridWidget;

// The console's first page: what the judge does now and did over the last
// minute, ten minutes or hour. It polls its source once a second; the charts
// redraw from the history at that tick only, never per result, so that a
// judge finishing a thousand jobs a second costs the window no more than one
// finishing none.
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)
public:
    enum class Chart { Queue, Throughput, Latency, Verdicts };
    static constexpr int kPollMs = 1000;
    static constexpr int kMaxPointsPerSeries = 600;

    explicit DashboardPage(ConsoleSource *source, QWidget *parent = nullptr);
    ~DashboardPage() override;

    // Takes a sample now and redraws, without waiting for the next tick.
    void pollNow();
    // One line for the status bar: workers, queue, API and sandbox.
    QString statusSummary() const { return m_status; }

    // The time the charts span, in seconds (60, 600 or 3600).
    int windowSeconds() const;
    void setWindowSeconds(int seconds);

    // What the charts are drawn from; refresh() redraws them after a change.
    TelemetryHistory &history() { return m_history; }
    const TelemetryHistory &history() const { return m_history; }
    void refresh();

    QChart *chart(Chart which) const;
    BoxGridWidget *boxGrid() const { return m_boxes; }
    QComboBox *windowBox() const { return m_window; }

Q_SIGNALS:
    void statusChanged(const QString &summary);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Headline { Workers, Waiting, Running, RunsPerSecond, Queue, Sandbox, Api };
    struct ChartParts
    {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QDateTimeAxis *x = nullptr;
        QValueAxis *y = nullptr;
    };

    void tick();
    void take(const Telemetry &sample);
    void updateHeadlines(const Telemetry &sample);
    void updateStatus(const Telemetry &sample);
    ChartParts makeChart(const QString &title, const QString &yTitle);
    QLineSeries *addLine(ChartParts &parts, const QString &name);
    void applyPalette();

    QPointer<ConsoleSource> m_source;
    TelemetryHistory m_history;
    QTimer *m_timer;
    QComboBox *m_window;
    BoxGridWidget *m_boxes;
    QMap<Headline, QLabel *> m_headlines;
    QString m_status;
    bool m_stale = false; // samples arrived while hidden: redraw when shown

    ChartParts m_queue;
    ChartParts m_throughput;
    ChartParts m_latency;
    ChartParts m_verdicts;
    QLineSeries *m_waiting = nullptr;
    QLineSeries *m_running = nullptr;
    QLineSeries *m_runsPerSecond = nullptr;
    QLineSeries *m_jobP50 = nullptr;
    QLineSeries *m_jobP95 = nullptr;
    QLineSeries *m_runP50 = nullptr;
    QLineSeries *m_runP95 = nullptr;
    QList<QAreaSeries *> m_verdictAreas; // one per allVerdicts(), stacked in that order
};

} // namespace evalx::ui
