#include "models/modelsummarymodel.h"

#include <QFile>
#include <QLocale>
#include <ptscope/common/format.h>

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

QString joined(const std::vector<std::string>& items)
{
    QStringList list;
    for (const std::string& item : items)
        list.append(qs(item));
    return list.join(QStringLiteral(", "));
}

QString methodNames(const std::vector<ptscope::MethodInfo>& methods)
{
    QStringList names;
    for (const ptscope::MethodInfo& method : methods)
        names.append(qs(method.name));
    return names.join(QStringLiteral(", "));
}

} // namespace

ModelSummaryModel::ModelSummaryModel(QObject* parent) : TableModel(NUM_COLUMNS, parent) {}

void ModelSummaryModel::setModelInfo(const ModelInfoPtr& info)
{
    beginResetModel();
    m_rows.clear();
    if (info) {
        const ptscope::ModelInfo& model = *info;
        const auto add = [this](const QString& property, const QString& value) {
            m_rows.append({property, value});
        };
        add(tr("File"), QFile::decodeName(model.archive.path.c_str()));
        add(tr("File size"), qs(ptscope::formatBytes(static_cast<int64_t>(model.archive.fileSize))));
        add(tr("Format version"), QString::number(model.archive.formatVersion));
        add(tr("Archive name"), qs(model.archive.archiveName));
        add(tr("Root type"), qs(model.rootType));
        add(tr("Mode"), model.training ? tr("training") : tr("eval"));
        add(tr("Modules"), QLocale().toString(qlonglong(model.modules.size())));
        add(tr("Parameters"), tr("%1 in %2 tensors (%3)")
                                  .arg(qs(ptscope::formatCount(model.numParameters)),
                                       qs(ptscope::formatCount(model.numParameterTensors)),
                                       qs(ptscope::formatBytes(model.parameterBytes))));
        add(tr("Buffers"), tr("%1 (%2)").arg(qs(ptscope::formatCount(model.numBuffers)),
                                             qs(ptscope::formatBytes(model.bufferBytes))));
        if (model.graphNodes)
            add(tr("Forward graph"),
                tr("%1 nodes (inlined)").arg(qs(ptscope::formatCount(*model.graphNodes))));
        else if (!model.hasForward)
            add(tr("Forward graph"), tr("no forward method; methods: %1").arg(methodNames(model.methods)));
        add(tr("Methods"), methodNames(model.methods));
        add(tr("Extra files"),
            model.archive.extraFiles.empty() ? tr("none") : joined(model.archive.extraFiles));
        add(tr("Code files"), QLocale().toString(qlonglong(model.archive.codeFiles.size())));
        add(tr("Records"), QLocale().toString(qlonglong(model.archive.recordCount)));
    }
    endResetModel();
}

QString ModelSummaryModel::value(const QString& property) const
{
    for (const auto& row : m_rows) {
        if (row.first == property)
            return row.second;
    }
    return {};
}

QVariant ModelSummaryModel::cellData(int node, int column, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    return column == Property ? m_rows[node].first : m_rows[node].second;
}

QVariant ModelSummaryModel::headerCell(int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    return column == Property ? tr("Property") : tr("Value");
}
