#pragma once

// The wire protocol between the engine (Qt side) and an evalx-box helper.
//
// This file is deliberately free of Qt: the helper is a small, privileged
// process and links nothing but libc and libseccomp. Frames are a 32-bit
// little-endian length followed by the payload; file descriptors (for
// interactive runs) travel as SCM_RIGHTS with a frame.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace evalx::wire {

inline constexpr std::uint32_t ProtocolVersion = 1;
inline constexpr std::uint32_t MaxFrameBytes = 512u * 1024u * 1024u;

enum class Op : std::uint8_t {
    Hello = 1,     // helper -> engine, once: capabilities or a set-up error
    PutFile = 2,   // engine -> helper: write one file into an area
    GetFiles = 3,  // engine -> helper: read every regular file of an area
    Run = 4,       // engine -> helper: run one program
    Reset = 5,     // engine -> helper: kill strays, wipe the work area (and the program area)
    Reply = 6,     // helper -> engine: answer to PutFile/GetFiles/Reset
    RunReply = 7,  // helper -> engine: answer to Run
    Kill = 8,      // engine -> helper during a Run: stop it (payload: the Ending to report)
    PutFileFd = 9, // engine -> helper: PutFile with the contents in a passed descriptor
};

enum class Area : std::uint8_t {
    Work = 0,    // the program's working directory, writable by the box user
    Program = 1, // compiled artifact, read-only for the box user
};

// What the helper could set up; sent once in Hello.
struct Capabilities
{
    bool namespaces = false;    // mount/PID/IPC/UTS/network namespaces and a private root
    bool userNamespace = false; // rootless: the box lives in a user namespace
    bool cgroup = false;        // memory/CPU/pids accounting through a cgroup
    bool seccomp = false;
    bool separateUser = false; // programs run as an unprivileged uid of their own
    std::string workDir;       // the work area as programs see it
    std::string programDir;    // the program area as programs see it
    std::string error;         // non-empty: the box could not be set up
    std::string notes;         // what this box cannot enforce, for logs and /health
};

struct Limits
{
    std::uint64_t cpuMs = 0;       // CPU time of all processes together; 0 = none
    std::uint64_t wallMs = 0;      // 0 = none
    std::uint64_t memoryKib = 0;   // peak of all processes; 0 = none
    std::uint64_t stackKib = 0;    // 0 = unlimited
    std::uint32_t processes = 0;   // processes and threads; 0 = none
    std::uint64_t fileSizeKib = 0; // largest file a program may write; 0 = none
    std::uint32_t openFiles = 0;   // 0 = helper default
    std::uint64_t outputKib = 0;   // per captured stream, enforced by the engine; 0 = none
};

// The engine, not the helper, feeds stdin and reads stdout/stderr: it passes
// descriptors with the Run frame (in the order stdin, stdout, stderr, for the
// streams marked Passed). The helper lives inside the box's cgroup, so any
// buffering there would be billed to the program.
enum class StreamMode : std::uint8_t {
    Passed = 0,   // a descriptor sent with the Run frame
    Null = 1,     // /dev/null
    ToStdout = 2, // stderr only: the same descriptor as stdout
};

struct RunSpec
{
    std::vector<std::string> argv;
    std::vector<std::string> env;
    std::string cwd; // empty: the work area
    StreamMode stdinMode = StreamMode::Passed;
    StreamMode stdoutMode = StreamMode::Passed;
    StreamMode stderrMode = StreamMode::Passed;
    Limits limits;
};

// How a run ended, as facts; the engine turns them into a status and a message.
enum class Ending : std::uint8_t {
    Exited = 0,
    Signaled = 1,
    CpuLimit = 2,
    WallLimit = 3,
    MemoryLimit = 4,
    OutputLimit = 5,
    ExecFailed = 6,  // errnoValue says why
    SetupFailed = 7, // message says why
    Aborted = 8,     // the engine went away or asked to stop
};

struct RunReply
{
    Ending ending = Ending::SetupFailed;
    std::int32_t exitCode = 0;
    std::int32_t signal = 0;
    std::int32_t errnoValue = 0;
    std::uint64_t cpuUs = 0;
    std::uint64_t wallUs = 0;
    std::uint64_t endedAtUs = 0; // CLOCK_MONOTONIC (the same for every box) when it was reaped
    std::uint64_t memoryKib = 0;
    bool memoryLimitHit = false; // the cgroup refused memory, even if the program survived
    std::string message;
};

struct FileEntry
{
    std::string path; // relative to the area
    std::uint32_t mode = 0644;
    std::string data;
};

class Writer
{
public:
    void u8(std::uint8_t v) { m_buf.push_back(static_cast<char>(v)); }
    void boolean(bool v) { u8(v ? 1 : 0); }
    void u32(std::uint32_t v);
    void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
    void u64(std::uint64_t v);
    void str(std::string_view v);
    void strs(const std::vector<std::string> &v);
    const std::string &data() const { return m_buf; }
    std::string take() { return std::move(m_buf); }

private:
    std::string m_buf;
};

class Reader
{
public:
    explicit Reader(std::string_view data)
        : m_data(data)
    {}
    std::uint8_t u8();
    bool boolean() { return u8() != 0; }
    std::uint32_t u32();
    std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
    std::uint64_t u64();
    std::string str();
    std::vector<std::string> strs();
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_data.size(); }

private:
    bool need(std::size_t n);
    std::string_view m_data;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

void encode(Writer &w, const Capabilities &c);
bool decode(Reader &r, Capabilities &c);
void encode(Writer &w, const Limits &l);
bool decode(Reader &r, Limits &l);
void encode(Writer &w, const RunSpec &s);
bool decode(Reader &r, RunSpec &s);
void encode(Writer &w, const RunReply &rr);
bool decode(Reader &r, RunReply &rr);
void encode(Writer &w, const std::vector<FileEntry> &files);
bool decode(Reader &r, std::vector<FileEntry> &files);

// Blocking frame I/O on a stream socket. Return false on EOF or error.
// sendFrame passes up to 3 descriptors with the frame (more: refused); recvFrame collects any
// received descriptors into fds (closing extras beyond 3).
bool sendFrame(int fd, std::string_view payload, const int *fds = nullptr, int nfds = 0);
bool recvFrame(int fd, std::string &payload, std::vector<int> *fds = nullptr);

} // namespace evalx::wire
