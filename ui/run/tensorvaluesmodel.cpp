#include "run/tensorvaluesmodel.h"

#include <QBrush>
#include <QColor>
#include <algorithm>
#include <cmath>

TensorValuesModel::TensorValuesModel(QObject* parent) : QAbstractTableModel(parent) {}

void TensorValuesModel::setValues(TensorValuesPtr values)
{
    beginResetModel();
    m_values = std::move(values);
    m_page = 0;
    layout();
    endResetModel();
    emit pageChanged(m_page, pageCount());
}

void TensorValuesModel::layout()
{
    m_columns = 0;
    m_totalRows = 0;
    m_rowHeaderIsElement = false;
    if (!m_values || m_values->numel() == 0)
        return;
    const std::vector<int64_t>& shape = m_values->shape();
    if (shape.size() >= 2 && shape.back() <= MaxColumns) {
        m_columns = static_cast<int>(shape.back());
        m_totalRows = m_values->numel() / shape.back();
    } else {
        m_columns = 1;
        m_totalRows = m_values->numel();
        m_rowHeaderIsElement = shape.size() >= 2;
    }
}

void TensorValuesModel::setPageRows(int rows)
{
    rows = std::max(rows, 1);
    if (rows == m_pageRows)
        return;
    const int64_t first = firstRowOfPage();
    beginResetModel();
    m_pageRows = rows;
    m_page = static_cast<int>(first / rows);
    endResetModel();
    emit pageChanged(m_page, pageCount());
}

int TensorValuesModel::pageCount() const
{
    return m_totalRows == 0 ? 1 : static_cast<int>((m_totalRows + m_pageRows - 1) / m_pageRows);
}

void TensorValuesModel::setPage(int page)
{
    page = std::clamp(page, 0, pageCount() - 1);
    if (page == m_page)
        return;
    beginResetModel();
    m_page = page;
    endResetModel();
    emit pageChanged(m_page, pageCount());
}

int64_t TensorValuesModel::elementAt(int row, int column) const
{
    if (row < 0 || column < 0 || column >= m_columns)
        return -1;
    const int64_t tensorRow = firstRowOfPage() + row;
    if (tensorRow >= m_totalRows)
        return -1;
    return tensorRow * m_columns + column;
}

int TensorValuesModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return static_cast<int>(std::clamp<int64_t>(m_totalRows - firstRowOfPage(), 0, m_pageRows));
}

int TensorValuesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QVariant TensorValuesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int64_t element = elementAt(index.row(), index.column());
    if (element < 0)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return m_values->text(element);
    case Qt::ToolTipRole:
        return QString(m_values->indexText(element) + QStringLiteral(" = ") + m_values->text(element));
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole: {
        // NaN and infinities are what people look for in a table of outputs.
        const double v =
            m_values->isComplex() ? std::abs(m_values->complexValue(element)) : m_values->value(element);
        if (!std::isfinite(v))
            return QBrush(QColor(200, 30, 30));
        return {};
    }
    case ValueRole:
        return m_values->value(element);
    case ElementRole:
        return qlonglong(element);
    case IndexTextRole:
        return m_values->indexText(element);
    }
    return {};
}

QVariant TensorValuesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || !m_values || section < 0)
        return {};
    if (orientation == Qt::Horizontal) {
        if (section >= m_columns)
            return {};
        // 1-D and element-per-row tables have one column of values.
        return m_columns == 1 && (m_values->shape().size() < 2 || m_rowHeaderIsElement)
                   ? QVariant(tr("value"))
                   : QVariant(QString::number(section));
    }
    const int64_t tensorRow = firstRowOfPage() + section;
    if (section >= rowCount() || tensorRow >= m_totalRows)
        return {};
    const std::vector<int64_t>& shape = m_values->shape();
    if (shape.empty())
        return QString();
    if (shape.size() == 1 || m_rowHeaderIsElement)
        return m_values->indexText(tensorRow);
    // The leading dimensions' index of the row: the index of its first element without the last.
    QString text = m_values->indexText(tensorRow * m_columns);
    const int lastComma = text.lastIndexOf(QLatin1Char(','));
    return QString(text.left(lastComma) + QLatin1Char(']'));
}
