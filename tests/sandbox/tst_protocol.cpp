// Unit tests of the engine <-> helper wire protocol: encoding, decoding of
// hostile or truncated payloads, and framing (with descriptors) over sockets.

#include "common/protocol.h"

#include <QByteArray>
#include <QDir>
#include <QList>
#include <QObject>
#include <QTest>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace evalx::wire;
using namespace std::string_literals;

namespace {

QByteArray qb(const std::string &s)
{
    return QByteArray::fromStdString(s);
}

QList<QByteArray> qb(const std::vector<std::string> &v)
{
    QList<QByteArray> out;
    for (const auto &s : v)
        out.append(QByteArray::fromStdString(s));
    return out;
}

// A connected pair of stream sockets, closed on destruction.
class SocketPair
{
public:
    SocketPair()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, m_fd) != 0)
            m_fd[0] = m_fd[1] = -1;
    }
    ~SocketPair()
    {
        closeA();
        closeB();
    }
    SocketPair(const SocketPair &) = delete;
    SocketPair &operator=(const SocketPair &) = delete;

    bool isValid() const { return m_fd[0] >= 0 && m_fd[1] >= 0; }
    int a() const { return m_fd[0]; }
    int b() const { return m_fd[1]; }
    void closeA() { closeOne(0); }
    void closeB() { closeOne(1); }

private:
    void closeOne(int i)
    {
        if (m_fd[i] >= 0)
            ::close(m_fd[i]);
        m_fd[i] = -1;
    }
    int m_fd[2];
};

bool writeRaw(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::string readRaw(int fd, std::size_t n)
{
    std::string out(n, '\0');
    std::size_t got = 0;
    while (got < n) {
        const ssize_t r = ::read(fd, out.data() + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += static_cast<std::size_t>(r);
    }
    out.resize(got);
    return out;
}

int openDescriptorCount()
{
    return int(QDir(QStringLiteral("/proc/self/fd"))
                   .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                   .size());
}

std::string binaryBlob(std::size_t size)
{
    std::string s(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        s[i] = static_cast<char>((i * 31 + i / 251) & 0xff);
    return s;
}

RunSpec sampleSpec()
{
    RunSpec s;
    s.argv = {"/usr/bin/python3", "-c", "print('hi')", "", "a\0b"s};
    s.env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "EMPTY="};
    s.cwd = "/box/work/sub dir";
    s.stdinMode = StreamMode::Null;
    s.stdoutMode = StreamMode::Passed;
    s.stderrMode = StreamMode::ToStdout;
    s.limits.cpuMs = 1000;
    s.limits.wallMs = 3000;
    s.limits.memoryKib = 262144;
    s.limits.stackKib = 65536;
    s.limits.processes = 16;
    s.limits.fileSizeKib = 1024;
    s.limits.openFiles = 64;
    s.limits.outputKib = 4096;
    return s;
}

RunReply sampleReply()
{
    RunReply rr;
    rr.ending = Ending::Signaled;
    rr.exitCode = -1;
    rr.signal = 9;
    rr.errnoValue = ENOEXEC;
    rr.cpuUs = 1500000;
    rr.wallUs = UINT64_MAX;
    rr.endedAtUs = 123456789012ull;
    rr.memoryKib = 0x0102030405060708ull;
    rr.memoryLimitHit = true;
    rr.message = "killed \xe2\x80\x94 \0 after a while"s;
    return rr;
}

Capabilities sampleCapabilities()
{
    Capabilities c;
    c.namespaces = true;
    c.userNamespace = false;
    c.cgroup = true;
    c.seccomp = false;
    c.separateUser = true;
    c.workDir = "/box";
    c.programDir = "/prog";
    c.error = "";
    c.notes = "no seccomp\nno swap accounting";
    return c;
}

std::vector<FileEntry> sampleFiles()
{
    std::string all;
    for (int i = 0; i < 256; ++i)
        all.push_back(static_cast<char>(i));
    return {
        {"main.cpp", 0644, "int main() { return 0; }\n"},
        {"", 0, ""},
        {"bin/a.out", 0755, all + all},
        {"nul", 0600, "\0\0\0"s},
        {"sub/dir/x", 0xffffffffu, binaryBlob(70000)},
    };
}

template<typename T> std::string encoded(const T &value)
{
    Writer w;
    encode(w, value);
    return w.take();
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writerIsLittleEndian();
    void readerIsStickyAfterFailure();
    void capabilitiesRoundTrip();
    void capabilitiesWrongVersion();
    void limitsRoundTrip();
    void runSpecRoundTrip();
    void runSpecAllStreamModes();
    void runSpecEmptyArgvRefused();
    void runSpecInvalidStreamModeRefused();
    void runReplyRoundTrip();
    void runReplyEveryEnding();
    void runReplyInvalidEndingRefused();
    void filesRoundTrip();
    void truncatedRunSpec();
    void truncatedOthers();
    void strsCountLargerThanData();
    void strLengthLargerThanData();
    void filesCountLargerThanData();

    void frameRoundTrip();
    void largeFrame();
    void frameWithDescriptors();
    void frameWithThreeDescriptors();
    void unwantedDescriptorsAreClosed();
    void recvFrameEof();
    void recvFrameTruncated();
    void recvFrameOversizedHeader();
    void sendFrameToClosedPeer();
};

void TestProtocol::writerIsLittleEndian()
{
    Writer w;
    w.u8(0xab);
    w.u32(0x01020304u);
    w.u64(0x0102030405060708ull);
    w.i32(-2);
    w.boolean(true);
    w.boolean(false);
    w.str("xy");
    QCOMPARE(qb(w.data()), QByteArray("\xab\x04\x03\x02\x01\x08\x07\x06\x05\x04\x03\x02\x01"
                                      "\xfe\xff\xff\xff\x01\x00\x02\x00\x00\x00xy",
                                      1 + 4 + 8 + 4 + 2 + 4 + 2));

    Reader r(w.data());
    QCOMPARE(r.u8(), std::uint8_t(0xab));
    QCOMPARE(r.u32(), std::uint32_t(0x01020304u));
    QCOMPARE(r.u64(), std::uint64_t(0x0102030405060708ull));
    QCOMPARE(r.i32(), std::int32_t(-2));
    QCOMPARE(r.boolean(), true);
    QCOMPARE(r.boolean(), false);
    QCOMPARE(qb(r.str()), QByteArray("xy"));
    QVERIFY(r.ok());
    QVERIFY(r.atEnd());

    Writer extremes;
    extremes.u64(UINT64_MAX);
    extremes.u32(UINT32_MAX);
    extremes.i32(INT32_MIN);
    Reader re(extremes.data());
    QCOMPARE(re.u64(), std::uint64_t(UINT64_MAX));
    QCOMPARE(re.u32(), std::uint32_t(UINT32_MAX));
    QCOMPARE(re.i32(), std::int32_t(INT32_MIN));
    QVERIFY(re.ok());
    QVERIFY(re.atEnd());
}

void TestProtocol::readerIsStickyAfterFailure()
{
    const std::string data("\x05\x06\x07", 3);
    Reader r(data);
    QCOMPARE(r.u32(), std::uint32_t(0));
    QVERIFY(!r.ok());
    // Bytes remain, but a reader that failed once keeps failing.
    QCOMPARE(r.u8(), std::uint8_t(0));
    QVERIFY(!r.ok());
    QVERIFY(r.str().empty());
    QVERIFY(r.strs().empty());
    QVERIFY(!r.ok());

    Reader empty{std::string_view()};
    QVERIFY(empty.atEnd());
    QCOMPARE(empty.u8(), std::uint8_t(0));
    QVERIFY(!empty.ok());
}

void TestProtocol::capabilitiesRoundTrip()
{
    // Every combination of the flags, so that no two are swapped.
    for (int mask = 0; mask < 32; ++mask) {
        Capabilities c = sampleCapabilities();
        c.namespaces = mask & 1;
        c.userNamespace = mask & 2;
        c.cgroup = mask & 4;
        c.seccomp = mask & 8;
        c.separateUser = mask & 16;
        if (mask == 31)
            c.error = "cannot mount /proc: Operation not permitted";
        const std::string data = encoded(c);
        Reader r(data);
        Capabilities d;
        d.workDir = "stale";
        QVERIFY(decode(r, d));
        QVERIFY(r.ok());
        QVERIFY(r.atEnd());
        QCOMPARE(d.namespaces, c.namespaces);
        QCOMPARE(d.userNamespace, c.userNamespace);
        QCOMPARE(d.cgroup, c.cgroup);
        QCOMPARE(d.seccomp, c.seccomp);
        QCOMPARE(d.separateUser, c.separateUser);
        QCOMPARE(qb(d.workDir), qb(c.workDir));
        QCOMPARE(qb(d.programDir), qb(c.programDir));
        QCOMPARE(qb(d.error), qb(c.error));
        QCOMPARE(qb(d.notes), qb(c.notes));
    }

    // All strings empty.
    const std::string data = encoded(Capabilities{});
    Reader r(data);
    Capabilities d = sampleCapabilities();
    QVERIFY(decode(r, d));
    QVERIFY(r.atEnd());
    QVERIFY(!d.namespaces && !d.cgroup && !d.separateUser);
    QVERIFY(d.workDir.empty() && d.programDir.empty() && d.error.empty() && d.notes.empty());
}

void TestProtocol::capabilitiesWrongVersion()
{
    std::string data = encoded(sampleCapabilities());
    for (const std::uint8_t version : {0, 2, 0xff}) {
        data[0] = static_cast<char>(version);
        Reader r(data);
        Capabilities d;
        QVERIFY2(!decode(r, d), qPrintable(QStringLiteral("version %1 accepted").arg(version)));
    }
}

void TestProtocol::limitsRoundTrip()
{
    Limits l;
    l.cpuMs = 1;
    l.wallMs = 2;
    l.memoryKib = 3;
    l.stackKib = 4;
    l.processes = 5;
    l.fileSizeKib = 6;
    l.openFiles = 7;
    l.outputKib = 8;
    for (int round = 0; round < 3; ++round) {
        if (round == 1) {
            l = Limits{};
        } else if (round == 2) {
            l.cpuMs = l.wallMs = l.memoryKib = l.stackKib = l.fileSizeKib = l.outputKib =
                UINT64_MAX;
            l.processes = l.openFiles = UINT32_MAX;
        }
        const std::string data = encoded(l);
        QCOMPARE(data.size(), std::size_t(6 * 8 + 2 * 4));
        Reader r(data);
        Limits d;
        d.cpuMs = 99;
        QVERIFY(decode(r, d));
        QVERIFY(r.atEnd());
        QCOMPARE(d.cpuMs, l.cpuMs);
        QCOMPARE(d.wallMs, l.wallMs);
        QCOMPARE(d.memoryKib, l.memoryKib);
        QCOMPARE(d.stackKib, l.stackKib);
        QCOMPARE(d.processes, l.processes);
        QCOMPARE(d.fileSizeKib, l.fileSizeKib);
        QCOMPARE(d.openFiles, l.openFiles);
        QCOMPARE(d.outputKib, l.outputKib);
    }
}

void TestProtocol::runSpecRoundTrip()
{
    const RunSpec s = sampleSpec();
    const std::string data = encoded(s);
    Reader r(data);
    RunSpec d;
    QVERIFY(decode(r, d));
    QVERIFY(r.ok());
    QVERIFY(r.atEnd());
    QCOMPARE(qb(d.argv), qb(s.argv));
    QCOMPARE(d.argv[4].size(), std::size_t(3)); // the NUL survived
    QCOMPARE(qb(d.env), qb(s.env));
    QCOMPARE(qb(d.cwd), qb(s.cwd));
    QCOMPARE(d.stdinMode, StreamMode::Null);
    QCOMPARE(d.stdoutMode, StreamMode::Passed);
    QCOMPARE(d.stderrMode, StreamMode::ToStdout);
    QCOMPARE(d.limits.cpuMs, s.limits.cpuMs);
    QCOMPARE(d.limits.wallMs, s.limits.wallMs);
    QCOMPARE(d.limits.memoryKib, s.limits.memoryKib);
    QCOMPARE(d.limits.stackKib, s.limits.stackKib);
    QCOMPARE(d.limits.processes, s.limits.processes);
    QCOMPARE(d.limits.fileSizeKib, s.limits.fileSizeKib);
    QCOMPARE(d.limits.openFiles, s.limits.openFiles);
    QCOMPARE(d.limits.outputKib, s.limits.outputKib);

    // Minimal: one argument, no environment, no cwd.
    RunSpec m;
    m.argv = {"./a.out"};
    const std::string mdata = encoded(m);
    Reader mr(mdata);
    RunSpec md = sampleSpec();
    QVERIFY(decode(mr, md));
    QVERIFY(mr.atEnd());
    QCOMPARE(qb(md.argv), qb(m.argv));
    QVERIFY(md.env.empty());
    QVERIFY(md.cwd.empty());
    QCOMPARE(md.stdinMode, StreamMode::Passed);
    QCOMPARE(md.limits.memoryKib, std::uint64_t(0));
}

void TestProtocol::runSpecAllStreamModes()
{
    const StreamMode modes[] = {StreamMode::Passed, StreamMode::Null, StreamMode::ToStdout};
    for (const StreamMode in : modes) {
        for (const StreamMode out : modes) {
            for (const StreamMode err : modes) {
                RunSpec s = sampleSpec();
                s.stdinMode = in;
                s.stdoutMode = out;
                s.stderrMode = err;
                const std::string data = encoded(s);
                Reader r(data);
                RunSpec d;
                // Only stderr may follow stdout.
                const bool valid = in != StreamMode::ToStdout && out != StreamMode::ToStdout;
                QCOMPARE(decode(r, d), valid);
                if (!valid)
                    continue;
                QCOMPARE(d.stdinMode, in);
                QCOMPARE(d.stdoutMode, out);
                QCOMPARE(d.stderrMode, err);
            }
        }
    }
}

void TestProtocol::runSpecEmptyArgvRefused()
{
    RunSpec s = sampleSpec();
    s.argv.clear();
    const std::string data = encoded(s);
    Reader r(data);
    RunSpec d;
    QVERIFY(!decode(r, d));
}

void TestProtocol::runSpecInvalidStreamModeRefused()
{
    const RunSpec s = sampleSpec();
    Writer prefix;
    prefix.strs(s.argv);
    prefix.strs(s.env);
    prefix.str(s.cwd);
    const std::size_t modesAt = prefix.data().size();
    const std::string good = encoded(s);
    QCOMPARE(static_cast<std::uint8_t>(good[modesAt]), std::uint8_t(StreamMode::Null));
    QCOMPARE(static_cast<std::uint8_t>(good[modesAt + 2]), std::uint8_t(StreamMode::ToStdout));

    for (std::size_t which = 0; which < 3; ++which) {
        for (const std::uint8_t bad : {3, 4, 0x7f, 0xff}) {
            std::string data = good;
            data[modesAt + which] = static_cast<char>(bad);
            Reader r(data);
            RunSpec d;
            QVERIFY2(!decode(r, d),
                     qPrintable(QStringLiteral("stream %1 = %2 accepted").arg(which).arg(bad)));
        }
    }
}

void TestProtocol::runReplyRoundTrip()
{
    const RunReply rr = sampleReply();
    const std::string data = encoded(rr);
    Reader r(data);
    RunReply d;
    QVERIFY(decode(r, d));
    QVERIFY(r.atEnd());
    QCOMPARE(d.ending, rr.ending);
    QCOMPARE(d.exitCode, rr.exitCode);
    QCOMPARE(d.signal, rr.signal);
    QCOMPARE(d.errnoValue, rr.errnoValue);
    QCOMPARE(d.cpuUs, rr.cpuUs);
    QCOMPARE(d.wallUs, rr.wallUs);
    QCOMPARE(d.endedAtUs, rr.endedAtUs);
    QCOMPARE(d.memoryKib, rr.memoryKib);
    QCOMPARE(d.memoryLimitHit, rr.memoryLimitHit);
    QCOMPARE(qb(d.message), qb(rr.message));

    // Defaults, an empty message and extreme exit codes.
    RunReply e;
    e.ending = Ending::Exited;
    e.exitCode = INT32_MIN;
    e.signal = INT32_MAX;
    const std::string edata = encoded(e);
    Reader er(edata);
    RunReply ed = sampleReply();
    QVERIFY(decode(er, ed));
    QVERIFY(er.atEnd());
    QCOMPARE(ed.ending, Ending::Exited);
    QCOMPARE(ed.exitCode, INT32_MIN);
    QCOMPARE(ed.signal, INT32_MAX);
    QCOMPARE(ed.memoryLimitHit, false);
    QVERIFY(ed.message.empty());
}

void TestProtocol::runReplyEveryEnding()
{
    for (std::uint8_t e = 0; e <= static_cast<std::uint8_t>(Ending::Aborted); ++e) {
        RunReply rr = sampleReply();
        rr.ending = static_cast<Ending>(e);
        const std::string data = encoded(rr);
        Reader r(data);
        RunReply d;
        QVERIFY(decode(r, d));
        QCOMPARE(d.ending, rr.ending);
    }
}

void TestProtocol::runReplyInvalidEndingRefused()
{
    const std::string good = encoded(sampleReply());
    for (const std::uint8_t bad : {9, 10, 0x80, 0xff}) {
        std::string data = good;
        data[0] = static_cast<char>(bad);
        Reader r(data);
        RunReply d;
        QVERIFY2(!decode(r, d), qPrintable(QStringLiteral("ending %1 accepted").arg(bad)));
    }
}

void TestProtocol::filesRoundTrip()
{
    const std::vector<FileEntry> files = sampleFiles();
    const std::string data = encoded(files);
    Reader r(data);
    std::vector<FileEntry> d{{"stale", 1, "x"}};
    QVERIFY(decode(r, d));
    QVERIFY(r.atEnd());
    QCOMPARE(d.size(), files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        QCOMPARE(qb(d[i].path), qb(files[i].path));
        QCOMPARE(d[i].mode, files[i].mode);
        QCOMPARE(d[i].data.size(), files[i].data.size());
        QVERIFY2(d[i].data == files[i].data, qPrintable(QStringLiteral("entry %1 differs").arg(i)));
    }

    // No files at all.
    const std::string none = encoded(std::vector<FileEntry>{});
    QCOMPARE(none.size(), std::size_t(4));
    Reader nr(none);
    QVERIFY(decode(nr, d));
    QVERIFY(nr.atEnd());
    QVERIFY(d.empty());
}

void TestProtocol::truncatedRunSpec()
{
    const std::string full = encoded(sampleSpec());
    {
        Reader r(full);
        RunSpec d;
        QVERIFY(decode(r, d));
        QVERIFY(r.atEnd());
    }
    for (std::size_t len = 0; len < full.size(); ++len) {
        // A copy of exactly len bytes, so that reading past it is a real overrun.
        const std::string cut = full.substr(0, len);
        Reader r(cut);
        RunSpec d;
        const bool decoded = decode(r, d);
        QVERIFY2(!decoded,
                 qPrintable(QStringLiteral("decoded %1 of %2 bytes").arg(len).arg(full.size())));
        QVERIFY2(
            !r.ok(),
            qPrintable(QStringLiteral("reader ok after %1 of %2 bytes").arg(len).arg(full.size())));
    }
}

void TestProtocol::truncatedOthers()
{
    auto check = [](const std::string &full, auto decodeOne, const char *what) {
        for (std::size_t len = 0; len < full.size(); ++len) {
            const std::string cut = full.substr(0, len);
            Reader r(cut);
            if (decodeOne(r) || r.ok()) {
                QTest::qFail(qPrintable(QStringLiteral("%1: accepted %2 of %3 bytes")
                                            .arg(QLatin1String(what))
                                            .arg(len)
                                            .arg(full.size())),
                             __FILE__, __LINE__);
                return false;
            }
        }
        return true;
    };
    QVERIFY(check(
        encoded(sampleCapabilities()),
        [](Reader &r) {
            Capabilities c;
            return decode(r, c);
        },
        "Capabilities"));
    QVERIFY(check(
        encoded(sampleSpec().limits),
        [](Reader &r) {
            Limits l;
            return decode(r, l);
        },
        "Limits"));
    QVERIFY(check(
        encoded(sampleReply()),
        [](Reader &r) {
            RunReply rr;
            return decode(r, rr);
        },
        "RunReply"));
    std::vector<FileEntry> small = sampleFiles();
    small.pop_back(); // keep the loop quadratic in something small
    QVERIFY(check(
        encoded(small),
        [](Reader &r) {
            std::vector<FileEntry> f;
            return decode(r, f);
        },
        "files"));
}

void TestProtocol::strsCountLargerThanData()
{
    {
        Writer w;
        w.u32(1000);
        w.str("a");
        Reader r(w.data());
        const auto v = r.strs();
        QVERIFY(!r.ok());
        QVERIFY(v.empty());
    }
    {
        Writer w;
        w.u32(UINT32_MAX);
        Reader r(w.data());
        QVERIFY(r.strs().empty());
        QVERIFY(!r.ok());
    }
    {
        // The count passes the "4 bytes per string" check but the first string is too long.
        Writer w;
        w.u32(3);
        w.u32(100);
        w.u32(0);
        w.u32(0);
        Reader r(w.data());
        r.strs();
        QVERIFY(!r.ok());
    }
    {
        // Exactly enough room: three empty strings.
        Writer w;
        w.strs({"", "", ""});
        Reader r(w.data());
        const auto v = r.strs();
        QVERIFY(r.ok());
        QVERIFY(r.atEnd());
        QCOMPARE(v.size(), std::size_t(3));
    }
    {
        // The same in a RunSpec: a huge argv count.
        Writer w;
        w.u32(1u << 30);
        w.str("x");
        w.strs({});
        w.str("");
        w.u8(0);
        w.u8(0);
        w.u8(0);
        encode(w, Limits{});
        Reader r(w.data());
        RunSpec d;
        QVERIFY(!decode(r, d));
        QVERIFY(!r.ok());
    }
}

void TestProtocol::strLengthLargerThanData()
{
    Writer w;
    w.u32(10);
    w.u8('a');
    w.u8('b');
    Reader r(w.data());
    QVERIFY(r.str().empty());
    QVERIFY(!r.ok());

    Writer huge;
    huge.u32(UINT32_MAX);
    Reader hr(huge.data());
    QVERIFY(hr.str().empty());
    QVERIFY(!hr.ok());
}

void TestProtocol::filesCountLargerThanData()
{
    for (const std::uint32_t count : {2u, 1000u, UINT32_MAX}) {
        Writer w;
        w.u32(count);
        w.str("only.txt");
        w.u32(0644);
        w.str("one entry");
        Reader r(w.data());
        std::vector<FileEntry> d;
        QVERIFY(!decode(r, d));
        QVERIFY(!r.ok());
    }
}

void TestProtocol::frameRoundTrip()
{
    SocketPair sp;
    QVERIFY(sp.isValid());
    const std::string payloads[] = {"hello", "", "\0\x01\xff"s, binaryBlob(1000)};
    for (const auto &p : payloads)
        QVERIFY(sendFrame(sp.a(), p));
    for (const auto &p : payloads) {
        std::string got = "garbage";
        std::vector<int> fds;
        QVERIFY(recvFrame(sp.b(), got, &fds));
        QCOMPARE(qb(got), qb(p));
        QVERIFY(fds.empty());
    }
    // The header is a 32-bit little-endian length.
    QVERIFY(sendFrame(sp.a(), "abc"));
    QCOMPARE(qb(readRaw(sp.b(), 7)), QByteArray("\x03\0\0\0abc", 7));
    // ... and a hand-made frame is understood.
    QVERIFY(writeRaw(sp.a(), std::string_view("\x02\0\0\0ok", 6)));
    std::string got;
    QVERIFY(recvFrame(sp.b(), got));
    QCOMPARE(qb(got), QByteArray("ok"));
}

void TestProtocol::largeFrame()
{
    SocketPair sp;
    QVERIFY(sp.isValid());
    const std::string big = binaryBlob(5u * 1024u * 1024u);
    const std::string second = binaryBlob(1024u * 1024u + 3);
    int p[2];
    QCOMPARE(::pipe2(p, O_CLOEXEC), 0);

    bool sentBig = false, sentSecond = false;
    // Far beyond the socket buffer: the sender blocks until we read.
    std::thread sender([&] {
        sentBig = sendFrame(sp.a(), big);
        sentSecond = sentBig && sendFrame(sp.a(), second, &p[1], 1);
    });
    std::string got, got2;
    std::vector<int> fds;
    const bool okBig = recvFrame(sp.b(), got);
    const bool okSecond = okBig && recvFrame(sp.b(), got2, &fds);
    if (!okBig || !okSecond)
        ::shutdown(sp.b(), SHUT_RDWR); // never leave the sender blocked
    sender.join();
    ::close(p[1]);

    QVERIFY(sentBig);
    QVERIFY(okBig);
    QCOMPARE(got.size(), big.size());
    QVERIFY(got == big);
    QVERIFY(sentSecond);
    QVERIFY(okSecond);
    QCOMPARE(got2.size(), second.size());
    QVERIFY(got2 == second);
    QCOMPARE(fds.size(), std::size_t(1));
    QVERIFY(writeRaw(fds[0], "through"));
    ::close(fds[0]);
    QCOMPARE(qb(readRaw(p[0], 7)), QByteArray("through"));
    ::close(p[0]);
}

void TestProtocol::frameWithDescriptors()
{
    SocketPair sp;
    QVERIFY(sp.isValid());
    int p[2];
    QCOMPARE(::pipe2(p, O_CLOEXEC), 0);

    QVERIFY(sendFrame(sp.a(), "two fds", p, 2));
    QVERIFY(sendFrame(sp.a(), "no fds"));

    std::string payload;
    std::vector<int> fds;
    QVERIFY(recvFrame(sp.b(), payload, &fds));
    QCOMPARE(qb(payload), QByteArray("two fds"));
    QCOMPARE(fds.size(), std::size_t(2));
    for (const int fd : fds) {
        QVERIFY(fd >= 0);
        QVERIFY(fd != p[0] && fd != p[1]);
        QVERIFY2(::fcntl(fd, F_GETFD) & FD_CLOEXEC, "received descriptors must be close-on-exec");
    }
    // The same pipe, in the same order.
    struct stat original
    {
    }, received{};
    QCOMPARE(::fstat(p[0], &original), 0);
    QCOMPARE(::fstat(fds[0], &received), 0);
    QCOMPARE(received.st_ino, original.st_ino);

    QVERIFY(writeRaw(fds[1], "ping"));
    QCOMPARE(qb(readRaw(p[0], 4)), QByteArray("ping"));
    QVERIFY(writeRaw(p[1], "pong"));
    QCOMPARE(qb(readRaw(fds[0], 4)), QByteArray("pong"));

    // The next frame carries no descriptors.
    std::vector<int> none;
    QVERIFY(recvFrame(sp.b(), payload, &none));
    QCOMPARE(qb(payload), QByteArray("no fds"));
    QVERIFY(none.empty());

    for (const int fd : fds)
        ::close(fd);
    ::close(p[0]);
    ::close(p[1]);
}

void TestProtocol::frameWithThreeDescriptors()
{
    SocketPair sp;
    QVERIFY(sp.isValid());
    int p[2], q[2];
    QCOMPARE(::pipe2(p, O_CLOEXEC), 0);
    QCOMPARE(::pipe2(q, O_CLOEXEC), 0);
    const int send[3] = {p[0], p[1], q[1]};
    QVERIFY(sendFrame(sp.a(), "", send, 3));
    std::string payload = "x";
    std::vector<int> fds;
    QVERIFY(recvFrame(sp.b(), payload, &fds));
    QVERIFY(payload.empty());
    QCOMPARE(fds.size(), std::size_t(3));
    QVERIFY(writeRaw(fds[2], "q"));
    QCOMPARE(qb(readRaw(q[0], 1)), QByteArray("q"));
    for (const int fd : fds)
        ::close(fd);
    for (const int fd : {p[0], p[1], q[0], q[1]})
        ::close(fd);
}

void TestProtocol::unwantedDescriptorsAreClosed()
{
    SocketPair sp;
    QVERIFY(sp.isValid());
    int p[2];
    QCOMPARE(::pipe2(p, O_CLOEXEC), 0);
    const int before = openDescriptorCount();
    QVERIFY(sendFrame(sp.a(), "fds nobody wants", p, 2));
    std::string payload;
    QVERIFY(recvFrame(sp.b(), payload, nullptr));
    QCOMPARE(qb(payload), QByteArray("fds nobody wants"));
    QCOMPARE(openDescriptorCount(), before);
    ::close(p[0]);
    ::close(p[1]);
}

void TestProtocol::recvFrameEof()
{
    SocketPair sp;
    QVERIFY(sp.isValid());
    QVERIFY(sendFrame(sp.a(), "last"));
    sp.closeA();
    std::string payload;
    QVERIFY(recvFrame(sp.b(), payload));
    QCOMPARE(qb(payload), QByteArray("last"));
    QVERIFY(!recvFrame(sp.b(), payload));
    std::vector<int> fds;
    QVERIFY(!recvFrame(sp.b(), payload, &fds));
    QVERIFY(fds.empty());
}

void TestProtocol::recvFrameTruncated()
{
    {
        // EOF inside the header.
        SocketPair sp;
        QVERIFY(sp.isValid());
        QVERIFY(writeRaw(sp.a(), std::string_view("\x0a\0", 2)));
        sp.closeA();
        std::string payload;
        QVERIFY(!recvFrame(sp.b(), payload));
    }
    {
        // EOF inside the payload.
        SocketPair sp;
        QVERIFY(sp.isValid());
        QVERIFY(writeRaw(sp.a(), std::string_view("\x0a\0\0\0abc", 7)));
        sp.closeA();
        std::string payload;
        QVERIFY(!recvFrame(sp.b(), payload));
    }
}

void TestProtocol::recvFrameOversizedHeader()
{
    SocketPair sp;
    QVERIFY(sp.isValid());
    // Larger than MaxFrameBytes: refused without trying to allocate it.
    QVERIFY(writeRaw(sp.a(), std::string_view("\xff\xff\xff\xff", 4)));
    std::string payload;
    QVERIFY(!recvFrame(sp.b(), payload));
    QVERIFY(payload.size() <= MaxFrameBytes);
}

void TestProtocol::sendFrameToClosedPeer()
{
    SocketPair sp;
    QVERIFY(sp.isValid());
    sp.closeB();
    // MSG_NOSIGNAL: an error, not a SIGPIPE that would kill the test.
    QVERIFY(!sendFrame(sp.a(), "anyone?"));
    int p[2];
    QCOMPARE(::pipe2(p, O_CLOEXEC), 0);
    QVERIFY(!sendFrame(sp.a(), "anyone?", p, 2));
    ::close(p[0]);
    ::close(p[1]);
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
