#include "runtypes.h"

#include <unistd.h>

#include <csignal>
#include <cstring>

namespace evalx {

static constexpr std::pair<RunStatus, const char *> kStatusNames[] = {
    {RunStatus::OK, "OK"},   {RunStatus::RE, "RE"},   {RunStatus::TLE, "TLE"},
    {RunStatus::MLE, "MLE"}, {RunStatus::OLE, "OLE"}, {RunStatus::CE, "CE"},
    {RunStatus::IE, "IE"},
};

QString runStatusName(RunStatus status)
{
    for (const auto &[s, name] : kStatusNames) {
        if (s == status)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("IE");
}

bool runStatusFromName(const QString &name, RunStatus *status)
{
    for (const auto &[s, n] : kStatusNames) {
        if (name == QLatin1String(n)) {
            *status = s;
            return true;
        }
    }
    return false;
}

RunResult RunResult::internalError(const QString &message)
{
    RunResult r;
    r.status = RunStatus::IE;
    r.message = message;
    return r;
}

QString signalName(int signal)
{
    if (const char *abbrev = ::sigabbrev_np(signal))
        return QStringLiteral("SIG") + QString::fromLatin1(abbrev);
    return QStringLiteral("signal %1").arg(signal);
}

void closePassedDescriptors(int stdinFd, int stdoutFd)
{
    for (int fd : {stdinFd, stdoutFd}) {
        if (fd >= 0)
            ::close(fd);
    }
}

} // namespace evalx
