#include "options.h"
#include "boxpool.h"
#include "language.h"

#include <QTextStream>

#include <cmath>

namespace evalx::app {

static QString envName(const QString &name)
{
    return QStringLiteral("EVALX_") +
           QString(name).toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

std::optional<QString> optionValue(const QCommandLineParser &parser, const QString &name)
{
    if (parser.isSet(name))
        return parser.value(name);
    const QString env = envName(name);
    if (qEnvironmentVariableIsSet(env.toLatin1().constData()))
        return qEnvironmentVariable(env.toLatin1().constData());
    return std::nullopt;
}

bool optionSet(const QCommandLineParser &parser, const QString &name)
{
    if (parser.isSet(name))
        return true;
    const QByteArray env = envName(name).toLatin1();
    const QString value = qEnvironmentVariable(env.constData()).toLower();
    return !value.isEmpty() && value != QLatin1String("0") && value != QLatin1String("false") &&
           value != QLatin1String("no");
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
