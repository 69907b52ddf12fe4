#include "outputdiffview.h"
#include "verdictstyle.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QVBoxLayout>
#include <climits>

namespace evalx::ui {

namespace {

// The part of data a pane shows: whole lines, at most kMaxLines of them and
// kMaxBytes in all (a single longer line is cut).
struct Head
{
    qsizetype bytes = 0;
    int lines = 0;
};

Head headOf(const QByteArray &data)
{
    Head h;
    while (h.lines < OutputDiffView::kMaxLines) {
        const qsizetype newline = data.indexOf('\n', h.bytes);
        const qsizetype end = newline < 0 ? data.size() : newline + 1;
        if (end == h.bytes || end > OutputDiffView::kMaxBytes)
            break;
        h.bytes = end;
        ++h.lines;
    }
    if (h.lines == 0 && !data.isEmpty()) {
        h.bytes = std::min<qsizetype>(data.size(), OutputDiffView::kMaxBytes);
        h.lines = 1;
    }
    return h;
}

qint64 lineCount(const QByteArray &data)
{
    return data.count('\n') + (!data.isEmpty() && !data.endsWith('\n') ? 1 : 0);
}

QColor tint(Verdict verdict)
{
    QColor c = verdictColor(verdict);
    c.setAlpha(70);
    return c;
}

} // namespace

OutputDiffView::OutputDiffView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
{
    const QString titles[PaneCount] = {tr("Input"), tr("Expected output"), tr("Actual output")};
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (int pane = 0; pane < PaneCount; ++pane) {
        auto *box = new QWidget(splitter);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *title = new QLabel(titles[pane], box);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        m_edits[pane] = new QPlainTextEdit(box);
        m_edits[pane]->setReadOnly(true);
        m_edits[pane]->setUndoRedoEnabled(false);
        m_edits[pane]->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_edits[pane]->setFont(fixed);
        m_notes[pane] = new QLabel(box);
        m_notes[pane]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(title);
        layout->addWidget(m_edits[pane], 1);
        layout->addWidget(m_notes[pane]);
        splitter->addWidget(box);
    }
    // Expected and actual scroll together, line for line.
    const auto link = [](QScrollBar *a, QScrollBar *b) {
        connect(a, &QScrollBar::valueChanged, b, &QScrollBar::setValue);
        connect(b, &QScrollBar::valueChanged, a, &QScrollBar::setValue);
    };
    link(m_edits[ExpectedPane]->verticalScrollBar(), m_edits[ActualPane]->verticalScrollBar());
    link(m_edits[ExpectedPane]->horizontalScrollBar(), m_edits[ActualPane]->horizontalScrollBar());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    clear();
}

OutputDiffView::~OutputDiffView() = default;

void OutputDiffView::clear()
{
    for (int pane = 0; pane < PaneCount; ++pane) {
        m_edits[pane]->clear();
        m_edits[pane]->setExtraSelections({});
        m_notes[pane]->clear();
    }
    m_diff = {};
    m_summary->setText(tr("Select a test to see its input and outputs."));
}

void OutputDiffView::setTexts(const Text &input, const Text &expected, const Text &actual)
{
    showText(InputPane, input);
    showText(ExpectedPane, expected);
    showText(ActualPane, actual);
    m_diff = {};
    if (!expected.present || !actual.present) {
        highlight(ExpectedPane, {}, {});
        highlight(ActualPane, {}, {});
        m_summary->setText(tr("No expected output to compare with."));
        return;
    }
    m_diff = diffLines(lines(ExpectedPane), lines(ActualPane));
    // What should have been there, and what was there instead.
    highlight(ExpectedPane, m_diff.expectedOnly, tint(Verdict::AC));
    highlight(ActualPane, m_diff.actualOnly, tint(Verdict::WA));
    const int differing = int(m_diff.expectedOnly.size() + m_diff.actualOnly.size());
    if (differing == 0) {
        m_summary->setText(tr("Expected and actual output are the same line for line."));
        return;
    }
    int first = INT_MAX;
    if (!m_diff.expectedOnly.isEmpty())
        first = m_diff.expectedOnly.constFirst();
    if (!m_diff.actualOnly.isEmpty())
        first = std::min(first, m_diff.actualOnly.constFirst());
    m_summary->setText(tr("Lines differ: %1 expected but not found, %2 found but not "
                          "expected; the first difference is at line %3.")
                           .arg(m_diff.expectedOnly.size())
                           .arg(m_diff.actualOnly.size())
                           .arg(first + 1));
    // Bring the first difference into view in both outputs.
    QPlainTextEdit *actualEdit = m_edits[ActualPane];
    actualEdit->setTextCursor(QTextCursor(actualEdit->document()->findBlockByNumber(first)));
    actualEdit->ensureCursorVisible();
}

QString OutputDiffView::note(Pane pane) const
{
    return m_notes[pane]->text();
}

QString OutputDiffView::summary() const
{
    return m_summary->text();
}

void OutputDiffView::showText(Pane pane, const Text &text)
{
    QPlainTextEdit *edit = m_edits[pane];
    edit->setExtraSelections({});
    if (!text.present) {
        edit->clear();
        edit->setPlaceholderText(pane == ActualPane
                                     ? tr("Not run yet.")
                                     : tr("None: any run that ends well is accepted."));
        m_notes[pane]->clear();
        return;
    }
    edit->setPlaceholderText(tr("(empty)"));
    const QByteArray &bytes = text.data;
    const Head head = headOf(bytes);
    QByteArray shown = bytes.left(head.bytes);
    if (shown.endsWith('\n'))
        shown.chop(1);
    edit->setPlainText(QString::fromUtf8(shown));

    const QLocale locale;
    const qint64 total = lineCount(bytes);
    if (text.fullSize > bytes.size()) {
        m_notes[pane]->setText(
            tr("showing the first %1 lines of %2")
                .arg(locale.toString(head.lines), locale.formattedDataSize(text.fullSize)));
    } else if (head.bytes < bytes.size()) {
        m_notes[pane]->setText(tr("showing the first %1 of %2 lines")
                                   .arg(locale.toString(head.lines), locale.toString(total)));
    } else {
        m_notes[pane]->setText(tr("%n line(s)", nullptr, int(total)));
    }
}

void OutputDiffView::highlight(Pane pane, const QList<int> &lines, const QColor &color)
{
    QPlainTextEdit *edit = m_edits[pane];
    QList<QTextEdit::ExtraSelection> selections;
    selections.reserve(lines.size());
    QTextCharFormat format;
    format.setBackground(color);
    format.setProperty(QTextFormat::FullWidthSelection, true);
    for (int line : lines) {
        const QTextBlock block = edit->document()->findBlockByNumber(line);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(block);
        s.format = format;
        selections << s;
    }
    edit->setExtraSelections(selections);
}

QStringList OutputDiffView::lines(Pane pane) const
{
    // The document's blocks, so that line numbers are block numbers whatever
    // the text held.
    QStringList out;
    const QTextDocument *document = m_edits[pane]->document();
    out.reserve(document->blockCount());
    for (QTextBlock b = document->begin(); b.isValid(); b = b.next())
        out << b.text();
    if (out.size() == 1 && out.constFirst().isEmpty())
        out.clear();
    return out;
}

} // namespace evalx::ui
