#pragma once

#include "modelinfoptr.h"
#include "models/treemodel.h"

#include <QVector>

// The facts about a whole model (file, format, totals, forward graph) as property/value rows.
class ModelSummaryModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Property,
        Value,
        NUM_COLUMNS
    };

    explicit ModelSummaryModel(QObject* parent = nullptr);

    void setModelInfo(const ModelInfoPtr& info);
    // The value of the row labelled property, for tests and tooltips; empty if there is none.
    QString value(const QString& property) const;

protected:
    int rows() const override { return m_rows.size(); }
    QVariant cellData(int node, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    QVector<QPair<QString, QString>> m_rows;
};
