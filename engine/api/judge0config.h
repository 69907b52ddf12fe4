#pragma once

#include <QJsonObject>
#include <QString>

namespace evalx::judge0 {

// One numeric field of a submission: Judge0's default and bounds. The
// submission parser checks these numbers, and /config_info shows the same
// ones (the default under the field's name, the bound as max_<field>), so the
// two cannot drift.
struct Limit
{
    QLatin1StringView field;
    double fallback;
    double min;
    double max;
    bool integer;
};

inline constexpr Limit kCpuTimeLimit{QLatin1StringView("cpu_time_limit"), 5, 0, 15, false};
inline constexpr Limit kCpuExtraTime{QLatin1StringView("cpu_extra_time"), 1, 0, 5, false};
inline constexpr Limit kWallTimeLimit{QLatin1StringView("wall_time_limit"), 10, 1, 20, false};
inline constexpr Limit kMemoryLimit{QLatin1StringView("memory_limit"), 128000, 2048, 512000, false};
inline constexpr Limit kStackLimit{QLatin1StringView("stack_limit"), 64000, 0, 128000, false};
inline constexpr Limit kMaxProcesses{QLatin1StringView("max_processes_and_or_threads"), 60, 1, 120,
                                     true};
inline constexpr Limit kMaxFileSize{QLatin1StringView("max_file_size"), 1024, 0, 4096, false};
inline constexpr Limit kNumberOfRuns{QLatin1StringView("number_of_runs"), 1, 1, 20, true};

inline constexpr Limit kLimits[] = {kCpuTimeLimit, kCpuExtraTime, kWallTimeLimit, kMemoryLimit,
                                    kStackLimit,   kMaxProcesses, kMaxFileSize,   kNumberOfRuns};

inline constexpr int kMaxBatchSize = 20;       // submissions in one POST /submissions/batch
inline constexpr int kMaxOptionChars = 512;    // compiler_options, command_line_arguments
inline constexpr int kMaxExtractKib = 10240;   // additional_files, unpacked, all files together
inline constexpr int kMaxExtractFiles = 256;   // additional_files, entries of the archive
inline constexpr int kCallbackTries = 3;       // callback_url: PUTs at most
inline constexpr int kCallbackRetryMs = 1000;  // then twice that, between tries
inline constexpr int kCallbackTimeoutSec = 10; // per try
// The Judge0 language id of a multi-file program: a zip of `compile` and `run` scripts.
inline constexpr int kMultiFileLanguage = 89;

// GET /config_info: every setting under Judge0's key, from the constants
// above; maxQueueSize is the queue's capacity.
QJsonObject configInfo(int maxQueueSize);

} // namespace evalx::judge0
