#pragma once

#include "models/treemodel.h"

#include <memory>
#include <ptscope/compare/review.h>

// When both versions were profiled: the aligned nodes whose time changed most, with both medians.
class ReviewTimingsModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Node,
        MsA,
        MsB,
        Change, // B's median over A's
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole,
    };

    explicit ReviewTimingsModel(QObject* parent = nullptr);

    void setReview(const std::shared_ptr<const ptscope::Review>& review);

protected:
    int rows() const override;
    QVariant cellData(int row, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    std::shared_ptr<const ptscope::Review> m_review;
};
