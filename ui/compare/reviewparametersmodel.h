#pragma once

#include "models/treemodel.h"

#include <memory>
#include <ptscope/compare/review.h>

// The version review's parameters and buffers added, removed, reshaped or with other values: one
// per row, with how far the values moved when the shapes still match.
class ReviewParametersModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Name,
        Change,
        Kind, // parameter or buffer
        A,    // dtype and shape
        B,
        MaxAbs,
        MaxRel,
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole,
        ChangeRole,
    };

    explicit ReviewParametersModel(QObject* parent = nullptr);

    void setReview(const std::shared_ptr<const ptscope::Review>& review);

protected:
    int rows() const override;
    QVariant cellData(int row, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    QVariant displayData(const ptscope::ParameterChange& p, int column) const;

    std::shared_ptr<const ptscope::Review> m_review;
};
