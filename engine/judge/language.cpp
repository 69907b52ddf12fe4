#include "language.h"
#include "judgelog.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentMap>

namespace evalx {

namespace {

QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out << item.toString();
    return out;
}

// The directories a box's PATH holds, as the host sees them.
const QStringList &boxPath()
{
    static const QStringList dirs = {QStringLiteral("/usr/local/bin"), QStringLiteral("/usr/bin"),
                                     QStringLiteral("/bin")};
    return dirs;
}

} // namespace

LanguageCatalogue LanguageCatalogue::builtIn()
{
    const QString override = qEnvironmentVariable("EVALX_LANGUAGES");
    QFile f(override.isEmpty() ? QStringLiteral(":/evalx/languages.json") : override);
    QString error;
    std::optional<LanguageCatalogue> catalogue;
    if (f.open(QIODevice::ReadOnly))
        catalogue = fromJson(f.readAll(), &error);
    else
        error = f.errorString();
    if (!catalogue) {
        qCWarning(lcJudge, "language catalogue %s: %s", qUtf8Printable(f.fileName()),
                  qUtf8Printable(error));
        return {};
    }
    return *catalogue;
}

LanguageCatalogue LanguageCatalogue::without(const QStringList &ids) const
{
    LanguageCatalogue c = *this;
    c.m_languages.removeIf([&ids](const Language &l) { return ids.contains(l.id); });
    for (const QString &id : ids)
        c.m_status.remove(id);
    return c;
}

std::optional<LanguageCatalogue> LanguageCatalogue::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull()) {
        if (error)
            *error = parseError.errorString();
        return std::nullopt;
    }
    LanguageCatalogue catalogue;
    const QJsonArray list = doc.object().value(QLatin1String("languages")).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject o = value.toObject();
        Language l;
        l.id = o.value(QLatin1String("id")).toString();
        l.name = o.value(QLatin1String("name")).toString();
        l.extensions = toStringList(o.value(QLatin1String("extensions")));
        l.sourceName = o.value(QLatin1String("source")).toString();
        l.entryNames = toStringList(o.value(QLatin1String("entry")));
        l.entryPattern = o.value(QLatin1String("entry_pattern")).toString();
        l.compile = toStringList(o.value(QLatin1String("compile")));
        l.environment = toStringList(o.value(QLatin1String("env")));
        l.memoryError = o.value(QLatin1String("memory_error")).toString();
        for (const QJsonValue &id : o.value(QLatin1String("judge0")).toArray())
            l.judge0Ids << id.toInt();
        l.artifact = toStringList(o.value(QLatin1String("artifact")));
        l.run = toStringList(o.value(QLatin1String("run")));
        l.versionProbe = toStringList(o.value(QLatin1String("version")));
        l.package = o.value(QLatin1String("package")).toString();
        const QJsonObject limits = o.value(QLatin1String("limits")).toObject();
        l.minimumLimits.processes = quint32(limits.value(QLatin1String("processes")).toInt());
        l.minimumLimits.memoryKib = quint64(limits.value(QLatin1String("memory_kib")).toInteger());
        l.overheadKib = quint64(limits.value(QLatin1String("overhead_kib")).toInteger());
        if (l.id.isEmpty() || l.sourceName.isEmpty() || l.run.isEmpty()) {
            if (error)
                *error = QStringLiteral("language '%1' lacks an id, a source name or a run command")
                             .arg(l.id);
            return std::nullopt;
        }
        catalogue.m_languages << l;
    }
    return catalogue;
}

void LanguageCatalogue::detect()
{
    // Version probes start a JVM or a Go toolchain: a second or two each, so
    // they run side by side.
    const QList<LanguageStatus> found =
        QtConcurrent::blockingMapped(m_languages, [](const Language &l) {
            LanguageStatus s;
            s.id = l.id;
            s.missingTool = missingTool(l);
            s.available = s.missingTool.isEmpty();
            if (s.available)
                s.version = probeVersion(l);
            return s;
        });
    m_status.clear();
    for (const LanguageStatus &s : found)
        m_status.insert(s.id, s);
    for (Language &l : m_languages)
        l.toolchain = m_status.value(l.id).version;
}

LanguageStatus LanguageCatalogue::status(const QString &id) const
{
    if (const auto it = m_status.constFind(id); it != m_status.cend())
        return *it;
    LanguageStatus s;
    s.id = id;
    if (const Language *l = find(id)) {
        s.missingTool = missingTool(*l);
        s.available = s.missingTool.isEmpty();
    }
    return s;
}

const Language *LanguageCatalogue::find(const QString &id) const
{
    for (const Language &l : m_languages) {
        if (l.id == id)
            return &l;
    }
    return nullptr;
}

const Language *LanguageCatalogue::forJudge0Id(int id) const
{
    for (const Language &l : m_languages) {
        if (l.judge0Ids.contains(id))
            return &l;
    }
    return nullptr;
}

const Language *LanguageCatalogue::forFileName(const QString &fileName) const
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    for (const Language &l : m_languages) {
        if (l.extensions.contains(suffix))
            return &l;
    }
    return nullptr;
}

QString LanguageCatalogue::missingTool(const Language &language)
{
    for (const QStringList *command : {&language.compile, &language.run}) {
        if (command->isEmpty())
            continue;
        const QString tool = command->first();
        if (tool.contains(QLatin1Char('{')))
            continue; // the program itself
        if (QStandardPaths::findExecutable(tool, boxPath()).isEmpty())
            return tool;
    }
    return {};
}

QString LanguageCatalogue::probeVersion(const Language &language)
{
    if (language.versionProbe.isEmpty())
        return {};
    const QString tool = QStandardPaths::findExecutable(language.versionProbe.first(), boxPath());
    if (tool.isEmpty())
        return {};
    QProcess p;
    // Some tools (javac before 9, lua) answer on stderr.
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(tool, language.versionProbe.mid(1));
    if (!p.waitForFinished(20000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAll()).split(QLatin1Char('\n')).value(0).trimmed();
}

} // namespace evalx
