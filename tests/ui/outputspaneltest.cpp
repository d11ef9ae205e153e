#include "run/outputspanel.h"

#include "run/outputexport.h"
#include "run/outputtreemodel.h"
#include "run/tensordetailview.h"
#include "run/tensorhistogram.h"
#include "run/tensorvalues.h"
#include "run/tensorvaluesmodel.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <cmath>
#include <cstring>
#include <numeric>
#include <ptscope/io/npy.h>
#include <ptscope/run/runjson.h>
#include <unistd.h>

using Kind = ptscope::OutputInfo::Kind;

namespace {

constexpr int TimeoutMs = 120000;

template <typename T>
ptscope::NpyArray array(const std::string& dtype, std::vector<int64_t> shape, const std::vector<T>& values)
{
    ptscope::NpyArray a;
    a.dtype = dtype;
    a.shape = std::move(shape);
    a.data.resize(values.size() * sizeof(T));
    std::memcpy(a.data.data(), values.data(), a.data.size());
    return a;
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::optional<double> optionalNumber(const QJsonValue& value)
{
    return value.isDouble() ? std::optional<double>(value.toDouble()) : std::nullopt;
}

Kind kindOf(const QString& id)
{
    for (const Kind kind : {Kind::Tensor, Kind::Int, Kind::Float, Kind::Bool, Kind::String, Kind::None,
                            Kind::Tuple, Kind::List, Kind::Dict, Kind::Other}) {
        if (id == QLatin1String(ptscope::outputKindId(kind)))
            return kind;
    }
    return Kind::Other;
}

// An output as make_run_fixtures.py listed it in cases.json; files made absolute.
ptscope::OutputInfo outputFromJson(const QJsonObject& o)
{
    ptscope::OutputInfo out;
    out.path = o.value(QStringLiteral("path")).toString().toStdString();
    out.kind = kindOf(o.value(QStringLiteral("kind")).toString());
    out.size = o.value(QStringLiteral("size")).toInteger();
    if (out.kind == Kind::Tensor) {
        ptscope::TensorStats& s = out.tensor;
        s.dtype = o.value(QStringLiteral("dtype")).toString().toStdString();
        s.numel = 1;
        for (const QJsonValue& dim : o.value(QStringLiteral("shape")).toArray()) {
            s.shape.push_back(dim.toInteger());
            s.numel *= dim.toInteger();
        }
        s.min = optionalNumber(o.value(QStringLiteral("min")));
        s.max = optionalNumber(o.value(QStringLiteral("max")));
        s.mean = optionalNumber(o.value(QStringLiteral("mean")));
        s.std = optionalNumber(o.value(QStringLiteral("std")));
        s.nan = o.value(QStringLiteral("nan")).toInteger();
        s.inf = o.value(QStringLiteral("inf")).toInteger();
        out.file = UiTest::fixturePath(o.value(QStringLiteral("file")).toString()).toStdString();
    }
    const QJsonValue value = o.value(QStringLiteral("value"));
    if (out.kind == Kind::Int)
        out.value = int64_t(value.toInteger());
    else if (out.kind == Kind::Float)
        out.value = value.toDouble();
    else if (out.kind == Kind::Bool)
        out.value = value.toBool();
    else if (value.isString())
        out.value = value.toString().toStdString();
    return out;
}

std::vector<ptscope::OutputInfo> outputsFromJson(const QJsonArray& outputs)
{
    std::vector<ptscope::OutputInfo> list;
    for (const QJsonValue& output : outputs)
        list.push_back(outputFromJson(output.toObject()));
    return list;
}

QJsonArray runCases()
{
    QFile file(UiTest::fixturePath(QStringLiteral("run/cases.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("cases")).toArray();
}

QJsonObject runCase(const QString& name)
{
    for (const QJsonValue& c : runCases()) {
        if (c.toObject().value(QStringLiteral("name")).toString() == name)
            return c.toObject();
    }
    return {};
}

// A RunResult as the worker would report the case, built from cases.json.
RunResultPtr resultOfCase(const QString& name)
{
    const QJsonObject c = runCase(name);
    auto result = std::make_shared<ptscope::RunResult>();
    result->model = UiTest::fixturePath(c.value(QStringLiteral("model")).toString()).toStdString();
    if (c.contains(QStringLiteral("samples"))) {
        result->batch = true;
        for (const QJsonValue& sample : c.value(QStringLiteral("samples")).toArray())
            result->samples.push_back(
                {sample.toObject().value(QStringLiteral("name")).toString().toStdString(),
                 outputsFromJson(sample.toObject().value(QStringLiteral("outputs")).toArray())});
    } else {
        result->samples.push_back({"", outputsFromJson(c.value(QStringLiteral("outputs")).toArray())});
    }
    if (c.contains(QStringLiteral("outputs_pt")))
        result->savedOutputs =
            UiTest::fixturePath(c.value(QStringLiteral("outputs_pt")).toString()).toStdString();
    return result;
}

ptscope::OutputInfo output(const std::string& path, Kind kind, int64_t size = 0)
{
    ptscope::OutputInfo o;
    o.path = path;
    o.kind = kind;
    o.size = size;
    return o;
}

QStringList strings(std::initializer_list<const char*> texts)
{
    QStringList list;
    for (const char* text : texts)
        list.append(QString::fromUtf8(text));
    return list;
}

QStringList childNames(const QAbstractItemModel& model, const QModelIndex& parent)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names.append(model.index(row, 0, parent).data().toString());
    return names;
}

// Every element read straight from the bytes, as double, without TensorValues.
std::vector<double> rawDoubles(const ptscope::NpyArray& a)
{
    std::vector<double> out;
    const char* p = a.data.data();
    for (int64_t i = 0; i < a.numel(); ++i) {
        if (a.dtype == "float32") {
            float v;
            std::memcpy(&v, p + 4 * i, 4);
            out.push_back(v);
        } else if (a.dtype == "float64") {
            double v;
            std::memcpy(&v, p + 8 * i, 8);
            out.push_back(v);
        } else if (a.dtype == "int64") {
            int64_t v;
            std::memcpy(&v, p + 8 * i, 8);
            out.push_back(double(v));
        }
    }
    return out;
}

} // namespace

class OutputsPanelTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        UiTest::isolateSettings();
        QVERIFY2(!runCases().isEmpty(), "run fixtures missing: build the test_fixtures target");
        QVERIFY(m_temp.isValid());
    }

    // ---- TensorValues ----

    void elementsOfEveryDtype()
    {
        const auto read = [this](const std::string& name, const ptscope::NpyArray& a) {
            const std::string path = m_temp.filePath(QString::fromStdString(name)).toStdString();
            ptscope::writeNpy(path, a);
            return TensorValues::read(path);
        };
        const TensorValues b = read("b.npy", array<uint8_t>("bool", {3}, {1, 0, 1}));
        QVERIFY(b.isBool() && b.isIntegral());
        QCOMPARE(b.text(0), QStringLiteral("true"));
        QCOMPARE(b.text(1), QStringLiteral("false"));
        QCOMPARE(b.value(2), 1.0);

        const int64_t big = (int64_t(1) << 62) + 1; // not a double
        const TensorValues i64 = read("i64.npy", array<int64_t>("int64", {2}, {big, -7}));
        QCOMPARE(i64.text(0), QString::number(big));
        QCOMPARE(i64.text(1), QStringLiteral("-7"));
        QCOMPARE(read("u64.npy", array<uint64_t>("uint64", {1}, {~uint64_t(0)})).text(0),
                 QStringLiteral("18446744073709551615"));
        QCOMPARE(read("i8.npy", array<int8_t>("int8", {1}, {-128})).value(0), -128.0);
        QCOMPARE(read("u8.npy", array<uint8_t>("uint8", {1}, {255})).text(0), QStringLiteral("255"));
        QCOMPARE(read("i16.npy", array<int16_t>("int16", {1}, {-300})).text(0), QStringLiteral("-300"));
        QCOMPARE(read("i32.npy", array<int32_t>("int32", {1}, {123456789})).value(0), 123456789.0);

        const float inf = std::numeric_limits<float>::infinity();
        const TensorValues f32 =
            read("f32.npy", array<float>("float32", {5}, {0.1f, -2.5f, std::nanf(""), inf, -inf}));
        QCOMPARE(f32.text(0), QStringLiteral("0.1")); // shortest text that reads back to 0.1f
        QCOMPARE(f32.value(0), double(0.1f));
        QCOMPARE(f32.text(1), QStringLiteral("-2.5"));
        QCOMPARE(f32.text(2), QStringLiteral("nan"));
        QCOMPARE(f32.text(3), QStringLiteral("inf"));
        QCOMPARE(f32.text(4), QStringLiteral("-inf"));
        const TensorValues f64 = read("f64.npy", array<double>("float64", {1}, {0.1}));
        QCOMPARE(f64.text(0), QStringLiteral("0.1"));

        // float16: 1.5, -0, +inf, NaN, the smallest subnormal (2^-24), 65504.
        const TensorValues f16 = read(
            "f16.npy", array<uint16_t>("float16", {6}, {0x3e00, 0x8000, 0x7c00, 0x7e00, 0x0001, 0x7bff}));
        QCOMPARE(f16.value(0), 1.5);
        QCOMPARE(f16.text(1), QStringLiteral("-0"));
        QCOMPARE(f16.text(2), QStringLiteral("inf"));
        QCOMPARE(f16.text(3), QStringLiteral("nan"));
        QCOMPARE(f16.value(4), std::ldexp(1.0, -24));
        QCOMPARE(f16.value(5), 65504.0);

        const TensorValues c64 = read("c64.npy", array<float>("complex64", {2}, {1.5f, -2.f, 0.f, 0.25f}));
        QVERIFY(c64.isComplex());
        QCOMPARE(c64.text(0), QStringLiteral("1.5-2j"));
        QCOMPARE(c64.text(1), QStringLiteral("0+0.25j"));
        QCOMPARE(c64.complexValue(0), std::complex<double>(1.5, -2));
        const TensorValues c128 = read("c128.npy", array<double>("complex128", {1}, {0.1, 3}));
        QCOMPARE(c128.text(0), QStringLiteral("0.1+3j"));

        const TensorValues scalar = read("scalar.npy", array<float>("float32", {}, {4.f}));
        QCOMPARE(scalar.numel(), int64_t(1));
        QCOMPARE(scalar.indexText(0), QStringLiteral("[]"));
        const TensorValues cube =
            read("cube.npy", array<float>("float32", {2, 3, 4}, std::vector<float>(24)));
        QCOMPARE(cube.indexText(23), QStringLiteral("[1, 2, 3]"));
        QCOMPARE(cube.indexText(5), QStringLiteral("[0, 1, 1]"));
    }

    // Every tensor the run fixtures wrote, decoded here, has the statistics Python computed.
    void realOutputsDecodeToPythonsStatistics()
    {
        int tensors = 0;
        for (const QJsonValue& c : runCases()) {
            QJsonArray outputs = c.toObject().value(QStringLiteral("outputs")).toArray();
            for (const QJsonValue& sample : c.toObject().value(QStringLiteral("samples")).toArray())
                for (const QJsonValue& o : sample.toObject().value(QStringLiteral("outputs")).toArray())
                    outputs.append(o);
            for (const QJsonValue& o : outputs) {
                const ptscope::OutputInfo info = outputFromJson(o.toObject());
                if (info.kind != Kind::Tensor || info.file.empty())
                    continue;
                const QString what = QString::fromStdString(info.file);
                const TensorValues values = TensorValues::read(info.file);
                QCOMPARE(values.shape(), info.tensor.shape);
                const Histogram h = computeHistogram(values);
                QCOMPARE(h.nan, info.tensor.nan);
                QCOMPARE(h.posInf + h.negInf, info.tensor.inf);
                QCOMPARE(std::accumulate(h.counts.begin(), h.counts.end(), int64_t(0)), h.finite);
                if (!info.tensor.min) // complex or no finite values
                    continue;
                double min = INFINITY, max = -INFINITY, sum = 0;
                for (int64_t i = 0; i < values.numel(); ++i) {
                    const double v = values.value(i);
                    if (!std::isfinite(v))
                        continue;
                    min = std::min(min, v);
                    max = std::max(max, v);
                    sum += v;
                }
                QVERIFY2(min == *info.tensor.min && max == *info.tensor.max, qPrintable(what));
                QVERIFY2(std::abs(sum / h.finite - *info.tensor.mean) <=
                             1e-6 * (1 + std::abs(sum / h.finite)),
                         qPrintable(what));
                ++tensors;
            }
        }
        QVERIFY(tensors > 30);
    }

    // ---- Histogram ----

    void histogramOfFloatsLeavesNonFiniteOut()
    {
        const float inf = std::numeric_limits<float>::infinity();
        std::vector<float> data{std::nanf(""), inf, -inf, inf};
        for (int i = 0; i <= 64; ++i)
            data.push_back(float(i) / 64); // exact in binary, so bin edges are exact too
        const Histogram h =
            computeHistogram(TensorValues(array<float>("float32", {int64_t(data.size())}, data)), 8);
        QCOMPARE(h.bins(), 8);
        QCOMPARE(h.nan, int64_t(1));
        QCOMPARE(h.posInf, int64_t(2));
        QCOMPARE(h.negInf, int64_t(1));
        QCOMPARE(h.finite, int64_t(65));
        QCOMPARE(h.lower, 0.0);
        QCOMPARE(h.binLower(8), 1.0);
        // Eight values per bin; the last bin also holds the maximum.
        QCOMPARE(h.counts, (std::vector<int64_t>{8, 8, 8, 8, 8, 8, 8, 9}));

        // Values at both ends of float64 must not overflow the range.
        const double huge = std::numeric_limits<double>::max();
        const Histogram wide =
            computeHistogram(TensorValues(array<double>("float64", {3}, {-huge, 0, huge})), 4);
        QCOMPARE(wide.counts, (std::vector<int64_t>{1, 2}));
        // About sqrt(n) bins for few values.
        QCOMPARE(computeHistogram(TensorValues(array<float>("float32", {4}, {0, 1, 2, 3}))).bins(), 2);
    }

    void histogramOfEqualValuesIsOneBin()
    {
        const Histogram h =
            computeHistogram(TensorValues(array<float>("float32", {4}, {2.5f, 2.5f, 2.5f, 2.5f})));
        QCOMPARE(h.bins(), 1);
        QCOMPARE(h.counts[0], int64_t(4));
        QVERIFY(h.binLower(0) < 2.5 && h.binLower(1) > 2.5);

        const Histogram none = computeHistogram(TensorValues(array<float>("float32", {1}, {std::nanf("")})));
        QCOMPARE(none.bins(), 0);
        QCOMPARE(none.nan, int64_t(1));
        QCOMPARE(computeHistogram(TensorValues(array<float>("float32", {0}, {}))).bins(), 0);
    }

    void histogramOfIntegersHasWholeNumberBins()
    {
        const Histogram small =
            computeHistogram(TensorValues(array<int64_t>("int64", {5}, {3, 5, 5, 7, 3})), 64);
        QVERIFY(small.integral);
        QCOMPARE(small.bins(), 5); // 3, 4, 5, 6, 7
        QCOMPARE(small.counts, (std::vector<int64_t>{2, 0, 2, 0, 1}));
        QCOMPARE(small.binCenter(0), 3.0);

        std::vector<int32_t> many(1000);
        std::iota(many.begin(), many.end(), -500);
        const Histogram wide = computeHistogram(TensorValues(array<int32_t>("int32", {1000}, many)), 64);
        QVERIFY(wide.bins() <= 64);
        QCOMPARE(wide.binWidth, std::ceil(1000.0 / 64));
        QCOMPARE(std::accumulate(wide.counts.begin(), wide.counts.end(), int64_t(0)), int64_t(1000));

        const Histogram flags = computeHistogram(TensorValues(array<uint8_t>("bool", {4}, {1, 1, 1, 0})));
        QVERIFY(flags.isBool);
        QCOMPARE(flags.counts, (std::vector<int64_t>{1, 3}));
        const Histogram allTrue = computeHistogram(TensorValues(array<uint8_t>("bool", {2}, {1, 1})));
        QCOMPARE(allTrue.counts, (std::vector<int64_t>{0, 2}));

        const Histogram complex =
            computeHistogram(TensorValues(array<float>("complex64", {2}, {3.f, 4.f, 0.f, 1.f})), 4);
        QVERIFY(complex.magnitude);
        QCOMPARE(complex.finite, int64_t(2));
        QCOMPARE(complex.lower, 1.0); // |0+1j| .. |3+4j|
    }

    // ---- TensorValuesModel ----

    void valuesModelLaysOutDimensions()
    {
        TensorValuesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model.rowCount(), 0);

        std::vector<float> data(2 * 3 * 4);
        std::iota(data.begin(), data.end(), 0.f);
        model.setValues(std::make_shared<const TensorValues>(array<float>("float32", {2, 3, 4}, data)));
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(model.headerData(4, Qt::Vertical).toString(), QStringLiteral("[1, 1]"));
        QCOMPARE(model.headerData(3, Qt::Horizontal).toString(), QStringLiteral("3"));
        QCOMPARE(model.index(4, 3).data().toString(), QStringLiteral("19"));
        QCOMPARE(model.index(4, 3).data(TensorValuesModel::IndexTextRole).toString(),
                 QStringLiteral("[1, 1, 3]"));

        model.setValues(std::make_shared<const TensorValues>(array<float>("float32", {5}, {1, 2, 3, 4, 5})));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), 1);
        QCOMPARE(model.headerData(2, Qt::Vertical).toString(), QStringLiteral("[2]"));
        QCOMPARE(model.index(2, 0).data(TensorValuesModel::ValueRole).toDouble(), 3.0);

        model.setValues(std::make_shared<const TensorValues>(array<double>("float64", {}, {0.5})));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), 1);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("0.5"));

        // Too wide for columns: one element per row, labelled with its full index.
        const int64_t wide = TensorValuesModel::MaxColumns + 1;
        model.setValues(std::make_shared<const TensorValues>(
            array<float>("float32", {2, wide}, std::vector<float>(size_t(2 * wide)))));
        QCOMPARE(model.columnCount(), 1);
        QCOMPARE(model.totalRows(), 2 * wide);
        QCOMPARE(model.headerData(1, Qt::Vertical).toString(), QStringLiteral("[0, 1]"));

        model.setValues(std::make_shared<const TensorValues>(array<float>("float32", {3, 0}, {})));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void valuesModelPages()
    {
        TensorValuesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        std::vector<int64_t> data(50 * 3);
        std::iota(data.begin(), data.end(), int64_t(0));
        model.setValues(std::make_shared<const TensorValues>(array<int64_t>("int64", {50, 3}, data)));
        QSignalSpy pages(&model, &TensorValuesModel::pageChanged);
        model.setPageRows(7);
        QCOMPARE(model.pageCount(), 8);
        QCOMPARE(model.rowCount(), 7);
        model.setPage(7);
        QCOMPARE(model.page(), 7);
        QCOMPARE(model.rowCount(), 1); // rows 49
        QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("[49]"));
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("149"));
        model.setPage(100); // clamped
        QCOMPARE(model.page(), 7);
        model.setPage(2);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("42"));
        QCOMPARE(pages.count(), 3);
        // Changing the page size keeps the first row in view.
        model.setPageRows(10);
        QCOMPARE(model.page(), 1);
        QCOMPARE(model.index(4, 0).data().toString(), QStringLiteral("42"));
        // Every element appears exactly once across the pages.
        std::vector<int> seen(data.size());
        for (int page = 0; page < model.pageCount(); ++page) {
            model.setPage(page);
            for (int row = 0; row < model.rowCount(); ++row)
                for (int column = 0; column < model.columnCount(); ++column)
                    ++seen[size_t(model.index(row, column).data().toLongLong())];
        }
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
    }

    void valuesModelShowsARealOutputExactly()
    {
        const RunResultPtr result = resultOfCase(QStringLiteral("resnet18_eval"));
        const std::string file = result->samples[0].outputs[0].file;
        const ptscope::NpyArray raw = ptscope::readNpy(file);
        const std::vector<double> expected = rawDoubles(raw);
        QCOMPARE(expected.size(), size_t(1000));
        TensorValuesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setValues(std::make_shared<const TensorValues>(raw));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), 1000);
        for (int column = 0; column < 1000; ++column) {
            const QModelIndex cell = model.index(0, column);
            QCOMPARE(cell.data(TensorValuesModel::ValueRole).toDouble(), expected[size_t(column)]);
            // The text reads back to the same float32.
            QCOMPARE(cell.data().toString().toFloat(), float(expected[size_t(column)]));
        }
    }

    // ---- OutputTreeModel ----

    void treeFollowsContainerSizesNotDots()
    {
        // forward returns (x, [1, {"a.b": t, "c": None}], {"": "text"}, {}), flattened.
        auto result = std::make_shared<ptscope::RunResult>();
        std::vector<ptscope::OutputInfo> outs;
        outs.push_back(output("0", Kind::Tensor));
        outs.push_back(output("1", Kind::List, 2));
        outs.push_back(output("1.0", Kind::Int));
        outs.back().value = int64_t(1);
        outs.push_back(output("1.1", Kind::Dict, 2));
        outs.push_back(output("1.1.a.b", Kind::Tensor));
        outs.push_back(output("1.1.c", Kind::None));
        outs.push_back(output("2", Kind::Dict, 1));
        outs.push_back(output("2.", Kind::String));
        outs.back().value = std::string("text\nsecond line");
        outs.push_back(output("3", Kind::Tuple, 0));
        outs.push_back(output("4", Kind::Float));
        outs.back().value = std::nan("");
        result->samples.push_back({"", outs});

        OutputTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setResult(result);
        QCOMPARE(childNames(model, {}), (strings({"0", "1", "2", "3", "4"})));
        const QModelIndex list = model.index(1, 0);
        QCOMPARE(childNames(model, list), (strings({"0", "1"})));
        const QModelIndex dict = model.index(1, 0, list);
        QCOMPARE(childNames(model, dict), (strings({"a.b", "c"})));
        QCOMPARE(model.index(0, 0, dict).data(OutputTreeModel::PathRole).toString(),
                 QStringLiteral("1.1.a.b"));
        QCOMPARE(model.index(0, 0, dict).data(OutputTreeModel::OutputIndexRole).toInt(), 4);
        QCOMPARE(model.index(0, 0, dict).data(Qt::ToolTipRole).toString(), QStringLiteral("1.1.a.b"));
        QCOMPARE(model.index(1, OutputTreeModel::Value, dict).data().toString(), QStringLiteral("None"));
        QCOMPARE(childNames(model, model.index(2, 0)), (strings({""})));
        QCOMPARE(model.index(0, OutputTreeModel::Value, model.index(2, 0)).data().toString(),
                 QStringLiteral("text"));
        QCOMPARE(model.rowCount(model.index(3, 0)), 0);
        QCOMPARE(model.index(3, OutputTreeModel::Value).data().toString(), QStringLiteral("0 elements"));
        QCOMPARE(model.index(1, OutputTreeModel::Value).data().toString(), QStringLiteral("2 elements"));
        QCOMPARE(model.index(4, OutputTreeModel::Value).data().toString(), QStringLiteral("nan"));
        QCOMPARE(model.indexOfPath(QStringLiteral("1.1.c")), model.index(1, 0, dict));
        QCOMPARE(model.parent(model.index(1, 0, dict)), dict);

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void treeOfADetector()
    {
        OutputTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setResult(resultOfCase(QStringLiteral("detect_all")));
        QCOMPARE(childNames(model, {}), (strings({"0", "1"})));
        QCOMPARE(model.rowCount(model.index(0, 0)), 0); // no losses in eval mode
        const QModelIndex detections = model.index(1, 0);
        QCOMPARE(childNames(model, detections), (strings({"0", "1"})));
        const QModelIndex first = model.index(0, 0, detections);
        QCOMPARE(childNames(model, first), (strings({"boxes", "scores", "labels"})));
        const QModelIndex boxes = model.index(0, 0, first);
        QCOMPARE(boxes.data(OutputTreeModel::PathRole).toString(), QStringLiteral("1.0.boxes"));
        QCOMPARE(boxes.siblingAtColumn(OutputTreeModel::Shape).data().toString(), QStringLiteral("[1, 4]"));
        QCOMPARE(boxes.siblingAtColumn(OutputTreeModel::DType).data().toString(), QStringLiteral("float32"));
        QCOMPARE(boxes.siblingAtColumn(OutputTreeModel::NaN).data().toString(), QStringLiteral("0"));
        QVERIFY(!boxes.siblingAtColumn(OutputTreeModel::NaN).data(Qt::ForegroundRole).isValid());
        const QModelIndex scores = model.index(1, 0, first);
        QCOMPARE(scores.siblingAtColumn(OutputTreeModel::Std).data().toString(), QStringLiteral("–"));
        QCOMPARE(model.index(2, OutputTreeModel::Min, first).data().toString(), QStringLiteral("0"));
    }

    void nonFiniteCountsAreHighlighted()
    {
        OutputTreeModel model;
        model.setResult(resultOfCase(QStringLiteral("identity_npy_float32_special")));
        const QModelIndex nan = model.index(0, OutputTreeModel::NaN);
        QCOMPARE(nan.data().toString(), QStringLiteral("2"));
        QVERIFY(nan.data(Qt::ForegroundRole).isValid());
        QVERIFY(model.index(0, OutputTreeModel::Inf).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.index(0, OutputTreeModel::Min).data(OutputTreeModel::SortRole).toDouble(), -2.5);
    }

    // ---- OutputsPanel ----

    void panelShowsTensorsAndScalars()
    {
        OutputsPanel panel;
        QSignalSpy loaded(&panel, &OutputsPanel::tensorLoaded);
        panel.setResult(resultOfCase(QStringLiteral("text_args_all")));
        QCOMPARE(panel.currentOutput(), -1);
        QVERIFY(panel.selectOutput(QStringLiteral("0")));
        QCOMPARE(loaded.count(), 1); // small: read at once
        QVERIFY(panel.currentValues());
        QCOMPARE(panel.valuesModel()->rowCount(), 2);
        QCOMPARE(panel.valuesModel()->columnCount(), 3);
        const Histogram& h = panel.histogram()->histogram();
        QCOMPARE(std::accumulate(h.counts.begin(), h.counts.end(), int64_t(0)), int64_t(6));
        QVERIFY(panel.tensorView()->summary()->text().contains(QStringLiteral("[2, 3]")));
        QVERIFY(panel.saveTensorAction()->isEnabled());

        QVERIFY(panel.selectOutput(QStringLiteral("1")));
        QCOMPARE(panel.currentPath(), QStringLiteral("1"));
        QVERIFY(!panel.currentValues());
        QVERIFY(!panel.saveTensorAction()->isEnabled());
        const auto* text = panel.findChild<QPlainTextEdit*>(QStringLiteral("outputText"));
        QVERIFY(text);
        QCOMPARE(text->toPlainText(), QStringLiteral("SQUARE"));
        QVERIFY(!panel.selectOutput(QStringLiteral("9")));

        panel.clear();
        QCOMPARE(panel.treeModel()->rowCount(), 0);
        QCOMPARE(panel.currentOutput(), -1);
        QVERIFY(!panel.saveOutputsAction()->isEnabled());
    }

    void bigTensorsAreReadInTheBackground()
    {
        OutputsPanel panel;
        panel.setAsyncReadBytes(0);
        QSignalSpy loaded(&panel, &OutputsPanel::tensorLoaded);
        panel.setResult(resultOfCase(QStringLiteral("resnet18_eval")));
        QVERIFY(panel.selectOutput(QStringLiteral("0")));
        QVERIFY(panel.isReading());
        QVERIFY(!panel.currentValues());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, TimeoutMs);
        QVERIFY(!panel.isReading());
        QCOMPARE(panel.valuesModel()->columnCount(), 1000);
        const Histogram& h = panel.histogram()->histogram();
        QCOMPARE(std::accumulate(h.counts.begin(), h.counts.end(), int64_t(0)), int64_t(1000));

        // A read overtaken by another selection is dropped.
        panel.setResult(resultOfCase(QStringLiteral("detect_all")));
        loaded.clear();
        QVERIFY(panel.selectOutput(QStringLiteral("1.0.boxes")));
        QVERIFY(panel.selectOutput(QStringLiteral("1.1.scores")));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, TimeoutMs);
        UiTest::drainJobs();
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.first().first().toString(), QStringLiteral("1.1.scores"));
        QCOMPARE(panel.valuesModel()->rowCount(), 1);
    }

    void unreadableTensorFileIsReported()
    {
        auto result =
            std::make_shared<ptscope::RunResult>(*resultOfCase(QStringLiteral("identity_float64_2_3")));
        result->samples[0].outputs[0].file = m_temp.filePath(QStringLiteral("gone.npy")).toStdString();
        OutputsPanel panel;
        QSignalSpy failed(&panel, &OutputsPanel::tensorLoadFailed);
        panel.setResult(result);
        QVERIFY(panel.selectOutput(QStringLiteral("0")));
        QCOMPARE(failed.count(), 1);
        QVERIFY(!panel.currentValues());
    }

    void batchOffersASampleSelector()
    {
        OutputsPanel panel;
        panel.setResult(resultOfCase(QStringLiteral("simplenet_batch")));
        auto* samples = panel.findChild<QComboBox*>(QStringLiteral("sampleSelector"));
        QVERIFY(samples);
        QCOMPARE(samples->count(), 3);
        QCOMPARE(samples->itemText(1), QStringLiteral("sample1"));
        QVERIFY(panel.isSampleSelectorShown());
        QVERIFY(panel.selectOutput(QStringLiteral("0")));
        const double first = panel.valuesModel()->index(0, 0).data(TensorValuesModel::ValueRole).toDouble();
        samples->setCurrentIndex(2);
        QCOMPARE(panel.sample(), 2);
        QCOMPARE(panel.currentPath(), QStringLiteral("0")); // the same output, in the other sample
        const std::string file = panel.result()->samples[2].outputs[0].file;
        QCOMPARE(panel.valuesModel()->index(0, 0).data(TensorValuesModel::ValueRole).toDouble(),
                 rawDoubles(ptscope::readNpy(file))[0]);
        QVERIFY(panel.valuesModel()->index(0, 0).data(TensorValuesModel::ValueRole).toDouble() != first);

        panel.setResult(resultOfCase(QStringLiteral("detect_all")));
        QVERIFY(!panel.isSampleSelectorShown());
    }

    // ---- Saving ----

    // A real run through ptscope-cli, as the worker would report it, saved three ways.
    void savesWhatTheRunWrote()
    {
        const RunResultPtr result = runDetector();
        QVERIFY(result);
        OutputsPanel panel;
        panel.setResult(result);
        QSignalSpy finished(&panel, &OutputsPanel::exportFinished);
        QVERIFY(panel.saveOutputsAction()->isEnabled());
        QVERIFY(panel.saveAllTensorsAction()->isEnabled());

        QTemporaryDir out;
        const QString pt = out.filePath(QStringLiteral("outputs.pt"));
        panel.saveOutputsPt(pt);
        QVERIFY(waitFor(finished));
        QCOMPARE(fileBytes(pt), fileBytes(QString::fromStdString(result->savedOutputs)));

        QVERIFY(panel.selectOutput(QStringLiteral("1.1.boxes")));
        const QString npy = out.filePath(QStringLiteral("boxes.npy"));
        panel.saveTensorNpy(npy);
        QVERIFY(waitFor(finished));
        QCOMPARE(result->samples[0].outputs[7].path, std::string("1.1.boxes"));
        QCOMPARE(fileBytes(npy), fileBytes(QString::fromStdString(result->samples[0].outputs[7].file)));

        const QString folder = out.filePath(QStringLiteral("all"));
        QVERIFY(QDir().mkpath(folder));
        panel.saveAllTensorsNpy(folder);
        QVERIFY(waitFor(finished));
        const QStringList names = QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
        QCOMPARE(names, (strings({"1.0.boxes.npy", "1.0.labels.npy", "1.0.scores.npy", "1.1.boxes.npy",
                                  "1.1.labels.npy", "1.1.scores.npy"})));
        for (const ptscope::OutputInfo& o : result->samples[0].outputs) {
            if (o.kind == Kind::Tensor)
                QCOMPARE(
                    fileBytes(QDir(folder).filePath(QString::fromStdString(o.path) + QStringLiteral(".npy"))),
                    fileBytes(QString::fromStdString(o.file)));
        }
        // Again into the same folder: refused without overwrite, done with it.
        panel.saveAllTensorsNpy(folder);
        QVERIFY(!waitFor(finished));
        QVERIFY(finished.last().at(1).toString().contains(QStringLiteral("already holds")));
        panel.saveAllTensorsNpy(folder, true);
        QVERIFY(waitFor(finished));
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), names);
    }

    void failedSavesLeaveNothingBehind()
    {
        const RunResultPtr result = resultOfCase(QStringLiteral("detect_all"));
        OutputsPanel panel;
        panel.setResult(result);
        QSignalSpy finished(&panel, &OutputsPanel::exportFinished);
        QTemporaryDir out;

        // A "folder" that is a file: nothing can be written under it.
        const QString blocker = out.filePath(QStringLiteral("blocker"));
        QVERIFY(QFile(blocker).open(QIODevice::WriteOnly));
        panel.saveOutputsPt(blocker + QStringLiteral("/outputs.pt"));
        QVERIFY(!waitFor(finished));
        QVERIFY(panel.selectOutput(QStringLiteral("1.0.boxes")));
        panel.saveTensorNpy(blocker + QStringLiteral("/boxes.npy"));
        QVERIFY(!waitFor(finished));
        panel.saveAllTensorsNpy(blocker);
        QVERIFY(!waitFor(finished));
        QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 strings({"blocker"}));

        // A folder without write permission (root may write anyway, then the check is moot).
        const QString locked = out.filePath(QStringLiteral("locked"));
        QVERIFY(QDir().mkpath(locked));
        QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner);
        if (geteuid() != 0) {
            panel.saveOutputsPt(locked + QStringLiteral("/outputs.pt"));
            QVERIFY(!waitFor(finished));
            panel.saveAllTensorsNpy(locked);
            QVERIFY(!waitFor(finished));
            QVERIFY(QDir(locked).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
        }
        QFile::setPermissions(locked, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

        // One tensor's file missing half-way: the folder gets none of them, not even a staging folder.
        auto broken = std::make_shared<ptscope::RunResult>(*result);
        broken->samples[0].outputs[7].file = out.filePath(QStringLiteral("gone.npy")).toStdString();
        panel.setResult(broken);
        const QString folder = out.filePath(QStringLiteral("all"));
        QVERIFY(QDir().mkpath(folder));
        panel.saveAllTensorsNpy(folder);
        QVERIFY(!waitFor(finished));
        QVERIFY(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());

        // An existing file replaced by a failed copy keeps its old content.
        const QString existing = out.filePath(QStringLiteral("existing.npy"));
        {
            QFile file(existing);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("old");
        }
        QVERIFY(panel.selectOutput(QStringLiteral("1.1.boxes"))); // the missing file
        panel.saveTensorNpy(existing);
        QVERIFY(!waitFor(finished));
        QCOMPARE(fileBytes(existing), QByteArray("old"));
    }

    void neverWritesOverTheRunsInputs()
    {
        const QString model = m_temp.filePath(QStringLiteral("model.pt"));
        const QString input = m_temp.filePath(QStringLiteral("input.npy"));
        for (const QString& path : {model, input}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("mine");
        }
        auto result = std::make_shared<ptscope::RunResult>(*resultOfCase(QStringLiteral("detect_all")));
        result->model = model.toStdString();
        result->inputs.push_back({"x", "@" + input.toStdString(), "tensor", {}, {}});
        OutputsPanel panel;
        panel.setResult(result);
        QSignalSpy finished(&panel, &OutputsPanel::exportFinished);
        panel.saveOutputsPt(model);
        QVERIFY(!waitFor(finished));
        QVERIFY(panel.selectOutput(QStringLiteral("1.0.boxes")));
        panel.saveTensorNpy(input);
        QVERIFY(!waitFor(finished));
        QCOMPARE(fileBytes(model), QByteArray("mine"));
        QCOMPARE(fileBytes(input), QByteArray("mine"));
        // Nor onto the file it copies from.
        panel.saveTensorNpy(QString::fromStdString(result->samples[0].outputs[3].file));
        QVERIFY(!waitFor(finished));
    }

    void exportNamesAreSafeAndUnique()
    {
        std::vector<ptscope::OutputInfo> outs;
        for (const char* path : {"0.a/b", "0.a_b", "0.A_B", ".hidden", "x y"}) {
            outs.push_back(output(path, Kind::Tensor));
            outs.back().file = "/f";
        }
        outs.push_back(output("1", Kind::Int));
        QStringList names;
        for (const OutputExport::TensorFile& file : OutputExport::tensorFiles(outs))
            names.append(file.name);
        QCOMPARE(names, (strings({"0.a_b.npy", "0.a_b~2.npy", "0.A_B~3.npy", "_.hidden.npy", "x_y.npy"})));
    }

    // PTSCOPE_OUTPUTS_SCREENSHOT=FILE.png saves the panel showing a detector's outputs, to look at.
    void screenshot()
    {
        const QString file = qEnvironmentVariable("PTSCOPE_OUTPUTS_SCREENSHOT");
        if (file.isEmpty())
            QSKIP("PTSCOPE_OUTPUTS_SCREENSHOT not set");
        const RunResultPtr result = runDetector();
        QVERIFY(result);
        OutputsPanel panel;
        panel.resize(1200, 640);
        panel.setResult(result);
        panel.show();
        QVERIFY(
            panel.selectOutput(qEnvironmentVariable("PTSCOPE_OUTPUTS_SELECT", QStringLiteral("1.0.boxes"))));
        if (qEnvironmentVariableIsSet("PTSCOPE_OUTPUTS_TAB"))
            panel.tensorView()->tabs()->setCurrentIndex(qEnvironmentVariableIntValue("PTSCOPE_OUTPUTS_TAB"));
        QTest::qWait(50);
        QVERIFY(panel.grab().save(file));
    }

private:
    static bool waitFor(QSignalSpy& finished)
    {
        const int before = finished.count();
        if (!QTest::qWaitFor([&] { return finished.count() > before; }, TimeoutMs))
            return false;
        return finished.last().at(0).toBool();
    }

    // Runs the detector through ptscope-cli with --save-npy and --save-outputs into m_temp.
    RunResultPtr runDetector()
    {
        const QString npy = m_temp.filePath(QStringLiteral("run-npy"));
        const QString saved = m_temp.filePath(QStringLiteral("run-outputs.pt"));
        QProcess cli;
        cli.start(QStringLiteral(PTSCOPE_CLI_PATH),
                  {QStringLiteral("run"), UiTest::fixturePath(QStringLiteral("run/detect_scripted.pt")),
                   QStringLiteral("--inputs"),
                   QLatin1Char('@') + UiTest::fixturePath(QStringLiteral("run/inputs/detect.inputs.pt")),
                   QStringLiteral("--save-npy"), npy, QStringLiteral("--save-outputs"), saved,
                   QStringLiteral("--json")});
        if (!cli.waitForFinished(TimeoutMs) || cli.exitCode() != 0) {
            qWarning("ptscope-cli run failed: %s", cli.readAllStandardError().constData());
            return nullptr;
        }
        return std::make_shared<const ptscope::RunResult>(
            ptscope::runResultFromJson(cli.readAllStandardOutput().toStdString()));
    }

    QTemporaryDir m_temp;
};

QTEST_MAIN(OutputsPanelTest)
#include "outputspaneltest.moc"
