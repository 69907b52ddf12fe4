#pragma once

#include "box.h"
#include "language.h"
#include "runtypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace evalx {

class BoxPool;

// A compiled program: the files a run needs in the box's program directory.
struct Artifact
{
    QByteArray key; // hash of the language, its compile command and the source
    QList<BoxFile> files;
};

struct CompileOutcome
{
    RunStatus status = RunStatus::IE; // OK, CE or IE
    QString output;                   // the compiler's stdout and stderr
    QString message;
    RunResult compileRun; // the compiler's own run
    Artifact artifact;
};

struct Execution
{
    RunResult run; // status CE (or IE) when the compile failed
    QString compileOutput;
    bool compiled = false; // a compile step ran
};

// Compiles sources and runs artifacts in boxes taken from a pool.
class Executor final
{
public:
    explicit Executor(BoxPool &pool);

    CompileOutcome compile(const Language &language, const QByteArray &source);
    RunResult run(const Language &language, const Artifact &artifact, const QByteArray &stdinData,
                  const RunLimits &limits, const QStringList &arguments = {});
    // Compile (when the language needs it) and run once.
    Execution execute(const Language &language, const QByteArray &source,
                      const QByteArray &stdinData, const RunLimits &limits);

    // The limits of a compile step: generous, as Judge0's (15 s CPU, 20 s wall, 512 MB).
    static RunLimits compileLimits();
    static QByteArray artifactKey(const Language &language, const QByteArray &source);

private:
    BoxPool &m_pool;
};

} // namespace evalx
