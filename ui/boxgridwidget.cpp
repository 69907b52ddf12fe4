#include "boxgridwidget.h"

#include <QCoreApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace evalx::ui {

namespace {
constexpr int kCell = 20; // a box's square, in pixels
constexpr int kGap = 4;
constexpr int kSwatch = 10; // a legend entry's square
constexpr int kLegendSpacing = 12;

bool sameBoxes(const QList<BoxInfo> &a, const QList<BoxInfo> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].index != b[i].index || a[i].state != b[i].state ||
            a[i].activity != b[i].activity || a[i].runs != b[i].runs ||
            a[i].failures != b[i].failures)
            return false;
    }
    return true;
}
} // namespace

QColor boxStateColor(BoxState state)
{
    // Mid-lightness, saturated: visible on a white and on a near-black page.
    switch (state) {
    case BoxState::Starting:
        return QColor(0xa0, 0xa0, 0xa0); // grey
    case BoxState::Idle:
        return QColor(0x2e, 0xa0, 0x43); // green: ready
    case BoxState::Compiling:
        return QColor(0x3b, 0x82, 0xc4); // blue
    case BoxState::Running:
        return QColor(0xdb, 0x8b, 0x0b); // amber
    case BoxState::Cleaning:
        return QColor(0x9a, 0x5c, 0xd0); // violet
    case BoxState::Broken:
        break;
    }
    return QColor(0xd7, 0x3a, 0x49); // red
}

QString boxStateLabel(BoxState state)
{
    switch (state) {
    case BoxState::Starting:
        return QCoreApplication::translate("evalx::ui", "Starting");
    case BoxState::Idle:
        return QCoreApplication::translate("evalx::ui", "Idle");
    case BoxState::Compiling:
        return QCoreApplication::translate("evalx::ui", "Compiling");
    case BoxState::Running:
        return QCoreApplication::translate("evalx::ui", "Running");
    case BoxState::Cleaning:
        return QCoreApplication::translate("evalx::ui", "Cleaning");
    case BoxState::Broken:
        break;
    }
    return QCoreApplication::translate("evalx::ui", "Broken");
}

const QList<BoxState> &allBoxStates()
{
    static const QList<BoxState> all{BoxState::Idle,     BoxState::Compiling, BoxState::Running,
                                     BoxState::Cleaning, BoxState::Broken,    BoxState::Starting};
    return all;
}

BoxGridWidget::BoxGridWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

BoxGridWidget::~BoxGridWidget() = default;

void BoxGridWidget::setBoxes(const QList<BoxInfo> &boxes)
{
    if (sameBoxes(boxes, m_boxes))
        return;
    const bool resized = boxes.size() != m_boxes.size();
    m_boxes = boxes;
    if (resized)
        updateGeometry();
    update();
}

int BoxGridWidget::columns(int width) const
{
    return std::max(1, (width + kGap) / (kCell + kGap));
}

int BoxGridWidget::gridHeight(int width) const
{
    if (m_boxes.isEmpty())
        return kCell;
    const int cols = columns(width);
    const int rows = int((m_boxes.size() + cols - 1) / cols);
    return rows * kCell + (rows - 1) * kGap;
}

QList<QRect> BoxGridWidget::legendRects(int width) const
{
    // One entry per state, a swatch and its name, wrapped to the width.
    QList<QRect> rects;
    const int lineHeight = fontMetrics().height();
    int x = 0;
    int y = gridHeight(width) + kGap * 2;
    for (BoxState state : allBoxStates()) {
        const int entry = kSwatch + kGap + fontMetrics().horizontalAdvance(boxStateLabel(state));
        if (x > 0 && x + entry > width) {
            x = 0;
            y += lineHeight;
        }
        rects.append(QRect(x, y, entry, lineHeight));
        x += entry + kLegendSpacing;
    }
    return rects;
}

int BoxGridWidget::heightForWidth(int width) const
{
    return legendRects(width).constLast().bottom() + 1;
}

QSize BoxGridWidget::sizeHint() const
{
    const int cols = std::clamp(int(m_boxes.size()), 8, 32);
    const int width = cols * (kCell + kGap) - kGap;
    return {width, heightForWidth(width)};
}

QSize BoxGridWidget::minimumSizeHint() const
{
    return {kCell * 4, heightForWidth(kCell * 4)};
}

QRect BoxGridWidget::boxRect(int i) const
{
    const int cols = columns(width());
    return {(i % cols) * (kCell + kGap), (i / cols) * (kCell + kGap), kCell, kCell};
}

int BoxGridWidget::boxAt(const QPoint &pos) const
{
    for (int i = 0; i < int(m_boxes.size()); ++i) {
        if (boxRect(i).contains(pos))
            return i;
    }
    return -1;
}

QString BoxGridWidget::describe(const BoxInfo &box)
{
    // Plain text: the first line has no markup, so QToolTip does not take
    // an activity with angle brackets for rich text.
    QString text = tr("Box %1: %2").arg(box.index).arg(boxStateLabel(box.state));
    if (!box.activity.isEmpty())
        text += QLatin1Char('\n') + box.activity;
    text += QLatin1Char('\n') + tr("%1 runs, %2 failures").arg(box.runs).arg(box.failures);
    return text;
}

QString BoxGridWidget::toolTipAt(const QPoint &pos) const
{
    const int i = boxAt(pos);
    return i < 0 ? QString() : describe(m_boxes[i]);
}

bool BoxGridWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = boxAt(help->pos());
        if (i < 0) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), describe(m_boxes[i]), this, boxRect(i));
        }
        return true;
    }
    return QWidget::event(event);
}

void BoxGridWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor outline = palette().color(QPalette::WindowText);
    outline.setAlphaF(0.35f);

    if (m_boxes.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRect(0, 0, width(), kCell), Qt::AlignLeft | Qt::AlignVCenter,
                         tr("No boxes"));
    }
    for (int i = 0; i < int(m_boxes.size()); ++i) {
        const QRectF r = QRectF(boxRect(i)).adjusted(0.5, 0.5, -0.5, -0.5);
        const BoxState state = m_boxes[i].state;
        painter.setPen(outline);
        painter.setBrush(boxStateColor(state));
        painter.drawRoundedRect(r, 3, 3);
        if (state == BoxState::Broken) {
            // A cross as well as red: the state reads without colour.
            painter.setPen(QPen(Qt::white, 2));
            const QRectF in = r.adjusted(5, 5, -5, -5);
            painter.drawLine(in.topLeft(), in.bottomRight());
            painter.drawLine(in.topRight(), in.bottomLeft());
        }
    }

    // The legend, in the palette's text colour.
    const QList<QRect> legend = legendRects(width());
    for (qsizetype i = 0; i < legend.size(); ++i) {
        const BoxState state = allBoxStates()[i];
        const QRect &r = legend[i];
        painter.setPen(outline);
        painter.setBrush(boxStateColor(state));
        painter.drawRoundedRect(
            QRectF(r.x() + 0.5, r.y() + (r.height() - kSwatch) / 2 + 0.5, kSwatch, kSwatch), 2, 2);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(r.adjusted(kSwatch + kGap, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                         boxStateLabel(state));
    }
}

} // namespace evalx::ui
