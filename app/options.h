#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <optional>

namespace evalx {
class LanguageCatalogue;
struct SandboxOptions;
} // namespace evalx

namespace evalx::app {

// An option's value from the command line, else from EVALX_<NAME> (upper
// case, dashes as underscores), else from the config file, else nothing.
std::optional<QString> optionValue(const QCommandLineParser &parser, const QString &name);
bool optionSet(const QCommandLineParser &parser, const QString &name);

// --config FILE (or EVALX_CONFIG): "option = value" lines, one per long
// option of the verb, read by optionValue() after the command line and the
// environment. An unreadable file or an unknown option is an error naming it.
QCommandLineOption configOption();
bool loadConfigFile(const QCommandLineParser &parser, const QList<QCommandLineOption> &known,
                    QString *error);

// Strict number parsing with a message that names the option.
std::optional<double> parseSeconds(const QString &option, const QString &text, double max,
                                   QString *error);
std::optional<quint64> parseCount(const QString &option, const QString &text, quint64 min,
                                  quint64 max, QString *error);

// "evalx VERB: message" and a pointer to --help on stderr; returns 2.
int usageError(const QString &verb, const QString &message);
// Parses a verb's command line: an exit code when it is wrong (2) or asked
// for --help (0), nothing when the verb should go on.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const QString &verb);

// --sandbox evalx|isolate, shared by every verb that runs programs.
QCommandLineOption sandboxOption();
bool applySandboxOption(const QCommandLineParser &parser, SandboxOptions *options, QString *error);

// "unknown language 'x' (known: c, cpp, ...)".
QString unknownLanguage(const LanguageCatalogue &languages, const QString &id);

} // namespace evalx::app
