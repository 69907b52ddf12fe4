#pragma once

#include <QHttpServerResponse>

namespace evalx {

class Engine;

// GET /metrics: the engine's counters in Prometheus' text format.
class MetricsController final
{
public:
    explicit MetricsController(Engine &engine);
    QHttpServerResponse metrics() const;

private:
    Engine &m_engine;
};

} // namespace evalx
