#pragma once

#include "consolesettings.h"

#include <QObject>
#include <memory>

namespace evalx {
class ApiServer;
class Engine;
} // namespace evalx

namespace evalx::ui {

class ConsoleSource;

// Everything behind the window: the settings, the engine they describe (or a
// remote server to watch instead), and the API server the window may run.
// The window shows what it holds; new settings that need it rebuild the
// engine, and sourceChanged tells the pages to follow.
class Console final : public QObject
{
    Q_OBJECT
public:
    explicit Console(ConsoleSettings settings, QObject *parent = nullptr);
    ~Console() override;

    // Builds what the settings describe. False and why when the sandbox, Redis
    // or the API cannot start; there is a source either way, which says so.
    bool start(QString *error);
    // Takes new settings, rebuilding the engine when they need it.
    bool apply(const ConsoleSettings &settings, QString *error);

    const ConsoleSettings &settings() const { return m_settings; }
    ConsoleSource *source() const { return m_source.get(); }
    Engine *engine() const { return m_engine.get(); }
    QString apiAddress() const; // "http://127.0.0.1:2358", or empty while off
    QString problem() const { return m_problem; } // the last start's trouble, if any

Q_SIGNALS:
    // Before the source goes (whoever holds it lets go) and once the new one is there.
    void sourceAboutToChange();
    void sourceChanged();

private:
    void stop();

    ConsoleSettings m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<ApiServer> m_api;
    std::unique_ptr<ConsoleSource> m_source;
    QString m_problem;
};

} // namespace evalx::ui
