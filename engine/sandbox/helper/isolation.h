#pragma once

// Namespaces and the private root filesystem of a box.

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace evalx::box {

struct BindMount
{
    std::string source;
    std::string target; // inside the box; empty: same as source
    bool writable = false;
};

struct RootOptions
{
    std::string stagingDir; // host directory the new root is built on (a tmpfs is mounted there)
    uid_t boxUid = 0;
    gid_t boxGid = 0;
    std::uint64_t workSizeMib = 256;
    std::uint64_t tmpSizeMib = 64;
    std::uint64_t programSizeMib = 256;
    std::vector<std::string> etcEntries; // copied read-only from the host's /etc when present
    std::vector<BindMount> binds;        // extra read-only (or writable) binds
};

// Paths inside the box.
inline constexpr const char *kWorkDir = "/box";
inline constexpr const char *kProgramDir = "/prog";

// unshare() of mount, PID, IPC, UTS and network namespaces; with rootless also
// a user namespace mapping the caller to root inside.
bool enterNamespaces(bool rootless, std::string *error);

// In the new PID namespace's first process: builds the root and pivots into it.
// programFd receives the only writable handle on the program directory.
bool buildRoot(const RootOptions &options, int *programFd, std::string *error);

} // namespace evalx::box
