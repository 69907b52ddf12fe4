#pragma once

#include "language.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace evalx {

struct SourceFile
{
    QString name; // relative, '/'-separated
    QByteArray data;
};

// What a user hands in: one source, or a directory of them, in one language.
struct Submission
{
    QString languageId;
    QList<SourceFile> files;
    QString mainFile; // the entry point among files
    QString origin;   // where it came from (a path, an API token): for reports
    // Words added to the compile command where the language's has {options}
    // (Judge0's compiler_options); part of the artifact's key.
    QStringList compilerOptions;

    // A nameless source, saved under the language's default name.
    static Submission fromSource(const Language &language, const QByteArray &source);
    qint64 totalBytes() const;
};

// Reads a file or a directory (recursively, hidden files skipped). The
// language is languageId when given, else the one whose extensions most of
// the files have; the entry point follows the language's rules (see
// chooseMainFile). Errors name the file and what is wrong.
std::optional<Submission> loadSubmission(const QString &path, const LanguageCatalogue &languages,
                                         const QString &languageId, QString *error);

// The entry point of a many-file submission: the only source; else the first
// of the language's preferred names present; else the only source whose text
// matches the language's entry pattern (Java's main method, Rust's fn main).
std::optional<QString> chooseMainFile(const Language &language, const QList<SourceFile> &files,
                                      QString *error);

// The files of a submission that belong to the language (by extension).
QStringList sourceNames(const Language &language, const QList<SourceFile> &files);

} // namespace evalx
