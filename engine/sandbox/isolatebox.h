#pragma once

#include "box.h"

#include <QString>

namespace evalx {

// How to drive an installed isolate (https://github.com/ioi/isolate).
struct IsolateSetup
{
    QString binary;              // the isolate executable
    QString version;             // as `isolate --version` prints it
    bool cgroups = false;        // --cg works here
    bool stderrToStdout = false; // --stderr-to-stdout is known (isolate 1.4 and later)
    int firstBoxId = 0;          // a box is isolate's box firstBoxId + its host number
    QString etcDir;              // a copy of the /etc entries programs need, shown as /etc

    // Finds the binary (configured, $EVALX_ISOLATE, or isolate on PATH) and
    // learns what it supports; false with the reason when it cannot be used.
    static bool probe(const QString &configured, IsolateSetup *setup, QString *error);
};

// A box run by isolate's command line: --init once, --run per program with
// the meta file read into the same results as EvalX's own boxes, --cleanup at
// the end. Files go straight into isolate's box directory; the program area is
// a host directory shown read-only as /prog.
class IsolateBox final : public Box
{
public:
    IsolateBox(BoxConfig config, IsolateSetup setup);
    ~IsolateBox() override;

    bool start(QString *error) override;
    void stop() override;
    bool isBroken() const override { return m_broken; }
    const wire::Capabilities &capabilities() const override { return m_caps; }
    QString workDir() const override { return QStringLiteral("/box"); }
    QString programDir() const override { return QStringLiteral("/prog"); }
    qint64 helperPid() const override { return -1; }

    bool putFile(wire::Area area, const QString &path, const QByteArray &data, int mode,
                 QString *error) override;
    bool getFiles(wire::Area area, QList<BoxFile> *files, QString *error) override;
    bool reset(bool clearProgram, QString *error) override;
    RunResult run(const RunRequest &request) override;

    int boxId() const { return m_setup.firstBoxId + m_config.hostNumber; }

private:
    QStringList baseArguments() const;
    QString hostDir(wire::Area area) const;

    IsolateSetup m_setup;
    wire::Capabilities m_caps;
    QString m_boxDir;  // isolate's box directory on the host (its /box)
    QString m_progDir; // our program area on the host (its /prog)
    QString m_tmpDir;  // its /tmp
    QString m_metaFile;
    bool m_broken = true;
};

} // namespace evalx
