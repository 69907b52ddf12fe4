#pragma once

// The first process of a box: answers the engine's requests and runs programs.

#include "../common/cgroupfiles.h"
#include "../common/protocol.h"
#include "isolation.h"
#include "seccompfilter.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace evalx::box {

struct HelperOptions
{
    int socketFd = 3;
    bool isolate = true;     // namespaces and a private root; false: plain processes
    std::string plainDir;    // without isolation: host directory holding work/ and prog/
    RootOptions root;
    cgroup::BoxPaths cgroup;
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

private:
    bool openAreas(std::string *error);
    void handlePut(wire::Reader &r);
    void handleGet(wire::Reader &r);
    void handleReset(wire::Reader &r);
    void handleRun(wire::Reader &r, std::vector<int> &fds);
    wire::RunReply run(const wire::RunSpec &spec, std::vector<int> &fds);
    [[noreturn]] void execChild(const wire::RunSpec &spec, int in, int out, int err, int errPipe);
    void signalAll(pid_t group);  // SIGKILL to every process of the box
    void killStrays(pid_t group); // ... and reap them all
    void reply(bool ok, const std::string &error, const std::vector<wire::FileEntry> *files = nullptr);

    HelperOptions m_options;
    cgroup::BoxCgroup &m_cgroup;
    const SeccompFilter &m_filter;
    wire::Capabilities m_caps;
    int m_sock;
    bool m_isInit = false; // PID 1 of the box's namespace: kill(-1) reaches exactly the box
    uid_t m_uid = 0;       // the box user (work area owner, programs' uid)
    gid_t m_gid = 0;
    int m_devNull = -1;
    int m_workFd = -1;
    int m_progFd = -1;
    std::vector<int> m_scratchFds; // /tmp and /dev/shm inside the box, wiped on reset
};

} // namespace evalx::box
