#include "verdict.h"

namespace evalx {

namespace {

struct VerdictInfo
{
    Verdict verdict;
    const char *name;
    const char *description;
};

constexpr VerdictInfo kVerdicts[] = {
    {Verdict::AC, "AC", "Accepted"},
    {Verdict::WA, "WA", "Wrong answer"},
    {Verdict::PE, "PE", "Presentation error"},
    {Verdict::TLE, "TLE", "Time limit exceeded"},
    {Verdict::MLE, "MLE", "Memory limit exceeded"},
    {Verdict::OLE, "OLE", "Output limit exceeded"},
    {Verdict::RE, "RE", "Run-time error"},
    {Verdict::CE, "CE", "Compilation error"},
    {Verdict::IE, "IE", "Internal error"},
    {Verdict::Skipped, "SK", "Skipped"},
};

const VerdictInfo &info(Verdict v)
{
    for (const VerdictInfo &i : kVerdicts) {
        if (i.verdict == v)
            return i;
    }
    return kVerdicts[8];
}

} // namespace

QString verdictName(Verdict verdict)
{
    return QLatin1String(info(verdict).name);
}

QString verdictDescription(Verdict verdict)
{
    return QLatin1String(info(verdict).description);
}

std::optional<Verdict> verdictFromName(const QString &name)
{
    for (const VerdictInfo &i : kVerdicts) {
        if (name == QLatin1String(i.name))
            return i.verdict;
    }
    return std::nullopt;
}

Verdict verdictFromRun(RunStatus status)
{
    switch (status) {
    case RunStatus::OK:
        return Verdict::AC;
    case RunStatus::RE:
        return Verdict::RE;
    case RunStatus::TLE:
        return Verdict::TLE;
    case RunStatus::MLE:
        return Verdict::MLE;
    case RunStatus::OLE:
        return Verdict::OLE;
    case RunStatus::CE:
        return Verdict::CE;
    case RunStatus::IE:
        break;
    }
    return Verdict::IE;
}

} // namespace evalx
