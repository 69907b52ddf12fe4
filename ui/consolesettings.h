#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

class QSettings;

namespace evalx {
struct EngineOptions;
struct RunLimits;
struct ApiOptions;
} // namespace evalx

namespace evalx::ui {

// What the settings dialog edits, kept with QSettings (the user's
// configuration directory: ~/.config/EvalX/evalx.conf).
struct ConsoleSettings
{
    // Judging
    int poolSize = 0;                // boxes; 0: one per core
    double timeSeconds = 2.0;        // default CPU time per test (window, local judge)
    int memoryMib = 256;             // default memory per test
    QStringList disabledLanguages;   // ids the window and its API refuse
    // The API inside the window
    bool apiEnabled = false;
    QString apiAddress = QStringLiteral("127.0.0.1");
    int apiPort = 2358;
    QString apiToken;                // empty: no X-Auth-Token asked
    // Jobs through Redis (empty: in-process)
    QString redisUrl;
    // Watch a remote evalx --headless instead of judging here (empty: here)
    QString remoteUrl;
    QString remoteToken;
    // The SQLite history of jobs (empty: none); load() defaults it to the
    // user's data directory.
    QString historyPath;
    // Look
    QString uiLanguage;                      // "", "en", "de", "fr": empty follows the system
    QString theme = QStringLiteral("system"); // "system", "light" or "dark"

    static ConsoleSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    // Whether going from this to other needs the engine rebuilt (and the API restarted).
    bool needsRestart(const ConsoleSettings &other) const;

    EngineOptions engineOptions() const;
    RunLimits runLimits() const; // for what the window submits
    ApiOptions apiOptions() const;
    friend bool operator==(const ConsoleSettings &, const ConsoleSettings &) = default;
};

} // namespace evalx::ui
