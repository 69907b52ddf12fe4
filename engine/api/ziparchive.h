#pragma once

#include "box.h"

#include <QByteArray>
#include <QList>
#include <optional>

namespace evalx {

// Bounds of an archive a client sends: what it unpacks to, whatever it claims.
struct ZipBounds
{
    qint64 maxTotalBytes = 10 * 1024 * 1024; // all files together, as unpacked
    int maxEntries = 256;                    // files and directories
};

// The regular files of a zip archive, with their paths and modes, read in
// memory (nothing touches the disk). Refused, with a reason a client can act
// on: an archive libzip cannot read, encrypted entries, absolute paths, ".."
// or empty path components, symbolic links and other special files, the same
// path twice, more entries or more unpacked bytes than the bounds allow (read
// to the bound, so a header that understates a bomb does not fool it).
std::optional<QList<BoxFile>> unpackZip(const QByteArray &zip, const ZipBounds &bounds,
                                        QString *error);

} // namespace evalx
