#pragma once

#include "common/cgroupfiles.h"
#include "common/protocol.h"
#include "runtypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <sys/types.h>

namespace evalx {

struct BoxConfig
{
    QString helperPath;
    int index = 0;      // in its pool
    int hostNumber = 0; // held on the host: uid is SandboxOptions::firstUid + hostNumber
    bool isolate = true; // namespaces and a private root; false: plain processes
    QString stagingDir;  // where the helper builds the root (or the plain dirs)
    uid_t uid = 60000;
    gid_t gid = 60000;
    std::optional<cgroup::BoxPaths> cgroup;
    QStringList etcEntries; // host /etc entries shown read-only
    QStringList binds;      // extra read-only binds, "SRC[:DST]"
    quint64 workSizeMib = 256;
    quint64 tmpSizeMib = 64;
    quint64 programSizeMib = 256;
};

struct BoxFile
{
    QString path;
    int mode = 0644;
    QByteArray data;
};

// One box: where a program runs, contained. A box's calls block and must come
// from one thread at a time (the pool hands a box to one user). Two backends:
// HelperBox (EvalX's own sandbox) and IsolateBox (an installed isolate).
class Box
{
public:
    explicit Box(BoxConfig config)
        : m_config(std::move(config))
    {}
    virtual ~Box() = default;
    Q_DISABLE_COPY_MOVE(Box)

    virtual bool start(QString *error) = 0;
    virtual void stop() = 0;
    virtual bool isBroken() const = 0;
    const BoxConfig &config() const { return m_config; }
    // What the box enforces (namespaces, cgroup, seccomp...).
    virtual const wire::Capabilities &capabilities() const = 0;
    // The program's working directory and the program directory, as programs see them.
    virtual QString workDir() const = 0;
    virtual QString programDir() const = 0;
    // The process that keeps the box (-1 when none stays between runs).
    virtual qint64 helperPid() const = 0;

    virtual bool putFile(wire::Area area, const QString &path, const QByteArray &data, int mode,
                         QString *error) = 0;
    bool putFiles(wire::Area area, const QList<BoxFile> &files, QString *error);
    virtual bool getFiles(wire::Area area, QList<BoxFile> *files, QString *error) = 0;
    // Kills anything left running and wipes the work area (and the program area).
    virtual bool reset(bool clearProgram, QString *error) = 0;
    virtual RunResult run(const RunRequest &request) = 0;

    // Which artifact the program area holds, so a pool can skip copying it again.
    const QByteArray &programKey() const { return m_programKey; }
    void setProgramKey(const QByteArray &key) { m_programKey = key; }

    static QStringList defaultEnvironment();

protected:
    BoxConfig m_config;
    QByteArray m_programKey;
};

// EvalX's own box: an evalx-box helper process and the socket to it.
class HelperBox final : public Box
{
public:
    explicit HelperBox(BoxConfig config);
    ~HelperBox() override;

    bool start(QString *error) override;
    void stop() override;
    bool isBroken() const override { return m_broken; }
    const wire::Capabilities &capabilities() const override { return m_caps; }
    QString workDir() const override { return QString::fromStdString(m_caps.workDir); }
    QString programDir() const override { return QString::fromStdString(m_caps.programDir); }
    qint64 helperPid() const override { return m_pid; }

    bool putFile(wire::Area area, const QString &path, const QByteArray &data, int mode,
                 QString *error) override;
    bool getFiles(wire::Area area, QList<BoxFile> *files, QString *error) override;
    bool reset(bool clearProgram, QString *error) override;
    RunResult run(const RunRequest &request) override;

private:
    bool request(const std::string &frame, QList<BoxFile> *files, QString *error, int fd = -1);
    void markBroken(const QString &why);

    wire::Capabilities m_caps;
    pid_t m_pid = -1;
    int m_sock = -1;
    bool m_broken = true;
};

// Turns what the helper reported into a status and a message a person can read.
RunResult mapRunReply(const wire::RunReply &reply, const RunLimits &limits, bool outputExceeded);

} // namespace evalx
