#pragma once

#include <QElapsedTimer>
#include <QHttpServerResponse>

namespace evalx {

class Engine;

// GET /health: is the engine up, and what can its sandbox enforce here.
class HealthController final
{
public:
    explicit HealthController(Engine &engine);
    QHttpServerResponse health() const;

private:
    Engine &m_engine;
    QElapsedTimer m_uptime;
};

} // namespace evalx
