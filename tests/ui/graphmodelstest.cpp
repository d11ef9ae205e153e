#include "controllers/graphcontroller.h"
#include "controllers/modelcontroller.h"
#include "graph/graphsearch.h"
#include "graphtestsupport.h"
#include "models/nodeinspectormodel.h"
#include "models/oplegendmodel.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QTest>

namespace {

// The top-level row whose title starts with `title`, or an invalid index.
QModelIndex section(const QAbstractItemModel& model, const QString& title)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        if (index.data().toString().startsWith(title))
            return index;
    }
    return {};
}

QString valueOf(const QAbstractItemModel& model, const QModelIndex& parent, const QString& name)
{
    for (int row = 0; row < model.rowCount(parent); ++row)
        if (model.index(row, NodeInspectorModel::Name, parent).data().toString() == name)
            return model.index(row, NodeInspectorModel::Value, parent).data().toString();
    return {};
}

} // namespace

class GraphModelsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        UiTest::isolateSettings();
        m_resnet = GraphTest::open(QStringLiteral("resnet18_scripted.pt"));
        QVERIFY(m_resnet);
        m_graphController = std::make_unique<GraphController>(m_resnet->worker());
        m_graphController->setModel(m_resnet->modelInfo());
        QVERIFY(GraphTest::waitUntilSettled(*m_graphController));
        m_drawing = m_graphController->drawing();
    }

    void inspectorOfAConvolution()
    {
        NodeInspectorModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model.rowCount(), 0);
        const ptscope::Graph& graph = *m_drawing->graph;
        const int conv = GraphTest::firstNodeOfKind(graph, "aten::conv2d");
        QVERIFY(conv >= 0);
        model.setNode(m_drawing->graph, conv);
        QCOMPARE(model.columnCount(), int(NodeInspectorModel::NUM_COLUMNS));

        const QModelIndex operation = section(model, QStringLiteral("Operation"));
        QVERIFY(operation.isValid());
        QCOMPARE(valueOf(model, operation, QStringLiteral("Kind")), QStringLiteral("aten::conv2d"));
        QVERIFY(
            valueOf(model, operation, QStringLiteral("Schema")).startsWith(QStringLiteral("aten::conv2d(")));
        QCOMPARE(valueOf(model, operation, QStringLiteral("Module")),
                 QString::fromStdString(graph.nodes[conv].scope));
        QCOMPARE(valueOf(model, operation, QStringLiteral("Source")),
                 QStringLiteral("conv.py:%1").arg(graph.nodes[conv].source.line));

        const QModelIndex inputs = section(model, QStringLiteral("Inputs"));
        QCOMPARE(model.rowCount(inputs), int(graph.nodes[conv].inputs.size()));
        const ptscope::GraphValue& input = graph.values[graph.nodes[conv].inputs.front()];
        QCOMPARE(model.index(0, NodeInspectorModel::Name, inputs).data().toString(),
                 QLatin1Char('%') + QString::fromStdString(input.name));
        const QModelIndex outputs = section(model, QStringLiteral("Outputs"));
        QCOMPARE(model.rowCount(outputs), int(graph.nodes[conv].outputs.size()));
        QVERIFY(model.index(0, NodeInspectorModel::Detail, outputs)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("to ")));
        const QModelIndex constants = section(model, QStringLiteral("Constant arguments"));
        QCOMPARE(model.rowCount(constants), int(graph.nodes[conv].constantInputs.size()));
        QVERIFY(!valueOf(model, constants, QStringLiteral("stride")).isEmpty());

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void inspectorOfACollapsedModule()
    {
        NodeInspectorModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const int box = GraphTest::firstModuleBox(m_drawing->view);
        QVERIFY(box >= 0);
        model.setModuleBox(m_drawing, box);
        const ptscope::ViewItem& item = m_drawing->view.items[box];
        const QModelIndex module = section(model, QStringLiteral("Collapsed module"));
        QCOMPARE(valueOf(model, module, QStringLiteral("Module")), QString::fromStdString(item.scope));
        QCOMPARE(valueOf(model, module, QStringLiteral("Nodes")), QString::number(item.memberCount));
        const QModelIndex ops = section(model, QStringLiteral("Operations inside"));
        int total = 0;
        for (int row = 0; row < model.rowCount(ops); ++row)
            total += model.index(row, NodeInspectorModel::Value, ops).data().toInt();
        QCOMPARE(total, item.memberCount);
    }

    void legendCountsOpBoxesByCategory()
    {
        OpLegendModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDrawing(m_drawing);
        QVERIFY(model.rowCount() > 0);
        int total = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, OpLegendModel::Category);
            const auto category = ptscope::OpCategory(index.data(OpLegendModel::CategoryRole).toInt());
            QCOMPARE(index.data().toString(), QString::fromUtf8(ptscope::opCategoryName(category)));
            QVERIFY(index.data(Qt::DecorationRole).value<QColor>().isValid());
            total += model.index(row, OpLegendModel::Count).data().toInt();
        }
        QCOMPARE(total, GraphTest::countItems(m_drawing->view, ptscope::ViewItemKind::Op));
        model.setDrawing(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void searchFindsEveryConvolution()
    {
        const ptscope::Graph& graph = *m_drawing->graph;
        const int convs = GraphTest::countKind(graph, "aten::conv2d");
        QVERIFY(convs > 1);
        GraphSearch search;
        search.run(graph, m_drawing->view, QStringLiteral("conv2d"), false);
        QCOMPARE(search.hits().size(), convs);
        QCOMPARE(search.current(), -1);
        QCOMPARE(search.next(), search.hits().first());
        for (int i = 1; i < convs; ++i)
            search.next();
        QCOMPARE(search.currentNode(), search.hits().last());
        QCOMPARE(search.next(), search.hits().first()); // wraps
        QCOMPARE(search.previous(), search.hits().last());

        search.run(graph, m_drawing->view, QStringLiteral("CONV2D|aten::linear$"), true);
        QCOMPARE(search.hits().size(), convs + GraphTest::countKind(graph, "aten::linear"));
        search.run(graph, m_drawing->view, QStringLiteral("conv2d|"), false); // plain text: no match
        QCOMPARE(search.hits().size(), 0);
        search.run(graph, m_drawing->view, QStringLiteral("(unclosed"), true);
        QVERIFY(!search.error().isEmpty());
        QCOMPARE(search.next(), -1);
    }

    void searchByModuleAndValueName()
    {
        const ptscope::Graph& graph = *m_drawing->graph;
        GraphSearch search;
        search.run(graph, m_drawing->view, QStringLiteral("layer2.1"), false);
        QVERIFY(!search.hits().isEmpty());
        for (int node : search.hits()) // no debug name looks like a module path
            QVERIFY(graph.nodes[node].scope.rfind("layer2.1", 0) == 0);

        // The graph's own input: its user is found by the value's debug name.
        const std::string input = graph.values[graph.blocks.front().inputs.back()].name;
        search.run(graph, m_drawing->view,
                   QStringLiteral("^%1$").arg(QRegularExpression::escape(QString::fromStdString(input))),
                   true);
        QVERIFY(!search.hits().isEmpty());

        // Constants are not drawn in this view: counted, not listed.
        search.run(graph, m_drawing->view, QStringLiteral("prim::Constant"), false);
        QCOMPARE(search.hits().size(), 0);
        QCOMPARE(search.hiddenMatches(), GraphTest::countKind(graph, "prim::Constant"));
    }

private:
    std::unique_ptr<UiTest::OpenedModel> m_resnet;
    std::unique_ptr<GraphController> m_graphController; // goes before the worker of m_resnet

    GraphDrawingPtr m_drawing;
};

QTEST_MAIN(GraphModelsTest)
#include "graphmodelstest.moc"
