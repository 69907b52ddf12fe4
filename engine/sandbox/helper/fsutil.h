#pragma once

// File operations of the helper on the box's areas. Every walk is relative to
// an open directory and never follows a symbolic link: the areas are writable
// by untrusted programs, and the helper acts as root.

#include "../common/protocol.h"

#include <cstddef>
#include <string>
#include <sys/types.h>
#include <vector>

namespace evalx::box {

// A relative path of plain components: no "..", no ".", no empty parts.
bool isSafeRelativePath(const std::string &path);

// Removes everything inside dirfd (not dirfd itself).
bool removeContents(int dirfd, std::string *error);

// Writes one file below dirfd, creating parent directories owned by uid:gid.
bool writeFileAt(int dirfd, const std::string &path, const std::string &data, mode_t mode,
                 uid_t uid, gid_t gid, std::string *error);
// The same with the contents read from source (size bytes from its start).
bool copyFileAt(int dirfd, const std::string &path, int source, std::uint64_t size, mode_t mode,
                uid_t uid, gid_t gid, std::string *error);

// Collects the regular files below dirfd, refusing more than maxBytes in all.
bool collectFiles(int dirfd, std::vector<wire::FileEntry> &out, std::size_t maxBytes,
                  std::string *error);

} // namespace evalx::box
