#pragma once

#include "models/treemodel.h"

#include <memory>
#include <ptscope/compare/review.h>

// The version review's modules added, removed or of another class, one per row.
class ReviewModulesModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Module,
        Change,
        TypeA,
        TypeB,
        NUM_COLUMNS
    };
    enum Roles
    {
        ChangeRole = Qt::UserRole, // "added", "removed", "type_changed"
    };

    explicit ReviewModulesModel(QObject* parent = nullptr);

    void setReview(const std::shared_ptr<const ptscope::Review>& review);

    // "added", "removed", "class changed", for people; and their colour, shared by the review's tables.
    static QString changeText(const std::string& change);
    static QVariant changeBrush(const std::string& change);

protected:
    int rows() const override;
    QVariant cellData(int row, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    std::shared_ptr<const ptscope::Review> m_review;
};
