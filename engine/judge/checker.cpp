#include "checker.h"

#include <QLocale>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <locale.h>
#include <stdlib.h>
#include <string>
#include <string_view>

namespace evalx {

namespace {

// Outputs run to tens of megabytes: they are compared as bytes, in place, and only the few bytes
// a message quotes become a QString.
using Bytes = std::string_view;

constexpr size_t kQuoteLimit = 40;        // bytes of a token or line a message quotes
constexpr size_t kQuoteLead = 10;         // of which come before the first difference
constexpr qsizetype kMessageLimit = 4096; // bytes of a checker's own message kept

Bytes view(const QByteArray &bytes)
{
    return Bytes(bytes.constData(), size_t(bytes.size()));
}

// The C locale's isspace: the separators of the Kattis default validator and of testlib.
constexpr bool isSpace(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// What Ruby's String#rstrip removes, which Judge0 applies to every line and to the whole text.
constexpr bool isTrailingBlank(char c)
{
    return isSpace(c) || c == '\0';
}

constexpr bool isContinuationByte(char c)
{
    return (uchar(c) & 0xC0) == 0x80;
}

constexpr char foldCase(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

Bytes trimTrailing(Bytes text)
{
    while (!text.empty() && isTrailingBlank(text.back()))
        text.remove_suffix(1);
    return text;
}

Bytes trimSpace(Bytes text)
{
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

// Where two texts first differ (case-insensitive: ASCII letters only, as strcasecmp in the C
// locale); npos when they match.
size_t firstDifference(Bytes a, Bytes b, bool caseSensitive)
{
    if (caseSensitive && a == b)
        return Bytes::npos;
    const size_t common = std::min(a.size(), b.size());
    for (size_t i = 0; i < common; ++i) {
        if (caseSensitive ? a[i] != b[i] : foldCase(a[i]) != foldCase(b[i]))
            return i;
    }
    return a.size() == b.size() ? Bytes::npos : common;
}

// Part of an output for a message: at most kQuoteLimit bytes, starting a little before `focus`
// (the first difference) so that the difference shows, cut between UTF-8 characters, with
// control characters escaped so that the message stays one readable line.
QString quote(Bytes text, size_t focus = 0)
{
    size_t begin = 0;
    size_t end = text.size();
    if (text.size() > kQuoteLimit) {
        begin = std::min(focus > kQuoteLead ? focus - kQuoteLead : 0, text.size() - kQuoteLimit);
        end = begin + kQuoteLimit;
        while (begin > 0 && isContinuationByte(text[begin]))
            --begin;
        while (end > begin && end < text.size() && isContinuationByte(text[end]))
            --end;
    }
    QByteArray shown;
    shown.reserve(qsizetype(end - begin) + 8);
    if (begin > 0)
        shown.append("...");
    for (size_t i = begin; i < end; ++i) {
        const char c = text[i];
        if (c == '\n') {
            shown.append("\\n");
        } else if (c == '\t') {
            shown.append("\\t");
        } else if (c == '\r') {
            shown.append("\\r");
        } else if (uchar(c) < 0x20 || uchar(c) == 0x7F) {
            constexpr char hex[] = "0123456789abcdef";
            shown.append("\\x").append(hex[uchar(c) >> 4]).append(hex[uchar(c) & 0xF]);
        } else {
            shown.append(c);
        }
    }
    if (end < text.size())
        shown.append("...");
    return QLatin1Char('\'') + QString::fromUtf8(shown) + QLatin1Char('\'');
}

QString countOf(qint64 n, QLatin1String one, QLatin1String many)
{
    return QString::number(n) + QLatin1Char(' ') + (n == 1 ? one : many);
}

// The shortest text that reads back as the same double: specs must round-trip.
QString shortest(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

locale_t cLocale()
{
    static const locale_t c = newlocale(LC_ALL_MASK, "C", locale_t(nullptr));
    return c;
}

// A whole token as a finite number, read as the Kattis default validator reads it: strtod in the
// C locale (whatever locale the application set), so decimal or hexadecimal with optional sign
// and exponent; "inf" and "nan" parse but are not numbers there, and neither is an overflow.
std::optional<double> parseNumber(Bytes token)
{
    // strtod would skip leading whitespace; every number starts with one of these.
    if (token.empty() || !((token.front() >= '0' && token.front() <= '9') || token.front() == '-' ||
                           token.front() == '+' || token.front() == '.'))
        return std::nullopt;
    char small[64];
    std::string large;
    const char *text = small;
    if (token.size() < sizeof small) {
        std::memcpy(small, token.data(), token.size());
        small[token.size()] = '\0';
    } else {
        large.assign(token);
        text = large.c_str();
    }
    char *end = nullptr;
    const double value = strtod_l(text, &end, cLocale());
    if (end != text + token.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<double> parseNumber(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    return parseNumber(view(bytes));
}

// Whitespace-separated tokens of a text, with the line each starts on for messages.
class TokenReader final
{
public:
    explicit TokenReader(Bytes text)
        : m_text(text)
    {}

    // Skips whitespace and returns it.
    Bytes skipSpace()
    {
        const size_t start = m_pos;
        while (m_pos < m_text.size() && isSpace(m_text[m_pos])) {
            if (m_text[m_pos] == '\n')
                ++m_line;
            ++m_pos;
        }
        return m_text.substr(start, m_pos - start);
    }

    bool atEnd() const { return m_pos == m_text.size(); }

    // The token at the current position (right after skipSpace).
    Bytes token()
    {
        const size_t start = m_pos;
        while (m_pos < m_text.size() && !isSpace(m_text[m_pos]))
            ++m_pos;
        return m_text.substr(start, m_pos - start);
    }

    qint64 line() const { return m_line; }

    qint64 countRest()
    {
        qint64 n = 0;
        for (skipSpace(); !atEnd(); skipSpace()) {
            token();
            ++n;
        }
        return n;
    }

private:
    Bytes m_text;
    size_t m_pos = 0;
    qint64 m_line = 1;
};

// The lines of a text, '\n' ending each; an empty text has none.
class LineReader final
{
public:
    explicit LineReader(Bytes text)
        : m_text(text)
        , m_done(text.empty())
    {}

    bool next(Bytes *line)
    {
        if (m_done)
            return false;
        const size_t newline = m_text.find('\n', m_pos);
        if (newline == Bytes::npos) {
            *line = m_text.substr(m_pos);
            m_done = true;
        } else {
            *line = m_text.substr(m_pos, newline - m_pos);
            m_pos = newline + 1;
        }
        return true;
    }

    qint64 countRest() const
    {
        if (m_done)
            return 0;
        return 1 + std::count(m_text.begin() + qptrdiff(m_pos), m_text.end(), '\n');
    }

private:
    Bytes m_text;
    size_t m_pos = 0;
    bool m_done;
};

CheckOutcome outcome(Verdict verdict, const QString &message = QString())
{
    CheckOutcome result;
    result.verdict = verdict;
    result.message = message;
    return result;
}

// Whether two texts hold the same tokens, whatever the whitespace between them: what makes a
// difference of layout a presentation error rather than a wrong answer.
bool sameTokens(Bytes a, Bytes b)
{
    TokenReader ra(a);
    TokenReader rb(b);
    for (;;) {
        ra.skipSpace();
        rb.skipSpace();
        if (ra.atEnd() || rb.atEnd())
            return ra.atEnd() && rb.atEnd();
        if (ra.token() != rb.token())
            return false;
    }
}

// Two different lines. The column is given only when the quotes are cut, where it helps to
// find the difference.
CheckOutcome lineDifference(qint64 line, Bytes expected, Bytes found)
{
    const size_t at = firstDifference(expected, found, true);
    QString where = QStringLiteral("line ") + QString::number(line);
    if (expected.size() > kQuoteLimit || found.size() > kQuoteLimit)
        where += QStringLiteral(", column ") + QString::number(qint64(at) + 1);
    return outcome(Verdict::WA, where + QStringLiteral(": expected ") + quote(expected, at) +
                                    QStringLiteral(", found ") + quote(found, at));
}

CheckOutcome compareLines(Bytes output, Bytes answer)
{
    LineReader out(trimTrailing(output));
    LineReader ans(trimTrailing(answer));
    for (qint64 line = 1;; ++line) {
        Bytes expected;
        Bytes found;
        const bool hasExpected = ans.next(&expected);
        const bool hasFound = out.next(&found);
        if (!hasExpected && !hasFound)
            return outcome(Verdict::AC);
        if (!hasExpected) {
            // Quote the first line with something on it; the text ends with one.
            while (trimTrailing(found).empty() && out.next(&found)) {
            }
            return outcome(Verdict::WA, QStringLiteral("extra output after the answer: ") +
                                            quote(trimTrailing(found)));
        }
        if (!hasFound) {
            return outcome(Verdict::WA,
                           QStringLiteral("output ends after ") +
                               countOf(line - 1, QLatin1String("line"), QLatin1String("lines")) +
                               QStringLiteral(", the answer has ") +
                               QString::number(line + ans.countRest()));
        }
        expected = trimTrailing(expected);
        found = trimTrailing(found);
        if (expected != found)
            return lineDifference(line, expected, found);
    }
}

CheckOutcome compareExact(Bytes output, Bytes answer)
{
    if (output == answer)
        return outcome(Verdict::AC);
    const size_t at =
        size_t(std::mismatch(answer.begin(), answer.end(), output.begin(), output.end()).first -
               answer.begin());
    const qint64 line = 1 + std::count(answer.begin(), answer.begin() + qptrdiff(at), '\n');
    if (at == output.size()) {
        return outcome(Verdict::WA, QStringLiteral("output ends early, on line ") +
                                        QString::number(line) +
                                        QStringLiteral(": the answer continues with ") +
                                        quote(answer.substr(at)));
    }
    if (at == answer.size()) {
        return outcome(Verdict::WA, QStringLiteral("extra output after the answer: ") +
                                        quote(output.substr(at)));
    }
    // npos + 1 is 0: the first line starts the text.
    const size_t lineStart = at == 0 ? 0 : answer.rfind('\n', at - 1) + 1;
    const auto lineAt = [lineStart](Bytes text) {
        const size_t newline = text.find('\n', lineStart);
        return text.substr(lineStart, newline == Bytes::npos ? Bytes::npos : newline - lineStart);
    };
    return lineDifference(line, lineAt(answer), lineAt(output));
}

QString describeTolerance(const CompareOptions &options)
{
    const bool absolute = options.absoluteTolerance >= 0;
    const bool relative = options.relativeTolerance >= 0;
    if (absolute && relative && options.absoluteTolerance == options.relativeTolerance)
        return QStringLiteral("tolerance ") + shortest(options.absoluteTolerance);
    if (absolute && relative) {
        return QStringLiteral("absolute tolerance ") + shortest(options.absoluteTolerance) +
               QStringLiteral(" and relative tolerance ") + shortest(options.relativeTolerance);
    }
    if (absolute)
        return QStringLiteral("absolute tolerance ") + shortest(options.absoluteTolerance);
    return QStringLiteral("relative tolerance ") + shortest(options.relativeTolerance);
}

// The Kattis default validator (problemtools' default_validator.cc): tokens compared in order;
// with a tolerance, an answer token that is a number wants a number within it (either bound
// suffices, the relative one scaled by the answer's value), any other answer token is compared
// as a string; with space_change_sensitive, the whitespace before each token and at the end must
// be the same bytes. Kattis has no presentation error: every difference is WA.
CheckOutcome compareTokens(Bytes output, Bytes answer, const CompareOptions &options)
{
    const bool numbers = options.absoluteTolerance >= 0 || options.relativeTolerance >= 0;
    TokenReader out(output);
    TokenReader ans(answer);
    for (qint64 index = 1;; ++index) {
        const qint64 spaceLine = out.line();
        const Bytes expectedSpace = ans.skipSpace();
        const Bytes foundSpace = out.skipSpace();
        if (options.spaceChangeSensitive && expectedSpace != foundSpace) {
            const size_t at = firstDifference(expectedSpace, foundSpace, true);
            const qint64 line =
                spaceLine + std::count(foundSpace.begin(), foundSpace.begin() + qptrdiff(at), '\n');
            const QString where = ans.atEnd()
                                      ? QStringLiteral("at the end")
                                      : QStringLiteral("before token ") + QString::number(index);
            return outcome(Verdict::WA, QStringLiteral("whitespace ") + where +
                                            QStringLiteral(" (line ") + QString::number(line) +
                                            QStringLiteral(") differs: expected ") +
                                            quote(expectedSpace, at) + QStringLiteral(", found ") +
                                            quote(foundSpace, at));
        }
        if (ans.atEnd()) {
            if (out.atEnd())
                return outcome(Verdict::AC);
            return outcome(Verdict::WA,
                           QStringLiteral("extra output after the answer: ") + quote(out.token()));
        }
        if (out.atEnd()) {
            const Bytes next = ans.token();
            return outcome(Verdict::WA,
                           QStringLiteral("output ends after ") +
                               countOf(index - 1, QLatin1String("token"), QLatin1String("tokens")) +
                               QStringLiteral(", the answer has ") +
                               QString::number(index + ans.countRest()) +
                               QStringLiteral(" (next: ") + quote(next) + QLatin1Char(')'));
        }
        const qint64 line = out.line();
        const Bytes expected = ans.token();
        const Bytes found = out.token();
        const auto mismatch = [&](size_t at, const QString &why) {
            return outcome(Verdict::WA, QStringLiteral("token ") + QString::number(index) +
                                            QStringLiteral(" (line ") + QString::number(line) +
                                            QStringLiteral("): expected ") + quote(expected, at) +
                                            QStringLiteral(", found ") + quote(found, at) + why);
        };
        if (numbers) {
            if (const std::optional<double> a = parseNumber(expected)) {
                const std::optional<double> b = parseNumber(found);
                if (!b)
                    return mismatch(0, QStringLiteral(" (not a number)"));
                const double difference = std::fabs(*a - *b);
                const bool withinAbsolute =
                    options.absoluteTolerance >= 0 && difference <= options.absoluteTolerance;
                const bool withinRelative = options.relativeTolerance >= 0 &&
                                            difference <= options.relativeTolerance * std::fabs(*a);
                if (!withinAbsolute && !withinRelative) {
                    return mismatch(0, QStringLiteral(" (difference ") +
                                           QString::number(difference, 'g', 6) +
                                           QStringLiteral(" exceeds ") +
                                           describeTolerance(options) + QLatin1Char(')'));
                }
                continue;
            }
        }
        const size_t at = firstDifference(expected, found, options.caseSensitive);
        if (at != Bytes::npos)
            return mismatch(at, QString());
    }
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

// A checker's own text for a message: at most kMessageLimit bytes, cut between characters.
QString boundedText(const QByteArray &text)
{
    if (text.size() <= kMessageLimit)
        return QString::fromUtf8(text).trimmed();
    qsizetype end = kMessageLimit;
    while (end > 0 && isContinuationByte(text.at(end)))
        --end;
    return QString::fromUtf8(text.constData(), end).trimmed() + QStringLiteral(" [truncated]");
}

// testlib's quitp writes "points " and the score (then the message) as its last line.
std::optional<double> testlibPoints(const QByteArray &text)
{
    constexpr Bytes prefix = "points ";
    std::optional<double> points;
    LineReader lines(view(text));
    Bytes line;
    while (lines.next(&line)) {
        line = trimSpace(line);
        if (line.substr(0, prefix.size()) != prefix)
            continue;
        TokenReader rest(line.substr(prefix.size()));
        rest.skipSpace();
        points = parseNumber(rest.token());
    }
    return points;
}

} // namespace

CheckOutcome compareOutputs(const QByteArray &output, const QByteArray &answer,
                            const CompareOptions &options)
{
    const Bytes out = view(output);
    const Bytes ans = view(answer);
    if (options.mode == Comparison::Tokens)
        return compareTokens(out, ans, options);
    if (out == ans)
        return outcome(Verdict::AC);
    CheckOutcome result =
        options.mode == Comparison::Exact ? compareExact(out, ans) : compareLines(out, ans);
    if (result.verdict == Verdict::WA && sameTokens(out, ans)) {
        result.verdict = Verdict::PE;
        result.message = QStringLiteral("presentation error: ") + result.message;
    }
    return result;
}

std::optional<CompareOptions> parseComparison(const QString &spec, QString *error)
{
    const QStringList terms = spec.split(QLatin1Char(','));
    CompareOptions options;
    options.mode = Comparison::Tokens;
    for (const QString &rawTerm : terms) {
        const QString term = rawTerm.trimmed().toLower();
        if (term.isEmpty()) {
            setError(error, spec.trimmed().isEmpty() ? QStringLiteral("the comparison is empty")
                                                     : QStringLiteral("the comparison '") + spec +
                                                           QStringLiteral("' has an empty term"));
            return std::nullopt;
        }
        if (term == QLatin1String("lines") || term == QLatin1String("judge0") ||
            term == QLatin1String("exact")) {
            if (terms.size() != 1) {
                setError(error, QLatin1Char('\'') + term +
                                    QStringLiteral("' cannot be combined with other terms"));
                return std::nullopt;
            }
            CompareOptions whole;
            whole.mode = term == QLatin1String("exact") ? Comparison::Exact : Comparison::Lines;
            return whole;
        }
        if (term == QLatin1String("tokens"))
            continue;
        if (term == QLatin1String("case-insensitive")) {
            options.caseSensitive = false;
            continue;
        }
        if (term == QLatin1String("space-change-sensitive")) {
            options.spaceChangeSensitive = true;
            continue;
        }
        if (term == QLatin1String("float")) {
            options.absoluteTolerance = options.relativeTolerance = 1e-6;
            continue;
        }
        const qsizetype colon = term.indexOf(QLatin1Char(':'));
        const QString name = term.left(colon);
        if (colon >= 0 && (name == QLatin1String("float") || name == QLatin1String("float-abs") ||
                           name == QLatin1String("float-rel"))) {
            const std::optional<double> tolerance = parseNumber(term.mid(colon + 1));
            if (!tolerance || *tolerance < 0) {
                setError(error, QLatin1Char('\'') + rawTerm.trimmed() +
                                    QStringLiteral("': the tolerance after '") + name +
                                    QStringLiteral(":' must be a number, 0 or more"));
                return std::nullopt;
            }
            if (name != QLatin1String("float-rel"))
                options.absoluteTolerance = *tolerance;
            if (name != QLatin1String("float-abs"))
                options.relativeTolerance = *tolerance;
            continue;
        }
        setError(error, QStringLiteral("unknown comparison '") + rawTerm.trimmed() +
                            QStringLiteral("' (known: lines, judge0, exact, tokens, "
                                           "case-insensitive, space-change-sensitive, float, "
                                           "float:E, float-abs:E, float-rel:E)"));
        return std::nullopt;
    }
    return options;
}

QString comparisonSpec(const CompareOptions &options)
{
    if (options.mode == Comparison::Lines)
        return QStringLiteral("lines");
    if (options.mode == Comparison::Exact)
        return QStringLiteral("exact");
    QStringList terms;
    if (!options.caseSensitive)
        terms << QStringLiteral("case-insensitive");
    if (options.spaceChangeSensitive)
        terms << QStringLiteral("space-change-sensitive");
    const bool absolute = options.absoluteTolerance >= 0;
    const bool relative = options.relativeTolerance >= 0;
    if (absolute && relative && options.absoluteTolerance == options.relativeTolerance) {
        terms << (options.absoluteTolerance == 1e-6
                      ? QStringLiteral("float")
                      : QStringLiteral("float:") + shortest(options.absoluteTolerance));
    } else {
        if (absolute)
            terms << QStringLiteral("float-abs:") + shortest(options.absoluteTolerance);
        if (relative)
            terms << QStringLiteral("float-rel:") + shortest(options.relativeTolerance);
    }
    return terms.isEmpty() ? QStringLiteral("tokens") : terms.join(QLatin1Char(','));
}

std::optional<CompareOptions> kattisDefaultValidator(const QStringList &flags, QString *error)
{
    CompareOptions options;
    options.mode = Comparison::Tokens;
    options.caseSensitive = false;
    for (qsizetype i = 0; i < flags.size(); ++i) {
        const QString &flag = flags.at(i);
        if (flag.isEmpty())
            continue;
        if (flag == QLatin1String("case_sensitive")) {
            options.caseSensitive = true;
            continue;
        }
        if (flag == QLatin1String("space_change_sensitive")) {
            options.spaceChangeSensitive = true;
            continue;
        }
        const bool both = flag == QLatin1String("float_tolerance");
        const bool absolute = both || flag == QLatin1String("float_absolute_tolerance");
        const bool relative = both || flag == QLatin1String("float_relative_tolerance");
        if (!absolute && !relative) {
            setError(error, QStringLiteral("unknown validator flag '") + flag +
                                QStringLiteral("' (the default validator knows case_sensitive, "
                                               "space_change_sensitive, float_tolerance, "
                                               "float_absolute_tolerance, "
                                               "float_relative_tolerance)"));
            return std::nullopt;
        }
        if (i + 1 == flags.size()) {
            setError(error, QStringLiteral("validator flag '") + flag +
                                QStringLiteral("' needs a number after it"));
            return std::nullopt;
        }
        const QString &value = flags.at(++i);
        const std::optional<double> tolerance = parseNumber(value);
        if (!tolerance) {
            setError(error, QStringLiteral("validator flag '") + flag + QStringLiteral("': '") +
                                value + QStringLiteral("' is not a number"));
            return std::nullopt;
        }
        // problemtools takes a negative tolerance, which then never matches: off.
        const double normalized = *tolerance < 0 ? -1 : *tolerance;
        if (absolute)
            options.absoluteTolerance = normalized;
        if (relative)
            options.relativeTolerance = normalized;
    }
    return options;
}

CheckOutcome interpretTestlib(int exitCode, const QByteArray &checkerStderr)
{
    const QString text = boundedText(checkerStderr);
    switch (exitCode) {
    case 0:
        return outcome(Verdict::AC, text);
    case 1:
        return outcome(Verdict::WA, text);
    case 2:
    // testlib's "unexpected eof" in the program's output has its own code only where
    // ENABLE_UNEXPECTED_EOF is defined; elsewhere testlib reports it as 2.
    case 8:
        return outcome(Verdict::PE, text);
    case 3:
        return outcome(Verdict::IE, text.isEmpty()
                                        ? QStringLiteral("checker failed, saying nothing")
                                        : QStringLiteral("checker failed: ") + text);
    case 7: {
        const std::optional<double> points = testlibPoints(checkerStderr);
        if (!points) {
            return outcome(Verdict::IE, QStringLiteral("checker exited with 7 (points) but "
                                                       "wrote no 'points' line with a score: ") +
                                            quote(view(checkerStderr)));
        }
        CheckOutcome result = outcome(*points > 0 ? Verdict::AC : Verdict::WA, text);
        result.score = points;
        return result;
    }
    default:
        break;
    }
    // testlib's partially-correct result (_pc) exits with the bare number on most judges,
    // indistinguishable from the codes above, so EvalX does not take it.
    QString message = QStringLiteral("checker exited with code ") + QString::number(exitCode);
    if (!text.isEmpty())
        message += QStringLiteral(": ") + text;
    return outcome(Verdict::IE, message);
}

CheckOutcome interpretKattis(int exitCode, const QByteArray &judgeMessage,
                             const QByteArray &teamMessage,
                             const std::optional<QByteArray> &scoreText)
{
    CheckOutcome result = outcome(Verdict::IE, boundedText(judgeMessage));
    result.teamMessage = boundedText(teamMessage);
    if (exitCode != 42 && exitCode != 43) {
        QString message = QStringLiteral("output validator exited with code ") +
                          QString::number(exitCode) +
                          QStringLiteral(", neither 42 (accepted) nor 43 (wrong answer)");
        if (!result.message.isEmpty())
            message += QStringLiteral(": ") + result.message;
        result.message = message;
        return result;
    }
    if (scoreText) {
        const Bytes score = trimSpace(view(*scoreText));
        result.score = parseNumber(score);
        if (!result.score) {
            result.message = QStringLiteral("score.txt is not a number: ") + quote(score);
            return result;
        }
    }
    result.verdict = exitCode == 42 ? Verdict::AC : Verdict::WA;
    return result;
}

} // namespace evalx
