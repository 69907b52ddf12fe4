#pragma once

#include "boxpool.h"
#include "jobqueue.h"
#include "language.h"

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <optional>

class QTimer;

namespace evalx {
class Engine;
}

namespace evalx::ui {

// One sample of what the judge is doing, taken about once a second.
struct Telemetry
{
    QDateTime at; // when it was taken (UTC)
    bool reachable = true;
    QString error; // why not, when not
    int waiting = 0;
    int running = 0;
    int workers = 0;
    int capacity = 0;
    JobStats stats; // cumulative since the judge started
    QList<BoxInfo> boxes;
    QueueStatus queue;
    QString sandbox; // "namespaces, cgroup v1", or why there is none
    QString api;     // where the API answers ("http://127.0.0.1:2358"), or empty: off
};

// Where a submission came from, for the submissions table's filter.
enum class SubmissionSource { Window, LocalJudge, Judge0, Piston, Native, Other };
SubmissionSource sourceOf(const JobRecord &job);
QString sourceName(SubmissionSource source); // translated

// The labels the console puts on what it submits.
inline constexpr char kOriginLabel[] = "console_origin"; // "window" or "local"

// What the console watches and drives: the in-process engine (LocalSource) or,
// later, a remote evalx --headless. Every signal arrives on the GUI thread.
class ConsoleSource : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleSource(QObject *parent = nullptr);
    ~ConsoleSource() override;

    virtual QString describe() const = 0; // "this computer", "http://host:2358"
    // The in-process engine, when there is one (the local judge needs it).
    virtual Engine *engine() const { return nullptr; }
    virtual const LanguageCatalogue &languages() const = 0;

    // Cheap enough to call once a second on the GUI thread.
    virtual Telemetry telemetry() const = 0;

    // The token, or nothing and why (the queue is full, the language unknown).
    virtual std::optional<QByteArray> submit(const BatchRequest &request,
                                             const SubmitOptions &options, QString *error) = 0;
    // The jobs known now, newest first, at most limit of them.
    virtual QList<JobRecord> recent(int limit) const = 0;
    virtual std::optional<JobRecord> find(const QByteArray &token) const = 0;

Q_SIGNALS:
    // A job appeared or moved on (queued, running, a test finished, done).
    // Changes are coalesced: a job sends at most ten of these a second, and
    // the record is the job as it stands then.
    void jobChanged(const evalx::JobRecord &job);

protected:
    // A job changed: jobChanged follows within 100 ms with the job as find()
    // has it then, once however many changes came meanwhile.
    void markChanged(const QByteArray &token);

private:
    void flush();

    QTimer *m_flush;
    QSet<QByteArray> m_changed;
};

// The engine in this process: its queue's signals, coalesced.
class LocalSource final : public ConsoleSource
{
    Q_OBJECT
public:
    explicit LocalSource(Engine *engine, QObject *parent = nullptr);
    ~LocalSource() override;

    QString describe() const override;
    Engine *engine() const override { return m_engine; }
    const LanguageCatalogue &languages() const override;
    Telemetry telemetry() const override;
    std::optional<QByteArray> submit(const BatchRequest &request, const SubmitOptions &options,
                                     QString *error) override;
    QList<JobRecord> recent(int limit) const override;
    std::optional<JobRecord> find(const QByteArray &token) const override;

    // Where the API answers when the window runs one (for the status bar).
    void setApiAddress(const QString &address) { m_api = address; }

private:
    Engine *m_engine;
    QString m_api;
};

} // namespace evalx::ui
