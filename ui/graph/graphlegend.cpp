#include "graph/graphlegend.h"

#include "graph/graphheat.h"
#include "models/oplegendmodel.h"

#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QVBoxLayout>

GraphLegend::GraphLegend(QWidget* parent)
    : QFrame(parent), m_model(new OpLegendModel(this)), m_view(new QListView(this)), m_heat(new QLabel(this))
{
    setObjectName(QStringLiteral("graphLegend"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_view->setModel(m_model);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setIconSize(QSize(10, 10));
    QFont small = m_view->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_view->setFont(small);
    connect(m_model, &QAbstractItemModel::modelReset, this, &GraphLegend::fitToRows);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->addWidget(m_view);
    layout->addWidget(m_heat);
    m_heat->setObjectName(QStringLiteral("graphHeatScale"));
    m_heat->setFont(small);
    m_heat->hide();
    setVisible(false);
}

void GraphLegend::setHeatScale(bool on)
{
    if (on == m_heatOn)
        return;
    m_heatOn = on;
    if (on && m_heat->pixmap().isNull()) {
        // The ramp, then a swatch for nodes that did not run, drawn once.
        const QFontMetrics metrics(m_heat->font());
        const int rampWidth = 120;
        const int height = metrics.height();
        QPixmap pixmap(rampWidth + 2, height * 3 + 6);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        for (int x = 0; x < rampWidth; ++x) {
            painter.setPen(GraphHeat::colorOf(double(x) / (rampWidth - 1)));
            painter.drawLine(x + 1, 0, x + 1, height - 2);
        }
        painter.setPen(Qt::black);
        painter.setFont(m_heat->font());
        const QRect labels(1, height, rampWidth, height);
        painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, tr("little time"));
        painter.drawText(labels, Qt::AlignRight | Qt::AlignVCenter, tr("most"));
        painter.fillRect(QRect(1, 2 * height + 5, 10, 10), GraphHeat::notRunColor());
        painter.drawText(QRect(16, 2 * height + 3, rampWidth, height), Qt::AlignLeft | Qt::AlignVCenter,
                         tr("did not run"));
        painter.end();
        m_heat->setPixmap(pixmap);
        m_heat->setToolTip(tr("Median time per run from the last profile; a module's frame shows its total"));
    }
    m_view->setVisible(!on);
    m_heat->setVisible(on);
    adjustSize();
    setVisible(m_wanted && (on || m_model->rowCount() > 0));
}

void GraphLegend::setDrawing(const GraphDrawingPtr& drawing)
{
    m_model->setDrawing(drawing);
}

void GraphLegend::setWanted(bool wanted)
{
    m_wanted = wanted;
    setVisible(m_wanted && (m_heatOn || m_model->rowCount() > 0));
}

void GraphLegend::fitToRows()
{
    // A list view's size hint ignores its contents; the legend should be exactly as big as them.
    const int rows = m_model->rowCount();
    m_view->setFixedSize(m_view->sizeHintForColumn(0) + 4, rows * std::max(1, m_view->sizeHintForRow(0)) + 2);
    adjustSize();
    setVisible(m_wanted && (m_heatOn || rows > 0));
}
