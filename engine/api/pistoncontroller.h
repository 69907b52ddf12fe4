#pragma once

#include <QFuture>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QList>
#include <QString>
#include <QStringList>
#include <QThreadPool>

namespace evalx {

class Engine;
struct Language;

// The Piston v2 compatible resources: runtimes and execute. Paths, fields,
// defaults and messages are Piston's (shared/reference's piston-api.md).
class PistonController final
{
public:
    // One EvalX language as Piston names it.
    struct Runtime
    {
        const Language *language = nullptr;
        QString name;    // Piston's language name: "c++", "python"
        QString version; // semver-like, from the detected version: "3.11.2"
        QStringList aliases;
        QString runtime;       // Piston's runtime, where it has one ("node")
        bool compiled = false; // Piston shows a compile stage
    };

    explicit PistonController(Engine &engine);
    ~PistonController();
    Q_DISABLE_COPY_MOVE(PistonController)

    // GET /api/v2/runtimes: [{"language", "version", "aliases", "runtime"?}], the
    // available languages only.
    QHttpServerResponse runtimes() const;
    // POST /api/v2/execute. Body (JSON whatever the Content-Type): language (name
    // or alias), version (exact, "*", or a prefix such as "3" or "3.11"),
    // files [{name?, content, encoding? utf8|base64|hex}] (the first is the
    // main one), stdin, args, compile_timeout, run_timeout (ms, wall),
    // compile_cpu_time, run_cpu_time (ms), compile_memory_limit,
    // run_memory_limit (bytes, -1: the server's maximum).
    // 200 {"language", "version", "run"?, "compile"?}; 400 {"message"} naming
    // the field at fault or the unknown runtime.
    QFuture<QHttpServerResponse> execute(const QHttpServerRequest &request);

    // "3.11.2" from "Python 3.11.2", "17.0.15" from "javac 17.0.15", "1.19.0"
    // from "go1.19"; "0.0.0" when there is no number.
    static QString semver(const QString &detected);
    // Whether version satisfies Piston's selector: "*", exact, or a prefix of
    // whole components ("3", "3.11"; "x" and "*" components match anything).
    static bool versionMatches(const QString &version, const QString &selector);

    // Returns once every execute has its answer.
    void drain() { m_workers.waitForDone(); }

private:
    QList<Runtime> availableRuntimes() const;

    Engine &m_engine;
    QThreadPool m_workers; // waits for jobs block here, never on the server's thread
};

} // namespace evalx
