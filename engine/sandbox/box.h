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
    int index = 0;
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

// One box: an evalx-box helper process and the socket to it. Its calls block
// and must come from one thread at a time (the pool hands a box to one user).
class Box final
{
public:
    explicit Box(BoxConfig config);
    ~Box();
    Q_DISABLE_COPY_MOVE(Box)

    bool start(QString *error);
    void stop();
    bool isBroken() const { return m_broken; }
    const BoxConfig &config() const { return m_config; }
    const wire::Capabilities &capabilities() const { return m_caps; }
    QString workDir() const { return QString::fromStdString(m_caps.workDir); }
    QString programDir() const { return QString::fromStdString(m_caps.programDir); }
    qint64 helperPid() const { return m_pid; }

    bool putFile(wire::Area area, const QString &path, const QByteArray &data, int mode,
                 QString *error);
    bool putFiles(wire::Area area, const QList<BoxFile> &files, QString *error);
    bool getFiles(wire::Area area, QList<BoxFile> *files, QString *error);
    // Kills anything left running and wipes the work area (and the program area).
    bool reset(bool clearProgram, QString *error);
    RunResult run(const RunRequest &request);

    // Which artifact the program area holds, so a pool can skip copying it again.
    const QByteArray &programKey() const { return m_programKey; }
    void setProgramKey(const QByteArray &key) { m_programKey = key; }

    static QStringList defaultEnvironment();

private:
    bool request(const std::string &frame, QList<BoxFile> *files, QString *error, int fd = -1);
    void markBroken(const QString &why);

    BoxConfig m_config;
    wire::Capabilities m_caps;
    pid_t m_pid = -1;
    int m_sock = -1;
    bool m_broken = true;
    QByteArray m_programKey;
};

// Turns what the helper reported into a status and a message a person can read.
RunResult mapRunReply(const wire::RunReply &reply, const RunLimits &limits, bool outputExceeded);

} // namespace evalx
