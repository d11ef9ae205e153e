#pragma once

#include "run/tensorvalues.h"

#include <QAbstractTableModel>

// The values of one tensor, a page of rows at a time. A 1-D tensor is one column; an N-D tensor
// has its last dimension as columns and its leading dimensions flattened into rows (the vertical
// header shows the row's index, "[0, 3]"). A last dimension wider than MaxColumns is shown one
// element per row instead, as a table that wide is unreadable and slow to lay out. A 0-d tensor
// is one cell.
//
// Not a TableModel: those fix their columns at construction, and a tensor's column count and
// row labels change with the tensor.
class TensorValuesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int MaxColumns = 1024;
    static constexpr int DefaultPageRows = 1000;

    enum Roles
    {
        ValueRole = Qt::UserRole, // the element as a double (complex: real part)
        ElementRole,              // the element's flat index in C order
        IndexTextRole,            // "[0, 3, 5]"
    };

    explicit TensorValuesModel(QObject* parent = nullptr);

    void setValues(TensorValuesPtr values);
    void clear() { setValues(nullptr); }
    const TensorValuesPtr& values() const { return m_values; }

    void setPageRows(int rows); // keeps the first element shown in view
    int pageRows() const { return m_pageRows; }
    int page() const { return m_page; }
    int pageCount() const;
    void setPage(int page);
    int64_t totalRows() const { return m_totalRows; }
    int64_t firstRowOfPage() const { return static_cast<int64_t>(m_page) * m_pageRows; }
    // The flat element shown at a cell of the current page; -1 outside the tensor.
    int64_t elementAt(int row, int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void pageChanged(int page, int pageCount);

private:
    void layout();

    TensorValuesPtr m_values;
    int m_columns = 0;
    int64_t m_totalRows = 0;
    bool m_rowHeaderIsElement = false; // rows are single elements: label them with the full index
    int m_pageRows = DefaultPageRows;
    int m_page = 0;
};
