#include "isolatemeta.h"

#include <QHash>
#include <QList>

namespace evalx {

std::optional<wire::RunReply> parseIsolateMeta(const QByteArray &meta, QString *error,
                                               quint64 cgroupMemoryLimitKib)
{
    QHash<QByteArray, QByteArray> values;
    const QList<QByteArray> lines = meta.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            if (error)
                *error = QStringLiteral("isolate meta file, line %1: no 'key:value' in '%2'")
                             .arg(i + 1)
                             .arg(QString::fromUtf8(line));
            return std::nullopt;
        }
        values.insert(line.left(colon), line.mid(colon + 1));
    }

    bool ok = true;
    auto number = [&](const char *key, double fallback = 0) {
        if (!values.contains(key))
            return fallback;
        bool good = false;
        const double v = values.value(key).toDouble(&good);
        if (!good || v < 0) {
            ok = false;
            if (error)
                *error = QStringLiteral("isolate meta file: '%1' is not a number: '%2'")
                             .arg(QString::fromLatin1(key), QString::fromUtf8(values.value(key)));
        }
        return v;
    };

    wire::RunReply r;
    r.cpuUs = std::uint64_t(number("time") * 1e6 + 0.5);
    r.wallUs = std::uint64_t(number("time-wall") * 1e6 + 0.5);
    // With --cg, cg-mem covers every process of the box; max-rss only the largest one.
    r.memoryKib = std::uint64_t(number("cg-mem", number("max-rss")));
    r.exitCode = int(number("exitcode"));
    r.signal = int(number("exitsig"));
    if (!ok)
        return std::nullopt;
    r.message = values.value("message").toStdString();

    const QByteArray status = values.value("status");
    const bool killedAtMemoryLimit = cgroupMemoryLimitKib && values.contains("cg-mem") &&
                                     r.signal == 9 &&
                                     r.memoryKib * 100 >= cgroupMemoryLimitKib * 97;
    if (values.value("cg-oom-killed") == "1" || (status == "SG" && killedAtMemoryLimit)) {
        r.ending = wire::Ending::MemoryLimit;
    } else if (status == "TO") {
        r.ending = r.message.find("wall") != std::string::npos ? wire::Ending::WallLimit
                                                               : wire::Ending::CpuLimit;
    } else if (status == "SG") {
        r.ending = wire::Ending::Signaled;
    } else if (status == "XX") {
        r.ending = wire::Ending::SetupFailed;
        if (r.message.empty())
            r.message = "isolate reported an internal error";
    } else if (status == "RE" || status.isEmpty()) {
        r.ending = wire::Ending::Exited;
    } else {
        if (error)
            *error = QStringLiteral("isolate meta file: unknown status '%1'")
                         .arg(QString::fromUtf8(status));
        return std::nullopt;
    }
    return r;
}

} // namespace evalx
