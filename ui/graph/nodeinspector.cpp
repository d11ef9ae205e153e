#include "graph/nodeinspector.h"

#include "models/nodeinspectormodel.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

NodeInspector::NodeInspector(QWidget* parent)
    : QWidget(parent), m_model(new NodeInspectorModel(this)), m_header(new QLabel(this)),
      m_view(new QTreeView(this)), m_source(new QPushButton(this)),
      m_expand(new QPushButton(tr("Expand Module"), this))
{
    m_header->setObjectName(QStringLiteral("nodeHeader"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setContentsMargins(4, 4, 4, 4);
    m_view->setObjectName(QStringLiteral("nodeInspector"));
    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setWordWrap(false);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->resizeSection(NodeInspectorModel::Name, 150);
    m_view->header()->resizeSection(NodeInspectorModel::Value, 200);
    connect(m_model, &QAbstractItemModel::modelReset, m_view, &QTreeView::expandAll);

    m_source->setVisible(false);
    m_expand->setVisible(false);
    connect(m_source, &QPushButton::clicked, this, [this]() { emit openSourceRequested(m_file, m_line); });
    connect(m_expand, &QPushButton::clicked, this, [this]() { emit expandRequested(m_scope); });

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(4, 0, 4, 4);
    buttons->addWidget(m_source);
    buttons->addWidget(m_expand);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_header);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    clear();
}

void NodeInspector::showNode(const GraphPtr& graph, int node, const QString& note)
{
    const ptscope::GraphNode& n = graph->nodes[node];
    QString html =
        QStringLiteral("<b>%1</b>&nbsp;&nbsp;<span style='color:gray'>%2</span><br>%3")
            .arg(QString::fromStdString(n.label).toHtmlEscaped(),
                 QString::fromStdString(n.kind).toHtmlEscaped(),
                 n.scope.empty() ? tr("root module") : QString::fromStdString(n.scope).toHtmlEscaped());
    if (!note.isEmpty())
        html += QStringLiteral("<br><i>%1</i>").arg(note.toHtmlEscaped());
    m_header->setText(html);
    m_model->setNode(graph, node);
    setSource(QString::fromStdString(n.source.file), n.source.line);
    m_scope.clear();
    m_expand->setVisible(false);
}

void NodeInspector::showModuleBox(const GraphDrawingPtr& drawing, int item)
{
    const ptscope::ViewItem& box = drawing->view.items[item];
    m_scope = QString::fromStdString(box.scope);
    m_header->setText(tr("<b>%1</b>&nbsp;&nbsp;<span style='color:gray'>collapsed module of %2</span>")
                          .arg(m_scope.toHtmlEscaped(),
                               box.memberCount == 1 ? tr("1 node") : tr("%1 nodes").arg(box.memberCount)));
    m_model->setModuleBox(drawing, item);
    setSource({}, 0);
    m_expand->setVisible(true);
}

void NodeInspector::clear()
{
    m_header->setText(tr("<span style='color:gray'>Click a box in the graph to inspect it.</span>"));
    m_model->clear();
    setSource({}, 0);
    m_scope.clear();
    m_expand->setVisible(false);
}

QString NodeInspector::headerText() const
{
    return m_header->text();
}

void NodeInspector::setSource(const QString& file, int line)
{
    m_file = file;
    m_line = line;
    m_source->setVisible(!file.isEmpty() && line > 0);
    m_source->setText(tr("Show %1:%2 in Code").arg(QFileInfo(file).fileName()).arg(line));
}
