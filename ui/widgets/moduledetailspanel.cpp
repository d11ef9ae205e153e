#include "widgets/moduledetailspanel.h"

#include "models/attributetablemodel.h"
#include "models/methodtablemodel.h"
#include "models/tensortablemodel.h"
#include "widgets/tablesection.h"

#include <QLabel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>
#include <ptscope/common/format.h>

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace

ModuleDetailsPanel::ModuleDetailsPanel(QWidget* parent)
    : QWidget(parent), m_header(new QLabel(this)), m_splitter(new QSplitter(Qt::Vertical, this)),
      m_tensors(new TensorTableModel(this)), m_attributes(new AttributeTableModel(this)),
      m_methods(new MethodTableModel(this))
{
    m_header->setObjectName(QStringLiteral("moduleHeader"));
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setTextFormat(Qt::RichText);

    m_splitter->setObjectName(QStringLiteral("detailsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_tensorSection = new TableSection(tr("Parameters and buffers"), m_tensors, TensorTableModel::SortRole);
    m_splitter->addWidget(m_tensorSection);
    m_splitter->addWidget(new TableSection(tr("Attributes"), m_attributes, Qt::DisplayRole));
    m_splitter->addWidget(new TableSection(tr("Methods"), m_methods, Qt::DisplayRole));
    // Tensors are what people come here for; attributes and methods are usually a few rows.
    // restoreSplitterState() later brings the user's own sizes.
    m_splitter->setSizes({400, 150, 150});
    m_splitter->setStretchFactor(0, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_header);
    layout->addWidget(m_splitter, 1);
    clear();
}

void ModuleDetailsPanel::setModule(const ptscope::ModuleInfo& module)
{
    m_header->setText(headerHtml(module));
    m_tensors->setModule(module);
    // Tied weights are rare; an always-empty column would only push the others out of view.
    const auto isShared = [](const ptscope::TensorInfo& tensor) { return !tensor.sharedWith.empty(); };
    const bool anyShared = std::any_of(module.parameters.cbegin(), module.parameters.cend(), isShared) ||
                           std::any_of(module.buffers.cbegin(), module.buffers.cend(), isShared);
    m_tensorSection->view()->setColumnHidden(TensorTableModel::SharedWith, !anyShared);
    m_attributes->setModule(module);
    m_methods->setModule(module);
}

void ModuleDetailsPanel::clear()
{
    m_header->setText(tr("<i>No module selected.</i>"));
    m_tensors->clear();
    m_attributes->clear();
    m_methods->clear();
}

QString ModuleDetailsPanel::headerHtml(const ptscope::ModuleInfo& module)
{
    const QString path = module.path.empty() ? tr("(root)") : qs(module.path).toHtmlEscaped();
    return tr("<b>%1</b> &nbsp;%2<br><small>%3</small><br>%4 · %5 parameters (%6) · %7 buffer elements (%8)")
        .arg(path, qs(module.shortType).toHtmlEscaped(), qs(module.type).toHtmlEscaped(),
             module.training ? tr("training") : tr("eval"), qs(ptscope::formatCount(module.totalParameters)),
             qs(ptscope::formatBytes(module.totalParameterBytes)),
             qs(ptscope::formatCount(module.totalBuffers)),
             qs(ptscope::formatBytes(module.totalBufferBytes)));
}

QByteArray ModuleDetailsPanel::saveSplitterState() const
{
    return m_splitter->saveState();
}

void ModuleDetailsPanel::restoreSplitterState(const QByteArray& state)
{
    m_splitter->restoreState(state);
}
