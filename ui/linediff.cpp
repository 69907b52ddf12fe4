#include "linediff.h"

#include <QHash>
#include <vector>

namespace evalx::ui {

namespace {

// Lines as small integers, equal lines equal numbers: the LCS then compares ints.
QList<int> numbered(const QStringList &lines, QHash<QString, int> &ids)
{
    QList<int> out;
    out.reserve(lines.size());
    for (const QString &line : lines) {
        auto it = ids.constFind(line);
        if (it == ids.constEnd())
            it = ids.insert(line, int(ids.size()));
        out << *it;
    }
    return out;
}

} // namespace

LineDiff diffLines(const QStringList &expected, const QStringList &actual, qint64 maxCells)
{
    QHash<QString, int> ids;
    const QList<int> a = numbered(expected, ids);
    const QList<int> b = numbered(actual, ids);
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    qsizetype prefix = 0;
    while (prefix < n && prefix < m && a.at(prefix) == b.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix &&
           a.at(n - 1 - suffix) == b.at(m - 1 - suffix))
        ++suffix;
    const qsizetype rows = n - prefix - suffix; // the middle of a
    const qsizetype cols = m - prefix - suffix; // and of b

    LineDiff diff;
    if (qint64(rows) * qint64(cols) > maxCells || std::min(rows, cols) > 65535) {
        diff.positional = true;
        for (qsizetype i = 0; i < std::max(rows, cols); ++i) {
            const bool inA = i < rows;
            const bool inB = i < cols;
            if (inA && inB && a.at(prefix + i) == b.at(prefix + i))
                continue;
            if (inA)
                diff.expectedOnly << int(prefix + i);
            if (inB)
                diff.actualOnly << int(prefix + i);
        }
        return diff;
    }

    // lcs[i][j]: the LCS of the middles' suffixes from i and j, so that the
    // walk below goes forwards. Lengths fit 16 bits: the shorter side is at
    // most sqrt(maxCells) lines.
    const qsizetype width = cols + 1;
    std::vector<quint16> lcs(size_t((rows + 1) * width), 0);
    const auto at = [&](qsizetype i, qsizetype j) -> quint16 & {
        return lcs[size_t(i * width + j)];
    };
    for (qsizetype i = rows - 1; i >= 0; --i) {
        for (qsizetype j = cols - 1; j >= 0; --j) {
            at(i, j) = a.at(prefix + i) == b.at(prefix + j) ? quint16(at(i + 1, j + 1) + 1)
                                                            : std::max(at(i + 1, j), at(i, j + 1));
        }
    }
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < rows && j < cols) {
        if (a.at(prefix + i) == b.at(prefix + j)) {
            ++i;
            ++j;
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            diff.expectedOnly << int(prefix + i++);
        } else {
            diff.actualOnly << int(prefix + j++);
        }
    }
    for (; i < rows; ++i)
        diff.expectedOnly << int(prefix + i);
    for (; j < cols; ++j)
        diff.actualOnly << int(prefix + j);
    return diff;
}

} // namespace evalx::ui
