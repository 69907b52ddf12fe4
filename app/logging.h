#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace evalx::app {

// --log-level debug|info|warning|error and --log-rules RULES, for every mode.
// The level keeps the categories under evalx.* (one per module: evalx.sandbox,
// evalx.judge, evalx.engine, evalx.queue, evalx.api, ...) from printing below
// it; the rules are Qt's own (QT_LOGGING_RULES syntax, ';' or ',' between
// rules) and are applied after the level. QT_LOGGING_RULES in the environment still wins.

// Takes --log-level and --log-rules out of the arguments (the verbs' parsers
// do not know them), falls back to EVALX_LOG_LEVEL and EVALX_LOG_RULES, and
// applies them (the default level is info). What the command line gave is
// left in those variables, so that a config file read later only fills in what
// neither set. Nothing when all is well, else the message for the user.
std::optional<QString> takeLoggingOptions(QStringList *arguments);

// Applies a level (empty: info) and extra rules; false with a message naming
// the allowed levels when the level is unknown.
bool applyLogging(const QString &level, const QString &rules, QString *error);

QStringList logLevels();

} // namespace evalx::app
