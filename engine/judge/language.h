#pragma once

#include "runtypes.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace evalx {

// One entry of resources/languages.json. Commands may hold placeholders:
// {main} the entry file, {main_stem} its name without extension (Java's class),
// {sources} every file with one of the language's extensions (one argument
// each), {prog} the box's program directory, {memory_mib} the run's memory limit,
// {options} a submission's compiler options (one argument each; none when it has none).
struct Language
{
    QString id;
    QString name;
    QStringList extensions;
    QString sourceName;     // the file name a nameless source is saved under
    QStringList entryNames; // preferred entry files of a many-file submission
    QString entryPattern;   // a regular expression the entry file's text matches
    QStringList compile;    // empty: nothing to compile
    QStringList artifact;   // files (globs) a compile keeps; empty: the sources
    QStringList run;
    QStringList environment; // added to the box's default environment
    QStringList versionProbe;
    QString package;         // the Debian package with the toolchain
    RunLimits minimumLimits; // a runtime's needs (the JVM's threads)
    quint64 overheadKib = 0; // memory the runtime needs beyond the program's limit
    QString memoryError;     // a pattern of stderr: the runtime ran out of its heap (MLE, not RE)
    QList<int> judge0Ids;    // Judge0 CE's ids for this language (its first is the main one)
    // The toolchain's version as detect() found it (empty before): part of the
    // artifact key, so that hosts share only what the same toolchain compiled.
    QString toolchain;

    bool needsCompile() const { return !compile.isEmpty(); }
    // Whether a submission may add words to the compile command.
    bool acceptsCompilerOptions() const { return compile.contains(QStringLiteral("{options}")); }
};

// Whether a language can be used on this host, and what it reports of itself.
struct LanguageStatus
{
    QString id;
    bool available = false;
    QString version;     // as the toolchain reports it
    QString missingTool; // the first program not found, when unavailable
};

// The languages EvalX knows (resources/languages.json) and which of them this
// machine has: a language whose toolchain is missing is listed as unavailable,
// with the package to install.
class LanguageCatalogue final
{
public:
    // The built-in catalogue, or the file named by EVALX_LANGUAGES.
    static LanguageCatalogue builtIn();
    static std::optional<LanguageCatalogue> fromJson(const QByteArray &json, QString *error);

    const QList<Language> &languages() const { return m_languages; }
    // This catalogue without the languages named (an administrator turned them off).
    LanguageCatalogue without(const QStringList &ids) const;
    const Language *find(const QString &id) const;
    const Language *forFileName(const QString &fileName) const;
    const Language *forJudge0Id(int id) const;

    // Probes every toolchain (in parallel) and remembers the answers.
    void detect();
    bool isDetected() const { return !m_status.isEmpty(); }
    LanguageStatus status(const QString &id) const;

    // The first program a language needs on this host, if it is missing.
    static QString missingTool(const Language &language);
    // The toolchain's version as it reports it; empty when it cannot run.
    static QString probeVersion(const Language &language);

private:
    QList<Language> m_languages;
    QHash<QString, LanguageStatus> m_status;
};

} // namespace evalx
