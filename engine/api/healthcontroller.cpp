#include "healthcontroller.h"
#include "engine.h"

#include <QJsonArray>
#include <QJsonObject>

namespace evalx {

HealthController::HealthController(Engine &engine)
    : m_engine(engine)
{
    m_uptime.start();
}

QHttpServerResponse HealthController::health() const
{
    const SandboxSummary s = m_engine.pool().summary();
    QJsonObject sandbox{
        {QStringLiteral("mode"), s.mode},
        {QStringLiteral("cgroup"), s.cgroup},
        {QStringLiteral("cgroup_detail"), s.cgroupReason},
        {QStringLiteral("seccomp"), s.seccomp},
        {QStringLiteral("separate_users"), s.separateUsers},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(s.warnings)},
    };
    int idle = 0, busy = 0, broken = 0;
    const auto boxes = m_engine.pool().snapshot();
    for (const BoxInfo &b : boxes) {
        if (b.state == BoxState::Idle)
            ++idle;
        else if (b.state == BoxState::Broken)
            ++broken;
        else
            ++busy;
    }
    QJsonObject pool{{QStringLiteral("size"), int(boxes.size())},
                     {QStringLiteral("idle"), idle},
                     {QStringLiteral("busy"), busy},
                     {QStringLiteral("broken"), broken}};
    // Which languages this host can judge, with the versions found at start-up.
    QJsonArray languages;
    for (const Language &l : m_engine.languages().languages()) {
        const LanguageStatus st = m_engine.languages().status(l.id);
        QJsonObject o{{QStringLiteral("id"), l.id},
                      {QStringLiteral("name"), l.name},
                      {QStringLiteral("available"), st.available},
                      {QStringLiteral("version"), st.version}};
        if (!st.available)
            o.insert(QStringLiteral("missing"),
                     QStringLiteral("%1 (Debian package %2)").arg(st.missingTool, l.package));
        languages.append(o);
    }
    // Where jobs wait: this process's own queue, or Redis shared with others
    // (then whether it is reachable now).
    QJsonObject queue{{QStringLiteral("kind"), QStringLiteral("none")}};
    bool queueReachable = false;
    if (const JobQueue *jobs = m_engine.jobs()) {
        const QueueStatus q = jobs->status();
        queueReachable = q.reachable;
        queue = QJsonObject{{QStringLiteral("kind"), q.kind},
                            {QStringLiteral("state"), q.state},
                            {QStringLiteral("workers"), jobs->workers()}};
        if (!q.location.isEmpty())
            queue.insert(QStringLiteral("url"), q.location);
        if (!q.error.isEmpty())
            queue.insert(QStringLiteral("error"), q.error);
        if (q.resultCache)
            queue.insert(QStringLiteral("result_cache"),
                         QJsonObject{{QStringLiteral("hits"), double(q.cacheHits)},
                                     {QStringLiteral("misses"), double(q.cacheMisses)}});
    }
    // A process without boxes (API only, --workers 0) is healthy while its
    // queue is: others judge.
    const bool apiOnly = m_engine.options().apiOnly;
    const bool healthy =
        m_engine.isStarted() && queueReachable && (apiOnly || broken < boxes.size());
    QJsonObject body{
        {QStringLiteral("status"), healthy ? QStringLiteral("ok") : QStringLiteral("unavailable")},
        {QStringLiteral("version"), QStringLiteral(EVALX_VERSION)},
        {QStringLiteral("uptime_seconds"), double(m_uptime.elapsed()) / 1000.0},
        {QStringLiteral("sandbox"), sandbox},
        {QStringLiteral("pool"), pool},
        {QStringLiteral("languages"), languages},
        {QStringLiteral("queue"), queue},
    };
    return QHttpServerResponse(body, healthy ? QHttpServerResponse::StatusCode::Ok
                                             : QHttpServerResponse::StatusCode::ServiceUnavailable);
}

} // namespace evalx
