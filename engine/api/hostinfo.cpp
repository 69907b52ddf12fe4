#include "hostinfo.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <QSysInfo>

#include <unistd.h>

namespace evalx {

namespace {

// The "key : value" lines of a /proc file, in order.
QList<std::pair<QString, QString>> keyValues(const QString &path)
{
    QFile f(path);
    QList<std::pair<QString, QString>> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        out.append({QString::fromUtf8(line.left(colon)).trimmed(),
                    QString::fromUtf8(line.mid(colon + 1)).trimmed()});
    }
    return out;
}

// "16318716 kB" as lscpu and free print it: "15.6 GiB".
QString kibToText(const QString &value)
{
    const double kib = value.section(QLatin1Char(' '), 0, 0).toDouble();
    return QStringLiteral("%1 GiB").arg(kib / (1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace

QJsonObject hostInfo()
{
    QJsonObject info;
    info.insert(QStringLiteral("Architecture"), QSysInfo::currentCpuArchitecture());
    info.insert(QStringLiteral("Byte Order"), QSysInfo::ByteOrder == QSysInfo::LittleEndian
                                                  ? QStringLiteral("Little Endian")
                                                  : QStringLiteral("Big Endian"));
    info.insert(QStringLiteral("Kernel"),
                QString(QSysInfo::kernelType() + QLatin1Char(' ') + QSysInfo::kernelVersion()));
    info.insert(QStringLiteral("Operating system"), QSysInfo::prettyProductName());

    int processors = 0;
    QSet<QString> sockets;
    QHash<QString, QString> first;
    for (const auto &[key, value] : keyValues(QStringLiteral("/proc/cpuinfo"))) {
        if (key == QLatin1String("processor"))
            ++processors;
        else if (key == QLatin1String("physical id"))
            sockets.insert(value);
        if (!first.contains(key))
            first.insert(key, value);
    }
    info.insert(QStringLiteral("CPU(s)"),
                processors > 0 ? processors : int(::sysconf(_SC_NPROCESSORS_ONLN)));
    if (first.contains(QStringLiteral("vendor_id")))
        info.insert(QStringLiteral("Vendor ID"), first.value(QStringLiteral("vendor_id")));
    if (first.contains(QStringLiteral("model name")))
        info.insert(QStringLiteral("Model name"), first.value(QStringLiteral("model name")));
    if (first.contains(QStringLiteral("cpu MHz")))
        info.insert(QStringLiteral("CPU MHz"), first.value(QStringLiteral("cpu MHz")));
    if (first.contains(QStringLiteral("cache size")))
        info.insert(QStringLiteral("Cache size"), first.value(QStringLiteral("cache size")));
    if (first.contains(QStringLiteral("flags")))
        info.insert(QStringLiteral("Flags"), first.value(QStringLiteral("flags")));
    if (!sockets.isEmpty()) {
        info.insert(QStringLiteral("Socket(s)"), int(sockets.size()));
        const int coresPerSocket = first.value(QStringLiteral("cpu cores")).toInt();
        if (coresPerSocket > 0) {
            info.insert(QStringLiteral("Core(s) per socket"), coresPerSocket);
            info.insert(QStringLiteral("Thread(s) per core"),
                        std::max(1, processors / (coresPerSocket * int(sockets.size()))));
        }
    }

    for (const auto &[key, value] : keyValues(QStringLiteral("/proc/meminfo"))) {
        if (key == QLatin1String("MemTotal"))
            info.insert(QStringLiteral("Mem total"), kibToText(value));
        else if (key == QLatin1String("MemAvailable"))
            info.insert(QStringLiteral("Mem available"), kibToText(value));
        else if (key == QLatin1String("SwapTotal"))
            info.insert(QStringLiteral("Swap total"), kibToText(value));
    }
    return info;
}

} // namespace evalx
