#include "run/inputsmodel.h"

#include <QBrush>
#include <QFileInfo>
#include <QFont>
#include <QPalette>
#include <ptscope/common/error.h>
#include <ptscope/run/inputspec.h>

InputsModel::InputsModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

QString InputsModel::suggestedSpec(const ptscope::ArgumentSpec& argument)
{
    if (!argument.exampleShape)
        return {};
    ptscope::InputSource source;
    source.kind = ptscope::InputSource::Kind::Generated;
    source.dtype = argument.exampleDtype.empty() ? "float32" : argument.exampleDtype;
    source.shape = *argument.exampleShape;
    source.fill = ptscope::InputSource::Fill::Randn;
    return QString::fromStdString(ptscope::formatInputSpec(source));
}

void InputsModel::setArguments(const std::vector<ptscope::ArgumentSpec>& arguments,
                               const QStringList& remembered)
{
    beginResetModel();
    m_rows.clear();
    // Remembered specs are only trusted when they were written for this very signature.
    const bool useRemembered = remembered.size() == qsizetype(arguments.size());
    for (size_t i = 0; i < arguments.size(); ++i) {
        Row row{arguments[i], useRemembered ? remembered[qsizetype(i)] : suggestedSpec(arguments[i]), {}};
        row.problem = problemOf(row);
        m_rows.push_back(std::move(row));
    }
    endResetModel();
}

void InputsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QStringList InputsModel::specs() const
{
    QStringList result;
    for (const Row& row : m_rows)
        result.append(row.spec.trimmed());
    return result;
}

bool InputsModel::setSpec(int row, const QString& spec)
{
    if (row < 0 || row >= rows())
        return false;
    Row& target = m_rows[size_t(row)];
    target.spec = spec.trimmed();
    target.problem = problemOf(target);
    emit dataChanged(index(row, 0), index(row, NUM_COLUMNS - 1));
    return true;
}

QString InputsModel::problemOf(const Row& row)
{
    if (row.spec.isEmpty()) {
        if (row.argument.hasDefault)
            return {};
        return row.argument.kind == "tensor" ? tr("needs an input, e.g. float32[1,3,224,224] or @file.npy")
                                             : tr("needs an input");
    }
    try {
        const ptscope::InputSource source = ptscope::parseInputSpec(row.spec.toStdString());
        if (source.kind == ptscope::InputSource::Kind::File &&
            !QFileInfo::exists(QString::fromStdString(source.path)))
            return tr("file not found: %1").arg(QString::fromStdString(source.path));
    } catch (const ptscope::Error& e) {
        return QString::fromStdString(e.message());
    }
    return {};
}

QString InputsModel::firstProblem() const
{
    for (const Row& row : m_rows)
        if (!row.problem.isEmpty())
            return QString::fromStdString(row.argument.name) + QStringLiteral(": ") + row.problem;
    return {};
}

Qt::ItemFlags InputsModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags result = TableModel::flags(index);
    if (index.isValid() && index.column() == Input)
        result |= Qt::ItemIsEditable;
    return result;
}

bool InputsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.column() != Input || role != Qt::EditRole)
        return false;
    return setSpec(index.row(), value.toString());
}

QVariant InputsModel::cellData(int node, int column, int role) const
{
    const Row& row = m_rows[size_t(node)];
    switch (role) {
    case ProblemRole:
        return row.problem;
    case SpecRole:
        return row.spec;
    case Qt::EditRole:
        return column == Input ? QVariant(row.spec) : QVariant();
    case Qt::DisplayRole:
        switch (column) {
        case Argument:
            return QString::fromStdString(row.argument.name);
        case Type:
            return QString::fromStdString(row.argument.type);
        case Input:
            if (row.spec.isEmpty())
                return row.argument.hasDefault
                           ? tr("default: %1").arg(QString::fromStdString(row.argument.defaultValue))
                           : tr("(required)");
            return row.spec;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == Input)
            return row.problem.isEmpty() ? tr("Double-click to edit. %1").arg(row.spec) : row.problem;
        return {};
    case Qt::ForegroundRole:
        if (column != Input)
            return {};
        if (!row.problem.isEmpty())
            return QBrush(Qt::red);
        if (row.spec.isEmpty())
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (column == Input) {
            QFont font;
            font.setFamily(QStringLiteral("monospace"));
            font.setStyleHint(QFont::Monospace);
            font.setItalic(row.spec.isEmpty());
            return font;
        }
        return {};
    }
    return {};
}

QVariant InputsModel::headerCell(int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Argument:
        return tr("Argument");
    case Type:
        return tr("Type");
    case Input:
        return tr("Input");
    }
    return {};
}
