#pragma once

// The first process of a box: answers the engine's requests and runs programs.

#include "../common/cgroupfiles.h"
#include "../common/protocol.h"
#include "isolation.h"
#include "seccompfilter.h"

#include <string>
#include <sys/resource.h>
#include <sys/types.h>
#include <vector>

namespace evalx::box {

struct HelperOptions
{
    int socketFd = 3;
    bool isolate = true;  // namespaces and a private root; false: plain processes
    std::string plainDir; // without isolation: host directory holding work/ and prog/
    int programFd = -1;   // with isolation: the writable handle on the program directory
    RootOptions root;
    cgroup::BoxPaths cgroup;
    // /proc/self/autogroup of the box's own session, kept at the lowest
    // weight before every run (-1: the kernel has none, or the session is not
    // the box's own).
    int schedulingGroupFd = -1;
};

class BoxInit
{
public:
    BoxInit(const HelperOptions &options, cgroup::BoxCgroup &cgroup, const SeccompFilter &filter,
            wire::Capabilities caps);
    BoxInit(const BoxInit &) = delete;
    BoxInit &operator=(const BoxInit &) = delete;

    // Sends Hello and serves requests until the engine closes the socket.
    int serve();
    // Gives up, once, what no program may have: the capability bounding set,
    // privilege gain on exec (no_new_privs), and the refused system calls.
    bool lockDown(std::string *error);

private:
    bool openAreas(std::string *error);
    void lowerSchedulingGroup();
    void handlePut(wire::Reader &r);
    void handlePutFd(wire::Reader &r, const std::vector<int> &fds);
    void handleGet(wire::Reader &r);
    void handleReset(wire::Reader &r);
    void handleRun(wire::Reader &r, std::vector<int> &fds);
    wire::RunReply run(const wire::RunSpec &spec, std::vector<int> &fds);
    // Everything the child of a run needs, prepared before clone(): the child
    // shares our memory and must not allocate.
    struct ChildSetup
    {
        struct Limit
        {
            int resource;
            rlimit value;
        };
        int in = -1, out = -1, err = -1;
        Limit limits[8] = {};
        std::size_t limitCount = 0;
        bool oomAdjust = false;
        bool separateUser = false;
        bool dropCaps = false;
        uid_t uid = 0;
        gid_t gid = 0;
        std::string cwd;
        std::vector<std::string> argvStore, envStore, candidates;
        std::vector<char *> argv, envp;
        int error = 0; // set by the child when it could not exec
    };
    ChildSetup prepareChild(const wire::RunSpec &spec, int in, int out, int err);
    static int childMain(void *arg);
    void signalAll(pid_t group);  // SIGKILL to every process of the box
    bool killStrays(pid_t group); // ... and reap them all; false if one survived
    void removeIpcObjects();
    std::uint64_t boxOwnBytes() const; // memory the box holds for itself (helper, /prog)
    void reply(bool ok, const std::string &error,
               const std::vector<wire::FileEntry> *files = nullptr);

    HelperOptions m_options;
    cgroup::BoxCgroup &m_cgroup;
    const SeccompFilter &m_filter;
    wire::Capabilities m_caps;
    int m_sock;
    bool m_isInit = false; // PID 1 of the box's namespace: kill(-1) reaches exactly the box
    uid_t m_uid = 0;       // the box user (work area owner, programs' uid)
    gid_t m_gid = 0;
    int m_devNull = -1;
    int m_clearRefs = -1; // /proc/self/clear_refs, to reset our peak RSS before a run
    int m_workFd = -1;
    int m_progFd = -1;
    std::vector<int> m_scratchFds; // /tmp and /dev/shm inside the box, wiped on reset
    std::vector<char> m_childStack = std::vector<char>(256 * 1024);
};

} // namespace evalx::box
