#include "submission.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

namespace evalx {

namespace {

constexpr qint64 kMaxSubmissionBytes = 16 * 1024 * 1024;
constexpr int kMaxSubmissionFiles = 256;

bool hasExtension(const Language &language, const QString &name)
{
    return language.extensions.contains(QFileInfo(name).suffix().toLower());
}

} // namespace

Submission Submission::fromSource(const Language &language, const QByteArray &source)
{
    Submission s;
    s.languageId = language.id;
    s.files = {{language.sourceName, source}};
    s.mainFile = language.sourceName;
    return s;
}

qint64 Submission::totalBytes() const
{
    qint64 total = 0;
    for (const SourceFile &f : files)
        total += f.data.size();
    return total;
}

QStringList sourceNames(const Language &language, const QList<SourceFile> &files)
{
    QStringList names;
    for (const SourceFile &f : files) {
        if (hasExtension(language, f.name))
            names << f.name;
    }
    names.sort();
    return names;
}

std::optional<QString> chooseMainFile(const Language &language, const QList<SourceFile> &files,
                                      QString *error)
{
    const QStringList sources = sourceNames(language, files);
    if (sources.isEmpty()) {
        *error = QStringLiteral("no %1 source (%2) among the files")
                     .arg(language.name,
                          QLatin1String("*.") + language.extensions.join(QLatin1String(", *.")));
        return std::nullopt;
    }
    if (sources.size() == 1)
        return sources.first();
    for (const QString &preferred : language.entryNames) {
        if (sources.contains(preferred))
            return preferred;
    }
    if (!language.entryPattern.isEmpty()) {
        const QRegularExpression pattern(language.entryPattern);
        QStringList matching;
        for (const SourceFile &f : files) {
            if (sources.contains(f.name) && pattern.match(QString::fromUtf8(f.data)).hasMatch())
                matching << f.name;
        }
        if (matching.size() == 1)
            return matching.first();
        if (matching.size() > 1) {
            *error = QStringLiteral("several files could be the entry point: %1")
                         .arg(matching.join(QLatin1String(", ")));
            return std::nullopt;
        }
    }
    if (!language.needsCompile() || !language.entryNames.isEmpty()) {
        *error = QStringLiteral("cannot tell the entry point among %1; name it %2")
                     .arg(sources.join(QLatin1String(", ")),
                          language.entryNames.isEmpty()
                              ? language.sourceName
                              : language.entryNames.join(QLatin1String(" or ")));
        return std::nullopt;
    }
    return sources.first(); // compiled together: any file will do
}

std::optional<Submission> loadSubmission(const QString &path, const LanguageCatalogue &languages,
                                         const QString &languageId, QString *error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("%1: no such file or directory").arg(path);
        return std::nullopt;
    }
    Submission s;
    s.origin = path;
    QStringList names;
    if (info.isDir()) {
        // Absolute on both sides: relativeFilePath returns a relative path as it is, which
        // would name a file of a relative directory twice over.
        const QDir root(info.absoluteFilePath());
        QDirIterator it(root.path(), QDir::Files | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            names << root.relativeFilePath(it.next());
        names.sort();
    } else {
        names << info.fileName();
    }
    qint64 total = 0;
    for (const QString &name : std::as_const(names)) {
        if (s.files.size() >= kMaxSubmissionFiles) {
            *error = QStringLiteral("%1: more than %2 files").arg(path).arg(kMaxSubmissionFiles);
            return std::nullopt;
        }
        QFile f(info.isDir() ? QDir(path).filePath(name) : path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(f.fileName(), f.errorString());
            return std::nullopt;
        }
        total += f.size();
        if (total > kMaxSubmissionBytes) {
            *error = QStringLiteral("%1: larger than %2 MiB")
                         .arg(path)
                         .arg(kMaxSubmissionBytes / (1024 * 1024));
            return std::nullopt;
        }
        s.files << SourceFile{name, f.readAll()};
    }

    const Language *language = nullptr;
    if (!languageId.isEmpty()) {
        language = languages.find(languageId);
        if (!language) {
            *error = QStringLiteral("unknown language '%1'").arg(languageId);
            return std::nullopt;
        }
    } else {
        // The language most of the files are written in.
        QHash<QString, int> votes;
        for (const SourceFile &f : std::as_const(s.files)) {
            if (const Language *l = languages.forFileName(f.name))
                ++votes[l->id];
        }
        int best = 0;
        for (auto it = votes.cbegin(); it != votes.cend(); ++it) {
            if (it.value() > best || (it.value() == best && language && it.key() < language->id)) {
                best = it.value();
                language = languages.find(it.key());
            }
        }
        if (!language) {
            *error =
                QStringLiteral("%1: cannot tell the language from the file %2; use --language")
                    .arg(path, info.isDir() ? QStringLiteral("names") : QStringLiteral("name"));
            return std::nullopt;
        }
    }
    s.languageId = language->id;
    const std::optional<QString> main = chooseMainFile(*language, s.files, error);
    if (!main) {
        *error = QStringLiteral("%1: %2").arg(path, *error);
        return std::nullopt;
    }
    s.mainFile = *main;
    return s;
}

} // namespace evalx
