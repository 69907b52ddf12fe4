// The built-in checkers (Judge0's lines, exact, the Kattis default validator's tokens) and the
// reading of custom checkers' results (testlib exit codes, Kattis exit codes and feedback files).
// The Kattis cases mirror problemtools' support/default_validator/default_validator.cc, the
// testlib ones what testlib.h writes: "points 0.5 msg" after quitp, exit 7.

#include "checker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <clocale>
#include <cstdlib>

using namespace evalx;

class TestChecker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compare_data();
    void compare();
    void kattisDefaultValidatorCompares_data();
    void kattisDefaultValidatorCompares();
    void parseComparisonAcceptsSpecs_data();
    void parseComparisonAcceptsSpecs();
    void parseComparisonNamesTheProblem_data();
    void parseComparisonNamesTheProblem();
    void specsRoundTrip_data();
    void specsRoundTrip();
    void kattisFlags_data();
    void kattisFlags();
    void kattisFlagsNameTheProblem_data();
    void kattisFlagsNameTheProblem();
    void testlibExitCodes_data();
    void testlibExitCodes();
    void testlibMessagesAreBounded();
    void kattisResults_data();
    void kattisResults();
    void numbersIgnoreTheApplicationLocale();
    void largeOutputs();
    void hugeTokens();
};

namespace {

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

void row(const char *name, const char *spec, const QByteArray &output, const QByteArray &answer,
         const char *verdict, const QString &message)
{
    QTest::newRow(name) << text(spec) << output << answer << text(verdict) << message;
}

void row(const char *name, const char *spec, const QByteArray &output, const QByteArray &answer,
         const char *verdict, const char *message)
{
    row(name, spec, output, answer, verdict, text(message));
}

bool sameOptions(const CompareOptions &a, const CompareOptions &b)
{
    if (a.mode != b.mode)
        return false;
    if (a.mode != Comparison::Tokens)
        return true;
    const auto sameTolerance = [](double x, double y) { return (x < 0 && y < 0) || x == y; };
    return a.caseSensitive == b.caseSensitive && a.spaceChangeSensitive == b.spaceChangeSensitive &&
           sameTolerance(a.absoluteTolerance, b.absoluteTolerance) &&
           sameTolerance(a.relativeTolerance, b.relativeTolerance);
}

CompareOptions tokens(bool caseSensitive, bool space, double absolute, double relative)
{
    CompareOptions o;
    o.mode = Comparison::Tokens;
    o.caseSensitive = caseSensitive;
    o.spaceChangeSensitive = space;
    o.absoluteTolerance = absolute;
    o.relativeTolerance = relative;
    return o;
}

} // namespace

void TestChecker::compare_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("message");

    // Lines (Judge0): trailing whitespace of lines and trailing blank lines do not count.
    row("lines: both empty", "lines", "", "", "AC", "");
    row("lines: equal", "lines", "1 2\n3\n", "1 2\n3\n", "AC", "");
    row("lines: CRLF", "lines", "1 2\r\n3\r\n", "1 2\n3\n", "AC", "");
    row("lines: trailing spaces and tabs", "lines", "1 2   \n3\t\n", "1 2\n3", "AC", "");
    row("lines: trailing blank lines in output", "lines", "1\n\n\n  \n", "1\n", "AC", "");
    row("lines: trailing blank lines in answer", "lines", "1", "1\n\n\r\n", "AC", "");
    row("lines: whitespace only is empty", "lines", " \n\t\n", "", "AC", "");
    row("lines: trailing NUL, as Ruby's rstrip", "lines", QByteArray("42\0\n", 4), "42\n", "AC",
        "");
    row("lines: judge0 alias", "judge0", "7\r\n", "7", "AC", "");
    row("lines: wrong line", "lines", "1\n2\n41\n", "1\n2\n42\n", "WA",
        "line 3: expected '42', found '41'");
    row("lines: case matters", "lines", "YES\n", "yes\n", "WA",
        "line 1: expected 'yes', found 'YES'");
    row("lines: output ends early", "lines", "1\n2\n", "1\n2\n3\n", "WA",
        "output ends after 2 lines, the answer has 3");
    row("lines: output ends after one line", "lines", "1\n", "1\n2\n", "WA",
        "output ends after 1 line, the answer has 2");
    row("lines: empty output", "lines", "", "1\n", "WA",
        "output ends after 0 lines, the answer has 1");
    row("lines: extra output", "lines", "1\n2\nfoo\n", "1\n2\n", "WA",
        "extra output after the answer: 'foo'");
    row("lines: extra output after blank lines", "lines", "1\n\n   \nfoo bar  \n", "1\n", "WA",
        "extra output after the answer: 'foo bar'");
    row("lines: control characters are escaped", "lines",
        "a\x01"
        "b\n",
        "ab\n", "WA", "line 1: expected 'ab', found 'a\\x01b'");
    row("lines: UTF-8 is shown", "lines", "h\xc3\xa9llo\n", "hello\n", "WA",
        "line 1: expected 'hello', found 'h\xc3\xa9llo'");
    row("lines: PE, leading whitespace matters", "lines", " 42\n", "42\n", "PE",
        "presentation error: line 1: expected '42', found ' 42'");
    row("lines: PE, leading blank line", "lines", "\n42\n", "42\n", "PE",
        "presentation error: line 1: expected '42', found ''");
    row("lines: PE, two spaces", "lines", "1  2\n", "1 2\n", "PE",
        "presentation error: line 1: expected '1 2', found '1  2'");
    row("lines: PE, tab for space", "lines", "1\t2\n", "1 2\n", "PE",
        "presentation error: line 1: expected '1 2', found '1\\t2'");
    row("lines: PE, lines joined", "lines", "1 2\n", "1\n2\n", "PE",
        "presentation error: line 1: expected '1', found '1 2'");
    row("lines: PE, line split", "lines", "1\n2\n", "1 2\n", "PE",
        "presentation error: line 1: expected '1 2', found '1'");
    row("lines: PE, blank line inside", "lines", "a\n\nb\n", "a\nb\n", "PE",
        "presentation error: line 2: expected 'b', found ''");
    {
        // A long line is quoted around its first difference, with the column.
        const QByteArray head(60, 'a');
        const QByteArray tail(60, 'b');
        const QString shown = QLatin1String("...") + QString(10, QLatin1Char('a'));
        const QString rest = QString(29, QLatin1Char('b')) + QLatin1String("...'");
        row("lines: long line quoted around the difference", "lines", head + "2" + tail,
            head + "1" + tail, "WA",
            QLatin1String("line 1, column 61: expected '") + shown + QLatin1Char('1') + rest +
                QLatin1String(", found '") + shown + QLatin1Char('2') + rest);
    }

    // Exact: byte for byte; a difference in layout alone is PE.
    row("exact: both empty", "exact", "", "", "AC", "");
    row("exact: equal", "exact", "1 2\n", "1 2\n", "AC", "");
    row("exact: wrong line", "exact", "1\n2\n41\n", "1\n2\n42\n", "WA",
        "line 3: expected '42', found '41'");
    row("exact: first byte", "exact", "b", "a", "WA", "line 1: expected 'a', found 'b'");
    row("exact: output ends early", "exact", "1\n", "1\n2\n", "WA",
        "output ends early, on line 2: the answer continues with '2\\n'");
    row("exact: empty output", "exact", "", "1\n", "WA",
        "output ends early, on line 1: the answer continues with '1\\n'");
    row("exact: extra output", "exact", "1\n2\n", "1\n", "WA",
        "extra output after the answer: '2\\n'");
    row("exact: PE, missing final newline", "exact", "1 2", "1 2\n", "PE",
        "presentation error: output ends early, on line 1: the answer continues with '\\n'");
    row("exact: PE, extra newline", "exact", "1\n\n", "1\n", "PE",
        "presentation error: extra output after the answer: '\\n'");
    row("exact: PE, CRLF", "exact", "1\r\n2\r\n", "1\n2\n", "PE",
        "presentation error: line 1: expected '1', found '1\\r'");
    row("exact: PE, trailing space", "exact", "1 \n", "1\n", "PE",
        "presentation error: line 1: expected '1', found '1 '");
    row("exact: PE, leading space", "exact", "1\n 2\n", "1\n2\n", "PE",
        "presentation error: line 2: expected '2', found ' 2'");

    // Tokens: whitespace is a separator, nothing more; never PE.
    row("tokens: both empty", "tokens", "", "", "AC", "");
    row("tokens: whitespace only", "tokens", "  \n", "\n", "AC", "");
    row("tokens: layout ignored", "tokens", "1\n2   3\r\n\n", "1 2 3", "AC", "");
    row("tokens: leading whitespace ignored", "tokens", "\n\n  1", "1\n", "AC", "");
    row("tokens: wrong token", "tokens", "1 2 4", "1 2 3", "WA",
        "token 3 (line 1): expected '3', found '4'");
    row("tokens: line of the output", "tokens", "1\n2\n  5 6", "1 2 5 7", "WA",
        "token 4 (line 3): expected '7', found '6'");
    row("tokens: output ends early", "tokens", "1 2", "1 2 3 4", "WA",
        "output ends after 2 tokens, the answer has 4 (next: '3')");
    row("tokens: output ends after one token", "tokens", "1\n", "1 2", "WA",
        "output ends after 1 token, the answer has 2 (next: '2')");
    row("tokens: empty output", "tokens", "", "1", "WA",
        "output ends after 0 tokens, the answer has 1 (next: '1')");
    row("tokens: extra output", "tokens", "1 2 foo bar", "1 2", "WA",
        "extra output after the answer: 'foo'");
    row("tokens: case sensitive", "tokens", "YES", "yes", "WA",
        "token 1 (line 1): expected 'yes', found 'YES'");
    row("tokens: numbers are strings without a tolerance", "tokens", "1.0", "1", "WA",
        "token 1 (line 1): expected '1', found '1.0'");
    {
        const QByteArray head(60, 'x');
        const QString shown = QLatin1String("'...") + QString(39, QLatin1Char('x'));
        row("tokens: long token quoted around the difference", "tokens", head + "2", head + "1",
            "WA",
            QLatin1String("token 1 (line 1): expected ") + shown + QLatin1String("1', found ") +
                shown + QLatin1String("2'"));
        row("tokens: long extra token cut", "tokens", "1 " + head, "1", "WA",
            QLatin1String("extra output after the answer: '") + QString(40, QLatin1Char('x')) +
                QLatin1String("...'"));
    }

    // Case-insensitive: ASCII letters only, as strcasecmp in the C locale.
    row("case-insensitive: match", "case-insensitive", "YES\nNo", "yes no", "AC", "");
    row("case-insensitive: mismatch", "case-insensitive", "YEP", "yes", "WA",
        "token 1 (line 1): expected 'yes', found 'YEP'");
    row("case-insensitive: ASCII only", "case-insensitive", "\xc3\x89", "\xc3\xa9", "WA",
        "token 1 (line 1): expected '\xc3\xa9', found '\xc3\x89'");

    // Floats: |a-b| <= abs or |a-b| <= rel*|answer|, for answer tokens that are numbers.
    row("float: within tolerance", "float", "3.1415930", "3.1415926", "AC", "");
    row("float: the example", "float", "1 2 3 4 5\n6 3.15", "1 2 3 4 5 6 3.1416", "WA",
        "token 7 (line 2): expected '3.1416', found '3.15' (difference 0.0084 exceeds "
        "tolerance 1e-06)");
    row("float: relative to a large answer", "float", "1000000500", "1000000000", "AC", "");
    row("float: relative to the answer, not the output", "float", "1.0000019", "1", "WA",
        "token 1 (line 1): expected '1', found '1.0000019' (difference 1.9e-06 exceeds "
        "tolerance 1e-06)");
    row("float: negative within", "float", "-2.0000005", "-2", "AC", "");
    row("float: sign matters", "float", "-2", "2", "WA",
        "token 1 (line 1): expected '2', found '-2' (difference 4 exceeds tolerance 1e-06)");
    row("float: exponent forms", "float", "1e3 1E-3 2.5e+2 -7.5E0", "1000 0.001 250 -7.5", "AC",
        "");
    row("float: plus sign, bare dots", "float", "+1 .5 1.", "1 0.5 1", "AC", "");
    row("float: hexadecimal, as strtod reads it", "float", "0x10", "16", "AC", "");
    row("float: layout and case still ignored", "float", "1.0000001\n\n2", "1 2", "AC", "");
    row("float: output not a number", "float", "abc", "3.5", "WA",
        "token 1 (line 1): expected '3.5', found 'abc' (not a number)");
    row("float: output with trailing junk", "float", "1.0x", "1", "WA",
        "token 1 (line 1): expected '1', found '1.0x' (not a number)");
    row("float: half an exponent", "float", "1e", "1", "WA",
        "token 1 (line 1): expected '1', found '1e' (not a number)");
    row("float: nan is not a number", "float", "nan", "1", "WA",
        "token 1 (line 1): expected '1', found 'nan' (not a number)");
    row("float: inf is not a number", "float", "inf", "1", "WA",
        "token 1 (line 1): expected '1', found 'inf' (not a number)");
    row("float: overflow is not a number", "float", "1e999", "1", "WA",
        "token 1 (line 1): expected '1', found '1e999' (not a number)");
    row("float: underflow is a number", "float", "1e-999", "0", "AC", "");
    row("float: word answer compared as a string", "float", "abc 1.0000001", "abc 1", "AC", "");
    row("float: word answer mismatch", "float", "abd", "abc", "WA",
        "token 1 (line 1): expected 'abc', found 'abd'");
    row("float: word answer is case sensitive", "float", "ABC", "abc", "WA",
        "token 1 (line 1): expected 'abc', found 'ABC'");
    row("float: number output for a word answer", "float", "1", "one", "WA",
        "token 1 (line 1): expected 'one', found '1'");
    row("float: nan answer is a string", "float", "nan", "nan", "AC", "");
    row("float: nan answer, case sensitive", "float", "NaN", "nan", "WA",
        "token 1 (line 1): expected 'nan', found 'NaN'");
    row("float: overflowing answer is a string", "float", "1e998", "1e999", "WA",
        "token 1 (line 1): expected '1e999', found '1e998'");
    row("float: case-insensitive words", "case-insensitive,float", "YES 1.0000001", "yes 1", "AC",
        "");
    row("float-abs: within", "float-abs:0.01", "100.005", "100", "AC", "");
    row("float-abs: outside", "float-abs:0.01", "100.5", "100", "WA",
        "token 1 (line 1): expected '100', found '100.5' (difference 0.5 exceeds absolute "
        "tolerance 0.01)");
    row("float-abs: applies near zero", "float-abs:0.01", "-0.005", "0", "AC", "");
    row("float: negative zero equals zero", "float", "-0.0", "0", "AC", "");
    row("tokens: negative zero is not the text 0", "tokens", "-0.0", "0", "WA",
        "token 1 (line 1): expected '0', found '-0.0'");
    row("float-rel: within", "float-rel:0.01", "100.5", "100", "AC", "");
    row("float-rel: nothing near zero", "float-rel:0.01", "0.005", "0", "WA",
        "token 1 (line 1): expected '0', found '0.005' (difference 0.005 exceeds relative "
        "tolerance 0.01)");
    row("float:0 compares values", "float:0", "1e3 -0", "1000 0", "AC", "");
    row("float:0 outside", "float:0", "1000.1", "1000", "WA",
        "token 1 (line 1): expected '1000', found '1000.1' (difference 0.1 exceeds tolerance 0)");
    row("float: different bounds", "float-abs:1e-9,float-rel:1e-3", "2.01", "2", "WA",
        "token 1 (line 1): expected '2', found '2.01' (difference 0.01 exceeds absolute "
        "tolerance 1e-09 and relative tolerance 0.001)");
    row("float: either bound suffices", "float-abs:1e-9,float-rel:1e-3", "2.001", "2", "AC", "");

    // Space change sensitive: the whitespace must be the same bytes; a difference is WA.
    row("space: same", "space-change-sensitive", "1 2\n3\n", "1 2\n3\n", "AC", "");
    row("space: tokens still compared", "space-change-sensitive", "1 3\n", "1 2\n", "WA",
        "token 2 (line 1): expected '2', found '3'");
    row("space: two spaces", "space-change-sensitive", "1  2\n", "1 2\n", "WA",
        "whitespace before token 2 (line 1) differs: expected ' ', found '  '");
    row("space: newline for space", "space-change-sensitive", "1 2", "1\n2", "WA",
        "whitespace before token 2 (line 1) differs: expected '\\n', found ' '");
    row("space: leading space", "space-change-sensitive", " 1", "1", "WA",
        "whitespace before token 1 (line 1) differs: expected '', found ' '");
    row("space: missing final newline", "space-change-sensitive", "1 2", "1 2\n", "WA",
        "whitespace at the end (line 1) differs: expected '\\n', found ''");
    row("space: extra blank line", "space-change-sensitive", "1 2\n\n", "1 2\n", "WA",
        "whitespace at the end (line 2) differs: expected '\\n', found '\\n\\n'");
    row("space: CRLF", "space-change-sensitive", "1\r\n", "1\n", "WA",
        "whitespace at the end (line 1) differs: expected '\\n', found '\\r\\n'");
    row("space: with case-insensitive", "case-insensitive,space-change-sensitive", "A\nB\n",
        "a\nb\n", "AC", "");
}

void TestChecker::compare()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, output);
    QFETCH(QByteArray, answer);
    QFETCH(QString, verdict);
    QFETCH(QString, message);
    QString error;
    const std::optional<CompareOptions> options = parseComparison(spec, &error);
    QVERIFY2(options, qPrintable(error));
    const CheckOutcome outcome = compareOutputs(output, answer, *options);
    QCOMPARE(outcome.message, message);
    QCOMPARE(verdictName(outcome.verdict), verdict);
    QVERIFY(outcome.teamMessage.isEmpty());
    QVERIFY(!outcome.score);
}

void TestChecker::kattisDefaultValidatorCompares_data()
{
    QTest::addColumn<QString>("flags");
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("verdict");

    const auto add = [](const char *name, const char *flags, const QByteArray &output,
                        const QByteArray &answer, const char *verdict) {
        QTest::newRow(name) << text(flags) << output << answer << text(verdict);
    };
    add("default is case-insensitive", "", "YES", "yes", "AC");
    add("default ignores layout", "", "1\n\n2  ", "1 2\n", "AC");
    add("default has no tolerance", "", "1.0", "1", "WA");
    add("case_sensitive", "case_sensitive", "YES", "yes", "WA");
    add("space_change_sensitive", "space_change_sensitive", "1  2", "1 2", "WA");
    add("float_tolerance", "float_tolerance 1e-6", "1.0000005", "1", "AC");
    add("float_tolerance outside", "float_tolerance 1e-6", "1.000002", "1", "WA");
    add("float_absolute_tolerance", "float_absolute_tolerance 0.5", "10.4", "10", "AC");
    add("float_relative_tolerance", "float_relative_tolerance 0.05", "10.4", "10", "AC");
    add("float_relative_tolerance outside", "float_relative_tolerance 0.01", "10.4", "10", "WA");
}

void TestChecker::kattisDefaultValidatorCompares()
{
    QFETCH(QString, flags);
    QFETCH(QByteArray, output);
    QFETCH(QByteArray, answer);
    QFETCH(QString, verdict);
    QString error;
    const auto options =
        kattisDefaultValidator(flags.split(QLatin1Char(' '), Qt::SkipEmptyParts), &error);
    QVERIFY2(options, qPrintable(error));
    const CheckOutcome outcome = compareOutputs(output, answer, *options);
    QVERIFY2(verdictName(outcome.verdict) == verdict, qPrintable(outcome.message));
}

void TestChecker::parseComparisonAcceptsSpecs_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("canonical");
    const auto add = [](const char *spec, const char *canonical) {
        QTest::newRow(spec) << text(spec) << text(canonical);
    };
    add("lines", "lines");
    add("judge0", "lines");
    add("exact", "exact");
    add("tokens", "tokens");
    add("case-insensitive", "case-insensitive");
    add("float", "float");
    add("float:1e-4", "float:1e-04");
    add("float:1e-6", "float");
    add("float:0", "float:0");
    add("float-abs:0.5", "float-abs:0.5");
    add("float-rel:1e-9", "float-rel:1e-09");
    add(" Float:1E-3 ", "float:0.001");
    add("EXACT", "exact");
    add("tokens,case-insensitive,space-change-sensitive",
        "case-insensitive,space-change-sensitive");
    add("float-abs:1e-6,float-rel:1e-6", "float");
    add("float-abs:0.1, float-rel:0.2", "float-abs:0.1,float-rel:0.2");
    add("float,float-abs:0.5", "float-abs:0.5,float-rel:1e-06");
    add("case-insensitive,float", "case-insensitive,float");
}

void TestChecker::parseComparisonAcceptsSpecs()
{
    QFETCH(QString, spec);
    QFETCH(QString, canonical);
    QString error;
    const std::optional<CompareOptions> options = parseComparison(spec, &error);
    QVERIFY2(options, qPrintable(error));
    QCOMPARE(comparisonSpec(*options), canonical);
    const std::optional<CompareOptions> again = parseComparison(canonical, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(sameOptions(*options, *again));
}

void TestChecker::parseComparisonNamesTheProblem_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("error");
    const auto add = [](const char *spec, const char *error) {
        QTest::newRow(spec) << text(spec) << text(error);
    };
    add("", "the comparison is empty");
    add("  ", "the comparison is empty");
    add("diff", "unknown comparison 'diff' (known: lines, judge0, exact, tokens");
    add("float-abs", "unknown comparison 'float-abs'");
    add("float:", "'float:': the tolerance after 'float:' must be a number, 0 or more");
    add("float:abc", "'float:abc': the tolerance after 'float:' must be a number");
    add("float-abs:-1", "'float-abs:-1': the tolerance after 'float-abs:' must be a number");
    add("float-rel:inf", "'float-rel:inf': the tolerance");
    add("float:nan", "'float:nan': the tolerance");
    add("float:1e-6x", "'float:1e-6x': the tolerance");
    add("float: 1e-6", "'float: 1e-6': the tolerance");
    add("lines,case-insensitive", "'lines' cannot be combined with other terms");
    add("tokens,exact", "'exact' cannot be combined with other terms");
    add("tokens,,float", "the comparison 'tokens,,float' has an empty term");
}

void TestChecker::parseComparisonNamesTheProblem()
{
    QFETCH(QString, spec);
    QFETCH(QString, error);
    QString found;
    QVERIFY(!parseComparison(spec, &found));
    QVERIFY2(found.startsWith(error), qPrintable(found));
    QVERIFY(!parseComparison(spec, nullptr)); // no error wanted: no crash
}

void TestChecker::specsRoundTrip_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<bool>("space");
    QTest::addColumn<double>("absolute");
    QTest::addColumn<double>("relative");
    const auto add = [](const char *name, Comparison mode, bool caseSensitive, bool space,
                        double absolute, double relative) {
        QTest::newRow(name) << int(mode) << caseSensitive << space << absolute << relative;
    };
    add("lines", Comparison::Lines, true, false, -1, -1);
    add("exact", Comparison::Exact, true, false, -1, -1);
    add("tokens", Comparison::Tokens, true, false, -1, -1);
    add("kattis default", Comparison::Tokens, false, false, -1, -1);
    add("everything", Comparison::Tokens, false, true, 1e-6, 1e-4);
    add("odd tolerances", Comparison::Tokens, true, false, 0.1, 1e-300);
    add("large tolerance", Comparison::Tokens, true, true, 123456.789, 123456.789);
    add("third", Comparison::Tokens, true, false, 1.0 / 3.0, -1);
    add("zero", Comparison::Tokens, true, false, 0, 0);
    add("relative only", Comparison::Tokens, false, false, -1, 2.5e-7);
}

void TestChecker::specsRoundTrip()
{
    QFETCH(int, mode);
    QFETCH(bool, caseSensitive);
    QFETCH(bool, space);
    QFETCH(double, absolute);
    QFETCH(double, relative);
    CompareOptions options = tokens(caseSensitive, space, absolute, relative);
    options.mode = Comparison(mode);
    const QString spec = comparisonSpec(options);
    QString error;
    const std::optional<CompareOptions> parsed = parseComparison(spec, &error);
    QVERIFY2(parsed, qPrintable(spec + QLatin1String(": ") + error));
    QVERIFY2(sameOptions(*parsed, options), qPrintable(spec));
}

void TestChecker::kattisFlags_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("spec");
    const auto add = [](const char *flags, const char *spec) {
        QTest::newRow(*flags ? flags : "none")
            << text(flags).split(QLatin1Char(' '), Qt::SkipEmptyParts) << text(spec);
    };
    add("", "case-insensitive");
    add("case_sensitive", "tokens");
    add("space_change_sensitive", "case-insensitive,space-change-sensitive");
    add("float_tolerance 1e-6", "case-insensitive,float");
    add("float_absolute_tolerance 1e-4", "case-insensitive,float-abs:1e-04");
    add("float_relative_tolerance 1e-4 case_sensitive", "float-rel:1e-04");
    add("float_tolerance 1e-6 float_absolute_tolerance 0.5",
        "case-insensitive,float-abs:0.5,float-rel:1e-06");
    add("float_tolerance -1", "case-insensitive");
    add("case_sensitive space_change_sensitive float_tolerance 0",
        "space-change-sensitive,float:0");
}

void TestChecker::kattisFlags()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, spec);
    QString error;
    const std::optional<CompareOptions> options = kattisDefaultValidator(flags, &error);
    QVERIFY2(options, qPrintable(error));
    QCOMPARE(options->mode, Comparison::Tokens);
    QCOMPARE(comparisonSpec(*options), spec);
}

void TestChecker::kattisFlagsNameTheProblem_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("error");
    const auto add = [](const char *flags, const char *error) {
        QTest::newRow(flags) << text(flags).split(QLatin1Char(' '), Qt::SkipEmptyParts)
                             << text(error);
    };
    add("case_insensitive",
        "unknown validator flag 'case_insensitive' (the default validator knows");
    add("float_tolerance", "validator flag 'float_tolerance' needs a number after it");
    add("case_sensitive float_absolute_tolerance",
        "validator flag 'float_absolute_tolerance' needs a number after it");
    add("float_tolerance abc", "validator flag 'float_tolerance': 'abc' is not a number");
    add("float_absolute_tolerance inf",
        "validator flag 'float_absolute_tolerance': 'inf' is not a number");
    add("float_relative_tolerance case_sensitive",
        "validator flag 'float_relative_tolerance': 'case_sensitive' is not a number");
}

void TestChecker::kattisFlagsNameTheProblem()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, error);
    QString found;
    QVERIFY(!kattisDefaultValidator(flags, &found));
    QVERIFY2(found.startsWith(error), qPrintable(found));
}

void TestChecker::testlibExitCodes_data()
{
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stderrText");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("hasScore");
    QTest::addColumn<double>("score");
    const auto add = [](const char *name, int exitCode, const QByteArray &stderrText,
                        const char *verdict, const char *message, bool hasScore = false,
                        double score = 0) {
        QTest::newRow(name) << exitCode << stderrText << text(verdict) << text(message) << hasScore
                            << score;
    };
    add("ok", 0, "ok 3 numbers\n", "AC", "ok 3 numbers");
    add("ok, nothing said", 0, "", "AC", "");
    add("wrong answer", 1, "wrong answer 1st numbers differ - expected: '3', found: '4'\n", "WA",
        "wrong answer 1st numbers differ - expected: '3', found: '4'");
    add("presentation error", 2, "wrong output format Unexpected end of file - int32 expected\n",
        "PE", "wrong output format Unexpected end of file - int32 expected");
    add("fail", 3, "FAIL Answer file not found: \"ans\"\n", "IE",
        "checker failed: FAIL Answer file not found: \"ans\"");
    add("fail, nothing said", 3, "", "IE", "checker failed, saying nothing");
    add("points", 7, "points 0.5 half of the answers\n", "AC", "points 0.5 half of the answers",
        true, 0.5);
    add("points without a message", 7, "points 12.25\n", "AC", "points 12.25", true, 12.25);
    add("zero points", 7, "points 0.0\n", "WA", "points 0.0", true, 0);
    add("points after debug output", 7, "reading 3 numbers\npoints 1.5 good\n", "AC",
        "reading 3 numbers\npoints 1.5 good", true, 1.5);
    add("points, not a number", 7, "points abc\n", "IE",
        "checker exited with 7 (points) but wrote no 'points' line with a score: 'points abc\\n'");
    add("points, nothing said", 7, "", "IE",
        "checker exited with 7 (points) but wrote no 'points' line with a score: ''");
    add("unexpected eof", 8, "unexpected eof Unexpected end of file - int32 expected\n", "PE",
        "unexpected eof Unexpected end of file - int32 expected");
    add("dirt code is not written by testlib", 4, "extra\n", "IE",
        "checker exited with code 4: extra");
    add("partially correct", 17, "partially correct (1) \n", "IE",
        "checker exited with code 17: partially correct (1)");
    add("crashed", -1, "", "IE", "checker exited with code -1");
    add("large code", 255, "", "IE", "checker exited with code 255");
}

void TestChecker::testlibExitCodes()
{
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stderrText);
    QFETCH(QString, verdict);
    QFETCH(QString, message);
    QFETCH(bool, hasScore);
    QFETCH(double, score);
    const CheckOutcome outcome = interpretTestlib(exitCode, stderrText);
    QCOMPARE(outcome.message, message);
    QCOMPARE(verdictName(outcome.verdict), verdict);
    QCOMPARE(outcome.score.has_value(), hasScore);
    if (hasScore)
        QCOMPARE(*outcome.score, score);
    QVERIFY(outcome.teamMessage.isEmpty());
}

void TestChecker::testlibMessagesAreBounded()
{
    const CheckOutcome long_ = interpretTestlib(1, QByteArray(100000, 'x'));
    QCOMPARE(long_.verdict, Verdict::WA);
    QCOMPARE(long_.message, QString(4096, QLatin1Char('x')) + QLatin1String(" [truncated]"));

    // The cut falls inside a two-byte character: it moves before it rather than split it.
    const CheckOutcome utf8 = interpretTestlib(1, QByteArray(4095, 'a') + "\xc3\xa9" + "tail");
    QCOMPARE(utf8.message, QString(4095, QLatin1Char('a')) + QLatin1String(" [truncated]"));

    const CheckOutcome kattis =
        interpretKattis(43, QByteArray(5000, 'j'), QByteArray(5000, 't'), std::nullopt);
    QCOMPARE(kattis.message.size(), 4096 + 12);
    QCOMPARE(kattis.teamMessage.size(), 4096 + 12);

    // The score is read from the whole text, not the part kept.
    const CheckOutcome points = interpretTestlib(7, QByteArray(8000, 'd') + "\npoints 2 fine\n");
    QCOMPARE(points.verdict, Verdict::AC);
    QVERIFY(points.score && *points.score == 2);
}

void TestChecker::kattisResults_data()
{
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("judgeMessage");
    QTest::addColumn<QByteArray>("teamMessage");
    QTest::addColumn<bool>("hasScoreFile");
    QTest::addColumn<QByteArray>("scoreFile");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("team");
    QTest::addColumn<bool>("hasScore");
    QTest::addColumn<double>("score");
    QTest::newRow("accepted") << 42 << QByteArray() << QByteArray() << false << QByteArray()
                              << text("AC") << QString() << QString() << false << 0.0;
    QTest::newRow("wrong answer, messages")
        << 43 << QByteArray("Wrong answer on line 1 of output\n") << QByteArray("wrong guess\n")
        << false << QByteArray() << text("WA") << text("Wrong answer on line 1 of output")
        << text("wrong guess") << false << 0.0;
    QTest::newRow("accepted with score")
        << 42 << QByteArray() << QByteArray() << true << QByteArray("17.5\n") << text("AC")
        << QString() << QString() << true << 17.5;
    QTest::newRow("wrong answer with score")
        << 43 << QByteArray() << QByteArray() << true << QByteArray("0") << text("WA") << QString()
        << QString() << true << 0.0;
    QTest::newRow("score in exponent form")
        << 42 << QByteArray() << QByteArray() << true << QByteArray(" 2.5e1 ") << text("AC")
        << QString() << QString() << true << 25.0;
    QTest::newRow("score not a number")
        << 42 << QByteArray("fine") << QByteArray() << true << QByteArray("abc\n") << text("IE")
        << text("score.txt is not a number: 'abc'") << QString() << false << 0.0;
    QTest::newRow("score empty") << 42 << QByteArray() << QByteArray() << true << QByteArray()
                                 << text("IE") << text("score.txt is not a number: ''") << QString()
                                 << false << 0.0;
    QTest::newRow("two scores") << 42 << QByteArray() << QByteArray() << true << QByteArray("1 2\n")
                                << text("IE") << text("score.txt is not a number: '1 2'")
                                << QString() << false << 0.0;
    QTest::newRow("judge error")
        << 1 << QByteArray("judge_in: cannot open\n") << QByteArray() << false << QByteArray()
        << text("IE")
        << text("output validator exited with code 1, neither 42 (accepted) nor 43 (wrong "
                "answer): judge_in: cannot open")
        << QString() << false << 0.0;
    QTest::newRow("exit 0 is not accepted")
        << 0 << QByteArray() << QByteArray() << false << QByteArray() << text("IE")
        << text("output validator exited with code 0, neither 42 (accepted) nor 43 (wrong "
                "answer)")
        << QString() << false << 0.0;
    QTest::newRow("crash, score ignored")
        << 134 << QByteArray() << QByteArray("bye") << true << QByteArray("x") << text("IE")
        << text("output validator exited with code 134, neither 42 (accepted) nor 43 (wrong "
                "answer)")
        << text("bye") << false << 0.0;
}

void TestChecker::kattisResults()
{
    QFETCH(int, exitCode);
    QFETCH(QByteArray, judgeMessage);
    QFETCH(QByteArray, teamMessage);
    QFETCH(bool, hasScoreFile);
    QFETCH(QByteArray, scoreFile);
    QFETCH(QString, verdict);
    QFETCH(QString, message);
    QFETCH(QString, team);
    QFETCH(bool, hasScore);
    QFETCH(double, score);
    const CheckOutcome outcome =
        interpretKattis(exitCode, judgeMessage, teamMessage,
                        hasScoreFile ? std::optional<QByteArray>(scoreFile) : std::nullopt);
    QCOMPARE(outcome.message, message);
    QCOMPARE(outcome.teamMessage, team);
    QCOMPARE(verdictName(outcome.verdict), verdict);
    QCOMPARE(outcome.score.has_value(), hasScore);
    if (hasScore)
        QCOMPARE(*outcome.score, score);
}

void TestChecker::numbersIgnoreTheApplicationLocale()
{
    // QCoreApplication sets the locale from the environment; a decimal comma there must not
    // change how outputs read. Where no such locale is installed, localedef builds one.
    const QByteArray previous = std::setlocale(LC_NUMERIC, nullptr);
    const char *name = "de_DE.UTF-8";
    bool set = std::setlocale(LC_NUMERIC, name) != nullptr;
    QTemporaryDir dir;
    if (!set && dir.isValid()) {
        QProcess localedef;
        localedef.setProcessChannelMode(QProcess::MergedChannels);
        localedef.start(QStringLiteral("localedef"),
                        {QStringLiteral("-i"), QStringLiteral("de_DE"), QStringLiteral("-f"),
                         QStringLiteral("UTF-8"), dir.filePath(text(name))});
        if (localedef.waitForFinished(120000) && localedef.exitCode() == 0) {
            qputenv("LOCPATH", QFile::encodeName(dir.path()));
            set = std::setlocale(LC_NUMERIC, name) != nullptr;
        }
    }
    const double commaRead = std::strtod("1,5", nullptr);
    const CompareOptions options = tokens(true, false, 1e-6, 1e-6);
    const CheckOutcome dot = compareOutputs("1.5000001", "1.5", options);
    const CheckOutcome comma = compareOutputs("1,5", "1.5", options);
    std::setlocale(LC_NUMERIC, previous.constData());
    qunsetenv("LOCPATH");
    if (!set)
        QSKIP("no locale with a decimal comma is installed, and localedef cannot build one");
    QCOMPARE(commaRead, 1.5); // the locale is in effect
    QCOMPARE(dot.verdict, Verdict::AC);
    QCOMPARE(comma.verdict, Verdict::WA);
}

void TestChecker::largeOutputs()
{
    // Five million tokens: correctness only, the time is printed, not checked.
    constexpr int count = 5'000'000;
    QByteArray spaced;
    QByteArray lines;
    QByteArray crlf;
    spaced.reserve(count * 9);
    lines.reserve(count * 9);
    crlf.reserve(count * 10);
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        spaced.append(n).append(' ');
        lines.append(n).append('\n');
        crlf.append(n).append("\r\n");
    }
    QElapsedTimer timer;
    timer.start();

    const CompareOptions plain = tokens(true, false, -1, -1);
    QCOMPARE(compareOutputs(spaced, lines, plain).verdict, Verdict::AC);
    const CompareOptions floats = tokens(true, false, 1e-6, 1e-6);
    QCOMPARE(compareOutputs(spaced, lines, floats).verdict, Verdict::AC);

    CompareOptions lineMode;
    QCOMPARE(compareOutputs(crlf, lines, lineMode).verdict, Verdict::AC);
    CompareOptions exact;
    exact.mode = Comparison::Exact;
    QCOMPARE(compareOutputs(lines, lines, exact).verdict, Verdict::AC);
    const CheckOutcome layout = compareOutputs(crlf, lines, exact);
    QCOMPARE(layout.verdict, Verdict::PE);

    QByteArray wrong = spaced;
    wrong[wrong.size() - 2] = 'x'; // 4999999 -> 499999x
    const CheckOutcome last = compareOutputs(wrong, lines, floats);
    QCOMPARE(last.verdict, Verdict::WA);
    QCOMPARE(last.message, QLatin1String("token 5000000 (line 1): expected '4999999', found "
                                         "'499999x' (not a number)"));

    QByteArray wrongLines = lines;
    wrongLines[wrongLines.size() - 2] = '8';
    const CheckOutcome lastLine = compareOutputs(wrongLines, lines, lineMode);
    QCOMPARE(lastLine.message, QLatin1String("line 5000000: expected '4999999', found '4999998'"));

    qInfo("compared %d tokens in 7 ways in %lld ms", count, timer.elapsed());
}

// A single token of megabytes: compared whole, quoted briefly.
void TestChecker::hugeTokens()
{
    const QByteArray big(4 * 1024 * 1024, '7');
    QByteArray other = big;
    other[other.size() - 1] = '8';
    for (const char *spec : {"lines", "exact", "tokens", "float"}) {
        QString error;
        const auto options = parseComparison(QLatin1String(spec), &error);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(compareOutputs(big + '\n', big + '\n', *options).verdict, Verdict::AC);
        const CheckOutcome differs = compareOutputs(other + '\n', big + '\n', *options);
        QCOMPARE(differs.verdict, Verdict::WA);
        QVERIFY2(differs.message.size() < 300, qPrintable(differs.message.left(400)));
        QVERIFY2(differs.message.contains(QLatin1String("78")) ||
                     differs.message.contains(QLatin1Char('8')),
                 qPrintable(differs.message)); // the quote shows where they differ
    }
}

QTEST_GUILESS_MAIN(TestChecker)
#include "tst_checker.moc"
