#include "ziparchive.h"

#include <QSet>
#include <QStringList>

#include <memory>
#include <sys/stat.h>
#include <zip.h>

namespace evalx {

namespace {

struct ZipCloser
{
    void operator()(zip_t *z) const { zip_discard(z); }
};
struct FileCloser
{
    void operator()(zip_file_t *f) const { zip_fclose(f); }
};

// A relative path that stays inside the directory it is unpacked in.
bool safePath(const QString &path, QString *why)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')) ||
        path.contains(QLatin1Char('\0'))) {
        *why = QStringLiteral("is not a relative path");
        return false;
    }
    for (const QString &part : path.split(QLatin1Char('/'))) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String("..")) {
            *why = QStringLiteral("has an empty, '.' or '..' component");
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<QList<BoxFile>> unpackZip(const QByteArray &zip, const ZipBounds &bounds,
                                        QString *error)
{
    zip_error_t openError;
    zip_error_init(&openError);
    zip_source_t *source =
        zip_source_buffer_create(zip.constData(), zip_uint64_t(zip.size()), 0, &openError);
    std::unique_ptr<zip_t, ZipCloser> archive;
    if (source) {
        archive.reset(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &openError));
        if (!archive)
            zip_source_free(source);
    }
    if (!archive) {
        *error = QStringLiteral("is not a zip archive (%1)")
                     .arg(QString::fromUtf8(zip_error_strerror(&openError)));
        zip_error_fini(&openError);
        return std::nullopt;
    }
    zip_error_fini(&openError);

    const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
    if (entries > bounds.maxEntries) {
        *error =
            QStringLiteral("holds %1 entries, more than %2").arg(entries).arg(bounds.maxEntries);
        return std::nullopt;
    }
    QList<BoxFile> files;
    QSet<QString> seen;
    qint64 total = 0;
    for (zip_int64_t i = 0; i < entries; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(archive.get(), zip_uint64_t(i), 0, &st) != 0 ||
            !(st.valid & ZIP_STAT_NAME)) {
            *error = QStringLiteral("has an entry that cannot be read");
            return std::nullopt;
        }
        QString name = QString::fromUtf8(st.name);
        const bool directory = name.endsWith(QLatin1Char('/'));
        if (directory)
            name.chop(1);
        QString why;
        if (!safePath(name, &why)) {
            *error = QStringLiteral("entry '%1' %2").arg(QString::fromUtf8(st.name), why);
            return std::nullopt;
        }
        zip_uint8_t system = 0;
        zip_uint32_t attributes = 0;
        zip_file_get_external_attributes(archive.get(), zip_uint64_t(i), 0, &system, &attributes);
        const mode_t unixMode = system == ZIP_OPSYS_UNIX ? mode_t(attributes >> 16) : 0;
        const mode_t type = unixMode & S_IFMT;
        if (type == S_IFLNK || (type != 0 && type != S_IFREG && type != S_IFDIR)) {
            *error = QStringLiteral("entry '%1' is a symbolic link or a special file; only "
                                    "regular files and directories are accepted")
                         .arg(name);
            return std::nullopt;
        }
        if (directory || type == S_IFDIR)
            continue;
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
            *error = QStringLiteral("entry '%1' is encrypted").arg(name);
            return std::nullopt;
        }
        if (seen.contains(name)) {
            *error = QStringLiteral("holds '%1' twice").arg(name);
            return std::nullopt;
        }
        seen.insert(name);
        // The header's size first (cheap), then what the data really unpacks to.
        if ((st.valid & ZIP_STAT_SIZE) && total + qint64(st.size) > bounds.maxTotalBytes) {
            *error = QStringLiteral("unpacks to more than %1 KB").arg(bounds.maxTotalBytes / 1024);
            return std::nullopt;
        }
        std::unique_ptr<zip_file_t, FileCloser> file(
            zip_fopen_index(archive.get(), zip_uint64_t(i), 0));
        if (!file) {
            *error = QStringLiteral("entry '%1' cannot be unpacked (%2)")
                         .arg(name, QString::fromUtf8(zip_strerror(archive.get())));
            return std::nullopt;
        }
        BoxFile out;
        out.path = name;
        out.mode = (unixMode & 0111) ? 0755 : 0644;
        char buffer[64 * 1024];
        for (;;) {
            const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
            if (n < 0) {
                *error = QStringLiteral("entry '%1' is corrupt (%2)")
                             .arg(name, QString::fromUtf8(zip_file_strerror(file.get())));
                return std::nullopt;
            }
            if (n == 0)
                break;
            total += n;
            if (total > bounds.maxTotalBytes) {
                *error =
                    QStringLiteral("unpacks to more than %1 KB").arg(bounds.maxTotalBytes / 1024);
                return std::nullopt;
            }
            out.data.append(buffer, qsizetype(n));
        }
        files << out;
    }
    return files;
}

} // namespace evalx
