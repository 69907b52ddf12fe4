#include "judge0config.h"

#include <QJsonArray>

namespace evalx::judge0 {

QJsonObject configInfo(int maxQueueSize)
{
    QJsonObject c{
        {QStringLiteral("enable_wait_result"), true},
        {QStringLiteral("enable_compiler_options"), true},
        {QStringLiteral("allowed_languages_for_compile_options"), QJsonArray()},
        {QStringLiteral("enable_command_line_arguments"), true},
        {QStringLiteral("enable_submission_delete"), true},
        {QStringLiteral("enable_callbacks"), true},
        {QStringLiteral("callbacks_max_tries"), kCallbackTries},
        {QStringLiteral("callbacks_timeout"), kCallbackTimeoutSec},
        {QStringLiteral("enable_additional_files"), true},
        {QStringLiteral("max_queue_size"), maxQueueSize},
        // One time and one memory limit for all the processes of a run together.
        {QStringLiteral("enable_per_process_and_thread_time_limit"), false},
        {QStringLiteral("allow_enable_per_process_and_thread_time_limit"), false},
        {QStringLiteral("enable_per_process_and_thread_memory_limit"), false},
        {QStringLiteral("allow_enable_per_process_and_thread_memory_limit"), false},
        {QStringLiteral("redirect_stderr_to_stdout"), false},
        {QStringLiteral("max_extract_size"), kMaxExtractKib},
        {QStringLiteral("enable_batched_submissions"), true},
        {QStringLiteral("max_submission_batch_size"), kMaxBatchSize},
        // Results are read from the queue's records, never from a cache.
        {QStringLiteral("submission_cache_duration"), 0},
        {QStringLiteral("use_docs_as_homepage"), false},
        // EvalX's boxes have no network at all.
        {QStringLiteral("allow_enable_network"), false},
        {QStringLiteral("enable_network"), false},
    };
    for (const Limit &l : kLimits) {
        const QString field(l.field);
        c.insert(field, l.fallback);
        c.insert(QStringLiteral("max_") + field, l.max);
    }
    return c;
}

} // namespace evalx::judge0
