// The Compare mode's item models and panels on real comparisons: documents `ptscope-cli diff
// --json` writes of fixture pairs (a traced and a scripted model that part at an `if`, two that
// agree, one against saved outputs), read with compareReportFromJson as the window reads the
// worker's, and checked cell by cell against the document itself.

// qcustomplot.h still uses foreach, which ptscope_ui switches off everywhere else. Qt decides
// whether to define foreach when its first header is read, so this comes before any include.
#undef QT_NO_FOREACH

#include "compare/compareformat.h"
#include "compare/compareinputsmodel.h"
#include "compare/compareoutputsmodel.h"
#include "compare/compareresultspanel.h"
#include "compare/compareverdictbanner.h"
#include "compare/diffhistogramchart.h"
#include "compare/divergenceview.h"
#include "compare/codediffview.h"
#include "compare/nodealignment.h"
#include "compare/reviewmodulesmodel.h"
#include "compare/reviewopsmodel.h"
#include "compare/reviewpanel.h"
#include "compare/reviewparametersmodel.h"
#include "compare/reviewtimingsmodel.h"
#include "compare/unifieddiffhighlighter.h"
#include "compare/searchsummaryview.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QTabWidget>
#include <QTextBlock>
#include <QPlainTextEdit>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <qcustomplot.h>

namespace {

constexpr int CliTimeoutMs = 240000;

QString cliPath()
{
    const QString fromEnvironment = qEnvironmentVariable("PTSCOPE_CLI");
    return fromEnvironment.isEmpty() ? QStringLiteral(PTSCOPE_CLI_PATH) : fromEnvironment;
}

// Runs ptscope-cli with these arguments; its standard output, or empty (with a warning) when it
// exits with a status above `allowedStatus` (diff exits 1 for a mismatch).
QByteArray runCli(const QStringList& args, int allowedStatus = 1)
{
    QProcess cli;
    cli.start(cliPath(), args);
    if (!cli.waitForFinished(CliTimeoutMs) || cli.exitStatus() != QProcess::NormalExit ||
        cli.exitCode() > allowedStatus) {
        qWarning("ptscope-cli %s failed: %s", qPrintable(args.join(QLatin1Char(' '))),
                 cli.readAllStandardError().constData());
        return {};
    }
    return cli.readAllStandardOutput();
}

// One comparison, as the report the window shows and as the document's JSON to check it against.
struct Diff
{
    CompareReportPtr report;
    QJsonObject doc;
};

Diff diff(QStringList args)
{
    args.prepend(QStringLiteral("diff"));
    args << QStringLiteral("--json");
    const QByteArray out = runCli(args);
    Diff d;
    if (out.isEmpty())
        return d;
    d.doc = QJsonDocument::fromJson(out).object();
    d.report = std::make_shared<const ptscope::CompareReport>(ptscope::compareReportFromJson(out.toStdString()));
    return d;
}

QString fixture(const char* name)
{
    return UiTest::fixturePath(QString::fromUtf8(name));
}

// The branch pair: a trace of `if x.sum() > 0` kept one arm; the script keeps both. They agree on
// ones and the search finds the negated input on which they do not.
Diff branchDiff()
{
    static Diff d = diff({fixture("branch_traced.pt"), fixture("branch_scripted.pt"), QStringLiteral("--input"),
                          QStringLiteral("float32[1,4]:ones"), QStringLiteral("--search"), QStringLiteral("--per-node")});
    return d;
}

QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

QString number(const QJsonValue& value)
{
    return CompareFormat::number(value.toDouble());
}

// A review of two versions as ptscope-cli review reports one: a block added, a layer resized,
// weights retrained, the code of two blocks changed alike, both versions profiled.
std::shared_ptr<const ptscope::Review> sampleReview()
{
    auto r = std::make_shared<ptscope::Review>();
    r->modelA = "/models/net_v1.pt";
    r->modelB = "/models/net_v2.pt";
    r->modules = {{"layer3", "added", "", "__torch__.Block"},
                  {"head", "type_changed", "__torch__.Linear", "__torch__.MLP"}};
    ptscope::ParameterChange resized{"fc.weight", "shape", false, {10, 512}, {20, 512}, "float32", "float32", 0, 0};
    ptscope::ParameterChange retrained{"conv1.weight", "values", false, {64, 3, 7, 7}, {64, 3, 7, 7},
                                       "float32", "float32", 0.125, 0.5};
    ptscope::ParameterChange gone{"bn.running_var", "removed", true, {64}, {}, "float32", "", 0, 0};
    r->parameters = {resized, retrained, gone};
    r->ops = {{"aten::conv2d", 20, 23}, {"aten::dropout", 1, 0}};
    r->code = {{"layer1.0", {"layer1.0", "layer1.1"},
                "--- a/layer1.0\n+++ b/layer1.0\n@@ -1,3 +1,3 @@\n def forward(self, x):\n-    return self.relu(x)\n"
                "+    return self.gelu(x)\n     pass"}};
    r->timed = true;
    r->forwardMsA = 10;
    r->forwardMsB = 12.5;
    r->timings = {{"aten::conv2d", "layer3.0.conv1", 0, 1.5}, {"aten::linear", "head", 0.5, 0.25}};
    return r;
}

} // namespace

class CompareModelsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }

    void inputsListEveryInputThenTheCounterexample()
    {
        const Diff d = branchDiff();
        QVERIFY(d.report);
        CompareInputsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReport(d.report);
        const QJsonArray inputs = d.doc.value(QStringLiteral("inputs")).toArray();
        QCOMPARE(model.rowCount(), inputs.size() + 1);
        QCOMPARE(cell(model, 0, CompareInputsModel::Input), inputs[0][QStringLiteral("input")].toString());
        QCOMPARE(cell(model, 0, CompareInputsModel::Verdict), inputs[0][QStringLiteral("verdict")].toString());
        QCOMPARE(cell(model, 0, CompareInputsModel::MaxAbs), QStringLiteral("0"));
        QVERIFY(model.data(model.index(0, 0), CompareInputsModel::IsWorstRole).toBool());

        const int last = model.rowCount() - 1;
        QCOMPARE(model.defaultRow(), last);
        QVERIFY(model.data(model.index(last, 0), CompareInputsModel::IsCounterexampleRole).toBool());
        const QJsonObject counterexample = d.doc.value(QStringLiteral("counterexample")).toObject();
        QVERIFY(cell(model, last, CompareInputsModel::Input)
                    .contains(counterexample[QStringLiteral("description")].toString()));
        QCOMPARE(cell(model, last, CompareInputsModel::Verdict), QStringLiteral("mismatch"));
        QCOMPARE(cell(model, last, CompareInputsModel::MaxAbs),
                 number(counterexample[QStringLiteral("outputs")][0][QStringLiteral("max_abs")]));
        QCOMPARE(cell(model, last, CompareInputsModel::Mismatched), QStringLiteral("4 / 4"));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void outputsShowTheCounterexamplesMetrics()
    {
        const Diff d = branchDiff();
        QVERIFY(d.report && d.report->search && d.report->search->found);
        CompareOutputsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOutputs(d.report->search->diff.outputs);
        const QJsonArray outputs = d.doc.value(QStringLiteral("counterexample"))[QStringLiteral("outputs")].toArray();
        QCOMPARE(model.rowCount(), outputs.size());
        QCOMPARE(model.columnCount(), int(CompareOutputsModel::NUM_COLUMNS));
        const QJsonObject o = outputs[0].toObject();
        QCOMPARE(cell(model, 0, CompareOutputsModel::Path), o[QStringLiteral("path")].toString());
        QCOMPARE(cell(model, 0, CompareOutputsModel::Verdict), QStringLiteral("differs"));
        QCOMPARE(cell(model, 0, CompareOutputsModel::Shapes), QStringLiteral("float32 [1, 4]"));
        QCOMPARE(cell(model, 0, CompareOutputsModel::MaxAbs), number(o[QStringLiteral("max_abs")]));
        QCOMPARE(cell(model, 0, CompareOutputsModel::MeanAbs), number(o[QStringLiteral("mean_abs")]));
        QCOMPARE(cell(model, 0, CompareOutputsModel::MaxRel), number(o[QStringLiteral("max_rel")]));
        QCOMPARE(cell(model, 0, CompareOutputsModel::Cosine),
                 QString::number(o[QStringLiteral("cosine")].toDouble(), 'f', 4));
        QCOMPARE(cell(model, 0, CompareOutputsModel::Mismatched),
                 QStringLiteral("%1 / %2").arg(o[QStringLiteral("mismatched")].toInt()).arg(o[QStringLiteral("total")].toInt()));
        QCOMPARE(model.data(model.index(0, CompareOutputsModel::MaxAbs), CompareOutputsModel::SortRole).toDouble(),
                 o[QStringLiteral("max_abs")].toDouble());
        // The tooltip says in words what is wrong, as the document does.
        QVERIFY(cell(model, 0, CompareOutputsModel::Verdict, Qt::ToolTipRole)
                    .contains(o[QStringLiteral("problem")].toString()));
        QCOMPARE(model.firstMismatch(), 0);
    }

    void trialsOfAgreeingModels()
    {
        const Diff d = diff({fixture("simplenet_traced.pt"), fixture("simplenet_scripted.pt"), QStringLiteral("--input"),
                             QStringLiteral("float32[2,10]:randn"), QStringLiteral("--trials"), QStringLiteral("3"),
                             QStringLiteral("--per-node")});
        QVERIFY(d.report);
        QCOMPARE(d.doc.value(QStringLiteral("verdict")).toString(), QStringLiteral("match"));
        CompareInputsModel inputs;
        QAbstractItemModelTester tester(&inputs, QAbstractItemModelTester::FailureReportingMode::QtTest);
        inputs.setReport(d.report);
        QCOMPARE(inputs.rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            const QJsonObject input = d.doc.value(QStringLiteral("inputs"))[row].toObject();
            QCOMPARE(cell(inputs, row, CompareInputsModel::Input), input[QStringLiteral("input")].toString());
            QCOMPARE(cell(inputs, row, CompareInputsModel::Verdict), QStringLiteral("match"));
            QVERIFY(!inputs.data(inputs.index(row, 0), CompareInputsModel::IsCounterexampleRole).toBool());
        }
        QCOMPARE(inputs.defaultRow(), d.doc.value(QStringLiteral("worst_input"))[QStringLiteral("index")].toInt());

        CompareOutputsModel outputs;
        QAbstractItemModelTester outputsTester(&outputs, QAbstractItemModelTester::FailureReportingMode::QtTest);
        outputs.setOutputs(inputs.inputAt(0)->outputs);
        QCOMPARE(outputs.rowCount(), 1);
        QCOMPARE(cell(outputs, 0, CompareOutputsModel::Verdict), QStringLiteral("match"));
        QCOMPARE(cell(outputs, 0, CompareOutputsModel::Shapes), QStringLiteral("float32 [2, 2]"));

        CompareVerdictBanner banner;
        banner.setReport(d.report);
        QVERIFY2(banner.headline().contains(QStringLiteral("MATCH")) && !banner.headline().contains(QStringLiteral("MIS")),
                 qPrintable(banner.headline()));
        QVERIFY2(banner.details().contains(QStringLiteral("simplenet_scripted.pt")), qPrintable(banner.details()));
        QVERIFY(banner.details().contains(QStringLiteral("all 3 inputs")));

        DivergenceView divergence;
        divergence.setReport(d.report);
        QVERIFY2(divergence.text().contains(QStringLiteral("No aligned node")), qPrintable(divergence.text()));
    }

    void againstSavedOutputs()
    {
        QTemporaryDir folder;
        const QString saved = folder.filePath(QStringLiteral("outputs.pt"));
        const QStringList inputs = {QStringLiteral("--input"), QStringLiteral("float32[2,6]:randn"), QStringLiteral("--input"),
                                    QStringLiteral("float32[2,3]:randn"), QStringLiteral("--input"), QStringLiteral("float:0.5"),
                                    QStringLiteral("--input"), QStringLiteral("int:2")};
        QVERIFY(!runCli(QStringList{QStringLiteral("run"), fixture("multi_io_scripted.pt")} + inputs +
                            QStringList{QStringLiteral("--save-outputs"), saved},
                        0)
                     .isEmpty());
        // Another seed: other inputs, so both outputs differ from the saved ones.
        const Diff d = diff(QStringList{fixture("multi_io_scripted.pt"), QStringLiteral("--reference"), saved,
                                        QStringLiteral("--seed"), QStringLiteral("1")} +
                            inputs);
        QVERIFY(d.report);
        QCOMPARE(d.doc.value(QStringLiteral("verdict")).toString(), QStringLiteral("mismatch"));
        CompareOutputsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOutputs(d.report->outputs.inputs.front().outputs);
        const QJsonArray outputs = d.doc.value(QStringLiteral("outputs")).toArray();
        QCOMPARE(model.rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            const QJsonObject o = outputs[row].toObject();
            QCOMPARE(cell(model, row, CompareOutputsModel::Path), o[QStringLiteral("path")].toString());
            QCOMPARE(cell(model, row, CompareOutputsModel::Verdict), QStringLiteral("differs"));
            QCOMPARE(cell(model, row, CompareOutputsModel::MaxAbs), number(o[QStringLiteral("max_abs")]));
        }
        QCOMPARE(cell(model, 1, CompareOutputsModel::Shapes), QStringLiteral("float32 [4, 3]"));

        CompareVerdictBanner banner;
        banner.setReport(d.report);
        QVERIFY(banner.headline().contains(QStringLiteral("MISMATCH")));
        QVERIFY2(banner.details().contains(QStringLiteral("saved outputs outputs.pt")), qPrintable(banner.details()));

        DivergenceView divergence;
        divergence.setReport(d.report);
        QVERIFY(divergence.text().contains(QStringLiteral("saved outputs have no nodes")));
        SearchSummaryView search;
        search.setReport(d.report);
        QVERIFY(!search.runButton()->isEnabled());
    }

    void histogramBarsByPowerOfTenWithTheTolerance()
    {
        const Diff d = branchDiff();
        QVERIFY(d.report);
        const ptscope::OutputDiff& output = d.report->search->diff.outputs.front();
        DiffHistogramChart chart;
        chart.setOutput(output);
        // atol 1e-05 starts bin 8: the line at its left edge.
        QCOMPARE(chart.toleranceX(), 7.5);
        QCOMPARE(DiffHistogramChart::positionOf(1e-12), 0.5);
        QCOMPARE(DiffHistogramChart::binLabel(0), QStringLiteral("= 0"));
        QCOMPARE(DiffHistogramChart::binLabel(8), QStringLiteral("10⁻⁵"));
        // Every count of the document is a bar, red from atol on.
        const QJsonArray bins =
            d.doc.value(QStringLiteral("counterexample"))[QStringLiteral("outputs")][0][QStringLiteral("histogram")].toArray();
        QCOMPARE(bins.size(), ptscope::DiffHistogram::kBins);
        auto* within = qobject_cast<QCPBars*>(chart.plot()->plottable(0));
        auto* beyond = qobject_cast<QCPBars*>(chart.plot()->plottable(1));
        QVERIFY(within && beyond);
        QCOMPARE(within->data()->size() + beyond->data()->size(), bins.size());
        double beyondCount = 0;
        for (auto it = beyond->data()->constBegin(); it != beyond->data()->constEnd(); ++it) {
            QCOMPARE(it->value, bins[int(it->key)][QStringLiteral("count")].toDouble());
            QVERIFY(bins[int(it->key)][QStringLiteral("from")].toDouble() >= 1e-5);
            beyondCount += it->value;
        }
        QCOMPARE(beyondCount, 4.0);
        QVERIFY2(chart.noteText().contains(QStringLiteral("4 of 4")), qPrintable(chart.noteText()));

        // A path that is not a tensor on both sides has nothing to count.
        ptscope::OutputDiff missing;
        missing.path = "1";
        missing.kind = ptscope::OutputDiff::Kind::OnlyInA;
        missing.problem = "only the first model returns 1";
        chart.setOutput(missing);
        QVERIFY(std::isnan(chart.toleranceX()));
    }

    void divergenceNamesTheIfAndLinksItsSource()
    {
        const Diff d = branchDiff();
        QVERIFY(d.report && d.report->perNode);
        DivergenceView view;
        view.setReport(d.report);
        const QString text = view.text();
        QVERIFY2(text.contains(QStringLiteral("An if in one model only")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("prim::If")));
        QVERIFY(text.contains(QStringLiteral("Run only in A (2)")));
        const QJsonObject cause = d.doc.value(QStringLiteral("structural_causes"))[0].toObject();
        QVERIFY(text.contains(cause[QStringLiteral("message")].toString()));

        QSignalSpy focus(&view, &DivergenceView::focusNodes);
        QSignalSpy source(&view, &DivergenceView::showSource);
        QCOMPARE(view.firstPair(), 0);
        view.activateLink(QStringLiteral("pair:0"));
        QCOMPARE(focus.count(), 1);
        QCOMPARE(focus.first().at(0).toInt(), -1); // the trace has no if
        QCOMPARE(focus.first().at(1).toInt(), cause[QStringLiteral("b")][QStringLiteral("node")].toInt());
        // B's line of the if, and A's same file without a line: what the trace does there instead.
        const QString file = cause[QStringLiteral("b")][QStringLiteral("source")][QStringLiteral("file")].toString();
        QCOMPARE(source.count(), 2);
        QCOMPARE(source.at(0).at(0).toInt(), 0);
        QCOMPARE(source.at(0).at(1).toString(), file);
        QCOMPARE(source.at(0).at(2).toInt(), 0);
        QCOMPARE(source.at(1).at(0).toInt(), 1);
        QCOMPARE(source.at(1).at(1).toString(), file);
        QCOMPARE(source.at(1).at(2).toInt(), cause[QStringLiteral("b")][QStringLiteral("source")][QStringLiteral("line")].toInt());
        view.activateLink(QStringLiteral("pair:7"));
        QCOMPARE(focus.count(), 1);
    }

    void firstDivergentNodeOfTrainingDropout()
    {
        if (!QFileInfo::exists(fixture("compare/dropout_train_traced.pt")))
            QFAIL("The compare fixtures have not been made (tests/fixtures/make_compare_fixtures.py).");
        const Diff d = diff({fixture("compare/dropout_train_traced.pt"), fixture("compare/dropout_train_scripted.pt"),
                             QStringLiteral("--input"), QStringLiteral("float32[4,4]:randn"), QStringLiteral("--per-node")});
        QVERIFY(d.report && d.report->perNode && d.report->perNode->diverged);
        const QJsonObject first = d.doc.value(QStringLiteral("first_divergent_node")).toObject();
        DivergenceView view;
        view.setReport(d.report);
        QVERIFY2(view.text().contains(QStringLiteral("First divergent node: aten::dropout in drop")), qPrintable(view.text()));
        QVERIFY(view.text().contains(QStringLiteral("Dropout in training mode")));
        QSignalSpy focus(&view, &DivergenceView::focusNodes);
        QSignalSpy source(&view, &DivergenceView::showSource);
        view.activateLink(QStringLiteral("pair:0"));
        QCOMPARE(focus.first().at(0).toInt(), first[QStringLiteral("a")][QStringLiteral("node")].toInt());
        QCOMPARE(focus.first().at(1).toInt(), first[QStringLiteral("b")][QStringLiteral("node")].toInt());
        QCOMPARE(source.count(), 2); // both code views
        view.activateLink(QStringLiteral("side:1:0"));
        QCOMPARE(focus.last().at(0).toInt(), -1);
        QCOMPARE(source.last().at(0).toInt(), 1);

        // The report's own pairs win over any alignment of the graphs.
        NodeAlignment alignment;
        alignment.addPair(first[QStringLiteral("a")][QStringLiteral("node")].toInt(), 99);
        alignment.addPairs(*d.report->perNode);
        QCOMPARE(alignment.partnerInB(first[QStringLiteral("a")][QStringLiteral("node")].toInt()),
                 first[QStringLiteral("b")][QStringLiteral("node")].toInt());
        QCOMPARE(alignment.partnerInA(99), -1);
    }

    void resultsPanelShowsTheCounterexampleFirst()
    {
        const Diff d = branchDiff();
        QVERIFY(d.report);
        CompareResultsPanel panel;
        panel.setReport(d.report);
        QCOMPARE(panel.inputsView()->currentIndex().row(), panel.inputsModel()->rowCount() - 1);
        QCOMPARE(panel.outputsModel()->rowCount(), 1);
        QCOMPARE(panel.outputsView()->currentIndex().row(), 0);
        QVERIFY(!std::isnan(panel.histogram()->toleranceX()));
        QVERIFY(panel.verdictBanner()->headline().contains(QStringLiteral("MISMATCH")));
        QVERIFY(panel.searchSummary()->text().contains(QString::fromStdString(d.report->search->description).toHtmlEscaped()));

        // The agreeing input: its outputs match.
        panel.selectInput(0);
        QCOMPARE(cell(*panel.outputsModel(), 0, CompareOutputsModel::Verdict), QStringLiteral("match"));
        QVERIFY(!panel.searchSummary()->runButton()->isEnabled()); // no file given yet
        panel.setCounterexampleFile(QStringLiteral("/tmp/x.pt"));
        QSignalSpy run(&panel, &CompareResultsPanel::runCounterexampleRequested);
        panel.searchSummary()->runButton()->click();
        QCOMPARE(run.count(), 1);
        QCOMPARE(run.first().first().toString(), QStringLiteral("/tmp/x.pt"));
    }

    void reviewTablesListWhatChanged()
    {
        const auto review = sampleReview();
        ReviewModulesModel modules;
        ReviewParametersModel parameters;
        ReviewOpsModel ops;
        ReviewTimingsModel timings;
        QAbstractItemModelTester t1(&modules, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&parameters, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&ops, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t4(&timings, QAbstractItemModelTester::FailureReportingMode::QtTest);
        modules.setReview(review);
        parameters.setReview(review);
        ops.setReview(review);
        timings.setReview(review);

        QCOMPARE(modules.rowCount(), 2);
        QCOMPARE(cell(modules, 0, ReviewModulesModel::Module), QStringLiteral("layer3"));
        QCOMPARE(cell(modules, 0, ReviewModulesModel::Change), QStringLiteral("added"));
        QCOMPARE(cell(modules, 1, ReviewModulesModel::Change), QStringLiteral("class changed"));
        QCOMPARE(cell(modules, 1, ReviewModulesModel::TypeB), QStringLiteral("__torch__.MLP"));

        QCOMPARE(parameters.rowCount(), 3);
        QCOMPARE(cell(parameters, 0, ReviewParametersModel::Change), QStringLiteral("shape changed"));
        QCOMPARE(cell(parameters, 0, ReviewParametersModel::A), QStringLiteral("float32 [10, 512]"));
        QCOMPARE(cell(parameters, 0, ReviewParametersModel::B), QStringLiteral("float32 [20, 512]"));
        QCOMPARE(cell(parameters, 0, ReviewParametersModel::MaxAbs), QString()); // no values to compare
        QCOMPARE(cell(parameters, 1, ReviewParametersModel::MaxAbs), QStringLiteral("0.125"));
        QCOMPARE(cell(parameters, 1, ReviewParametersModel::MaxRel), QStringLiteral("0.5"));
        QCOMPARE(cell(parameters, 2, ReviewParametersModel::Kind), QStringLiteral("buffer"));
        QCOMPARE(cell(parameters, 2, ReviewParametersModel::B), QStringLiteral("—"));

        QCOMPARE(ops.rowCount(), 2);
        QCOMPARE(cell(ops, 0, ReviewOpsModel::Change), QStringLiteral("+3"));
        QCOMPARE(cell(ops, 1, ReviewOpsModel::Change), QStringLiteral("−1"));
        QCOMPARE(ops.data(ops.index(1, ReviewOpsModel::Change), ReviewOpsModel::SortRole).toLongLong(), -1);

        QCOMPARE(timings.rowCount(), 2);
        QCOMPARE(cell(timings, 0, ReviewTimingsModel::Node), QStringLiteral("aten::conv2d in layer3.0.conv1"));
        QCOMPARE(cell(timings, 0, ReviewTimingsModel::Change), QString()); // new in B: no ratio
        QCOMPARE(cell(timings, 1, ReviewTimingsModel::Change), QStringLiteral("0.50×"));

        modules.setReview(nullptr);
        QCOMPARE(modules.rowCount(), 0);
    }

    void codeDiffColoursAddedAndRemovedLines()
    {
        using Kind = UnifiedDiffHighlighter::LineKind;
        QCOMPARE(UnifiedDiffHighlighter::kindOf(QStringLiteral("+++ b/x")), Kind::File);
        QCOMPARE(UnifiedDiffHighlighter::kindOf(QStringLiteral("--- a/x")), Kind::File);
        QCOMPARE(UnifiedDiffHighlighter::kindOf(QStringLiteral("@@ -1,3 +1,3 @@")), Kind::Hunk);
        QCOMPARE(UnifiedDiffHighlighter::kindOf(QStringLiteral("+    return y")), Kind::Added);
        QCOMPARE(UnifiedDiffHighlighter::kindOf(QStringLiteral("-    return x")), Kind::Removed);
        QCOMPARE(UnifiedDiffHighlighter::kindOf(QStringLiteral("     pass")), Kind::Context);

        const auto review = sampleReview();
        CodeDiffView view;
        view.setReview(review);
        QCOMPARE(view.changeCount(), 1);
        QCOMPARE(view.changes()->itemText(0), QStringLiteral("layer1.0 and 1 more"));
        QCOMPARE(view.diffText(), QString::fromStdString(review->code[0].diff));
        // The highlighter coloured the removed line red and the added one green.
        auto* text = view.findChild<QPlainTextEdit*>(QStringLiteral("codeDiffText"));
        const auto background = [&](int line) {
            const QTextBlock block = text->document()->findBlockByNumber(line);
            const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
            return formats.isEmpty() ? QColor() : formats.first().format.background().color();
        };
        QCOMPARE(background(4), QColor(252, 226, 224));
        QCOMPARE(background(5), QColor(220, 245, 222));
        QVERIFY(!background(3).isValid());

        ReviewPanel panel;
        panel.setReview(review);
        QVERIFY2(panel.summaryText().contains(QStringLiteral("From net_v1.pt to net_v2.pt")), qPrintable(panel.summaryText()));
        QVERIFY(panel.summaryText().contains(QStringLiteral("3 parameters and buffers")));
        QCOMPARE(panel.tabs()->tabText(3), QStringLiteral("Code (1)"));
        QVERIFY(panel.tabs()->isTabVisible(4)); // both profiled
        auto identical = std::make_shared<ptscope::Review>();
        identical->modelA = "a.pt";
        identical->modelB = "b.pt";
        panel.setReview(identical);
        QVERIFY(panel.summaryText().contains(QStringLiteral("no module, parameter, operator or code changed")));
        QVERIFY(!panel.tabs()->isTabVisible(4));
    }

    void savingTheCounterexampleIsAllOrNothing()
    {
        QTemporaryDir folder;
        const QString from = folder.filePath(QStringLiteral("from.pt"));
        QFile in(from);
        QVERIFY(in.open(QIODevice::WriteOnly));
        const QByteArray bytes(3 << 20, 'x'); // more than one chunk
        in.write(bytes);
        in.close();
        const QString to = folder.filePath(QStringLiteral("to.pt"));
        QString error;
        QVERIFY2(SearchSummaryView::saveCopy(from, to, &error), qPrintable(error));
        QFile out(to);
        QVERIFY(out.open(QIODevice::ReadOnly));
        QCOMPARE(out.readAll(), bytes);
        // Nowhere to write: an error, and nothing left behind.
        const QString nowhere = folder.filePath(QStringLiteral("missing/to.pt"));
        QVERIFY(!SearchSummaryView::saveCopy(from, nowhere, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFileInfo::exists(nowhere));
        QVERIFY(!SearchSummaryView::saveCopy(folder.filePath(QStringLiteral("absent.pt")), to, &error));
        QCOMPARE(QFileInfo(to).size(), qint64(bytes.size())); // the earlier copy stays whole
    }
};

QTEST_MAIN(CompareModelsTest)
#include "comparemodelstest.moc"
