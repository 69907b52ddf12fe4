#pragma once

#include <QList>
#include <QStringList>

namespace evalx::ui {

// Which lines of two texts are not part of their longest common subsequence
// of lines: what the diff view highlights.
struct LineDiff
{
    QList<int> expectedOnly; // 0-based line numbers of the first text
    QList<int> actualOnly;   // and of the second
    // The texts were too large for the LCS (more than maxCells once their common
    // start and end are set aside): lines were compared by position.
    bool positional = false;
};

// The common prefix and suffix cost nothing; the rest is an LCS over at most
// maxCells cells (2,000 x 2,000 by default), else a comparison line by line.
LineDiff diffLines(const QStringList &expected, const QStringList &actual,
                   qint64 maxCells = 4000000);

} // namespace evalx::ui
