#include "engine.h"

namespace evalx {

Engine::Engine(EngineOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_languages(LanguageCatalogue::builtIn())
    , m_pool(new BoxPool(m_options.sandbox, this))
    , m_executor(std::make_unique<Executor>(*m_pool))
    , m_batchJudge(std::make_unique<BatchJudge>(*m_executor, m_languages))
{}

Engine::~Engine() = default;

bool Engine::start(QString *error)
{
    m_started = m_pool->start(error);
    return m_started;
}

} // namespace evalx
