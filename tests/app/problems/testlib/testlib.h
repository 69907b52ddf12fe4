// A minimal stand-in for testlib.h (https://github.com/MikeMirzayanov/testlib), which Debian
// does not package. It implements only what checker.cpp uses, following testlib's checker
// protocol as EvalX sees it:
//  - invoked as `checker input output answer`; the streams are `inf`, `ouf` and `ans`;
//  - the verdict is the exit code: 0 ok, 1 wrong answer, 2 presentation error ("wrong output
//    format"), 3 checker failure, 7 points;
//  - stderr holds one line: the verdict's word ("ok", "wrong answer", "wrong output format",
//    "FAIL", "points") and the message; quitp writes "points X message";
//  - a token the program's output lacks or that is malformed is a presentation error, one the
//    input or the answer lacks is the checker's failure;
//  - accepting (ok or points) an output with something left after what was read is a
//    presentation error: "Extra information in the output file".
// Anything else of testlib (validators, generators, interactors, readLine, strict mode,
// ranges, XML results) is not here.
#pragma once

#include <cctype>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <string>

enum TResult { _ok = 0, _wa = 1, _pe = 2, _fail = 3, _dirt = 4, _points = 5 };

namespace testlib_detail {

inline int exitCode(TResult result)
{
    switch (result) {
    case _ok:
        return 0;
    case _wa:
        return 1;
    case _pe:
    case _dirt:
        return 2;
    case _fail:
        return 3;
    case _points:
        return 7;
    }
    return 3;
}

inline const char *word(TResult result)
{
    switch (result) {
    case _ok:
        return "ok";
    case _wa:
        return "wrong answer";
    case _pe:
    case _dirt:
        return "wrong output format";
    case _fail:
        return "FAIL";
    case _points:
        return "points";
    }
    return "FAIL";
}

inline std::string vformat(const char *format, va_list args)
{
    char buffer[4096];
    std::vsnprintf(buffer, sizeof buffer, format, args);
    return buffer;
}

[[noreturn]] void quit(TResult result, const std::string &message);

} // namespace testlib_detail

class InStream
{
public:
    enum Mode { Input, Output, Answer };

    explicit InStream(Mode mode)
        : m_mode(mode)
    {}

    void open(const char *path)
    {
        m_file = std::fopen(path, "rb");
        if (!m_file)
            testlib_detail::quit(_fail, std::string("cannot open ") + path);
    }

    // Skips white space; true when nothing else is left.
    bool seekEof()
    {
        skipBlanks();
        return peek() == EOF;
    }

    std::string readToken()
    {
        skipBlanks();
        std::string token;
        for (int c = peek(); c != EOF && !std::isspace(c); c = peek())
            token += char(next());
        if (token.empty())
            fail("Unexpected end of file - token expected");
        return token;
    }

    std::string readWord() { return readToken(); }

    long long readLong()
    {
        const std::string token = readToken();
        errno = 0;
        char *end = nullptr;
        const long long value = std::strtoll(token.c_str(), &end, 10);
        if (errno != 0 || *end != '\0' || !(std::isdigit(uchar(token.back()))))
            fail("Expected integer, but \"" + token + "\" found");
        return value;
    }

    int readInt()
    {
        const long long value = readLong();
        if (value < -2147483648LL || value > 2147483647LL)
            fail("Expected int32, but " + std::to_string(value) + " found");
        return int(value);
    }

    double readDouble()
    {
        const std::string token = readToken();
        char *end = nullptr;
        const double value = std::strtod(token.c_str(), &end);
        if (*end != '\0')
            fail("Expected double, but \"" + token + "\" found");
        return value;
    }

    Mode mode() const { return m_mode; }

private:
    using uchar = unsigned char;

    int peek()
    {
        const int c = std::fgetc(m_file);
        if (c != EOF)
            std::ungetc(c, m_file);
        return c;
    }

    int next() { return std::fgetc(m_file); }

    void skipBlanks()
    {
        while (peek() != EOF && std::isspace(peek()))
            next();
    }

    // testlib: a fault in the contestant's output is a presentation error, in the input or
    // the answer the checker's own failure.
    [[noreturn]] void fail(const std::string &message)
    {
        testlib_detail::quit(m_mode == Output ? _pe : _fail, message);
    }

    Mode m_mode;
    std::FILE *m_file = nullptr;
};

inline InStream inf(InStream::Input);
inline InStream ouf(InStream::Output);
inline InStream ans(InStream::Answer);

[[noreturn]] inline void testlib_detail::quit(TResult result, const std::string &message)
{
    if ((result == _ok || result == _points) && !ouf.seekEof())
        quit(_dirt, "Extra information in the output file");
    std::fprintf(stderr, "%s %s\n", word(result), message.c_str());
    std::exit(exitCode(result));
}

inline void registerTestlibCmd(int argc, char *argv[])
{
    if (argc < 4) {
        std::fprintf(stderr, "FAIL usage: %s input output answer\n", argc > 0 ? argv[0] : "checker");
        std::exit(3);
    }
    inf.open(argv[1]);
    ouf.open(argv[2]);
    ans.open(argv[3]);
}

[[noreturn]] __attribute__((format(printf, 2, 3))) inline void quitf(TResult result, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    const std::string message = testlib_detail::vformat(format, args);
    va_end(args);
    testlib_detail::quit(result, message);
}

[[noreturn]] inline void quit(TResult result, const std::string &message)
{
    testlib_detail::quit(result, message);
}

// "points X message", X without trailing zeros, as testlib prints it.
[[noreturn]] inline void quitp(double points, const std::string &message = "")
{
    char text[64];
    std::snprintf(text, sizeof text, "%.10f", points);
    std::string number = text;
    while (number.back() == '0')
        number.pop_back();
    if (number.back() == '.')
        number.pop_back();
    testlib_detail::quit(_points, message.empty() ? number : number + " " + message);
}

[[noreturn]] __attribute__((format(printf, 2, 3))) inline void quitp(double points, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    const std::string message = testlib_detail::vformat(format, args);
    va_end(args);
    quitp(points, message);
}
