#pragma once

#include "runtypes.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace evalx {

struct Language
{
    QString id;
    QString name;
    QStringList extensions;
    QString sourceName;   // the file name a submission is saved under
    QStringList compile;  // empty: nothing to compile
    QStringList artifact; // files a compile keeps; empty: all
    QStringList run;      // {prog} stands for the box's program directory
    QStringList versionProbe;
    QString package;         // the Debian package with the toolchain
    RunLimits minimumLimits; // a runtime's needs (the JVM's threads and memory)

    bool needsCompile() const { return !compile.isEmpty(); }
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
    const Language *find(const QString &id) const;
    const Language *forFileName(const QString &fileName) const;

    // The first program a language needs on this host, if it is missing.
    static QString missingTool(const Language &language);
    // The toolchain's version as it reports it; empty when it cannot run.
    static QString probeVersion(const Language &language);

private:
    QList<Language> m_languages;
};

} // namespace evalx
