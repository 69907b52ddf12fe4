// Every language of the catalogue compiles and runs a real program in a real
// box; submissions of many files find their entry point; compile errors are CE
// with the compiler's words; the artifact cache compiles a source once.

#include "../sandbox/boxfixture.h"
#include "executor.h"
#include "submission.h"

#include <QtConcurrent/QtConcurrentRun>

using namespace evalx;
using namespace evalx::test;

class TestLanguages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyLanguageIsDetected();
    void everyLanguageRuns_data();
    void everyLanguageRuns();
    void multiFileProgramCompilesAndRuns();
    void compilerOptionsReachTheCompiler();
    void compileErrors_data();
    void compileErrors();
    void manyFileSubmissions_data();
    void manyFileSubmissions();
    void directoryByRelativePath();
    void entryPointRules();
    void languageFromExtensions();
    void disabledLanguagesAreGone();
    void runtimeHeapExhaustionIsMemoryLimit();
    void sameSourceCompilesOnce();
    void concurrentCompilesOfOneSourceShareOne();
    void cacheIsBounded();

private:
    QString data(const QString &name) const { return QStringLiteral(EVALX_TEST_DATA "/") + name; }
    Execution judgeFile(const QString &path, const QString &languageId = {});

    LanguageCatalogue m_languages = LanguageCatalogue::builtIn();
    std::unique_ptr<BoxPool> m_pool;
    std::unique_ptr<Executor> m_executor;
};

// What the console's settings turn off is neither listed nor found, by id,
// by file name or by Judge0 id; the rest stays.
void TestLanguages::disabledLanguagesAreGone()
{
    const LanguageCatalogue c = m_languages.without({QStringLiteral("python3")});
    QCOMPARE(c.languages().size(), m_languages.languages().size() - 1);
    QVERIFY(!c.find(QStringLiteral("python3")));
    QVERIFY(!c.forFileName(QStringLiteral("a.py")));
    QVERIFY(!c.forJudge0Id(71));
    QVERIFY(m_languages.find(QStringLiteral("python3"))); // the original is untouched
    QVERIFY(c.find(QStringLiteral("c")));
}

void TestLanguages::initTestCase()
{
    QVERIFY(!m_languages.languages().isEmpty());
    QString error;
    m_pool = startPool(2, &error);
    QVERIFY2(m_pool, qPrintable(error));
    m_executor = std::make_unique<Executor>(*m_pool);
}

Execution TestLanguages::judgeFile(const QString &path, const QString &languageId)
{
    QString error;
    const std::optional<Submission> s = loadSubmission(path, m_languages, languageId, &error);
    if (!s)
        return {RunResult::internalError(error), {}, false};
    RunLimits limits = defaultLimits();
    limits.cpuMs = 5000;
    limits.wallMs = 10000;
    limits.memoryKib = 256 * 1024;
    return m_executor->execute(*m_languages.find(s->languageId), *s, "2 40\n", limits);
}

// The set-up script installs every toolchain, so none may be missing here.
void TestLanguages::everyLanguageIsDetected()
{
    m_languages.detect();
    for (const Language &l : m_languages.languages()) {
        const LanguageStatus s = m_languages.status(l.id);
        QVERIFY2(s.available, qPrintable(l.id + QLatin1String(": missing ") + s.missingTool));
        QVERIFY2(!s.version.isEmpty(), qPrintable(l.id + QLatin1String(": no version")));
        QVERIFY2(s.version.contains(QRegularExpression(QStringLiteral("\\d+\\.\\d+"))),
                 qPrintable(l.id + QLatin1String(": ") + s.version));
    }
    // A language whose tool is absent is listed as unavailable, naming it.
    const auto broken = LanguageCatalogue::fromJson(
        R"({"languages":[{"id":"x","name":"X","source":"a.x","run":["evalx-no-such-tool"]}]})",
        nullptr);
    QVERIFY(broken);
    const LanguageStatus missing = broken->status(QStringLiteral("x"));
    QVERIFY(!missing.available);
    QCOMPARE(missing.missingTool, QStringLiteral("evalx-no-such-tool"));
}

void TestLanguages::everyLanguageRuns_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("language");
    const QStringList files =
        QDir(data(QStringLiteral("languages"))).entryList(QDir::Files, QDir::Name);
    QStringList covered;
    for (const QString &f : files) {
        const Language *l = m_languages.forFileName(f);
        QVERIFY2(l, qPrintable(f));
        QTest::newRow(qPrintable(l->id)) << f << l->id;
        covered << l->id;
    }
    QTest::newRow("cpp17") << QStringLiteral("sum.cpp") << QStringLiteral("cpp17");
    covered << QStringLiteral("cpp17");
    covered << QStringLiteral("multi"); // multiFileProgramCompilesAndRuns
    for (const Language &l : m_languages.languages())
        QVERIFY2(covered.contains(l.id), qPrintable(l.id + QLatin1String(" has no test program")));
}

void TestLanguages::everyLanguageRuns()
{
    QFETCH(QString, file);
    QFETCH(QString, language);
    const Execution e = judgeFile(data(QStringLiteral("languages/") + file), language);
    QVERIFY2(e.run.status == RunStatus::OK,
             qPrintable(e.run.message + QLatin1Char('\n') + e.compileOutput +
                        QString::fromUtf8(e.run.stderrData)));
    QCOMPARE(e.run.stdoutData.trimmed(), QByteArray("42"));
}

// Judge0's language 89: the files hold a compile script (optional) and a run
// script; what the compile script builds is there when the run script runs.
void TestLanguages::multiFileProgramCompilesAndRuns()
{
    const Language *l = m_languages.find(QStringLiteral("multi"));
    QVERIFY(l);
    QVERIFY(l->judge0Ids.contains(89));
    Submission s;
    s.languageId = l->id;
    s.mainFile = QStringLiteral("run");
    s.files = {{QStringLiteral("compile"), "gcc -O2 -o bin/sum src/sum.c\n"},
               {QStringLiteral("run"), "echo \"args: $*\"\n./bin/sum\n"},
               {QStringLiteral("bin/.keep"), {}},
               {QStringLiteral("src/sum.c"),
                "#include <stdio.h>\nint main(void) { int a, b; scanf(\"%d %d\", &a, &b); "
                "printf(\"%d\\n\", a + b); return 0; }\n"}};
    RunLimits limits;
    limits.cpuMs = 5000;
    limits.wallMs = 10000;
    limits.memoryKib = 256 * 1024;
    const Execution e = m_executor->execute(*l, s, "2 40\n", limits);
    QVERIFY2(e.run.status == RunStatus::OK,
             qPrintable(e.run.message + QLatin1Char('\n') + e.compileOutput +
                        QString::fromUtf8(e.run.stderrData)));
    QCOMPARE(e.run.stdoutData, QByteArray("args: \n42\n"));

    // A failing compile script is a compilation error, with its output.
    s.files[0].data = "echo broken; exit 3\n";
    const Execution failed = m_executor->execute(*l, s, {}, limits);
    QCOMPARE(failed.run.status, RunStatus::CE);
    QVERIFY2(failed.compileOutput.contains(QLatin1String("broken")),
             qPrintable(failed.compileOutput));

    // Without one, the run script runs the files as they came.
    s.files = {{QStringLiteral("run"), "cat data.txt\n"}, {QStringLiteral("data.txt"), "hi\n"}};
    const Execution plain = m_executor->execute(*l, s, {}, limits);
    QVERIFY2(plain.run.status == RunStatus::OK, qPrintable(plain.run.message));
    QCOMPARE(plain.run.stdoutData, QByteArray("hi\n"));
}

// A submission's compiler options go to the compiler as words of their own,
// and a source compiled with other options is another artifact.
void TestLanguages::compilerOptionsReachTheCompiler()
{
    const Language *c = m_languages.find(QStringLiteral("c"));
    QVERIFY(c && c->acceptsCompilerOptions());
    QVERIFY(!m_languages.find(QStringLiteral("python3"))->acceptsCompilerOptions());
    Submission s = Submission::fromSource(
        *c, "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", VALUE); return 0; }\n");
    RunLimits limits;
    limits.cpuMs = 5000;
    limits.wallMs = 10000;
    limits.memoryKib = 256 * 1024;
    s.compilerOptions = {QStringLiteral("-DVALUE=1"), QStringLiteral("-Wall")};
    const Execution one = m_executor->execute(*c, s, {}, limits);
    QVERIFY2(one.run.status == RunStatus::OK, qPrintable(one.compileOutput));
    QCOMPARE(one.run.stdoutData, QByteArray("1\n"));
    s.compilerOptions = {QStringLiteral("-DVALUE=2")};
    const Execution two = m_executor->execute(*c, s, {}, limits);
    QVERIFY(two.compiled);
    QCOMPARE(two.run.stdoutData, QByteArray("2\n"));
    s.compilerOptions.clear();
    const Execution none = m_executor->execute(*c, s, {}, limits);
    QCOMPARE(none.run.status, RunStatus::CE); // VALUE undeclared
}

void TestLanguages::compileErrors_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("mentioned"); // in the compiler's output
    QTest::newRow("c") << "c" << QByteArray("int main(void) { return x; }") << "undeclared";
    QTest::newRow("java") << "java" << QByteArray("public class Main { void f() { int y = ; } }")
                          << "illegal start of expression";
    QTest::newRow("go") << "go" << QByteArray("package main\nfunc main() { x := 1 }\n")
                        << "declared but not used";
    QTest::newRow("rust") << "rust" << QByteArray("fn main() { let x: i32 = \"s\"; }")
                          << "mismatched types";
    QTest::newRow("python3") << "python3" << QByteArray("def f(:\n") << "SyntaxError";
    QTest::newRow("javascript") << "javascript" << QByteArray("function (") << "SyntaxError";
    QTest::newRow("pascal") << "pascal" << QByteArray("begin x := 1; end.")
                            << "Identifier not found";
}

void TestLanguages::compileErrors()
{
    QFETCH(QString, language);
    QFETCH(QByteArray, source);
    QFETCH(QString, mentioned);
    const Language *l = m_languages.find(language);
    QVERIFY(l);
    const Execution e =
        m_executor->execute(*l, Submission::fromSource(*l, source), {}, defaultLimits());
    QCOMPARE(e.run.status, RunStatus::CE);
    QVERIFY2(e.compileOutput.contains(mentioned), qPrintable(e.compileOutput));
}

void TestLanguages::manyFileSubmissions_data()
{
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("main");
    QTest::newRow("c") << "c-multi"
                       << "c"
                       << "add.c";
    QTest::newRow("java") << "java-multi"
                          << "java"
                          << "Program.java";
    QTest::newRow("python") << "python-multi"
                            << "python3"
                            << "main.py";
}

void TestLanguages::manyFileSubmissions()
{
    QFETCH(QString, dir);
    QFETCH(QString, language);
    QFETCH(QString, main);
    QString error;
    const QString path = data(QStringLiteral("submissions/") + dir);
    const auto s = loadSubmission(path, m_languages, {}, &error);
    QVERIFY2(s, qPrintable(error));
    QCOMPARE(s->languageId, language);
    QCOMPARE(s->mainFile, main);
    const Execution e = judgeFile(path);
    QVERIFY2(e.run.status == RunStatus::OK, qPrintable(e.run.message + e.compileOutput));
    QCOMPARE(e.run.stdoutData.trimmed(), QByteArray("42"));
}

// A directory named relative to the working directory, as a command line names it.
void TestLanguages::directoryByRelativePath()
{
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(data(QStringLiteral("submissions"))));
    QString error;
    const auto s = loadSubmission(QStringLiteral("python-multi"), m_languages, {}, &error);
    QDir::setCurrent(previous);
    QVERIFY2(s, qPrintable(error));
    QCOMPARE(s->mainFile, QStringLiteral("main.py"));
    QStringList names;
    for (const SourceFile &f : s->files)
        names << f.name;
    QCOMPARE(names, QStringList({QStringLiteral("helper.py"), QStringLiteral("main.py")}));
}

void TestLanguages::entryPointRules()
{
    const Language *py = m_languages.find(QStringLiteral("python3"));
    const Language *java = m_languages.find(QStringLiteral("java"));
    QString error;
    // Two Python files, neither named as the rules want: the error says so.
    QVERIFY(!chooseMainFile(*py, {{QStringLiteral("a.py"), "x"}, {QStringLiteral("b.py"), "y"}},
                            &error));
    QVERIFY2(error.contains(QLatin1String("main.py")), qPrintable(error));
    QCOMPARE(chooseMainFile(
                 *py, {{QStringLiteral("a.py"), ""}, {QStringLiteral("__main__.py"), ""}}, &error),
             QStringLiteral("__main__.py"));
    // Two Java classes with a main method: ambiguous, and named.
    const QByteArray withMain = "class A { public static void main(String[] a) {} }";
    QVERIFY(!chooseMainFile(
        *java, {{QStringLiteral("A.java"), withMain}, {QStringLiteral("B.java"), withMain}},
        &error));
    QVERIFY2(error.contains(QLatin1String("A.java, B.java")), qPrintable(error));
    // No source of the language at all.
    QVERIFY(!chooseMainFile(*java, {{QStringLiteral("notes.txt"), "hi"}}, &error));
    QVERIFY2(error.contains(QLatin1String("*.java")), qPrintable(error));
}

void TestLanguages::languageFromExtensions()
{
    QString error;
    QVERIFY(!loadSubmission(data(QStringLiteral("languages/nope.xyz")), m_languages, {}, &error));
    QVERIFY2(error.contains(QLatin1String("no such file")), qPrintable(error));
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("hello");
    f.close();
    QVERIFY(!loadSubmission(dir.path(), m_languages, {}, &error));
    QVERIFY2(error.contains(QLatin1String("cannot tell the language")), qPrintable(error));
    QVERIFY(!loadSubmission(dir.path(), m_languages, QStringLiteral("cobol"), &error));
    QVERIFY2(error.contains(QLatin1String("unknown language 'cobol'")), qPrintable(error));
}

void TestLanguages::runtimeHeapExhaustionIsMemoryLimit()
{
    const Language *java = m_languages.find(QStringLiteral("java"));
    const QByteArray source = "public class Main { public static void main(String[] a) {"
                              " java.util.List<long[]> l = new java.util.ArrayList<>();"
                              " for (int i = 0; i < 4096; i++) l.add(new long[1 << 20]); } }";
    RunLimits limits = defaultLimits();
    limits.memoryKib = 128 * 1024;
    limits.cpuMs = 5000;
    limits.wallMs = 10000;
    const Execution e =
        m_executor->execute(*java, Submission::fromSource(*java, source), {}, limits);
    QCOMPARE(e.run.status, RunStatus::MLE);
}

void TestLanguages::sameSourceCompilesOnce()
{
    const Language *c = m_languages.find(QStringLiteral("c"));
    const Submission s = Submission::fromSource(
        *c, "#include <stdio.h>\nint main(void) { puts(\"cached\"); return 0; }\n");
    const auto before = m_executor->cache().stats();
    const Execution first = m_executor->execute(*c, s, {}, defaultLimits());
    const Execution second = m_executor->execute(*c, s, {}, defaultLimits());
    QVERIFY(first.compiled);
    QVERIFY(!second.compiled);
    QCOMPARE(second.run.stdoutData, QByteArray("cached\n"));
    const auto after = m_executor->cache().stats();
    QCOMPARE(after.misses - before.misses, 1u);
    QCOMPARE(after.hits - before.hits, 1u);
    // A different source is a different artifact.
    Submission other = s;
    other.files[0].data.replace("cached", "other");
    QVERIFY(Executor::artifactKey(*c, s) != Executor::artifactKey(*c, other));
    // A compile error is remembered too: resubmitting it compiles nothing.
    const Submission broken = Submission::fromSource(*c, "int main(void) { return y; }");
    QVERIFY(m_executor->execute(*c, broken, {}, defaultLimits()).compiled);
    const Execution again = m_executor->execute(*c, broken, {}, defaultLimits());
    QVERIFY(!again.compiled);
    QCOMPARE(again.run.status, RunStatus::CE);
    QVERIFY(again.compileOutput.contains(QLatin1String("undeclared")));
}

void TestLanguages::concurrentCompilesOfOneSourceShareOne()
{
    const Language *cpp = m_languages.find(QStringLiteral("cpp"));
    const Submission s = Submission::fromSource(*cpp, "int main() { return 0; } // shared\n");
    const auto before = m_executor->cache().stats();
    bool hitA = true, hitB = true;
    auto a = QtConcurrent::run([&] { return m_executor->compile(*cpp, s, &hitA); });
    auto b = QtConcurrent::run([&] { return m_executor->compile(*cpp, s, &hitB); });
    const auto ra = a.result();
    const auto rb = b.result();
    QCOMPARE(ra.get(), rb.get()); // one outcome, shared
    QVERIFY(hitA != hitB);        // one compiled, the other waited for it
    QCOMPARE(m_executor->cache().stats().misses - before.misses, 1u);
}

void TestLanguages::cacheIsBounded()
{
    ArtifactCache cache(10 * 1024);
    int compiles = 0;
    auto make = [&compiles](int size) {
        return [&compiles, size] {
            ++compiles;
            CompileOutcome o;
            o.status = RunStatus::OK;
            o.artifact.files = {{QStringLiteral("main"), 0755, QByteArray(size, 'x')}};
            return o;
        };
    };
    cache.obtain("a", make(4000));
    cache.obtain("b", make(4000));
    cache.obtain("a", make(4000)); // a is now the most recently used
    cache.obtain("c", make(4000)); // evicts b
    QCOMPARE(compiles, 3);
    QVERIFY(cache.find("a"));
    QVERIFY(!cache.find("b"));
    QVERIFY(cache.find("c"));
    QVERIFY(cache.stats().bytes <= 10 * 1024);
    QCOMPARE(cache.stats().evictions, 1u);
    // Internal errors are not remembered: the next attempt compiles again.
    cache.obtain("ie", [&compiles] {
        ++compiles;
        return CompileOutcome{};
    });
    cache.obtain("ie", [&compiles] {
        ++compiles;
        return CompileOutcome{};
    });
    QCOMPARE(compiles, 5);
}

QTEST_GUILESS_MAIN(TestLanguages)
#include "tst_languages.moc"
