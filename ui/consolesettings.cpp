#include "consolesettings.h"
#include "apiserver.h"
#include "engine.h"

#include <QSettings>
#include <QStandardPaths>

namespace evalx::ui {

ConsoleSettings ConsoleSettings::load(QSettings &s)
{
    ConsoleSettings c;
    const auto text = [&s](const char *key, const QString &fallback) {
        return s.value(QLatin1String(key), fallback).toString();
    };
    c.poolSize = std::clamp(s.value(QStringLiteral("judge/poolSize"), c.poolSize).toInt(), 0, 256);
    c.timeSeconds =
        std::clamp(s.value(QStringLiteral("judge/timeSeconds"), c.timeSeconds).toDouble(), 0.1,
                   600.0);
    c.memoryMib =
        std::clamp(s.value(QStringLiteral("judge/memoryMib"), c.memoryMib).toInt(), 16, 65536);
    c.disabledLanguages = s.value(QStringLiteral("judge/disabledLanguages")).toStringList();
    c.apiEnabled = s.value(QStringLiteral("api/enabled"), c.apiEnabled).toBool();
    c.apiAddress = text("api/address", c.apiAddress);
    c.apiPort = std::clamp(s.value(QStringLiteral("api/port"), c.apiPort).toInt(), 0, 65535);
    c.apiToken = text("api/token", c.apiToken);
    c.redisUrl = text("queue/redis", c.redisUrl);
    c.remoteUrl = text("remote/url", c.remoteUrl);
    c.remoteToken = text("remote/token", c.remoteToken);
    c.historyPath =
        text("history/path", QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                 QStringLiteral("/history.sqlite"));
    c.uiLanguage = text("ui/language", c.uiLanguage);
    c.theme = text("ui/theme", c.theme);
    return c;
}

void ConsoleSettings::save(QSettings &s) const
{
    s.setValue(QStringLiteral("judge/poolSize"), poolSize);
    s.setValue(QStringLiteral("judge/timeSeconds"), timeSeconds);
    s.setValue(QStringLiteral("judge/memoryMib"), memoryMib);
    s.setValue(QStringLiteral("judge/disabledLanguages"), disabledLanguages);
    s.setValue(QStringLiteral("api/enabled"), apiEnabled);
    s.setValue(QStringLiteral("api/address"), apiAddress);
    s.setValue(QStringLiteral("api/port"), apiPort);
    s.setValue(QStringLiteral("api/token"), apiToken);
    s.setValue(QStringLiteral("queue/redis"), redisUrl);
    s.setValue(QStringLiteral("remote/url"), remoteUrl);
    s.setValue(QStringLiteral("remote/token"), remoteToken);
    s.setValue(QStringLiteral("history/path"), historyPath);
    s.setValue(QStringLiteral("ui/language"), uiLanguage);
    s.setValue(QStringLiteral("ui/theme"), theme);
    s.sync();
}

bool ConsoleSettings::needsRestart(const ConsoleSettings &o) const
{
    return poolSize != o.poolSize || disabledLanguages != o.disabledLanguages ||
           apiEnabled != o.apiEnabled || apiAddress != o.apiAddress || apiPort != o.apiPort ||
           apiToken != o.apiToken || redisUrl != o.redisUrl || remoteUrl != o.remoteUrl ||
           remoteToken != o.remoteToken || historyPath != o.historyPath;
}

EngineOptions ConsoleSettings::engineOptions() const
{
    EngineOptions o;
    o.sandbox.poolSize = poolSize;
    o.redis.url = redisUrl;
    o.disabledLanguages = disabledLanguages;
    o.historyPath = historyPath;
    return o;
}

RunLimits ConsoleSettings::runLimits() const
{
    RunLimits l;
    l.cpuMs = quint64(timeSeconds * 1000 + 0.5);
    l.wallMs = l.cpuMs * 2 + 1000;
    l.memoryKib = quint64(memoryMib) * 1024;
    l.stackKib = l.memoryKib;
    l.processes = 64;
    l.outputKib = 64 * 1024;
    l.fileSizeKib = 64 * 1024;
    return l;
}

ApiOptions ConsoleSettings::apiOptions() const
{
    ApiOptions o;
    o.address = QHostAddress(apiAddress);
    o.port = quint16(apiPort);
    o.gate.authToken = apiToken;
    return o;
}

} // namespace evalx::ui
