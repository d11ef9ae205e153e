#pragma once

// Includes qcustomplot.h, which uses foreach: include this only from a .cpp that undefines
// QT_NO_FOREACH before its first include (see timelinechart.cpp). No Q_OBJECT for the same
// reason: moc's output would include this header without that #undef.
#include <QColor>
#include <QVector>
#include <qcustomplot.h>

// Every node call of one run as a bar from its start to its end, one row per depth (If/Loop
// nesting), time along the key axis. A run can hold hundreds of thousands of calls, so it draws
// only the bars in view and merges those narrower than a pixel into one span per pixel run
// instead of asking the painter for each: a zoomed-out replot costs one pass over the visible
// bars, with a few thousand rectangles drawn at most.
class TimelinePlottable : public QCPAbstractPlottable
{
public:
    struct Bar
    {
        double start = 0; // ms from the start of the run
        double end = 0;
        int row = -1;     // the node's row in the result's nodes
        int color = -1;   // index into the palette; -1: control (If/Loop)
    };

    TimelinePlottable(QCPAxis* keyAxis, QCPAxis* valueAxis);

    // Bars per depth, each row's bars in start order (calls at one depth never overlap).
    void setRows(QVector<QVector<Bar>> rows, QVector<QColor> palette, QVector<QString> labels);
    void setHighlightedRow(int nodeRow); // bars of this node are outlined; -1 for none
    int barCount() const { return m_count; }
    int depthCount() const { return int(m_rows.size()); }
    // The bar under a pixel position, or null.
    const Bar* barAt(const QPointF& pixel) const;
    // Pixels drawn at the last replot: bars and merged spans (to check that merging works).
    int lastDrawnRects() const { return m_lastDrawn; }

    double selectTest(const QPointF& pos, bool onlySelectable, QVariant* details = nullptr) const override;
    QCPRange getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                           const QCPRange& inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

private:
    QColor colorOf(int color) const;
    // Pixel rows covered by depth: top and bottom.
    std::pair<double, double> rowPixels(int depth) const;

    QVector<QVector<Bar>> m_rows;
    QVector<QColor> m_palette;
    QVector<QString> m_labels; // per node row
    double m_end = 0;
    int m_count = 0;
    int m_highlighted = -1;
    int m_lastDrawn = 0;
};
