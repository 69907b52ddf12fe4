#pragma once

#include <QHttpServerRequest>
#include <QHttpServerResponse>

namespace evalx {

class Engine;

// /api/v1/reports: a report of jobs of the queue, in any format reportwriter writes.
class ReportController final
{
public:
    static constexpr int kMaxTokens = 1000;

    explicit ReportController(Engine &engine);

    // GET /api/v1/reports?tokens=T1,T2,...&format=csv|json|html|pdf[&title=TEXT]
    // tokens: 1 to kMaxTokens job tokens, comma-separated, in the report's order
    // (repeats ignored); format: json when omitted. 200 with the report as a
    // download (Content-Type of the format, Content-Disposition attachment);
    // 400 no tokens; 404 an unknown token (named); 413 too many tokens; 422 an
    // unknown format; 503 the queue unreachable, or PDF without Qt's GUI module.
    QHttpServerResponse report(const QHttpServerRequest &request) const;

private:
    Engine &m_engine;
};

} // namespace evalx
