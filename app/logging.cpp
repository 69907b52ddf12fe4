#include "logging.h"

#include <QLoggingCategory>
#include <QRegularExpression>

namespace evalx::app {

namespace {

const QString kLevelOption = QStringLiteral("--log-level");
const QString kRulesOption = QStringLiteral("--log-rules");

// The value of "--name VALUE" or "--name=VALUE" at arguments[i], removing it;
// nothing when arguments[i] is another argument.
std::optional<QString> takeOption(QStringList *arguments, qsizetype i, const QString &name,
                                  QString *error)
{
    const QString &arg = arguments->at(i);
    if (arg.startsWith(name + QLatin1Char('='))) {
        const QString value = arg.mid(name.size() + 1);
        arguments->removeAt(i);
        return value;
    }
    if (arg != name)
        return std::nullopt;
    if (i + 1 >= arguments->size()) {
        *error = QStringLiteral("%1 needs a value").arg(name);
        arguments->removeAt(i);
        return QString();
    }
    const QString value = arguments->at(i + 1);
    arguments->remove(i, 2);
    return value;
}

} // namespace

QStringList logLevels()
{
    return {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
            QStringLiteral("error")};
}

bool applyLogging(const QString &level, const QString &rules, QString *error)
{
    const QString name = level.isEmpty() ? QStringLiteral("info") : level.toLower();
    const qsizetype rank = logLevels().indexOf(name);
    if (rank < 0) {
        *error = QStringLiteral("--log-level takes %1, not '%2'")
                     .arg(logLevels().join(QStringLiteral(", ")), level);
        return false;
    }
    // Critical messages always print.
    const auto rule = [rank](const char *type, qsizetype shownFrom) {
        return QStringLiteral("evalx.*.%1=%2")
            .arg(QLatin1String(type),
                 rank <= shownFrom ? QLatin1String("true") : QLatin1String("false"));
    };
    QStringList filter{rule("debug", 0), rule("info", 1), rule("warning", 2)};
    // ';' as QT_LOGGING_RULES has it, or ',' (a config file reads ';' as a comment).
    static const QRegularExpression separators(QStringLiteral("[;,]"));
    for (const QString &extra : rules.split(separators, Qt::SkipEmptyParts))
        filter << extra.trimmed();
    QLoggingCategory::setFilterRules(filter.join(QLatin1Char('\n')));
    return true;
}

std::optional<QString> takeLoggingOptions(QStringList *arguments)
{
    QString error;
    std::optional<QString> level, rules;
    // arguments[0] is the program; "--" ends the options.
    for (qsizetype i = 1; i < arguments->size() && error.isEmpty();) {
        if (arguments->at(i) == QLatin1String("--"))
            break;
        if (auto v = takeOption(arguments, i, kLevelOption, &error))
            level = v;
        else if (auto r = takeOption(arguments, i, kRulesOption, &error))
            rules = r;
        else
            ++i;
    }
    if (!error.isEmpty())
        return error;
    if (level)
        qputenv("EVALX_LOG_LEVEL", level->toUtf8());
    if (rules)
        qputenv("EVALX_LOG_RULES", rules->toUtf8());
    if (!applyLogging(qEnvironmentVariable("EVALX_LOG_LEVEL"),
                      qEnvironmentVariable("EVALX_LOG_RULES"), &error))
        return error;
    return std::nullopt;
}

} // namespace evalx::app
