#include "options.h"
#include "boxpool.h"
#include "language.h"

#include <QFileInfo>
#include <QHash>
#include <QSettings>
#include <QTextStream>

#include <cmath>

namespace evalx::app {

static QString envName(const QString &name)
{
    return QStringLiteral("EVALX_") +
           QString(name).toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

// The settings of the config file loaded by loadConfigFile(), by option name.
static QHash<QString, QString> &configFile()
{
    static QHash<QString, QString> settings;
    return settings;
}

std::optional<QString> optionValue(const QCommandLineParser &parser, const QString &name)
{
    if (parser.isSet(name))
        return parser.value(name);
    const QString env = envName(name);
    if (qEnvironmentVariableIsSet(env.toLatin1().constData()))
        return qEnvironmentVariable(env.toLatin1().constData());
    const auto it = configFile().constFind(name);
    if (it != configFile().cend())
        return *it;
    return std::nullopt;
}

bool optionSet(const QCommandLineParser &parser, const QString &name)
{
    if (parser.isSet(name))
        return true;
    const std::optional<QString> v = optionValue(parser, name);
    if (!v)
        return false;
    const QString value = v->toLower();
    return !value.isEmpty() && value != QLatin1String("0") && value != QLatin1String("false") &&
           value != QLatin1String("no");
}

QCommandLineOption configOption()
{
    return {QStringLiteral("config"),
            QStringLiteral("Read settings from FILE: one 'option = value' line per long option "
                           "(e.g. port = 3000); the command line and EVALX_* win over it."),
            QStringLiteral("FILE")};
}

bool loadConfigFile(const QCommandLineParser &parser, const QList<QCommandLineOption> &known,
                    QString *error)
{
    configFile().clear();
    // Not through optionValue: the file cannot name itself.
    QString path = parser.isSet(QStringLiteral("config")) ? parser.value(QStringLiteral("config"))
                                                          : qEnvironmentVariable("EVALX_CONFIG");
    if (path.isEmpty())
        return true;
    if (!QFileInfo(path).isReadable()) {
        *error = QStringLiteral("--config: cannot read '%1'").arg(path);
        return false;
    }
    QSettings file(path, QSettings::IniFormat);
    if (file.status() != QSettings::NoError) {
        *error = QStringLiteral("--config: '%1' is not an 'option = value' file").arg(path);
        return false;
    }
    QStringList names;
    for (const QCommandLineOption &o : known)
        names << o.names();
    for (const QString &key : file.allKeys()) {
        // QSettings takes only ';' for a comment: a "# name = value" line
        // (a default shown commented out) comes back as a key.
        if (key.startsWith(QLatin1Char('#')))
            continue;
        if (!names.contains(key) || key == QLatin1String("config")) {
            *error = QStringLiteral("--config: '%1' has an unknown setting '%2' (known: %3)")
                         .arg(path, key, names.join(QStringLiteral(", ")));
            return false;
        }
        // QSettings reads "a, b" as a list: options take it as written.
        const QVariant value = file.value(key);
        configFile().insert(key, value.typeId() == QMetaType::QStringList
                                     ? value.toStringList().join(QLatin1Char(','))
                                     : value.toString());
    }
    return true;
}

std::optional<double> parseSeconds(const QString &option, const QString &text, double max,
                                   QString *error)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v <= 0 || v > max) {
        *error = QStringLiteral("--%1 takes seconds greater than 0 and at most %2, not '%3'")
                     .arg(option)
                     .arg(max)
                     .arg(text);
        return std::nullopt;
    }
    return v;
}

std::optional<quint64> parseCount(const QString &option, const QString &text, quint64 min,
                                  quint64 max, QString *error)
{
    bool ok = false;
    const qulonglong v = text.toULongLong(&ok);
    if (!ok || v < min || v > max) {
        *error = QStringLiteral("--%1 takes a whole number from %2 to %3, not '%4'")
                     .arg(option)
                     .arg(min)
                     .arg(max)
                     .arg(text);
        return std::nullopt;
    }
    return v;
}

QString unknownLanguage(const LanguageCatalogue &languages, const QString &id)
{
    QStringList ids;
    for (const Language &l : languages.languages())
        ids << l.id;
    return QStringLiteral("unknown language '%1' (known: %2)")
        .arg(id, ids.join(QStringLiteral(", ")));
}

int usageError(const QString &verb, const QString &message)
{
    QTextStream(stderr) << "evalx " << verb << ": " << message << "\n"
                        << "Try 'evalx " << verb << " --help'.\n";
    return 2;
}

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const QString &verb)
{
    if (!parser.parse(arguments))
        return usageError(verb, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    return std::nullopt;
}

QCommandLineOption sandboxOption()
{
    return {QStringLiteral("sandbox"),
            QStringLiteral("evalx (default): EvalX's own boxes; isolate: an installed isolate "
                           "(EVALX_ISOLATE names its path)."),
            QStringLiteral("BACKEND")};
}

bool applySandboxOption(const QCommandLineParser &parser, SandboxOptions *options, QString *error)
{
    const std::optional<QString> v = optionValue(parser, QStringLiteral("sandbox"));
    if (!v || *v == QLatin1String("evalx")) {
        options->backend = SandboxOptions::Backend::Evalx;
        return true;
    }
    if (*v == QLatin1String("isolate")) {
        options->backend = SandboxOptions::Backend::Isolate;
        return true;
    }
    *error = QStringLiteral("--sandbox: '%1' is neither 'evalx' nor 'isolate'").arg(*v);
    return false;
}

} // namespace evalx::app
