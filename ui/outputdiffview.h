#pragma once

#include "linediff.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace evalx::ui {

// A test's input, expected and actual output side by side, the lines where
// expected and actual differ highlighted (extra selections, not HTML), the two
// outputs scrolling together. Each pane shows at most kMaxLines lines and
// kMaxBytes bytes, and says so, so that a huge output stays fast.
class OutputDiffView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputDiffView)
public:
    static constexpr int kMaxLines = 2000;
    static constexpr int kMaxBytes = 1 << 20;

    enum Pane { InputPane, ExpectedPane, ActualPane, PaneCount };

    // What a pane shows: the data, or only the head of something larger
    // (a test file read in part) of fullSize bytes.
    struct Text
    {
        QByteArray data;
        qint64 fullSize = -1; // -1: data is all of it
        bool present = true;  // false: there is none (a test without an answer)
    };

    explicit OutputDiffView(QWidget *parent = nullptr);
    ~OutputDiffView() override;

    void setTexts(const Text &input, const Text &expected, const Text &actual);
    void clear();

    QPlainTextEdit *edit(Pane pane) const { return m_edits[pane]; }
    QString note(Pane pane) const; // "showing the first 2,000 of 200,000 lines", or the line count
    QString summary() const;       // "3 lines differ, the first at line 12"
    // The highlighted lines, 0-based, as the last setTexts() found them.
    const LineDiff &diff() const { return m_diff; }

private:
    void showText(Pane pane, const Text &text);
    void highlight(Pane pane, const QList<int> &lines, const QColor &color);
    QStringList lines(Pane pane) const;

    QPlainTextEdit *m_edits[PaneCount];
    QLabel *m_notes[PaneCount];
    QLabel *m_summary;
    LineDiff m_diff;
};

} // namespace evalx::ui
