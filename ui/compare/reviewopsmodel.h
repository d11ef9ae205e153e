#pragma once

#include "models/treemodel.h"

#include <memory>
#include <ptscope/compare/review.h>

// The version review's operator kinds whose count changed between the two inlined graphs.
class ReviewOpsModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Kind,
        CountA,
        CountB,
        Change, // B's count less A's, signed
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole,
    };

    explicit ReviewOpsModel(QObject* parent = nullptr);

    void setReview(const std::shared_ptr<const ptscope::Review>& review);

protected:
    int rows() const override;
    QVariant cellData(int row, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    std::shared_ptr<const ptscope::Review> m_review;
};
