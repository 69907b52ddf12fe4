#include "problem.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <exception>
#include <yaml-cpp/yaml.h>

namespace evalx {

namespace {

// Thrown only inside this file: loadProblem catches it (and everything yaml-cpp throws) and
// turns it into its error message, so no exception leaves the module.
struct LoadError
{
    QString message;
};

[[noreturn]] void fail(const QString &message)
{
    throw LoadError{message};
}

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

// "FILE: line L, column C: " when yaml-cpp knows where, "FILE: " otherwise.
QString at(const QString &file, const YAML::Mark &mark)
{
    if (mark.is_null() || mark.line < 0)
        return file + QStringLiteral(": ");
    return file + QStringLiteral(": line %1, column %2: ").arg(mark.line + 1).arg(mark.column + 1);
}

QString at(const QString &file, const YAML::Node &node)
{
    return at(file, node.Mark());
}

QString join(const QString &dir, const QString &name)
{
    return QDir::cleanPath(dir + QLatin1Char('/') + name);
}

bool isFile(const QString &path)
{
    return QFileInfo(path).isFile();
}

bool isDir(const QString &path)
{
    return QFileInfo(path).isDir();
}

// The entries of a folder, sorted by name as the Kattis format orders them (byte order),
// without hidden files.
QFileInfoList entries(const QString &dir)
{
    QFileInfoList list =
        QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::NoSort);
    std::sort(list.begin(), list.end(),
              [](const QFileInfo &a, const QFileInfo &b) { return a.fileName() < b.fileName(); });
    return list;
}

YAML::Node readYaml(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fail(path + QStringLiteral(": cannot read it: ") + file.errorString());
    const QByteArray text = file.readAll();
    try {
        return YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        fail(at(path, e.mark) + QStringLiteral("invalid YAML: ") + fromStd(e.msg));
    }
}

// yaml-cpp reads "inf" and ".inf" differently from the format's "+inf"; accept them all.
std::optional<double> parseNumber(const QString &text)
{
    const QString t = text.trimmed().toLower();
    bool ok = false;
    const double value = t.toDouble(&ok);
    if (ok)
        return value;
    const double inf = std::numeric_limits<double>::infinity();
    if (t == QLatin1String("inf") || t == QLatin1String("+inf") || t == QLatin1String(".inf") ||
        t == QLatin1String("+.inf") || t == QLatin1String("infinity"))
        return inf;
    if (t == QLatin1String("-inf") || t == QLatin1String("-.inf") ||
        t == QLatin1String("-infinity"))
        return -inf;
    return std::nullopt;
}

// Typed access to the values of one YAML file; every complaint names the file, the key and
// where it is.
class YamlReader
{
public:
    explicit YamlReader(QString file)
        : m_file(std::move(file))
    {}

    const QString &file() const { return m_file; }

    [[noreturn]] void error(const YAML::Node &node, const QString &key, const QString &what) const
    {
        fail(at(m_file, node) + QStringLiteral("'%1' ").arg(key) + what);
    }

    QString string(const YAML::Node &node, const QString &key) const
    {
        if (!node.IsScalar())
            error(node, key, QStringLiteral("must be a string"));
        return fromStd(node.Scalar());
    }

    double number(const YAML::Node &node, const QString &key) const
    {
        if (node.IsScalar()) {
            if (const auto value = parseNumber(fromStd(node.Scalar())))
                return *value;
        }
        error(node, key, QStringLiteral("must be a number"));
    }

    double positive(const YAML::Node &node, const QString &key) const
    {
        const double value = number(node, key);
        if (!(value > 0) || std::isinf(value))
            error(node, key, QStringLiteral("must be a number greater than 0"));
        return value;
    }

    // A string of white-space separated words, or a sequence of strings.
    QStringList words(const YAML::Node &node, const QString &key) const
    {
        if (!node.IsDefined() || node.IsNull())
            return {};
        if (node.IsScalar())
            return fromStd(node.Scalar()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (node.IsSequence()) {
            QStringList list;
            for (const YAML::Node &item : node)
                list << string(item, key);
            return list;
        }
        error(node, key, QStringLiteral("must be a string or a list of strings"));
    }

    void requireMap(const YAML::Node &node, const QString &key) const
    {
        if (!node.IsMap())
            error(node, key, QStringLiteral("must be a map of keys"));
    }

    // A file holds a map of keys, or nothing at all.
    void requireTopMap(const YAML::Node &root) const
    {
        if (!root.IsNull() && !root.IsMap())
            fail(at(m_file, root) + QStringLiteral("expected a map of keys at the top level"));
    }

private:
    QString m_file;
};

// Splits on any white space, as the format's flag strings are.
QStringList splitWords(const QStringList &words)
{
    QStringList out;
    for (const QString &w : words)
        out << w.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return out;
}

QString languageOf(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("c"))
        return QStringLiteral("c");
    if (suffix == QLatin1String("cpp") || suffix == QLatin1String("cc") ||
        suffix == QLatin1String("cxx") || suffix == QLatin1String("c++"))
        return QStringLiteral("cpp");
    if (suffix == QLatin1String("py"))
        return QStringLiteral("python3");
    return {};
}

// Describes a program given as a single source file or as a directory (Kattis "programs").
void describeProgram(const QString &path, ValidatorInfo *info)
{
    const QFileInfo fi(path);
    if (fi.isFile()) {
        info->directory = fi.absolutePath();
        info->sources = {fi.absoluteFilePath()};
        info->files = info->sources;
        info->language = languageOf(path);
        if (info->language.isEmpty())
            fail(path + QStringLiteral(": cannot tell the validator's language: expected a .c, "
                                       ".cpp, .cc, .cxx or .py file, or a folder"));
        return;
    }
    info->directory = fi.absoluteFilePath();
    QDirIterator it(path, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    QSet<QString> languages;
    while (it.hasNext()) {
        const QString file = QFileInfo(it.next()).absoluteFilePath();
        info->files << file;
        const QString lang = languageOf(file);
        if (!lang.isEmpty()) {
            info->sources << file;
            languages.insert(lang);
        }
    }
    info->files.sort();
    info->sources.sort();
    if (isFile(join(path, QStringLiteral("build"))))
        info->buildScript = join(path, QStringLiteral("build"));
    if (isFile(join(path, QStringLiteral("run"))))
        info->runScript = join(path, QStringLiteral("run"));
    if (!info->buildScript.isEmpty() || !info->runScript.isEmpty())
        return; // the scripts decide how it is built, whatever the sources are
    if (languages.isEmpty())
        fail(path + QStringLiteral(": no source file (.c, .cpp, .cc, .cxx, .py) and no "
                                   "build or run script"));
    if (languages.size() > 1)
        fail(path + QStringLiteral(": mixes languages (%1); keep one, or add build and run "
                                   "scripts")
                        .arg(QStringList(languages.values()).join(QLatin1String(", "))));
    info->language = *languages.begin();
}

double timeLimitFromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fail(path + QStringLiteral(": cannot read it: ") + file.errorString());
    const QString text = QString::fromUtf8(file.readAll()).trimmed();
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !(seconds > 0) || std::isinf(seconds))
        fail(path + QStringLiteral(": expected a time limit in seconds, found '%1'").arg(text));
    return seconds;
}

quint64 mebibytes(const YamlReader &r, const YAML::Node &node, const QString &key)
{
    return static_cast<quint64>(std::ceil(r.positive(node, key)));
}

class Loader
{
public:
    explicit Loader(const QString &dir)
    {
        m_p.directory = QFileInfo(dir).absoluteFilePath();
        m_p.name = QFileInfo(m_p.directory).fileName();
    }

    Problem load()
    {
        const QString dir = m_p.directory;
        if (!QFileInfo::exists(dir))
            fail(dir + QStringLiteral(": no such folder"));
        if (!isDir(dir))
            fail(dir + QStringLiteral(": not a folder"));
        // problem.yaml makes a Kattis package, unless the folder is a plain one that only
        // borrows the file for its name and limits (it has no data/ but has tests).
        const bool yaml = isFile(path(QStringLiteral("problem.yaml")));
        if (yaml && (isDir(path(QStringLiteral("data"))) || !hasPlainTests()))
            loadKattis();
        else
            loadFolder();
        return std::move(m_p);
    }

private:
    QString path(const QString &relative) const { return join(m_p.directory, relative); }

    void warn(const QString &message) { m_p.warnings << message; }

    bool legacy() const { return m_p.format == QLatin1String("legacy"); }

    // ---- plain folders ------------------------------------------------------------------

    QString plainTestDir() const
    {
        const QString tests = path(QStringLiteral("tests"));
        return isDir(tests) ? tests : m_p.directory;
    }

    bool hasPlainTests() const
    {
        return !QDir(plainTestDir()).entryList({QStringLiteral("*.in")}, QDir::Files).isEmpty();
    }

    void loadFolder()
    {
        m_p.format = QStringLiteral("folder");
        readFolderMetadata();
        readTimeLimitFile();

        const QString testDir = plainTestDir();
        QFileInfoList inputs = QDir(testDir).entryInfoList({QStringLiteral("*.in")}, QDir::Files);
        std::sort(inputs.begin(), inputs.end(), [](const QFileInfo &a, const QFileInfo &b) {
            return naturalCompare(a.completeBaseName(), b.completeBaseName()) < 0;
        });
        TestGroup root;
        QSet<QString> answers;
        for (const QFileInfo &input : inputs) {
            const QString base = input.completeBaseName();
            const QString ans = join(testDir, base + QStringLiteral(".ans"));
            const QString out = join(testDir, base + QStringLiteral(".out"));
            TestCase test;
            test.name = base;
            test.inputPath = input.absoluteFilePath();
            if (isFile(ans)) {
                test.answerPath = ans;
                if (isFile(out))
                    warn(out + QStringLiteral(": ignored: %1.ans is the answer").arg(base));
            } else if (isFile(out)) {
                test.answerPath = out;
            } else {
                fail(test.inputPath + QStringLiteral(": no answer: expected %1.out or %1.ans "
                                                     "next to it")
                                          .arg(base));
            }
            answers.insert(QFileInfo(test.answerPath).fileName());
            root.tests << int(m_p.tests.size());
            m_p.tests << test;
        }
        if (m_p.tests.isEmpty())
            fail(m_p.directory + QStringLiteral(": no tests: expected NAME.in files with NAME.out "
                                                "or NAME.ans, in the folder or in its tests/"));
        const QStringList strays = QDir(testDir).entryList(
            {QStringLiteral("*.ans"), QStringLiteral("*.out")}, QDir::Files, QDir::Name);
        for (const QString &stray : strays) {
            if (!answers.contains(stray) &&
                !isFile(join(testDir, QFileInfo(stray).completeBaseName() + QStringLiteral(".in"))))
                warn(join(testDir, stray) + QStringLiteral(": ignored: no matching .in file"));
        }
        m_p.groups << root;
        findChecker();
    }

    // Plain folders may carry a problem.yaml or problem.json for a name and limits only.
    void readFolderMetadata()
    {
        QString file = path(QStringLiteral("problem.yaml"));
        const QString json = path(QStringLiteral("problem.json"));
        if (!isFile(file)) {
            if (!isFile(json))
                return;
            file = json; // JSON is YAML as far as yaml-cpp is concerned
        } else if (isFile(json)) {
            warn(json + QStringLiteral(": ignored: problem.yaml is read instead"));
        }
        const YAML::Node root = readYaml(file);
        const YamlReader r(file);
        if (root.IsNull())
            return;
        r.requireTopMap(root);
        for (const auto &kv : root) {
            const QString key = fromStd(kv.first.Scalar());
            if (key == QLatin1String("name"))
                m_p.name = readName(r, kv.second);
            else if (key == QLatin1String("limits"))
                readLimits(r, kv.second);
            else
                warn(at(file, kv.first) + QStringLiteral("'%1' ignored: a plain folder takes only "
                                                         "'name' and 'limits' from this file")
                                              .arg(key));
        }
    }

    void findChecker()
    {
        QStringList found;
        for (const char *name : {"checker.cpp", "checker.cc", "checker.c", "checker.py"}) {
            if (isFile(path(QLatin1String(name))))
                found << path(QLatin1String(name));
        }
        if (found.isEmpty())
            return;
        if (found.size() > 1)
            fail(found.join(QLatin1String(", ")) +
                 QStringLiteral(": more than one checker; keep one"));
        ValidatorInfo &v = m_p.validator;
        v.kind = ValidatorKind::Testlib;
        v.directory = m_p.directory;
        v.sources = {found.first()};
        v.files = v.sources;
        v.language = languageOf(found.first());
        const QString testlib = path(QStringLiteral("testlib.h"));
        if (isFile(testlib))
            v.files << testlib;
        else if (v.language != QLatin1String("python3"))
            warn(found.first() +
                 QStringLiteral(": no testlib.h next to it; the checker builds only "
                                "if the system has one"));
    }

    // ---- Kattis packages ----------------------------------------------------------------

    void loadKattis()
    {
        readProblemYaml();
        readTimeLimitFile();
        findOutputValidator();
        readTestData();
        findSubmissions();
    }

    void readTimeLimitFile()
    {
        const QString file = path(QStringLiteral(".timelimit"));
        if (!isFile(file))
            return;
        const double seconds = timeLimitFromFile(file);
        if (m_p.limits.timeSeconds) {
            if (*m_p.limits.timeSeconds != seconds)
                warn(file + QStringLiteral(": ignored: %1 sets the time limit to %2 s")
                                .arg(m_p.timeLimitSource)
                                .arg(*m_p.limits.timeSeconds));
            return;
        }
        m_p.limits.timeSeconds = seconds;
        m_p.timeLimitSource = QStringLiteral(".timelimit");
    }

    QString readName(const YamlReader &r, const YAML::Node &node)
    {
        if (node.IsScalar())
            return fromStd(node.Scalar());
        if (node.IsMap() && node.size() > 0) {
            if (node["en"])
                return r.string(node["en"], QStringLiteral("name.en"));
            return r.string(node.begin()->second, QStringLiteral("name"));
        }
        r.error(node, QStringLiteral("name"),
                QStringLiteral("must be a string or a map of languages to strings"));
    }

    void readProblemYaml()
    {
        const QString file = path(QStringLiteral("problem.yaml"));
        const YAML::Node root = readYaml(file);
        const YamlReader r(file);
        if (!root.IsNull())
            r.requireTopMap(root);

        // The version decides the defaults, so it comes first.
        m_p.format = QStringLiteral("legacy");
        if (const YAML::Node v = root["problem_format_version"]) {
            const QString version = r.string(v, QStringLiteral("problem_format_version"));
            static const QStringList modern = {QStringLiteral("2023-07-draft"),
                                               QStringLiteral("2023-07"),
                                               QStringLiteral("2025-09-draft"),
                                               QStringLiteral("2025-09"), QStringLiteral("draft")};
            if (modern.contains(version)) {
                m_p.format = QStringLiteral("2023-07");
                m_p.formatVersion = version;
            } else if (version != QLatin1String("legacy") &&
                       version != QLatin1String("legacy-icpc")) {
                r.error(v, QStringLiteral("problem_format_version"),
                        QStringLiteral("is '%1': EvalX reads legacy, 2023-07-draft, 2023-07 and "
                                       "2025-09 packages")
                            .arg(version));
            }
        }
        if (legacy()) {
            m_p.limits.acToTimeLimit = 5.0;
            m_p.limits.timeLimitToTle = 2.0;
        }

        bool customValidation = false;
        static const QStringList ignored = {QStringLiteral("problem_format_version"),
                                            QStringLiteral("uuid"),
                                            QStringLiteral("version"),
                                            QStringLiteral("author"),
                                            QStringLiteral("source"),
                                            QStringLiteral("source_url"),
                                            QStringLiteral("license"),
                                            QStringLiteral("rights_owner"),
                                            QStringLiteral("keywords"),
                                            QStringLiteral("languages"),
                                            QStringLiteral("credits"),
                                            QStringLiteral("embargo_until"),
                                            QStringLiteral("allow_file_writing"),
                                            QStringLiteral("constants"),
                                            QStringLiteral("libraries")};
        if (root.IsMap()) {
            for (const auto &kv : root) {
                const QString key = fromStd(kv.first.Scalar());
                const YAML::Node &value = kv.second;
                if (key == QLatin1String("name"))
                    m_p.name = readName(r, value);
                else if (key == QLatin1String("type"))
                    readType(r, value);
                else if (key == QLatin1String("validation"))
                    customValidation = readValidation(r, value);
                else if (key == QLatin1String("validator_flags"))
                    m_p.validator.flags = splitWords(r.words(value, key));
                else if (key == QLatin1String("limits"))
                    readLimits(r, value);
                else if (key == QLatin1String("grading"))
                    readProblemGrading(r, value);
                else if (!ignored.contains(key))
                    warn(at(file, kv.first) + QStringLiteral("unknown key '%1' ignored").arg(key));
            }
        }
        m_customValidation = customValidation || m_p.interactive;
        if (m_validatorScores && m_p.type != ProblemType::Scoring)
            warn(file + QStringLiteral(": 'validation' has 'score' but the problem is pass-fail; "
                                       "scores are ignored"));
    }

    void readType(const YamlReader &r, const YAML::Node &node)
    {
        const QStringList types = r.words(node, QStringLiteral("type"));
        bool passFail = false;
        bool scoring = false;
        for (const QString &t : types) {
            if (t == QLatin1String("pass-fail"))
                passFail = true;
            else if (t == QLatin1String("scoring"))
                scoring = true;
            else if (t == QLatin1String("interactive"))
                m_p.interactive = true;
            else if (t == QLatin1String("multi-pass"))
                r.error(node, QStringLiteral("type"),
                        QStringLiteral("is multi-pass: EvalX does not judge multi-pass problems"));
            else if (t == QLatin1String("submit-answer"))
                r.error(node, QStringLiteral("type"),
                        QStringLiteral("is submit-answer: EvalX does "
                                       "not judge submit-answer "
                                       "problems"));
            else
                r.error(node, QStringLiteral("type"),
                        QStringLiteral("has unknown value '%1' (expected pass-fail, scoring, "
                                       "interactive)")
                            .arg(t));
        }
        if (passFail && scoring)
            r.error(node, QStringLiteral("type"),
                    QStringLiteral("cannot be both pass-fail and scoring"));
        m_p.type = scoring ? ProblemType::Scoring : ProblemType::PassFail;
    }

    // Legacy `validation: default | custom [interactive] [score]`; returns whether custom.
    bool readValidation(const YamlReader &r, const YAML::Node &node)
    {
        const QStringList words = r.words(node, QStringLiteral("validation"));
        if (words.isEmpty() ||
            (words.first() != QLatin1String("default") && words.first() != QLatin1String("custom")))
            r.error(node, QStringLiteral("validation"),
                    QStringLiteral("must start with 'default' or 'custom'"));
        const bool custom = words.first() == QLatin1String("custom");
        for (const QString &w : words.mid(1)) {
            if (!custom)
                r.error(node, QStringLiteral("validation"),
                        QStringLiteral("'default' takes no options, found '%1'").arg(w));
            if (w == QLatin1String("interactive"))
                m_p.interactive = true;
            else if (w == QLatin1String("score"))
                m_validatorScores = true;
            else if (w == QLatin1String("multi-pass"))
                r.error(node, QStringLiteral("validation"),
                        QStringLiteral("is custom multi-pass: EvalX does not judge multi-pass "
                                       "problems"));
            else
                r.error(node, QStringLiteral("validation"),
                        QStringLiteral("has unknown option '%1' (expected interactive or score)")
                            .arg(w));
        }
        return custom;
    }

    void readLimits(const YamlReader &r, const YAML::Node &node)
    {
        r.requireMap(node, QStringLiteral("limits"));
        ProblemLimits &l = m_p.limits;
        static const QStringList unused = {QStringLiteral("code"),
                                           QStringLiteral("compilation_time"),
                                           QStringLiteral("compilation_memory"),
                                           QStringLiteral("validation_time"),
                                           QStringLiteral("validation_memory"),
                                           QStringLiteral("validation_output")};
        for (const auto &kv : node) {
            const QString key = QStringLiteral("limits.") + fromStd(kv.first.Scalar());
            const QString name = fromStd(kv.first.Scalar());
            const YAML::Node &v = kv.second;
            if (name == QLatin1String("time_limit")) {
                l.timeSeconds = r.positive(v, key);
                m_p.timeLimitSource = QFileInfo(r.file()).fileName();
            } else if (name == QLatin1String("time_multiplier")) {
                l.acToTimeLimit = r.positive(v, key);
            } else if (name == QLatin1String("time_safety_margin")) {
                l.timeLimitToTle = r.positive(v, key);
            } else if (name == QLatin1String("time_multipliers")) {
                r.requireMap(v, key);
                for (const auto &m : v) {
                    const QString sub = fromStd(m.first.Scalar());
                    if (sub == QLatin1String("ac_to_time_limit"))
                        l.acToTimeLimit = r.positive(m.second, key + QStringLiteral(".") + sub);
                    else if (sub == QLatin1String("time_limit_to_tle"))
                        l.timeLimitToTle = r.positive(m.second, key + QStringLiteral(".") + sub);
                    else
                        warn(at(r.file(), m.first) +
                             QStringLiteral("unknown key '%1.%2' ignored").arg(key, sub));
                }
            } else if (name == QLatin1String("time_resolution")) {
                l.timeResolution = r.positive(v, key);
            } else if (name == QLatin1String("memory")) {
                l.memoryMib = mebibytes(r, v, key);
            } else if (name == QLatin1String("output")) {
                l.outputMib = mebibytes(r, v, key);
            } else if (name == QLatin1String("validation_passes")) {
                l.validationPasses = int(r.positive(v, key));
            } else if (!unused.contains(name)) {
                warn(at(r.file(), kv.first) + QStringLiteral("unknown key '%1' ignored").arg(key));
            }
        }
    }

    // Legacy problem.yaml `grading`: objective and show_test_data_groups are for displays;
    // accept_score, reject_score, range and on_reject are deprecated there but, as in
    // problemtools, override every group's testdata.yaml.
    void readProblemGrading(const YamlReader &r, const YAML::Node &node)
    {
        r.requireMap(node, QStringLiteral("grading"));
        for (const auto &kv : node) {
            const QString name = fromStd(kv.first.Scalar());
            const QString key = QStringLiteral("grading.") + name;
            const YAML::Node &v = kv.second;
            if (name == QLatin1String("accept_score")) {
                m_overrideAccept = r.number(v, key);
            } else if (name == QLatin1String("reject_score")) {
                m_overrideReject = r.number(v, key);
            } else if (name == QLatin1String("range")) {
                m_overrideRange = readRange(r, v, key);
            } else if (name == QLatin1String("on_reject")) {
                const QString s = r.string(v, key);
                if (s == QLatin1String("first_error"))
                    m_overrideBreak = true;
                else if (s == QLatin1String("grade"))
                    m_overrideBreak = false;
                else if (s != QLatin1String("worst_error"))
                    r.error(v, key, QStringLiteral("must be first_error, worst_error or grade"));
            } else if (name != QLatin1String("objective") &&
                       name != QLatin1String("show_test_data_groups")) {
                warn(at(r.file(), kv.first) + QStringLiteral("unknown key '%1' ignored").arg(key));
            }
        }
    }

    std::pair<double, double> readRange(const YamlReader &r, const YAML::Node &node,
                                        const QString &key)
    {
        const QStringList words = r.words(node, key);
        std::optional<double> low, high;
        if (words.size() == 2) {
            low = parseNumber(words[0]);
            high = parseNumber(words[1]);
        }
        if (!low || !high || *low > *high)
            r.error(node, key,
                    QStringLiteral("must be two numbers, the lowest and highest "
                                   "score, such as '0 100' or '-inf +inf'"));
        return {*low, *high};
    }

    void findOutputValidator()
    {
        const QString modern = path(QStringLiteral("output_validator"));
        const QString old = path(QStringLiteral("output_validators"));
        QString program;
        if (!legacy() && isDir(modern)) {
            program = modern;
        } else if (isDir(old) && (m_customValidation || !legacy())) {
            const QFileInfoList programs = entries(old);
            if (programs.isEmpty() && m_customValidation)
                fail(old + QStringLiteral(": empty, but problem.yaml asks for a custom validator"));
            if (programs.size() > 1) {
                QStringList names;
                for (const QFileInfo &fi : programs)
                    names << fi.fileName();
                fail(old + QStringLiteral(": holds %1; EvalX runs one output validator")
                               .arg(names.join(QLatin1String(", "))));
            }
            if (!programs.isEmpty())
                program = programs.first().absoluteFilePath();
        } else if (isDir(old)) {
            warn(old + QStringLiteral(": ignored: problem.yaml does not set 'validation: custom'"));
        }
        if (program.isEmpty()) {
            if (m_p.interactive)
                fail(path(QStringLiteral("problem.yaml")) +
                     QStringLiteral(": the problem is interactive but there is no %1")
                         .arg(legacy() ? QStringLiteral("output_validators/ folder")
                                       : QStringLiteral("output_validator/ folder")));
            if (m_customValidation)
                fail(path(QStringLiteral("problem.yaml")) +
                     QStringLiteral(": 'validation: custom' but there is no output_validators/ "
                                    "folder"));
            return;
        }
        m_p.validator.kind = ValidatorKind::Custom;
        describeProgram(program, &m_p.validator);
    }

    // ---- test data ------------------------------------------------------------------------

    // The group configuration file of a folder, or an empty string.
    QString groupConfigFile(const QString &dir) const
    {
        const QString legacyName = join(dir, QStringLiteral("testdata.yaml"));
        if (legacy())
            return isFile(legacyName) ? legacyName : QString();
        const QString modern = join(dir, QStringLiteral("test_group.yaml"));
        if (isFile(modern))
            return modern;
        // Early 2023-07 drafts still called it testdata.yaml.
        return isFile(legacyName) ? legacyName : QString();
    }

    void readTestData()
    {
        const QString data = path(QStringLiteral("data"));
        if (!isDir(data))
            fail(data + QStringLiteral(": missing: the tests belong in data/sample and "
                                       "data/secret"));
        if (!isDir(join(data, QStringLiteral("secret"))))
            fail(join(data, QStringLiteral("secret")) +
                 QStringLiteral(": missing: a package keeps its judged tests there"));

        TestGroup root;
        root.grading = legacyDefaults();
        readGroupConfig(data, &root, nullptr);
        m_p.groups << root;
        for (const QFileInfo &fi : entries(data)) {
            const QString name = fi.fileName();
            if (fi.isDir() &&
                (name == QLatin1String("sample") || name == QLatin1String("secret"))) {
                readGroup(fi.absoluteFilePath(), name, 0);
            } else if (fi.isFile() && fi.suffix() == QLatin1String("in")) {
                fail(fi.absoluteFilePath() +
                     QStringLiteral(": tests belong in data/sample or data/secret"));
            } else if (fi.isDir() && !QStringList{QStringLiteral("invalid_input"),
                                                  QStringLiteral("invalid_output"),
                                                  QStringLiteral("invalid_answer"),
                                                  QStringLiteral("valid_output")}
                                          .contains(name)) {
                warn(fi.absoluteFilePath() + QStringLiteral(": ignored: only data/sample and "
                                                            "data/secret are judged"));
            }
        }
        if (m_p.tests.isEmpty())
            fail(data + QStringLiteral(": no tests: expected NAME.in and NAME.ans files in "
                                       "data/sample and data/secret"));
        if (!legacy() && m_p.type == ProblemType::Scoring)
            resolveMaxScores();
        checkRequirePass();
    }

    Grading legacyDefaults() const
    {
        Grading g;
        if (m_overrideAccept)
            g.acceptScore = *m_overrideAccept;
        if (m_overrideReject)
            g.rejectScore = *m_overrideReject;
        if (m_overrideRange) {
            g.rangeMin = m_overrideRange->first;
            g.rangeMax = m_overrideRange->second;
        }
        if (m_overrideBreak)
            g.onRejectBreak = *m_overrideBreak;
        return g;
    }

    // Reads one group folder: its configuration, then its tests and subgroups in byte order
    // of their base names (a test "a" and a group "a0" interleave as the format orders them).
    void readGroup(const QString &dir, const QString &groupPath, int parent)
    {
        TestGroup group;
        group.path = groupPath;
        group.parent = parent;
        group.grading = inheritedGrading(groupPath, m_p.groups[parent].grading);
        readGroupConfig(dir, &group, &m_p.groups[parent]);
        const int index = int(m_p.groups.size());
        m_p.groups << group;
        m_p.groups[parent].subgroups << index;

        struct Item
        {
            QString base;
            QFileInfo info;
        };
        QList<Item> items;
        QSet<QString> inputs;
        for (const QFileInfo &fi : entries(dir)) {
            if (fi.isDir() && !fi.fileName().endsWith(QLatin1String(".files")))
                items.append({fi.fileName(), fi});
            else if (fi.isFile() && fi.suffix() == QLatin1String("in")) {
                items.append({fi.completeBaseName(), fi});
                inputs.insert(fi.completeBaseName());
            }
        }
        std::stable_sort(items.begin(), items.end(),
                         [](const Item &a, const Item &b) { return a.base < b.base; });
        for (const Item &item : items) {
            const QString childPath = groupPath + QLatin1Char('/') + item.base;
            if (item.info.isDir())
                readGroup(item.info.absoluteFilePath(), childPath, index);
            else
                readTest(dir, item.base, childPath, index);
        }
        for (const QString &ans : QDir(dir).entryList({QStringLiteral("*.ans")}, QDir::Files)) {
            if (!inputs.contains(QFileInfo(ans).completeBaseName()))
                warn(join(dir, ans) + QStringLiteral(": ignored: no matching .in file"));
        }
    }

    void readTest(const QString &dir, const QString &base, const QString &name, int groupIndex)
    {
        const TestGroup &group = m_p.groups[groupIndex];
        TestCase test;
        test.name = name;
        test.inputPath = join(dir, base + QStringLiteral(".in"));
        test.answerPath = join(dir, base + QStringLiteral(".ans"));
        test.group = group.path;
        test.sample = name.startsWith(QLatin1String("sample/"));
        if (!isFile(test.answerPath))
            fail(test.inputPath + QStringLiteral(": no answer file %1.ans next to it").arg(base));
        QStringList validatorArgs = group.grading.validatorArgs;
        test.args = m_groupArgs.value(groupIndex);
        const QString config = join(dir, base + QStringLiteral(".yaml"));
        if (!legacy() && isFile(config)) {
            const YAML::Node root = readYaml(config);
            const YamlReader r(config);
            if (!root.IsNull()) {
                r.requireTopMap(root);
                for (const auto &kv : root) {
                    const QString key = fromStd(kv.first.Scalar());
                    if (key == QLatin1String("output_validator_args"))
                        validatorArgs = r.words(kv.second, key);
                    else if (key == QLatin1String("args"))
                        test.args = r.words(kv.second, key);
                }
            }
        }
        test.validatorFlags = m_p.validator.flags + validatorArgs;
        m_p.groups[groupIndex].tests << int(m_p.tests.size());
        m_p.tests << test;
    }

    // What a group starts from before its own file: legacy groups inherit everything, 2023-07
    // groups inherit only the validator arguments (scoring keys default per level, and only
    // scoring problems have them).
    Grading inheritedGrading(const QString &groupPath, const Grading &parent) const
    {
        if (legacy())
            return parent;
        Grading g;
        g.validatorArgs = parent.validatorArgs;
        if (m_p.type != ProblemType::Scoring)
            return g;
        if (groupPath == QLatin1String("secret")) {
            g.aggregation = ScoreAggregation::Sum;
            g.maxScore = 100;
        } else {
            g.aggregation = ScoreAggregation::PassFail;
        }
        return g;
    }

    void readGroupConfig(const QString &dir, TestGroup *group, const TestGroup *parent)
    {
        const QString file = groupConfigFile(dir);
        if (parent)
            m_groupArgs[int(m_p.groups.size())] = m_groupArgs.value(groupIndexOf(parent));
        if (file.isEmpty())
            return;
        group->hasConfig = true;
        const YAML::Node root = readYaml(file);
        const YamlReader r(file);
        if (root.IsNull())
            return;
        r.requireTopMap(root);
        if (legacy())
            readLegacyGroupConfig(r, root, group);
        else
            readModernGroupConfig(r, root, group);
    }

    int groupIndexOf(const TestGroup *group) const { return int(group - m_p.groups.constData()); }

    void readLegacyGroupConfig(const YamlReader &r, const YAML::Node &root, TestGroup *group)
    {
        Grading &g = group->grading;
        for (const auto &kv : root) {
            const QString key = fromStd(kv.first.Scalar());
            const YAML::Node &v = kv.second;
            if (key == QLatin1String("on_reject")) {
                const QString s = r.string(v, key);
                if (s != QLatin1String("break") && s != QLatin1String("continue"))
                    r.error(v, key, QStringLiteral("must be break or continue"));
                g.onRejectBreak = s == QLatin1String("break");
            } else if (key == QLatin1String("grading")) {
                const QString s = r.string(v, key);
                if (s == QLatin1String("custom"))
                    r.error(v, key,
                            QStringLiteral("is custom: EvalX has only the default "
                                           "grader"));
                if (s != QLatin1String("default"))
                    r.error(v, key, QStringLiteral("must be default or custom"));
            } else if (key == QLatin1String("grader_flags")) {
                readGraderFlags(r, v, &g);
            } else if (key == QLatin1String("accept_score")) {
                g.acceptScore = r.number(v, key);
            } else if (key == QLatin1String("reject_score")) {
                g.rejectScore = r.number(v, key);
            } else if (key == QLatin1String("range")) {
                const auto range = readRange(r, v, key);
                g.rangeMin = range.first;
                g.rangeMax = range.second;
            } else if (key == QLatin1String("output_validator_flags")) {
                // A string, or a map naming the validator and its flags.
                g.validatorArgs =
                    v.IsMap() ? splitWords(r.words(v["flags"], key + QStringLiteral(".flags")))
                              : splitWords(r.words(v, key));
            } else if (key != QLatin1String("input_validator_flags")) {
                warn(at(r.file(), kv.first) + QStringLiteral("unknown key '%1' ignored").arg(key));
            }
        }
        // problem.yaml's deprecated grading keys win over every group's own, as in problemtools.
        const Grading forced = legacyDefaults();
        if (m_overrideAccept)
            g.acceptScore = forced.acceptScore;
        if (m_overrideReject)
            g.rejectScore = forced.rejectScore;
        if (m_overrideRange) {
            g.rangeMin = forced.rangeMin;
            g.rangeMax = forced.rangeMax;
        }
        if (m_overrideBreak)
            g.onRejectBreak = forced.onRejectBreak;
    }

    // grader_flags replaces the parent's flags as a whole (it is inherited as one string).
    void readGraderFlags(const YamlReader &r, const YAML::Node &v, Grading *g)
    {
        g->graderFlags = splitWords(r.words(v, QStringLiteral("grader_flags")));
        g->aggregation = ScoreAggregation::Sum;
        g->verdicts = VerdictAggregation::WorstError;
        g->ignoreSample = false;
        g->acceptIfAnyAccepted = false;
        for (const QString &flag : std::as_const(g->graderFlags)) {
            if (flag == QLatin1String("sum"))
                g->aggregation = ScoreAggregation::Sum;
            else if (flag == QLatin1String("avg"))
                g->aggregation = ScoreAggregation::Avg;
            else if (flag == QLatin1String("min"))
                g->aggregation = ScoreAggregation::Min;
            else if (flag == QLatin1String("max"))
                g->aggregation = ScoreAggregation::Max;
            else if (flag == QLatin1String("worst_error") || flag == QLatin1String("no_errors"))
                g->verdicts = VerdictAggregation::WorstError;
            else if (flag == QLatin1String("first_error"))
                g->verdicts = VerdictAggregation::FirstError;
            else if (flag == QLatin1String("always_accept"))
                g->verdicts = VerdictAggregation::AlwaysAccept;
            else if (flag == QLatin1String("ignore_sample"))
                g->ignoreSample = true;
            else if (flag == QLatin1String("accept_if_any_accepted"))
                g->acceptIfAnyAccepted = true;
            else
                warn(at(r.file(), v) +
                     QStringLiteral("unknown grader flag '%1' ignored").arg(flag));
        }
    }

    void readModernGroupConfig(const YamlReader &r, const YAML::Node &root, TestGroup *group)
    {
        Grading &g = group->grading;
        const bool scored = m_p.type == ProblemType::Scoring;
        const bool inSample = group->path == QLatin1String("sample") ||
                              group->path.startsWith(QLatin1String("sample/"));
        const int index = int(m_p.groups.size());
        static const QStringList ignored = {QStringLiteral("input_validator_args"),
                                            QStringLiteral("full_feedback"),
                                            QStringLiteral("hint"),
                                            QStringLiteral("description"),
                                            QStringLiteral("static_validation"),
                                            QStringLiteral("static_validation_score"),
                                            QStringLiteral("static_validator_args"),
                                            QStringLiteral("input_visualizer_args"),
                                            QStringLiteral("output_visualizer_args")};
        auto scoringKey = [&](const YAML::Node &keyNode, const QString &key) {
            if (!scored)
                warn(at(r.file(), keyNode) +
                     QStringLiteral("'%1' ignored: the problem is pass-fail").arg(key));
            else if (inSample || group->path.isEmpty())
                warn(
                    at(r.file(), keyNode) +
                    QStringLiteral("'%1' ignored: only secret and its groups are scored").arg(key));
            return scored && !inSample && !group->path.isEmpty();
        };
        for (const auto &kv : root) {
            const QString key = fromStd(kv.first.Scalar());
            const YAML::Node &v = kv.second;
            if (key == QLatin1String("scoring")) { // 2023-07 draft
                r.requireMap(v, key);
                const bool use = scoringKey(kv.first, key);
                for (const auto &s : v) {
                    const QString sub = fromStd(s.first.Scalar());
                    const QString full = key + QLatin1Char('.') + sub;
                    if (sub == QLatin1String("score"))
                        readMaxScore(r, s.second, full, use, &g, index);
                    else if (sub == QLatin1String("aggregation"))
                        readAggregation(r, s.second, full, use, &g);
                    else if (sub == QLatin1String("require_pass"))
                        g.requirePass = use ? r.words(s.second, full) : QStringList();
                    else
                        warn(at(r.file(), s.first) +
                             QStringLiteral("unknown key '%1' ignored").arg(full));
                }
            } else if (key == QLatin1String("max_score")) { // 2025-09
                readMaxScore(r, v, key, scoringKey(kv.first, key), &g, index);
            } else if (key == QLatin1String("score_aggregation")) {
                readAggregation(r, v, key, scoringKey(kv.first, key), &g);
            } else if (key == QLatin1String("require_pass")) {
                if (scoringKey(kv.first, key))
                    g.requirePass = r.words(v, key);
            } else if (key == QLatin1String("output_validator_args")) {
                g.validatorArgs = r.words(v, key);
            } else if (key == QLatin1String("args")) {
                m_groupArgs[index] = r.words(v, key);
            } else if (!ignored.contains(key)) {
                warn(at(r.file(), kv.first) + QStringLiteral("unknown key '%1' ignored").arg(key));
            }
        }
    }

    void readMaxScore(const YamlReader &r, const YAML::Node &v, const QString &key, bool use,
                      Grading *g, int index)
    {
        const QString s = r.string(v, key);
        std::optional<double> value;
        if (s != QLatin1String("unbounded")) {
            const double n = r.number(v, key);
            if (n < 0 || std::isinf(n))
                r.error(v, key, QStringLiteral("must be a number of at least 0, or unbounded"));
            value = n;
        }
        if (!use)
            return;
        g->maxScore = value;
        m_explicitMax.insert(index);
    }

    void readAggregation(const YamlReader &r, const YAML::Node &v, const QString &key, bool use,
                         Grading *g)
    {
        const QString s = r.string(v, key);
        ScoreAggregation a = ScoreAggregation::Sum;
        if (s == QLatin1String("pass-fail"))
            a = ScoreAggregation::PassFail;
        else if (s == QLatin1String("min"))
            a = ScoreAggregation::Min;
        else if (s != QLatin1String("sum"))
            r.error(v, key, QStringLiteral("must be pass-fail, sum or min"));
        if (use)
            g->aggregation = a;
    }

    // 2023-07: children without a max_score share what their parent has left (the draft's
    // maximum score inference; 2025-09 makes groups state theirs, which this also accepts).
    void resolveMaxScores()
    {
        for (int i = 0; i < m_p.groups.size(); ++i) { // parents come before their subgroups
            TestGroup &g = m_p.groups[i];
            if (g.path != QLatin1String("secret") && !g.path.startsWith(QLatin1String("secret/")))
                continue;
            const std::optional<double> max = g.grading.maxScore;
            double taken = 0;
            int open = int(g.tests.size());
            for (int sub : std::as_const(g.subgroups)) {
                if (!m_explicitMax.contains(sub))
                    ++open;
                else if (m_p.groups[sub].grading.maxScore)
                    taken += *m_p.groups[sub].grading.maxScore;
            }
            std::optional<double> share = max;
            if (max && g.grading.aggregation == ScoreAggregation::Sum) {
                if (taken > *max + 1e-9)
                    fail(groupFile(g.path) +
                         QStringLiteral(": its groups' max_score add up to %1, more than its own "
                                        "%2")
                             .arg(taken)
                             .arg(*max));
                share = open > 0 ? (*max - taken) / open : 0.0;
            }
            g.grading.testMaxScore = share;
            for (int sub : std::as_const(g.subgroups)) {
                if (!m_explicitMax.contains(sub))
                    m_p.groups[sub].grading.maxScore = share;
            }
        }
    }

    // The file that configures a group, to name in complaints; its folder when it has none.
    QString groupFile(const QString &groupPath) const
    {
        const QString dir = path(QStringLiteral("data/") + groupPath);
        const QString file = groupConfigFile(dir);
        return file.isEmpty() ? dir : file;
    }

    void checkRequirePass()
    {
        for (const TestGroup &g : std::as_const(m_p.groups)) {
            for (const QString &req : g.grading.requirePass) {
                bool known = m_p.group(req) != nullptr;
                for (const TestCase &t : std::as_const(m_p.tests))
                    known = known || t.name == req;
                if (!known)
                    fail(groupFile(g.path) +
                         QStringLiteral(": require_pass names '%1', which is neither a group nor "
                                        "a test")
                             .arg(req));
            }
        }
    }

    void findSubmissions()
    {
        const QString dir = path(QStringLiteral("submissions"));
        if (!isDir(dir))
            return;
        for (const QFileInfo &category : entries(dir)) {
            if (!category.isDir())
                continue;
            QStringList paths;
            for (const QFileInfo &fi : entries(category.absoluteFilePath()))
                paths << fi.absoluteFilePath();
            m_p.submissions.insert(category.fileName(), paths);
        }
    }

    Problem m_p;
    bool m_customValidation = false;
    bool m_validatorScores = false;
    std::optional<double> m_overrideAccept, m_overrideReject;
    std::optional<std::pair<double, double>> m_overrideRange;
    std::optional<bool> m_overrideBreak;
    QSet<int> m_explicitMax;             // groups whose max_score was written, not inferred
    QHash<int, QStringList> m_groupArgs; // 2023-07 `args` per group, inherited
};

} // namespace

const TestGroup *Problem::group(const QString &path) const
{
    for (const TestGroup &g : groups) {
        if (g.path == path)
            return &g;
    }
    return nullptr;
}

std::optional<Problem> loadProblem(const QString &dir, QString *error)
{
    QString message;
    try {
        return Loader(dir).load();
    } catch (const LoadError &e) {
        message = e.message;
    } catch (const YAML::Exception &e) {
        message = dir + QStringLiteral(": ") + fromStd(e.what());
    } catch (const std::exception &e) {
        message =
            dir + QStringLiteral(": cannot load the package: ") + QString::fromLocal8Bit(e.what());
    } catch (...) {
        message = dir + QStringLiteral(": cannot load the package");
    }
    if (error)
        *error = message;
    return std::nullopt;
}

double deriveTimeLimit(const Problem &problem, double slowestAcceptedSeconds)
{
    const ProblemLimits &l = problem.limits;
    if (l.timeSeconds)
        return *l.timeSeconds;
    const double exact = slowestAcceptedSeconds * l.acToTimeLimit;
    if (problem.format == QLatin1String("legacy"))
        return std::max(1.0, std::floor(0.5 + exact)); // problemtools: max(1, int(0.5 + x))
    const double step = l.timeResolution > 0 ? l.timeResolution : 1.0;
    const double steps = std::max(1.0, std::ceil(exact / step - 1e-9));
    return steps * step;
}

int naturalCompare(const QString &a, const QString &b)
{
    auto isDigit = [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); };
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            // Compare the numbers by value without converting (they may be long): skip leading
            // zeros, then the longer run is larger, then digit by digit.
            qsizetype si = i, sj = j;
            while (si < a.size() && a[si] == QLatin1Char('0'))
                ++si;
            while (sj < b.size() && b[sj] == QLatin1Char('0'))
                ++sj;
            qsizetype ei = si, ej = sj;
            while (ei < a.size() && isDigit(a[ei]))
                ++ei;
            while (ej < b.size() && isDigit(b[ej]))
                ++ej;
            if (ei - si != ej - sj)
                return ei - si < ej - sj ? -1 : 1;
            for (qsizetype k = 0; k < ei - si; ++k) {
                if (a[si + k] != b[sj + k])
                    return a[si + k] < b[sj + k] ? -1 : 1;
            }
            i = ei;
            j = ej;
            continue;
        }
        if (a[i] != b[j])
            return a[i] < b[j] ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    return a.compare(b); // equal by value ("01" and "1"): any fixed order will do
}

} // namespace evalx
