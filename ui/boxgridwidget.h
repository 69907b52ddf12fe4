#pragma once

#include "boxpool.h"

#include <QColor>
#include <QList>
#include <QWidget>

namespace evalx::ui {

// How the console shows a box's state: a colour that reads on light and dark
// palettes and a translated name.
QColor boxStateColor(BoxState state);
QString boxStateLabel(BoxState state);
const QList<BoxState> &allBoxStates();

// The sandbox's pool as a grid of squares, one per box, coloured by state,
// above a legend; hovering a box tells what it runs.
class BoxGridWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoxGridWidget)
public:
    explicit BoxGridWidget(QWidget *parent = nullptr);
    ~BoxGridWidget() override;

    const QList<BoxInfo> &boxes() const { return m_boxes; }
    void setBoxes(const QList<BoxInfo> &boxes);

    // The box under a point of the widget, as an index into boxes(), or -1.
    int boxAt(const QPoint &pos) const;
    // The square a box is drawn in.
    QRect boxRect(int i) const;
    // What hovering there shows: empty away from the boxes.
    QString toolTipAt(const QPoint &pos) const;
    static QString describe(const BoxInfo &box);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    int columns(int width) const;
    int gridHeight(int width) const;
    QList<QRect> legendRects(int width) const;

    QList<BoxInfo> m_boxes;
};

} // namespace evalx::ui
