#pragma once

#include "batchjudge.h"

#include <QJsonObject>
#include <optional>

namespace evalx {

// Jobs and their results as JSON, for stores outside the process (Redis, the
// SQLite history). Bytes (sources, inputs, outputs) travel as base64, so any
// content survives; every field is written, so a decoder can tell a missing
// field (an error) from an empty one. Independent of any store.
namespace jobcodec {

QJsonObject encode(const BatchRequest &request);
QJsonObject encode(const BatchResult &result);
QJsonObject encode(const TestOutcome &test);
QJsonObject encode(const RunResult &run);

// Nothing, and *error naming the field, when json is not what encode() wrote.
std::optional<BatchRequest> decodeRequest(const QJsonObject &json, QString *error);
std::optional<BatchResult> decodeResult(const QJsonObject &json, QString *error);
std::optional<TestOutcome> decodeTest(const QJsonObject &json, QString *error);
std::optional<RunResult> decodeRun(const QJsonObject &json, QString *error);

// Compact JSON text of encode(), and its inverse.
QByteArray toBytes(const QJsonObject &json);
std::optional<QJsonObject> fromBytes(const QByteArray &bytes, QString *error);

} // namespace jobcodec
} // namespace evalx
