#pragma once

#include "models/treemodel.h"

#include <QStringList>
#include <ptscope/run/runspec.h>
#include <vector>

// forward's arguments with the input spec the user gives each (the grammar of
// ptscope/run/inputspec.h), checked as they are typed. An empty spec stands for the schema default.
class InputsModel : public TableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        Argument,
        Type,
        Input,
        NUM_COLUMNS
    };
    enum Roles
    {
        ProblemRole = Qt::UserRole, // why the spec cannot be used; empty when it can
        SpecRole,                   // the spec as typed
    };

    explicit InputsModel(QObject* parent = nullptr);

    // remembered: the specs last run on this model, used when they still fit forward's arguments.
    void setArguments(const std::vector<ptscope::ArgumentSpec>& arguments,
                      const QStringList& remembered = {});
    void clear();

    int argumentCount() const { return int(m_rows.size()); }
    const ptscope::ArgumentSpec& argument(int row) const { return m_rows[size_t(row)].argument; }
    QStringList specs() const;
    bool setSpec(int row, const QString& spec);
    // The first argument whose input cannot be used, for people ("x: needs an input"); empty
    // when every argument has one.
    QString firstProblem() const;

    // A starting spec for an argument: the example a traced graph recorded, else nothing (the
    // schema default, or the user must say).
    static QString suggestedSpec(const ptscope::ArgumentSpec& argument);

    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

protected:
    int rows() const override { return int(m_rows.size()); }
    QVariant cellData(int node, int column, int role) const override;
    QVariant headerCell(int column, int role) const override;

private:
    struct Row
    {
        ptscope::ArgumentSpec argument;
        QString spec;
        QString problem;
    };
    static QString problemOf(const Row& row);

    std::vector<Row> m_rows;
};
