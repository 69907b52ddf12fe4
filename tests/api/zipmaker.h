#pragma once

// Builds zip archives in memory with libzip for the API tests, including the
// hostile ones a server must refuse (paths out of the directory, symbolic
// links, bombs).

#include <QByteArray>
#include <QList>
#include <QString>

#include <sys/stat.h>
#include <zip.h>

namespace evalx::test {

struct ZipEntry
{
    QString name;
    QByteArray data;
    quint32 mode = S_IFREG | 0644; // S_IFLNK | 0777 makes data a link's target
};

inline QByteArray makeZip(const QList<ZipEntry> &entries)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *out = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_source_keep(out);
    zip_t *archive = zip_open_from_source(out, ZIP_TRUNCATE, &error);
    for (const ZipEntry &e : entries) {
        zip_source_t *data =
            zip_source_buffer(archive, e.data.constData(), zip_uint64_t(e.data.size()), 0);
        const zip_int64_t index =
            zip_file_add(archive, e.name.toUtf8().constData(), data, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(data);
            continue;
        }
        zip_file_set_external_attributes(archive, zip_uint64_t(index), 0, ZIP_OPSYS_UNIX,
                                         zip_uint32_t(e.mode) << 16);
    }
    zip_close(archive);
    QByteArray bytes;
    if (zip_source_open(out) == 0) {
        char buffer[65536];
        zip_int64_t n;
        while ((n = zip_source_read(out, buffer, sizeof buffer)) > 0)
            bytes.append(buffer, qsizetype(n));
        zip_source_close(out);
    }
    zip_source_free(out);
    return bytes;
}

inline QString zipBase64(const QList<ZipEntry> &entries)
{
    return QString::fromLatin1(makeZip(entries).toBase64());
}

} // namespace evalx::test
