#include "graph/graphlegend.h"

#include "models/oplegendmodel.h"

#include <QListView>
#include <QVBoxLayout>

GraphLegend::GraphLegend(QWidget* parent)
    : QFrame(parent), m_model(new OpLegendModel(this)), m_view(new QListView(this))
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
    setVisible(false);
}

void GraphLegend::setDrawing(const GraphDrawingPtr& drawing)
{
    m_model->setDrawing(drawing);
}

void GraphLegend::setWanted(bool wanted)
{
    m_wanted = wanted;
    setVisible(m_wanted && m_model->rowCount() > 0);
}

void GraphLegend::fitToRows()
{
    // A list view's size hint ignores its contents; the legend should be exactly as big as them.
    const int rows = m_model->rowCount();
    m_view->setFixedSize(m_view->sizeHintForColumn(0) + 4, rows * std::max(1, m_view->sizeHintForRow(0)) + 2);
    adjustSize();
    setVisible(m_wanted && rows > 0);
}
