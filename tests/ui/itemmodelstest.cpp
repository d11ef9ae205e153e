#include "models/attributetablemodel.h"
#include "models/methodtablemodel.h"
#include "models/modelsummarymodel.h"
#include "models/moduletreemodel.h"
#include "models/tensortablemodel.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QTest>

namespace {

QString cell(const QAbstractItemModel& model, int row, int column, const QModelIndex& parent = {})
{
    return model.index(row, column, parent).data().toString();
}

QString shapeText(const QJsonArray& shape)
{
    QStringList dims;
    for (const QJsonValue& dim : shape)
        dims.append(QString::number(dim.toInteger()));
    return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace

class ItemModelsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        UiTest::isolateSettings();
        m_simplenet = UiTest::load(QStringLiteral("simplenet_scripted.pt"));
        m_resnet = UiTest::load(QStringLiteral("resnet18_scripted.pt"));
        QVERIFY(m_simplenet);
        QVERIFY(m_resnet);
    }

    void moduleTreeOfSimpleNet()
    {
        ModuleTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model.rowCount(), 0);
        model.setModelInfo(m_simplenet);

        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(ModuleTreeModel::NUM_COLUMNS));
        const QModelIndex root = model.index(0, 0);
        QCOMPARE(root.data().toString(), QStringLiteral("SimpleNet"));
        QCOMPARE(root.data(ModuleTreeModel::ModulePathRole).toString(), QString());
        QCOMPARE(model.rowCount(root), 2);
        QCOMPARE(cell(model, 0, ModuleTreeModel::Module, root), QStringLiteral("fc1"));
        QCOMPARE(cell(model, 1, ModuleTreeModel::Module, root), QStringLiteral("fc2"));
        QCOMPARE(cell(model, 0, ModuleTreeModel::Type, root), QStringLiteral("Linear"));
        QCOMPARE(model.index(0, ModuleTreeModel::Parameters).data(ModuleTreeModel::SortRole).toLongLong(),
                 67);
        QCOMPARE(cell(model, 0, ModuleTreeModel::Parameters), QStringLiteral("67"));
        QCOMPARE(
            model.index(0, ModuleTreeModel::Parameters, root).data(ModuleTreeModel::SortRole).toLongLong(),
            55);
        QCOMPARE(model.index(0, ModuleTreeModel::Size).data(ModuleTreeModel::SortRole).toLongLong(), 67 * 4);
        QCOMPARE(model.indexOfPath(QStringLiteral("fc2")), model.index(1, 0, root));
        QVERIFY(root.data(ModuleTreeModel::CodeRole).toString().contains(QStringLiteral("def forward")));

        model.setModelInfo(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void moduleTreeOfResNet18MatchesPython()
    {
        ModuleTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setModelInfo(m_resnet);
        const QJsonObject expected = UiTest::expectedFor(QStringLiteral("resnet18_scripted.pt"));
        QVERIFY(!expected.isEmpty());

        const QModelIndex rootParameters = model.index(0, ModuleTreeModel::Parameters);
        QCOMPARE(rootParameters.data(ModuleTreeModel::SortRole).toLongLong(),
                 expected.value(QStringLiteral("num_parameters")).toInteger());
        // Every module Python names is in the tree, under its parent.
        const QJsonArray modules = expected.value(QStringLiteral("modules")).toArray();
        QCOMPARE(qsizetype(m_resnet->modules.size()), modules.size());
        for (const QJsonValue& value : modules) {
            const QString path = value.toObject().value(QStringLiteral("name")).toString();
            const QModelIndex index = model.indexOfPath(path);
            QVERIFY2(index.isValid(), qPrintable(path));
            QCOMPARE(index.data(ModuleTreeModel::ModulePathRole).toString(), path);
            const QString parentPath = path.section(QLatin1Char('.'), 0, -2);
            if (!path.isEmpty())
                QCOMPARE(index.parent(), model.indexOfPath(parentPath));
        }
        const QModelIndex layer1 = model.indexOfPath(QStringLiteral("layer1"));
        QCOMPARE(layer1.data().toString(), QStringLiteral("layer1"));
        QCOMPARE(model.rowCount(layer1), 2);
    }

    void tensorTableOfFc1()
    {
        TensorTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setModule(m_simplenet->modules.at(1));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 0, TensorTableModel::Name), QStringLiteral("weight"));
        QCOMPARE(cell(model, 0, TensorTableModel::Kind), QStringLiteral("parameter"));
        QCOMPARE(cell(model, 0, TensorTableModel::Shape), QStringLiteral("[5, 10]"));
        QCOMPARE(cell(model, 0, TensorTableModel::DType), QStringLiteral("float32"));
        QCOMPARE(model.index(0, TensorTableModel::Elements).data(TensorTableModel::SortRole).toLongLong(),
                 50);
        QCOMPARE(model.index(0, TensorTableModel::Bytes).data(TensorTableModel::SortRole).toLongLong(), 200);
        QCOMPARE(cell(model, 1, TensorTableModel::Name), QStringLiteral("bias"));
        QCOMPARE(cell(model, 1, TensorTableModel::Shape), QStringLiteral("[5]"));
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void tensorTablesOfResNet18MatchPython()
    {
        TensorTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const QJsonObject expected = UiTest::expectedFor(QStringLiteral("resnet18_scripted.pt"));
        const QJsonArray modules = expected.value(QStringLiteral("modules")).toArray();
        for (size_t i = 0; i < m_resnet->modules.size(); ++i) {
            const ptscope::ModuleInfo& module = m_resnet->modules[i];
            model.setModule(module);
            const QJsonObject pyModule = modules.at(qsizetype(i)).toObject();
            QCOMPARE(pyModule.value(QStringLiteral("name")).toString(), QString::fromStdString(module.path));
            const QJsonArray parameters = pyModule.value(QStringLiteral("parameters")).toArray();
            QCOMPARE(qsizetype(module.parameters.size()), parameters.size());
            for (int row = 0; row < parameters.size(); ++row) {
                const QJsonObject parameter = parameters.at(row).toObject();
                QCOMPARE(cell(model, row, TensorTableModel::Name),
                         parameter.value(QStringLiteral("name")).toString());
                QCOMPARE(cell(model, row, TensorTableModel::Shape),
                         shapeText(parameter.value(QStringLiteral("shape")).toArray()));
            }
            // BatchNorm's running statistics follow as buffers.
            QCOMPARE(model.rowCount(), int(module.parameters.size() + module.buffers.size()));
            if (!module.buffers.empty())
                QCOMPARE(cell(model, int(module.parameters.size()), TensorTableModel::Kind),
                         QStringLiteral("buffer"));
        }
    }

    void attributeAndMethodTables()
    {
        AttributeTableModel attributes;
        MethodTableModel methods;
        QAbstractItemModelTester attributeTester(&attributes,
                                                 QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester methodTester(&methods,
                                              QAbstractItemModelTester::FailureReportingMode::Fatal);
        for (const ptscope::ModuleInfo& module : m_resnet->modules) {
            attributes.setModule(module);
            methods.setModule(module);
            QCOMPARE(attributes.rowCount(), int(module.attributes.size()));
            QCOMPARE(methods.rowCount(), int(module.methods.size()));
        }
        methods.setModule(m_simplenet->root());
        QStringList names;
        for (int row = 0; row < methods.rowCount(); ++row)
            names.append(cell(methods, row, MethodTableModel::Name));
        QVERIFY2(names.contains(QStringLiteral("forward")), qPrintable(names.join(QLatin1Char(','))));
        const int forward = int(names.indexOf(QStringLiteral("forward")));
        QVERIFY(cell(methods, forward, MethodTableModel::Schema).startsWith(QStringLiteral("forward(")));
    }

    void summaryOfResNet18()
    {
        ModelSummaryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setModelInfo(m_resnet);
        QVERIFY(model.rowCount() > 5);
        QVERIFY(model.value(QStringLiteral("File")).endsWith(QStringLiteral("resnet18_scripted.pt")));
        QVERIFY(model.value(QStringLiteral("Parameters")).startsWith(QStringLiteral("11,689,512")));
        const qint64 nodes = UiTest::expectedFor(QStringLiteral("resnet18_scripted.pt"))
                                 .value(QStringLiteral("graph_nodes"))
                                 .toInteger();
        QVERIFY2(model.value(QStringLiteral("Forward graph")).startsWith(QLocale().toString(nodes)),
                 qPrintable(model.value(QStringLiteral("Forward graph"))));
    }

    void summaryOfModelWithoutForward()
    {
        ModelSummaryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const ModelInfoPtr lstm = UiTest::load(QStringLiteral("lstm_scripted.pt"));
        QVERIFY(lstm);
        model.setModelInfo(lstm);
        const QString graph = model.value(QStringLiteral("Forward graph"));
        QVERIFY2(graph.startsWith(QStringLiteral("no forward method; methods: ")), qPrintable(graph));
        QVERIFY(graph.contains(QStringLiteral("forward__0")));
    }

    void moduleTreeOfNestedModel()
    {
        ModuleTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const ModelInfoPtr nested = UiTest::load(QStringLiteral("nested_scripted.pt"));
        QVERIFY(nested);
        model.setModelInfo(nested);
        for (size_t i = 0; i < nested->modules.size(); ++i) {
            const QModelIndex index = model.indexOfModule(int(i));
            QCOMPARE(index.data(ModuleTreeModel::ModuleIndexRole).toInt(), int(i));
            int depth = 0;
            for (QModelIndex up = index.parent(); up.isValid(); up = up.parent())
                ++depth;
            QCOMPARE(depth, nested->modules[i].depth);
        }
    }

private:
    ModelInfoPtr m_simplenet;
    ModelInfoPtr m_resnet;
};

QTEST_MAIN(ItemModelsTest)
#include "itemmodelstest.moc"
