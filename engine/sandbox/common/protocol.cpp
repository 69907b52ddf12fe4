#include "protocol.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace evalx::wire {

void Writer::u32(std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        m_buf.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void Writer::u64(std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        m_buf.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void Writer::str(std::string_view v)
{
    u32(static_cast<std::uint32_t>(v.size()));
    m_buf.append(v);
}

void Writer::strs(const std::vector<std::string> &v)
{
    u32(static_cast<std::uint32_t>(v.size()));
    for (const auto &s : v)
        str(s);
}

bool Reader::need(std::size_t n)
{
    if (!m_ok || m_data.size() - m_pos < n) {
        m_ok = false;
        return false;
    }
    return true;
}

std::uint8_t Reader::u8()
{
    if (!need(1))
        return 0;
    return static_cast<std::uint8_t>(m_data[m_pos++]);
}

std::uint32_t Reader::u32()
{
    if (!need(4))
        return 0;
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= std::uint32_t(static_cast<std::uint8_t>(m_data[m_pos++])) << (8 * i);
    return v;
}

std::uint64_t Reader::u64()
{
    if (!need(8))
        return 0;
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v |= std::uint64_t(static_cast<std::uint8_t>(m_data[m_pos++])) << (8 * i);
    return v;
}

std::string Reader::str()
{
    const std::uint32_t n = u32();
    if (!need(n))
        return {};
    std::string s(m_data.substr(m_pos, n));
    m_pos += n;
    return s;
}

std::vector<std::string> Reader::strs()
{
    const std::uint32_t n = u32();
    std::vector<std::string> v;
    // Every string costs at least its 4-byte length: refuse counts the frame cannot hold.
    if (!m_ok || n > (m_data.size() - m_pos) / 4) {
        m_ok = false;
        return v;
    }
    v.reserve(n);
    for (std::uint32_t i = 0; i < n && m_ok; ++i)
        v.push_back(str());
    return v;
}

void encode(Writer &w, const Capabilities &c)
{
    w.u32(ProtocolVersion);
    w.boolean(c.namespaces);
    w.boolean(c.userNamespace);
    w.boolean(c.cgroup);
    w.boolean(c.seccomp);
    w.boolean(c.separateUser);
    w.str(c.workDir);
    w.str(c.programDir);
    w.str(c.error);
    w.str(c.notes);
}

bool decode(Reader &r, Capabilities &c)
{
    if (r.u32() != ProtocolVersion)
        return false;
    c.namespaces = r.boolean();
    c.userNamespace = r.boolean();
    c.cgroup = r.boolean();
    c.seccomp = r.boolean();
    c.separateUser = r.boolean();
    c.workDir = r.str();
    c.programDir = r.str();
    c.error = r.str();
    c.notes = r.str();
    return r.ok();
}

void encode(Writer &w, const Limits &l)
{
    w.u64(l.cpuMs);
    w.u64(l.wallMs);
    w.u64(l.memoryKib);
    w.u64(l.stackKib);
    w.u32(l.processes);
    w.u64(l.fileSizeKib);
    w.u32(l.openFiles);
    w.u64(l.outputKib);
}

bool decode(Reader &r, Limits &l)
{
    l.cpuMs = r.u64();
    l.wallMs = r.u64();
    l.memoryKib = r.u64();
    l.stackKib = r.u64();
    l.processes = r.u32();
    l.fileSizeKib = r.u64();
    l.openFiles = r.u32();
    l.outputKib = r.u64();
    return r.ok();
}

void encode(Writer &w, const RunSpec &s)
{
    w.strs(s.argv);
    w.strs(s.env);
    w.str(s.cwd);
    w.u8(static_cast<std::uint8_t>(s.stdinMode));
    w.u8(static_cast<std::uint8_t>(s.stdoutMode));
    w.u8(static_cast<std::uint8_t>(s.stderrMode));
    encode(w, s.limits);
}

static bool validStream(std::uint8_t v)
{
    return v <= static_cast<std::uint8_t>(StreamMode::ToStdout);
}

bool decode(Reader &r, RunSpec &s)
{
    s.argv = r.strs();
    s.env = r.strs();
    s.cwd = r.str();
    const auto in = r.u8(), out = r.u8(), err = r.u8();
    // Only stderr can follow stdout.
    constexpr auto toStdout = static_cast<std::uint8_t>(StreamMode::ToStdout);
    if (!validStream(in) || !validStream(out) || !validStream(err) || in == toStdout ||
        out == toStdout)
        return false;
    s.stdinMode = static_cast<StreamMode>(in);
    s.stdoutMode = static_cast<StreamMode>(out);
    s.stderrMode = static_cast<StreamMode>(err);
    return decode(r, s.limits) && !s.argv.empty();
}

void encode(Writer &w, const RunReply &rr)
{
    w.u8(static_cast<std::uint8_t>(rr.ending));
    w.i32(rr.exitCode);
    w.i32(rr.signal);
    w.i32(rr.errnoValue);
    w.u64(rr.cpuUs);
    w.u64(rr.wallUs);
    w.u64(rr.endedAtUs);
    w.u64(rr.memoryKib);
    w.boolean(rr.memoryLimitHit);
    w.str(rr.message);
}

bool decode(Reader &r, RunReply &rr)
{
    const auto ending = r.u8();
    if (ending > static_cast<std::uint8_t>(Ending::Aborted))
        return false;
    rr.ending = static_cast<Ending>(ending);
    rr.exitCode = r.i32();
    rr.signal = r.i32();
    rr.errnoValue = r.i32();
    rr.cpuUs = r.u64();
    rr.wallUs = r.u64();
    rr.endedAtUs = r.u64();
    rr.memoryKib = r.u64();
    rr.memoryLimitHit = r.boolean();
    rr.message = r.str();
    return r.ok();
}

void encode(Writer &w, const std::vector<FileEntry> &files)
{
    w.u32(static_cast<std::uint32_t>(files.size()));
    for (const auto &f : files) {
        w.str(f.path);
        w.u32(f.mode);
        w.str(f.data);
    }
}

bool decode(Reader &r, std::vector<FileEntry> &files)
{
    const std::uint32_t n = r.u32();
    files.clear();
    for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
        FileEntry f;
        f.path = r.str();
        f.mode = r.u32();
        f.data = r.str();
        files.push_back(std::move(f));
    }
    return r.ok();
}

static bool writeAll(int fd, const char *p, std::size_t n)
{
    while (n > 0) {
        const ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}

bool sendFrame(int fd, std::string_view payload, const int *fds, int nfds)
{
    if (payload.size() > MaxFrameBytes || nfds > 3)
        return false;
    char header[4];
    const auto len = static_cast<std::uint32_t>(payload.size());
    for (int i = 0; i < 4; ++i)
        header[i] = static_cast<char>((len >> (8 * i)) & 0xff);

    if (nfds <= 0) {
        return writeAll(fd, header, sizeof header) && writeAll(fd, payload.data(), payload.size());
    }

    // The descriptors ride on the header bytes.
    iovec iov{header, sizeof header};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 3)] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * static_cast<std::size_t>(nfds));
    cmsghdr *cm = CMSG_FIRSTHDR(&msg);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int) * static_cast<std::size_t>(nfds));
    std::memcpy(CMSG_DATA(cm), fds, sizeof(int) * static_cast<std::size_t>(nfds));
    ssize_t w;
    do {
        w = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
    } while (w < 0 && errno == EINTR);
    if (w < 0)
        return false;
    return writeAll(fd, header + w, sizeof header - static_cast<std::size_t>(w)) &&
           writeAll(fd, payload.data(), payload.size());
}

static bool readAll(int fd, char *p, std::size_t n)
{
    while (n > 0) {
        const ssize_t r = ::recv(fd, p, n, 0);
        if (r == 0)
            return false;
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    return true;
}

bool recvFrame(int fd, std::string &payload, std::vector<int> *fds)
{
    char header[4];
    iovec iov{header, sizeof header};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 3)] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t r;
    do {
        r = ::recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
    } while (r < 0 && errno == EINTR);
    if (r <= 0)
        return false;
    for (cmsghdr *cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm)) {
        if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
            continue;
        const std::size_t n = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (std::size_t i = 0; i < n; ++i) {
            int received;
            std::memcpy(&received, CMSG_DATA(cm) + i * sizeof(int), sizeof(int));
            if (fds && fds->size() < 3)
                fds->push_back(received);
            else
                ::close(received);
        }
    }
    if (!readAll(fd, header + r, sizeof header - static_cast<std::size_t>(r)))
        return false;
    std::uint32_t len = 0;
    for (int i = 0; i < 4; ++i)
        len |= std::uint32_t(static_cast<std::uint8_t>(header[i])) << (8 * i);
    if (len > MaxFrameBytes)
        return false;
    payload.resize(len);
    return readAll(fd, payload.data(), len);
}

} // namespace evalx::wire
