// qcustomplot.h still uses foreach, which ptscope_ui switches off everywhere else. Qt decides
// whether to define foreach when its first header is read, so this comes before any include.
#undef QT_NO_FOREACH

#include "profile/horizontalbarchart.h"
#include "profile/kindtimechart.h"
#include "profile/memorychart.h"
#include "profile/moduletreemap.h"
#include "profile/noderunschart.h"
#include "profile/profilecontrols.h"
#include "profile/profileexport.h"
#include "profile/profileformat.h"
#include "profile/profilenodesmodel.h"
#include "profile/profilenodesproxy.h"
#include "profile/profilepanel.h"
#include "profile/profilesummary.h"
#include "profile/rooflinechart.h"
#include "profile/speedupmodel.h"
#include "profile/speedupview.h"
#include "profile/timelinechart.h"
#include "profile/timelineplottable.h"
#include "profile/topnodeschart.h"
#include "profile/treemaplayout.h"
#include "run/messagebanner.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>
#include <ptscope/profile/profilejson.h>
#include <ptscope/profile/roofline.h>
#include <qcustomplot.h>

namespace {

constexpr int TimeoutMs = 240000;

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Records of an RFC 4180 CSV text (quoted fields may hold commas, quotes and newlines).
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record.append(field);
            field.clear();
        } else if (c == QLatin1Char('\n')) {
            record.append(field);
            field.clear();
            records.append(record);
            record.clear();
        } else if (c != QLatin1Char('\r')) {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty()) {
        record.append(field);
        records.append(record);
    }
    return records;
}

const ptscope::NodeProfile* nodeById(const ptscope::ProfileResult& r, int id)
{
    for (const ptscope::NodeProfile& n : r.nodes) {
        if (n.id == id)
            return &n;
    }
    return nullptr;
}

// Medians of the leaf (not If/Loop) nodes, largest first.
std::vector<double> leafMediansDescending(const ptscope::ProfileResult& r)
{
    std::vector<double> medians;
    for (const ptscope::NodeProfile& n : r.nodes) {
        if (!n.control)
            medians.push_back(n.ms.median);
    }
    std::sort(medians.begin(), medians.end(), std::greater<>());
    return medians;
}

void click(QWidget* widget, const QPointF& pos)
{
    QTest::mouseClick(widget, Qt::LeftButton, Qt::NoModifier, pos.toPoint());
}

// Shows a chart tab and lays its plot out, so that coordinates map to real pixels.
void showTab(ProfilePanel& panel, QWidget* tab, QCustomPlot* plot)
{
    panel.chartTabs()->setCurrentWidget(tab);
    QCoreApplication::processEvents();
    if (plot)
        plot->replot(QCustomPlot::rpImmediateRefresh);
}

} // namespace

class ProfilePanelTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        UiTest::isolateSettings();
        QVERIFY(m_temp.isValid());
        // One profile per shape of model: a plain CNN, a loop with If/Loop nesting and scalar
        // arguments, a transformer (deep nesting, fused kernels), and a small model with the
        // speed-up report.
        const QString fixtures = UiTest::fixturePath(QString());
        m_results[QStringLiteral("resnet18")] =
            profile(QStringLiteral("resnet18_scripted.pt"), {QStringLiteral("float32[1,3,64,64]")});
        m_results[QStringLiteral("loop")] = profile(
            QStringLiteral("loop_scripted.pt"),
            {QLatin1Char('@') + UiTest::fixturePath(QStringLiteral("run/inputs/loop_x.npy")), QStringLiteral("int:3")});
        m_results[QStringLiteral("transformer")] =
            profile(QStringLiteral("run/transformer_scripted.pt"), {QStringLiteral("float32[1,32,256]")});
        m_results[QStringLiteral("speedup")] =
            profile(QStringLiteral("simplenet_scripted.pt"), {QStringLiteral("float32[1,10]")}, {QStringLiteral("--speedup")});
        for (auto it = m_results.cbegin(); it != m_results.cend(); ++it)
            QVERIFY2(it->second, qPrintable(it->first));
    }

    void modelsPassTester_data() { documents(); }
    void modelsPassTester()
    {
        const ProfileResultPtr result = resultFor();
        ProfileNodesModel model;
        ProfileNodesProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setResult(result);
        proxy.sort(ProfileNodesModel::Median, Qt::DescendingOrder);
        proxy.setFilterText(QStringLiteral("a"));
        proxy.setHidePrim(true);
        proxy.setHideControl(true);
        proxy.setFilterText(QString());
        proxy.setHidePrim(false);
        proxy.setHideControl(false);

        QCOMPARE(model.rowCount(), int(result->nodes.size()));
        QCOMPARE(proxy.rowCount(), int(result->nodes.size()));
        QCOMPARE(model.columnCount(), int(ProfileNodesModel::NUM_COLUMNS));
        for (int row = 0; row < model.rowCount(); ++row) {
            const ptscope::NodeProfile& node = result->nodes[size_t(row)];
            QCOMPARE(model.index(row, 0).data(ProfileNodesModel::NodeIdRole).toInt(), node.id);
            QCOMPARE(model.rowOfNode(node.id), row);
            QCOMPARE(model.index(row, ProfileNodesModel::Kind).data().toString(), QString::fromStdString(node.kind));
            QCOMPARE(model.index(row, ProfileNodesModel::Module).data().toString(),
                     node.scope.empty() ? QStringLiteral("(root)") : QString::fromStdString(node.scope));
            QCOMPARE(model.index(row, ProfileNodesModel::Median).data(ProfileNodesModel::SortRole).toDouble(),
                     node.ms.median);
            QCOMPARE(model.index(row, ProfileNodesModel::Calls).data(ProfileNodesModel::SortRole).toLongLong(),
                     qlonglong(node.calls));
            QCOMPARE(model.index(row, ProfileNodesModel::EventMs).data().toString().isEmpty(), !node.eventMs);
            QCOMPARE(model.index(row, ProfileNodesModel::EventCheck).data().toString().isEmpty(), !node.eventDisagrees);
            const ptscope::NodeRoofline r = ptscope::rooflineOf(node, result->peaks);
            QCOMPARE(model.index(row, ProfileNodesModel::PeakPercent).data().toString().isEmpty(), !r.meaningful);
            if (r.meaningful) {
                QCOMPARE(model.index(row, ProfileNodesModel::PeakPercent).data(ProfileNodesModel::SortRole).toDouble(),
                         r.peakFraction);
                QCOMPARE(model.index(row, ProfileNodesModel::GBps).data(ProfileNodesModel::SortRole).toDouble(),
                         r.gbPerSecond);
            }
            QCOMPARE(model.index(row, ProfileNodesModel::Spread).data(ProfileNodesModel::SortRole).toDouble(), node.ms.std);
        }
        // Outputs as dtype[shape]: resnet18's first convolution makes float32[1,64,32,32] of 64x64.
        if (tagIs("resnet18")) {
            const QModelIndex conv1 = model.indexOfNodeId(firstNodeOfKind(*result, "aten::conv2d")->id,
                                                          ProfileNodesModel::Outputs);
            QCOMPARE(conv1.data().toString(), QStringLiteral("float32[1,64,32,32]"));
        }
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(proxy.rowCount(), 0);
    }

    void speedupModelPassesTester()
    {
        const ProfileResultPtr result = m_results.at(QStringLiteral("speedup"));
        QVERIFY(result->speedup);
        SpeedupModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setReport(result->speedup);
        QCOMPARE(model.rowCount(), int(result->speedup->rows.size()));
        QVERIFY(model.rowCount() > 0);
        for (int row = 0; row < model.rowCount(); ++row) {
            const ptscope::SpeedupRow& r = result->speedup->rows[size_t(row)];
            QCOMPARE(model.index(row, SpeedupModel::Variant).data().toString(), QString::fromStdString(r.variant));
            QCOMPARE(model.index(row, SpeedupModel::Threads).data().toInt(), r.threads);
            if (!r.error.empty()) {
                QCOMPARE(model.index(row, SpeedupModel::Median).data().toString(), QStringLiteral("failed"));
                continue;
            }
            QCOMPARE(model.index(row, SpeedupModel::Median).data(SpeedupModel::SortRole).toDouble(), r.ms.median);
            QCOMPARE(model.index(row, SpeedupModel::Difference).data().toString() == QStringLiteral("bitwise equal"),
                     r.bitwiseEqual);
            // The baseline's speed-up is 1 by definition; others are its median over theirs.
            const int baseline = model.baselineOf(row);
            QVERIFY(baseline >= 0);
            QCOMPARE(*model.speedUpOf(row), result->speedup->rows[size_t(baseline)].ms.median / r.ms.median);
            if (r.variant == "as-saved" && r.executor == "profiling")
                QCOMPARE(*model.speedUpOf(row), 1.0);
        }
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void sortsNumerically_data() { documents(); }
    void sortsNumerically()
    {
        const ProfileResultPtr result = resultFor();
        ProfilePanel panel;
        panel.setResult(result);
        ProfileNodesProxy* proxy = panel.nodesProxy();
        // The tab opens sorted by median, slowest first.
        QCOMPARE(proxy->sortColumn(), int(ProfileNodesModel::Median));
        const auto slowest = std::max_element(result->nodes.begin(), result->nodes.end(), [](const auto& a, const auto& b) {
            return a.ms.median < b.ms.median;
        });
        QCOMPARE(proxy->index(0, ProfileNodesModel::Median).data(ProfileNodesModel::SortRole).toDouble(),
                 slowest->ms.median);
        QCOMPARE(proxy->index(0, 0).data(ProfileNodesModel::NodeIdRole).toInt(), slowest->id);
        for (int row = 1; row < proxy->rowCount(); ++row)
            QVERIFY(proxy->index(row - 1, ProfileNodesModel::Median).data(ProfileNodesModel::SortRole).toDouble() >=
                    proxy->index(row, ProfileNodesModel::Median).data(ProfileNodesModel::SortRole).toDouble());
        // Numbers, not their text: 10 calls sort after 9.
        panel.nodesView()->sortByColumn(ProfileNodesModel::Calls, Qt::AscendingOrder);
        for (int row = 1; row < proxy->rowCount(); ++row)
            QVERIFY(proxy->index(row - 1, ProfileNodesModel::Calls).data(ProfileNodesModel::SortRole).toLongLong() <=
                    proxy->index(row, ProfileNodesModel::Calls).data(ProfileNodesModel::SortRole).toLongLong());
        panel.nodesView()->sortByColumn(ProfileNodesModel::Median, Qt::AscendingOrder);
        const auto fastest = std::min_element(result->nodes.begin(), result->nodes.end(), [](const auto& a, const auto& b) {
            return a.ms.median < b.ms.median;
        });
        QCOMPARE(proxy->index(0, ProfileNodesModel::Median).data(ProfileNodesModel::SortRole).toDouble(),
                 fastest->ms.median);
    }

    void filters()
    {
        const ProfileResultPtr result = m_results.at(QStringLiteral("resnet18"));
        ProfilePanel panel;
        panel.setResult(result);
        ProfileNodesProxy* proxy = panel.nodesProxy();
        panel.filterEdit()->setText(QStringLiteral("conv"));
        int expected = 0;
        int convKinds = 0;
        for (const ptscope::NodeProfile& n : result->nodes) {
            const QString text = QString::fromStdString(n.kind + ' ' + n.scope + ' ' + n.label);
            expected += text.contains(QLatin1String("conv"), Qt::CaseInsensitive) ? 1 : 0;
            convKinds += n.kind == "aten::conv2d" ? 1 : 0;
        }
        QCOMPARE(convKinds, 20); // resnet18: 17 3x3/7x7 and 3 downsampling 1x1 convolutions
        QCOMPARE(proxy->rowCount(), expected);
        QVERIFY(proxy->rowCount() < int(result->nodes.size()));
        int convRows = 0;
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const QString text = proxy->index(row, 0).data(ProfileNodesModel::FilterTextRole).toString();
            QVERIFY2(text.contains(QLatin1String("conv"), Qt::CaseInsensitive), qPrintable(text));
            convRows += proxy->index(row, ProfileNodesModel::Kind).data().toString() == QLatin1String("aten::conv2d");
        }
        QCOMPARE(convRows, convKinds);
        // Without the attribute reads and lists of those modules only the convolutions are left.
        panel.findChild<QCheckBox*>(QStringLiteral("profileHidePrim"))->setChecked(true);
        QCOMPARE(proxy->rowCount(), convKinds);
        panel.filterEdit()->clear();
        int prim = 0;
        for (const ptscope::NodeProfile& n : result->nodes)
            prim += n.kind.rfind("prim::", 0) == 0 ? 1 : 0;
        QVERIFY(prim > 0);
        QCOMPARE(proxy->rowCount(), int(result->nodes.size()) - prim);

        // The loop model's If and Loop nodes.
        const ProfileResultPtr loop = m_results.at(QStringLiteral("loop"));
        panel.setResult(loop);
        panel.findChild<QCheckBox*>(QStringLiteral("profileHidePrim"))->setChecked(false);
        int control = 0;
        for (const ptscope::NodeProfile& n : loop->nodes)
            control += n.control ? 1 : 0;
        QVERIFY(control > 0);
        panel.findChild<QCheckBox*>(QStringLiteral("profileHideControl"))->setChecked(true);
        QCOMPARE(proxy->rowCount(), int(loop->nodes.size()) - control);
        for (int row = 0; row < proxy->rowCount(); ++row)
            QVERIFY(!proxy->index(row, 0).data(ProfileNodesModel::ControlRole).toBool());
    }

    void selectionFollowsEveryView()
    {
        const ProfileResultPtr result = m_results.at(QStringLiteral("resnet18"));
        ProfilePanel panel;
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setResult(result);
        // The tab fits a 900-pixel window beside the docks' minimum.
        QVERIFY2(panel.minimumSizeHint().width() <= 700, qPrintable(QString::number(panel.minimumSizeHint().width())));
        QSignalSpy selected(&panel, &ProfilePanel::nodeSelected);
        QTableView* view = panel.nodesView();

        // A click on a table row.
        const QModelIndex third = view->model()->index(2, ProfileNodesModel::Kind);
        const int thirdId = third.data(ProfileNodesModel::NodeIdRole).toInt();
        view->scrollTo(third);
        click(view->viewport(), view->visualRect(third).center());
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.last().at(0).toInt(), thirdId);
        QCOMPARE(panel.selectedNode(), thirdId);
        QCOMPARE(panel.topNodesChart()->chart()->highlighted(), int(panel.topNodesChart()->nodeIds().indexOf(thirdId)));
        QCOMPARE(panel.nodeRunsChart()->median(), nodeById(*result, thirdId)->ms.median);

        // From outside: selects without emitting.
        const int conv = firstNodeOfKind(*result, "aten::conv2d")->id;
        panel.selectNode(conv);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(panel.selectedNode(), conv);
        QCOMPARE(view->selectionModel()->currentIndex().data(ProfileNodesModel::NodeIdRole).toInt(), conv);
        QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(panel.rooflineChart()->plot()->graph(8)->dataCount(), 1); // the selected point's ring
        QVERIFY(panel.timelineChart()->barCenter(conv).x() > 0);
        // A node that did not run clears the selection.
        panel.selectNode(-5);
        QCOMPARE(panel.selectedNode(), -1);
        QVERIFY(view->selectionModel()->selectedRows().isEmpty());
        QCOMPARE(selected.count(), 1);

        // A click on the top-N chart's third bar.
        TopNodesChart* top = panel.topNodesChart();
        showTab(panel, top, top->chart()->plot());
        click(top->chart()->plot(), top->chart()->barCenter(2));
        QCOMPARE(selected.count(), 2);
        QCOMPARE(selected.last().at(0).toInt(), top->nodeIds().at(2));
        QCOMPARE(view->selectionModel()->currentIndex().data(ProfileNodesModel::NodeIdRole).toInt(),
                 top->nodeIds().at(2));
        QCOMPARE(top->chart()->highlighted(), 2);

        // A click on the timeline's bar of the slowest node.
        TimelineChart* timeline = panel.timelineChart();
        showTab(panel, timeline, timeline->plot());
        const int slowest = top->nodeIds().at(0);
        click(timeline->plot(), timeline->barCenter(slowest));
        QCOMPARE(selected.count(), 3);
        QCOMPARE(selected.last().at(0).toInt(), slowest);
        QCOMPARE(panel.selectedNode(), slowest);
        // A drag pans rather than selects.
        const QPoint from = timeline->barCenter(conv).toPoint();
        QTest::mousePress(timeline->plot(), Qt::LeftButton, Qt::NoModifier, from);
        QTest::mouseMove(timeline->plot(), from + QPoint(60, 0));
        QTest::mouseRelease(timeline->plot(), Qt::LeftButton, Qt::NoModifier, from + QPoint(60, 0));
        QCOMPARE(selected.count(), 3);

        // A click on a roofline point.
        RooflineChart* roofline = panel.rooflineChart();
        showTab(panel, roofline, roofline->plot());
        QVERIFY(!roofline->points().isEmpty());
        const int pointId = roofline->points().constLast().id;
        click(roofline->plot(), roofline->pointCenter(pointId));
        QCOMPARE(selected.count(), 4);
        QCOMPARE(selected.last().at(0).toInt(), pointId);
        QCOMPARE(view->selectionModel()->currentIndex().data(ProfileNodesModel::NodeIdRole).toInt(), pointId);

        // Clicking a kind lists its nodes.
        KindTimeChart* kinds = panel.kindChart();
        showTab(panel, kinds, kinds->chart()->plot());
        click(kinds->chart()->plot(), kinds->chart()->barCenter(0));
        QCOMPARE(panel.filterEdit()->text(), QString::fromStdString(result->byKind.front().key));
        QCOMPARE(selected.count(), 4);
    }

    void topNodesAndKinds_data() { documents(); }
    void topNodesAndKinds()
    {
        const ProfileResultPtr result = resultFor();
        ProfilePanel panel;
        panel.setResult(result);
        TopNodesChart* top = panel.topNodesChart();
        QCOMPARE(top->count(), 20);
        const std::vector<double> medians = leafMediansDescending(*result);
        const size_t n = std::min<size_t>(20, medians.size());
        QCOMPARE(top->values(), QVector<double>(medians.begin(), medians.begin() + qsizetype(n)));
        QCOMPARE(top->chart()->plot()->plottable(0)->interface1D()->dataCount(), int(n));
        for (int i = 0; i < top->nodeIds().size(); ++i)
            QCOMPARE(nodeById(*result, top->nodeIds()[i])->ms.median, top->values()[i]);
        top->setCount(5);
        QCOMPARE(top->values(), QVector<double>(medians.begin(), medians.begin() + qsizetype(std::min<size_t>(5, n))));

        KindTimeChart* kinds = panel.kindChart();
        const size_t shown = std::min<size_t>(result->byKind.size(), KindTimeChart::MaxBars);
        QCOMPARE(kinds->chart()->bars().size(), qsizetype(shown));
        if (result->byKind.size() <= size_t(KindTimeChart::MaxBars)) {
            for (size_t i = 0; i < shown; ++i) {
                QCOMPARE(kinds->kinds()[qsizetype(i)], QString::fromStdString(result->byKind[i].key));
                QCOMPARE(kinds->chart()->bars()[qsizetype(i)].value, result->byKind[i].medianMs);
            }
        }
    }

    void timeline_data() { documents(); }
    void timeline()
    {
        const ProfileResultPtr result = resultFor();
        ProfilePanel panel;
        panel.setResult(result);
        TimelineChart* timeline = panel.timelineChart();
        const int median = ptscope::medianRunIndex(*result);
        QVERIFY(median >= 0);
        QCOMPARE(timeline->run(), median);
        QCOMPARE(timeline->barCount(), int(result->timelines[size_t(median)].events.size()));
        int depths = 0;
        for (const ptscope::TimelineEvent& e : result->timelines[size_t(median)].events)
            depths = std::max(depths, e.depth + 1);
        QCOMPARE(timeline->timeline()->depthCount(), depths);
        if (tagIs("loop") || tagIs("transformer"))
            QVERIFY(depths > 1); // nodes inside If/Loop blocks get rows of their own
        const int other = median == 0 ? 1 : 0;
        timeline->setRun(other);
        QCOMPARE(timeline->barCount(), int(result->timelines[size_t(other)].events.size()));
        // The x axis covers the run.
        timeline->fit();
        QVERIFY(timeline->plot()->xAxis->range().upper >= result->timelines[size_t(other)].totalUs / 1000 * 0.99);
    }

    // A run of hundreds of thousands of calls (a long loop) must replot fast: sub-pixel calls
    // are merged, so the pixels drawn stay bounded by the plot's width.
    void bigTimelineStaysResponsive()
    {
        auto big = std::make_shared<ptscope::ProfileResult>(*m_results.at(QStringLiteral("loop")));
        ptscope::RunTimeline& run = big->timelines.front();
        const std::vector<ptscope::TimelineEvent> one = run.events;
        QVERIFY(!one.empty());
        run.events.clear();
        const int copies = 300000 / int(one.size()) + 1;
        for (int c = 0; c < copies; ++c) {
            for (ptscope::TimelineEvent e : one) {
                e.startUs += c * run.totalUs;
                run.events.push_back(e);
            }
        }
        run.totalUs *= copies;
        for (size_t i = 1; i < big->timelines.size(); ++i)
            big->timelines[i] = run;
        TimelineChart chart;
        chart.resize(1400, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QElapsedTimer timer;
        timer.start();
        chart.setResult(big);
        const qint64 setUp = timer.restart();
        QCOMPARE(chart.barCount(), int(run.events.size()));
        for (int i = 0; i < 5; ++i)
            chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
        const qint64 replot = timer.elapsed() / 5;
        const int drawn = chart.timeline()->lastDrawnRects();
        qInfo("%zu events: set up in %lld ms, replot %lld ms, %d rectangles drawn", run.events.size(), setUp,
              replot, drawn);
        QVERIFY(drawn > 0);
        QVERIFY2(drawn <= chart.plot()->axisRect()->width() * chart.timeline()->depthCount(), "sub-pixel calls merged");
        QVERIFY2(replot < 250, "replot of a big timeline at full zoom");
        // Zoomed in, only the visible calls are drawn, each as its own bar.
        chart.plot()->xAxis->setRange(0, one.back().startUs / 1000 * 3);
        chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QVERIFY(chart.timeline()->lastDrawnRects() > 0);
        QVERIFY(chart.timeline()->lastDrawnRects() < 20 * int(one.size()));
    }

    void memoryAndRuns_data() { documents(); }
    void memoryAndRuns()
    {
        const ProfileResultPtr result = resultFor();
        ProfilePanel panel;
        panel.setResult(result);
        MemoryChart* memory = panel.memoryChart();
        QCOMPARE(memory->pointCount(), int(result->memory.curve.size()));
        QVERIFY(memory->peakStep() >= 0);
        QCOMPARE(result->memory.curve[size_t(memory->peakStep())].activationBytes, result->memory.peakActivationBytes);
        // Stacked on inputs and parameters, or alone: the same points.
        const double base = double(result->memory.inputBytes + result->memory.parameterBytes);
        const double stackedPeak = memory->curve()->dataMainValue(memory->peakStep());
        memory->setStacked(false);
        QCOMPARE(memory->pointCount(), int(result->memory.curve.size()));
        const double alonePeak = memory->curve()->dataMainValue(memory->peakStep());
        if (base > 0)
            QVERIFY(stackedPeak != alonePeak || result->memory.peakActivationBytes == 0);

        NodeRunsChart* runs = panel.nodeRunsChart();
        QCOMPARE(runs->values(), QVector<double>(result->executorRunsMs.begin(), result->executorRunsMs.end()));
        QCOMPARE(runs->median(), result->executorMs.median);
        const ptscope::NodeProfile& node = *nodeById(*result, panel.topNodesChart()->nodeIds().at(0));
        panel.selectNode(node.id);
        QCOMPARE(runs->values(), QVector<double>(node.runsMs.begin(), node.runsMs.end()));
        QCOMPARE(runs->median(), node.ms.median);
        QCOMPARE(int(node.runsMs.size()), result->runs);
    }

    void roofline_data() { documents(); }
    void roofline()
    {
        const ProfileResultPtr result = resultFor();
        ProfilePanel panel;
        panel.setResult(result);
        RooflineChart* roofline = panel.rooflineChart();
        std::map<int, ptscope::NodeRoofline> placed;
        int meaningful = 0;
        for (const ptscope::NodeProfile& n : result->nodes) {
            const ptscope::NodeRoofline r = ptscope::rooflineOf(n, result->peaks);
            meaningful += r.meaningful ? 1 : 0;
            if (r.meaningful && r.intensity > 0 && r.gflopsPerSecond > 0)
                placed.emplace(n.id, r);
        }
        QCOMPARE(roofline->points().size(), qsizetype(placed.size()));
        QCOMPARE(int(roofline->points().size()) + roofline->unplacedCount(), meaningful);
        int drawn = 0;
        for (int g = 0; g < 8; ++g)
            drawn += roofline->plot()->graph(g)->dataCount();
        QCOMPARE(drawn, int(placed.size()));
        for (const RooflineChart::Point& p : roofline->points()) {
            QVERIFY(placed.count(p.id));
            QCOMPARE(p.intensity, placed.at(p.id).intensity);
            QCOMPARE(p.gflops, placed.at(p.id).gflopsPerSecond);
            QCOMPARE(p.computeBound, placed.at(p.id).computeBound);
        }
        QCOMPARE(roofline->plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
        QCOMPARE(roofline->plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        // The roofs: memory, cache (when faster), each flattening at the compute peak.
        QCPGraph* memoryRoof = roofline->plot()->graph(9);
        QCOMPARE(memoryRoof->dataCount(), 3);
        QCOMPARE(memoryRoof->dataMainValue(2), result->peaks.gflops);
        QCOMPARE(memoryRoof->dataMainKey(1), ptscope::ridgeIntensity(result->peaks));
        if (tagIs("resnet18"))
            QVERIFY(placed.size() >= 20); // every convolution
    }

    void treemap()
    {
        const ProfileResultPtr result = m_results.at(QStringLiteral("resnet18"));
        ProfilePanel panel;
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setResult(result);
        panel.chartTabs()->setCurrentWidget(panel.moduleTreemap());
        QCoreApplication::processEvents();
        ModuleTreemap* map = panel.moduleTreemap();
        const QVector<ModuleTreemap::Cell>& cells = map->cells();
        QVERIFY(!cells.isEmpty());
        // The root fills the map; its children (conv1, layer1, ...) share it in proportion to time.
        QCOMPARE(result->byModule[size_t(cells.first().group)].key, std::string());
        double childArea = 0;
        double childMs = 0;
        QVector<const ModuleTreemap::Cell*> children;
        for (const ModuleTreemap::Cell& cell : cells) {
            if (cell.depth == 1) {
                children.append(&cell);
                childArea += cell.rect.width() * cell.rect.height();
                childMs += result->byModule[size_t(cell.group)].medianMs;
            }
        }
        QVERIFY(children.size() >= 8);
        for (const ModuleTreemap::Cell* cell : children) {
            const double share = cell->rect.width() * cell->rect.height() / childArea;
            const double expected = result->byModule[size_t(cell->group)].medianMs / childMs;
            QVERIFY2(std::abs(share - expected) < 0.01 + expected * 0.05,
                     qPrintable(QString::fromStdString(result->byModule[size_t(cell->group)].key)));
            // Nested: the module's children lie inside it.
            QVERIFY(cells.first().rect.contains(cell->rect));
        }
        // A click on layer4 lists layer4's nodes.
        const ModuleTreemap::Cell* layer4 = nullptr;
        for (const ModuleTreemap::Cell* cell : children) {
            if (result->byModule[size_t(cell->group)].key == "layer4")
                layer4 = cell;
        }
        QVERIFY(layer4);
        QCOMPARE(map->groupAt(layer4->rect.topLeft() + QPointF(4, 4)), layer4->group);
        click(map, layer4->rect.topLeft() + QPointF(4, 4));
        QCOMPARE(panel.filterEdit()->text(), QStringLiteral("module:layer4"));
        QCOMPARE(panel.nodesProxy()->moduleFilter(), QStringLiteral("layer4"));
        QVERIFY(panel.nodesProxy()->rowCount() > 0);
        for (int row = 0; row < panel.nodesProxy()->rowCount(); ++row)
            QVERIFY(panel.nodesProxy()->index(row, ProfileNodesModel::Module).data().toString().startsWith(QLatin1String("layer4")));
    }

    void squarifyKeepsAreas()
    {
        const QVector<double> values{6, 6, 4, 3, 2, 2, 1, 0};
        const QRectF rect(10, 20, 600, 400);
        const QVector<QRectF> rects = squarify(values, rect);
        QCOMPARE(rects.size(), values.size());
        const double total = 24;
        for (int i = 0; i < values.size(); ++i) {
            QVERIFY(rect.adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(rects[i]) || values[i] == 0);
            QVERIFY(std::abs(rects[i].width() * rects[i].height() - values[i] / total * 600 * 400) < 1e-6 * 600 * 400);
            for (int j = 0; j < i; ++j)
                QVERIFY(!rects[i].intersected(rects[j]).isValid() ||
                        rects[i].intersected(rects[j]).width() * rects[i].intersected(rects[j]).height() < 1e-6);
        }
        QVERIFY(rects.last().isEmpty());
    }

    void summary()
    {
        const ProfileResultPtr result = m_results.at(QStringLiteral("resnet18"));
        ProfilePanel panel;
        QVERIFY(panel.summary()->text().contains(QStringLiteral("No profile yet")));
        panel.setResult(result);
        const QString text = panel.summary()->text();
        QVERIFY2(text.contains(ProfileFormat::duration(result->forwardMs.median)), qPrintable(text));
        QVERIFY2(text.contains(ProfileFormat::duration(result->executorMs.median)), qPrintable(text));
        QVERIFY(text.contains(ProfileFormat::percent(result->leafFraction)));
        QVERIFY(text.contains(ProfileFormat::bytes(result->memory.peakActivationBytes)));
        QVERIFY(text.contains(ProfileFormat::gflops(result->peaks.gflops)));
        QVERIFY(text.contains(QStringLiteral("%1 matched to nodes").arg(result->events.matched)));
        QVERIFY(text.contains(ProfileFormat::blasName(result->blas)));
        QVERIFY(panel.summary()->warningText().isEmpty());
        QVERIFY(panel.controls()->status().contains(QString::number(result->nodes.size())));

        // Outputs that differ from forward's are said.
        auto differs = std::make_shared<ptscope::ProfileResult>(*result);
        differs->outputsEqualForward = false;
        panel.setResult(differs);
        QVERIFY(panel.summary()->warningText().contains(QStringLiteral("differ from forward")));
    }

    // A graph the node executor cannot run: only whole forwards were timed, and the tab says why.
    void fallbackShowsWholeForwardOnly()
    {
        auto fallback = std::make_shared<ptscope::ProfileResult>(*m_results.at(QStringLiteral("resnet18")));
        fallback->nodeLevel = false;
        fallback->fallbackReason = "the graph has a prim::Uninitialized node (not run node by node); only whole "
                                   "forwards were timed";
        fallback->nodes.clear();
        fallback->byKind.clear();
        fallback->byModule.clear();
        fallback->timelines.clear();
        fallback->memory = {};
        fallback->executorRunsMs.clear();
        fallback->executorMs = {};
        ProfilePanel panel;
        panel.setResult(fallback);
        QVERIFY(panel.summary()->warningText().contains(QStringLiteral("prim::Uninitialized")));
        QVERIFY(panel.summary()->text().contains(ProfileFormat::duration(fallback->forwardMs.median)));
        QVERIFY(!panel.summary()->text().contains(QStringLiteral("node executor")));
        QCOMPARE(panel.nodesModel()->rowCount(), 0);
        QVERIFY(panel.topNodesChart()->nodeIds().isEmpty());
        QCOMPARE(panel.timelineChart()->barCount(), 0);
        QCOMPARE(panel.memoryChart()->pointCount(), 0);
        QVERIFY(panel.rooflineChart()->points().isEmpty());
        QCOMPARE(panel.nodeRunsChart()->values(),
                 QVector<double>(fallback->forwardRunsMs.begin(), fallback->forwardRunsMs.end()));
        QVERIFY(panel.controls()->status().contains(QStringLiteral("no per-node times")));
        // Still exportable.
        QString error;
        QVERIFY2(panel.exportTo(QStringLiteral("json"), m_temp.filePath(QStringLiteral("fallback.json")), &error),
                 qPrintable(error));
        QCOMPARE(ptscope::profileResultFromJson(fileBytes(m_temp.filePath(QStringLiteral("fallback.json"))).toStdString())
                     .nodeLevel,
                 false);
    }

    void speedupReport()
    {
        ProfilePanel panel;
        panel.setResult(m_results.at(QStringLiteral("resnet18")));
        QCOMPARE(panel.speedupView()->model()->rowCount(), 0);
        const ProfileResultPtr result = m_results.at(QStringLiteral("speedup"));
        panel.setResult(result);
        QCOMPARE(panel.speedupView()->model()->rowCount(), int(result->speedup->rows.size()));
        const QString first = panel.speedupView()->firstRunsText();
        QCOMPARE(int(result->speedup->firstRunsMs.size()), 10);
        for (size_t i = 0; i < result->speedup->firstRunsMs.size(); ++i)
            QVERIFY2(first.contains(ProfileFormat::duration(result->speedup->firstRunsMs[i])), qPrintable(first));
        QVERIFY(panel.speedupView()->adviceText().contains(QStringLiteral("Fastest here")));
    }

    void controls()
    {
        ProfilePanel panel;
        const ProfileSettings defaults = panel.settings();
        QCOMPARE(defaults.variant, QStringLiteral("inlined"));
        QCOMPARE(defaults.warmup, 3);
        QCOMPARE(defaults.runs, 20);
        QCOMPARE(defaults.threads, 0);
        QCOMPARE(defaults.speedup, false);
        ProfileSettings s;
        s.variant = QStringLiteral("frozen");
        s.warmup = 1;
        s.runs = 7;
        s.threads = 2;
        s.speedup = true;
        panel.setSettings(s);
        const ProfileSettings back = panel.settings();
        QCOMPARE(back.variant, s.variant);
        QCOMPARE(back.warmup, s.warmup);
        QCOMPARE(back.runs, s.runs);
        QCOMPARE(back.threads, s.threads);
        QCOMPARE(back.speedup, s.speedup);

        QSignalSpy requested(&panel, &ProfilePanel::profileRequested);
        QSignalSpy cancelled(&panel, &ProfilePanel::cancelRequested);
        auto* profile = panel.findChild<QPushButton*>(QStringLiteral("profileButton"));
        auto* cancel = panel.findChild<QPushButton*>(QStringLiteral("cancelProfileButton"));
        QVERIFY(profile && cancel);
        QVERIFY(!cancel->isEnabled());
        profile->click();
        QCOMPARE(requested.count(), 1);
        panel.setBusy(true);
        QVERIFY(!profile->isEnabled());
        QVERIFY(cancel->isEnabled());
        panel.setProgress(QStringLiteral("run 3 of 7"), 3, 7);
        QCOMPARE(panel.controls()->status(), QStringLiteral("run 3 of 7"));
        cancel->click();
        QCOMPARE(cancelled.count(), 1);
        panel.setBusy(false);
        QVERIFY(profile->isEnabled());

        panel.showError(QStringLiteral("The model cannot be profiled."), QStringLiteral("traceback"));
        QCOMPARE(panel.banner()->message(), QStringLiteral("The model cannot be profiled."));
        QCOMPARE(panel.banner()->detail(), QStringLiteral("traceback"));
        panel.setInputsSummary(QStringLiteral("Inputs from the Run tab: float32[1,3,224,224]"));
        auto* inputs = panel.findChild<QLabel*>(QStringLiteral("profileInputs"));
        QCOMPARE(inputs->text(), QStringLiteral("Inputs from the Run tab: float32[1,3,224,224]"));
        QVERIFY(!inputs->isHidden());
    }

    void clearForgetsTheResult()
    {
        ProfilePanel panel;
        panel.setResult(m_results.at(QStringLiteral("resnet18")));
        panel.selectNode(panel.topNodesChart()->nodeIds().at(0));
        QVERIFY(panel.selectedNode() >= 0);
        panel.clear();
        QVERIFY(!panel.result());
        QCOMPARE(panel.selectedNode(), -1);
        QCOMPARE(panel.nodesModel()->rowCount(), 0);
        QCOMPARE(panel.timelineChart()->barCount(), 0);
        QCOMPARE(panel.memoryChart()->pointCount(), 0);
        QString error;
        QVERIFY(!panel.exportTo(QStringLiteral("csv"), m_temp.filePath(QStringLiteral("none.csv")), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(m_temp.filePath(QStringLiteral("none.csv"))));
    }

    void exports_data() { documents(); }
    void exports()
    {
        const ProfileResultPtr result = resultFor();
        ProfilePanel panel;
        panel.setResult(result);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        QString error;

        const QString csv = m_temp.filePath(tag + QStringLiteral(".csv"));
        QVERIFY2(panel.exportTo(QStringLiteral("csv"), csv, &error), qPrintable(error));
        const QList<QStringList> records = parseCsv(QString::fromUtf8(fileBytes(csv)));
        QCOMPARE(records.size(), qsizetype(result->nodes.size() + 1)); // a header, then a row per node
        for (const QStringList& record : records)
            QCOMPARE(record.size(), records.first().size());

        const QString json = m_temp.filePath(tag + QStringLiteral(".profile.json"));
        QVERIFY2(panel.exportTo(QStringLiteral("json"), json, &error), qPrintable(error));
        const ptscope::ProfileResult back = ptscope::profileResultFromJson(fileBytes(json).toStdString());
        QCOMPARE(back.nodes.size(), result->nodes.size());
        QCOMPARE(back.executorMs.median, result->executorMs.median);
        QCOMPARE(back.timelines.size(), result->timelines.size()); // the full document, timelines included
        QCOMPARE(back.timelines.front().events.size(), result->timelines.front().events.size());
        QCOMPARE(back.speedup.has_value(), result->speedup.has_value());

        const QString trace = m_temp.filePath(tag + QStringLiteral(".trace.json"));
        QVERIFY2(panel.exportTo(QStringLiteral("chrome-trace"), trace, &error), qPrintable(error));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(fileBytes(trace), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        const QJsonArray events = doc.object().value(QStringLiteral("traceEvents")).toArray();
        size_t complete = 0;
        for (const QJsonValue& event : events) {
            const QJsonObject e = event.toObject();
            if (e.value(QStringLiteral("ph")).toString() != QLatin1String("X"))
                continue;
            ++complete;
            QVERIFY(e.contains(QStringLiteral("ts")) && e.contains(QStringLiteral("dur")));
            QVERIFY(!e.value(QStringLiteral("name")).toString().isEmpty());
        }
        size_t expected = 0;
        for (const ptscope::RunTimeline& t : result->timelines)
            expected += t.events.size();
        QVERIFY(expected > 0);
        QCOMPARE(complete, expected);
    }

    void failedExportLeavesNothing()
    {
        ProfilePanel panel;
        panel.setResult(m_results.at(QStringLiteral("loop")));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("afolder")));
        const QStringList before = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QString error;
        // A folder in the way, and a folder that does not exist.
        for (const QString& path : {dir.filePath(QStringLiteral("afolder")),
                                    dir.filePath(QStringLiteral("missing/profile.csv"))}) {
            for (const QString& format : ProfileExport::formats()) {
                error.clear();
                QVERIFY(!panel.exportTo(format, path, &error));
                QVERIFY2(error.contains(QStringLiteral("Cannot write")), qPrintable(error));
            }
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), before);
        QVERIFY(QDir(dir.filePath(QStringLiteral("afolder"))).isEmpty());
        QVERIFY(!panel.exportTo(QStringLiteral("xml"), dir.filePath(QStringLiteral("x.xml")), &error));
        QVERIFY(error.contains(QStringLiteral("xml")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.xml"))));
        // An existing file stays as it was when the new one cannot be written in its place.
        const QString existing = dir.filePath(QStringLiteral("kept.csv"));
        QVERIFY(panel.exportTo(QStringLiteral("csv"), existing, &error));
        const QByteArray kept = fileBytes(existing);
        QVERIFY(!panel.exportTo(QStringLiteral("xml"), existing, &error));
        QCOMPARE(fileBytes(existing), kept);
    }

private:
    static bool tagIs(const char* tag) { return qstrcmp(QTest::currentDataTag(), tag) == 0; }

    void documents()
    {
        QTest::addColumn<QString>("name");
        for (const char* name : {"resnet18", "loop", "transformer", "speedup"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    ProfileResultPtr resultFor() const
    {
        QFETCH(QString, name);
        return m_results.at(name);
    }

    static const ptscope::NodeProfile* firstNodeOfKind(const ptscope::ProfileResult& r, const std::string& kind)
    {
        for (const ptscope::NodeProfile& n : r.nodes) {
            if (n.kind == kind)
                return &n;
        }
        return nullptr;
    }

    // Profiles a fixture through ptscope-cli, as the worker would, and reads its JSON document.
    ProfileResultPtr profile(const QString& fixture, const QStringList& inputs, const QStringList& extra = {})
    {
        const QString out = m_temp.filePath(QFileInfo(fixture).completeBaseName() + QStringLiteral(".json"));
        QStringList args{QStringLiteral("profile"), UiTest::fixturePath(fixture)};
        for (const QString& input : inputs)
            args << QStringLiteral("--input") << input;
        args << QStringLiteral("--runs") << QStringLiteral("3") << QStringLiteral("--warmup") << QStringLiteral("2")
             << QStringLiteral("--json-file") << out << extra;
        QProcess cli;
        cli.start(QStringLiteral(PTSCOPE_CLI_PATH), args);
        if (!cli.waitForFinished(TimeoutMs) || cli.exitCode() != 0) {
            qWarning("ptscope-cli %s failed: %s", qPrintable(args.join(QLatin1Char(' '))),
                     cli.readAllStandardError().constData());
            return nullptr;
        }
        return std::make_shared<const ptscope::ProfileResult>(ptscope::profileResultFromJson(fileBytes(out).toStdString()));
    }

    QTemporaryDir m_temp;
    std::map<QString, ProfileResultPtr> m_results;
};

QTEST_MAIN(ProfilePanelTest)
#include "profilepaneltest.moc"
